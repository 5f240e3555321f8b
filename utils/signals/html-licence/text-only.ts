// Page licences that cover only the page's text (DESIGN.md §2 rule 4): CC REL markup whose
// dct:type is dcmitype:Text, and a MediaWiki page's rel="license" (the wiki text's licence;
// MediaWiki files carry their own). They license no image and make no site `permitted`.
// Dependency-free: the always-on content script (utils/page/raw-page-signals.ts) uses it too.

/** What a text-only page licence covers, as recorded in PageLicenceSignals.textLicences. */
export type TextOnlyCover = 'mediawiki-text' | 'dcmitype-text';

/** `<meta name="generator" content="MediaWiki 1.43.0">`, as every MediaWiki skin writes it. */
export function isMediaWikiGenerator(content: string | null | undefined): boolean {
  return typeof content === 'string' && /^\s*mediawiki\b/i.test(content);
}

/**
 * Whether a document is a MediaWiki page, by MediaWiki's own markers (not its host name): the
 * generator meta, the `mediawiki` class every skin puts on `<body>`, or the `mw-content-text`
 * container of the parsed wiki text. Any one suffices: reading a page as MediaWiki can only
 * withhold a page licence, the fail-closed reading.
 */
export function isMediaWiki(doc: Document): boolean {
  for (const meta of Array.from(doc.querySelectorAll('meta[name]')).slice(0, 1000)) {
    if ((meta.getAttribute('name') ?? '').toLowerCase() === 'generator' && isMediaWikiGenerator(meta.getAttribute('content'))) return true;
  }
  // querySelector, not doc.body: a document with no root element has no body to ask for.
  const bodyClass = doc.querySelector('body')?.getAttribute('class') ?? '';
  return /(?:^|\s)mediawiki(?:\s|$)/i.test(bodyClass.slice(0, 4096)) || doc.querySelector('#mw-content-text') !== null;
}

// A DCMI Type Vocabulary term (https://www.dublincore.org/specifications/dublin-core/dcmi-type-vocabulary/),
// as a full IRI or the conventional `dcmitype:` CURIE.
const DCMI_TYPE = /^(?:https?:\/\/purl\.org\/dc\/dcmitype\/|dcmitype:)([a-z]+)\/?$/i;
const IMAGE_TYPES = new Set(['image', 'stillimage']);

/** The DCMI type a value names (`text`, `stillimage`…, lower-cased), or null. */
export function dcmiType(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  return DCMI_TYPE.exec(value.trim())?.[1]?.toLowerCase() ?? null;
}

/** DCMI types named by an element's `typeof`, `resource`, `href` or `content` attribute. */
export function dcmiTypesOf(el: Element, attrs: readonly string[] = ['resource', 'href', 'content']): string[] {
  const out: string[] = [];
  for (const attr of attrs) {
    for (const token of (el.getAttribute(attr) ?? '').slice(0, 1024).split(/\s+/).slice(0, 16)) {
      const t = dcmiType(token);
      if (t && !out.includes(t)) out.push(t);
    }
  }
  return out;
}

/**
 * Whether a work of these declared DCMI types may include images: no type declared, or an
 * Image/StillImage among them. A work typed only Text (or only Sound, Dataset…) is not an image,
 * so its licence licenses none (fail closed: a type that names no image withholds the licence).
 */
export function typesCoverImages(types: readonly string[]): boolean {
  return types.length === 0 || types.some((t) => IMAGE_TYPES.has(t));
}

/**
 * The cheap document-level reading for the always-on content script, which cannot tell RDFa
 * subjects apart: the page types some work with DCMI types none of which is an image. Fail
 * closed: its rel="license" links are then read as the text's.
 */
export function dcmiTextMarked(doc: Document): boolean {
  const els = doc.querySelectorAll('[href*="dcmitype" i], [resource*="dcmitype" i], [typeof*="dcmitype" i], [content*="dcmitype" i]');
  const types: string[] = [];
  for (const el of Array.from(els).slice(0, 200)) types.push(...dcmiTypesOf(el, ['typeof', 'resource', 'href', 'content']));
  return types.length > 0 && !typesCoverImages(types);
}
