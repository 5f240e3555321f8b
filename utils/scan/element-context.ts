import type { Size } from './collector';
import { attrUrlIn, httpUrlIn, type ScanEnv } from './scope';
import { cleanText } from './text';

/** Context a dataset needs about one image, read from its element (untrusted text, capped). */
export interface ElementContext {
  alt: string;
  title: string;
  caption: string;
  ariaLabel: string;
  heading: string;
  /** Where the element links to (the enclosing `<a href>`), absolute http(s), or null. */
  linkUrl: string | null;
}

const MAX_HOSTS = 32;

const WALK_STEPS = 64;

/** h1–h6 by name, without a regex or an attribute read: this runs for every step of every walk. */
function isHeadingTag(el: Element): boolean {
  const n = el.localName;
  return n.length === 2 && n.charCodeAt(0) === 104 /* h */ && n.charCodeAt(1) >= 49 && n.charCodeAt(1) <= 54;
}

/**
 * The nearest heading before an image element, in document order. Walks back from the element
 * (previous siblings, their last inner heading, then up), which is a few steps on real pages;
 * past 64 steps it binary-searches the tree's heading list with compareDocumentPosition.
 * In a shadow tree without a heading before the element, the host's heading counts.
 */
export class HeadingIndex {
  private readonly headingsByRoot = new Map<Node, Element[]>();
  /** Last heading inside a subtree, per subtree root: neighbouring images share their walk. */
  private readonly lastInside = new Map<Element, Element | null>();
  /** role="heading" elements per tree (one query each; usually none, so the walk reads no attribute). */
  private readonly ariaByRoot = new Map<Node, Set<Element>>();

  constructor(private readonly maxText: number) {}

  /** Text of the last heading that precedes (or contains) `el`. */
  nearest(el: Element): string {
    let node: Element | null = el;
    for (let hops = 0; node && hops < MAX_HOSTS; hops++) {
      const root = node.getRootNode();
      const walked = this.walkBack(node);
      const found = walked === undefined ? this.search(this.headingsOf(root), node) : walked;
      if (found) return cleanText(found.textContent, this.maxText);
      node = (root as Partial<ShadowRoot>).host ?? null;
    }
    return '';
  }

  /** The heading found walking back; null: none in this tree; undefined: gave up (too far). */
  private walkBack(el: Element): Element | null | undefined {
    const root = el.getRootNode();
    let aria = this.ariaByRoot.get(root);
    if (!aria) this.ariaByRoot.set(root, (aria = new Set(Array.from((root as Partial<ParentNode>).querySelectorAll?.('[role="heading"]') ?? []))));
    const isHeading = aria.size ? (x: Element) => isHeadingTag(x) || aria.has(x) : isHeadingTag;
    let node = el;
    for (let steps = 0; steps < WALK_STEPS; steps++) {
      const prev = node.previousElementSibling;
      if (prev) {
        if (isHeading(prev)) return prev;
        const inner = prev.firstElementChild ? this.lastHeadingIn(prev) : null;
        if (inner) return inner;
        node = prev;
      } else {
        const parent = node.parentElement;
        if (!parent) return null;
        if (isHeading(parent)) return parent;
        node = parent;
      }
    }
    return undefined;
  }

  private lastHeadingIn(el: Element): Element | null {
    let found = this.lastInside.get(el);
    if (found === undefined) {
      const all = el.querySelectorAll('h1,h2,h3,h4,h5,h6');
      found = all.length ? all[all.length - 1]! : null;
      this.lastInside.set(el, found);
    }
    return found;
  }

  private headingsOf(root: Node): Element[] {
    let list = this.headingsByRoot.get(root);
    if (!list) {
      const parent = root as Partial<ParentNode>;
      list = Array.from(parent.querySelectorAll?.('h1,h2,h3,h4,h5,h6') ?? []);
      // ARIA headings are rare: merged into document order only when present (sorting costs).
      const aria = Array.from(parent.querySelectorAll?.('[role="heading"]') ?? []);
      if (aria.length) list = [...list, ...aria].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
      list = list.slice(0, 10_000);
      this.headingsByRoot.set(root, list);
    }
    return list;
  }

  private search(list: Element[], el: Element): Element | null {
    // Headings are in document order; "precedes or contains el" holds for a prefix of the list.
    let lo = 0;
    let hi = list.length - 1;
    let best: Element | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const h = list[mid]!;
      if (h !== el && h.compareDocumentPosition(el) & 4 /* FOLLOWING */) {
        best = h;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }
}

/** The caption of an image: the figcaption of its nearest `<figure>`, if any. */
function captionOf(el: Element, max: number): string {
  const figure = el.closest('figure');
  if (!figure) return '';
  for (const child of Array.from(figure.children)) {
    if (child.localName === 'figcaption') return cleanText(child.textContent, max);
  }
  return '';
}

/** Read the context of one element; `linkUrl` is null when the link is the image itself. */
export function readElementContext(el: Element, url: string, env: ScanEnv): ElementContext {
  const max = env.options.maxText;
  const link = el.closest('a[href], area[href]');
  const linkUrl = link ? httpUrlIn(env, attrUrlOf(env, link)) : null;
  const attr = (name: string) => el.getAttribute(name) ?? link?.getAttribute(name) ?? null;
  const svgTitle = el.localName === 'svg' ? el.querySelector('title')?.textContent : null;
  return {
    alt: cleanText(el.getAttribute('alt'), max),
    title: cleanText(attr('title') ?? svgTitle, max),
    caption: captionOf(el, max),
    ariaLabel: cleanText(attr('aria-label'), max),
    heading: env.headings.nearest(el),
    linkUrl: linkUrl === url ? null : linkUrl,
  };
}

function attrUrlOf(env: ScanEnv, link: Element): string | null {
  return attrUrlIn(env, link, 'href');
}

function attrPx(el: Element, name: string): number {
  const n = Number.parseFloat(el.getAttribute(name) ?? '');
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * The element's rendered box in CSS px. With layout, the bounding box (0 × 0 when not rendered:
 * display:none counts as seen at no size); without layout, the width/height attributes, else null.
 */
export function renderedSize(el: Element, hasLayout: boolean): Size | null {
  if (hasLayout) {
    const r = el.getBoundingClientRect();
    return { w: Math.round(r.width), h: Math.round(r.height) };
  }
  const w = attrPx(el, 'width');
  const h = attrPx(el, 'height');
  return w && h ? { w, h } : null;
}
