import type { PageSignals } from '@/utils/page/page-signals';
import { headerLinesFromList, type HeaderMap } from '@/utils/signals/header-lines';
import { documentAddress } from '@/utils/model/page-url';
import { workerShared } from './worker-shared';

/**
 * Per-tab state the worker may lose when it is stopped, kept in storage.session:
 * the page-level DOM signals and the main-frame response headers of the tab's page.
 */
export interface TabState {
  pageUrl: string;
  signals: PageSignals | null;
  /** The page's main-frame response headers: lower-cased name → its lines, read apart (webRequest
   * gives each line separately; DESIGN.md §2 rule 3), or a value fetch joined (the fallback). */
  headers: HeaderMap | null;
  /**
   * The tab's last main-frame response as the observer captured it: its address and headers.
   * Kept when the tab's page takes another address (pushState), which is still that document.
   */
  served?: { url: string; headers: HeaderMap } | null;
}

const key = (tabId: number) => `tab:${tabId}`;

export async function getTabState(tabId: number): Promise<TabState | null> {
  const got = (await browser.storage.session.get(key(tabId)))[key(tabId)] as TabState | undefined;
  return got ?? null;
}

/** Whether two addresses of a tab's page name one document, answered with one response (page-url.ts documentAddress). */
export function sameDocument(a: string, b: string): boolean {
  return documentAddress(a) === documentAddress(b);
}

/** Each tab's last queued change: changes to one tab's state run one after another (one queue per worker). */
const pendingChanges = workerShared('tab-state changes', () => new Map<number, Promise<void>>());

function queueForTab(tabId: number, change: () => Promise<void>): Promise<void> {
  const queued = (pendingChanges.get(tabId) ?? Promise.resolve()).then(change, change);
  const tail = queued.catch(() => undefined);
  pendingChanges.set(tabId, tail);
  void tail.then(() => {
    if (pendingChanges.get(tabId) === tail) pendingChanges.delete(tabId);
  });
  return queued;
}

/**
 * Merge `patch` into the tab's state. A read-modify-write: the header observer and the page
 * signals arrive at about the same time, and two updates interleaved would each write what
 * it read before the other's write, erasing the other's part (the page's headers lost, then
 * requested again without the user's cookies). Changes to one tab are therefore queued.
 */
export function updateTabState(tabId: number, pageUrl: string, patch: Partial<Omit<TabState, 'pageUrl'>>): Promise<void> {
  return queueForTab(tabId, async () => {
    const prev = await getTabState(tabId);
    // A new page in the tab resets what was known about the old one; the same document at
    // another #fragment is the same page, answered with the same headers (documentAddress).
    const base: TabState = prev && sameDocument(prev.pageUrl, pageUrl) ? prev : { pageUrl, signals: null, headers: null, ...(prev?.served ? { served: prev.served } : {}) };
    await browser.storage.session.set({ [key(tabId)]: { ...base, ...patch } });
  });
}

/**
 * Record the headers the page was requested again for (site-assessment.ts, when none were
 * captured), unless the browser's capture of the page's own response arrived meanwhile (the page
 * reloaded during the request): those are the document's, and stay. Written over them, the
 * cookie-less answer (without the owner's noai) judged the page. Returns the headers kept.
 */
export async function keepRequestedHeaders(tabId: number, pageUrl: string, headers: HeaderMap): Promise<HeaderMap> {
  let kept = headers;
  await queueForTab(tabId, async () => {
    const prev = await getTabState(tabId);
    if (prev && !sameDocument(prev.pageUrl, pageUrl)) return; // the tab went on to another page: its state is that page's
    if (prev?.headers) kept = prev.headers;
    else await browser.storage.session.set({ [key(tabId)]: { ...(prev ?? { pageUrl, signals: null }), headers } });
  });
  return kept;
}

/** Forget a closed tab, after any change still queued for it (which would write it back). */
export function forgetTab(tabId: number): Promise<void> {
  return queueForTab(tabId, () => browser.storage.session.remove(key(tabId)));
}

/** Firefox's webRequest joins a header's lines (header-lines.ts): read them as possibly joined there. */
const FIREFOX_JOINS_HEADER_LINES = import.meta.env.FIREFOX === true;

/**
 * Capture main-frame response headers without downloading the page again: an observational
 * webRequest listener (no blocking). Fallback when it missed the response (page loaded before
 * the worker started): the collector re-requests the page without credentials.
 */
export function captureMainFrameHeaders(): void {
  browser.webRequest.onHeadersReceived.addListener(
    (details): undefined => {
      if (details.tabId < 0) return;
      // Each header line kept apart: joining them would let `googlebot: noimageindex` on one
      // line address `noai` on the next to googlebot only.
      // A main-frame response is a new document (a reload too): the signals read from the one
      // before no longer describe the tab's page, and are forgotten until its own are read.
      // An event without its headers is no reading of them (DESIGN.md §2 rule 5, fail closed):
      // none are recorded, so the page's are requested again (site-assessment.ts), never read as
      // "no header".
      if (!details.responseHeaders) {
        void updateTabState(details.tabId, details.url, { headers: null, signals: null, served: null });
        return undefined;
      }
      const headers = headerLinesFromList(details.responseHeaders, { mayJoinLines: FIREFOX_JOINS_HEADER_LINES });
      void updateTabState(details.tabId, details.url, { headers, signals: null, served: { url: details.url, headers } });
      return undefined;
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
    ['responseHeaders'],
  );
}

