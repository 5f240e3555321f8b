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
  /** Some rel="license" links were left out (over the cap): those read may not be all the page says. */
  licenceLinksTruncated?: boolean;
  /** Texts of inline RSL licences, `<script type="application/rsl+xml">` (SIGNALS.md §5.2). */
  rsl: string[];
  /** MediaWiki's own markers are present: the page licence is the wiki text's (DESIGN.md §2 rule 4). */
  mediaWiki: boolean;
  /** The page types a work as DCMI Text (no image type): its rel="license" links read as the text's. */
  dcmiText: boolean;
}

import { AI_TOKENS, HEED_TOKEN } from '../model/ai-tokens';
import { dcmiTextMarked, isMediaWiki } from '../signals/html-licence/text-only';
import { metaTagsInNoscript, type MetaAttr } from '../signals/noscript-metas';

/**
 * Meta names that can refuse (robots, heed, the AI tokens, TDMRep's): read past the caps, as the
 * full reader (Collect) reads them. Without this, 1000 other metas, or a long run of words, before
 * `noai` hid it from the badge, which showed the site open while Collect refused (DESIGN.md §2).
 */
const REFUSING_NAMES: ReadonlySet<string> = new Set(['robots', HEED_TOKEN, ...AI_TOKENS.map((t) => t.token.toLowerCase()), 'tdm-reservation', 'tdm-policy']);
const refusingName = (name: string) => REFUSING_NAMES.has(name.trim().toLowerCase().replace(/[\s_:]+/g, '-')) || REFUSING_NAMES.has(name.trim().toLowerCase());
/** The opt-out words (DESIGN.md §2 rule 3), however written (`no-ai`, `NoImageAI`). */
const OPT_OUT_WORD = /^(?:noai|noimageai|noindex|noimageindex|none)$/;
/** How much of one content attribute is looked through for opt-out words (as the full reader). */
const MAX_CONTENT_SCAN = 1024 * 1024;

/**
 * The metas of one refusing name, merged (the background merges them per name too, meta-robots.ts):
 * their contents joined as far as the cap allows, and the opt-out words found anywhere in any of
 * them, which are put first, so neither the cap nor 1000 metas of that name before can hide one.
 */
class RefusingMeta {
  private head = '';
  private readonly words = new Set<string>();
  constructor(readonly name: string) {}
  add(content: string): void {
    if (this.head.length < RAW_LIMITS.content) this.head = this.head === '' ? content.slice(0, RAW_LIMITS.content) : `${this.head}, ${content.slice(0, RAW_LIMITS.content)}`;
    for (const w of content.slice(0, MAX_CONTENT_SCAN).split(/[^A-Za-z0-9_.:-]+/)) {
      const word = w.toLowerCase().replace(/[^a-z]/g, '');
      if (OPT_OUT_WORD.test(word)) this.words.add(word);
    }
  }
  content(): string {
    const words = [...this.words].join(', ');
    if (this.head.length <= RAW_LIMITS.content && (words === '' || this.head.length + words.length + 2 <= RAW_LIMITS.content)) return this.head;
    return (words === '' ? this.head : `${words}, ${this.head}`).slice(0, RAW_LIMITS.content);
  }
}

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
  // Refusing metas first, merged per name; the others fill what is left (the order of metas carries no meaning).
  const refusing = new Map<string, RefusingMeta>();
  const others: RawPageSignals['metas'] = [];
  for (const attr of metaTags) {
    // `<meta http-equiv="X-Robots-Tag">` and `<meta property="robots">` count as the robots meta
    // (as signals/meta-robots.ts robotsMetaName reads them; this script imports nothing of the worker's).
    const equivName = (attr('http-equiv') ?? '').trim().toLowerCase();
    const named = ['property', 'itemprop'].some((a) => (attr(a) ?? '').trim().toLowerCase() === 'robots');
    const tdmEquiv = equivName === 'tdm-reservation' || equivName === 'tdm-policy' ? equivName : '';
    // `<meta property="tdm-reservation">` (or its EPUB spelling `tdm:reservation`): the full reader
    // (signals/tdmrep.ts readTdmMeta) reads it, so the badge does too.
    const tdmProperty = (attr('property') ?? '').trim().toLowerCase().startsWith('tdm') ? (attr('property') ?? '').trim() : '';
    const name = attr('name') ?? (equivName === 'x-robots-tag' || named ? 'robots' : tdmEquiv || tdmProperty);
    if (name === '' || name.length > RAW_LIMITS.name) continue;
    if (refusingName(name)) {
      const key = name.trim().toLowerCase();
      let entry = refusing.get(key);
      if (!entry) refusing.set(key, (entry = new RefusingMeta(name)));
      entry.add(attr('content') ?? '');
    } else if (others.length < RAW_LIMITS.metas) others.push({ name, content: (attr('content') ?? '').slice(0, RAW_LIMITS.content) });
  }
  for (const m of refusing.values()) metas.push({ name: m.name, content: m.content() });
  metas.push(...others.slice(0, RAW_LIMITS.metas - metas.length));
  const licenceLinks: RawPageSignals['licenceLinks'] = [];
  // One query per tag: Chromium answers `tag[attr]` from a tag walk, but matches a selector
  // list element by element, several times slower on a large page. `~= i`: a rel token, any case.
  const linkEls = ['link', 'a', 'area']
    .flatMap((tag) => Array.from(doc.querySelectorAll(`${tag}[rel~="license" i]`)))
    .sort((a, b) => (a.compareDocumentPosition(b) & 4 /* b follows a */ ? -1 : 1)); // document order
  let licenceLinksTruncated = false;
  for (const el of linkEls) {
    if (licenceLinks.length >= RAW_LIMITS.links) {
      licenceLinksTruncated = !el.closest('figure');
      if (licenceLinksTruncated) break;
      continue;
    }
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
    ...(licenceLinksTruncated ? { licenceLinksTruncated } : {}),
    rsl: readInlineRsl(doc, scripts),
    mediaWiki: isMediaWiki(doc),
    dcmiText: licenceLinks.length > 0 && dcmiTextMarked(doc),
  };
}
