/**
 * People benchmark (issue 15): face detection time per image (p50/p95) on the labelled photos
 * at their stored sizes (longer side ≤ 608 px, the detector's input), on tfjs WASM in Node (the
 * backend the worker uses); the same N-image collect with people=refuse against people=off in
 * the same run (goal ≤ 1.5×); and what the detector adds to the extension.
 * Run: npx tsx scripts/bench-people.ts [N]   (needs `npm run build` first; `--detection-only`: the
 * detector's timings alone, no build needed)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import jpeg from 'jpeg-js';
import { launchHeed, type HeedBrowser } from '../tests/e2e/harness/browser';
import { chooseSetting } from '../tests/e2e/harness/library-page';
import { openSiteWithPopup } from '../tests/e2e/harness/popup-page';
import { startSiteServer } from '../tests/e2e/harness/server';
import { loadDetectorModule, nodeDetectorAssets } from '../tests/unit/people/node-face-api';
import { detectionPlan } from '../utils/people/detection-plan';
import type { Pixels } from '../utils/people/face-detector';
import { contextFitsTurnedCell, turnedViews } from '../utils/people/orientation';
import { originalConcat, type ConcatKernelFunc } from '../utils/people/fast-concat';
import { detectInPasses } from '../utils/people/tiled-detection';

const ROOT = resolve(import.meta.dirname, '..');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function detectionTimes(): Promise<void> {
  const mod = await loadDetectorModule();
  const detector = await mod.createFaceDetector(nodeDetectorAssets());
  const dir = resolve(ROOT, 'tests/fixtures/people');
  const times: number[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.jpg'));
  for (const [i, file] of files.entries()) {
    const { width, height, data } = jpeg.decode(readFileSync(resolve(dir, file)), { useTArray: true });
    const t0 = performance.now();
    await detector.detect({ data, width, height }, 1);
    if (i > 0) times.push(performance.now() - t0); // the first call includes the backend's warm-up
  }
  times.sort((a, b) => a - b);
  console.log(`face detection, ${mod.DETECTOR_NAME}, tfjs ${detector.backend}, ${times.length} photos of 300–608 px`);
  console.log(`  p50 ${percentile(times, 50).toFixed(0)} ms   p95 ${percentile(times, 95).toFixed(0)} ms   (max ${times.at(-1)!.toFixed(0)} ms)`);
  // The same passes on tfjs-backend-wasm's own Concat kernel (utils/people/fast-concat.ts), photo
  // by photo alternating with Heed's, in this run.
  const tf = ((await import('@vladmandic/face-api/dist/face-api.esm.js')) as unknown as { tf: { getKernel(n: string, b: string): { kernelFunc: ConcatKernelFunc } | undefined; unregisterKernel(n: string, b: string): void; registerKernel(k: object): void } }).tf;
  const heedConcat = tf.getKernel('Concat', 'wasm');
  const ownConcat = heedConcat ? originalConcat(heedConcat.kernelFunc) : null;
  if (heedConcat && ownConcat) {
    const use = (kernelFunc: ConcatKernelFunc) => {
      tf.unregisterKernel('Concat', 'wasm');
      tf.registerKernel({ ...heedConcat, kernelFunc });
    };
    let heedMs = 0;
    let ownMs = 0;
    for (const file of files.slice(1)) {
      const { width, height, data } = jpeg.decode(readFileSync(resolve(dir, file)), { useTArray: true });
      for (const [kernel, add] of [[ownConcat, (ms: number) => (ownMs += ms)], [heedConcat.kernelFunc, (ms: number) => (heedMs += ms)]] as const) {
        use(kernel);
        const t0 = performance.now();
        await detector.detect({ data, width, height }, 1);
        add(performance.now() - t0);
      }
    }
    use(heedConcat.kernelFunc);
    console.log(`  one pass per photo with tfjs's own Concat kernel: ${(ownMs / (files.length - 1)).toFixed(0)} ms, with Heed's: ${(heedMs / (files.length - 1)).toFixed(0)} ms (${(ownMs / heedMs).toFixed(2)}× faster)`);
  }
  // Turned views (utils/people/orientation.ts): the passes the worker runs on each photo (plan
  // levels and the context pass) with and without the one pass of the photo turned 90/180/270,
  // alternating per photo in the same run; also on 64 px thumbnails (a collect of small images).
  for (const thumb of [false, true]) {
    let without = 0;
    let withTurned = 0;
    for (const file of files) {
      const decoded = jpeg.decode(readFileSync(resolve(dir, file)), { useTArray: true });
      const full: Pixels = { data: decoded.data, width: decoded.width, height: decoded.height };
      const img = thumb ? nearest(full, 64, Math.max(1, Math.round((64 * full.height) / full.width))) : full;
      const plan = detectionPlan(img.width, img.height, 32, 608);
      if (!plan.ok) throw new Error(plan.why);
      const t0 = performance.now();
      await detectInPasses([...plan.levels, plan.context], (l) => onMargin(img, l), detector);
      const t1 = performance.now();
      // As the worker runs them: a thumbnail's context pass is the turned views' fourth cell.
      const upright = contextFitsTurnedCell(plan.context, img.width, img.height);
      const views = turnedViews(img.width, img.height, { upright });
      const canvas = { scale: 1, width: views.side, height: views.side, pad: 0, tiles: [{ x: 0, y: 0, width: views.side, height: views.side }] };
      await detectInPasses(upright ? plan.levels : [...plan.levels, plan.context], (l) => onMargin(img, l), detector);
      await detectInPasses([canvas], () => onMargin(img, { width: views.side - 2 * views.pad, height: views.side - 2 * views.pad, pad: views.pad }), detector);
      const t2 = performance.now();
      without += t1 - t0;
      withTurned += t2 - t1;
    }
    console.log(`  ${thumb ? '64 px thumbnails' : 'photos of 300–608 px'}: ${(without / files.length).toFixed(0)} ms per photo without turned views, ${(withTurned / files.length).toFixed(0)} ms with: ${(withTurned / without).toFixed(2)}×`);
  }
  // A large photo is read in tiles (utils/people/detection-plan.ts): its cost against one pass of
  // the same photo fitted to the input, which missed its small faces. Levels drawn as the worker
  // draws them are not measured here (a canvas copy), only the detector's passes.
  const crowd = jpeg.decode(readFileSync(resolve(ROOT, 'tests/e2e/sites/people.test/crowd.jpg')), { useTArray: true });
  const big: Pixels = { data: crowd.data, width: crowd.width, height: crowd.height };
  const plan = detectionPlan(big.width, big.height, 32, 608);
  if (!plan.ok) throw new Error(plan.why);
  const levels = new Map(plan.levels.map((l) => [l, l.scale === 1 ? big : nearest(big, l.width, l.height)]));
  const t1 = performance.now();
  const faces = await detectInPasses(plan.levels, (l) => levels.get(l)!, detector);
  const tiled = performance.now() - t1;
  const fitted = nearest(big, plan.levels.at(-1)!.width, plan.levels.at(-1)!.height);
  const t2 = performance.now();
  const fittedFaces = await detector.detect(fitted, big.width / fitted.width);
  const one = performance.now() - t2;
  const seen = (f: { width: number; height: number }[]) => f.filter((b) => Math.min(b.width, b.height) >= 32).length;
  console.log(
    `  a ${big.width}×${big.height} photo (faces of 40–72 px): ${plan.passes} tiled passes ${tiled.toFixed(0)} ms, ${seen(faces)} faces ≥ 32 px; ` +
      `one pass fitted to 608 px ${one.toFixed(0)} ms, ${seen(fittedFaces)} faces (the floor that misses them): ${(tiled / one).toFixed(1)}×`,
  );
}

/** `src` at a level's size on its grey margin, nearest pixel (what the detector is shown costs the same whatever it shows). */
function onMargin(src: Pixels, l: { width: number; height: number; pad: number }): Pixels {
  const inner = nearest(src, l.width, l.height);
  const width = l.width + 2 * l.pad;
  const height = l.height + 2 * l.pad;
  const data = new Uint8ClampedArray(width * height * 4).fill(128);
  for (let i = 3; i < data.length; i += 4) data[i] = 255; // an opaque margin, as the worker draws it
  for (let y = 0; y < l.height; y++) data.set(inner.data.subarray(y * l.width * 4, (y + 1) * l.width * 4), ((y + l.pad) * width + l.pad) * 4);
  return { data, width, height };
}

