/** A URL without its fragment, as the network sees it (`null` when it does not parse). */
function requestUrl(u: string): string | null {
  try {
    const url = new URL(u);
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/** Whether two URLs name the same request (fragments aside); a URL that does not parse names none. */
export function sameRequestUrl(a: string, b: string): boolean {
  const ra = requestUrl(a);
  return ra !== null && ra === requestUrl(b);
}
