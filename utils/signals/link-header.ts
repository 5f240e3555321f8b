import { neverThrow } from './fetched-file';
import { foldLookalikes } from './lookalikes';

/** One link of an HTTP `Link` header (RFC 8288): target, relation types, media type. */
export interface HeaderLink {
  url: string;
  rels: string[];
  type: string | null;
  /**
   * The link's context when an `anchor` parameter sets one (RFC 8288 §3.2): absolute, or null
   * when it cannot be resolved. Absent: the context is the response's own resource.
   */
  anchor?: string | null;
  /**
   * The link's `rel*` parameter (RFC 8187's form, which RFC 8288 does not define for `rel`), its
   * charset and language dropped and percent-escapes decoded, lower-cased; absent when not given.
   * Not read as relation types: a reader that looks for one decides what it means.
   */
  extendedRel?: string;
}

const MAX_VALUES = 64;
const MAX_VALUE_LENGTH = 16384;
const MAX_LINKS = 64;
// `<target>` then its parameters up to the next `<`. The target stops at `<` as well as `>`
// (neither may appear raw in a URI, RFC 3986 §2): with `[^>]*`, every `<` of a value with no
// `>` was the start of a scan to its end, quadratic in the value's length.
const LINK = /<([^<>]*)>([^<]*)/g;

/**
 * The parameters of one link-value (`; rel="license"; anchor="#x"`), RFC 8288 §3: lower-cased
 * names, values unquoted; the first of a repeated name (§3.3). A quoted value is read whole, so a
 * `;` or `rel=` inside a `title="…"` is not a parameter of its own. Linear in the text.
 */
function linkParams(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    const semi = text.indexOf(';', i);
    if (semi < 0) break;
    i = semi + 1;
    let name = '';
    while (i < n && text[i] !== '=' && text[i] !== ';' && text[i] !== ',') name += text[i++];
    let value = '';
    if (text[i] === '=') {
      i++;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] === '"') {
        i++;
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < n) i++;
          value += text[i++];
        }
        i++;
      } else {
        while (i < n && text[i] !== ';' && text[i] !== ',') value += text[i++];
      }
    }
    const key = name.trim().toLowerCase();
    if (key !== '' && !out.has(key)) out.set(key, value.trim());
  }
  return out;
}

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
      const url = absoluteHttpUrl(m[1]!.trim(), baseUrl);
      if (!url) continue;
      const params = linkParams(m[2]!);
      const anchor = params.get('anchor');
      yield {
        url,
        rels: (params.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
        // The media type without its parameters (`application/rsl+xml; charset=utf-8` is RSL, RFC
        // 9110 §8.3.1): read with them, an RSL licence was taken for a plain licence link and the
        // document it names was never read (DESIGN.md §2 rule 3).
        type: (params.get('type') ?? '').split(';')[0]!.trim().toLowerCase() || null,
        ...(anchor === undefined ? {} : { anchor: absoluteUrl(anchor, baseUrl) }),
        ...(params.has('rel*') ? { extendedRel: extValue(params.get('rel*')!) } : {}),
      };
    }
  }
}

