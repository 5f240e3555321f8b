import type { ImageCandidate } from './verdict';
import { Collector, type Entry } from './scan/collector';
import { findCssBackgrounds } from './scan/css';
import { planCss } from './scan/css-index';
import { sweepCss } from './scan/css-sweep';
import { HeadingIndex, readElementContext, renderedSize, type ElementContext } from './scan/element-context';
import { findImages } from './scan/img';
import { findInputImages } from './scan/input';
import { findLazyElements } from './scan/lazy';
import { ElementLicences } from './scan/licence';
import { findLinks } from './scan/link';
import { findObjects } from './scan/object';
import { emptyStats, resolveOptions, type ScanOptions, type ScanStats } from './scan/options';
import { findPosters } from './scan/poster';
import { findResourceTiming } from './scan/resource-timing';
import { passOverTree } from './scan/roots';
import type { DiscoveryPath, ScanEnv, ScanScope } from './scan/scope';
import { findInlineSvgs, findSvgImages } from './scan/svg';
import { documentBaseUrl } from './scan/text';

export { cleanText } from './scan/text';
export type { ScanOptions, ScanStats } from './scan/options';

/**
 * The discovery paths, in order: `<img>` first so a thumbnail's own element gives the context
 * of the original it links to; links last, where they only add text links to image files.
 * Those before the tree pass report elements whose nearest heading the pass then records;
 * CSS needs the pass (it buckets elements by class for the stylesheet rules).
 */
const BEFORE_PASS: [string, DiscoveryPath][] = [
  ['img', findImages],
  ['lazy', findLazyElements],
  ['svg', findInlineSvgs],
  ['svg-image', findSvgImages],
  ['poster', findPosters],
  ['input', findInputImages],
  ['object', findObjects],
];
const AFTER_PASS: [string, DiscoveryPath][] = [
  ['css', findCssBackgrounds],
  ['link', findLinks],
];
const MAX_ROOTS = 10_000;
/** Record headings in the tree pass when candidates are at least 1/RECORD_RATIO of the elements. */
const RECORD_RATIO = 64;

function clock(): () => number {
  return typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();
}

function frameOf(doc: Document): boolean {
  try {
    const view = doc.defaultView;
    return !!view && !!view.top && view !== view.top;
  } catch {
    return true; // a frame whose top cannot even be compared is certainly not the top
  }
}

/** Time one step into stats.pathMs; a step that throws costs itself, never the scan. */
function timed(env: ScanEnv, name: string, step: () => void): void {
  const t = env.now();
  try {
    step();
  } catch {
    env.stats.errors++;
  }
  env.stats.pathMs[name] = (env.stats.pathMs[name] ?? 0) + env.now() - t;
}

/** Every tree (document, then shadow roots breadth-first): one element pass, then each path. */
function scanTrees(env: ScanEnv): void {
  const queue: { root: Document | ShadowRoot; shadow: boolean }[] = [{ root: env.doc, shadow: false }];
  const seen = new Set<Node>([env.doc]);
  for (let i = 0; i < queue.length && i < MAX_ROOTS; i++) {
    const { root, shadow } = queue[i]!;
    const scope: ScanScope = { root, shadow, env, all: [], css: null };
    timed(env, 'css-rules', () => (scope.css = planCss(root, env)));
    for (const [name, path] of BEFORE_PASS) timed(env, name, () => path(scope));
    timed(env, 'tree-pass', () => {
      const pass = passOverTree(root, env, (elements) => ({
        classes: scope.css?.classes ?? null,
        // Recording costs two set lookups per element; a walk, a few µs per candidate. Few
        // candidates on a big tree (CSS targets the pass finds come on top): walks are cheaper.
        headings: env.emitted.size * RECORD_RATIO >= elements ? env.headings.recorder(root, env.emitted) : null,
      }));
      scope.all = pass.all;
      for (const sr of pass.shadowRoots) {
        if (seen.has(sr)) continue;
        seen.add(sr);
        queue.push({ root: sr, shadow: true });
      }
    });
    for (const [name, path] of AFTER_PASS) timed(env, name, () => path(scope));
  }
  env.stats.roots = queue.length;
}

