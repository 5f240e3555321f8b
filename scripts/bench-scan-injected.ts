/**
 * First scan as Collect injects it (issue 17): the built `scanner.js`, injected by the extension's
 * worker through `chrome.scripting.executeScript` into a freshly loaded tab, runs in the
 * extension's isolated world: its code compiled there for the first time, a JS wrapper made for
 * every element it reads. bench-scan.ts's first-scan rows evaluate a bundle in the page's own
 * world, which no compile hint reaches and which shares the page's wrappers. Here the naive scan
 * (every element's getComputedStyle + all <img>) is injected the same way, as a file of its own.
 *
 * Measured from a trace of the tab's renderer: the main thread's busy time from the injection's
 * start until the worker has the answer (the scan's own pauses left out, since the page runs in
 * them), and the worker's wall time for the whole executeScript. Each kind runs in tabs of its
 * own, the kinds interleaved. Run: npx tsx scripts/bench-scan-injected.ts (needs `npm run build`).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, EXTENSION_DIR, findChromium, tabIdFor } from '../tests/e2e/harness/browser';
import { COMPILE_HINT } from '../wxt.config';
import { COLD_FLOOR, generatePage, NAIVE } from './bench-scan';

const ORIGIN = 'http://localhost:8123';
// Nine tabs per kind: with five, one disturbed load moved a median by a third (the naive scan's
// ranged 39–136 ms on the dense page in one run).
const ROUNDS = 9;
const CATEGORIES = ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-v8.compile', 'extensions', 'blink'];

/** What is injected, as a file in a copy of the built extension (name → file). */
const KINDS = {
  heed: '/scanner.js',
  'heed without the compile hint': '/bench-scanner-no-hint.js',
  naive: '/bench-naive.js',
  'floor: a walk reading shadowRoot, class': '/bench-floor.js',
  'floor: an empty script': '/bench-empty.js',
} as const;
type Kind = keyof typeof KINDS;

/** The naive scan and the floor walk of bench-scan.ts, as files injected on their own (each evaluates to a count). */
const NAIVE_FILE = `(${NAIVE})().size;\n`;
/**
 * The least a first scan does, injected the same way: every element's shadowRoot (no selector
 * finds open shadow roots) and its class (what stylesheet image rules key on). In an isolated
 * world each element read gets a wrapper of that world: the naive scan pays the same.
 */
const FLOOR_FILE = `(${COLD_FLOOR})();\n`;

export interface InjectedRow {
  page: string;
  kind: Kind;
  busyMs: { median: number; min: number; max: number };
  wallMs: { median: number; min: number; max: number };
  compileMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** A copy of the built extension with the kinds' extra files beside scanner.js. */
function benchExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heed-bench-injected-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const scanner = readFileSync(join(dir, 'scanner.js'), 'utf8');
  if (!scanner.startsWith(COMPILE_HINT)) throw new Error('the built scanner.js has no compile hint: is the build current?');
  writeFileSync(join(dir, 'bench-scanner-no-hint.js'), scanner.slice(COMPILE_HINT.length));
  writeFileSync(join(dir, 'bench-naive.js'), NAIVE_FILE);
  writeFileSync(join(dir, 'bench-floor.js'), FLOOR_FILE);
  writeFileSync(join(dir, 'bench-empty.js'), '0;\n');
  return dir;
}

/** Length of the union of [ts, ts+dur] intervals from `from` on (µs in, ms out). */
function busyFrom(events: TraceEvent[], from: number): number {
  const spans = events.filter((e) => e.ts + (e.dur ?? 0) > from).map((e) => [Math.max(e.ts, from), e.ts + (e.dur ?? 0)] as const).sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let end = -Infinity;
  for (const [s, f] of spans) {
    if (f <= end) continue;
    busy += f - Math.max(s, end);
    end = f;
  }
  return busy / 1000;
}