/** An RFC 8187 ext-value (`UTF-8'en'licen%63e`) as text, lower-cased; escapes that cannot be decoded are kept. */
function extValue(raw: string): string {
  const value = raw.replace(/^[^']*'[^']*'/, '');
  try {
    return decodeURIComponent(value).toLowerCase();
  } catch {
    return value.toLowerCase();
  }
}

/**
 * The link-values of a header value that do not start with `<target>` (RFC 8288 §3 requires
 * one), split at the commas outside quotes and angle brackets: `https://…/by-nc/4.0/; rel="license"`.
 * headerLinks reads none of them (its parameters run to the next `<`, so one after a link was read
 * as that link's parameters, its `rel` dropped as a repeat). Linear in the value.
 */
export function* unbracketedLinkValues(value: string): Generator<string> {
  let start = 0;
  let quoted = false;
  let bracketed = false;
  const n = value.length;
  for (let i = 0; i <= n; i++) {
    const ch = value[i];
    if (i < n && quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
      continue;
    }
    if (i < n && bracketed) {
      if (ch === '>') bracketed = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '<') bracketed = true;
    else if (i === n || ch === ',') {
      const piece = value.slice(start, i).trim();
      if (piece !== '' && !piece.startsWith('<')) yield piece;
      start = i + 1;
    }
  }
}

/** The `rel` of each link whose target is not an absolute http(s) URL once resolved (headerLinks skips them). */
function* relsOfUnreadTargets(value: string, baseUrl: string): Generator<string> {
  for (const m of value.matchAll(LINK)) {
    if (absoluteHttpUrl(m[1]!.trim(), baseUrl) === null) yield linkParams(m[2]!).get('rel') ?? '';
  }
}

/**
 * The links of a header value whose target is not an absolute http(s) URL once resolved (`<urn:…>`,
 * `<ftp://…>`), which headerLinks skips: the target as written (clipped to 2,048 characters), its
 * relation types, media type and `rel*`, as headerLinks gives them. A reader whose links may refuse
 * (rsl.ts) lists them, so that what it cannot fetch is recorded unread, never dropped.
 */
export function* linksWithUnreadTargets(value: string, baseUrl: string): Generator<{ target: string; rels: string[]; type: string | null; extendedRel?: string }> {
  for (const m of value.matchAll(LINK)) {
    const target = m[1]!.trim();
    if (absoluteHttpUrl(target, baseUrl) !== null) continue;
    const params = linkParams(m[2]!);
    yield {
      target: target.slice(0, 2048),
      rels: (params.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
      type: (params.get('type') ?? '').split(';')[0]!.trim().toLowerCase() || null,
      ...(params.has('rel*') ? { extendedRel: extValue(params.get('rel*')!) } : {}),
    };
  }
}

function absoluteUrl(ref: string, base: string): string | null {
  try {
    return new URL(ref, base).href;
  } catch {
    return null;
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

/**
 * Whether a relation type is a licence relation written a little off: in single quotes (which
 * RFC 8288 does not strip), spelt `licence`, or as an IRI or prefixed name ending in it
 * (`http://www.w3.org/1999/xhtml/vocab#license`, `https://creativecommons.org/ns#license`,
 * `cc:license`, `dcterms:license`), or in look-alike or invisible characters. `rel="license"` itself is not (it is read). rsl.ts fetches
 * an RSL licence linked so (it can only refuse).
 */
export function isLicenceRelationWrittenOff(rel: string): boolean {
  // Read as its reader sees it too (lookalikes.ts): `ｌｉｃｅｎｓｅ`, `li<soft hyphen>cense` show `license`.
  const r = foldLookalikes(rel).toLowerCase().replace(/^'+|'+$/g, '');
  return r !== 'license' ? /(?:^|[#/:.])licen[cs]e$/.test(r) : rel !== 'license';
}

/** More distinct licence links than a response states: past it, the header's licences are unread. */
const MAX_LICENCE_LINKS = 64;

/** A licence link whose `anchor` names another context than the response (RFC 8288 §3.2). */
export interface AnchoredLicence {
  url: string;
  /** The context it licenses, absolute; null when the anchor cannot be resolved. */
  about: string | null;
}

/** Whether an anchor names the response's own resource: no fragment, the same URL (its fragment aside). */
function aboutItself(anchor: string | null, baseUrl: string): boolean {
  if (anchor === null) return false;
  try {
    const a = new URL(anchor);
    const b = new URL(baseUrl);
    b.hash = '';
    return a.hash === '' && a.href === b.href;
  } catch {
    return false;
  }
}

/**
 * `rel="license"` links of a response that are not RSL documents (those are read by rsl.ts),
 * once each. Every link of every value is looked at, in full (as readRslLinkHeader does): the
 * first 64 links alone dropped a CC BY-NC after a run of preload links. `unread`: more than 64
 * distinct licence links, or a header that could not be read. Decision (DESIGN.md §2 rule 5):
 * what went unread may be a licence that conflicts with the one found, so the caller fails
 * closed (assess.ts) instead of reading the first 64 as the whole header.
 *
 * `urls` license the response itself. A link whose `anchor` sets another context (RFC 8288
 * §3.2: `anchor="/photo.jpg"`, `anchor="#gallery"`) licenses that resource, not the response:
 * it is in `elsewhere` (omitted when there is none), and the caller decides what it means
 * (assess.ts); before, it was read as the response's own licence.
 */
export function readLicenceLinks(values: readonly string[], baseUrl: string): { urls: string[]; unread: boolean; elsewhere?: AnchoredLicence[] } {
  return neverThrow(() => {
    const urls = new Set<string>();
    const elsewhere = new Map<string, AnchoredLicence>();
    const result = (unread: boolean) => ({ urls: [...urls], unread, ...(elsewhere.size > 0 ? { elsewhere: [...elsewhere.values()] } : {}) });
    // A licence stated in a form Heed does not read (DESIGN.md §2 rules 4 and 5: never a grant,
    // so the header's licences are unread): a link-value without `<target>` that names a licence
    // (`https://…/licenses/by-nc/4.0/; rel="license"`), or a `rel*=UTF-8''license` (RFC 8187's
    // form, not RFC 8288's). Skipped, the response stated no licence and the page's licensed it.
    const LICENCE_WORD = /licen[cs]e/i;
    // So does a licence link whose target is not an http(s) URL (`<urn:…>`, `<ftp://…>`), which
    // headerLinks skips: what it licenses under cannot be read.
    for (const value of values) {
      for (const piece of unbracketedLinkValues(String(value))) if (LICENCE_WORD.test(piece)) return result(true);
      for (const rel of relsOfUnreadTargets(String(value), baseUrl)) if (LICENCE_WORD.test(rel)) return result(true);
    }
    for (const l of headerLinks(values, baseUrl, true)) {
      if (l.extendedRel !== undefined && LICENCE_WORD.test(l.extendedRel)) return result(true);
      if (l.type === 'application/rsl+xml') continue;
      // A licence relation written a little off (isLicenceRelationWrittenOff): as no licence link,
      // a CC BY-NC the image's server stated went unread and the page's CC BY licensed the image.
      // Decision (DESIGN.md §2 rules 4 and 5): a statement Heed does not rely on, so the header's
      // licences are unread (a conflict for an image; a page licence licensing no image), never a grant.
      if (!l.rels.includes('license') && l.rels.some(isLicenceRelationWrittenOff)) return result(true);
      if (!l.rels.includes('license')) continue;
      const itself = l.anchor === undefined || aboutItself(l.anchor, baseUrl);
      const key = itself ? l.url : `${l.url}\n${l.anchor ?? ''}`;
      if (itself ? urls.has(key) : elsewhere.has(key)) continue;
      if (urls.size + elsewhere.size >= MAX_LICENCE_LINKS) return result(true);
      if (itself) urls.add(l.url);
      else elsewhere.set(key, { url: l.url, about: l.anchor ?? null });
    }
    return result(false);
  }, () => ({ urls: [], unread: true }));
}

/** The licence links `readLicenceLinks` reads (without saying whether it read them all). */
export function licenceLinksFromHeader(values: readonly string[], baseUrl: string): string[] {
  return readLicenceLinks(values, baseUrl).urls;
}
