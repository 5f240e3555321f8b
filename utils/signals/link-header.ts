import { neverThrow } from './fetched-file';

/** One link of an HTTP `Link` header (RFC 8288): target, relation types, media type. */
export interface HeaderLink {
  url: string;
  rels: string[];
  type: string | null;
}

const MAX_VALUES = 64;
const MAX_VALUE_LENGTH = 16384;
const MAX_LINKS = 64;
// `<target>` then its parameters up to the next `<`. The target stops at `<` as well as `>`
// (neither may appear raw in a URI, RFC 3986 §2): with `[^>]*`, every `<` of a value with no
// `>` was the start of a scan to its end, quadratic in the value's length.
const LINK = /<([^<>]*)>([^<]*)/g;

function absoluteHttpUrl(ref: string, base: string): string | null {
  try {
    const u = new URL(ref, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * The links of `Link` header values (RFC 8288 §3) with an absolute http(s) target, in order.
 * Lazy, so that each caller keeps its own cap; may throw on junk input (callers wrap it).
 * `whole`: every value in full (the browser bounds a response's headers; the scan is linear),
 * for a reader whose links may refuse (an RSL licence after a long run of preload links, in
 * one value fetch joined); otherwise the first 64 values, 16,384 characters each.
 */
export function* headerLinks(values: readonly string[], baseUrl: string, whole = false): Generator<HeaderLink> {
  for (const value of whole ? values : values.slice(0, MAX_VALUES)) {
    for (const m of (whole ? String(value) : String(value).slice(0, MAX_VALUE_LENGTH)).matchAll(LINK)) {
      const params = m[2]!;
      const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
      const type = /;\s*type\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
      const url = absoluteHttpUrl(m[1]!.trim(), baseUrl);
      if (!url) continue;
      yield {
        url,
        rels: (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean),
        // The media type without its parameters (`application/rsl+xml; charset=utf-8` is RSL, RFC
        // 9110 §8.3.1): read with them, an RSL licence was taken for a plain licence link and the
        // document it names was never read (DESIGN.md §2 rule 3).
        type: (type?.[1] ?? type?.[2] ?? '').split(';')[0]!.trim().toLowerCase() || null,
      };
    }
  }
}

/** Parse `Link` header values (RFC 8288 §3) into absolute http(s) links, at most 64; never throws. */
export function parseLinkHeader(values: readonly string[], baseUrl: string): HeaderLink[] {
  return neverThrow(() => {
    const links: HeaderLink[] = [];
    for (const link of headerLinks(values, baseUrl)) {
      links.push(link);
      if (links.length >= MAX_LINKS) break;
    }
    return links;
  }, () => []);
}

/** More distinct licence links than a response states: past it, the header's licences are unread. */
const MAX_LICENCE_LINKS = 64;

/**
 * `rel="license"` links of a response that are not RSL documents (those are read by rsl.ts),
 * once each. Every link of every value is looked at, in full (as readRslLinkHeader does): the
 * first 64 links alone dropped a CC BY-NC after a run of preload links. `unread`: more than 64
 * distinct licence links, or a header that could not be read. Decision (DESIGN.md §2 rule 5):
 * what went unread may be a licence that conflicts with the one found, so the caller fails
 * closed (assess.ts) instead of reading the first 64 as the whole header.
 */
export function readLicenceLinks(values: readonly string[], baseUrl: string): { urls: string[]; unread: boolean } {
  return neverThrow(() => {
    const urls = new Set<string>();
    for (const l of headerLinks(values, baseUrl, true)) {
      if (!l.rels.includes('license') || l.type === 'application/rsl+xml' || urls.has(l.url)) continue;
      if (urls.size >= MAX_LICENCE_LINKS) return { urls: [...urls], unread: true };
      urls.add(l.url);
    }
    return { urls: [...urls], unread: false };
  }, () => ({ urls: [], unread: true }));
}

/** The licence links `readLicenceLinks` reads (without saying whether it read them all). */
export function licenceLinksFromHeader(values: readonly string[], baseUrl: string): string[] {
  return readLicenceLinks(values, baseUrl).urls;
}
