import type { Collector, Find } from './collector';
import type { ResolvedScanOptions, ScanStats } from './options';
import type { HeadingIndex } from './element-context';
import type { CssPlan } from './css-index';
import type { CssImage } from './css-value';
import type { LinkTarget } from './link';
import { MAX_URL, resolveUrl } from './text';

/** What every discovery path shares for one scan of one document. */
export interface ScanEnv {
  doc: Document;
  pageUrl: string;
  /** Base for relative URLs: `<base href>` or the page URL. */
  base: string;
  options: ResolvedScanOptions;
  stats: ScanStats;
  collector: Collector;
  /** The document's window, when it has one (null under linkedom-like DOMs without layout). */
  view: (Window & typeof globalThis) | null;
  /** Whether getComputedStyle/getBoundingClientRect give real answers. */
  hasLayout: boolean;
  inFrame: boolean;
  headings: HeadingIndex;
  /** performance.now()/Date.now() deadline of the scan. */
  deadline: number;
  now: () => number;
  /** Resolved URLs by reference: CSS repeats the same few URLs across thousands of elements. */
  urlCache: Map<string, string | null>;
  /** Images of computed CSS values, URLs resolved, by value (css.ts). */
  cssImages: Map<string, CssImage[]>;
  /** Elements finds were reported on, and CSS targets: the tree pass records their nearest heading. */
  emitted: Set<Element>;
  /** Enclosing links by element, resolved once per scan (link.ts). */
  links: Map<Element, LinkTarget>;
  /**
   * Trees the CSS sweep must cover (css-sweep.ts); `blind`: some sheet was unreadable, so
   * Resource Timing cannot vouch for its images (Chromium hides what no-CORS sheets load).
   */
  cssSweep: { scope: ScanScope; blind: boolean }[];
}

/** One tree to scan: the document or an open shadow root. */
export interface ScanScope {
  root: Document | ShadowRoot;
  shadow: boolean;
  env: ScanEnv;
  /** The tree's elements in document order, from the one pass over it (roots.ts). */
  all: ArrayLike<Element>;
  /** What the tree's stylesheets ask to compute (css-index.ts). */
  css: CssPlan | null;
}

/** Work that pauses between batches (a generator): a yielding scan lets the page run there. */
export type Steps = Generator<void, void, void>;

/** The shape every discovery path has: read one tree, report finds through `emit`, in steps. */
export type DiscoveryPath = (scope: ScanScope) => Steps;

/** Elements a path visits between two pauses (a few µs each, up to ~35 µs in a first scan's cold code). */
const EACH_BATCH = 256;

/** Whether the scan may go on (element, candidate and time budgets). */
export function withinBudget(env: ScanEnv): boolean {
  const { stats } = env;
  if (stats.limit) return false;
  stats.limit = env.collector.full ? 'candidates' : stats.elements >= env.options.maxElements ? 'elements' : env.now() > env.deadline ? 'time' : null;
  return !stats.limit;
}

/** Report a find, tagged with the tree (shadow) and frame (iframe) it came from. */
export function emit(scope: ScanScope, find: Find): void {
  if (find.el) scope.env.emitted.add(find.el);
  const shadow = scope.shadow && !find.discovery.includes('shadow');
  const frame = scope.env.inFrame && !find.discovery.includes('iframe');
  // Finds are fresh literals from their path: copied only when a tag is added.
  if (!shadow && !frame) {
    scope.env.collector.add(find);
    return;
  }
  const discovery = [...find.discovery];
  if (shadow) discovery.push('shadow');
  if (frame) discovery.push('iframe');
  scope.env.collector.add({ ...find, discovery });
}

/**
 * Visit elements one by one: each is counted against the budget, and one that throws (a
 * hostile getter, an element torn out mid-scan) costs itself, never the scan. Pauses every
 * EACH_BATCH elements.
 */
export function* each(scope: ScanScope, list: ArrayLike<Element> | null | undefined, visit: (el: Element) => void): Steps {
  const n = list?.length ?? 0;
  for (let i = 0; i < n; i += EACH_BATCH) {
    if (i > 0) yield;
    if (!visitBatch(scope.env, list!, visit, i, Math.min(n, i + EACH_BATCH))) return;
  }
}

/**
 * Visit list[from, to): a plain function, not the generator's loop, so V8 can optimise it
 * while it runs (a first scan's code starts cold). False once the budget is spent.
 */
function visitBatch(env: ScanEnv, list: ArrayLike<Element>, visit: (el: Element) => void, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if ((i & 63) === 0 && !withinBudget(env)) return false;
    env.stats.elements++;
    try {
      const el = list[i];
      if (el) visit(el);
    } catch {
      env.stats.errors++;
    }
  }
  return true;
}

/** querySelectorAll that answers an empty list, never a throw (bad selector, hostile root). */
export function queryAll(root: ParentNode, selector: string): ArrayLike<Element> {
  try {
    return root.querySelectorAll(selector);
  } catch {
    return [];
  }
}

const CANONICAL = /^https?:\/\/[^\s#"'<>\\]+$/;

/**
 * `ref` resolved against the document base (see text.ts resolveUrl), memoised per scan.
 * `canonical`: the string comes from the browser already absolute and serialised (currentSrc,
 * a computed url(), a Resource Timing name), so a plain http(s) one needs no parsing.
 */
export function urlIn(env: ScanEnv, ref: string | null | undefined, canonical = false): string | null {
  if (typeof ref !== 'string') return null;
  if (canonical && ref.length <= MAX_URL && CANONICAL.test(ref)) return ref;
  let url = env.urlCache.get(ref);
  if (url === undefined) {
    url = resolveUrl(ref, env.base);
    if (env.urlCache.size < 50_000) env.urlCache.set(ref, url);
  }
  return url;
}

/** As urlIn, http(s) only (link targets, resource entries). */
export function httpUrlIn(env: ScanEnv, ref: string | null | undefined, canonical = false): string | null {
  const url = urlIn(env, ref, canonical);
  return url && /^https?:/i.test(url) ? url : null;
}

/**
 * The URL an element's URL attribute names (src, href, poster, data), or null when absent or
 * empty. With a real browser, the reflected property is read: already resolved against the
 * document base and serialised, so no parsing here. Otherwise the attribute is resolved.
 */
export function attrUrlIn(env: ScanEnv, el: Element, attr: string, prop: string = attr): string | null {
  const raw = el.getAttribute(attr);
  if (raw === null || !raw.trim()) return null;
  if (env.hasLayout) {
    // Named reads for the common ones: a keyed read by a varying name is slow in cold code.
    const o = el as unknown as Record<string, unknown>;
    const reflected = prop === 'src' ? o.src : prop === 'href' ? o.href : o[prop];
    if (typeof reflected === 'string' && reflected) return urlIn(env, reflected, true);
  }
  return urlIn(env, raw);
}
