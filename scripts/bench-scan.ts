/**
 * Scanner benchmark (issue 5): on generated pages of 1,000 and 20,000 elements in headless
 * Chromium, Heed's scanDocument against a naive scan (every element's getComputedStyle + all
 * <img>) run in the same page, with the images each finds; then the size of the always-on
 * content script when a build exists. Run: npx tsx scripts/bench-scan.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { makePng } from '../tests/e2e/harness/png';
import { launchPlainChromium, scanBundle } from '../tests/e2e/harness/scan-bundle';

const ROOT = resolve(import.meta.dirname, '..');
const CONTENT_SCRIPT = resolve(ROOT, '.output/chrome-mv3/page-signals.js');
// localhost: a secure context, which cross-origin isolation (fine timers) needs; routed, never listened on.
const ORIGIN = 'http://localhost:8123';
const RUNS = 9;
/** Fresh page loads per kind for the first-to-touch row (each a full load of the page). */
const FRESH_RUNS = 5;
const DEFAULT_PAGES = [
  { n: 1000, profile: 'typical' as const },
  { n: 20_000, profile: 'typical' as const },
  { n: 20_000, profile: 'dense' as const },
];

/**
 * A generated page of about `n` elements. `typical`: the image density of real content pages
 * (per 1,000 elements: 15 <img> — some with srcset, lazy data-src or a link to the original —
 * 6 CSS backgrounds from 60 rules and inline styles, an inline SVG, a few SVG icons). `dense`:
 * an image grid (5% <img>, 7.5% CSS backgrounds from 300 rules) — the worst case for Heed,
 * whose cost grows with the images and their context, where the naive scan's does not.
 */
export function generatePage(n: number, profile: 'typical' | 'dense' = 'typical', sheetHref?: string): string {
  const dense = profile === 'dense';
  const bgClasses = dense ? 300 : 60;
  const rules: string[] = ['.card { width: 80px; height: 60px; display: inline-block; }', 'img { width: 80px; height: 60px; }', '.icon { width: 16px; height: 16px; }'];
  for (let k = 0; k < bgClasses; k++) rules.push(`.bg-${k} { background-image: url(/bg/${k}.png); background-size: cover; }`);
  for (let k = 0; k < 600; k++) rules.push(`.t-${k} { color: #${(k * 4099).toString(16).padStart(6, '0').slice(-6)}; margin: ${k % 7}px; }`);
  for (let k = 0; k < 100; k++) rules.push(`.unused-${k} { background-image: url(/unused/${k}.png); }`);
  const body: string[] = [];
  let open = false;
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) {
      if (open) body.push('</section>');
      body.push(`<section class="t-${i % 600}">`);
      open = true;
      continue;
    }
    const r = dense ? i % 20 : i % 200;
    const t = `t-${i % 600}`;
    if (dense && r === 0) body.push(`<img src="/img/${i}.png" alt="image ${i}">`);
    else if (dense && r === 7) body.push(`<div class="card bg-${i % bgClasses}"></div>`);
    else if (dense && r === 13 && i % 40 === 13) body.push(`<div class="card" style="background-image: url(/inline/${i}.png)"></div>`);
    else if (!dense && (r === 0 || r === 40 || r === 80)) body.push(`<img src="/img/${i}.png" alt="image ${i}">`);
    else if (!dense && r === 120) body.push(`<img src="/img/${i}-400.png" srcset="/img/${i}-400.png 400w, /img/${i}-800.png 800w" sizes="80px" alt="srcset ${i}">`);
    else if (!dense && r === 160) body.push(`<img data-src="/img/${i}-lazy.png" class="lazyload" alt="lazy ${i}">`);
    else if (!dense && r === 180) body.push(`<a href="/full/${i}.png"><img src="/img/${i}-thumb.png" alt="thumb ${i}"></a>`);
    else if (!dense && (r === 20 || r === 100)) body.push(`<div class="card bg-${i % bgClasses}"></div>`);
    else if (!dense && r === 60 && i % 1000 === 60) body.push(`<div class="card" style="background-image: url(/inline/${i}.png)"></div>`);
    else if (!dense && r === 140 && i % 2000 === 140) body.push('<svg width="200" height="100" viewBox="0 0 200 100"><rect width="200" height="100" fill="#49a"/></svg>');
    else if (!dense && r === 30) body.push('<svg class="icon" viewBox="0 0 16 16"><path d="M0 0h16v16H0z"/></svg>');
    else if (r % 20 === 1) body.push(`<h3>Heading ${i}</h3>`);
    else if (r % 3 === 0) body.push(`<p class="${t}">Text ${i}</p>`);
    else if (r % 3 === 1) body.push(`<span class="${t}">s${i}</span>`);
    else body.push(`<div class="${t}">d${i}</div>`);
  }
  if (open) body.push('</section>');
  const style = sheetHref ? `<link rel="stylesheet" href="${sheetHref}">` : `<style>${rules.join('\n')}</style>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench ${n}</title>${style}</head><body>${body.join('')}</body></html>`;
}

