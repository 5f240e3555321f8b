import { test, expect, openSiteWithPopup } from './harness/fixtures';
import type { HeedBrowser } from './harness/browser';
import type { Page } from '@playwright/test';
import { saveSetting } from './harness/library-page';
import { stopServiceWorker } from './harness/worker';

async function checked(page: Page): Promise<number> {
  return Number(await page.getByTestId('collect-progress').getAttribute('data-checked'));
}

test('a 300-image job survives its service worker being stopped twice: nothing lost, nothing twice', async ({ heed, sites }) => {
  test.setTimeout(120_000);
  const { popup, page } = await openSiteWithPopup(heed, `${sites.origin('many.test')}/`);
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '300');

  await expect.poll(() => checked(popup.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(40);
  await stopServiceWorker(heed, page);
  const afterFirst = await checked(popup.page);
  expect(afterFirst).toBeLessThan(300);
  // The popup's next poll wakes the worker, which resumes the job from IndexedDB.
  await expect.poll(() => checked(popup.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(Math.min(afterFirst + 60, 299));
  await stopServiceWorker(heed, page);

  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const verdicts = await popup.verdicts();
  expect(verdicts).toHaveLength(300);
  expect(new Set(verdicts.map((v) => v.url)).size).toBe(300);
  expect(verdicts.every((v) => v.decision === 'permitted')).toBe(true);

  const { manifest } = await popup.exportManifest();
  expect(manifest.items).toHaveLength(300);
  expect(new Set(manifest.items.map((i: { sha256: string }) => i.sha256)).size).toBe(300);
  expect(manifest.summary.collected).toBe(300);
});

test('the popup keeps following a job while its worker is stopped again and again', async ({ heed, sites }) => {
  test.setTimeout(90_000);
  const { popup, page } = await openSiteWithPopup(heed, `${sites.origin('many.test')}/?n=200`);
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '200');
  const cdp = await heed.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  // Stops land at varied moments: mid-fetch, mid-transaction, while a poll is in flight.
  for (let i = 0; i < 40; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(60 + (i % 5) * 37);
  }
  await cdp.detach();
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(await checked(popup.page)).toBe(200);
  const verdicts = await popup.verdicts();
  expect(verdicts).toHaveLength(200);
  expect(new Set(verdicts.map((v) => v.url)).size).toBe(200);
});

test('at most two requests per origin at once (politeness), and both slots in use', async ({ heed, sites }) => {
  const { popup, page } = await openSiteWithPopup(heed, `${sites.origin('polite.test')}/`);
  await page.waitForLoadState('networkidle'); // the page's own image loads are not Heed's
  sites.resetMaxInFlight();
  const verdicts = await popup.collect();
  expect(verdicts.filter((v) => v.decision === 'permitted')).toHaveLength(24);
  // The default per-origin concurrency is 2: never more, and both slots are used.
  expect(sites.maxInFlight('polite.test')).toBe(2);
});

test('an image only the page can read (a blob: URL) fails with that reason; the others are collected', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('discovery.test')}/blob.html`);
  const verdicts = await popup.collect();
  expect(verdicts.find((v) => v.url.includes('/b/plain.png'))).toMatchObject({ decision: 'permitted' });
  expect(verdicts.find((v) => v.url.startsWith('blob:'))).toMatchObject({ decision: 'failed', reasons: ['fetch-failed'] });
  await expect(popup.page.getByText("Made by the page's own scripts (a blob: URL)")).toBeVisible();
});

/** Fill one settings field (by test id) in the library's settings form and save, as a user does. */
test('the "Min image side" setting decides which small images a collect skips', async ({ heed, sites }) => {
  const found = async () => {
    const { popup, page } = await openSiteWithPopup(heed, `${sites.origin('discovery.test')}/small.html`);
    const urls = (await popup.collect()).map((v) => new URL(v.url, 'http://x/').pathname).sort();
    await popup.page.close();
    await page.close();
    return urls;
  };
  // Default 50 px: icons and pixels skipped; an image of exactly 50 × 50 kept.
  expect(await found()).toEqual(['/m/exact.png', '/m/thumb.png', '/m/upscaled.png']);
  await saveSetting(heed, 'setting-min-side', '0');
  expect(await found()).toEqual(expect.arrayContaining(['/m/icon.png', '/m/banner.png', '/m/exact.png']));
  await saveSetting(heed, 'setting-min-side', '60');
  expect(await found()).toEqual(['/m/thumb.png', '/m/upscaled.png']);
});

test('a page with more images than one scan takes says so: the rest were not checked', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('many.test')}/?n=5100&lazy`);
  await popup.page.getByTestId('collect-page').click();
  await expect(popup.page.getByTestId('collect-note')).toHaveText(/more images than one scan takes \(5,000\): the rest were not checked/);
  await expect(popup.page.getByTestId('collect-progress')).toHaveAttribute('data-found', '5000');
  await popup.page.screenshot({ path: 'test-results/popup-scan-limit.png' });
  await popup.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.page.getByTestId('collect-progress')).toHaveAttribute('data-state', 'done');
});

