import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, openSiteWithPopup } from './harness/fixtures';
import { openPopup, tabIdFor, type HeedBrowser } from './harness/browser';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const COOKIE = 'heed-privacy-check';

interface Stores {
  jobs: { id: string; state: string; tabId: number }[];
  verdictJobs: string[];
  siteCache: string[];
  items: number;
}

/** What Heed's database holds, read in the worker (ids and keys only). */
function stores(heed: HeedBrowser): Promise<Stores> {
  const sw = heed.context.serviceWorkers()[0] ?? heed.serviceWorker;
  return sw.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('heed');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const all = <T,>(store: string, keys = false) =>
      new Promise<T[]>((ok, fail) => {
        const s = db.transaction(store).objectStore(store);
        const req = keys ? s.getAllKeys() : s.getAll();
        req.onsuccess = () => ok(req.result as T[]);
        req.onerror = () => fail(req.error);
      });
    const jobs = await all<{ id: string; state: string; tabId: number }>('jobs');
    const verdicts = await all<[string, number]>('verdicts', true);
    const out = {
      jobs: jobs.map(({ id, state, tabId }) => ({ id, state, tabId })),
      verdictJobs: [...new Set(verdicts.map((k) => k[0]))],
      siteCache: await all<string>('siteCache', true),
      items: (await all<string>('items', true)).length,
    };
    db.close();
    return out;
  });
}

test('the popup never requests a refused or failed image itself: no request for one carries the site’s cookies', async ({ heed, sites }) => {
  await heed.context.addCookies(['signals.test', 'imgcdn.test'].map((host) => ({ name: 'session', value: COOKIE, url: sites.origin(host) })));
  const page = await heed.context.newPage();
  await page.goto(`${sites.origin('signals.test')}/`);
  await page.waitForLoadState('networkidle');
  // The page itself sent the cookie with its images: a request from the popup would too.
  expect(sites.log.some((r) => r.host === 'signals.test' && r.path.startsWith('/img/') && r.cookie.includes(COOKIE))).toBe(true);
  const popup = new (await import('./harness/popup-page')).PopupPage(await openPopup(heed, await tabIdFor(heed, page)));
  const from = sites.log.length;
  const verdicts = await popup.collect();
  const notStored = verdicts.filter((v) => v.decision === 'refused' || v.decision === 'failed');
  expect(notStored.length).toBeGreaterThanOrEqual(5);
  expect(verdicts.some((v) => v.decision === 'permitted')).toBe(true);
  // Every row has been near the visible list, so every thumbnail has been asked for.
  for (const row of await popup.page.getByTestId('verdict').all()) await row.scrollIntoViewIfNeeded();
  await expect(popup.page.locator('.verdict--permitted img.thumb').first()).toBeVisible();
  await popup.page.waitForTimeout(500);
  const paths = new Set(notStored.map((v) => `${new URL(v.url).hostname} ${new URL(v.url).pathname}`));
  const asked = sites.log.slice(from).filter((r) => paths.has(`${r.host} ${r.path.split('?')[0]}`));
  // The worker fetches them without credentials; the popup must not ask for them at all (over
  // http Chromium sends no Sec-Fetch-* headers, so the cookie is what tells the two apart).
  expect(asked.filter((r) => r.cookie.includes(COOKIE))).toEqual([]);
  // Each such row says why it has no preview; stored ones show their stored bytes.
  const placeholders = popup.page.locator('.verdict--refused, .verdict--failed').getByTestId('thumb-not-stored');
  await expect(placeholders).toHaveCount(notStored.length);
  await expect(placeholders.first()).toHaveAttribute('title', /not stored/i);
  expect(await popup.page.locator('.verdict--permitted img.thumb').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).src.startsWith('blob:')))).toBe(true);
  mkdirSync(SHOTS, { recursive: true });
  await popup.page.getByTestId('verdict').first().scrollIntoViewIfNeeded();
  await popup.page.screenshot({ path: resolve(SHOTS, 'popup-not-stored.png'), fullPage: true });
});

