import { describe, expect, it } from 'vitest';
import { DETECTABLE_FACE_PX, detectionPlan, distinctFaces, MAX_DETECTOR_PASSES, TILE_OVERLAP, type DetectionLevel } from '../../../utils/people/detection-plan';
import { cropPixels, detectInPasses } from '../../../utils/people/tiled-detection';

const ok = (p: ReturnType<typeof detectionPlan>) => {
  if (!p.ok) throw new Error(p.why);
  return p;
};

/** Whether a face box (level px) lies whole inside some tile of the level. */
const inSomeTile = (l: DetectionLevel, x: number, y: number, side: number) => l.tiles.some((t) => x >= t.x && y >= t.y && x + side <= t.x + t.width && y + side <= t.y + t.height);

describe('detectionPlan', () => {
  it('an image no larger than the input: one pass at its own size (never enlarged)', () => {
    expect(ok(detectionPlan(300, 200, 32, 608)).levels).toEqual([{ scale: 1, width: 300, height: 200, pad: 0, tiles: [{ x: 0, y: 0, width: 300, height: 200 }] }]);
    expect(ok(detectionPlan(608, 400, 32, 608)).passes).toBe(1);
  });

  it('a larger image: tiles at the scale where the smallest face counted is detectable, up to the whole image fitted to the input', () => {
    const plan = ok(detectionPlan(1800, 1200, 32, 608));
    expect(plan.levels.map((l) => [l.width, l.height])).toEqual([[1800, 1200], [900, 600], [608, 405]]);
    expect(plan.levels[0]!.tiles).toHaveLength(4 * 3);
    expect(plan.levels.at(-1)!.tiles).toEqual([{ x: 0, y: 0, width: 608, height: 405 }]);
    // Consecutive levels differ by at most 2×: a face too big for one level's overlap is at least half as big at the next.
    for (let i = 1; i < plan.levels.length; i++) expect(plan.levels[i]!.scale / plan.levels[i - 1]!.scale).toBeLessThanOrEqual(2.0001);
    // Tiles cover the level and stay inside it.
    for (const l of plan.levels) for (const t of l.tiles) expect(t.x + t.width <= l.width && t.y + t.height <= l.height).toBe(true);
  });

  it('a larger smallest face starts at a coarser scale (fewer passes)', () => {
    expect(ok(detectionPlan(1800, 1200, 32, 608)).passes).toBeGreaterThan(ok(detectionPlan(1800, 1200, 96, 608)).passes);
    // 96 px faces are detectable with the image at a third of its size: the whole image fitted to the input (2.96×) already is.
    expect(ok(detectionPlan(1800, 1200, 96, 608)).passes).toBe(1);
    expect(ok(detectionPlan(3600, 2400, 96, 608)).levels[0]!.scale).toBe(3);
  });

  it('every face of the smallest size counted or more is whole in some pass, at a size the detector sees, wherever it is', () => {
    // Exhaustive over positions and sizes on a grid: the guarantee the plan exists for.
    for (const [w, h, min] of [[1800, 1200, 32], [2000, 900, 48], [1300, 1300, 32], [3600, 2400, 96], [700, 500, 16], [300, 200, 20]] as [number, number, number][]) {
      const plan = ok(detectionPlan(w, h, min, 608));
      for (let side = min; side <= Math.min(w, h) / 2; side = Math.ceil(side * 1.37)) {
        for (let x = 0; x + side <= w; x += 37) {
          for (let y = 0; y + side <= h; y += 41) {
            const seen = plan.levels.some((l) => side / l.scale >= DETECTABLE_FACE_PX - 0.5 && inSomeTile(l, x / l.scale, y / l.scale, side / l.scale));
            if (!seen) throw new Error(`a ${side} px face at ${x},${y} of ${w}×${h} (min ${min}) is in no pass`);
          }
        }
      }
    }
    expect(TILE_OVERLAP).toBeGreaterThanOrEqual(2 * DETECTABLE_FACE_PX);
  });

  it('a setting below what the detector sees draws the image larger (up to 2×); below that it cannot be checked, and says so', () => {
    // 2× shows the detector faces of ~16–20 px it misses at their own size (measured on the labelled set).
    expect(ok(detectionPlan(300, 200, 16, 608)).levels).toEqual([{ scale: 0.5, width: 600, height: 400, pad: 0, tiles: [{ x: 0, y: 0, width: 600, height: 400 }] }]);
    expect(ok(detectionPlan(300, 200, 24, 608)).levels[0]).toMatchObject({ width: 400, height: 267 });
    const tooSmall = detectionPlan(300, 200, 15, 608);
    expect(tooSmall.ok).toBe(false);
    if (!tooSmall.ok) expect(tooSmall.why).toMatch(/set to 15 px.*cannot find faces smaller than 16 px.*set it to 16 px or more/);
  });

  it('a level that is one tile ends the pyramid: coarser levels would see nothing more', () => {
    // Enlarged 1.33× a 300 px image is still one tile: no second pass at its own size.
    expect(ok(detectionPlan(300, 200, 24, 608)).levels.map((l) => [l.width, l.height, l.tiles.length])).toEqual([[400, 267, 1]]);
    // A setting larger than the fitted image needs: the whole image fitted, once.
    expect(ok(detectionPlan(1000, 500, 64, 608)).levels.map((l) => [l.width, l.height, l.tiles.length])).toEqual([[608, 304, 1]]);
  });

  it('past the passes Heed runs, the image is not examined, and the reason says how to make it checkable', () => {
    const plan = detectionPlan(6000, 4000, 32, 608);
    expect(plan.ok).toBe(false);
    expect(plan.passes).toBeGreaterThan(MAX_DETECTOR_PASSES);
    if (!plan.ok) expect(plan.why).toMatch(new RegExp(`6000×4000 image takes \\d+ detector passes, more than the ${MAX_DETECTOR_PASSES} .*Smallest recognisable face`));
    expect(detectionPlan(6000, 4000, 400, 608).ok).toBe(true);
    expect(() => detectionPlan(0, 10, 32, 608)).toThrow();
  });
});

