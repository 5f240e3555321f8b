/**
 * Where the face detector must look in one image so that every face of at least `minFacePx`
 * (DESIGN.md §2 rule 6: measured in the original image's pixels) is big enough for it to see.
 *
 * TinyFaceDetector sees faces of about DETECTABLE_FACE_PX or more in its input (README, "People
 * in photos": below ~30 px it misses them). An image downscaled to its 608 px input shrinks its
 * faces with it: in a 2,400 px photo a 64 px face is 16 px there, unseen — a false permit. So a
 * larger image is read as a pyramid: first at the scale where a `minFacePx` face is
 * DETECTABLE_FACE_PX, cut into input-sized tiles that overlap by TILE_OVERLAP, then at twice that
 * scale, and so on up to a level that is one tile (at the latest the whole image fitted to the
 * input: the one pass every image had before). At the default setting (= DETECTABLE_FACE_PX) an
 * image is never enlarged; a smaller setting draws it larger, up to MAX_ENLARGEMENT×. A face on
 * a tile border at one level is at most half as big at the next, where it fits inside a tile's overlap (TILE_OVERLAP ≥ 2 × DETECTABLE_FACE_PX) or lies in
 * the single last tile: every face from `minFacePx` up is whole in some pass.
 *
 * Passes cost ~0.15 s each on the worker's one thread. Past MAX_DETECTOR_PASSES the image is not
 * examined (people-unchecked: fails closed), and the reason says how to make such images
 * checkable (a larger "Smallest recognisable face").
 */

/** The smallest face (shorter side, px at the detector's input) the detector reliably finds. */
export const DETECTABLE_FACE_PX = 32;
/** How much neighbouring tiles share (px at the level's scale): ≥ 2 × DETECTABLE_FACE_PX, with margin. */
export const TILE_OVERLAP = 96;
/** The most detector passes one image gets (≈ 3.6 s of the worker's time). */
export const MAX_DETECTOR_PASSES = 24;

export interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One level: the image drawn at width × height (`scale` original px per px) on a mid-grey margin
 * `pad` px wide on every side (0 for the pyramid's levels), and its tiles, in the drawn level's
 * pixels (margin included).
 */
export interface DetectionLevel {
  scale: number;
  width: number;
  height: number;
  pad: number;
  tiles: Tile[];
}

/**
 * `levels`: the pyramid; `context`: the whole image drawn small on a margin (contextPass);
 * `passes`: the pyramid's tiles, the count held to MAX_DETECTOR_PASSES.
 */
export type DetectionPlan = { ok: true; levels: DetectionLevel[]; context: DetectionLevel; passes: number } | { ok: false; passes: number; why: string };

/** The context pass's longer side (px), and its margin (px each side) for a picture drawn larger than CONTEXT_SMALL. */
export const CONTEXT_SIDE = 160;
export const CONTEXT_PAD = 40;
/** A picture drawn this size or smaller in the context pass gets a margin a quarter of its longer side. */
export const CONTEXT_SMALL = 96;

/**
 * TinyFaceDetector misses a face that fills most of its input: on the labelled faces cropped as
 * headshots (the face box grown by 30 % a side) it found, at the image's own size, 3 of 10 at
 * 450 px and 1 of 10 at 600 px — a close-up portrait was kept (a false permit). Drawn with its
 * longer side CONTEXT_SIDE px (never enlarged) on a mid-grey margin, it is found: so every image
 * also gets this one small pass, a face there being a large one, not counted against
 * MAX_DETECTOR_PASSES. Its cost is the canvas's area, so the margin is as small as finds them.
 * Measured (Node's WASM backend, the 10 headshots grown 15, 30 and 50 % a side, 64–600 px, found
 * by the image's own passes or this one): a margin of 80 px found 212 of 240, 40 px (a canvas
 * of at most 240 px) 210, at 20–45 → 20–26 ms a pass; for pictures of at most 96 px, a margin of
 * a quarter of their side (a 96 px canvas for 64 px) found 9, 9, 2 of 10 at 64 px where 80 px
 * found 8, 5, 1, at 4 ms instead of 21: a collect of thumbnails took twice as long with it.
 */
function contextPass(width: number, height: number): DetectionLevel {
  const scale = Math.max(1, Math.max(width, height) / CONTEXT_SIDE);
  const w = Math.max(1, Math.round(width / scale));
  const h = Math.max(1, Math.round(height / scale));
  const side = Math.max(w, h);
  const pad = side <= CONTEXT_SMALL ? Math.max(1, Math.round(side / 4)) : CONTEXT_PAD;
  return { scale: width / w, width: w, height: h, pad, tiles: [{ x: 0, y: 0, width: w + 2 * pad, height: h + 2 * pad }] };
}

/** Tile starts along one side of `length` px: tiles of `tile` px overlapping by `overlap`, the last flush with the end. */
function starts(length: number, tile: number, overlap: number): number[] {
  if (length <= tile) return [0];
  const stride = tile - overlap;
  const out: number[] = [];
  for (let at = 0; at + tile < length; at += stride) out.push(at);
  out.push(length - tile);
  return out;
}

function level(width: number, height: number, scale: number, input: number): DetectionLevel {
  const w = Math.max(1, Math.round(width / scale));
  const h = Math.max(1, Math.round(height / scale));
  const tiles: Tile[] = [];
  for (const y of starts(h, input, TILE_OVERLAP)) {
    for (const x of starts(w, input, TILE_OVERLAP)) tiles.push({ x, y, width: Math.min(input, w), height: Math.min(input, h) });
  }
  return { scale: width / w, width: w, height: h, pad: 0, tiles };
}

/**
 * How far an image is enlarged at most: a face setting below DETECTABLE_FACE_PX is looked for in
 * the image drawn larger (2× shows the detector faces of ~16–20 px it misses at their own size);
 * a setting below DETECTABLE_FACE_PX × MAX_ENLARGEMENT⁻¹ cannot be checked at all.
 */
export const MAX_ENLARGEMENT = 2;

/** The passes that find every face of `minFacePx` or more in a width × height image with a detector of `input` px. */
export function detectionPlan(width: number, height: number, minFacePx: number, input: number): DetectionPlan {
  if (!(width > 0 && height > 0)) throw new Error(`not an image size: ${width}×${height}`);
  const start = minFacePx / DETECTABLE_FACE_PX;
  if (!(start >= 1 / MAX_ENLARGEMENT)) {
    const least = Math.ceil(DETECTABLE_FACE_PX / MAX_ENLARGEMENT);
    return { ok: false, passes: 0, why: `"Smallest recognisable face" is set to ${minFacePx} px, and Heed's detector cannot find faces smaller than ${least} px even in the image drawn ${MAX_ENLARGEMENT}× larger (set it to ${least} px or more to check images)` };
  }
  // The whole image fitted to the input (never enlarged): the coarsest level there is, one tile.
  const fit = Math.max(1, Math.max(width, height) / input);
  const levels: DetectionLevel[] = [];
  for (let scale = start; ; scale *= 2) {
    const l = level(width, height, Math.min(scale, fit), input);
    levels.push(l);
    // One tile holds every face of the level whole, and each is DETECTABLE_FACE_PX or more there: done.
    if (scale >= fit || l.tiles.length === 1) break;
  }
  const passes = levels.reduce((n, l) => n + l.tiles.length, 0);
  if (passes <= MAX_DETECTOR_PASSES) return { ok: true, levels, context: contextPass(width, height), passes };
  return {
    ok: false,
    passes,
    why:
      `finding faces down to ${minFacePx} px in a ${width}×${height} image takes ${passes} detector passes, more than the ${MAX_DETECTOR_PASSES} Heed runs per image ` +
      '(a larger "Smallest recognisable face" in settings makes such images checkable)',
  };
}

/** A face box in the original image's pixels, with its place (to tell one face seen twice from two). */
export interface PlacedFace {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The faces of all passes, each once: tiles overlap and levels repeat the image, so one face is
 * often found several times. Largest first; a box whose centre lies inside a box already kept
 * is the same face (two faces' boxes do not hold each other's centres).
 */
export function distinctFaces(faces: readonly PlacedFace[]): PlacedFace[] {
  const kept: PlacedFace[] = [];
  for (const f of [...faces].sort((a, b) => b.width * b.height - a.width * a.height)) {
    const cx = f.x + f.width / 2;
    const cy = f.y + f.height / 2;
    if (!kept.some((k) => cx >= k.x && cx <= k.x + k.width && cy >= k.y && cy <= k.y + k.height)) kept.push(f);
  }
  return kept;
}
