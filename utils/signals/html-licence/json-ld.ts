import { LIMITS } from './limits';
import type { JsonLdImageObject, PageLicenceSignals } from './schema';
import { cleanText, resolveUrl } from './dom';
import { isImageType, isMediaType, isNoWorkShown, typeNames } from './vocab';

type Unreadable = PageLicenceSignals['unreadable'][number];

export interface JsonLdLicences {
  /** `license` of top-level, non-media nodes: the page's licence (SIGNALS.md §6.3). */
  pageLicences: string[];
  /**
   * A `license` of those nodes was stated but not read (urlsOf): the page licence then licenses
   * no image (PageLicenceSignals.licenceUnread).
   */
  pageLicenceUnread: boolean;
  /**
   * `license` of top-level nodes shown to be another work than the page (workOfPage): another
   * document's, or one the page's WebPage node does not claim. Not the page's licence, so they
   * license no image; but that work may be the images, so one that differs from the page licence
   * makes the page licence license none (page.ts). `null` stands for one stated but not read.
   */
  otherWorkLicences: (string | null)[];
  /** `author`/`creator` names of the same top-level nodes: the page's own creator (issue 18). */
  pageCreators: string[];
  imageObjects: JsonLdImageObject[];
  unreadable: Unreadable[];
  truncated: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A schema.org property under any of its usual spellings (bare, `schema:`, full IRI). */
function prop(node: JsonObject, name: string): Json | undefined {
  return node[name] ?? node[`schema:${name}`] ?? node[`https://schema.org/${name}`] ?? node[`http://schema.org/${name}`];
}

/** URLs read from a JSON-LD value, and whether some of it was stated but not read (urlsOf). */
interface UrlsRead {
  urls: string[];
  unread: boolean;
}

/**
 * The URLs of a property under every spelling it is written in. A node may carry two
 * (`license` and `schema:license`): reading the first only would let one hide the other, so
 * both are read and two licences conflict (DESIGN.md §2 rule 4; fail closed).
 */
function urlsOfProp(node: JsonObject, name: string, base: string, limit = 20): UrlsRead {
  const out: UrlsRead = { urls: [], unread: false };
  for (const key of [name, `schema:${name}`, `https://schema.org/${name}`, `http://schema.org/${name}`]) {
    const read = urlsOf(node[key], base, limit);
    if (read.unread) out.unread = true;
    for (const url of read.urls) {
      if (out.urls.includes(url)) continue;
      if (out.urls.length < limit) out.urls.push(url);
      else out.unread = true;
    }
  }
  return out;
}

/** Deepest array/object nesting, counted without parsing (so JSON.parse never recurses deeply). */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Scripts sometimes wrap JSON-LD in HTML comments or CDATA for old browsers. */
function unwrap(text: string): string {
  // startsWith/endsWith, not an anchored regex: `\s*…$` backtracks quadratically on long whitespace.
  let s = text.trim();
  if (s.startsWith('<!--')) s = s.slice(4).trim();
  if (s.startsWith('//')) s = s.slice(2).trimStart();
  if (s.startsWith('<![CDATA[')) s = s.slice(9).trim();
  if (s.endsWith('-->')) s = s.slice(0, -3).trim();
  if (s.endsWith(']]>')) s = s.slice(0, -3).trimEnd();
  if (s.endsWith('//')) s = s.slice(0, -2).trimEnd();
  return s;
}

/** JSON's escape of each control character, by code. */
const CONTROL_ESCAPES = Array.from({ length: 32 }, (_, code) => ({ 10: '\\n', 13: '\\r', 9: '\\t' })[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);

/**
 * The two commonest slips in the JSON-LD of real pages, repaired so that what the owner stated is
 * read rather than lost: a raw line break or other control character inside a string (a
 * description pasted with its newlines) and a trailing comma (`{"a": 1,}`). A block Heed cannot
 * read makes the page licence speak for no image (assess.ts), and what a lenient reader makes of
 * it is what its author meant: an image's own licence — an NC one included — stays in view. Nothing else
 * is guessed: any other fault stays `malformed`. One pass, linear in the text; no package (this
 * runs in the page, utils/scan/README.md).
 */
export function repairSlips(text: string): string {
  const parts: string[] = [];
  let from = 0; // the text before this index is in `parts`
  let inString = false;
  let comma = -1; // a comma outside strings, with only blanks after it so far
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++; // a backslash: the next character is escaped
      else if (code === 34) inString = false;
      else if (code < 32) {
        if (i > from) parts.push(text.slice(from, i));
        parts.push(CONTROL_ESCAPES[code]!);
        from = i + 1;
      }
      continue;
    }
    if (code === 32 || code === 10 || code === 13 || code === 9) continue;
    if ((code === 125 || code === 93) && comma >= 0) {
      parts.push(text.slice(from, comma)); // the comma before a closing bracket is dropped
      from = comma + 1;
    }
    comma = code === 44 ? i : -1;
    if (code === 34) inString = true;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * How deep a value is read below its property: a licence in expanded JSON-LD sits four levels
 * down (`[{"url": [{"@id": …}]}]`), and no publisher nests one deeper than this.
 */
const VALUE_DEPTH = 8;

/**
 * The absolute URLs a JSON-LD value names, at most `limit`, and whether some of it was stated
 * but not read. Decision (DESIGN.md §2 rules 4 and 5): a value that is present but that Heed
 * cannot read as a URL — a notice ("Copyright: all rights reserved", "License: CC BY-NC 4.0": a
 * scheme that is not http(s)), one over LIMITS.url, a number, an object naming nothing, one
 * nested deeper than VALUE_DEPTH, one past `limit` — is `unread`, never dropped: dropped, an
 * ImageObject whose licence was one of these read as stating none, and the page's CC BY licensed
 * its image. The caller makes `unread` fail closed (ImageObject.licenseUnread, licenceUnread). A
 * blank string and null state nothing (no refusal can be written that way): no statement.
 */
function urlsOf(value: Json | undefined, base: string, limit = 20): UrlsRead {
  const out: UrlsRead = { urls: [], unread: false };
  // Values read: each one named at most once (JSON is a tree), bounded all the same.
  let budget = limit * 10;
  let read = 0; // URLs resolved, repeats included: an object that gave none named nothing
  const visit = (v: Json | undefined, depth: number): void => {
    if (v === undefined || v === null) return;
    if (depth > VALUE_DEPTH || --budget < 0) {
      out.unread = true;
      return;
    }
    if (typeof v === 'string') {
      if (!/\S/.test(v)) return;
      const url = resolveUrl(v, base);
      if (url === null) out.unread = true;
      else {
        read++;
        if (out.urls.includes(url)) return;
        if (out.urls.length < limit) out.urls.push(url);
        else out.unread = true;
      }
    } else if (Array.isArray(v)) {
      if (v.length > limit) out.unread = true;
      for (const item of v.slice(0, limit)) visit(item, depth + 1);
    } else if (isObject(v)) {
      const before = read;
      // {"@id": …} node references and {"@type": "CreativeWork", "url": …} licence objects. A
      // node whose @id and url differ names both: each is read, so they conflict rather than
      // one hiding the other (DESIGN.md §2 rule 4; fail closed). `@list`/`@set`: expanded
      // JSON-LD's lists of values.
      visit(v['@id'], depth + 1);
      visit(prop(v, 'url'), depth + 1);
      visit(v['@list'] ?? v['@set'], depth + 1);
      // A licence object with no URL (`{"@type": "CreativeWork", "name": "CC BY-NC 4.0"}`) still
      // states a licence: its name is read as a text value is (a relative URL no licence matches),
      // so it is a licence Heed cannot recognise — not none, which would let a broader page
      // licence speak for the image (DESIGN.md §2 rule 4; fail closed).
      if (v['@id'] === undefined && prop(v, 'url') === undefined) visit(v['@value'] ?? prop(v, 'name'), depth + 1);
      // An object that named no URL at all (`{"@type": "CreativeWork"}`) stated one Heed cannot read.
      if (read === before) out.unread = true;
    } else out.unread = true; // a number or boolean: not a URL
  };
  visit(value, 0);
  return out;
}

function textOf(value: Json | undefined): string | null {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (isObject(value)) return textOf(value['@value']);
  return null;
}

/** A creator: a string, a Person/Organization (its `name`), or an array of those, joined. */
function namesOf(value: Json | undefined): string | null {
  const list = Array.isArray(value) ? value.slice(0, 10) : [value];
  const names = list.map((v) => (isObject(v) ? textOf(prop(v, 'name')) ?? textOf(v['@value']) : textOf(v)));
  return cleanText(names.filter((n): n is string => n !== null).join(', '));
}

/**
 * Every URL an image node names its image by: `contentUrl` (Google's), and `url`, `@id`, `image`
 * and `thumbnailUrl`. Decision (DESIGN.md §2 rule 4, the reading that cannot keep what the owner
 * refused): schema.org's ImageObject examples name the file by `url` as often as by `contentUrl`,
 * a Photograph (a CreativeWork, no contentUrl) names it by `image`, a node's `@id` may be the
 * file's URL, and a thumbnail is the same image made smaller; read by `contentUrl` only, an
 * ImageObject stating CC BY-NC with `url` was missed and the page's CC BY licensed its image. A
 * URL that is not the image's (`url` naming the photo's page, an `@id` naming a fragment of this
 * one) matches no image, so reading it grants nothing.
 */
function imageUrlsOf(node: JsonObject, base: string): string[] {
  const out: string[] = [];
  const id = node['@id'];
  const ids = typeof id === 'string' && !id.includes('#') ? urlsOf(id, base).urls : [];
  for (const name of ['contentUrl', 'url', 'image', 'thumbnailUrl']) {
    for (const url of [...(name === 'url' ? ids : []), ...urlsOfProp(node, name, base).urls]) if (!out.includes(url)) out.push(url);
  }
  return out;
}

/**
 * Where a node says its terms of use are: `acquireLicensePage`, and `usageInfo`, the schema.org
 * property it is a sub-property of. Decision (DESIGN.md §2 rule 4, the reading that cannot grant
 * what the owner sells): a work stating no licence but a page of terms is licensed on those terms,
 * which Heed does not recognise; read as saying nothing, a `usageInfo` naming a restrictive page
 * let the page's broader CC BY license the image.
 */
function termsPagesOf(node: JsonObject, base: string): UrlsRead {
  const acquire = urlsOfProp(node, 'acquireLicensePage', base);
  const usage = urlsOfProp(node, 'usageInfo', base);
  return { urls: [...acquire.urls, ...usage.urls.filter((u) => !acquire.urls.includes(u))], unread: acquire.unread || usage.unread };
}

/**
 * The images a work inside another node shows (`image`, `thumbnailUrl`): a part of the page
 * (`hasPart`), a review, a recipe step. Decision (DESIGN.md §2 rule 4, the reading that cannot
 * keep what the owner refused): such a work's licence is its images' own statement, read as an
 * ImageObject's; before, it was read by no one, and the page's CC BY licensed an image the part
 * that shows it licenses CC BY-NC. Only a work that states a licence is read so (the walk skips
 * one stating none).
 */
function partImageUrlsOf(node: JsonObject, base: string): string[] {
  const out: string[] = [];
  for (const name of ['image', 'thumbnailUrl']) for (const url of urlsOfProp(node, name, base).urls) if (!out.includes(url)) out.push(url);
  return out;
}

function imageObjectsOf(node: JsonObject, base: string, imageUrls = imageUrlsOf): JsonLdImageObject[] {
  const contentUrls = imageUrls(node, base);
  if (contentUrls.length === 0) return [];
  const license = urlsOfProp(node, 'license', base, LIMITS.licences);
  const acquire = termsPagesOf(node, base);
  // A licence stated but not read (urlsOf), or — with none read — a licensing page stated but not
  // read (findings.ts reads one as the image's own statement): the image's own licence may be
  // there, so it is marked, and the policy relies on no HTML licence for the image (findings.ts
  // elementLicenceUnread, assess.ts; DESIGN.md §2 rules 4 and 5).
  const licenseUnread = license.unread || (license.urls.length === 0 && acquire.urls.length === 0 && acquire.unread);
  const rest = {
    license: license.urls,
    ...(licenseUnread ? { licenseUnread: true as const } : {}),
    acquireLicensePage: acquire.urls[0] ?? null,
    creditText: textOf(prop(node, 'creditText')),
    creator: namesOf(prop(node, 'creator')) ?? namesOf(prop(node, 'author')),
    copyrightNotice: textOf(prop(node, 'copyrightNotice')),
    name: textOf(prop(node, 'name')),
  };
  return contentUrls.map((contentUrl) => ({ contentUrl, ...rest }));
}

/** "host/path" naming one document: scheme, `www.`, query, fragment and a trailing slash aside. */
function documentKey(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Nodes that are a work apart from the page even when it shows them: a data set, a book, a course… */
const WORK_APART = new Set(['dataset', 'datacatalog', 'datafeed', 'book', 'course', 'movie', 'musicalbum', 'musiccomposition', 'game']);
const SITE_TYPES = new Set(['website', 'blog']);
const WEB_PAGE = /page$|^imagegallery$|^mediagallery$|^videogallery$|^realestatelisting$/;

interface TopNode {
  node: JsonObject;
  types: string[];
  license: UrlsRead;
  terms: UrlsRead;
}

/**
 * Whether a top-level node's licence is the page's ('page'), another work's ('other') or no
 * licence of what the page shows ('none'). Decision (DESIGN.md §2 rule 4; SIGNALS.md §6.1: a
 * licence speaks for the main content of the document): a page's JSON-LD also describes the
 * software it runs, the organisation behind it, a data set, the other posts it links to; each
 * node's `license` is that thing's, and read as the page's, a software project's CC BY, or a
 * related post's, licensed every photo on the page. A node is the page's work unless its type is
 * one of those, its `url`/`@id`/`mainEntityOfPage` names another document, or the page declares
 * its WebPage node and this one is neither it, the site (WebSite, Blog: a site-wide licence, as a
 * footer's), nor linked to it (`mainEntityOfPage`/`isPartOf` naming the page, the WebPage's
 * `mainEntity`/`about`). Another work may be the page's images, so its licence is kept to
 * conflict (otherWorkLicences); the types that are no work shown are dropped.
 */
function workOfPage(top: TopNode, pageKey: string | null, hasWebPage: boolean, claimed: ReadonlySet<string>, base: string): 'page' | 'other' | 'none' {
  const { node, types } = top;
  if (isNoWorkShown(types)) return 'none';
  if (types.some((t) => WORK_APART.has(t))) return 'other';
  const site = types.some((t) => SITE_TYPES.has(t));
  if (site) return 'page';
  const id = typeof node['@id'] === 'string' ? node['@id'] : null;
  const named = [...(id !== null ? urlsOf(id, base).urls : []), ...urlsOfProp(node, 'url', base).urls, ...urlsOfProp(node, 'mainEntityOfPage', base).urls];
  if (pageKey !== null && named.some((u) => documentKey(u) !== pageKey)) return 'other';
  if (!hasWebPage || types.some((t) => WEB_PAGE.test(t))) return 'page';
  const links = [...urlsOfProp(node, 'mainEntityOfPage', base).urls, ...urlsOfProp(node, 'isPartOf', base).urls];
  if (pageKey !== null && links.some((u) => documentKey(u) === pageKey)) return 'page';
  return id !== null && urlsOf(id, base).urls.some((u) => claimed.has(u)) ? 'page' : 'other';
}

/**
 * Read `license` and ImageObjects from the texts of a document's `<script type="application/ld+json">`
 * (as page scripts send them: page.ts jsonLdTextsOf, raw-page-signals.ts). A script that is
 * malformed, larger than LIMITS.jsonLdScript (or sent as `null`: too large to send) or nested
 * deeper than LIMITS.jsonLdDepth is recorded as unreadable; the walk visits at most
 * LIMITS.jsonLdNodes objects. Never throws.
 */
export function readJsonLdTexts(texts: readonly (string | null)[], base: string, pageUrl: string = base): JsonLdLicences {
  const out: JsonLdLicences = { pageLicences: [], pageLicenceUnread: false, otherWorkLicences: [], pageCreators: [], imageObjects: [], unreadable: [], truncated: false };
  const tops: TopNode[] = [];
  readScripts(texts, base, out, tops);
  // Whose licence each top-level node states (workOfPage), once every script has been read.
  const pageKey = documentKey(pageUrl);
  const webPages = tops.filter((t) => t.types.some((type) => WEB_PAGE.test(type)) && !t.types.some((type) => SITE_TYPES.has(type)));
  const claimed = new Set(webPages.flatMap((t) => ['mainEntity', 'about', 'primaryImageOfPage'].flatMap((name) => urlsOfProp(t.node, name, base).urls)));
  for (const top of tops) {
    const work = workOfPage(top, pageKey, webPages.length > 0, claimed, base);
    if (work === 'none') continue;
    const { license, terms } = top;
    const unread = license.unread || (terms.unread && terms.urls.length === 0);
    const urls = [...license.urls, ...terms.urls];
    if (work === 'other') {
      for (const url of [...urls, ...(unread ? [null] : [])]) {
        if (out.otherWorkLicences.includes(url)) continue;
        if (out.otherWorkLicences.length < LIMITS.licences) out.otherWorkLicences.push(url);
        else out.truncated = true;
      }
      continue;
    }
    if (unread) out.pageLicenceUnread = true;
    for (const url of urls) {
      if (out.pageLicences.includes(url)) continue;
      if (out.pageLicences.length < LIMITS.licences) out.pageLicences.push(url);
      else out.truncated = true;
    }
  }
  return out;
}

/** The walk of readJsonLdTexts: image nodes to `out`, top-level nodes stating a licence to `tops`. */
function readScripts(texts: readonly (string | null)[], base: string, out: JsonLdLicences, tops: TopNode[]): void {
  const noteUnreadable = (index: number, reason: Unreadable['reason']): void => {
    if (out.unreadable.length < LIMITS.unreadable) out.unreadable.push({ via: 'json-ld', index, reason });
    else out.truncated = true;
  };
  let total = 0;
  let nodes = 0;
  let index = -1;
  for (const script of texts) {
    index++;
    if (script === null) {
      noteUnreadable(index, 'too-large');
      continue;
    }
    const raw = String(script);
    if (raw.length > LIMITS.jsonLdScript || total + raw.length > LIMITS.jsonLdTotal) {
      noteUnreadable(index, 'too-large');
      continue;
    }
    total += raw.length;
    const text = unwrap(raw);
    if (text.length === 0) continue;
    if (nestingDepth(text, LIMITS.jsonLdDepth) > LIMITS.jsonLdDepth) {
      noteUnreadable(index, 'too-deep');
      continue;
    }
    let root: Json;
    try {
      root = JSON.parse(text) as Json;
    } catch {
      try {
        root = JSON.parse(repairSlips(text)) as Json;
      } catch {
        noteUnreadable(index, 'malformed');
        continue;
      }
    }
    // Iterative walk: `top` marks the document's own nodes (root, root array items, @graph items).
    const stack: { value: Json; top: boolean }[] = [{ value: root, top: true }];
    while (stack.length > 0) {
      const { value, top } = stack.pop()!;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i] ?? null, top });
        continue;
      }
      if (!isObject(value)) continue;
      if (++nodes > LIMITS.jsonLdNodes) {
        out.truncated = true;
        return;
      }
      const types = typeNames(value['@type']);
      if (isImageType(types)) {
        if (out.imageObjects.length >= LIMITS.imageObjects) {
          out.truncated = true;
          continue;
        }
        for (const io of imageObjectsOf(value, base)) {
          if (out.imageObjects.length < LIMITS.imageObjects) out.imageObjects.push(io);
          else out.truncated = true;
        }
      } else if (top && !isMediaType(types)) {
        const creator = namesOf(prop(value, 'author')) ?? namesOf(prop(value, 'creator'));
        if (creator !== null && out.pageCreators.length < LIMITS.licences && !out.pageCreators.includes(creator)) out.pageCreators.push(creator);
        const license = urlsOfProp(value, 'license', base, LIMITS.licences);
        // A page work stating no licence but a page of terms (termsPagesOf) is licensed there: a
        // page licence Heed does not recognise, which conflicts with a CC one found elsewhere on
        // the page rather than leaving it to license the images (DESIGN.md §2 rule 4).
        const terms = license.urls.length === 0 && !license.unread ? termsPagesOf(value, base) : { urls: [], unread: false };
        // Every top-level node is kept (a WebPage stating no licence still says which nodes are the page's).
        if (tops.length < LIMITS.jsonLdNodes) tops.push({ node: value, types, license, terms });
      } else if (!top && !isMediaType(types) && ['license', 'acquireLicensePage', 'usageInfo'].some((name) => prop(value, name) !== undefined)) {
        for (const io of imageObjectsOf(value, base, partImageUrlsOf)) {
          if (out.imageObjects.length < LIMITS.imageObjects) out.imageObjects.push(io);
          else out.truncated = true;
        }
      }
      const children = Object.entries(value).filter(([k]) => k !== '@context');
      for (let i = children.length - 1; i >= 0; i--) {
        const [key, child] = children[i]!;
        if (typeof child === 'object' && child !== null) stack.push({ value: child, top: top && key === '@graph' });
      }
    }
  }
}
