import { LIMITS } from './limits';
import { cleanText, resolveUrl, tokens } from './dom';
import { isMediaType, isNoWorkShown, microdataPredicates, rdfaPredicates, typeNames, type Predicate } from './vocab';

/** What a statement is about. */
export type Subject =
  | { kind: 'page' }
  | { kind: 'resource'; url: string }
  | { kind: 'item'; el: Element; types: string[]; nested: boolean }
  | { kind: 'unknown' };

/** One licence/creator/title statement found on an element. */
export interface Statement {
  syntax: 'rel' | 'rdfa' | 'microdata';
  predicate: Predicate;
  el: Element;
  subject: Subject;
}

function resourceSubject(ref: string, base: string, pageUrl: string): Subject {
  if (ref.trim() === '') return { kind: 'page' };
  const url = resolveUrl(ref, base);
  if (!url) return { kind: 'unknown' };
  // about="" (or the page's own URL) names the document itself; "#frag" names something else.
  return url === pageUrl.replace(/#.*$/, '') ? { kind: 'page' } : { kind: 'resource', url };
}

/**
 * The RDFa 1.1 subject of the statements on `el` (https://www.w3.org/TR/rdfa-core/ §7.5),
 * simplified: `about` on the element; else the nearest ancestor that sets a new subject
 * (`about`; `resource`/`href`/`src` unless it only carries a literal `property`; `typeof` → a
 * typed item); none → the page.
 */
export function rdfaSubject(el: Element, base: string, pageUrl: string): Subject {
  const own = el.getAttribute('about');
  if (own !== null) return resourceSubject(own, base, pageUrl);
  if (el.hasAttribute('typeof') && (el.hasAttribute('rel') || el.hasAttribute('rev'))) {
    return { kind: 'item', el, types: typeNames(el.getAttribute('typeof')), nested: false };
  }
  let x = el.parentElement;
  for (let i = 0; x && i < LIMITS.ancestors; i++, x = x.parentElement) {
    const about = x.getAttribute('about');
    if (about !== null) return resourceSubject(about, base, pageUrl);
    const hasRel = x.hasAttribute('rel') || x.hasAttribute('rev');
    const typed = x.hasAttribute('typeof');
    if (x.hasAttribute('property') && !hasRel && !typed) continue;
    const obj = x.getAttribute('resource') ?? x.getAttribute('href') ?? x.getAttribute('src');
    if (obj !== null) return resourceSubject(obj, base, pageUrl);
    if (typed) {
      const nested = x.hasAttribute('property') || hasRel;
      return { kind: 'item', el: x, types: typeNames(x.getAttribute('typeof')), nested };
    }
  }
  return x ? { kind: 'unknown' } : { kind: 'page' };
}

/** The microdata item an `itemprop` belongs to (HTML §5.2.3); none → the page. */
export function microdataOwner(el: Element): Subject {
  let x = el.parentElement;
  for (let i = 0; x && i < LIMITS.ancestors; i++, x = x.parentElement) {
    if (x.hasAttribute('itemscope')) {
      return { kind: 'item', el: x, types: typeNames(x.getAttribute('itemtype')), nested: x.hasAttribute('itemprop') };
    }
  }
  return x ? { kind: 'unknown' } : { kind: 'page' };
}

/**
 * Whether a statement speaks for the whole page: no subject, or a top-level non-media item that
 * is a work the page may show (not software, an organisation, a product…: vocab.ts isNoWorkShown,
 * whose licence is that thing's, never its photos').
 */
export function isPageSubject(s: Subject): boolean {
  return s.kind === 'page' || (s.kind === 'item' && !s.nested && !isMediaType(s.types) && !isNoWorkShown(s.types));
}

const HTML_LINK_ELEMENTS = new Set(['a', 'link', 'area']);

/** RSL's media type (SIGNALS.md §5.2). */
export const RSL_MEDIA_TYPE = 'application/rsl+xml';

/**
 * Whether a rel="license" link's `type` names RSL, in any case and with any parameters: the one
 * test of the full reader and the badge's (page-signals.ts, messages/page-signals-schema.ts).
 */
export function namesRsl(type: string): boolean {
  return type.toLowerCase().includes(RSL_MEDIA_TYPE);
}

/** RSL reuses rel="license" with `type="application/rsl+xml"` (SIGNALS.md §5.2): not a CC licence. */
export function isRslLink(el: Element): boolean {
  return namesRsl(el.getAttribute('type') ?? '');
}

/** Every recognised statement carried by `el`'s rel, property and itemprop attributes. */
export function statementsOf(el: Element, base: string, pageUrl: string): Statement[] {
  const out: Statement[] = [];
  let rdfa: Subject | undefined;
  const rdfaSubj = (): Subject => (rdfa ??= rdfaSubject(el, base, pageUrl));
  const rel = el.getAttribute('rel');
  if (rel !== null) {
    // rel="license" on a/link/area is the HTML link type (SIGNALS.md §6.1); elsewhere, RDFa.
    const htmlLicence = HTML_LINK_ELEMENTS.has(el.localName) && tokens(rel).includes('license');
    for (const predicate of rdfaPredicates(el, rel)) {
      const syntax = htmlLicence && predicate === 'licence' ? 'rel' : 'rdfa';
      out.push({ syntax, predicate, el, subject: rdfaSubj() });
    }
  }
  const property = el.getAttribute('property');
  if (property !== null) {
    for (const predicate of rdfaPredicates(el, property)) {
      if (!out.some((s) => s.predicate === predicate)) out.push({ syntax: 'rdfa', predicate, el, subject: rdfaSubj() });
    }
  }
  const itemprop = el.getAttribute('itemprop');
  if (itemprop !== null) {
    const owner = microdataOwner(el);
    for (const predicate of microdataPredicates(itemprop)) out.push({ syntax: 'microdata', predicate, el, subject: owner });
  }
  return out;
}

/** Microdata property value (HTML §5.2.4) for URL-valued elements, else null. */
function microdataUrl(el: Element): string | null {
  switch (el.localName) {
    case 'a': case 'area': case 'link': return el.getAttribute('href');
    case 'img': case 'audio': case 'embed': case 'iframe': case 'source': case 'track': case 'video': return el.getAttribute('src');
    case 'object': return el.getAttribute('data');
    case 'meta': return el.getAttribute('content');
    default: return null;
  }
}

/** The URL a statement points at (licence, contentUrl…), absolute, or null. */
export function urlValue(s: Statement, base: string): string | null {
  const el = s.el;
  if (s.syntax === 'microdata') return resolveUrl(microdataUrl(el) ?? el.getAttribute('content') ?? el.textContent, base);
  const ref = el.getAttribute('resource') ?? el.getAttribute('href') ?? el.getAttribute('src');
  if (ref !== null) return resolveUrl(ref, base);
  // A literal licence (property="cc:license" content="https://…") only counts if it is a URL; one
  // that is not ("CC BY-NC 4.0") is null here and unread to the licence readers (statesValue).
  const literal = (el.getAttribute('content') ?? el.textContent ?? '').trim();
  return /^https?:\/\//i.test(literal) ? resolveUrl(literal, base) : null;
}

/**
 * Whether a statement states a value at all: some attribute it may be read from, or its text, is
 * not blank, or it opens a node of its own (`typeof`, `itemscope`: a licence object). Decision
 * (DESIGN.md §2 rules 4 and 5): a licence statement whose value urlValue cannot read (javascript:,
 * mailto:, a notice or licence name written as text, a URL over LIMITS.url, a relative one that
 * is over it once resolved against a long page address) is present but unread, and must fail
 * closed rather than read as no statement — else the page's broader licence speaks for an image
 * whose own markup may say CC BY-NC or "all rights reserved". A blank one states nothing (it can
 * say no refusal), so it stays no statement: a template's empty `content=""` is not a licence.
 */
export function statesValue(s: Statement): boolean {
  const el = s.el;
  if (el.hasAttribute('typeof') || el.hasAttribute('itemscope')) return true;
  const values = s.syntax === 'microdata'
    ? [microdataUrl(el), el.getAttribute('content')]
    : [el.getAttribute('resource'), el.getAttribute('href'), el.getAttribute('src'), el.getAttribute('content')];
  // A regex test, not trim(): it stops at the first character that is not blank, however long the text.
  return [...values, el.textContent].some((v) => typeof v === 'string' && /\S/.test(v));
}

/** The text a statement gives (a creator's name, a title), trimmed and capped, or null. */
export function textValue(s: Statement): string | null {
  const el = s.el;
  if (s.syntax === 'microdata' && el.hasAttribute('itemscope')) {
    // A Person/Organization item: its own itemprop="name".
    for (const child of Array.from(el.querySelectorAll('[itemprop]')).slice(0, LIMITS.scopeElements)) {
      if (tokens(child.getAttribute('itemprop')).includes('name')) {
        const owner = microdataOwner(child);
        if (owner.kind === 'item' && owner.el === el) return cleanText(child.getAttribute('content') ?? child.textContent);
      }
    }
    return null;
  }
  if (s.syntax === 'microdata' && el.localName === 'meta') return cleanText(el.getAttribute('content'));
  return cleanText(el.getAttribute('content') ?? el.textContent);
}
