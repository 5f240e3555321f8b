/**
 * The longest page address Heed reads a page at: 65,536 characters. Real addresses pass 8,192
 * (search and tracking parameters, state kept in the query), and browsers allow far more
 * (Chromium 2 MiB, Firefox 1 MiB), but the address is stored with every item collected from
 * the page and written into the manifest: a page that made its own address megabytes long
 * (history.pushState) would multiply that into every record. Above the cap Heed fails closed
 * with this reason rather than cutting the address, which would then name another page.
 */
export const MAX_PAGE_URL = 65_536;

/** Why a page whose address is over MAX_PAGE_URL is not read, or null when it is not. */
export function pageUrlTooLong(pageUrl: string): string | null {
  if (pageUrl.length <= MAX_PAGE_URL) return null;
  return `This page's address is ${pageUrl.length.toLocaleString('en')} characters long; Heed reads pages whose address is at most ${MAX_PAGE_URL.toLocaleString('en')} characters, so nothing here was assessed or collected.`;
}

/**
 * The address of the document a page address names: without its `#…`, which is never sent to
 * the server (the browser's request for `/p#photos` is `/p`), so the page's response headers are
 * captured at it. A fragment, or a change of it, names the same document and the same response:
 * told apart, the headers the page was served with were dropped and the page requested again
 * without the user's cookies, whose answer can leave the owner's noai out.
 */
export function documentAddress(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
