import type { Size } from './collector';
import { linkOf } from './link';
import type { ScanEnv } from './scope';
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

const WALK_STEPS = 256;
const MAX_HEADINGS = 10_000;
/** Ancestor steps spent indexing headings per tree (a 5,000-deep page must not cost more). */
const MAX_CLIMB = 200_000;
const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** See HeadingIndex.recorder. */
export interface HeadingRecorder {
  wanted: Set<Element>;
  headings: Set<Element>;
  memo: Map<Element, Element | null>;
}

/** What one tree (document or shadow root) knows about its headings. */
interface TreeHeadings {
  /** Every h1–h6 and role="heading" element of the tree. */
  all: Set<Element>;
  /**
   * One map per non-empty heading list (h1 … h6, role="heading"): for each element, the last
   * heading of that list at or inside it. Built by climbing from each heading in reverse
   * document order and stopping at an ancestor a later heading already claimed.
   */
  inside: Map<Element, Element>[];
  /** lastInside answers merged across lists. */
  merged: Map<Element, Element | null>;
  /** Nearest heading of elements already walked: later walks stop at them. */
  memo: Map<Element, Element | null>;
  /** Every heading in document order, for the rare walk that runs too far (built on demand). */
  ordered: Element[] | null;
  /**
   * Some heading holds another (invalid, but parsers let `<h2><span><h4>` through): the walk
   * then answers the outer heading for what follows it, which document order alone would not.
   */
  nested: boolean;
}

function listOf(root: Node, selector: string): ArrayLike<Element> {
  try {
    return (root as Partial<ParentNode>).querySelectorAll?.(selector) ?? [];
  } catch {
    return [];
  }
}

/**
 * The nearest heading before an image element, in document order. Each tree's headings are
 * found with one native query per tag (a selector list is many times slower in Chromium) and
 * indexed by ancestor, so the walk back from an element (previous siblings, then up) asks one
 * map per sibling whether a heading is inside it. Walks stop at any element an earlier walk
 * passed (neighbouring images share theirs), so a page costs about one step per element at
 * most; a walk that still runs past 256 steps binary-searches the tree's ordered heading list.
 * In a shadow tree without a heading before the element, the host's heading counts.
 */
export class HeadingIndex {
  private readonly trees = new Map<Node, TreeHeadings>();
  private readonly texts = new Map<Element, string>();

  constructor(private readonly maxText: number) {}

  /** Text of the last heading that precedes (or contains) `el`. */
  nearest(el: Element): string {
    let node: Element | null = el;
    for (let hops = 0; node && hops < MAX_HOSTS; hops++) {
      const root = node.getRootNode();
      const found = this.nearestInTree(node, this.treeOf(root), root);
      if (found) {
        let text = this.texts.get(found);
        if (text === undefined) this.texts.set(found, (text = cleanText(found.textContent, this.maxText)));
        return text;
      }
      node = (root as Partial<ShadowRoot>).host ?? null;
    }
    return '';
  }

  /**
   * What the tree pass needs to record headings: it meets every element of `root` in document
   * order, so it can note for each element in `wanted` the last heading met (`headings`) in
   * `memo`, and those need no walk later. Null when the tree has no heading (nothing to note).
   */
  recorder(root: Node, wanted: Set<Element>): HeadingRecorder | null {
    const tree = this.treeOf(root);
    if (!tree.all.size || tree.nested) return null;
    return { wanted, headings: tree.all, memo: tree.memo };
  }

  private treeOf(root: Node): TreeHeadings {
    let tree = this.trees.get(root);
    if (tree) return tree;
    tree = { all: new Set(), inside: [], merged: new Map(), memo: new Map(), ordered: null, nested: false };
    let budget = MAX_CLIMB;
    for (const selector of [...HEADING_TAGS, '[role="heading"]']) {
      const list = listOf(root, selector);
      if (!list.length) continue;
      const inside = new Map<Element, Element>();
      for (let i = Math.min(list.length, MAX_HEADINGS) - 1; i >= 0; i--) {
        const h = list[i]!;
        tree.all.add(h);
        for (let n: Element | null = h; n && !inside.has(n) && budget > 0; n = n.parentElement, budget--) inside.set(n, h);
      }
      tree.inside.push(inside);
    }
    // Headings hold text, rarely elements: only those with element children are searched.
    for (const h of tree.all) {
      if (h.firstElementChild && h.querySelector('h1,h2,h3,h4,h5,h6,[role="heading"]')) {
        tree.nested = true;
        break;
      }
    }
    this.trees.set(root, tree);
    return tree;
  }

