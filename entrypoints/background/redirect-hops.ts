import { sameRequestUrl, type RedirectHop } from '@/utils/policy/assess';
import { headerLinesFromList } from '@/utils/signals/header-lines';

/**
 * The redirects of the worker's own requests, as webRequest sees them. `fetch` follows redirects
 * and shows only the first and last URL (with `redirect: 'manual'` an opaque answer, no
 * Location); a site in between (A → B → C) can refuse the image by its robots.txt or the headers
 * of its 3xx answer (DESIGN.md §2 rules 2–3), so each hop is recorded here, with the headers of
 * the answer that redirected, and the image is refused when its hops cannot be found
 * (utils/policy/assess.ts: `redirects: null`, rule 5).
 */
interface Chain {
  at: number;
  hops: RedirectHop[];
}

const chains = new Map<string, Chain>();
const KEEP_MS = 5 * 60_000;

/** Firefox's webRequest joins a header's lines (header-lines.ts): read them as possibly joined there. */
const FIREFOX_JOINS_HEADER_LINES = import.meta.env.FIREFOX === true;

/** Observe redirects of requests that no tab made (the worker's own): no blocking. */
export function watchRedirects(): void {
  browser.webRequest.onBeforeRedirect.addListener(
    (details): undefined => {
      if (details.tabId >= 0) return;
      const now = Date.now();
      for (const [id, c] of chains) if (now - c.at > KEEP_MS) chains.delete(id);
      const chain = chains.get(details.requestId) ?? { at: now, hops: [] };
      chain.hops.push({ url: details.url, location: details.redirectUrl, headers: headerLinesFromList(details.responseHeaders ?? [], { mayJoinLines: FIREFOX_JOINS_HEADER_LINES }) });
      chains.set(details.requestId, chain);
      return undefined;
    },
    { urls: ['http://*/*', 'https://*/*'] },
    ['responseHeaders'],
  );
}

/**
 * The hops of a request for `url` that ended at `finalUrl`, begun at or after `since`; null when
 * none was seen within `waitMs` (the events may arrive after fetch answers), or when requests
 * for the same URL took different ways (which one the bytes came through is unknown).
 */
export async function redirectsOf(url: string, finalUrl: string, since: number, waitMs = 2_000): Promise<RedirectHop[] | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = new Map<string, RedirectHop[]>();
    for (const c of chains.values()) {
      if (c.at < since || c.hops.length === 0) continue;
      if (!sameRequestUrl(c.hops[0]!.url, url) || !sameRequestUrl(c.hops[c.hops.length - 1]!.location, finalUrl)) continue;
      found.set(c.hops.map((h) => `${h.url} → ${h.location}`).join(' | '), c.hops);
    }
    if (found.size === 1) return [...found.values()][0]!;
    if (found.size > 1) return null;
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, 25));
  }
}