/** The stylesheet generatePage inlines, as a file of its own (the same rules). */
export function generateSheet(n: number, profile: 'typical' | 'dense' = 'typical'): string {
  const html = generatePage(n, profile);
  return html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
}

/** Serve `html` as `${ORIGIN}/page.html` and every other URL as one PNG, then load it. */
export async function serve(page: Page, html: string, sheet?: { href: string; css: string }): Promise<void> {
  const png = makePng(120, 90, 'bench');
  // Another origin's stylesheet, without CORS: the page applies it, its scripts cannot read it.
  if (sheet) await page.route(sheet.href, (route) => route.fulfill({ contentType: 'text/css', body: sheet.css, headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' } }));
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    // Cross-origin isolated, so performance.now() ticks in 5 µs rather than 100 µs steps.
    const isolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    if (url.pathname === '/page.html') return route.fulfill({ contentType: 'text/html', body: html, headers: isolated });
    return route.fulfill({ contentType: 'image/png', body: png });
  });
  await page.goto(`${ORIGIN}/page.html`, { waitUntil: 'networkidle' });
}

interface Measured {
  page: string;
  elements: number;
  heedMs: number;
  heedMinMs: number;
  /** A scroll watcher's rescan, where every image on the page was reported before. */
  watchMs: number;
  /** Of heedMs, reading context (text, heading, rendered size, licence) for the candidates. */
  contextMs: number;
  naiveMs: number;
  naiveMinMs: number;
  heedFound: number;
  naiveFound: number;
  same: boolean;
  computedStyleCalls: number;
  /** Cross-origin isolated: timers at 5 µs, not 100 µs. */
  isolated: boolean;
  pathMs: Record<string, number>;
  /**
   * Lower bounds measured in the same page and run: reading every element's shadowRoot; that
   * plus its class; and Heed's whole-document queries (`queries` of them) replayed alone.
   */
  floor: { shadowMs: number; classMs: number; queriesMs: number; queries: number };
  /** The first scan of a freshly injected scanner (medians): loading the bundle, Heed's scan, the naive scan. */
  first: { loadMs: number; heedMs: number; compiledMs: number; naiveMs: number; floorMs: number };
  /** Each scan as the first script to touch a freshly loaded page (FRESH): median, min and max. */
  fresh: Record<'heed' | 'naive' | 'floor', { median: number; min: number; max: number }>;
  /** The first scan letting the page run between steps (medians): total, and the longest wait it made the page do. */
  yielding: { totalMs: number; longestMs: number };
}

// Plain JavaScript, evaluated as strings: tsx's keepNames helpers do not exist in the page.
export const NAIVE = `() => {
  const found = new Set();
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const bg = getComputedStyle(el).backgroundImage;
    if (bg && bg !== 'none') for (const m of bg.matchAll(/url\\("?([^")]+)"?\\)/g)) found.add(m[1]);
  }
  for (const img of Array.from(document.images)) if (img.currentSrc || img.src) found.add(img.currentSrc || img.src);
  return found;
}`;

/**
 * The least a first scan does in JavaScript, freshly evaluated like the scanner: read every
 * element's shadowRoot (no selector finds open shadow roots) and its class (what stylesheet
 * image rules key on), nothing else. Cold code pays for each element in the interpreter, where
 * the naive scan's per-element work is one native call.
 */
export const COLD_FLOOR = `() => {
  const all = document.getElementsByTagName('*');
  const seen = new Map();
  let n = 0;
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (el.shadowRoot) n++;
    const c = el.className;
    if (typeof c === 'string' && c && !seen.has(c)) seen.set(c, n);
  }
  return n + seen.size;
}`;

/**
 * The first scan, as Collect runs it: the scanner is injected fresh into the page and scans
 * once, so its code is cold (interpreted, no type feedback) — the cost a user's page pays.
 * Each run evaluates the bundle (and the naive scan) from source with a unique suffix, which
 * defeats V8's compilation cache: every run is a first run.
 */
const FIRST = `(bundle, runs) => {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const load = [];
  const heed = [];
  const compiled = [];
  const naive = [];
  const floor = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    (0, eval)(bundle + '\\n//first-' + i);
    load.push(performance.now() - t);
    t = performance.now();
    globalThis.HeedScan.scanDocumentWithStats(document, location.href);
    heed.push(performance.now() - t);
    // The same source again: V8 finds it compiled (its in-process cache), the closures are new.
    (0, eval)(bundle + '\\n//first-compiled');
    t = performance.now();
    globalThis.HeedScan.scanDocumentWithStats(document, location.href);
    compiled.push(performance.now() - t);
    const naiveScan = (0, eval)('(' + ${JSON.stringify(NAIVE)} + ')\\n//first-' + i);
    t = performance.now();
    naiveScan();
    naive.push(performance.now() - t);
    const floorWalk = (0, eval)('(' + ${JSON.stringify(COLD_FLOOR)} + ')\\n//first-' + i);
    t = performance.now();
    floorWalk();
    floor.push(performance.now() - t);
  }
  return { loadMs: median(load), heedMs: median(heed), compiledMs: median(compiled), naiveMs: median(naive), floorMs: median(floor) };
}`;

/**
 * One scan as the first script to touch a freshly loaded page: `which` is 'heed', 'naive' or
 * 'floor' (the cold floor walk). The first script pays the page's one-time costs that FIRST
 * leaves to Heed alone, which runs before the naive scan there: a JS wrapper for every element
 * it reads, the CSSOM objects of the rules it reads, the first style and layout queries.
 * Each kind is measured in pages of its own, so neither inherits the other's.
 */
const FRESH = `(bundle, which) => {
  if (which === 'heed') {
    (0, eval)(bundle + '\\n//fresh');
    const t = performance.now();
    globalThis.HeedScan.scanDocumentWithStats(document, location.href);
    return performance.now() - t;
  }
  const scan = (0, eval)('(' + (which === 'naive' ? ${JSON.stringify(NAIVE)} : ${JSON.stringify(COLD_FLOOR)}) + ')\\n//fresh');
  const t = performance.now();
  scan();
  return performance.now() - t;
}`;

/** FRESH for each kind in `runs` freshly loaded pages of its own, the kinds interleaved: medians and ranges. */
async function measureFresh(page: Page, bundle: string, runs: number): Promise<Measured['fresh']> {
  const times: Record<'heed' | 'naive' | 'floor', number[]> = { heed: [], naive: [], floor: [] };
  for (let i = 0; i < runs; i++) {
    for (const which of ['heed', 'naive', 'floor'] as const) {
      await page.goto(`${ORIGIN}/page.html`, { waitUntil: 'networkidle' }); // routed by serve()
      times[which].push((await page.evaluate(`(${FRESH})(${JSON.stringify(bundle)}, ${JSON.stringify(which)})`)) as number);
    }
  }
  const stat = (xs: number[]) => ({ median: [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!, min: Math.min(...xs), max: Math.max(...xs) });
  return { heed: stat(times.heed), naive: stat(times.naive), floor: stat(times.floor) };
}

/**
 * Page-side helpers for the measurements of a scan that lets the page run: one pause (as the
 * scanner's own), and a yielding scan answering the longest stretch the page waited.
 */
const YIELD_HELPERS = `
  const yieldOnce = () => globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((r) => setTimeout(r, 0));
  const longestWait = async (options) => {
    let last = performance.now();
    let worst = 0;
    const pause = () => { worst = Math.max(worst, performance.now() - last); return yieldOnce().then(() => { last = performance.now(); }); };
    await globalThis.HeedScan.scanDocumentYielding(document, location.href, options, { pause });
    return Math.max(worst, performance.now() - last);
  };`;

/**
 * The first scan as Collect runs it, letting the page run between steps: its total time and
 * the longest stretch the page waited (medians over fresh injections); FIRST measures the same
 * first scan in one go — one task as long as the whole scan.
 */
const YIELDING = `async (bundle, runs) => {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const totals = [];
  const longest = [];
${YIELD_HELPERS}
  for (let i = 0; i < runs; i++) {
    (0, eval)(bundle + '\\n//yielding-' + i);
    const t = performance.now();
    longest.push(await longestWait({}));
    totals.push(performance.now() - t);
    await yieldOnce();
  }
  return { totalMs: median(totals), longestMs: median(longest) };
}`;

/** Repeat scans (warm code), a scroll watcher's rescans, per-step figures and floors. */
const MEASURE = `(runs) => {
  const heed = globalThis.HeedScan;
  const naive = ${NAIVE};
  // The least any scan does here before its first candidate: every element's shadowRoot (no
  // selector finds open shadow roots), plus each element's class (what stylesheet image rules
  // key on), plus Heed's own whole-document queries, recorded from one scan and replayed.
  // The cheapest walk measured in Chromium: the document's live element collection.
  const shadowFloor = () => {
    const all = document.getElementsByTagName('*');
    let n = 0;
    for (let i = 0; i < all.length; i++) if (all[i].shadowRoot) n++;
    return n;
  };
  const classFloor = ${COLD_FLOOR};
  const queries = [];
  const protos = [Document.prototype, Element.prototype];
  const originals = protos.map((p) => p.querySelectorAll);
  protos.forEach((p, k) => {
    p.querySelectorAll = function (selector) {
      if (this === document) queries.push(selector);
      return originals[k].call(this, selector);
    };
  });
  try { heed.scanDocumentWithStats(document, location.href); } finally { protos.forEach((p, k) => (p.querySelectorAll = originals[k])); }
  const replay = () => { let n = 0; for (const q of queries) n += document.querySelectorAll(q).length; return n; };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const floorTimes = { shadow: [], classes: [], queries: [] };
  const heedTimes = [];
  const naiveTimes = [];
  // A scroll watcher's rescan: the images already reported are skipped (no context read).
  const reported = new Set(heed.scanDocumentWithStats(document, location.href).candidates.map((c) => c.url));
  const watchTimes = [];
  let fastest = null;
  let heedResult = heed.scanDocumentWithStats(document, location.href);
  let naiveResult = naive();
  // Alternate the two so neither profits from the other's warm caches more than it gives.
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    heedResult = heed.scanDocumentWithStats(document, location.href);
    heedTimes.push(performance.now() - t);
    if (!fastest || heedResult.stats.ms < fastest.stats.ms) fastest = heedResult;
    t = performance.now();
    naiveResult = naive();
    naiveTimes.push(performance.now() - t);
    t = performance.now();
    heed.scanDocumentWithStats(document, location.href, { reported });
    watchTimes.push(performance.now() - t);
    t = performance.now();
    shadowFloor();
    floorTimes.shadow.push(performance.now() - t);
    t = performance.now();
    classFloor();
    floorTimes.classes.push(performance.now() - t);
    t = performance.now();
    replay();
    floorTimes.queries.push(performance.now() - t);
  }
  // Heed reports a srcset's largest rendition or a linked original where the naive scan sees the
  // rendition shown: that counts as found (it is the candidate's thumbnailUrl).
  const covered = new Set(heedResult.candidates.flatMap((c) => [c.url, c.thumbnailUrl]).filter(Boolean));
  // Per-step figures from the fastest run: the least disturbed by other work on the machine.
  const pathMs = fastest.stats.pathMs;
  return {
    elements: document.querySelectorAll('*').length,
    isolated: globalThis.crossOriginIsolated === true,
    heedMs: median(heedTimes),
    heedMinMs: Math.min(...heedTimes),
    watchMs: median(watchTimes),
    contextMs: pathMs.context ?? 0,
    naiveMs: median(naiveTimes),
    naiveMinMs: Math.min(...naiveTimes),
    heedFound: heedResult.candidates.length,
    naiveFound: naiveResult.size,
    same: [...naiveResult].every((u) => covered.has(u)),
    computedStyleCalls: heedResult.stats.computedStyleCalls,
    pathMs,
    floor: { shadowMs: median(floorTimes.shadow), classMs: median(floorTimes.classes), queriesMs: median(floorTimes.queries), queries: queries.length },
  };
}`;

/**
 * A page whose stylesheet comes from another origin without CORS (a CDN): Heed blind (the
 * sweep: every element's style, then ::before/::after) against Heed given the sheet's text, as
 * Collect now hands it, and the naive scan. Warm medians; the images each found.
 */
const CROSS_ORIGIN = `async (cssTexts, runs) => {
  const heed = globalThis.HeedScan;
  const naive = ${NAIVE};
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const times = { blind: [], text: [], naive: [] };
  let blind = heed.scanDocumentWithStats(document, location.href);
  let text = heed.scanDocumentWithStats(document, location.href, { cssTexts });
  naive();
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    blind = heed.scanDocumentWithStats(document, location.href);
    times.blind.push(performance.now() - t);
    t = performance.now();
    text = heed.scanDocumentWithStats(document, location.href, { cssTexts });
    times.text.push(performance.now() - t);
    t = performance.now();
    naive();
    times.naive.push(performance.now() - t);
  }
  // The blind sweep as Collect runs it when a sheet cannot be fetched: the longest wait it makes the page do.${YIELD_HELPERS}
  const blindLongestMs = await longestWait({});
  return {
    blindLongestMs,
    blindMs: median(times.blind), textMs: median(times.text), naiveMs: median(times.naive),
    blindFound: blind.candidates.length, textFound: text.candidates.length,
    blindCalls: blind.stats.computedStyleCalls, textCalls: text.stats.computedStyleCalls,
  };
}`;

async function measure(page: Page, bundle: string): Promise<Measured> {
  const first = (await page.evaluate(`(${FIRST})(${JSON.stringify(bundle)}, ${RUNS})`)) as Measured['first'];
  const yielding = (await page.evaluate(`(${YIELDING})(${JSON.stringify(bundle)}, ${RUNS})`)) as Measured['yielding'];
  return { ...((await page.evaluate(`(${MEASURE})(${RUNS})`)) as Omit<Measured, 'first' | 'yielding' | 'fresh'>), first, yielding, fresh: null as unknown as Measured['fresh'] };
}

/** Run the benchmark and print its figures; resolves to the rows (for a combined `npm run bench`). */
export async function main(pages: { n: number; profile: 'typical' | 'dense' }[] = DEFAULT_PAGES): Promise<Measured[]> {
  const browser = await launchPlainChromium();
  const bundle = await scanBundle({ minify: true });
  const rows: Measured[] = [];
  try {
    for (const { n, profile } of pages) {
      const page = await browser.newPage();
      await serve(page, generatePage(n, profile));
      const m = { ...(await measure(page, bundle)), page: `${n} ${profile}` };
      m.fresh = await measureFresh(page, bundle, FRESH_RUNS);
      rows.push(m);
      const goalFor = (ratio: number) => (n >= 20_000 && profile === 'typical' ? (ratio <= 0.2 ? ' (goal ≤ 0.2×: met)' : ' (goal ≤ 0.2×: not met)') : '');
      const { first } = m;
      const firstRatio = first.heedMs / first.naiveMs;
      const ratio = m.heedMs / m.naiveMs;
      const discovery = (m.heedMinMs - m.contextMs) / m.naiveMinMs;
      console.log(
        `${String(n).padStart(6)} elements, ${profile} (${m.elements} in DOM): images heed ${m.heedFound} / naive ${m.naiveFound}, every naive image found: ${m.same}; ` +
          `getComputedStyle ${m.computedStyleCalls} calls vs ${m.elements}; timer ${m.isolated ? '5 µs' : '100 µs'}`,
      );
      console.log(
        `        first scan (as on Collect: freshly injected, cold code): heed ${first.heedMs.toFixed(1)} ms, naive ${first.naiveMs.toFixed(1)} ms: ` +
          `${firstRatio.toFixed(2)}× (goal ≤ 1×: ${firstRatio <= 1 ? 'met' : 'not met'}); loading the scanner ${first.loadMs.toFixed(1)} ms more; ` +
          `floor (cold): a fresh walk reading only every element's shadowRoot and class ${first.floorMs.toFixed(1)} ms (${(first.floorMs / first.naiveMs).toFixed(2)}×)`,
      );
      console.log(
        `        the same first scan with Heed's code already compiled (its source evaluated again: new closures, no type feedback; ` +
          `a second Collect in the same tab): ${first.compiledMs.toFixed(1)} ms, ${(first.compiledMs / first.naiveMs).toFixed(2)}× naive; ` +
          `the other ${(first.heedMs - first.compiledMs).toFixed(1)} ms of the first scan is V8 compiling the scanner`,
      );
      const fr = m.fresh;
      const range = (x: { min: number; max: number }) => `${x.min.toFixed(1)}–${x.max.toFixed(1)}`;
      const freshRatio = fr.heed.median / fr.naive.median;
      console.log(
        `        first scan, each the first script to touch a freshly loaded page (${FRESH_RUNS} loads each; above, Heed runs first and the naive scan inherits the element wrappers and style it warmed): ` +
          `heed ${fr.heed.median.toFixed(1)} ms (${range(fr.heed)}), naive ${fr.naive.median.toFixed(1)} ms (${range(fr.naive)}): ${freshRatio.toFixed(2)}× ` +
          `(range ${(fr.heed.min / fr.naive.max).toFixed(2)}–${(fr.heed.max / fr.naive.min).toFixed(2)}×; goal ≤ 1×: ${freshRatio <= 1 ? 'met' : 'not met'}); ` +
          `floor (first touch): the shadowRoot-and-class walk ${fr.floor.median.toFixed(1)} ms (${range(fr.floor)}; ${(fr.floor.median / fr.naive.median).toFixed(2)}×)`,
      );
      const y = m.yielding;
      console.log(
        `        first scan letting the page run between steps (as Collect now runs it): ${y.totalMs.toFixed(1)} ms in all, the page waits at most ` +
          `${y.longestMs.toFixed(1)} ms at a time; in one go (above) ${first.heedMs.toFixed(1)} ms, all of it one task`,
      );
      // Medians compare like with like under noise; minimums are the least disturbed runs.
      console.log(
        `        repeat scan (warm code, every image new): heed ${m.heedMs.toFixed(1)} ms (min ${m.heedMinMs.toFixed(1)}), ` +
          `naive ${m.naiveMs.toFixed(1)} ms (min ${m.naiveMinMs.toFixed(1)}): ${ratio.toFixed(2)}×${goalFor(ratio)}; min/min ${(m.heedMinMs / m.naiveMinMs).toFixed(2)}×, ` +
          `without context ${discovery.toFixed(2)}× (context ${m.contextMs.toFixed(1)} ms)`,
      );
      console.log(`        a scroll watcher's rescan (every image already reported, so no context read): heed ${m.watchMs.toFixed(1)} ms: ${(m.watchMs / m.naiveMs).toFixed(2)}×`);
      const f = m.floor;
      const floorMs = f.classMs + f.queriesMs;
      console.log(
        `        floor before any candidate (warm): every element's shadowRoot ${f.shadowMs.toFixed(1)} ms (${(f.shadowMs / m.naiveMs).toFixed(2)}×); ` +
          `+ its class ${f.classMs.toFixed(1)} ms; + Heed's ${f.queries} whole-document queries ${f.queriesMs.toFixed(1)} ms: ${floorMs.toFixed(1)} ms (${(floorMs / m.naiveMs).toFixed(2)}×)`,
      );
      if (process.env.BENCH_VERBOSE) console.log('  per step (ms):', Object.entries(m.pathMs).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
      await page.close();
    }
    // The common real-world case of a stylesheet on a CDN, which the page's scripts cannot read.
    const page = await browser.newPage();
    const href = 'http://127.0.0.1:8124/site.css';
    const css = generateSheet(20_000);
    await serve(page, generatePage(20_000, 'typical', href), { href, css });
    await page.addScriptTag({ content: bundle });
    const c = (await page.evaluate(`(${CROSS_ORIGIN})(${JSON.stringify({ [href]: css })}, ${RUNS})`)) as Record<string, number>;
    console.log(
      ` 20000 elements, typical, stylesheet from another origin: heed blind (sweep) ${c.blindMs!.toFixed(1)} ms, ${c.blindCalls} getComputedStyle calls ` +
        `(letting the page run between steps, it waits at most ${c.blindLongestMs!.toFixed(1)} ms at a time); ` +
        `heed given the sheet's text (as Collect does) ${c.textMs!.toFixed(1)} ms, ${c.textCalls} calls (${(c.textMs! / c.blindMs!).toFixed(2)}× the sweep); ` +
        `naive ${c.naiveMs!.toFixed(1)} ms; images ${c.blindFound} / ${c.textFound}`,
    );
    await page.close();
  } finally {
    await browser.close();
  }
  console.log(`scanner bundle measured here (utils/scan/scan-page.ts + watch, minified): ${(bundle.length / 1024).toFixed(1)} KB`);
  for (const name of ['scanner.js', 'scanner-watch.js']) {
    const built = resolve(ROOT, '.output/chrome-mv3', name);
    if (existsSync(built)) console.log(`  ${name} as built (injected on Collect only): ${(readFileSync(built).length / 1024).toFixed(1)} KB`);
  }
  if (existsSync(CONTENT_SCRIPT)) {
    const js = readFileSync(CONTENT_SCRIPT);
    const kb = js.length / 1024;
    console.log(`always-on content script page-signals.js: ${kb.toFixed(2)} KB (gzip ${(gzipSync(js).length / 1024).toFixed(2)} KB) ${kb <= 4 ? '(goal ≤ 4 KB: met)' : '(goal ≤ 4 KB: not met)'}`);
  } else {
    console.log('always-on content script: no build at .output/chrome-mv3 (run `npm run build` to measure it)');
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
