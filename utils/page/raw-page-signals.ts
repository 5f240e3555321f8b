/**
 * What the always-on content script reads from every page: raw material only (meta pairs,
 * rel=license links, JSON-LD and inline RSL texts), with no parsing and no dependencies, so the script that
 * runs on every page stays a few KB. The background parses it (utils/page/page-signals.ts).
 */
export interface RawPageSignals {
  url: string;
  title: string;
  metas: { name: string; content: string }[];
  /** `rel="license"` links outside any `<figure>` (a figure's licence is its image's), absolute. */
  licenceLinks: { url: string; type: string }[];
  /** Texts of `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** Some JSON-LD was left out (over the caps). */
  jsonLdTruncated: boolean;
  /** Texts of inline RSL licences, `<script type="application/rsl+xml">` (SIGNALS.md §5.2). */
  rsl: string[];
  /** MediaWiki's own markers are present: the page licence is the wiki text's (DESIGN.md §2 rule 4). */
  mediaWiki: boolean;
  /** The page types a work as DCMI Text (no image type): its rel="license" links read as the text's. */
  dcmiText: boolean;
}

import { dcmiTextMarked, isMediaWiki } from '../signals/html-licence/text-only';
import { metaTagsInNoscript, type MetaAttr } from '../signals/noscript-metas';

/** Caps on what a page can make the content script send. */
export const RAW_LIMITS = { metas: 1000, name: 200, content: 4096, links: 100, url: 2048, jsonLdScripts: 50, jsonLdChars: 1_000_000, title: 2000, rslScripts: 3, rslChars: 512 * 1024 } as const;

/** The essence of a `type` attribute: `application/ld+json; charset=…` → `application/ld+json`. */
const mediaType = (el: Element): string => (el.getAttribute('type') ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * Inline RSL licences: at most 3 (as many as robots.txt `License:` documents are read), each
 * whole or, past 512 KiB, cut (a cut document fails to parse, and an unreadable licence fails closed).
 */
export function readInlineRsl(doc: Document, scripts: ArrayLike<Element> = doc.querySelectorAll('script[type]')): string[] {
  const out: string[] = [];
  for (const el of Array.from(scripts)) {
    if (out.length >= RAW_LIMITS.rslScripts) break;
    if (mediaType(el) === 'application/rsl+xml') out.push((el.textContent ?? '').slice(0, RAW_LIMITS.rslChars + 1));
  }
  return out;
}

/** Read the raw page signals of a document (pure: handed the document and its URL). */
export function readRawPageSignals(doc: Document, pageUrl: string): RawPageSignals {
  const metas: RawPageSignals['metas'] = [];
  // The page's metas, then those written inside <noscript> (read as text: signals/noscript-metas.ts).
  const metaTags: MetaAttr[] = [
    ...Array.from(doc.querySelectorAll('meta[name], meta[http-equiv], meta[property="robots" i], meta[itemprop="robots" i], meta[property^="tdm" i]'), (el) => (a: string) => el.getAttribute(a)),
    ...metaTagsInNoscript(doc),
  ];
  for (const attr of metaTags.slice(0, RAW_LIMITS.metas)) {
    // `<meta http-equiv="X-Robots-Tag">` and `<meta property="robots">` count as the robots meta
    // (as signals/meta-robots.ts robotsMetaName reads them; this script imports nothing of the worker's).
    const equivName = (attr('http-equiv') ?? '').trim().toLowerCase();
    const named = ['property', 'itemprop'].some((a) => (attr(a) ?? '').trim().toLowerCase() === 'robots');
    const tdmEquiv = equivName === 'tdm-reservation' || equivName === 'tdm-policy' ? equivName : '';
    // `<meta property="tdm-reservation">` (or its EPUB spelling `tdm:reservation`): the full reader
    // (signals/tdmrep.ts readTdmMeta) reads it, so the badge does too.
    const tdmProperty = (attr('property') ?? '').trim().toLowerCase().startsWith('tdm') ? (attr('property') ?? '').trim() : '';
    const name = attr('name') ?? (equivName === 'x-robots-tag' || named ? 'robots' : tdmEquiv || tdmProperty);
    if (name !== '' && name.length <= RAW_LIMITS.name) metas.push({ name, content: (attr('content') ?? '').slice(0, RAW_LIMITS.content) });
  }
  const licenceLinks: RawPageSignals['licenceLinks'] = [];
  // One query per tag: Chromium answers `tag[attr]` from a tag walk, but matches a selector
  // list element by element, several times slower on a large page. `~= i`: a rel token, any case.
  const linkEls = ['link', 'a', 'area']
    .flatMap((tag) => Array.from(doc.querySelectorAll(`${tag}[rel~="license" i]`)))
    .sort((a, b) => (a.compareDocumentPosition(b) & 4 /* b follows a */ ? -1 : 1)); // document order
  for (const el of linkEls) {
    if (licenceLinks.length >= RAW_LIMITS.links) break;
    if (el.closest('figure')) continue;
    try {
      const url = new URL(el.getAttribute('href') ?? '', pageUrl).href;
      if (/^https?:/.test(url) && url.length <= RAW_LIMITS.url) licenceLinks.push({ url, type: (el.getAttribute('type') ?? '').toLowerCase() });
    } catch {
      // not a URL: not a licence link
    }
  }
  const jsonLd: string[] = [];
  let chars = 0;
  let jsonLdTruncated = false;
  // One query for the typed scripts, read for JSON-LD here and for inline RSL below.
  const scripts = doc.querySelectorAll('script[type]');
  for (const el of Array.from(scripts)) {
    if (mediaType(el) !== 'application/ld+json') continue;
    const text = el.textContent ?? '';
    if (jsonLd.length >= RAW_LIMITS.jsonLdScripts || chars + text.length > RAW_LIMITS.jsonLdChars) {
      jsonLdTruncated = true;
      break;
    }
    jsonLd.push(text);
    chars += text.length;
  }
  return {
    url: pageUrl,
    title: (doc.title ?? '').slice(0, RAW_LIMITS.title),
    metas,
    licenceLinks,
    jsonLd,
    jsonLdTruncated,
    rsl: readInlineRsl(doc, scripts),
    mediaWiki: isMediaWiki(doc),
    dcmiText: licenceLinks.length > 0 && dcmiTextMarked(doc),
  };
}
