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
    if (unread === true || unread?.some((el) => this.shownInScope(el))) out.push(UNREAD_HINT);
    return cappedHints(out);
  }

  /** Whether licence markup could speak for `el` or a shadow host it is shown through (see of). */
  private shownInScope(el: Element): boolean {
    try {
      return [el, ...shadowHosts(el)].some((at) => this.inScope(at));
    } catch {
      return true; // nested past the cap: fail closed
    }
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
      const out: ElementLicenceHint[] = [];
      const seen = new Set<string>();
      for (const at of [el, ...shadowHosts(el)]) {
        if (!this.inScope(at)) continue;
        for (const hint of readElementLicence(at, this.pageUrl, this.containers)) {
          const key = JSON.stringify(hint);
          if (!seen.has(key)) out.push(hint);
          seen.add(key);
        }
      }
      return cappedHints(out);
    } catch {
      return [UNREAD_HINT];
    }
  }
}

/** How many shadow hosts up an element's licence markup is looked for (pages nest components far less deep). */
const MAX_SHADOW_HOSTS = 32;

/**
 * The shadow hosts an element is shown through, nearest first. Decision (DESIGN.md §2 rule 4, the
 * reading that cannot keep what the owner refused): an image inside a component's shadow root
 * sits where its host sits, so the markup around the host (a figure licensing it CC BY-NC, an
 * item or RDFa subject) speaks for it too; the licence parser walks parents, which stop at the
 * shadow root, and the page's CC BY licensed such an image. Past the cap: unread (a throw, above).
 */
function shadowHosts(el: Element): Element[] {
  const hosts: Element[] = [];
  let root = el.getRootNode();
  while (root && 'host' in root && (root as ShadowRoot).host) {
    if (hosts.length >= MAX_SHADOW_HOSTS) throw new RangeError('shadow roots nested past the cap');
    const host = (root as ShadowRoot).host;
    hosts.push(host);
    root = host.getRootNode();
  }
  return hosts;
}
