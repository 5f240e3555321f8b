import type { RedirectHop } from '@/utils/policy/assess';
import { sameRequestUrl } from '@/utils/model/request-url';
import { workerShared } from './worker-shared';
import { headerLinesFromList, headersOfBoth } from '@/utils/signals/header-lines';

/**
 * The redirects of the worker's own requests, as webRequest sees them. Images are fetched one
 * hop at a time (`redirect: 'manual'`, gather-image.ts), and `fetch` then answers a redirect
 * with an opaque response: no Location, no headers. webRequest sees the 3xx answer in full, so
 * each hop is read here — where it leads and the headers of the answer that redirected — and
 * the URL it leads to is judged before it is requested (DESIGN.md §2 rule 2); an image whose
 * hop cannot be seen is refused (fail closed, rule 5).
 */
interface Chain {
  at: number;
  hops: RedirectHop[];
}

/** The chains seen, by request id (one record per worker: the services script reads what the worker's script saw). */
const chains = workerShared('redirect chains', () => new Map<string, Chain>());
const KEEP_MS = 5 * 60_000;
/** Calls waiting for a redirect to be seen (redirectOf), woken by each one recorded. */
const waiting = workerShared('redirect waiters', () => new Set<() => void>());

/** Firefox's webRequest joins a header's lines (header-lines.ts): read them as possibly joined there. */
const FIREFOX_JOINS_HEADER_LINES = import.meta.env.FIREFOX === true;

/** Record one redirect of request `requestId`: from `url` to `location`, with the 3xx answer's headers. */
function record(requestId: string, url: string, location: string, headers: { name: string; value?: string }[]): void {
  const now = Date.now();
  for (const [id, c] of chains) if (now - c.at > KEEP_MS) chains.delete(id);
  const chain = chains.get(requestId) ?? { at: now, hops: [] };
  const last = chain.hops[chain.hops.length - 1];
  if (last && last.url === url && last.location === location) return; // both events saw it
  chain.hops.push({ url, location, headers: headerLinesFromList(headers, { mayJoinLines: FIREFOX_JOINS_HEADER_LINES }) });
  chains.set(requestId, chain);
  for (const wake of waiting) wake();
}

/**
 * Observe redirects of the requests no tab made (the worker's own): no blocking. Chromium
 * reports a redirect it does not follow (`redirect: 'manual'`) as onBeforeRedirect, an event
 * that only redirects raise. Firefox reports it only as the 3xx answer's headers, whose Location
 * is read here (resolved against the URL): onHeadersReceived, in the Firefox build only, for
 * fetches (`xmlhttprequest`, `other`) with `tabId: -1`. On Chromium -1 reads as "any tab", and
 * every response of every page would reach the worker (issue 17's trace: 190 ms of worker time
 * on a 1,272-request page); on Firefox the types alone keep a page's images, scripts and
 * documents out (whether -1 also keeps its fetches out is not measured here: the listener
 * ignores them).
 */
export function watchRedirects(): void {
  const urls = ['http://*/*', 'https://*/*'];
  browser.webRequest.onBeforeRedirect.addListener(
    (details): undefined => {
      // A hop without its headers is left unseen (its opt-outs unread): the image fails closed (hopNotSeen).
      if (details.tabId < 0 && details.responseHeaders) record(details.requestId, details.url, details.redirectUrl, details.responseHeaders);
      return undefined;
    },
    { urls },
    ['responseHeaders'],
  );
  if (import.meta.env.FIREFOX !== true) return;
  browser.webRequest.onHeadersReceived.addListener(
    (details): undefined => {
      if (details.tabId >= 0 || details.statusCode < 300 || details.statusCode > 399) return undefined;
      const headers = details.responseHeaders ?? [];
      const location = headers.find((h) => h.name.toLowerCase() === 'location')?.value;
      if (!location) return undefined;
      try {
        record(details.requestId, details.url, new URL(location, details.url).href, headers);
      } catch {
        // an unparsable Location leads nowhere: the hop stays unseen and the image fails closed
      }
      return undefined;
    },
    { urls, tabId: -1, types: ['xmlhttprequest', 'other'] },
    ['responseHeaders'],
  );
}

/**
 * The redirect answered to a request for `url` made at or after `since`: where it leads and the
 * headers of that 3xx answer. null when none was seen within `waitMs` (the event may arrive
 * after fetch answers), or when requests for the same URL were sent different ways (which one
 * this request got is unknown): the caller fails closed.
 */
export async function redirectOf(url: string, since: number, waitMs = 2_000): Promise<RedirectHop | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = new Map<string, RedirectHop>();
    for (const c of chains.values()) {
      if (c.at < since) continue;
      // Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): requests
      // for the same URL redirected to the same place (two collects at once, or a retry) are told
      // apart by where they lead only, so which answer was this request's is unknown: the hop is
      // read with the headers of all of them (headersOfBoth). Before, the last one seen stood for
      // every request, and a 3xx answered with `X-Robots-Tag: noai` lost it to another collect's
      // answer without it.
      for (const hop of c.hops) {
        if (!sameRequestUrl(hop.url, url)) continue;
        const seen = found.get(hop.location);
        found.set(hop.location, seen ? { ...seen, headers: headersOfBoth(seen.headers, hop.headers) } : hop);
      }
    }
    if (found.size === 1) return [...found.values()][0]!;
    const left = deadline - Date.now();
    if (found.size > 1 || left <= 0) return null;
    await new Promise<void>((resolve) => {
      const wake = () => {
        waiting.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, Math.min(left, 250));
      waiting.add(wake);
    });
  }
}
