import { test, expect, openSiteWithPopup } from './harness/fixtures';
import { saveSetting } from './harness/library-page';
import { SETTINGS_CHANGED_CHANNEL } from '../../utils/store/stored-settings';
import type { VerdictRow } from './harness/popup-page';

const byPath = (verdicts: VerdictRow[], path: string) => {
  const v = verdicts.find((x) => new URL(x.url).pathname === path);
  if (!v) throw new Error(`no verdict for ${path}: ${verdicts.map((x) => x.url).join(', ')}`);
  return v;
};

test('every signal takes effect on its own image, with its own reason', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('signals.test')}/`);
  // GPTBot is disallowed for /private/ only: an opt-out that covers some paths.
  expect(await popup.siteStatus()).toBe('restricted');
  expect(await popup.siteReasons()).toContain('robots-disallow');

  const verdicts = await popup.collect();
  const expectations: [string, string, string[]][] = [
    ['/img/plain.png', 'permitted', []],
    ['/img/xrobots.png', 'refused', ['x-robots-tag']],
    ['/img/usage.png', 'refused', ['content-usage-n']],
    ['/private/secret.png', 'refused', ['robots-disallow']],
    ['/img/reserved.png', 'refused', ['tdm-reserved']],
    ['/img/jsonld-nc.png', 'refused', ['licence-not-accepted']],
    ['/img/figure-sa.png', 'permitted', []],
    ['/img/conflict.png', 'refused', ['licence-conflict']],
    ['/img/redirect.png', 'refused', ['robots-disallow']],
    ['/open/cc0.png', 'permitted', []],
    ['/open/nodm.png', 'refused', ['xmp-data-mining']],
    ['/open/c2pa-not-allowed.jpg', 'refused', ['c2pa-not-allowed']],
    ['/open/c2pa-allowed.jpg', 'permitted', []],
    ['/img/missing.png', 'failed', ['fetch-failed']],
  ];
  for (const [path, decision, reasons] of expectations) {
    expect.soft(byPath(verdicts, path), path).toEqual(expect.objectContaining({ decision, reasons }));
  }

  const { manifest } = await popup.exportManifest();
  const licenceOf = (path: string) => manifest.items.find((i: { url: string }) => new URL(i.url).pathname === path)?.licence;
  expect(licenceOf('/img/plain.png')).toMatchObject({ id: 'CC-BY-4.0', source: 'page' });
  expect(licenceOf('/img/figure-sa.png')).toMatchObject({ id: 'CC-BY-SA-4.0', source: 'element' });
  expect(licenceOf('/open/cc0.png')).toMatchObject({ id: 'CC0-1.0', source: 'xmp' });
  expect(licenceOf('/open/c2pa-allowed.jpg')).toMatchObject({ id: 'CC0-1.0', source: 'xmp' });
  expect(manifest.items).toHaveLength(4);
});

test('a page-level opt-out blocks the site and stores nothing', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('optout-meta.test')}/`);
  expect(await popup.siteStatus()).toBe('blocked');
  expect(await popup.siteReasons()).toEqual(['meta-robots']);
  const verdicts = await popup.collect();
  expect(verdicts).toHaveLength(2);
  expect(verdicts.every((v) => v.decision === 'refused' && v.reasons.includes('meta-robots'))).toBe(true);
  const { manifest } = await popup.exportManifest();
  expect(manifest.items).toEqual([]);
});

test('an unreachable robots.txt (503) disallows everything', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('down.test')}/`);
  expect(await popup.siteStatus()).toBe('blocked');
  expect(await popup.siteReasons()).toContain('robots-unreachable');
  const verdicts = await popup.collect();
  expect(verdicts.map((v) => v.decision)).toEqual(['refused']);
});

test('RSL: a licence requiring payment for AI training refuses; a free one permits', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('rsl.test')}/`);
  const verdicts = await popup.collect();
  expect(byPath(verdicts, '/free/a.png')).toMatchObject({ decision: 'permitted', reasons: [] });
  expect(byPath(verdicts, '/paid/b.png')).toMatchObject({ decision: 'refused', reasons: ['rsl-prohibits'] });
});

