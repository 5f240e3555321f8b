import { test, expect, PopupPage } from './harness/fixtures';
import { openPopup, tabIdFor, type HeedBrowser } from './harness/browser';
import { openLibrary, saveSetting } from './harness/library-page';
import { stopServiceWorker } from './harness/worker';
import { SETTINGS_CHANGED_CHANNEL } from '../../utils/store/stored-settings';

/**
 * DESIGN.md §2 "One job, one policy, one page" and rule 2 ("checked before an image is
 * requested"): a collect decides under the settings and the document it assessed, never
 * fetches what it already knows it must refuse, and never runs on settings it cannot read.
 */

/**
 * Write Heed's stored settings as the library page would (or as a newer Heed might have), from
 * the worker or from any of Heed's own pages (`from`: they share its IndexedDB): committed, then
 * announced on the channel the worker listens on (utils/store/stored-settings.ts).
 */
async function writeSettings(heed: HeedBrowser, value: unknown, from?: import('@playwright/test').Page): Promise<void> {
  const put = ({ v, channelName }: { v: unknown; channelName: string }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('heed');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put(v, 'settings');
          tx.oncomplete = () => {
            open.result.close();
            const channel = new BroadcastChannel(channelName);
            channel.postMessage('changed');
            channel.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
  const arg = { v: value, channelName: SETTINGS_CHANGED_CHANNEL };
  if (from) await from.evaluate(put, arg);
  else await (heed.context.serviceWorkers()[0] ?? heed.serviceWorker).evaluate(put, arg);
}

const DEFAULTS = {
  version: 1,
  purpose: 'ai-training',
  mode: 'licensed',
  acceptedLicences: ['CC0', 'PDM', 'CC-BY', 'CC-BY-SA'],
  userAllow: [],
  userBlock: [],
  maxImageBytes: 25 * 1024 * 1024,
  perOriginConcurrency: 2,
  minImageSide: 50,
  inPageNotice: true,
};

async function checked(popup: PopupPage): Promise<number> {
  return Number(await popup.page.getByTestId('collect-progress').getAttribute('data-checked'));
}

async function open(heed: HeedBrowser, url: string, waitUntil: 'load' | 'domcontentloaded' = 'load') {
  const page = await heed.context.newPage();
  await page.goto(url, { waitUntil });
  const tabId = await tabIdFor(heed, page);
  const popup = await openPopup(heed, tabId);
  // The popup's own previews of unstored images (Thumbnail.tsx) are not the background's
  // requests: kept off the fixture server so its log shows what the collect itself requested.
  await popup.route(/^https?:\/\/[^/]+\.test:\d+\//, (route) => route.abort());
  return { page, tabId, popup: new PopupPage(popup) };
}

test('an image under a path robots.txt disallows (on the page’s origin or a CDN) is refused without ever being requested', async ({ heed, sites }) => {
  const { popup } = await open(heed, `${sites.origin('integrity.test')}/`);
  const verdicts = await popup.collect();
  const byPath = (p: string) => verdicts.find((v) => new URL(v.url).pathname === p);
  expect(byPath('/img/open.png')).toMatchObject({ decision: 'permitted' });
  expect(byPath('/private/secret.png')).toMatchObject({ decision: 'refused', reasons: ['robots-disallow'] });
  expect(byPath('/nope/cdn.png')).toMatchObject({ decision: 'refused', reasons: ['robots-disallow'] });
  // The fixture server saw the allowed ones (the CDN was reachable), never the refused ones.
  expect(sites.requests).toContain('integrity-cdn.test /yes/cdn.png');
  expect(sites.requests).toContain('integrity-cdn.test /robots.txt');
  expect(sites.requests.filter((r) => r.includes('/private/secret.png') || r.includes('/nope/cdn.png'))).toEqual([]);
  // A redirect to another origin is judged before it is followed: that origin's robots.txt
  // disallows the target, so the target is never requested (only the first URL was).
  expect(byPath('/redir/away.png')).toMatchObject({ decision: 'refused', reasons: expect.arrayContaining(['robots-disallow']) });
  expect(sites.requests.filter((r) => r === 'integrity-cdn.test /nope/redirected.png')).toEqual([]);
});

test('a purpose changed during a collect: every item records the settings it was decided under, those after the change the new ones', async ({ heed, sites }) => {
  test.setTimeout(90_000);
  await writeSettings(heed, { ...DEFAULTS, purpose: 'research-tdm' });
  const { popup } = await open(heed, `${sites.origin('integrity.test')}/slow.html`);
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '40');
  await expect.poll(() => checked(popup), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await writeSettings(heed, { ...DEFAULTS, purpose: 'ai-training', acceptedLicences: ['CC0'] });
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const { manifest } = await popup.exportManifest();
  const items = manifest.items as { purpose: string; mode?: string; policy?: { acceptedLicences: string[]; robotsTokens: string[] } }[];
  expect(items).toHaveLength(40);
  const before = items.filter((i) => i.purpose === 'research-tdm');
  const after = items.filter((i) => i.purpose === 'ai-training');
  expect(before.length).toBeGreaterThanOrEqual(3);
  expect(after.length).toBeGreaterThan(20);
  expect(before.length + after.length).toBe(40);
  for (const i of before) expect(i.policy?.acceptedLicences).toEqual(DEFAULTS.acceptedLicences);
  for (const i of after) {
    expect(i.mode).toBe('licensed');
    expect(i.policy?.acceptedLicences).toEqual(['CC0']);
    expect(i.policy?.robotsTokens).toContain('GPTBot'); // decided with the AI checks of its purpose
  }
});

test('a domain blocked in the settings during a collect: the images not yet decided are refused, and no more are requested', async ({ heed, sites }) => {
  test.setTimeout(90_000);
  await writeSettings(heed, DEFAULTS);
  const { popup } = await open(heed, `${sites.origin('integrity.test')}/slow.html`);
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '40');
  await expect.poll(() => checked(popup), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await writeSettings(heed, { ...DEFAULTS, userBlock: ['integrity.test'] });
  const requestedAtBlock = sites.requests.filter((r) => r.startsWith('integrity.test /slow/')).length;
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const verdicts = await popup.verdicts();
  expect(verdicts).toHaveLength(40);
  const permitted = verdicts.filter((v) => v.decision === 'permitted');
  const refused = verdicts.filter((v) => v.decision === 'refused');
  expect(permitted.length).toBeGreaterThanOrEqual(3);
  expect(refused.length).toBeGreaterThan(20);
  expect(permitted.length + refused.length).toBe(40);
  for (const v of refused) expect(v.reasons).toContain('user-blocked');
  // At most the requests already in their slots (2 per origin) went out after the block.
  expect(sites.requests.filter((r) => r.startsWith('integrity.test /slow/')).length).toBeLessThanOrEqual(requestedAtBlock + 2);
  const { manifest } = await popup.exportManifest();
  expect(manifest.items).toHaveLength(permitted.length);
});

test('settings saved in the library are announced to the worker, which reads them afresh instead of its copy', async ({ heed, sites }) => {
  const worker = heed.context.serviceWorkers()[0] ?? heed.serviceWorker;
  await worker.evaluate((name) => {
    const heard = { count: 0 };
    const channel = new BroadcastChannel(name);
    channel.onmessage = () => heard.count++;
    (globalThis as unknown as { heardSaves: unknown; heardChannel: unknown }).heardSaves = heard;
    (globalThis as unknown as { heardChannel: unknown }).heardChannel = channel;
  }, SETTINGS_CHANGED_CHANNEL);
  // The worker's copy is warm: the popup's site status read it.
  const { popup } = await open(heed, `${sites.origin('plain.test')}/`);
  await saveSetting(heed, 'setting-block', 'plain.test');
  await expect.poll(() => worker.evaluate(() => (globalThis as unknown as { heardSaves: { count: number } }).heardSaves.count)).toBe(1);
  const verdicts = await popup.collect();
  expect(verdicts.length).toBeGreaterThan(0);
  for (const v of verdicts) expect(v.reasons).toContain('user-blocked');
});

test('settings changed while the worker is stopped: the resumed job re-assesses the site before deciding the rest', async ({ heed, sites }) => {
  test.setTimeout(90_000);
  await writeSettings(heed, DEFAULTS);
  const { page, popup } = await open(heed, `${sites.origin('integrity.test')}/slow.html`);
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '40');
  await expect.poll(() => checked(popup), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await stopServiceWorker(heed, page);
  // Written from the popup (Heed's own page), so the worker is not woken to do it.
  await writeSettings(heed, { ...DEFAULTS, userBlock: ['integrity.test'] }, popup.page);
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const verdicts = await popup.verdicts();
  expect(verdicts).toHaveLength(40);
  const refused = verdicts.filter((v) => v.decision === 'refused');
  expect(refused.length).toBeGreaterThan(20);
  for (const v of refused) expect(v.reasons).toContain('user-blocked');
  expect(verdicts.filter((v) => v.decision === 'permitted').length + refused.length).toBe(40);
});

for (const [how, change] of [
  ['navigates to another page', (page: import('@playwright/test').Page, origin: string) => page.goto(`${origin}/other.html`)],
  ['reloads the same URL', (page: import('@playwright/test').Page) => page.reload({ waitUntil: 'domcontentloaded' })],
  ['changes its address with history.pushState', (page: import('@playwright/test').Page) => page.evaluate(() => history.pushState({}, '', '/other.html'))],
] as const) {
  test(`a tab that ${how} between Collect and the scan: the scan is discarded and the job ends with an error saying so`, async ({ heed, sites }) => {
    const origin = sites.origin('integrity.test');
    const { page, popup } = await open(heed, `${origin}/nav.html`);
    const sheetRequests = () => sites.requests.filter((r) => r === 'integrity-cdn.test /slow.css').length;
    const byPage = sheetRequests();
    await popup.page.getByTestId('collect-page').click();
    // Heed is fetching the page's cross-origin sheet (1.5 s): it has not scanned yet.
    await expect.poll(sheetRequests, { timeout: 10_000 }).toBeGreaterThan(byPage);
    await change(page, origin);
    const progress = popup.page.getByTestId('collect-progress');
    await expect(progress).toHaveAttribute('data-state', /done|error/, { timeout: 30_000 });
    await expect(progress).toHaveAttribute('data-state', 'error');
    await expect(progress).toContainText('changed page');
    expect(await popup.verdicts()).toEqual([]);
    expect(sites.requests.filter((r) => r.includes('/img/other.png') && !r.startsWith('integrity.test /img/other.png')).length).toBe(0);
  });
}

test('a frame that never answers the scan is left out with a note; the page’s own images are collected', async ({ heed, sites }) => {
  test.setTimeout(90_000);
  const { popup } = await open(heed, `${sites.origin('integrity.test')}/frames.html`, 'domcontentloaded');
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 40_000 });
  const verdicts = await popup.verdicts();
  expect(verdicts.find((v) => v.url.endsWith('/img/framed-page.png'))).toMatchObject({ decision: 'permitted' });
  await expect(popup.page.getByTestId('collect-note')).toContainText(['did not answer']);
});

test('a watching collect whose tab is closed ends', async ({ heed, sites }) => {
  const { page, popup } = await open(heed, `${sites.origin('feed.test')}/`);
  await popup.page.getByTestId('collect-while-scrolling').check();
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '3');
  await expect(popup.page.getByTestId('stop-watching')).toBeVisible();
  await page.close();
  // The sweep on closing the tab raced the job's end: it could forget the job as soon as it was
  // done, before the popup asked, and the popup showed it running for good (1 run in 16; the
  // database below held nothing). A failure says what the worker's database held, to tell a
  // stalled job from a popup that lost it.
  await expect(progress)
    .toHaveAttribute('data-state', 'done', { timeout: 20_000 })
    .catch(async (err: unknown) => {
      const held = await (heed.context.serviceWorkers()[0] ?? heed.serviceWorker).evaluate(async () => {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const req = indexedDB.open('heed');
          req.onsuccess = () => ok(req.result);
          req.onerror = () => fail(req.error);
        });
        const all = (store: string) => new Promise<unknown[]>((ok) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => ok(req.result);
        });
        const jobs = (await all('jobs')) as { state: string; watching?: boolean; candidates: unknown[] }[];
        const verdicts = (await all('verdicts')) as { seq: number; verdict: { decision: string; reasons: string[] } }[];
        db.close();
        return JSON.stringify({ jobs: jobs.map((j) => ({ state: j.state, watching: j.watching, candidates: j.candidates.length })), verdicts: verdicts.map((v) => [v.seq, v.verdict.decision, v.verdict.reasons]) });
      }).catch((e: unknown) => `unreadable: ${String(e)}`);
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nthe worker's database held: ${held}`);
    });
  await expect(popup.page.getByTestId('stop-watching')).toHaveCount(0);
});