describe('detectionPlan: the context pass', () => {
  // TinyFaceDetector misses a face that fills most of its input: measured on the labelled faces
  // cropped as headshots (the face box grown by 30 % a side), at 450 px it found 3 of 10 and at
  // 600 px 1 of 10 — a close-up portrait was kept. Drawn 160 px on a grey margin, it is found
  // (face-detector.test.ts, with the real detector).
  it('every image is also looked at whole, its longer side at most 160 px, on a 40 px margin', () => {
    const plan = ok(detectionPlan(600, 450, 32, 608));
    expect(plan.context).toEqual({ scale: 600 / 160, width: 160, height: 120, pad: 40, tiles: [{ x: 0, y: 0, width: 240, height: 200 }] });
    const small = ok(detectionPlan(100, 60, 32, 608));
    expect(small.context).toEqual({ scale: 1, width: 100, height: 60, pad: 40, tiles: [{ x: 0, y: 0, width: 180, height: 140 }] });
    // The pyramid's levels have no margin; the context pass is not counted against the passes Heed runs.
    expect(plan.levels.every((l) => l.pad === 0)).toBe(true);
    expect(plan.passes).toBe(plan.levels.reduce((n, l) => n + l.tiles.length, 0));
  });

  // The pass costs its canvas's area: a thumbnail on an 80 px margin took a 224 px canvas for a
  // 64 px picture (a collect of 64 px images twice as long), and found fewer close-ups than this.
  it('a thumbnail (at most 96 px) is looked at on a margin a quarter of its side: a 64 px one on a 96 px canvas', () => {
    expect(ok(detectionPlan(64, 64, 32, 608)).context).toEqual({ scale: 1, width: 64, height: 64, pad: 16, tiles: [{ x: 0, y: 0, width: 96, height: 96 }] });
    expect(ok(detectionPlan(96, 40, 32, 608)).context).toMatchObject({ pad: 24, tiles: [{ width: 144, height: 88 }] });
    expect(ok(detectionPlan(97, 40, 32, 608)).context).toMatchObject({ pad: 40 });
  });

  it('a face found in the context pass is mapped back to the original image (margin taken off, scale applied)', async () => {
    const plan = ok(detectionPlan(600, 450, 32, 608));
    const faces = await detectInPasses([plan.context], (l) => ({ data: new Uint8ClampedArray((l.width + 2 * l.pad) * (l.height + 2 * l.pad) * 4).fill(255), width: l.width + 2 * l.pad, height: l.height + 2 * l.pad }), {
      detect: async () => [{ x: 90, y: 100, width: 100, height: 80 }],
    });
    expect(faces).toEqual([{ x: (90 - 40) * (600 / 160), y: (100 - 40) * (600 / 160), width: 100 * (600 / 160), height: 80 * (600 / 160) }]);
  });
});

describe('distinctFaces', () => {
  it('one face seen in two overlapping tiles and at two levels is one face; two faces side by side stay two', () => {
    const a = { x: 100, y: 100, width: 40, height: 40 };
    const sameA = [{ x: 102, y: 98, width: 38, height: 42 }, { x: 96, y: 96, width: 48, height: 48 }];
    const b = { x: 150, y: 100, width: 40, height: 40 };
    expect(distinctFaces([a, ...sameA, b])).toHaveLength(2);
    expect(distinctFaces([])).toEqual([]);
  });
});