test('RSL a page or an image response declares (inline, linked, Link header) refuses the images it covers; the site reads restricted', async ({ heed, sites }) => {
  const inline = await openSiteWithPopup(heed, `${sites.origin('rsl.test')}/inline.html`);
  expect(await inline.popup.siteStatus()).toBe('restricted');
  expect(await inline.popup.siteReasons()).toContain('rsl-prohibits');
  let verdicts = await inline.popup.collect();
  expect(byPath(verdicts, '/no-ai/a.png')).toMatchObject({ decision: 'refused', reasons: ['rsl-prohibits'] });
  expect(byPath(verdicts, '/free/c.png')).toMatchObject({ decision: 'permitted', reasons: [] });

  const linked = await openSiteWithPopup(heed, `${sites.origin('rsl.test')}/linked.html`);
  verdicts = await linked.popup.collect();
  expect(byPath(verdicts, '/members/a.png')).toMatchObject({ decision: 'refused', reasons: ['rsl-prohibits'] });
  expect(byPath(verdicts, '/free/d.png')).toMatchObject({ decision: 'permitted', reasons: [] });
  expect(byPath(verdicts, '/resp/e.png')).toMatchObject({ decision: 'refused', reasons: ['rsl-prohibits'] }); // its response's Link header
  expect(sites.requests).toContain('rsl.test /page-license.xml');
  expect(sites.requests).toContain('rsl.test /image-license.xml');
});

test('ai.txt disallowing the image type refuses it', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('aitxt.test')}/`);
  const verdicts = await popup.collect();
  expect(byPath(verdicts, '/art/a.png')).toMatchObject({ decision: 'refused', reasons: ['ai-txt-disallow'] });
});

// An image proxy serves another site's file under its own address: the file's owner's robots.txt
// speaks for it (DESIGN.md §2 rules 2 and 5), read before the proxy is asked for it.
test("a file served through an image proxy is refused by its owner's robots.txt, before the proxy is asked", async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('proxied.test')}/`);
  const pageLoaded = sites.log.length; // the page's own <img> loads come before
  const verdicts = await popup.collect();
  const port = new URL(sites.origin('owner.test')).port;
  const through = (path: string) => `${sites.origin('imgproxy.test')}/fetch.png?url=${encodeURIComponent(`http://owner.test:${port}${path}`)}`;
  const row = (url: string) => {
    const v = verdicts.find((x) => x.url === url);
    if (!v) throw new Error(`no verdict for ${url}: ${verdicts.map((x) => x.url).join(', ')}`);
    return v;
  };
  expect(row(through('/private/a.png'))).toMatchObject({ decision: 'refused', reasons: ['robots-disallow'] });
  expect(row(through('/public/b.png'))).toMatchObject({ decision: 'permitted', reasons: [] });
  // The owner's robots.txt was read; Heed asked the proxy only for the file its owner allows (the
  // page's own <img> loads aside), and never requested the owner's files themselves.
  expect(sites.requests).toContain('owner.test /robots.txt');
  const heedAsked = sites.log.slice(pageLoaded).map((r) => `${r.host} ${r.path}`);
  const publicUrl = new URL(through('/public/b.png'));
  expect(heedAsked.filter((r) => r.startsWith('imgproxy.test /fetch.png'))).toEqual([`imgproxy.test ${publicUrl.pathname}${publicUrl.search}`]);
  expect(sites.requests.some((r) => /^owner\.test \/(?:private|public)\//.test(r))).toBe(false);
});

// DESIGN.md §2 rule 1: a frame is a page of its own, and so is every frame above it. A gallery
// frame of an unlisted site inside the frame of a site on the block list shows that site's
// embed: its images are refused, though neither the top page nor the image host is listed.
test('an image in a frame of an unlisted site nested inside a blocked site’s frame is refused; unblocked, it is kept', async ({ heed, sites }) => {
  const image = `${sites.origin('inner.test')}/img/cc0.png?w=320&h=200`;
  const collect = async () => {
    const { page, popup } = await openSiteWithPopup(heed, `${sites.origin('nest.test')}/`);
    const verdicts = await popup.collect();
    const row = verdicts.find((v) => v.url === image);
    if (!row) throw new Error(`no verdict for ${image}: ${verdicts.map((v) => v.url).join(', ')}`);
    // Both closed: the next collect's popup must bind to its own tab, not find this one by its URL.
    await popup.page.close();
    await page.close();
    return row;
  };
  expect(await collect()).toMatchObject({ decision: 'permitted' });
  // The worker must have heard the new block list before the next collect (as job-integrity.spec.ts waits).
  const worker = heed.context.serviceWorkers()[0] ?? heed.serviceWorker;
  await worker.evaluate((name) => {
    const heard = { count: 0 };
    new BroadcastChannel(name).onmessage = () => heard.count++;
    (globalThis as unknown as { heardBlockSave: unknown }).heardBlockSave = heard;
  }, SETTINGS_CHANGED_CHANNEL);
  await saveSetting(heed, 'setting-block', 'outer.test');
  await expect.poll(() => worker.evaluate(() => (globalThis as unknown as { heardBlockSave: { count: number } }).heardBlockSave.count)).toBeGreaterThan(0);
  const refused = await collect();
  expect(refused.decision).toBe('refused');
  expect(refused.reasons).toContain('user-blocked');
});
