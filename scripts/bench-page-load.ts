/**
 * Page-load benchmark (issues 5, 17): what Heed costs the pages a user browses. The same pages
 * are loaded in turn in Chromium with Heed (its worker running, and its worker stopped first,
 * as after 30 s without events, so the page wakes it), with an extension that only observes
 * main-frame headers (the floor of holding `webRequest`; its worker too running, and woken: the
 * floor of any worker the page wakes), and without any extension (same
 * flags, same run); compared on the load event, the page's main-thread time (CDP Performance
 * metrics TaskDuration, ScriptDuration) and first paint. "Within noise" means the medians
 * differ by less than the interquartile range of the loads without an extension. Then a
 * browser-wide trace of loads with Heed says where Heed's work goes (scripts/page-load-trace.ts).
 * Run: npx tsx scripts/bench-page-load.ts   (needs `npm run build` first)
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type CDPSession } from '@playwright/test';
import { traceLoad, type HeedTraceCost } from './page-load-trace';
import { CHROMIUM_ARGS, findChromium, launchHeed } from '../tests/e2e/harness/browser';
import { startSiteServer } from '../tests/e2e/harness/server';
import { generatePage } from './bench-scan';

const ROUNDS = 12;
/** Time for the document_idle script to run and its message to go out after the load event. */
const SETTLE_MS = 300;

interface Load {
  loadMs: number;
  taskMs: number;
  scriptMs: number;
  /** First paint (the page's own paint timing entry). */
  paintMs: number;
}

async function loadOnce(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    const { loadMs, paintMs } = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const paint = performance.getEntriesByName('first-paint')[0];
      return { loadMs: nav ? nav.loadEventEnd - nav.startTime : 0, paintMs: paint ? paint.startTime : 0 };
    });
    return { loadMs, taskMs: metric('TaskDuration'), scriptMs: metric('ScriptDuration'), paintMs };
  } finally {
    await page.close();
  }
}

/** Traced loads with Heed per page (tracing slows a load, so they are kept out of the figures above). */
const TRACED = 3;

/** What the trace says Heed costs the page: medians over the traced loads, before and after the load event. */
function printTrace(title: string, costs: HeedTraceCost[]): void {
  const m = (f: (c: HeedTraceCost) => number) => median(costs.map(f)).toFixed(1);
  console.log(`  trace, ${title}: Heed's work during a load (medians of ${costs.length} traced loads; before the load event / in the 300 ms after):`);
  console.log(`    content script on the page's main thread  ${m((c) => c.contentScript.before)} / ${m((c) => c.contentScript.after)} ms`);
  console.log(`    webRequest proxy in the browser process   ${m((c) => c.requestProxy.before)} / ${m((c) => c.requestProxy.after)} ms (${m((c) => c.requestProxy.requests)} requests routed through it)`);
  console.log(`    extension API calls in the browser        ${m((c) => c.apiCalls.before)} / ${m((c) => c.apiCalls.after)} ms (${m((c) => c.apiCalls.calls)} calls)`);
  console.log(`    Heed's worker (its own thread)            ${m((c) => c.worker.before)} / ${m((c) => c.worker.after)} ms; of it, evaluating its scripts: ${m((c) => c.workerScripts.before)} / ${m((c) => c.workerScripts.after)} ms`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function iqr(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length * 3) / 4)]! - s[Math.floor(s.length / 4)]!;
}

/** The contexts compared, each against Chromium without any extension. */
type Variant = 'heed' | 'woken' | 'floor' | 'floorWoken';
const VARIANTS: Record<Variant, string> = {
  heed: 'with Heed',
  woken: 'Heed, worker woken for the page',
  floor: 'floor: webRequest observer only',
  floorWoken: 'floor, its worker woken for the page',
};

export interface PageLoadRow {
  page: string;
  variant: Variant;
  metric: keyof Load;
  heed: number;
  plain: number;
  noise: number;
  withinNoise: boolean;
}

/**
 * The floor while Heed reads a page's header lines apart (DESIGN.md §2 rule 3): an extension
 * that does nothing but observe main-frame response headers. Holding `webRequest` at all makes
 * Chromium route every request of every page through the browser process (its webRequest
 * proxy), listeners or not: what is left of Heed's cost once everything else is gone.
 */
function writeFloorExtension(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = { manifest_version: 3, name: 'webRequest observer (floor)', version: '1.0', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'bg.js' } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'bg.js'), "chrome.webRequest.onHeadersReceived.addListener(() => undefined, { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] }, ['responseHeaders']);\n");
}

/** Stop the extension's service worker, as Chromium does after 30 s without events: the next page wakes it. */
async function stopWorker(browserSession: CDPSession): Promise<void> {
  const { targetInfos } = await browserSession.send('Target.getTargets');
  for (const t of targetInfos) {
    if (t.type === 'service_worker' && t.url.startsWith('chrome-extension://')) await browserSession.send('Target.closeTarget', { targetId: t.targetId }).catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 200));
}

