import { readElementLicence, type ContainerLicence } from '../signals/html-licence/element';
import type { ElementLicenceHint } from '../signals/html-licence/schema';
import { cappedHints, UNREAD_HINT } from '../signals/html-licence/hints';
import { creditLineOf } from '../signals/html-licence/credit-line';

// Where element-level licence markup can live (SIGNALS.md §6): a figure, an ancestor that makes
// a microdata item or an RDFa subject, or an article, quotation or comment (html-licence/dom.ts
// licenceContainer; the class/id test here is looser than its, which costs only a parser call).
// The parser looks nowhere else, so neither do we.
const LICENCE_SCOPE = 'figure,[itemscope],[typeof],[about],[property],article,blockquote,q,[class*="comment" i],[id*="comment" i]';
/**
 * Element-level licence hints for an image element (figure rel=license, RDFa, microdata), read
 * by the html-licence parser — only for elements with such a scope around them (one closest()
 * each), since most images on most pages have none and the parser walks far.
 */
export class ElementLicences {
  /** ccREL may also name the image from a sibling (`<span about="img.jpg">`): only if the page has any. */
  private readonly anyAbout: boolean;
  /** What each article, quotation or comment states for the images in it, read once each (element.ts readContainerLicence). */
  private readonly containers = new Map<Element, ContainerLicence>();

  constructor(
    private readonly pageUrl: string,
    doc: Document,
  ) {
    this.anyAbout = !!doc.querySelector('[about]');
  }

  /**
   * Hints for every element an image URL was found on, once each (the same figure markup
   * repeated is one hint): each occurrence's own markup speaks for the image, so a conflict
   * between them is seen (DESIGN.md §2 rule 4).
   */
  ofAll(els: readonly Element[], unread?: readonly Element[] | true): ElementLicenceHint[] {
    const out: ElementLicenceHint[] = [];
    const seen = new Set<string>();
    for (const el of els) {
      for (const hint of this.of(el)) {
        const key = JSON.stringify(hint);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(hint);
      }
    }
    // Occurrences whose markup was not read (past the per-image cap): if any could hold a licence,
    // it may be this image's own, so the image's element markup is unread (assess.ts fails it closed).
    // Past MAX_ELEMENT_HINTS, cappedHints() keeps the unread mark on the last hint kept.
    if (unread === true || unread?.some((el) => this.inScope(el))) out.push(UNREAD_HINT);
    return cappedHints(out);
  }

  /** Whether licence markup could speak for `el` (the parser looks nowhere else). */
  private inScope(el: Element): boolean {
    try {
      return !!el.closest(LICENCE_SCOPE) || (this.anyAbout && !!el.parentElement?.querySelector('[about]')) || creditLineOf(el) !== null;
    } catch {
      return true; // a hostile element that cannot be asked: fail closed
    }
  }

  /**
   * Hints for one element; [] when no licence markup can scope it. Should the parser throw (it
   * must not; a hostile page's nesting must not make it), the markup is unread: dropped, the
   * page's licence would have spoken for an image its figure may license otherwise (fails closed).
   */
  of(el: Element): ElementLicenceHint[] {
    try {
      if (!this.inScope(el)) return [];
      return cappedHints(readElementLicence(el, this.pageUrl, this.containers));
    } catch {
      return [UNREAD_HINT];
    }
  }
}
