import type { ImageCandidate } from '../policy/verdict';
import { scanDocument, scanDocumentYielding } from './scan-page';
import { LAZY_ATTRIBUTES, lazyKindOf } from './lazy-attributes';
import type { ScanLimit, ScanOptions } from './options';

/** Watch mode knobs, on top of the scan's own. */
export interface WatchOptions extends ScanOptions {
  /** Least time between two rescans, in ms (default 400). */
  throttleMs?: number;
  /** Report the images already on the page in a first batch (default false: Collect has them). */
  emitInitial?: boolean;
  /** Stop reporting after this many images in all (default 20,000, the collector's cap). */
  maxTotal?: number;
}

// Attributes whose change can show a new image; everything else (text, ARIA…) is ignored.
const WATCHED_ATTRIBUTES = ['src', 'srcset', 'sizes', 'style', 'class', 'poster', 'href', 'data', ...LAZY_ATTRIBUTES.map((a) => a.name)];

/**
 * Elements that load an image when scrolled to: `<img loading="lazy">` or with any lazy
 * attribute, and other elements with the lazy attributes libraries put there. One query per
 * name: in Chromium a selector list of them all costs ~6× as much (22 vs 3.6 ms on a
 * 20,000-element page), and the watcher asks on every rescan.
 */
function lazyElements(root: ParentNode): Set<Element> {
  const found = new Set<Element>();
  const imgs = root.querySelectorAll('img');
  for (let i = 0; i < imgs.length; i++) {
    const img = imgs[i]!;
    if (img.getAttribute('loading') === 'lazy' || img.getAttributeNames().some((n) => lazyKindOf(n) !== undefined)) found.add(img);
  }
  for (const { name, any } of LAZY_ATTRIBUTES) {
    if (!any) continue;
    const els = root.querySelectorAll(`[${name}]`);
    for (let i = 0; i < els.length; i++) found.add(els[i]!);
  }
  return found;
}

/**
 * "Collect while scrolling": keep finding images as an infinite feed grows. A MutationObserver
 * (document and open shadow roots), an IntersectionObserver on lazy images and a capturing
 * `load` listener schedule a throttled rescan; each rescan reports only images not reported
 * before, and lets the page run between its steps (scanDocumentYielding). The throttle
 * stretches to 4× the last rescan's own time, so a page that rewrites itself nonstop gets at
 * most a 20% duty cycle. A rescan that stops at the element or time cap is told once per cap
 * (`limit`), with or without new images: what lies beyond it goes unseen. Returns a stop
 * function (idempotent).
 */
