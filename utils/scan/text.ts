/** Longest URL a candidate may carry (ImageCandidateSchema.url): longer ones are dropped, never cut. */
export const MAX_URL = 8192;

/** Untrusted page text, whitespace-collapsed and capped (it is shown and stored as text only). */
export function cleanText(value: string | null | undefined, max = 500): string {
  if (typeof value !== 'string') return '';
  // Cap before the regex so a megabyte of alt text costs nothing; control characters become spaces.
  // eslint-disable-next-line no-control-regex -- page-supplied text
  return value.slice(0, max * 4 + 64).replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim().slice(0, max);
}

/**
 * `ref` resolved against `base` as an absolute http(s) or data: URL that fits a candidate, or
 * null. A `blob:` URL of a web page (made by its scripts) is kept too: Heed cannot read its
 * bytes, but the image is reported — and fails with that reason — rather than vanish.
 */
export function resolveUrl(ref: string | null | undefined, base: string): string | null {
  if (typeof ref !== 'string') return null;
  const trimmed = ref.trim();
  if (!trimmed || trimmed.length > MAX_URL) return null;
  const fast = joinPlainPath(trimmed, base);
  if (fast !== null) return fast.length <= MAX_URL ? fast : null;
  try {
    const u = new URL(trimmed, base);
    if (u.protocol === 'blob:') return /^https?:\/\//i.test(u.pathname) && u.href.length <= MAX_URL ? u.href.replace(/#.*$/, '') : null;
    if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'data:') return null;
    if (u.protocol === 'data:' && !/^data:image\//i.test(u.href)) return null;
    if (u.protocol !== 'data:') u.hash = ''; // #fragments name the same bytes: they must not defeat dedupe
    return u.href.length <= MAX_URL ? u.href : null;
  } catch {
    return null;
  }
}

// A relative reference the URL parser would copy as is: a path of unreserved and sub-delimiter
// characters (no quote, space, backslash, #, or anything it percent-encodes), an optional query.
const PLAIN_REF = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?$/;
// Dot segments (also percent-encoded) need the parser's normalisation.
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:[/?]|$)|%2e/i;
/** A serialised http(s) base: origin, then its path up to the last slash (query and fragment cut). */
const PLAIN_BASE = /^(https?:\/\/[a-z0-9.-]+(?::[1-9]\d{0,4})?)(?=[/?#]|$)(\/[^?#\s\\]*)?/;

/**
 * `new URL(ref, base).href` without the parser, for the references pages use most: a path
 * (`/img/a.png`) or a relative path (`img/a.png`) of plain characters against a serialised
 * http(s) base. Null when the parser is needed (schemes, `//`, dot segments, escapes, #).
 */
export function joinPlainPath(ref: string, base: string): string | null {
  if (!ref) return null;
  const first = ref.charCodeAt(0);
  if (first === 47 /* / */ ? ref.charCodeAt(1) === 47 : first === 63 /* ? */) return null;
  if (!PLAIN_REF.test(ref) || DOT_SEGMENT.test(ref)) return null;
  const slash = ref.indexOf('/');
  const colon = ref.indexOf(':');
  if (colon >= 0 && (slash < 0 || colon < slash)) return null; // a scheme, or a path the parser reads as one
  const b = PLAIN_BASE.exec(base);
  const port = b ? /:(\d+)$/.exec(b[1]!) : null;
  // A default port the parser would drop, or one it would reject.
  if (!b || (port && (port[1] === '80' || port[1] === '443' || Number(port[1]) > 65535))) return null;
  if (first === 47) return b[1] + ref;
  const path = b[2] ?? '/';
  return b[1] + path.slice(0, path.lastIndexOf('/') + 1) + ref;
}

/** An http(s) URL only (link targets, resource entries), or null. */
export function resolveHttpUrl(ref: string | null | undefined, base: string): string | null {
  const url = resolveUrl(ref, base);
  return url && /^https?:/i.test(url) ? url : null;
}

/** Scheme, host (no userinfo, no backslash or space) and then the path, up to the query or fragment. */
const SERIALISED = /^https?:\/\/[a-z0-9.:[\]-]+(\/[^?#\s\\]*)?(?:[?#][^\s\\]*)?$/i;

const IMAGE_PATH = /\.(?:jpe?g|jfif|pjpeg|png|apng|gif|webp|avif|svg|bmp|tiff?|jxl|heic|heif)$/i;

/** Whether a URL's path names an image file by its extension (query and fragment ignored). */
export function looksLikeImageFile(url: string): boolean {
  if (url.startsWith('data:image/')) return true;
  // An absolute URL as browsers serialise it (the scan's URLs): its path without parsing.
  const path = SERIALISED.exec(url);
  if (path) return IMAGE_PATH.test(path[1] ?? '/');
  try {
    return IMAGE_PATH.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** Approximate decoded payload size of a data: URL, in bytes (base64 or percent-encoded). */
export function dataUrlBytes(url: string): number {
  const comma = url.indexOf(',');
  if (comma < 0) return 0;
  const payload = url.length - comma - 1;
  if (/;base64$/i.test(url.slice(0, comma))) return Math.floor((payload * 3) / 4);
  // Each %XX is one byte written as three characters.
  const escapes = (url.slice(comma + 1).match(/%[0-9a-f]{2}/gi) ?? []).length;
  return payload - escapes * 2;
}

/** The document base URL: `<base href>` resolved against the page URL, else the page URL. */
export function documentBaseUrl(doc: Document, pageUrl: string): string {
  try {
    const href = doc.querySelector('base[href]')?.getAttribute('href');
    if (href) return new URL(href, pageUrl).href;
  } catch {
    /* an unparseable <base> is ignored, as browsers do */
  }
  return pageUrl;
}