/** `src` at width × height, nearest pixel (enough to time the passes). */
function nearest(src: Pixels, width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.floor((y * src.height) / height);
    for (let x = 0; x < width; x++) {
      const from = (sy * src.width + Math.floor((x * src.width) / width)) * 4;
      data.set(src.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

/** The people setting, through the library's settings as a user sets it. */
const setPeople = (heed: HeedBrowser, value: 'refuse' | 'off') => chooseSetting(heed, 'setting-people', value);

async function collectMs(n: number, people: 'refuse' | 'off', siteRoot: string): Promise<number> {
  const sites = await startSiteServer(siteRoot);
  const heed = await launchHeed();
  try {
    await setPeople(heed, people);
    const { popup } = await openSiteWithPopup(heed, `${sites.origin('many.test')}/?n=${n}`);
    const t0 = performance.now();
    await popup.page.getByTestId('collect-page').click();
    // Not popup.collect(): its 45 s wait is for test pages, a 500-image collect can take longer here.
    await popup.page.locator('[data-testid="collect-progress"][data-state="done"]').waitFor({ timeout: 900_000 });
    const ms = performance.now() - t0;
    const verdicts = await popup.verdicts();
    if (verdicts.length !== n) throw new Error(`expected ${n} verdicts, got ${verdicts.length}`);
    return ms;
  } finally {
    await heed.context.close();
    await sites.close();
  }
}

function sizeOf(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((sum, f) => sum + sizeOf(resolve(path, f)), 0) : s.size;
}

export async function main(n = 500): Promise<void> {
  await detectionTimes();
  if (process.argv.includes('--detection-only')) return;
  const siteRoot = resolve(ROOT, 'tests/e2e/sites');
  const off = await collectMs(n, 'off', siteRoot);
  const refuse = await collectMs(n, 'refuse', siteRoot);
  console.log(`collect of ${n} images (many.test), same run`);
  console.log(`  people=off:    ${off.toFixed(0)} ms`);
  console.log(`  people=refuse: ${refuse.toFixed(0)} ms`);
  console.log(`  ratio refuse / off: ${(refuse / off).toFixed(2)}×   (goal ≤ 1.5×)`);
  const out = resolve(ROOT, '.output/chrome-mv3');
  const people = sizeOf(resolve(out, 'people'));
  console.log(`extension: ${(sizeOf(out) / 1048576).toFixed(2)} MB in all; the detector's files (people/: model + tfjs .wasm) ${(people / 1048576).toFixed(2)} MB; background.js (the worker's script) ${(statSync(resolve(out, 'background.js')).size / 1024).toFixed(1)} KB, background-services.js (loaded on first use) ${(statSync(resolve(out, 'background-services.js')).size / 1048576).toFixed(2)} MB; people-worker.js (face-api with tfjs, run in the people workers a people check starts) ${(statSync(resolve(out, 'people-worker.js')).size / 1048576).toFixed(2)} MB`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 500)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