describe('detectInPasses', () => {
  it('maps each tile’s boxes into the original image and crops each tile from its level', async () => {
    const plan = ok(detectionPlan(1200, 700, 32, 608));
    const seen: { width: number; height: number; first: number }[] = [];
    const level = (l: DetectionLevel) => {
      const data = new Uint8ClampedArray(l.width * l.height * 4);
      for (let i = 0; i < l.width * l.height; i++) {
        data[i * 4] = (i % l.width) % 256; // red = x mod 256
        data[i * 4 + 3] = 255; // opaque: one view per tile
      }
      return { data, width: l.width, height: l.height };
    };
    // A fake detector: one 40 px face at (10, 20) of every tile it is given.
    const faces = await detectInPasses(plan.levels, level, {
      detect: async (p) => {
        seen.push({ width: p.width, height: p.height, first: p.data[0]! });
        return [{ x: 10, y: 20, width: 40, height: 40 }];
      },
    });
    expect(seen).toHaveLength(plan.passes);
    const first = plan.levels[0]!;
    expect(seen.slice(0, first.tiles.length).map((s) => s.first)).toEqual(first.tiles.map((t) => t.x % 256));
    expect(faces.some((f) => f.x === (first.tiles[1]!.x + 10) * first.scale && f.y === 20 * first.scale)).toBe(true);
  });

  it('cropPixels copies the tile row by row, and the whole image is passed as it is', () => {
    const src = { data: new Uint8ClampedArray(4 * 3 * 4).map((_, i) => i), width: 4, height: 3 };
    expect(cropPixels(src, { x: 0, y: 0, width: 4, height: 3 })).toBe(src);
    expect(Array.from(cropPixels(src, { x: 1, y: 1, width: 2, height: 2 }).data)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 36, 37, 38, 39, 40, 41, 42, 43]);
  });
});

describe('detectInPasses: transparent pixels', () => {
  /** A 64×64 image: RGB (r, g, b) with alpha `alpha` inside the 32 px square at (16, 16), opaque grey elsewhere. */
  const hiding = (inside: [number, number, number, number]) => {
    const data = new Uint8ClampedArray(64 * 64 * 4);
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const i = (y * 64 + x) * 4;
        const within = x >= 16 && x < 48 && y >= 16 && y < 48;
        data.set(within ? inside : [128, 128, 128, 255], i);
      }
    }
    return { data, width: 64, height: 64 };
  };
  /** A fake detector that "sees a face" where a tile's centre pixel is near `rgb` (alpha ignored, as the real one reads RGB only). */
  const sees = (rgb: [number, number, number]) => ({
    detect: async (p: { data: Uint8ClampedArray | Uint8Array; width: number }) => {
      const i = (32 * p.width + 32) * 4;
      const near = [0, 1, 2].every((c) => Math.abs(p.data[i + c]! - rgb[c]!) <= 2);
      return near ? [{ x: 16, y: 16, width: 32, height: 32 }] : [];
    },
  });
  const plan = ok(detectionPlan(64, 64, 32, 608));

  // Black drawn with alpha 0 over a page's white background shows white: what a viewer sees is
  // the image composited over the page, not its RGB. Before, only the RGB (black) was examined.
  it('a face a viewer sees over a white page (black pixels made transparent) is found', async () => {
    const faces = await detectInPasses(plan.levels, () => hiding([0, 0, 0, 0]), sees([255, 255, 255]));
    expect(faces).toHaveLength(1);
  });

  it('a face a viewer sees over a black page (white pixels made transparent) is found', async () => {
    const faces = await detectInPasses(plan.levels, () => hiding([255, 255, 255, 0]), sees([0, 0, 0]));
    expect(faces).toHaveLength(1);
  });

  it('a face in the RGB under partial transparency (what a dataset that drops alpha gets) is found', async () => {
    const faces = await detectInPasses(plan.levels, () => hiding([200, 40, 90, 10]), sees([200, 40, 90]));
    expect(faces).toHaveLength(1);
  });

  it('an opaque image is examined once per tile (no extra views)', async () => {
    let calls = 0;
    await detectInPasses(plan.levels, () => hiding([1, 2, 3, 255]), { detect: async () => { calls++; return []; } });
    expect(calls).toBe(plan.passes);
  });
});

describe('detectInPasses: the passes one file may take', () => {
  // Every picture of a file (MPF pictures, thumbnails), its turn back from EXIF orientation, its
  // alpha views and the colours under its transparency each take passes: a hostile file could
  // hold the worker for minutes. One budget per file bounds it; past it the file is not examined.
  it('stops with a reason once the budget is spent, and counts every view examined', async () => {
    const plan = ok(detectionPlan(1800, 1200, 32, 608));
    const sized = (l: DetectionLevel, fill: number) => ({ data: new Uint8ClampedArray((l.width + 2 * l.pad) * (l.height + 2 * l.pad) * 4).fill(fill), width: l.width + 2 * l.pad, height: l.height + 2 * l.pad });
    const opaque = (l: DetectionLevel) => sized(l, 255);
    const none = { detect: async () => [] };
    const budget = { left: plan.passes + 1 };
    await detectInPasses([...plan.levels, plan.context], opaque, none, budget);
    expect(budget.left).toBe(0);
    await expect(detectInPasses(plan.levels, opaque, none, budget)).rejects.toThrow(/more than \d+ detector passes/);
    const translucent = (l: DetectionLevel) => sized(l, 0);
    const views = { left: 100 };
    await detectInPasses([plan.context], translucent, none, views);
    expect(views.left).toBe(97);
  });
});
