/**
 * Page-load benchmark (issue 5): what the always-on content script costs the pages a user
 * browses. The same pages are loaded alternately in Chromium with Heed and in Chromium without
 * any extension (same flags, same run), and compared on the load event and on the page's
 * main-thread time (CDP Performance metrics: TaskDuration, ScriptDuration, which include the
 * content script's run at document_idle). "Within noise" means the medians differ by less than
 * the interquartile range of the runs without the extension.
 * Run: npx tsx scripts/bench-page-load.ts   (needs `npm run build` first)
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from '@playwright/test';
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
function printTrace(costs: HeedTraceCost[]): void {
  const m = (f: (c: HeedTraceCost) => number) => median(costs.map(f)).toFixed(1);
  console.log(`  trace, Heed's work during a load (medians of ${costs.length} traced loads; before the load event / in the ${300} ms after):`);
  console.log(`    content script on the page's main thread  ${m((c) => c.contentScript.before)} / ${m((c) => c.contentScript.after)} ms`);
  console.log(`    webRequest proxy in the browser process   ${m((c) => c.requestProxy.before)} / ${m((c) => c.requestProxy.after)} ms (${m((c) => c.requestProxy.requests)} requests routed through it)`);
  console.log(`    extension API calls in the browser        ${m((c) => c.apiCalls.before)} / ${m((c) => c.apiCalls.after)} ms (${m((c) => c.apiCalls.calls)} calls)`);
  console.log(`    Heed's worker (its own thread)            ${m((c) => c.worker.before)} / ${m((c) => c.worker.after)} ms`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function iqr(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length * 3) / 4)]! - s[Math.floor(s.length / 4)]!;
}

export interface PageLoadRow {
  page: string;
  metric: keyof Load;
  heed: number;
  plain: number;
  noise: number;
  withinNoise: boolean;
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
  const server = await startSiteServer(root);
  // A DevTools port, so a browser-level session can trace every process (the worker's too).
  const port = 9200 + Math.floor(Math.random() * 700);
  const heed = await launchHeed({ extraArgs: [`--remote-debugging-port=${port}`] });
  const traced = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const tracing = await traced.newBrowserCDPSession();
  const plain = await chromium.launchPersistentContext('', { executablePath: findChromium(), headless: true, args: ['--headless=new', ...CHROMIUM_ARGS] });
  const rows: PageLoadRow[] = [];
  try {
    for (const { name, host, path } of pages) {
      const url = `${server.origin(host)}${path}`;
      // One warm-up load each (HTTP cache, code caches), then alternate so drift hits both.
      await loadOnce(heed.context, url);
      await loadOnce(plain, url);
      const withHeed: Load[] = [];
      const without: Load[] = [];
      for (let i = 0; i < rounds; i++) {
        withHeed.push(await loadOnce(heed.context, url));
        without.push(await loadOnce(plain, url));
      }
      console.log(`${name} (${rounds} loads each, medians):`);
      for (const metric of ['loadMs', 'taskMs', 'paintMs', 'scriptMs'] as const) {
        const h = median(withHeed.map((l) => l[metric]));
        const p = median(without.map((l) => l[metric]));
        const noise = iqr(without.map((l) => l[metric]));
        const withinNoise = Math.abs(h - p) <= noise;
        rows.push({ page: name, metric, heed: h, plain: p, noise, withinNoise });
        const label = { loadMs: 'load event', taskMs: 'main-thread tasks', paintMs: 'first paint', scriptMs: 'script' }[metric];
        console.log(
          `  ${label.padEnd(18)} with Heed ${h.toFixed(1).padStart(6)} ms, without ${p.toFixed(1).padStart(6)} ms: ` +
            `difference ${(h - p).toFixed(1)} ms, noise (IQR without) ${noise.toFixed(1)} ms: ${withinNoise ? 'within noise' : 'NOT within noise'}`,
        );
      }
      const costs: HeedTraceCost[] = [];
      for (let i = 0; i < TRACED; i++) costs.push(await traceLoad(tracing, heed.context, url));
      printTrace(costs);
    }
  } finally {
    await traced.close().catch(() => undefined);
    await heed.context.close();
    await plain.close();
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
