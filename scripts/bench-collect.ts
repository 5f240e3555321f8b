/**
 * Collect benchmark (issue 6): Heed collecting N images from the local server, against a plain
 * concurrent fetch of the same URLs with the same per-origin concurrency, in the same browser
 * and the same run; plus the service worker's peak JS heap during the collect.
 * Run: npx tsx scripts/bench-collect.ts [N]   (needs `npm run build` first)
 */
import { resolve } from 'node:path';
import { launchHeed } from '../tests/e2e/harness/browser';
import { openSiteWithPopup } from '../tests/e2e/harness/popup-page';
import { startSiteServer } from '../tests/e2e/harness/server';

export interface CollectBenchResult {
  images: number;
  heedMs: number;
  plainFetchMs: number;
  ratio: number;
  peakWorkerHeapMb: number | null;
}

/** Run the benchmark and print it; returns the figures for scripts/bench.ts. */
export async function main(n = 500): Promise<CollectBenchResult> {
  const sites = await startSiteServer(resolve(import.meta.dirname, '../tests/e2e/sites'));
  const heed = await launchHeed();
  try {
    const { popup } = await openSiteWithPopup(heed, `${sites.origin('many.test')}/?n=${n}`);
    let peak: number | null = null;
    const sample = async () => {
      const used = await heed.context.serviceWorkers()[0]?.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null).catch(() => null);
      if (typeof used === 'number') peak = Math.max(peak ?? 0, used);
    };
    const sampler = setInterval(() => void sample(), 100);
    const t0 = performance.now();
    const verdicts = await popup.collect();
    const heedMs = performance.now() - t0;
    clearInterval(sampler);
    if (verdicts.length !== n) throw new Error(`expected ${n} verdicts, got ${verdicts.length}`);

    // Baseline: the same URLs fetched and read in full from an extension page, 2 at a time per origin.
    const urls = verdicts.map((v) => v.url);
    const plainFetchMs = await popup.page.evaluate(async (list) => {
      const start = performance.now();
      let next = 0;
      // Anonymous functions only: tsx names `const f = () => …`, and the page has no __name helper.
      await Promise.all(
        [0, 1].map(async () => {
          while (next < list.length) {
            const res = await fetch(list[next++]!, { credentials: 'omit', cache: 'no-store' });
            await res.arrayBuffer();
          }
        }),
      );
      return performance.now() - start;
    }, urls);
    const result = { images: n, heedMs, plainFetchMs, ratio: heedMs / plainFetchMs, peakWorkerHeapMb: peak === null ? null : peak / 1048576 };
    console.log(`collect of ${n} images (all on one origin, 2 at a time, 25 ms server latency each)`);
    console.log(`  Heed collect:         ${heedMs.toFixed(0)} ms`);
    console.log(`  plain concurrent fetch: ${plainFetchMs.toFixed(0)} ms`);
    console.log(`  ratio Heed / plain:   ${result.ratio.toFixed(2)}×   (goal ≤ 1.5×)`);
    console.log(`  peak worker JS heap:  ${result.peakWorkerHeapMb === null ? 'n/a (this Chromium exposes no performance.memory to service workers)' : `${result.peakWorkerHeapMb.toFixed(1)} MB`}`);
    return result;
  } finally {
    await heed.context.close();
    await sites.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(Number(process.argv[2] ?? 500)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