test('settings a newer Heed wrote stop collecting with a clear message, and the library keeps the block list', async ({ heed, sites }) => {
  await writeSettings(heed, { ...DEFAULTS, version: 99, userBlock: ['kept.example'], futureField: true });
  // The fixture server is shared by the tests of this worker: count this test's requests only.
  const beachRequests = () => sites.requests.filter((r) => r.startsWith('plain.test /beach.png')).length;
  const before = beachRequests();
  const { popup } = await open(heed, `${sites.origin('plain.test')}/`);
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-state', 'error');
  await expect(progress).toContainText('newer Heed');
  await expect(popup.page.getByTestId('settings-unusable')).toContainText('newer Heed'); // not shown as defaults either
  expect(beachRequests() - before).toBeLessThanOrEqual(1); // the page's own load only

  const library = await openLibrary(heed);
  await library.getByTestId('nav-settings').click();
  await expect(library.getByTestId('settings-problem')).toContainText('newer Heed');
  await expect(library.getByTestId('setting-block')).toHaveValue('kept.example');
  // Saving over them takes a deliberate choice.
  await library.getByTestId('settings-save').click();
  await expect(library.getByTestId('settings-status')).toContainText('Not saved');
  await library.getByTestId('settings-replace-confirm').check();
  await library.getByTestId('settings-save').click();
  await expect(library.getByTestId('settings-status')).toHaveText('Settings saved.');
  const again = await popup.collect();
  expect(again.length).toBeGreaterThan(0);
});