function contextOf(entry: Entry, env: ScanEnv): ElementContext {
  let out: ElementContext = { alt: '', title: '', caption: '', ariaLabel: '', heading: '', linkUrl: null };
  entry.els.forEach((el, i) => {
    try {
      const c = readElementContext(el, entry.find.url, env);
      // The first element speaks; later ones only fill what it left empty.
      out = i === 0 ? c : { alt: out.alt || c.alt, title: out.title || c.title, caption: out.caption || c.caption, ariaLabel: out.ariaLabel || c.ariaLabel, heading: out.heading || c.heading, linkUrl: out.linkUrl ?? c.linkUrl };
    } catch {
      env.stats.errors++;
    }
  });
  return out;
}

function toCandidate(entry: Entry, env: ScanEnv, licences: ElementLicences): ImageCandidate {
  const ctx = contextOf(entry, env);
  const rendered = env.collector.renderedOf(entry);
  const el = entry.els[0];
  return {
    url: entry.find.url,
    thumbnailUrl: entry.find.thumbnailUrl && entry.find.thumbnailUrl !== entry.find.url ? entry.find.thumbnailUrl : null,
    alt: ctx.alt,
    title: ctx.title,
    caption: ctx.caption,
    ariaLabel: ctx.ariaLabel,
    heading: ctx.heading,
    linkUrl: ctx.linkUrl,
    discovery: [...entry.discovery],
    width: entry.natural.w,
    height: entry.natural.h,
    renderedWidth: rendered?.w ?? 0,
    renderedHeight: rendered?.h ?? 0,
    elementLicences: el ? licences.of(el) : [],
  };
}

/** Candidates from the collector's entries, minus smaller renditions of other candidates. */
function candidatesOf(env: ScanEnv): ImageCandidate[] {
  const { collector } = env;
  const kept = [...collector.entries.values()].filter((e) => !collector.thumbnails.has(e.find.url));
  const licences = new ElementLicences(env.pageUrl, env.doc);
  const out: ImageCandidate[] = [];
  for (const entry of kept) {
    try {
      out.push(toCandidate(entry, env, licences));
    } catch {
      env.stats.errors++;
    }
  }
  return out;
}

/**
 * Find the images of a document and their context (issue 5): `<img>` (currentSrc, largest
 * srcset/picture candidate, lazy attributes), CSS backgrounds, inline SVG and the pictures it
 * draws (`<image href>`), video posters, image inputs, links to image files, object/embed,
 * open shadow roots, and Resource Timing.
 * Never throws; a hostile page costs at most the budgets in `options`. With cost figures.
 */
export function scanDocumentWithStats(doc: Document, pageUrl: string, options?: ScanOptions): { candidates: ImageCandidate[]; stats: ScanStats } {
  const now = clock();
  const start = now();
  const stats = emptyStats();
  const resolved = resolveOptions(options);
  let candidates: ImageCandidate[] = [];
  try {
    const view = (doc.defaultView ?? null) as ScanEnv['view'];
    const hasLayout = !!view && typeof view.getComputedStyle === 'function';
    const env: ScanEnv = {
      doc,
      pageUrl,
      base: documentBaseUrl(doc, pageUrl),
      options: resolved,
      stats,
      collector: new Collector(resolved, stats, (el) => renderedSize(el, hasLayout)),
      view,
      hasLayout,
      inFrame: resolved.inFrame ?? frameOf(doc),
      headings: new HeadingIndex(resolved.maxText),
      deadline: start + resolved.maxMs,
      now,
      urlCache: new Map(),
      links: new Map(),
      emitted: new Set(),
      cssImages: new Map(),
      cssSweep: [],
    };
    scanTrees(env);
    timed(env, 'css-sweep', () => sweepCss(env));
    timed(env, 'resource-timing', () => findResourceTiming({ root: doc, shadow: false, env, all: [], css: null }));
    timed(env, 'context', () => (candidates = candidatesOf(env)));
  } catch {
    stats.errors++;
  }
  stats.ms = now() - start;
  return { candidates, stats };
}

/** Find the images of a document (see scanDocumentWithStats); bad input gives [], never a throw. */
export function scanDocument(doc: Document, pageUrl: string, options?: ScanOptions): ImageCandidate[] {
  return scanDocumentWithStats(doc, pageUrl, options).candidates;
}
