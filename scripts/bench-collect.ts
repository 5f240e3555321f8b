/**
 * Collect benchmark (issues 6, 17): Heed collecting N images from the local server, against a
 * plain concurrent fetch of the same URLs under the same politeness, in the same browser and
 * the same run; plus the service worker's peak JS heap during the collect. Two rows: every
 * image on one origin (2 at a time), and the images spread over 20 origins in runs of 25 (2 at
 * a time per origin, 6 at a time overall), where per-origin politeness and the global cap meet.
 * Run: npx tsx scripts/bench-collect.ts [N]   (needs `npm run build` first)
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchHeed, type HeedBrowser } from '../tests/e2e/harness/browser';
import { chooseSetting } from '../tests/e2e/harness/library-page';
import { openSiteWithPopup } from '../tests/e2e/harness/popup-page';
import { startSiteServer, type SiteServer } from '../tests/e2e/harness/server';

const ORIGINS = 20;
const PER_ORIGIN = 2;
const GLOBAL = 6;

export interface CollectBenchResult {
  row: string;
  images: number;
  heedMs: number;
  plainFetchMs: number;
  ratio: number;
  /** The plain fetch after each origin's signal files (robots.txt, tdmrep.json, ai.txt), read before its first image as Heed must. */
  withSignalFilesMs: number;
  peakWorkerHeapMb: number | null;
}