  /** The last heading inside `el` (not `el` itself, which the caller tested), or null. */
  private lastInside(tree: TreeHeadings, el: Element): Element | null {
    const lists = tree.inside;
    if (lists.length === 1) {
      const h = lists[0]!.get(el);
      return h && h !== el ? h : null;
    }
    if (!lists.length) return null;
    let found = tree.merged.get(el);
    if (found !== undefined) return found;
    found = null;
    for (const inside of tree.inside) {
      const h = inside.get(el);
      // Several lists have one inside: the later in document order wins.
      if (h && h !== el && (!found || found.compareDocumentPosition(h) & 4 /* FOLLOWING */)) found = h;
    }
    tree.merged.set(el, found);
    return found;
  }

  private nearestInTree(el: Element, tree: TreeHeadings, root: Node): Element | null {
    if (!tree.all.size) return null;
    const cached = tree.memo.get(el);
    if (cached !== undefined) return cached;
    const path: Element[] = [];
    let found: Element | null | undefined;
    let node = el;
    for (let steps = 0; steps < WALK_STEPS && found === undefined; steps++) {
      const prev = node.previousElementSibling;
      if (prev) {
        if (tree.all.has(prev)) found = prev;
        else found = this.lastInside(tree, prev) ?? tree.memo.get(prev);
        node = prev;
      } else {
        const parent = node.parentElement;
        if (!parent) found = null;
        else if (tree.all.has(parent)) found = parent;
        else found = tree.memo.get(parent);
        if (parent) node = parent;
      }
      if (found === undefined && (steps & 7) === 7) path.push(node);
    }
    if (found === undefined) found = search(this.orderedOf(tree, root), el);
    // Everything between the walked elements and `el` is free of headings: they share its
    // answer. Every eighth is remembered: enough to cut later walks short, few map writes.
    tree.memo.set(el, found);
    for (const n of path) tree.memo.set(n, found);
    return found;
  }

  private orderedOf(tree: TreeHeadings, root: Node): Element[] {
    if (!tree.ordered) {
      let list = Array.from(listOf(root, 'h1,h2,h3,h4,h5,h6'));
      // ARIA headings are rare: merged into document order only when present (sorting costs).
      const aria = Array.from(listOf(root, '[role="heading"]'));
      if (aria.length) list = [...list, ...aria].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
      tree.ordered = list.slice(0, MAX_HEADINGS);
    }
    return tree.ordered;
  }
}

function search(list: Element[], el: Element): Element | null {
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

/** The caption of an image: the figcaption of its nearest `<figure>`, if any. */
function captionOf(el: Element, max: number): string {
  const figure = el.closest('figure');
  if (!figure) return '';
  for (const child of Array.from(figure.children)) {
    if (child.localName === 'figcaption') return cleanText(child.textContent, max);
  }
  return '';
}

/**
 * The `<title>` an SVG gives a drawing: an inline `<svg>`'s first, or for a picture it draws
 * (`<image>`) its own, else that of the `<svg>` drawing it.
 */
function svgTitleOf(el: Element): string | null {
  if (el.localName === 'svg') return el.querySelector('title')?.textContent ?? null;
  if (el.localName !== 'image') return null;
  const own = (e: Element | null | undefined) => Array.from(e?.children ?? []).find((c) => c.localName === 'title')?.textContent;
  return own(el) ?? own(el.parentElement?.closest('svg')) ?? null;
}

/** Read the context of one element; `linkUrl` is null when the link is the image itself. */
export function readElementContext(el: Element, url: string, env: ScanEnv): ElementContext {
  const max = env.options.maxText;
  const target = linkOf(el, env);
  const link = target?.el ?? null;
  const linkUrl = target?.url ?? null;
  const attr = (name: string) => el.getAttribute(name) ?? link?.getAttribute(name) ?? null;
  const svgTitle = svgTitleOf(el);
  return {
    alt: cleanText(el.getAttribute('alt'), max),
    title: cleanText(attr('title') ?? svgTitle, max),
    caption: captionOf(el, max),
    ariaLabel: cleanText(attr('aria-label'), max),
    heading: env.headings.nearest(el),
    linkUrl: linkUrl === url ? null : linkUrl,
  };
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
