import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseHTML } from 'linkedom';
import { assessSite } from '@/entrypoints/background/site-assessment';
import type { OriginSignals } from '@/entrypoints/background/origin-signals';
import type { OriginFiles } from '@/utils/signals/origin-files';
import { readPageSignals } from '@/utils/page/page-signals';
import { pageSignalsFromScan } from '@/utils/page/received-signals';
import { parseSettings } from '@/utils/model/settings';
import { getTabState, updateTabState } from '@/entrypoints/background/tab-state';

const PAGE = 'https://photos.example/album';
const origins = {
  get: async (origin: string): Promise<OriginFiles> => ({
    origin,
    robots: { url: `${origin}/robots.txt`, outcome: 'unavailable', status: 404 },
    tdmrep: { url: `${origin}/.well-known/tdmrep.json`, outcome: 'absent' },
    aiTxt: { url: `${origin}/ai.txt`, outcome: 'absent' },
    rsl: [],
  }),
  rslDocuments: async () => [],
} as unknown as OriginSignals;
const page = pageSignalsFromScan(
  readPageSignals(parseHTML('<html><head><title>A</title><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head></html>').document as unknown as Document, PAGE),
);
const settings = parseSettings({ mode: 'licensed' });

// When the worker missed the page's headers, it requests the page again without the user's
// cookies. A signed-in page answered that request with a redirect to its login page, whose
// headers were read as the page's: the page's own `X-Robots-Tag: noai` was lost and the site
// shown open. Those headers now count as unread, which fails closed (DESIGN.md §2 rule 5).
describe('the page requested again for its headers', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.unstubAllGlobals());
  const answer = (redirected: boolean) =>
    vi.stubGlobal('fetch', async () => {
      const res = new Response('', { status: 200, headers: { 'X-Robots-Tag': 'all' } });
      Object.defineProperty(res, 'redirected', { value: redirected });
      Object.defineProperty(res, 'url', { value: redirected ? 'https://photos.example/login' : PAGE });
      return res;
    });

  it('answered with a redirect elsewhere: its headers are unread, and the site fails closed', async () => {
    answer(true);
    const assessed = await assessSite(origins, 7, PAGE, page, settings);
    expect(assessed.status).toBe('blocked');
    expect(assessed.reasons).toContain('signal-unreadable');
  });

  it('answered at its own address: its headers are read', async () => {
    answer(false);
    const assessed = await assessSite(origins, 7, PAGE, page, settings);
    expect(assessed.reasons).not.toContain('signal-unreadable');
  });

  // A bot check (Cloudflare marks its challenge pages `cf-mitigated: challenge`) answered in the
  // page's place, with HTTP 200: its headers are the check's, not the page's, whose own
  // `X-Robots-Tag: noai` they leave out.
  it('answered with a bot challenge: its headers are unread, and the site fails closed', async () => {
    vi.stubGlobal('fetch', async () => {
      const res = new Response('<!DOCTYPE html><title>Just a moment...</title>', { status: 200, headers: { 'cf-mitigated': 'challenge' } });
      Object.defineProperty(res, 'url', { value: PAGE });
      return res;
    });
    const assessed = await assessSite(origins, 7, PAGE, page, settings);
    expect(assessed.reasons).toContain('signal-unreadable');
  });
});

// The page's response headers are captured as the browser requested it, without its `#…` (a
// fragment is never sent), and its signals at its address with the fragment. Told apart as two
// pages, the captured headers were dropped and the page requested again without the user's
// cookies: its own `X-Robots-Tag: noai` was lost whenever that answer left it out.
describe('the page opened at an address with a #fragment', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.unstubAllGlobals());

  it('its captured headers are its own: their noai applies, the page is not requested again', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      const res = new Response('', { status: 200 });
      Object.defineProperty(res, 'url', { value: PAGE });
      return res;
    });
    await updateTabState(7, PAGE, { headers: { 'x-robots-tag': ['noai'] } }); // the webRequest observer
    await updateTabState(7, `${PAGE}#photos`, { signals: page }); // the page's signals, read once loaded
    const assessed = await assessSite(origins, 7, `${PAGE}#photos`, page, settings);
    expect(assessed.status).toBe('blocked');
    expect(fetched).toEqual([]);
  });

  it('a new page in the tab still resets what was known about the old one', async () => {
    await updateTabState(7, PAGE, { headers: { 'x-robots-tag': ['noai'] } });
    await updateTabState(7, 'https://photos.example/other#photos', { signals: page });
    expect((await getTabState(7))?.headers).toBeNull();
  });
});

// With no headers captured for the page, Heed requests it again without the user's cookies. The
// page reloaded meanwhile, and the browser's capture of its response (saying noai) arrived first:
// the answer to the request, without noai, was written over it and judged the page.
describe('the page requested again while its response was captured', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.unstubAllGlobals());

  it('the captured headers win over the answer that came back after them', async () => {
    let answer!: () => void;
    vi.stubGlobal('fetch', async () => {
      await new Promise<void>((r) => (answer = r));
      const res = new Response('', { status: 200 });
      Object.defineProperty(res, 'url', { value: PAGE });
      return res;
    });
    const reading = assessSite(origins, 7, PAGE, page, settings);
    await vi.waitFor(() => expect(answer).toBeDefined());
    await updateTabState(7, PAGE, { headers: { 'x-robots-tag': ['noai'] }, signals: null }); // the webRequest observer
    answer();
    expect((await reading).status).toBe('blocked');
    expect((await getTabState(7))?.headers).toEqual({ 'x-robots-tag': ['noai'] });
  });
});

// A page that changes its own address (history.pushState) is still the document the browser was
// served, with that response's headers. Known only under the address it was loaded at, they
// were dropped at the new address, and the page requested again there without the user's
// cookies: an answer without the owner's noai showed the site permitted and kept its images.
describe('the page after it changed its address without loading', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.unstubAllGlobals());
  const MOVED = 'https://photos.example/album/2';
  const answerWithout = () =>
    vi.stubGlobal('fetch', async () => {
      const res = new Response('', { status: 200, headers: { 'X-Robots-Tag': 'all' } });
      Object.defineProperty(res, 'url', { value: MOVED });
      return res;
    });

  it('the headers the document was served with still bind it at its new address', async () => {
    answerWithout();
    await updateTabState(7, PAGE, { headers: { 'x-robots-tag': ['noai'] }, signals: null, served: { url: PAGE, headers: { 'x-robots-tag': ['noai'] } } }); // the webRequest observer
    await updateTabState(7, MOVED, { signals: page }); // the page's signals, read at its new address
    const assessed = await assessSite(origins, 7, MOVED, page, settings);
    expect(assessed.status).toBe('blocked');
  });

  it('a document of another site served before binds nothing here', async () => {
    answerWithout();
    await updateTabState(7, 'https://other.example/', { headers: { 'x-robots-tag': ['noai'] }, signals: null, served: { url: 'https://other.example/', headers: { 'x-robots-tag': ['noai'] } } });
    await updateTabState(7, MOVED, { signals: page });
    const assessed = await assessSite(origins, 7, MOVED, page, settings);
    expect(assessed.status).toBe('permitted');
  });
});