/** The fixture sites plus `spread.test`, whose page shows N images from 20 of its own subdomains, 25 in a row from each. */
export function sitesWithSpread(): string {
  const root = mkdtempSync(join(tmpdir(), 'heed-bench-collect-'));
  cpSync(resolve(import.meta.dirname, '../tests/e2e/sites'), root, { recursive: true });
  mkdirSync(join(root, 'spread.test'));
  writeFileSync(join(root, 'spread.test', '_site.json'), JSON.stringify({ text: ['/index.html'] }));
  writeFileSync(
    join(root, 'spread.test', 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spread</title>
<link rel="license" href="https://creativecommons.org/publicdomain/zero/1.0/"></head><body><div id="grid"></div><script>
const n = Number(new URLSearchParams(location.search).get('n') || 500);
for (let i = 0; i < n; i++) {
  const img = document.createElement('img');
  img.src = 'http://o' + (Math.floor(i / 25) % ${ORIGINS}) + '.spread.test:{{PORT}}/img/' + i + '.png?w=64&h=64';
  img.width = 64; img.height = 64; img.loading = 'lazy'; img.alt = 'image ' + i;
  document.getElementById('grid').append(img);
}
</script></body></html>`,
  );
  for (let k = 0; k < ORIGINS; k++) {
    mkdirSync(join(root, `o${k}.spread.test`));
    writeFileSync(join(root, `o${k}.spread.test`, '_site.json'), JSON.stringify({ delayMs: { '/img/': 25 } }));
  }
  return root;
}

/**
 * Time the collect in the popup itself, from the click on Collect to the first frame that shows
 * it done: the harness's own wait for "done" polls with growing intervals (up to 1 s), which
 * would add its latency to Heed's figure (the plain fetch below is timed in its page too).
 */
function timeCollectInPage(): void {
  // tsx names inner functions with a `__name` helper that the page lacks; give it a no-op one.
  (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
  const timed: { clickedAt: number | null; doneAt: number | null } = { clickedAt: null, doneAt: null };
  (globalThis as { heedCollectTimed?: unknown }).heedCollectTimed = timed;
  const progress = () => document.querySelector('[data-testid="collect-progress"]');
  const before = progress()?.getAttribute('data-job-id') ?? '';
  document.addEventListener('click', (e) => {
    if ((e.target as Element | null)?.closest?.('[data-testid="collect-page"]') && timed.clickedAt === null) timed.clickedAt = performance.now();
  }, true);
  const check = () => {
    const el = progress();
    if (timed.clickedAt === null || timed.doneAt !== null || !el) return;
    if ((el.getAttribute('data-job-id') ?? '') !== before && /^(done|error)$/.test(el.getAttribute('data-state') ?? '')) timed.doneAt = performance.now();
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-job-id'] });
}

async function collectRow(heed: HeedBrowser, sites: SiteServer, row: string, url: string, n: number): Promise<CollectBenchResult> {
  const { popup, page } = await openSiteWithPopup(heed, url);
  // The page's own images first: its lazy ones load after its load event, and the plain fetch
  // below runs on a settled page, so the collect must too (the page's 500 loads took the
  // machine's two cores from the collect's first seconds, in the same socket pools' host).
  await page.waitForLoadState('networkidle');
  let peak: number | null = null;
  const sample = async () => {
    const used = await heed.context.serviceWorkers()[0]?.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null).catch(() => null);
    if (typeof used === 'number') peak = Math.max(peak ?? 0, used);
  };
  const sampler = setInterval(() => void sample(), 100);
  await popup.page.evaluate(timeCollectInPage);
  const verdicts = await popup.collect();
  clearInterval(sampler);
  const heedMs = await popup.page.evaluate(() => {
    const timed = (globalThis as { heedCollectTimed?: { clickedAt: number | null; doneAt: number | null } }).heedCollectTimed;
    if (!timed?.clickedAt || !timed.doneAt) throw new Error('the collect was not timed in the popup');
    return timed.doneAt - timed.clickedAt;
  });
  if (verdicts.length !== n) throw new Error(`${row}: expected ${n} verdicts, got ${verdicts.length}`);
  const permitted = verdicts.filter((v) => v.decision === 'permitted').length;
  if (permitted !== n) throw new Error(`${row}: expected every image permitted (fetched and kept), got ${permitted}`);

  // Baseline: the same URLs fetched and read in full from an extension page, at most 2 at a time
  // per origin and 6 overall, each free slot taking the first URL whose origin has room.
  const urls = verdicts.map((v) => v.url);
  const baseline = (withSignalFiles: boolean) =>
    popup.page.evaluate(
      async ({ list, perOrigin, global, files }) => {
        // tsx names inner functions with a `__name` helper that the page lacks; give it a no-op one.
        (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
        const read = (url: string) => fetch(url, { credentials: 'omit', cache: 'no-store' }).then((res) => res.arrayBuffer());
        const start = performance.now();
        const pending = [...list];
        const inFlight = new Map<string, number>();
        // With `files`: an origin's images wait until its signal files are read (all origins' at once).
        const ready = new Set<string>(files ? [] : pending.map((u) => new URL(u).origin));
        await new Promise<void>((done) => {
          let running = 0;
          const pump = function (): void {
            if (pending.length === 0 && running === 0) return done();
            for (let i = 0; i < pending.length && running < global; ) {
              const url = pending[i]!;
              const origin = new URL(url).origin;
              if (!ready.has(origin) || (inFlight.get(origin) ?? 0) >= perOrigin) {
                i++;
                continue;
              }
              pending.splice(i, 1);
              running++;
              inFlight.set(origin, (inFlight.get(origin) ?? 0) + 1);
              void read(url).finally(() => {
                running--;
                inFlight.set(origin, inFlight.get(origin)! - 1);
                pump();
              });
            }
          };
          if (files) {
            for (const origin of new Set(pending.map((u) => new URL(u).origin))) {
              void Promise.allSettled(files.map((f) => read(origin + f))).then(() => {
                ready.add(origin);
                pump();
              });
            }
          }
          pump();
        });
        return performance.now() - start;
      },
      { list: urls, perOrigin: PER_ORIGIN, global: GLOBAL, files: withSignalFiles ? ['/robots.txt', '/.well-known/tdmrep.json', '/ai.txt'] : null },
    );
  const plainFetchMs = await baseline(false);
  const withSignalFilesMs = await baseline(true);
  await popup.page.close();
  await page.close();
  void sites;
  return { row, images: n, heedMs, plainFetchMs, ratio: heedMs / plainFetchMs, withSignalFilesMs, peakWorkerHeapMb: peak === null ? null : peak / 1048576 };
}

/** The people setting, through the library's settings as a user sets it. */
const setPeople = (heed: HeedBrowser, value: 'off') => chooseSetting(heed, 'setting-people', value);

/** Run the benchmark and print it; returns the figures for scripts/bench.ts. */
export async function main(n = 500): Promise<CollectBenchResult[]> {
  const root = sitesWithSpread();
  const sites = await startSiteServer(root);
  const heed = await launchHeed();
  try {
    const rows = [
      await collectRow(heed, sites, 'one origin', `${sites.origin('many.test')}/?n=${n}`, n),
      await collectRow(heed, sites, `${ORIGINS} origins`, `${sites.origin('spread.test')}/?n=${n}`, n),
    ];
    // The floor under the default people check (AI training: refuse): the face detector runs in
    // the people workers (one per core beside the worker's, at most two), each one image at a
    // time, so a collect cannot go faster than they do; with people=off the same collects show
    // what the rest of Heed costs.
    // A fresh profile: the same images again would be duplicates of the ones just stored.
    const off = await launchHeed();
    try {
      await setPeople(off, 'off');
      rows.push(
        await collectRow(off, sites, 'one origin, people=off', `${sites.origin('many.test')}/?n=${n}`, n),
        await collectRow(off, sites, `${ORIGINS} origins, people=off`, `${sites.origin('spread.test')}/?n=${n}`, n),
      );
    } finally {
      await off.context.close();
    }
    for (const r of rows) {
      const how = r.row.startsWith('one origin') ? `all on one origin, ${PER_ORIGIN} at a time` : `${ORIGINS} origins, 25 in a row from each, ${PER_ORIGIN} at a time per origin and ${GLOBAL} overall`;
      console.log(`collect of ${n} images (${how}, 25 ms server latency each)${r.row.endsWith('people=off') ? ', people=off (the floor without the face detector)' : ', people check on (the default)'}`);
      console.log(`  Heed collect:           ${r.heedMs.toFixed(0)} ms`);
      console.log(`  plain concurrent fetch: ${r.plainFetchMs.toFixed(0)} ms (same politeness)`);
      console.log(`  ratio Heed / plain:     ${r.ratio.toFixed(2)}×   (goal ≤ 1.05×: ${r.ratio <= 1.05 ? 'met' : 'not met'})`);
      console.log(`  floor: the same fetch, each origin's robots.txt, tdmrep.json and ai.txt read first (as Heed must): ${r.withSignalFilesMs.toFixed(0)} ms = ${(r.withSignalFilesMs / r.plainFetchMs).toFixed(2)}× plain; Heed / floor ${(r.heedMs / r.withSignalFilesMs).toFixed(2)}×`);
      console.log(`  peak worker JS heap:    ${r.peakWorkerHeapMb === null ? 'n/a (this Chromium exposes no performance.memory to service workers)' : `${r.peakWorkerHeapMb.toFixed(1)} MB`}`);
    }
    return rows;
  } finally {
    await heed.context.close();
    await sites.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(Number(process.argv[2] ?? 500)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