export function watchForImages(
  doc: Document,
  pageUrl: string,
  onNew: (candidates: ImageCandidate[], limit: ScanLimit | null) => void,
  options: WatchOptions = {},
): () => void {
  const throttleMs = Math.max(0, options.throttleMs ?? 400);
  const maxTotal = options.maxTotal ?? 20_000;
  // Given what the collect's own scan reported, everything else on the page is new to it.
  const seen = new Set<string>(options.reported ?? []);
  const observedRoots = new WeakSet<Node>();
  const observedEls = new WeakSet<Element>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  /** Heed's own time in the last rescan (its pauses for the page not counted). */
  let lastScanMs = 0;
  /** A rescan is running (it pauses for the page); a change meanwhile asks for another. */
  let scanning = false;
  let again = false;
  const limitsTold = new Set<ScanLimit>();

  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const schedule = () => {
    if (stopped || timer !== null) return;
    if (scanning) {
      again = true;
      return;
    }
    timer = setTimeout(() => void run(), Math.max(throttleMs, lastScanMs * 4));
  };
  const MO = view?.MutationObserver ?? (typeof MutationObserver === 'function' ? MutationObserver : undefined);
  const mutations = MO ? new MO(schedule) : null;
  const IO = view?.IntersectionObserver ?? (typeof IntersectionObserver === 'function' ? IntersectionObserver : undefined);
  const visible = IO ? new IO((entries) => entries.some((e) => e.isIntersecting) && schedule(), { rootMargin: '200px' }) : null;

  const observeRoot = (root: Node) => {
    if (observedRoots.has(root) || !mutations) return;
    observedRoots.add(root);
    mutations.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  };
  // New trees and lazy elements since the last pass: shadow roots get their own observer
  // (document mutations do not cross into them), lazy images get watched for visibility.
  const observeNew = () => {
    const queue: ParentNode[] = [doc];
    for (let i = 0; i < queue.length && i < 10_000; i++) {
      const all = queue[i]!.querySelectorAll('*');
      for (let j = 0; j < all.length; j++) {
        const sr = all[j]!.shadowRoot;
        if (sr) {
          observeRoot(sr);
          queue.push(sr);
        }
      }
      if (!visible) continue;
      for (const el of lazyElements(queue[i]!)) {
        if (!observedEls.has(el)) {
          observedEls.add(el);
          visible.observe(el);
        }
      }
    }
  };

  /** Report what is new among `found`, and a cap newly hit; returns how many images were new. */
  const report = (found: ImageCandidate[], emit: boolean, limit: ScanLimit | null = null): number => {
    const fresh: ImageCandidate[] = [];
    for (const c of found) {
      if (seen.has(c.url) || seen.size >= maxTotal) continue;
      seen.add(c.url);
      fresh.push(c);
    }
    if (emit && (fresh.length || limit)) {
      try {
        onNew(fresh, limit);
      } catch {
        /* the listener's failure is its own; watching goes on */
      }
    }
    return fresh.length;
  };
  // Rescans skip what was reported: the per-scan caps apply to new images only.
  const rescanOptions: WatchOptions = { ...options, reported: seen };

  /**
   * The page changed address since the collect assessed it (a single-page app's history.pushState,
   * a #fragment): what it shows now is another page's, decided under none of its signals. The
   * worker ends the watch on the tab's address change, but its images could arrive before that;
   * here nothing more is reported (DESIGN.md §2 "one page"; the collect's start reads it so too).
   */
  const addressChanged = (): boolean => {
    try {
      const href = doc.location?.href;
      return href !== undefined && href !== pageUrl;
    } catch {
      return true;
    }
  };

  // A rescan lets the page run between its steps, so scrolling stays smooth while it reads.
  async function run() {
    timer = null;
    if (stopped) return;
    if (addressChanged()) return stop();
    scanning = true;
    again = false;
    let more = false;
    try {
      const { candidates, stats } = await scanDocumentYielding(doc, pageUrl, rescanOptions);
      lastScanMs = Object.values(stats.pathMs).reduce((a, b) => a + b, 0);
      if (addressChanged()) stop();
      if (!stopped) {
        // More new images than one scan takes: the rest come on another rescan, not never. The
        // other caps stop every rescan at the same place: those are told, once.
        const cap = stats.limit && stats.limit !== 'candidates' && !limitsTold.has(stats.limit) ? stats.limit : null;
        if (cap) limitsTold.add(cap);
        more = report(candidates, true, cap) > 0 && stats.limit === 'candidates';
        observeNew();
      }
    } catch {
      /* the scan does not throw; observeNew on a torn-down page may */
    } finally {
      scanning = false;
    }
    if (more || again) schedule();
  }

  const onLoad = (e: Event) => {
    const tag = (e.target as Element | null)?.tagName?.toLowerCase();
    if (tag === 'img' || tag === 'image' || tag === 'video') schedule();
  };

  // With the collect's report, a first rescan soon finds what arrived since (and only that);
  // without it, a first scan learns what is on the page, reported only if asked to. That one
  // runs in one go: what it sees it marks seen, so it must not let the page add images
  // midway (they would be marked seen, never reported); later changes wake a rescan.
  if (!options.reported) report(scanDocument(doc, pageUrl, options), options.emitInitial === true);
  observeRoot(doc);
  try {
    observeNew();
  } catch {
    /* as in run() */
  }
  doc.addEventListener('load', onLoad, true);
  if (options.reported) schedule();

  return stop;

  function stop(): void {
    if (stopped) return;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    mutations?.disconnect();
    visible?.disconnect();
    doc.removeEventListener('load', onLoad, true);
  }
}
