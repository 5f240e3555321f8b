import { test, expect, openSiteWithPopup } from './harness/fixtures';
import { tabIdFor, type HeedBrowser } from './harness/browser';

// Issue 17: while browsing, Heed costs the page nothing before its load event. It reads the
// page's rights markup (for the badge) only once the page has loaded.

const badgeText = (heed: HeedBrowser, tabId: number) =>
  heed.serviceWorker.evaluate((id) => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({ tabId: id }), tabId);

test('Heed runs no script in a page before its load event, and the badge and notice still show the page\'s opt-out after it', async ({ heed, sites }) => {
  // A freshly installed worker hears no browser event until its script has run once.
  await heed.serviceWorker.evaluate(() => true);
  const page = await heed.context.newPage();
  const cdp = await heed.context.newCDPSession(page);
  const heedWorlds: number[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.name === 'Heed') heedWorlds.push(Date.now());
  });
  await cdp.send('Runtime.enable');
  let loadedAt = 0;
  page.on('load', () => (loadedAt = Date.now()));
  await page.goto(`${sites.origin('slowload.test')}/`, { waitUntil: 'load' });
  const tabId = await tabIdFor(heed, page);
  await expect.poll(() => badgeText(heed, tabId), { timeout: 10_000 }).toBe('NO');
  await expect(page.locator('#heed-notice-host').getByRole('status')).toContainText('does not permit');
  expect(loadedAt).toBeGreaterThan(0);
  expect(heedWorlds.length).toBeGreaterThan(0);
  // The image holds the load event 2.5 s past the parsed document: a script run at
  // document_idle (as a manifest content script) comes well before it.
  expect(Math.min(...heedWorlds)).toBeGreaterThanOrEqual(loadedAt);
});
