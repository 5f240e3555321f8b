import type { ImageCandidate } from '../policy/verdict';
import { cappedRenditions } from '../model/renditions';
import { addLicenceEl, addUnreadLicenceEls, Collector, type Entry } from './collector';
import { findCssBackgrounds } from './css';
import { planCss } from './css-index';
import { sweepCss } from './css-sweep';
import { HeadingIndex, readElementContext, renderedSize, type ElementContext } from './element-context';
import { findImages } from './img';
import { findInputImages } from './input';
import { findLazyElements } from './lazy';
import { ElementLicences } from './licence';
import { findLinks } from './link';
import { findObjects } from './object';
import { emptyStats, resolveOptions, type ScanOptions, type ScanStats } from './options';
import { findPosters } from './poster';
import { findResourceTiming } from './resource-timing';
import { passOverTree } from './roots';
import type { DiscoveryPath, ScanEnv, ScanScope, Steps } from './scope';
import { findInlineSvgs, findSvgImages } from './svg';
import { documentBaseUrl } from './text';
import { templateCopies } from './template-copies';

export { cleanText } from './text';
export type { ScanOptions, ScanStats } from './options';

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
/** Candidates whose context is read between two pauses of a yielding scan. */
const CONTEXT_BATCH = 256;
/** A yielding scan lets the page run once it has worked this long (a long task is 50 ms). */
const SLICE_MS = 12;
/** Record headings in the tree pass when candidates are at least 1/RECORD_RATIO of the elements. */
const RECORD_RATIO = 64;

function clock(): () => number {
  return typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();
}

