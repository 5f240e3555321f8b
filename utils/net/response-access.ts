/**
 * Whether the browser showed Heed a response in full, by its type (Fetch §2.2.6 "response
 * tainting"). With host access to a site (the manifest's `<all_urls>`, the default on Chromium
 * and Firefox) the background's request is read as a same-origin one: `basic`, every header
 * shown. Without it (Firefox MV3 lets the user withhold host access, for every site or all but
 * some; Chromium lets the user narrow it) the request is an ordinary cross-origin one: answered
 * with `Access-Control-Allow-Origin`, it succeeds as `cors`, showing only the CORS-safelisted
 * headers. `X-Robots-Tag`, `Content-Usage`, `TDM-Reservation`, `Link`, `cf-mitigated`, `Server`
 * are hidden, and read as absent a refusal was lost.
 *
 * Decision (DESIGN.md §2 rule 5, fail closed: a signal Heed could not read is unread, never
 * absent): only a response shown in full is read. Any other (`cors`, `opaque`, `error`) is
 * unreachable with this reason, so robots.txt reads as robots-unreachable (never "no
 * robots.txt"), a page's or frame's headers as unread, and an image is not kept. `default` is a
 * Response a script made (never one the network answered): shown in full too.
 */
export function hiddenByBrowser(type: string): string | null {
  if (type === 'basic' || type === 'default') return null;
  return type === 'cors'
    ? 'read without host access to this site, the browser hid its headers (allow Heed access to websites)'
    : `the browser did not show the response in full (${String(type).slice(0, 20)})`;
}
