import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseHTML } from 'linkedom';
import { answerMessage, type Services } from '@/entrypoints/background/messaging';
import type { OriginSignals } from '@/entrypoints/background/origin-signals';
import type { OriginFiles } from '@/utils/signals/origin-files';
import { readPageSignals } from '@/utils/page/page-signals';
import { parseSettings } from '@/utils/model/settings';
import { updateTabState } from '@/entrypoints/background/tab-state';

const TAB = 5;
const OPEN = 'https://open.example/album';
const CLOSED = 'https://closed.example/album';
const LICENSED = '<html><head><title>A</title><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head></html>';
const NOAI = '<html><head><title>A</title><meta name="robots" content="noai"><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head></html>';

const files = (origin: string, robotsBody: string | null): OriginFiles => ({
  origin,
  robots: robotsBody === null ? { url: `${origin}/robots.txt`, outcome: 'unavailable', status: 404 } : { url: `${origin}/robots.txt`, outcome: 'ok', body: robotsBody },
  tdmrep: { url: `${origin}/.well-known/tdmrep.json`, outcome: 'absent' },
  aiTxt: { url: `${origin}/ai.txt`, outcome: 'absent' },
  rsl: [],
});

/** Origin files answered at once, except the first request, which waits until `release()`. */
function slowFirstOrigins() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const origins = {
    get: async (origin: string) => {
      if (calls++ === 0) await gate;
      return files(origin, origin === 'https://closed.example' ? 'User-agent: *\nDisallow: /' : null);
    },
    rslDocuments: async () => [],
  } as unknown as OriginSignals;
  return { origins, release };
}

function services(origins: OriginSignals): Services {
  const settings = parseSettings({ mode: 'licensed' });
  return { origins, settings: { current: async () => ({ ok: true, settings }) } } as unknown as Services;
}

const popup = { id: fakeBrowser.runtime.id, url: 'chrome-extension://extension-id/popup.html' };
const askStatus = (s: Services) => answerMessage(s, { type: 'popup-bg-site-status', tabId: TAB }, popup);

/** The tab shows `url`, whose document is `html`; its headers were captured (none that refuse). */
async function tabShows(url: string, html: string) {
  vi.spyOn(browser.tabs, 'get').mockResolvedValue({ id: TAB, url } as never);
  vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([{ result: readPageSignals(parseHTML(html).document as unknown as Document, url) }] as never);
  await updateTabState(TAB, url, { headers: {} });
}

// The badge showed whichever reading of a tab's site status finished last, not the one of the
// page the tab shows now: a slow reading of an open site, finished after the tab had gone on to
// a blocked site (or after the same page reloaded saying noai), put "OK" on it.
describe('the badge shows the latest reading of the page the tab shows', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  /**
   * A reading of the open page held up while the tab moves on to `url` showing `html` and is read
   * again (blocked); then the first reading finishes. The badge then shows.
   */
  async function badgeAfterRace(url: string, html: string): Promise<string> {
    vi.spyOn(browser.runtime, 'getURL').mockImplementation((p: string) => `chrome-extension://extension-id${p}`);
    const { origins, release } = slowFirstOrigins();
    const s = services(origins);
    await tabShows(OPEN, LICENSED);
    const first = askStatus(s);
    await vi.waitFor(() => expect(browser.scripting.executeScript).toHaveBeenCalled());
    await tabShows(url, html);
    const second = await askStatus(s);
    expect((second?.reply as { value: { status: string } }).value.status).toBe('blocked');
    release();
    await first;
    return browser.action.getBadgeText({ tabId: TAB });
  }

  it('a reading of the page the tab has left does not overwrite the badge of the page it shows', async () => {
    expect(await badgeAfterRace(CLOSED, LICENSED)).toBe('NO');
  });

  it('an older reading of the same page, finished last, does not overwrite the newer one', async () => {
    expect(await badgeAfterRace(OPEN, NOAI)).toBe('NO'); // reloaded: the page now says noai
  });

  it('a reading left alone is shown: an open site gets OK', async () => {
    vi.spyOn(browser.runtime, 'getURL').mockImplementation((p: string) => `chrome-extension://extension-id${p}`);
    const { origins, release } = slowFirstOrigins();
    await tabShows(OPEN, LICENSED);
    const first = askStatus(services(origins));
    release();
    expect(((await first)?.reply as { value: { status: string } }).value.status).toBe('permitted');
    expect(await browser.action.getBadgeText({ tabId: TAB })).toBe('OK');
  });
});