/** Run the benchmark and print it; returns the rows for scripts/bench.ts. */
export async function main(rounds = ROUNDS): Promise<PageLoadRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'heed-page-load-'));
  const pages = [
    { name: 'demo news article', host: 'news.test', path: '/' },
    { name: 'generated, 1,000 elements', host: 'small.test', path: '/' },
    { name: 'generated, 20,000 elements', host: 'large.test', path: '/' },
  ];
  cpSync(resolve(import.meta.dirname, '../demo/sites/news.test'), join(root, 'news.test'), { recursive: true });
  for (const [host, n] of [['small.test', 1000], ['large.test', 20_000]] as const) {
    mkdirSync(join(root, host));
    writeFileSync(join(root, host, 'index.html'), generatePage(n, 'typical'));
  }
  const floorDir = join(root, 'floor-extension');
  writeFloorExtension(floorDir);
  const server = await startSiteServer(root);
  // A DevTools port, so a browser-level session can trace every process (the worker's too). It
  // is connected only while tracing: a second DevTools client instruments every request.
  const port = 9200 + Math.floor(Math.random() * 700);
  const heed = await launchHeed({ extraArgs: [`--remote-debugging-port=${port}`] });
  // Stopping the worker goes through a blank tab's own session.
  const control = await heed.context.newPage();
  const session = await heed.context.newCDPSession(control);
  const launch = (args: string[]) => chromium.launchPersistentContext('', { executablePath: findChromium(), headless: true, args: ['--headless=new', ...CHROMIUM_ARGS, ...args] });
  const plain = await launch([]);
  const floor = await launch([`--disable-extensions-except=${floorDir}`, `--load-extension=${floorDir}`]);
  // Waking any worker has a cost of its own (its process and thread start): the floor's worker,
  // stopped before a load, says what waking costs with no script of Heed's.
  const floorSession = await floor.newCDPSession(await floor.newPage());
  const rows: PageLoadRow[] = [];
  try {
    for (const { name, host, path } of pages) {
      const url = `${server.origin(host)}${path}`;
      // One warm-up load each (HTTP cache, code caches), then alternate so drift hits all alike.
      for (const context of [heed.context, floor, plain]) await loadOnce(context, url);
      const loads: Record<Variant | 'plain', Load[]> = { heed: [], woken: [], floor: [], floorWoken: [], plain: [] };
      for (let i = 0; i < rounds; i++) {
        loads.heed.push(await loadOnce(heed.context, url));
        loads.plain.push(await loadOnce(plain, url));
        await stopWorker(session);
        loads.woken.push(await loadOnce(heed.context, url));
        loads.floor.push(await loadOnce(floor, url));
        await stopWorker(floorSession);
        loads.floorWoken.push(await loadOnce(floor, url));
      }
      console.log(`${name} (${rounds} loads each, medians; difference against Chromium without any extension, noise = IQR of the loads without):`);
      for (const metric of ['loadMs', 'taskMs', 'paintMs', 'scriptMs'] as const) {
        const p = median(loads.plain.map((l) => l[metric]));
        const noise = iqr(loads.plain.map((l) => l[metric]));
        const label = { loadMs: 'load event', taskMs: 'main-thread tasks', paintMs: 'first paint', scriptMs: 'script' }[metric];
        const cells: string[] = [];
        for (const variant of Object.keys(VARIANTS) as Variant[]) {
          const h = median(loads[variant].map((l) => l[metric]));
          const withinNoise = Math.abs(h - p) <= noise;
          rows.push({ page: name, variant, metric, heed: h, plain: p, noise, withinNoise });
          cells.push(`${VARIANTS[variant]} ${h.toFixed(1)} (${h - p >= 0 ? '+' : ''}${(h - p).toFixed(1)}${withinNoise ? ', within noise' : ', NOT within noise'})`);
        }
        console.log(`  ${label.padEnd(18)} without ${p.toFixed(1)} ms, noise ${noise.toFixed(1)} ms | ${cells.join(' | ')}`);
      }
      const traced = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      try {
        const tracing = await traced.newBrowserCDPSession();
        const costs: HeedTraceCost[] = [];
        for (let i = 0; i < TRACED; i++) costs.push(await traceLoad(tracing, heed.context, url));
        printTrace('worker running', costs);
        const woken: HeedTraceCost[] = [];
        for (let i = 0; i < TRACED; i++) {
          await stopWorker(session);
          woken.push(await traceLoad(tracing, heed.context, url));
        }
        printTrace('worker woken for the page', woken);
      } finally {
        await traced.close().catch(() => undefined);
      }
    }
  } finally {
    await heed.context.close();
    await plain.close();
    await floor.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
