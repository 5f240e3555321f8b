/**
 * Who made an image, what it is called and where to credit it, from the page's markup (issue 18;
 * the T, A and S of a CC credit). Most specific first:
 * - element level: the page's JSON-LD `ImageObject` whose contentUrl is this image (`creator` /
 *   `author`, else `creditText`; `name`), then the markup around the image that readElementLicence
 *   scoped to it (CC REL `cc:attributionName`, `dct:creator`, `dct:title`, `cc:attributionURL`;
 *   microdata/RDFa `author`/`creator`/`name`);
 * - page level, only for an image on the page's own registrable domain (a page's word about
 *   another site's image is a third-party claim, as for licences: DESIGN.md §2 rule 4): CC REL
 *   statements about the page outside any `<figure>` (what the CC licence chooser writes:
 *   `dct:title`, `cc:attributionName`, `cc:attributionURL`), the `author`/`creator` of a
 *   top-level JSON-LD node or microdata item, and `<meta name="author">`.
 * A page-level *title* is taken from CC REL `dct:title` only: an article's headline or a
 * gallery's name is not the title of each image in it (its caption is closer).
 * Never throws; text capped (LIMITS.text), URLs absolute http(s).
 */
import { LIMITS } from './limits';
import type { ElementLicenceHint, PageCredit, PageCreditMarkup, PageLicenceSignals } from './schema';
import { cleanText, enclosingFigure, matchKey, resolvePageUrl, resolveUrl } from './dom';
import { isPageSubject, statementsOf, textValue, urlValue } from './statements';

/** One source's credit for an image (fields null when it says nothing). */
export interface HtmlCredit {
  title: string | null;
  creator: string | null;
  sourceUrl: string | null;
}

const CREDIT_WORDS = /attribution|creator|author|title/i;

function mentionsCredit(el: Element): boolean {
  for (const attr of ['rel', 'property', 'itemprop']) {
    const v = el.getAttribute(attr);
    if (v && CREDIT_WORDS.test(v)) return true;
  }
  return false;
}

/**
 * What the page's markup says of its own credit, as a page script reads it (the JSON-LD creators
 * are added in the worker: pageCreditFrom): CC REL / microdata / RDFa statements about the page
 * outside any `<figure>`, and `<meta name="author">`. `marked`: the document's
 * `[rel], [property], [itemprop]` elements when the caller has queried them already. Never throws.
 */
export function readPageCreditMarkup(doc: Document, pageUrl: string, base: string, marked?: ArrayLike<Element>): PageCreditMarkup {
  const credit: PageCredit = { title: null, creator: null, attributionUrl: null };
  const page = resolvePageUrl(pageUrl);
  if (page) {
    const found = marked ?? doc.querySelectorAll('[rel], [property], [itemprop]');
    const n = Math.min(found.length, LIMITS.elements);
    for (let i = 0; i < n; i++) {
      const el = found[i];
      if (!el || !mentionsCredit(el)) continue;
      for (const s of statementsOf(el, base, page)) {
        if (!isPageSubject(s.subject) || enclosingFigure(el) !== null) continue;
        if (s.predicate === 'creator') credit.creator ??= textValue(s);
        else if (s.predicate === 'title' && s.syntax === 'rdfa') credit.title ??= textValue(s);
        else if (s.predicate === 'attributionUrl') credit.attributionUrl ??= urlValue(s, base);
      }
    }
  }
  let metaAuthor: string | null = null;
  const metas = doc.querySelectorAll('meta[name]');
  for (let i = 0; i < Math.min(metas.length, 1000) && metaAuthor === null; i++) {
    if (metas[i]?.getAttribute('name')?.trim().toLowerCase() === 'author') metaAuthor = cleanText(metas[i]?.getAttribute('content'));
  }
  return { ...credit, metaAuthor };
}

/**
 * The page's own credit: its markup's statements, then the JSON-LD creators the page reader
 * found (`jsonLdCreators`), then `<meta name="author">`; null when the page states none.
 */
export function pageCreditFrom(markup: PageCreditMarkup, jsonLdCreators: readonly string[] = []): PageCredit | null {
  const credit: PageCredit = { title: markup.title, creator: markup.creator, attributionUrl: markup.attributionUrl };
  credit.creator ??= jsonLdCreators.length > 0 ? cleanText(jsonLdCreators.join(', ')) : null;
  credit.creator ??= markup.metaAuthor;
  return credit.title === null && credit.creator === null && credit.attributionUrl === null ? null : credit;
}

export interface HtmlCreditsInput {
  imageUrl: string;
  pageUrl: string;
  page: PageLicenceSignals;
  element: readonly ElementLicenceHint[];
  /** Whether the image is on the page's registrable domain (computed by the caller). */
  sameRegistrableDomain: boolean;
}

/** The HTML credits for one image, most specific first (element level, then the page's own). */
export function htmlCredits(input: HtmlCreditsInput): HtmlCredit[] {
  const out: HtmlCredit[] = [];
  const base = resolveUrl(input.pageUrl, 'about:blank') ?? 'about:blank';
  const imageKey = matchKey(input.imageUrl, base);
  for (const io of input.page.imageObjects) {
    if (imageKey === null || matchKey(io.contentUrl, base) !== imageKey) continue;
    out.push({ title: io.name, creator: io.creator ?? io.creditText, sourceUrl: null });
  }
  for (const hint of input.element) {
    out.push({ title: hint.title, creator: hint.creator ?? hint.creditText, sourceUrl: hint.attributionUrl ?? null });
  }
  const page = input.page.credit;
  if (input.sameRegistrableDomain && page) out.push({ title: page.title, creator: page.creator, sourceUrl: page.attributionUrl });
  return out;
}
