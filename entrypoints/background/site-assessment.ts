import { assessPage, type HeaderMap, type PageAssessment } from '@/utils/policy/assess';
import { isBotChallenge, originOf } from '@/utils/signals/origin-files';
import type { PageSignals } from '@/utils/page/page-signals';
import type { Settings } from '@/utils/model/settings';
import { readRslLinkHeader } from '@/utils/signals/rsl';
import { headerLines, headersOfBoth } from '@/utils/signals/header-lines';
import { fetchLimited, headerMap } from './fetch-limited';
import type { OriginSignals } from './origin-signals';
import { getTabState, keepRequestedHeaders, sameDocument } from './tab-state';

/**
 * The page's main-frame response headers: captured by the webRequest observer as the page
 * loaded; when that was missed (the page loaded before the worker started), the fallback
 * requests the page again without cookies and reads only its headers.
 */
async function pageHeaders(tabId: number, pageUrl: string): Promise<HeaderMap | null> {
  const state = await getTabState(tabId);
  if (state?.headers && sameDocument(state.pageUrl, pageUrl)) return state.headers;
  const r = await fetchLimited(pageUrl, 0);
  // A 4xx's headers are the error page's, not the page's the user sees: unread too (null fails
  // closed, assess.ts). So are those of a request that, without the user's cookies, was sent
  // elsewhere (a signed-in page redirecting to its login page): another document's headers. So
  // are those of a bot check answered in the page's place (origin-files.ts isBotChallenge).
  if (r.outcome !== 'ok' || r.redirected || isBotChallenge(r.headers)) return null;
  // Joined by fetch: read fail-closed (DESIGN.md §2 rule 3). Headers captured meanwhile win.
  const headers = await keepRequestedHeaders(tabId, pageUrl, headerMap(r.headers));
  // The page may have changed its own address (pushState) since it was served: it is still that
  // document, and the response it came with still speaks for it. Decision (DESIGN.md §2 rule 3,
  // the reading that cannot keep what the owner refused): the tab's last captured response of
  // this origin (an address change never leaves it) binds the page with what its address answers
  // now. A page shown again without a request (back/forward cache) may so also answer to the
  // response of the origin's page seen before it: a refusal from the same site, never a permit.
  const served = state?.served;
  return served && sameOrigin(served.url, pageUrl) ? headersOfBoth(served.headers, headers) : headers;
}

function sameOrigin(a: string, b: string): boolean {
  const origin = originOf(a);
  return origin !== null && origin === originOf(b);
}

/** Gather the site- and page-level evidence for a page and assess it. */
export async function assessSite(origins: OriginSignals, tabId: number, pageUrl: string, page: PageSignals, settings: Settings): Promise<PageAssessment> {
  const origin = originOf(pageUrl);
  if (!origin) throw new Error('Heed collects from web pages (http or https) only');
  const [headers, files] = await Promise.all([pageHeaders(tabId, pageUrl), origins.get(origin)]);
  // RSL licences the page links to, in its markup or its response headers.
  const linkedRsl = await origins.rslDocuments([...page.licence.rslLinks, ...readRslLinkHeader(headerLines(headers, 'link').lines, pageUrl)], pageUrl);
  return assessPage({ page, headers, origin: files, linkedRsl }, settings);
}