/** Whether `doc` is a frame's document, not the top page's (one whose top cannot be compared is a frame). */
export function frameOf(doc: Document): boolean {
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

/**
 * Every tree (document, then shadow roots breadth-first): one element pass, then each path.
 * A generator: it pauses after each step, where a yielding scan may let the page run.
 */
function* scanTrees(env: ScanEnv): Steps {
  const queue: { root: Document | ShadowRoot; shadow: boolean }[] = [{ root: env.doc, shadow: false }];
  const seen = new Set<Node>([env.doc]);
  for (let i = 0; i < queue.length && i < MAX_ROOTS; i++) {
    const { root, shadow } = queue[i]!;
    const scope: ScanScope = { root, shadow, env, all: [], css: null };
    timed(env, 'css-rules', () => (scope.css = planCss(root, env)));
    yield;
    for (const [name, path] of BEFORE_PASS) {
      yield* timedSteps(env, name, path(scope));
      yield;
    }
    const pass = yield* timedSteps(
      env,
      'tree-pass',
      passOverTree(root, env, (elements) => ({
        classes: scope.css?.classes ?? null,
        // Recording costs two set lookups per element; a walk, a few µs per candidate. Few
        // candidates on a big tree (CSS targets the pass finds come on top): walks are cheaper.
        headings: env.emitted.size * RECORD_RATIO >= elements ? env.headings.recorder(root, env.emitted) : null,
      })),
    );
    if (pass) {
      scope.all = pass.all;
      for (const sr of pass.shadowRoots) {
        if (seen.has(sr)) continue;
        seen.add(sr);
        queue.push({ root: sr, shadow: true });
      }
    }
    yield;
    for (const [name, path] of AFTER_PASS) {
      yield* timedSteps(env, name, path(scope));
      yield;
    }
  }
  env.stats.roots = queue.length;
}

function contextOf(entry: Entry, env: ScanEnv): ElementContext {
  let out: ElementContext = { alt: '', title: '', caption: '', ariaLabel: '', heading: '', linkUrl: null };
  const { els } = entry;
  for (let i = 0; i < els.length; i++) {
    try {
      const c = readElementContext(els[i]!, entry.find.url, env);
      // The first element speaks; later ones only fill what it left empty.
      out = i === 0 ? c : { alt: out.alt || c.alt, title: out.title || c.title, caption: out.caption || c.caption, ariaLabel: out.ariaLabel || c.ariaLabel, heading: out.heading || c.heading, linkUrl: out.linkUrl ?? c.linkUrl };
    } catch {
      env.stats.errors++;
    }
  }
  return out;
}

/** The other renditions a find's markup names (its alternates: srcset and source candidates, the src, image-set() options), as the candidate carries them. */
function renditionsOf(find: Entry['find']) {
  return cappedRenditions(find.alternates ?? [], [find.url, find.thumbnailUrl], find.renditionsCut === true);
}

function toCandidate(entry: Entry, env: ScanEnv, licences: ElementLicences): ImageCandidate {
  const ctx = contextOf(entry, env);
  const rendered = env.collector.renderedOf(entry);
  const el = entry.els[0];
  return {
    url: entry.find.url,
    thumbnailUrl: entry.find.thumbnailUrl && entry.find.thumbnailUrl !== entry.find.url ? entry.find.thumbnailUrl : null,
    ...renditionsOf(entry.find),
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
    elementLicences: licences.ofAll(entry.licenceEls, entry.unreadLicenceEls),
  };
}

/**
 * Candidates from the collector's entries, minus smaller renditions of other candidates, into
 * `out`; pauses after each CONTEXT_BATCH of them (context reads are most of a scan's cost).
 */
function* candidatesOf(env: ScanEnv, out: ImageCandidate[]): Steps {
  const { collector } = env;
  const kept = [...collector.entries.values()].filter((e) => !collector.thumbnails.has(e.find.url));
  // A smaller rendition dropped for a larger candidate takes its licence markup with it: a figure
  // licensing the 800 px file CC BY-NC speaks for the 1600 px copy of the same image (DESIGN.md §2
  // rule 4; dropped, it left the larger one to the page's licence).
  for (const [thumb, parents] of collector.renditionOf) {
    const dropped = collector.entries.get(thumb);
    if (!dropped) continue;
    for (const url of parents) {
      const parent = collector.entries.get(url);
      if (!parent || parent === dropped) continue;
      for (const el of dropped.licenceEls) addLicenceEl(parent, el);
      addUnreadLicenceEls(parent, dropped.unreadLicenceEls);
    }
  }
  // Copies of the candidates written inside <template>s: occurrences whose markup is not read (template-copies.ts).
  const copies = templateCopies(env);
  for (const entry of kept) {
    if (copies === true) addUnreadLicenceEls(entry, true);
    else addUnreadLicenceEls(entry, [entry.find.url, entry.find.thumbnailUrl, ...(entry.find.alternates ?? [])].flatMap((u) => (u ? (copies.get(u) ?? []) : [])));
  }
  const licences = new ElementLicences(env.pageUrl, env.doc);
  for (let i = 0; i < kept.length; i += CONTEXT_BATCH) {
    if (i > 0) yield;
    candidateBatch(env, kept, i, Math.min(kept.length, i + CONTEXT_BATCH), licences, out);
  }
}

/** Candidates of kept[from, to) into `out`: a plain function, which V8 optimises while it runs. */
function candidateBatch(env: ScanEnv, kept: Entry[], from: number, to: number, licences: ElementLicences, out: ImageCandidate[]): void {
  for (let i = from; i < to; i++) {
    try {
      out.push(toCandidate(kept[i]!, env, licences));
    } catch {
      env.stats.errors++;
    }
  }
}

/**
 * Time a step that pauses (a generator) into stats.pathMs, the pauses not counted; its result,
 * or undefined when it threw (it costs itself, never the scan).
 */
function* timedSteps<T>(env: ScanEnv, name: string, steps: Generator<void, T, void>): Generator<void, T | undefined, void> {
  for (;;) {
    const t = env.now();
    let step: IteratorResult<void, T> | null = null;
    try {
      step = steps.next();
    } catch {
      env.stats.errors++;
    }
    env.stats.pathMs[name] = (env.stats.pathMs[name] ?? 0) + env.now() - t;
    if (!step) return undefined;
    if (step.done) return step.value;
    yield;
  }
}

/**
 * Find the images of a document and their context (issue 5): `<img>` (currentSrc, largest
 * srcset/picture candidate, lazy attributes), CSS backgrounds, inline SVG and the pictures it
 * draws (`<image href>`), video posters, image inputs, links to image files, object/embed,
 * open shadow roots, and Resource Timing.
 * Never throws; a hostile page costs at most the budgets in `options`. With cost figures. In one
 * synchronous run (a watcher's first look at a frame; tests); Collect and the scroll watcher
 * run scanDocumentYielding.
 */
export function scanDocumentWithStats(doc: Document, pageUrl: string, options?: ScanOptions): { candidates: ImageCandidate[]; stats: ScanStats } {
  const scan = startScan(doc, pageUrl, options);
  try {
    while (!scan.steps.next().done) {
      /* each step does its work when reached */
    }
  } catch {
    scan.stats.errors++;
  }
  return scan.finish();
}

/**
 * The same scan, letting the page run whenever it has worked SLICE_MS since the last pause, so
 * a Collect on a large page makes no long task of its own (the page stays responsive to input
 * and keeps rendering). The result is the same; the page may change between steps, which
 * costs at most the elements it changed.
 */
export async function scanDocumentYielding(
  doc: Document,
  pageUrl: string,
  options?: ScanOptions,
  { pause = pauseForPage, sliceMs = SLICE_MS }: { pause?: () => Promise<void>; sliceMs?: number } = {},
): Promise<{ candidates: ImageCandidate[]; stats: ScanStats }> {
  const scan = startScan(doc, pageUrl, options);
  let sliceStart = scan.now();
  try {
    while (!scan.steps.next().done) {
      if (scan.now() - sliceStart < sliceMs) continue;
      await pause();
      sliceStart = scan.now();
    }
  } catch {
    scan.stats.errors++;
  }
  return scan.finish();
}

/** Let the page run (input, rendering, its own tasks) before going on. */
function pauseForPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  // A message, not a timer: nested timers are clamped to 4 ms.
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** A scan set up: its steps to run (a generator), its stats, and how to finish it. */
function startScan(doc: Document, pageUrl: string, options: ScanOptions | undefined) {
  const now = clock();
  const start = now();
  const stats = emptyStats();
  const candidates: ImageCandidate[] = [];
  const finish = () => {
    stats.ms = now() - start;
    return { candidates, stats };
  };
  let env: ScanEnv;
  try {
    const resolved = resolveOptions(options);
    const view = (doc.defaultView ?? null) as ScanEnv['view'];
    const hasLayout = !!view && typeof view.getComputedStyle === 'function';
    env = {
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
  } catch {
    stats.errors++;
    return { steps: [][Symbol.iterator](), stats, now, finish };
  }
  return { steps: scanSteps(env, candidates), stats, now, finish };
}

/** The whole scan as steps: every tree's paths, the CSS sweep, Resource Timing, then context. */
function* scanSteps(env: ScanEnv, out: ImageCandidate[]): Steps {
  yield* scanTrees(env);
  yield* timedSteps(env, 'css-sweep', sweepCss(env));
  timed(env, 'resource-timing', () => findResourceTiming({ root: env.doc, shadow: false, env, all: [], css: null }));
  yield;
  yield* timedSteps(env, 'context', candidatesOf(env, out));
}

/** Find the images of a document (see scanDocumentWithStats); bad input gives [], never a throw. */
export function scanDocument(doc: Document, pageUrl: string, options?: ScanOptions): ImageCandidate[] {
  return scanDocumentWithStats(doc, pageUrl, options).candidates;
}
