/**
 * Heed on Firefox ESR: what the Chromium suite proves, for the paths Firefox takes differently
 * (event page instead of a service worker, MV3 host access the user may withhold, downloads,
 * BroadcastChannel between the background and the library). A focused handful, not a copy.
 */
import { test as base, expect } from '@playwright/test';
import { startSiteServer, type SiteServer } from '../harness/server';
import { SITES_DIR } from '../harness/fixtures';
import { ManifestSchema } from '../../../utils/model/manifest';
import { attr, FirefoxPopup, launchFirefoxHeed, type FirefoxHeed } from './harness';

const test = base.extend<{ fox: FirefoxHeed }, { sites: SiteServer }>({
  sites: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const server = await startSiteServer(SITES_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  fox: async ({ sites }, use) => {
    const fox = await launchFirefoxHeed(sites.port);
    await use(fox);
    await fox.close();
  },
});

async function openWithPopup(fox: FirefoxHeed, url: string) {
  const page = await fox.open(url);
  const popup = await FirefoxPopup.forTab(fox, await fox.tabIdFor(url));
  return { page, popup };
}

const pathOf = (url: string) => new URL(url).pathname;

test('licensed page: Collect stores the licensed images and Export JSON saves their manifest', async ({ fox, sites }) => {
  const { popup } = await openWithPopup(fox, `${sites.origin('museum.test')}/`);
  expect(await popup.siteStatus()).toBe('permitted');
  const verdicts = await popup.collect();
  expect(verdicts.map((v) => [pathOf(v.url), v.decision]).sort()).toEqual([
    ['/collection/lamp.png', 'permitted'],
    ['/collection/vase.png', 'permitted'],
    ['/photos/partner.png', 'refused'],
  ].sort());
  const { fileName, manifest } = await popup.exportManifest();
  expect(fileName).toMatch(/^heed-manifest-\d{4}-\d{2}-\d{2}\.json$/);
  const parsed = ManifestSchema.parse(manifest);
  expect(parsed.items.map((i) => pathOf(i.url)).sort()).toEqual(['/collection/lamp.png', '/collection/vase.png']);
  for (const item of parsed.items) {
    expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(item.licence?.id).toBe('CC-BY-4.0');
  }
});

test('a blocked site: status blocked with its reason, the in-page notice, and nothing stored', async ({ fox, sites }) => {
  const { page, popup } = await openWithPopup(fox, `${sites.origin('optout-meta.test')}/`);
  expect(await popup.siteStatus()).toBe('blocked');
  expect(await popup.siteReasons()).toEqual(['meta-robots']);
  await expect.poll(() => page.evaluate(() => document.querySelector('#heed-notice-host')?.shadowRoot?.textContent ?? document.querySelector('#heed-notice-host')?.textContent ?? '')).toContain('does not permit');
  const verdicts = await popup.collect();
  expect(verdicts).toHaveLength(2);
  expect(verdicts.every((v) => v.decision === 'refused' && v.reasons.includes('meta-robots'))).toBe(true);
  const { manifest } = await popup.exportManifest();
  expect(manifest.items).toEqual([]);
});

test('an image whose origin’s robots.txt disallows it is refused without ever being requested', async ({ fox, sites }) => {
  const { popup } = await openWithPopup(fox, `${sites.origin('integrity.test')}/`);
  const verdicts = await popup.collect();
  const byPath = (p: string) => verdicts.find((v) => pathOf(v.url) === p);
  expect(byPath('/img/open.png')).toMatchObject({ decision: 'permitted' });
  expect(byPath('/nope/cdn.png')).toMatchObject({ decision: 'refused', reasons: ['robots-disallow'] });
  expect(sites.requests).toContain('integrity-cdn.test /robots.txt');
  expect(sites.requests).toContain('integrity-cdn.test /yes/cdn.png');
  expect(sites.requests.filter((r) => r.includes('/nope/cdn.png'))).toEqual([]);
});

test('the library shows stored items, and counts a collect while it is open (BroadcastChannel)', async ({ fox, sites }) => {
  const library = await fox.openOwn('options.html');
  await expect.poll(() => attr(library, 'library-count', 'data-count')).toBe('0');
  const { popup } = await openWithPopup(fox, `${sites.origin('museum.test')}/`);
  await popup.collect();
  await expect.poll(() => attr(library, 'library-count', 'data-count')).toBe('2');
  const fresh = await fox.openOwn('options.html');
  await expect.poll(() => attr(fresh, 'library-count', 'data-count')).toBe('2');
  expect(await fresh.evaluate(() => document.querySelectorAll('[data-testid="library-item"]').length)).toBe(2);
});

test('a collect survives the background being stopped mid-job: it resumes and finishes', async ({ fox, sites }) => {
  test.setTimeout(90_000);
  const { popup } = await openWithPopup(fox, `${sites.origin('integrity.test')}/slow.html`);
  await popup.collect(false);
  await expect.poll(() => attr(popup.page, 'collect-progress', 'data-found'), { timeout: 15_000 }).toBe('40');
  await expect.poll(async () => Number(await attr(popup.page, 'collect-progress', 'data-checked')), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  const checkedAtStop = Number(await attr(popup.page, 'collect-progress', 'data-checked'));
  expect(checkedAtStop).toBeLessThan(40);
  expect(await fox.terminateBackground()).toBe('stopped');
  await expect.poll(() => attr(popup.page, 'collect-progress', 'data-state'), { timeout: 60_000 }).toBe('done');
  const verdicts = await popup.verdicts();
  expect(verdicts).toHaveLength(40);
  expect(verdicts.filter((v) => v.decision === 'permitted')).toHaveLength(40);
  const { manifest } = await popup.exportManifest();
  expect(manifest.items).toHaveLength(40);
});

test('without host access (withheld in Firefox’s add-on settings) the popup says so and asks for it', async ({ fox, sites }) => {
  const url = `${sites.origin('museum.test')}/`;
  const page = await fox.open(url);
  const tabId = await fox.tabIdFor(url);
  const own = await fox.openOwn('popup.html?tabId=-1');
  expect(await own.evaluate(() => (globalThis as any).browser.permissions.remove({ origins: ['<all_urls>', 'http://*/*', 'https://*/*'] }))).toBe(true);
  await own.close();
  const popup = await fox.openOwn(`popup.html?tabId=${tabId}`);
  await popup.waitForSelector('[data-testid="grant-host-access"]', { timeout: 15_000 });
  await popup.click('[data-testid="grant-host-access"]');
  await popup.waitForSelector('[data-testid="grant-host-access"]', { hidden: true, timeout: 15_000 });
  await expect.poll(() => attr(popup, 'site-status', 'data-status'), { timeout: 15_000 }).toBe('permitted');
  await page.close();
});

test('main-frame response headers are read by the webRequest observer, their lines as possibly joined (Firefox joins them)', async ({ fox, sites }) => {
  // Two lines, the second `noai` for everyone: Firefox lists them joined, so `googlebot:` must
  // not narrow `noai` to googlebot (DESIGN.md §2 rule 3): blocked, as on Chromium.
  const blocked = await openWithPopup(fox, `${sites.origin('xrobots-lines.test')}/page.html`);
  expect(await blocked.popup.siteStatus()).toBe('blocked');
  expect(await blocked.popup.siteReasons()).toEqual(['x-robots-tag']);
  // The price of failing closed (README, "Firefox"): one line `googlebot: noindex, noai` cannot be
  // told from two joined lines, so Firefox reads it as `noai` for everyone (Chromium: permitted).
  const oneLine = await openWithPopup(fox, `${sites.origin('xrobots-lines.test')}/one-line.html`);
  expect(await oneLine.popup.siteStatus()).toBe('blocked');
  // Headers the page sent once are read as sent: a licensed page stays permitted.
  const open = await openWithPopup(fox, `${sites.origin('museum.test')}/`);
  expect(await open.popup.siteStatus()).toBe('permitted');
});

test('images inside a cross-origin frame are found (scripting in every frame)', async ({ fox, sites }) => {
  const { popup } = await openWithPopup(fox, `${sites.origin('discovery.test')}/css-frames.html`);
  const verdicts = await popup.collect();
  expect(verdicts.map((v) => pathOf(v.url)).sort()).toEqual(['/far.png', '/in-frame.png']);
});

test('the people detector (TensorFlow.js WASM under the extension CSP) runs: a portrait without a release is refused, a cup is kept', async ({ fox, sites }) => {
  test.setTimeout(120_000);
  const { popup } = await openWithPopup(fox, `${sites.origin('people.test')}/`);
  const verdicts = await popup.collect();
  const by = (path: string) => verdicts.find((v) => pathOf(v.url) === path);
  expect(by('/portrait.jpg')).toMatchObject({ decision: 'refused', reasons: ['person-no-release'] });
  expect(by('/portrait-mr-umr.jpg')).toMatchObject({ decision: 'permitted' });
  expect(by('/coffee.jpg')).toMatchObject({ decision: 'permitted' });
});

test('collect while scrolling: the watcher in the page reports what the feed loads, until stopped', async ({ fox, sites }) => {
  const { page, popup } = await openWithPopup(fox, `${sites.origin('feed.test')}/`);
  await popup.page.click('[data-testid="collect-while-scrolling"]');
  await popup.collect(false);
  await expect.poll(() => attr(popup.page, 'collect-progress', 'data-found')).toBe('3');
  await popup.page.waitForSelector('[data-testid="stop-watching"]');
  // The feed appends posts when its end is reached; scroll until all five pages are in.
  await expect
    .poll(
      async () => {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        return attr(popup.page, 'collect-progress', 'data-found');
      },
      { timeout: 20_000, intervals: [300] },
    )
    .toBe('15');
  expect(await attr(popup.page, 'collect-progress', 'data-state')).toBe('running');
  await popup.page.click('[data-testid="stop-watching"]');
  await expect.poll(() => attr(popup.page, 'collect-progress', 'data-state')).toBe('done');
  const verdicts = await popup.verdicts();
  expect(new Set(verdicts.map((v) => v.url)).size).toBe(15);
  expect(verdicts.every((v) => v.decision === 'permitted')).toBe(true);
});

// DESIGN.md §2 rules 2–3: every redirect hop's signals count; Firefox's webRequest sees the
// background's own requests and their redirects, as Chromium's does (redirect-hops.ts).
test('an image redirected A → B → C is refused by B on Firefox too, before C is requested; a clean chain is seen, not unreadable', async ({ fox, sites }) => {
  const { popup } = await openWithPopup(fox, `${sites.origin('hops.test')}/`);
  const byPageLoad = sites.requests.length; // the page's own <img> loads request every hop
  const verdicts = await popup.collect();
  const byPath = Object.fromEntries(verdicts.map((v) => [pathOf(v.url), [v.decision, v.reasons]]));
  expect(byPath).toEqual({
    '/img/via-b.png': ['refused', ['x-robots-tag']],
    '/img/via-b-robots.png': ['refused', ['robots-disallow']],
    '/img/via-clean.png': ['refused', ['no-licence']],
  });
  const byHeed = sites.requests.slice(byPageLoad);
  expect(byHeed).not.toContain('hopb.test /private/c.png');
  expect(byHeed).not.toContain('hopc.test /img/c.png');
  expect(byHeed).toContain('hopc.test /img/c3.png');
});

// A frame inside another site's frame names the frames above it (location.ancestorOrigins, which
// this Firefox ESR has, as Chromium does): its image is judged under those sites, not failed closed
// for want of them. (Without ancestorOrigins it would fail closed: utils/page/frame-owner.ts.)
test('a frame nested inside another site’s frame names it on Firefox too: its image is judged, not failed closed', async ({ fox, sites }) => {
  const { popup } = await openWithPopup(fox, `${sites.origin('nest.test')}/`);
  const verdicts = await popup.collect();
  const row = verdicts.find((v) => pathOf(v.url) === '/img/cc0.png');
  expect(row).toMatchObject({ decision: 'permitted', reasons: [] });
});
