import { test, expect, openSiteWithPopup } from './harness/fixtures';

// DESIGN.md §2 rule 4: element- and page-level markup speak only for images on the page's own
// site; what site A says about site B's image is a third-party claim, never a grant.
test("a page's figure licence covers its own image, not another site's (directly or through a redirect)", async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('a.test')}/`);
  const verdicts = await popup.collect();
  const row = (url: string) => {
    const v = verdicts.find((x) => x.url === url);
    if (!v) throw new Error(`no verdict for ${url}: ${verdicts.map((x) => x.url).join(', ')}`);
    return v;
  };
  const own = `${sites.origin('a.test')}/img/own.png`;
  const third = `${sites.origin('b.test')}/img/photo.png`;
  const redirected = `${sites.origin('a.test')}/img/moved.png`;

  expect(row(own)).toMatchObject({ decision: 'permitted', reasons: [] });
  expect(row(third)).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
  expect(row(redirected)).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
  // The refusal says whose claim it was: the claim is kept as evidence, not used as a licence.
  for (const url of [third, redirected]) {
    await expect(popup.page.locator(`[data-testid="verdict"][data-url="${url}"]`)).toContainText('licence stated by a.test');
  }
  // The redirect was followed to B (the bytes came from B), and B was asked for them.
  expect(sites.requests).toContain('b.test /img/moved.png');

  const { manifest } = await popup.exportManifest();
  expect(manifest.items.map((i: { url: string }) => i.url)).toEqual([own]);
});