test('Collect fetches a cross-origin stylesheet once from its host, to read its image rules instead of sweeping every element', async ({ heed, sites }) => {
  const { page, popup } = await openSiteWithPopup(heed, `${sites.origin('discovery.test')}/css-cross-origin.html`);
  await page.waitForLoadState('networkidle');
  const sheetRequests = () => sites.requests.filter((r) => r === 'discovery-cdn.test /far.css').length;
  const byPage = sheetRequests();
  const verdicts = await popup.collect();
  expect(sheetRequests()).toBe(byPage + 1);
  expect(verdicts.map((v) => new URL(v.url).pathname).sort()).toEqual(['/c/near.png', '/far-after.png', '/far.png']);

  // A frame's own cross-origin sheet is fetched too, once.
  const framed = await openSiteWithPopup(heed, `${sites.origin('discovery.test')}/css-frames.html`);
  await framed.page.waitForLoadState('networkidle');
  const frameSheet = () => sites.requests.filter((r) => r === 'discovery-cdn.test /frame.css').length;
  const frameByPage = frameSheet();
  const inFrames = await framed.popup.collect();
  expect(frameSheet()).toBe(frameByPage + 1);
  expect(inFrames.map((v) => new URL(v.url).pathname).sort()).toEqual(['/far.png', '/in-frame.png']);

  // A site its own signals block (meta robots noai) gets no request beyond what its page made.
  const optout = await openSiteWithPopup(heed, `${sites.origin('optout-meta.test')}/styled.html`);
  await optout.page.waitForLoadState('networkidle');
  await expect(optout.popup.page.getByTestId('site-status')).toHaveAttribute('data-status', 'blocked');
  const beforeOptout = sheetRequests();
  expect((await optout.popup.collect()).every((v) => v.decision === 'refused')).toBe(true);
  expect(sheetRequests()).toBe(beforeOptout);

  // Nor does a site the user blocks.
  await saveSetting(heed, 'setting-block', 'discovery.test');
  const before = sheetRequests();
  await popup.collect();
  expect(sheetRequests()).toBe(before);
});

test('cancel stops a running job and keeps what was stored', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('many.test')}/?n=200`);
  await popup.page.getByTestId('collect-page').click();
  await expect.poll(() => checked(popup.page)).toBeGreaterThanOrEqual(10);
  await popup.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.page.getByTestId('collect-progress')).toHaveAttribute('data-state', 'done');
  const done = await checked(popup.page);
  expect(done).toBeLessThan(200);
  // Once the job reads done, no image is requested any more.
  const imageRequests = () => sites.requests.filter((r) => r.startsWith('many.test /img/')).length;
  const atDone = imageRequests();
  await popup.page.waitForTimeout(1000);
  expect(imageRequests()).toBe(atDone);
  const { manifest } = await popup.exportManifest();
  expect(manifest.items.length).toBe((await popup.verdicts()).filter((v) => v.decision === 'permitted').length);
  expect(manifest.items.length).toBeGreaterThan(0);
});

test('a 429 with Retry-After is retried politely and the image collected', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('busy.test')}/`);
  const verdicts = await popup.collect();
  expect(verdicts.find((v) => v.url.endsWith('/img/busy.png'))?.decision).toBe('permitted');
  expect(sites.requests.filter((r) => r === 'busy.test /img/busy.png').length).toBeGreaterThanOrEqual(3);
});

const badge = (heed: HeedBrowser, tabId: number) =>
  heed.serviceWorker.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]> } } }).chrome;
    return { text: await api.action.getBadgeText({ tabId: id }), color: await api.action.getBadgeBackgroundColor({ tabId: id }) };
  }, tabId);

test.describe('while browsing', () => {
  for (const [host, text, rgb] of [
    ['optout-meta.test', 'NO', [0xb3, 0x26, 0x1e]],
    ['signals.test', '!', [0xb2, 0x6a, 0x00]],
    ['museum.test', 'OK', [0x1e, 0x7b, 0x34]],
    ['plain.test', '', null],
  ] as const) {
    test(`badge on ${host} reads "${text}"`, async ({ heed, sites }) => {
      const { tabId } = await openSiteWithPopup(heed, `${sites.origin(host)}/`);
      await expect.poll(async () => (await badge(heed, tabId)).text).toBe(text);
      if (rgb) expect((await badge(heed, tabId)).color.slice(0, 3)).toEqual([...rgb]);
    });
  }

  test('a blocked site shows a dismissible in-page notice with its reasons', async ({ heed, sites }) => {
    const page = await heed.context.newPage();
    await page.goto(`${sites.origin('optout-meta.test')}/`);
    const notice = page.locator('#heed-notice-host');
    await expect(notice.getByRole('status')).toContainText('does not permit');
    await expect(notice.locator('li')).toContainText(['noai']);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  });

  test('an open site shows no notice', async ({ heed, sites }) => {
    const page = await heed.context.newPage();
    await page.goto(`${sites.origin('museum.test')}/`);
    await page.waitForTimeout(1000);
    await expect(page.locator('#heed-notice-host')).toHaveCount(0);
  });
});
