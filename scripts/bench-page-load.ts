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
    const loadMs = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? nav.loadEventEnd - nav.startTime : 0;
    });
    return { loadMs, taskMs: metric('TaskDuration'), scriptMs: metric('ScriptDuration') };
  } finally {
    await page.close();
  }
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
  const heed = await launchHeed();
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
      for (const metric of ['loadMs', 'taskMs', 'scriptMs'] as const) {
        const h = median(withHeed.map((l) => l[metric]));
        const p = median(without.map((l) => l[metric]));
        const noise = iqr(without.map((l) => l[metric]));
        const withinNoise = Math.abs(h - p) <= noise;
        rows.push({ page: name, metric, heed: h, plain: p, noise, withinNoise });
        const label = { loadMs: 'load event', taskMs: 'main-thread tasks', scriptMs: 'script' }[metric];
        console.log(
          `  ${label.padEnd(18)} with Heed ${h.toFixed(1).padStart(6)} ms, without ${p.toFixed(1).padStart(6)} ms: ` +
            `difference ${(h - p).toFixed(1)} ms, noise (IQR without) ${noise.toFixed(1)} ms: ${withinNoise ? 'within noise' : 'NOT within noise'}`,
        );
      }
    }
  } finally {
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
