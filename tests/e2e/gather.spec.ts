import { test, expect, openSiteWithPopup } from './harness/fixtures';

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname;
};

test('a link counts as the original only if it is an image: otherwise the image shown is judged', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('linked.test')}/`);
  const verdicts = await popup.collect();
  const byPath = new Map(verdicts.map((v) => [pathOf(v.url), v]));
  // The MediaWiki-style link answers HTML, the other link 404: neither is a verdict of its own…
  expect([...byPath.keys()]).not.toContain('/wiki/File:Kestrel.jpg');
  expect([...byPath.keys()]).not.toContain('/missing/heron.jpg');
  // …the image each shows is judged instead (at the largest rendition it names), and a link
  // that is an image file is still taken as the full-size original.
  for (const path of ['/img/kestrel-440.png', '/img/heron.png', '/full/owl.png']) expect(byPath.get(path)?.decision, path).toBe('permitted');
  expect([...byPath.keys()]).not.toContain('/img/owl-thumb.png');
  // When the image shown fails too, that is its verdict, explained by its own failure.
  expect(byPath.get('/gone/egret.jpg')).toMatchObject({ decision: 'failed', reasons: ['fetch-failed'] });
  expect([...byPath.keys()]).not.toContain('/wiki/File:Gone.jpg');
  await expect(popup.page.locator('[data-testid="verdict"][data-url$="/gone/egret.jpg"]')).toContainText('HTTP 404');

  const { manifest } = await popup.exportManifest();
  const kestrel = manifest.items.find((i: { url: string }) => pathOf(i.url) === '/img/kestrel-440.png');
  expect(kestrel.width).toBe(440);
  expect(pathOf(kestrel.context.linkUrl)).toBe('/wiki/File:Kestrel.jpg');
  const note = kestrel.evidence.find((e: { kind: string; source: string }) => e.kind === 'fetch' && pathOf(e.source) === '/wiki/File:Kestrel.jpg');
  expect(note).toMatchObject({ effect: 'info', value: expect.stringContaining('text/html') });
});

test('Min image side applies to the fetched bytes: an icon whose size the scan could not know is skipped, not listed', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('linked.test')}/`);
  const verdicts = await popup.collect();
  const paths = verdicts.map((v) => pathOf(v.url));
  expect(paths.filter((p) => p.startsWith('/img/icon-'))).toEqual([]);
  // Small as stored but shown large is no icon (smaller both ways is, as for the scan).
  expect(verdicts.find((v) => pathOf(v.url) === '/img/upscaled.png')?.decision).toBe('permitted');
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toContainText('1 skipped');
  const { manifest } = await popup.exportManifest();
  expect(manifest.items.map((i: { url: string }) => pathOf(i.url))).not.toContain('/img/icon-40.png');
  // A skipped icon is no failure: the one failure is the egret, whose link and image are both missing.
  expect(manifest.summary.failed).toEqual({ 'fetch-failed': 1 });
});
