/**
 * Library scroll benchmark (issue 7): frame times while scrolling the library's windowed grid
 * over 100,000 stored items in headless Chromium (requestAnimationFrame deltas), against a plain,
 * non-virtualised grid of 2,000 of the same cards measured in the same browser and run.
 * Run: npx tsx scripts/bench-library-scroll.ts [items]   (needs `npm run build` first)
 */
import type { Page } from '@playwright/test';
import { launchHeed } from '../tests/e2e/harness/browser';
import { libraryCount, openLibrary } from '../tests/e2e/harness/library-page';
import { seedLibrary } from '../tests/e2e/harness/library-seed';

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Share of frames longer than 1.5 × 60 Hz (a visibly dropped frame). */
  slowShare: number;
}

export interface LibraryScrollResult {
  items: number;
  seedMs: number;
  firstPaintMs: number;
  maxRenderedRows: number;
  virtual: Record<string, FrameStats>;
  plain: Record<string, FrameStats>;
  ratioP50: number;
  ratioP95: number;
}

/** Scroll speeds, in px per frame: a steady read-along scroll and a fast fling. */
const SPEEDS = { steady: { px: 60, frames: 300 }, fast: { px: 400, frames: 200 } } as const;

function stats(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { frames: deltas.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(at(1)), slowShare: round((100 * deltas.filter((d) => d > 25).length) / Math.max(1, deltas.length)) / 100 };
}

/** Scroll `selector` by `px` every animation frame for `frames` frames; returns the frame deltas (ms) and the most rows seen rendered. */
async function scrollFrames(page: Page, selector: string, px: number, frames: number): Promise<{ deltas: number[]; maxRows: number }> {
  return page.evaluate(
    ({ selector, px, frames }) =>
      new Promise<{ deltas: number[]; maxRows: number }>((resolve) => {
        const el = document.querySelector(selector)!;
        el.scrollTop = 0;
        const deltas: number[] = [];
        let last = 0;
        let maxRows = 0;
        const tick = (now: number) => {
          if (last) deltas.push(now - last);
          last = now;
          maxRows = Math.max(maxRows, el.querySelectorAll('[role="row"]').length);
          if (deltas.length >= frames) return resolve({ deltas, maxRows });
          el.scrollBy(0, px);
          requestAnimationFrame(tick);
        };
        // Let the first frame after a layout settle before timing.
        requestAnimationFrame(() => requestAnimationFrame(tick));
      }),
    { selector, px, frames },
  );
}

/** A plain grid of `n` cards with the library's own markup and styles, every card in the DOM. */
async function mountPlainGrid(page: Page, n: number): Promise<void> {
  await page.evaluate(async (n) => {
    const pictures: string[] = [];
    for (let p = 0; p < 16; p++) {
      const canvas = new OffscreenCanvas(160, 120);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = `hsl(${p * 22}, 60%, 50%)`;
      ctx.fillRect(0, 0, 160, 120);
      pictures.push(URL.createObjectURL(await canvas.convertToBlob()));
    }
    const host = document.createElement('div');
    host.id = 'plain-baseline';
    host.style.cssText = 'position:fixed;inset:0;overflow-y:auto;background:var(--bg);z-index:100;padding:12px;display:grid;grid-template-columns:repeat(5,minmax(0,1fr));grid-auto-rows:236px;gap:12px';
    const html: string[] = [];
    for (let i = 0; i < n; i++) {
      html.push(
        `<div class="card" style="height:100%"><div class="card__thumb"><img src="${pictures[i % 16]}" alt="" decoding="async"></div><div class="card__text"><span class="card__label">Photo ${i}</span><span class="card__site">museum.example</span><span class="card__meta"><span class="badge">CC-BY-4.0</span><span class="card__date">Dec 30, 2025</span></span></div></div>`,
      );
    }
    host.innerHTML = html.join('');
    document.body.append(host);
    await new Promise((r) => setTimeout(r, 500));
  }, n);
}

/** Run the benchmark and print it; returns the figures for scripts/bench.ts. */
export async function main(items = 100_000): Promise<LibraryScrollResult> {
  const heed = await launchHeed();
  try {
    let page = await openLibrary(heed);
    const seed = await seedLibrary(page, { count: items, withBlobs: 2000 });
    await page.close();
    page = await heed.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    // tsx names inner functions with a `__name` helper that the page lacks; give it a no-op one.
    await page.addInitScript('globalThis.__name = (f) => f');
    const t0 = performance.now();
    await page.goto(`chrome-extension://${heed.extensionId}/options.html`);
    if ((await libraryCount(page)) !== items) throw new Error('library did not show every seeded item');
    const firstPaintMs = Math.round(performance.now() - t0);
    // Measure once the background facet pass is over, as a user scrolling after a few seconds would.
    await page.getByTestId('filter-licence').waitFor({ state: 'visible' });
    await page.waitForFunction(() => !document.querySelector('.filters__progress'), null, { timeout: 120_000 });

    const virtual: Record<string, FrameStats> = {};
    let maxRenderedRows = 0;
    for (const [name, { px, frames }] of Object.entries(SPEEDS)) {
      const run = await scrollFrames(page, '[data-testid="library-grid"]', px, frames);
      virtual[name] = stats(run.deltas);
      maxRenderedRows = Math.max(maxRenderedRows, run.maxRows);
    }
    await mountPlainGrid(page, 2000);
    const plain: Record<string, FrameStats> = {};
    for (const [name, { px, frames }] of Object.entries(SPEEDS)) plain[name] = stats((await scrollFrames(page, '#plain-baseline', px, frames)).deltas);

    const all = (r: Record<string, FrameStats>, k: 'p50' | 'p95') => Math.max(...Object.values(r).map((s) => s[k]));
    const result: LibraryScrollResult = {
      items,
      seedMs: seed.ms,
      firstPaintMs,
      maxRenderedRows,
      virtual,
      plain,
      ratioP50: Math.round((all(virtual, 'p50') / all(plain, 'p50')) * 100) / 100,
      ratioP95: Math.round((all(virtual, 'p95') / all(plain, 'p95')) * 100) / 100,
    };
    console.log(`  seeded ${items.toLocaleString('en')} items in ${seed.ms} ms; first paint of the library ${firstPaintMs} ms; at most ${maxRenderedRows} grid rows in the DOM`);
    for (const [name, { px }] of Object.entries(SPEEDS)) {
      const v = virtual[name]!;
      const p = plain[name]!;
      console.log(`  ${name} (${px} px/frame): windowed 100k p50 ${v.p50} ms, p95 ${v.p95} ms, max ${v.max} ms, slow ${(v.slowShare * 100).toFixed(1)}% | plain 2k p50 ${p.p50} ms, p95 ${p.p95} ms, max ${p.max} ms, slow ${(p.slowShare * 100).toFixed(1)}%`);
    }
    console.log(`  ratio windowed-100k / plain-2k: p50 ×${result.ratioP50}, p95 ×${result.ratioP95}`);
    return result;
  } finally {
    await heed.context.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(Number(process.argv[2] ?? 100_000)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
