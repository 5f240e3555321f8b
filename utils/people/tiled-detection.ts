import { alphaViews } from './alpha-views';
import { distinctFaces, type DetectionLevel, type PlacedFace } from './detection-plan';
import type { FaceDetector, Pixels } from './face-detector';

/** Tile `tile` of RGBA `pixels`, copied row by row. */
export function cropPixels(pixels: Pixels, tile: { x: number; y: number; width: number; height: number }): Pixels {
  if (tile.x === 0 && tile.y === 0 && tile.width === pixels.width && tile.height === pixels.height) return pixels;
  const data = new Uint8ClampedArray(tile.width * tile.height * 4);
  for (let row = 0; row < tile.height; row++) {
    const from = ((tile.y + row) * pixels.width + tile.x) * 4;
    data.set(pixels.data.subarray(from, from + tile.width * 4), row * tile.width * 4);
  }
  return { data, width: tile.width, height: tile.height };
}

/**
 * The most detector passes (tiles × views) one file takes, all its pictures, turns and views
 * together (≈ 30 s of the worker's thread). A file holding many large pictures, each turned,
 * translucent and with hidden colours, could otherwise hold the worker for minutes; past the
 * budget it is not examined (people-unchecked, fail closed).
 */
export const MAX_PASSES_PER_FILE = 200;

/** Passes left for one file, shared by every detectInPasses call examining it. */
export interface PassBudget {
  left: number;
}

/**
 * Run the detector over every tile of every level of a detection plan (detection-plan.ts) and
 * answer each face once, in the original image's pixels. `drawLevel` gives the image's RGBA
 * pixels at a level's size, on its margin (`pad` px of mid-grey each side); one level is in
 * memory at a time. A tile that is not opaque is
 * examined in every view a viewer or a dataset could get of it (alpha-views.ts). Each view
 * examined spends one pass of `budget`; when none is left, it throws.
 */
export async function detectInPasses(levels: readonly DetectionLevel[], drawLevel: (level: DetectionLevel) => Pixels | Promise<Pixels>, detector: Pick<FaceDetector, 'detect'>, budget: PassBudget = { left: MAX_PASSES_PER_FILE }): Promise<PlacedFace[]> {
  const found: PlacedFace[] = [];
  for (const level of levels) {
    const pixels = await drawLevel(level);
    for (const tile of level.tiles) {
      for (const view of alphaViews(cropPixels(pixels, tile))) {
        if (budget.left <= 0) throw new Error(`examining every picture of this file takes more than ${MAX_PASSES_PER_FILE} detector passes, more than Heed runs per file`);
        budget.left--;
        for (const f of await detector.detect(view, 1)) {
          found.push({ x: (tile.x + f.x - level.pad) * level.scale, y: (tile.y + f.y - level.pad) * level.scale, width: f.width * level.scale, height: f.height * level.scale });
        }
      }
    }
  }
  return distinctFaces(found);
}