/** Inject `file` into a fresh tab of the page; the tab's main-thread busy time and compile time from a trace, and the wall time. */
async function injectOnce(context: BrowserContext, worker: Worker, file: string): Promise<{ busy: number; wall: number; compile: number }> {
  const page: Page = await context.newPage();
  try {
    await page.goto(`${ORIGIN}/page.html`, { waitUntil: 'networkidle' });
    const tabId = await tabIdFor({ context, extensionId: new URL(worker.url()).host, serviceWorker: worker }, page);
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e: { value: object[] }) => events.push(...(e.value as TraceEvent[])));
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
    const wall = await worker.evaluate(async ([id, f]) => {
      const api = (globalThis as unknown as { chrome: { scripting: { executeScript(o: object): Promise<unknown> } } }).chrome;
      const t = performance.now();
      await api.scripting.executeScript({ target: { tabId: id }, files: [f] });
      return performance.now() - t;
    }, [tabId, file] as const);
    await cdp.send('Tracing.end');
    await done;
    const threads = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '']));
    const inject = events.find((e) => e.name === 'ScriptInjection::InjectJs' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
    if (!inject) throw new Error(`no injection of ${file} in the trace`);
    const main = events.filter((e) => e.ph === 'X' && e.pid === inject.pid && e.tid === inject.tid);
    const compile = busyFrom(main.filter((e) => /^V8\.(Compile|Parse)/.test(e.name)), inject.ts);
    return { busy: busyFrom(main, inject.ts), wall, compile };
  } finally {
    await page.close();
  }
}

const stat = (xs: number[]) => ({ median: [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!, min: Math.min(...xs), max: Math.max(...xs) });

export async function main(rounds = ROUNDS): Promise<InjectedRow[]> {
  if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the extension first (npm run build).');
  const dir = benchExtension();
  const context = await chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: true,
    args: ['--headless=new', ...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const rows: InjectedRow[] = [];
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    let html = '';
    // Every image URL answers one empty body: the scans read the DOM and styles, not the images.
    await context.route(`${ORIGIN}/**`, (route) =>
      new URL(route.request().url()).pathname === '/page.html' ? route.fulfill({ contentType: 'text/html', body: html }) : route.fulfill({ status: 404, body: '' }),
    );
    console.log(`first scan as Collect injects it: the built scanner.js through chrome.scripting into a fresh tab (${rounds} tabs per kind, interleaved; median [min–max])`);
    for (const profile of ['typical', 'dense'] as const) {
      html = generatePage(20_000, profile);
      const samples = new Map<Kind, { busy: number[]; wall: number[]; compile: number[] }>();
      await injectOnce(context, worker, KINDS.heed); // warm-up: the HTTP cache, the worker's code
      for (let r = 0; r < rounds; r++) {
        for (const kind of Object.keys(KINDS) as Kind[]) {
          const s = await injectOnce(context, worker, KINDS[kind]);
          const kept = samples.get(kind) ?? { busy: [], wall: [], compile: [] };
          kept.busy.push(s.busy);
          kept.wall.push(s.wall);
          kept.compile.push(s.compile);
          samples.set(kind, kept);
        }
      }
      const range = (x: { median: number; min: number; max: number }) => `${x.median.toFixed(1)} ms [${x.min.toFixed(1)}–${x.max.toFixed(1)}]`;
      for (const [kind, s] of samples) rows.push({ page: `20000 ${profile}`, kind, busyMs: stat(s.busy), wallMs: stat(s.wall), compileMs: stat(s.compile).median });
      const mine = rows.filter((r) => r.page === `20000 ${profile}`);
      const of = (k: Kind) => mine.find((r) => r.kind === k)!;
      console.log(`  20000 elements, ${profile}:`);
      for (const r of mine) console.log(`    ${r.kind.padEnd(36)} page's main thread ${range(r.busyMs)} (compiling ${r.compileMs.toFixed(1)} ms); executeScript ${range(r.wallMs)}`);
      const ratio = of('heed').busyMs.median / of('naive').busyMs.median;
      const minRatio = of('heed').busyMs.min / of('naive').busyMs.min;
      console.log(
        `    heed / naive, main thread: ${ratio.toFixed(2)}× (goal ≤ 1×: ${ratio <= 1 ? 'met' : 'not met'}); least disturbed tabs (min / min) ${minRatio.toFixed(2)}×; ` +
          `without the compile hint ${(of('heed without the compile hint').busyMs.median / of('naive').busyMs.median).toFixed(2)}×`,
      );
    }
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(Number(process.argv[2] ?? ROUNDS)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