test('a popup following a collect gets each verdict once: every poll asks only for what is new since its last sequence number', async ({ heed, sites }) => {
  const page = await heed.context.newPage();
  await page.goto(`${sites.origin('many.test')}/?n=80`);
  const popupPage = await heed.context.newPage();
  await popupPage.setViewportSize({ width: 440, height: 640 });
  // Record what each job request asked for and how many verdicts its reply carried.
  await popupPage.addInitScript(() => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
    const send = runtime.sendMessage.bind(runtime);
    const polls: { type: string; since: number; got: number; lastSeq: number }[] = [];
    (globalThis as unknown as { __polls: typeof polls }).__polls = polls;
    runtime.sendMessage = async (m: unknown) => {
      const reply = (await send(m)) as { value?: { verdicts?: unknown[]; lastSeq?: number } | null };
      const msg = m as { type: string; sinceSeq?: number };
      if (msg.type === 'popup-bg-job' || msg.type === 'popup-bg-collect') {
        polls.push({ type: msg.type, since: msg.sinceSeq ?? -1, got: reply.value?.verdicts?.length ?? 0, lastSeq: reply.value?.lastSeq ?? -1 });
      }
      return reply;
    };
  });
  await popupPage.goto(`chrome-extension://${heed.extensionId}/popup.html?tabId=${await tabIdFor(heed, page)}`);
  const popup = new (await import('./harness/popup-page')).PopupPage(popupPage);
  const verdicts = await popup.collect();
  expect(verdicts).toHaveLength(80);
  const polls = await popupPage.evaluate(() => (globalThis as unknown as { __polls: { type: string; since: number; got: number; lastSeq: number }[] }).__polls);
  const following = polls.slice(polls.findIndex((p) => p.type === 'popup-bg-collect'));
  expect(following.filter((p) => p.type === 'popup-bg-job').length).toBeGreaterThan(1);
  // Each poll starts where the last reply ended, and the replies add up to the list, no verdict twice.
  for (let i = 1; i < following.length; i++) expect(following[i]!.since).toBe(following[i - 1]!.lastSeq);
  expect(following.reduce((sum, p) => sum + p.got, 0)).toBe(80);
});

test('expiry runs: a tab’s earlier collect goes when it collects again, a closed tab’s when it closes, with old site files; stored items stay', async ({ heed, sites }) => {
  const { page, popup, tabId } = await openSiteWithPopup(heed, `${sites.origin('signals.test')}/`);
  await popup.collect();
  const first = await stores(heed);
  expect(first.jobs).toHaveLength(1);
  expect(first.verdictJobs).toEqual([first.jobs[0]!.id]);
  expect(first.items).toBeGreaterThan(0);
  await popup.collect();
  await expect.poll(async () => (await stores(heed)).jobs.map((j) => j.id)).not.toContain(first.jobs[0]!.id);
  const second = await stores(heed);
  expect(second.jobs).toHaveLength(1);
  expect(second.verdictJobs).toEqual([second.jobs[0]!.id]);
  expect(second.items).toBe(first.items);
  expect(second.siteCache.some((k) => k.includes('signals.test'))).toBe(true);
  // A signal file fetched 25 h ago (written as the worker writes them).
  await (heed.context.serviceWorkers()[0] ?? heed.serviceWorker).evaluate(async () => {
    const req = indexedDB.open('heed');
    const db = await new Promise<IDBDatabase>((ok) => (req.onsuccess = () => ok(req.result)));
    const tx = db.transaction('siteCache', 'readwrite');
    const fetchedAt = Date.now() - 25 * 3_600_000;
    tx.objectStore('siteCache').put({ key: 'robots-txt http://visited-yesterday.test', fetchedAt, value: { outcome: 'ok', body: '', fetchedAt } });
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  });
  await popup.page.close();
  await page.close();
  await expect.poll(async () => (await stores(heed)).jobs.filter((j) => j.tabId === tabId)).toEqual([]);
  const after = await stores(heed);
  expect(after.verdictJobs).toEqual([]);
  expect(after.siteCache).not.toContain('robots-txt http://visited-yesterday.test');
  expect(after.siteCache.some((k) => k.includes('signals.test'))).toBe(true); // fresh files stay until they expire
  expect(after.items).toBe(first.items);
});

test('Clear history in settings clears site cache, finished collects and verdicts; stored items stay', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('signals.test')}/`);
  await popup.collect();
  const before = await stores(heed);
  expect(before.jobs).toHaveLength(1);
  expect(before.siteCache.length).toBeGreaterThan(0);
  const settings = await heed.context.newPage();
  await settings.setViewportSize({ width: 1280, height: 1300 });
  await settings.goto(`chrome-extension://${heed.extensionId}/options.html#settings`);
  await settings.getByTestId('clear-history').click();
  await expect(settings.getByTestId('clear-history-status')).toContainText('Cleared 1 collect');
  const after = await stores(heed);
  expect(after).toEqual({ jobs: [], verdictJobs: [], siteCache: [], items: before.items });
  // The popup still opens on the tab, with nothing left to show for it.
  await popup.page.reload();
  await expect(popup.page.getByTestId('collect-progress')).toHaveAttribute('data-state', 'idle');
  await expect(popup.page.getByTestId('verdict')).toHaveCount(0);
  mkdirSync(SHOTS, { recursive: true });
  await settings.getByTestId('clear-history').scrollIntoViewIfNeeded();
  await settings.screenshot({ path: resolve(SHOTS, 'settings-clear-history.png'), fullPage: true });
});
