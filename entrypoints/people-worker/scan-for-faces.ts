import { picturesToExamine, type FaceScan } from '@/utils/policy/people';
import { detectionPlan, distinctFaces, type DetectionLevel, type PlacedFace } from '@/utils/people/detection-plan';
import { isOpaque } from '@/utils/people/alpha-views';
import { paintMargin, withMargin } from '@/utils/people/margin';
import { colourUnderTransparency, decodePngColours } from '@/utils/media/transparency';
import { exifOrientation, readImageSize } from '@/utils/media/image-bytes';
import { heifTransforms } from '@/utils/media/heif-items';
import { contextFitsTurnedCell, facesFromTurnedViews, rotationsForItemTransforms, rotationsToExamine, turnedViews, unrotateFace, type Rotation } from '@/utils/people/orientation';
import { detectInPasses, MAX_PASSES_PER_FILE, type PassBudget } from '@/utils/people/tiled-detection';
import { DETECTOR_INPUT_SIZE, DETECTOR_NAME, uncheckedScan } from '@/utils/people/detector-name';
import { createFaceDetector, type FaceDetector } from '@/utils/people/face-detector';

/**
 * The people check's look for faces (DESIGN.md §2 rule 6), run in the people worker
 * (people-worker/index.ts), off the thread that fetches and judges: decoding each picture,
 * drawing its passes and running the detector (face-api on TensorFlow.js's WASM backend).
 */

/** Where the build puts the detector's files (wxt.config.ts, `build:publicAssets`). */
const ASSETS = '/people/';

let detector: Promise<FaceDetector> | null = null;

/** The detector, started once per worker life from the extension's own files (never the network). */
function faceDetector(): Promise<FaceDetector> {
  detector ??= (async () => {
    // The worker runs from the extension's origin: its files are addressed from there.
    const own = (name: string) => new URL(`${ASSETS}${name}`, self.location.origin).href;
    const [manifest, weights] = await Promise.all([
      fetch(own('tiny_face_detector_model-weights_manifest.json')).then((r) => r.json()),
      fetch(own('tiny_face_detector_model.bin')).then((r) => r.arrayBuffer()),
    ]);
    const wasm = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
    return createFaceDetector({
      weightsManifest: manifest,
      weights,
      wasmPaths: Object.fromEntries(wasm.map((name) => [name, own(name)])),
      readFile: (path) => fetch(path),
    });
  })();
  // A failed start is retried for the next image rather than failing every image after it.
  detector.catch(() => { detector = null; });
  return detector;
}

/** Levels up to the detector's input are drawn on one canvas, kept between images. */
const SHARED_CANVAS_MAX_PIXELS = DETECTOR_INPUT_SIZE * DETECTOR_INPUT_SIZE;
let sharedCanvas: OffscreenCanvasRenderingContext2D | null = null;

/**
 * A 2D canvas whose top-left `width` × `height` is cleared (transparent black) with no transform:
 * the caller draws there and reads that region back. Making a canvas and its context took most
 * of a small image's draw (0.39 ms of it, against 0.06 ms on a kept one), and so did resizing a
 * kept one: setting a canvas's size, even to the size it has, made its next call take 1.7 ms in
 * the worker (a collect of 500 thumbnails; issue 17), clearing a region 0.02 ms. So one canvas is
 * kept and only grows, up to SHARED_CANVAS_MAX_PIXELS, and what is drawn is cleared first. The
 * pixels read are the same as on a canvas of the exact size: a picture drawn into an integer
 * rectangle touches nothing outside it. A larger level gets a canvas of its own, dropped after,
 * so no large bitmap is kept.
 */
function canvasFor(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const kept = sharedCanvas?.canvas;
  const grown = { width: Math.max(width, kept?.width ?? 0), height: Math.max(height, kept?.height ?? 0) };
  if (grown.width * grown.height > SHARED_CANVAS_MAX_PIXELS) {
    if (width * height > SHARED_CANVAS_MAX_PIXELS) return newCanvas(width, height);
    // This level fits, but not beside the kept canvas's other side: start again at its size.
    sharedCanvas = newCanvas(width, height);
    return sharedCanvas;
  }
  if (!sharedCanvas || kept!.width !== grown.width || kept!.height !== grown.height) {
    sharedCanvas = newCanvas(grown.width, grown.height);
    return sharedCanvas;
  }
  sharedCanvas.setTransform(1, 0, 0, 1, 0, 0);
  sharedCanvas.clearRect(0, 0, width, height);
  return sharedCanvas;
}

function newCanvas(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas in the worker');
  return context;
}

/**
 * Faces of `minFacePx` or more in one decoded picture turned `rotation` clockwise, in the passes
 * detection-plan.ts lays out: a small picture in one pass at its own size, a larger one in tiles,
 * so its small faces are not shrunk out of the detector's sight, and every picture once more
 * small on a grey margin, where a face filling it is seen (the context pass). Boxes are in the unturned
 * picture's pixels; `translucent` says whether any pixel drawn was not opaque.
 */
async function facesInBitmap(bitmap: ImageBitmap, minFacePx: number, budget: PassBudget, rotation: Rotation = 0, contextElsewhere = false): Promise<{ faces: PlacedFace[]; translucent: boolean }> {
  const sideways = rotation === 90 || rotation === 270;
  const [turnedWidth, turnedHeight] = sideways ? [bitmap.height, bitmap.width] : [bitmap.width, bitmap.height];
  const plan = detectionPlan(turnedWidth, turnedHeight, minFacePx, DETECTOR_INPUT_SIZE);
  if (!plan.ok) throw new Error(plan.why);
  let translucent = false;
  let whole: { level: DetectionLevel; pixels: ImageData } | null = null;
  const drawLevel = (level: DetectionLevel) => {
    const { width, height, pad } = level;
    // The context pass of a picture drawn at the same size as a level already drawn whole: the
    // same pixels on a margin, with no second draw.
    if (pad > 0 && whole && whole.level.width === width && whole.level.height === height && whole.level.scale === level.scale) return withMargin(whole.pixels, pad);
    // A cleared canvas (canvasFor); the margin is painted on the pixels read (paintMargin).
    const context = canvasFor(width + 2 * pad, height + 2 * pad);
    drawTurned(context, bitmap, rotation, pad, pad, width, height);
    const pixels = context.getImageData(0, 0, width + 2 * pad, height + 2 * pad);
    // An opaque grey margin around the picture as drawn: a translucent picture keeps its alpha,
    // so detectInPasses examines it in its alpha views on the grey margin too.
    paintMargin(pixels, pad);
    // The margin is opaque: only the pyramid's levels (no margin) say whether the picture is.
    if (pad === 0) translucent ||= !isOpaque(pixels);
    if (pad === 0 && level.tiles.length === 1) whole = { level, pixels };
    return pixels;
  };
  // `contextElsewhere`: the context pass is drawn in the turned views' fourth cell (contextFitsTurnedCell).
  const found = await detectInPasses(contextElsewhere ? plan.levels : [...plan.levels, plan.context], drawLevel, await faceDetector(), budget);
  return { faces: found.map((f) => unrotateFace(f, rotation, bitmap.width, bitmap.height)), translucent };
}

/**
 * `bitmap` drawn turned `rotation` clockwise into the width × height box at (x, y) (the turned
 * picture's size): (x, y) → (height − y, x) at 90°, as orientation.ts maps boxes back.
 */
function drawTurned(context: OffscreenCanvasRenderingContext2D, bitmap: ImageBitmap, rotation: Rotation, x: number, y: number, width: number, height: number): void {
  if (rotation === 90) context.setTransform(0, 1, -1, 0, x + width, y);
  else if (rotation === 180) context.setTransform(-1, 0, 0, -1, x + width, y + height);
  else if (rotation === 270) context.setTransform(0, -1, 1, 0, x, y + height);
  else context.setTransform(1, 0, 0, 1, x, y);
  const sideways = rotation === 90 || rotation === 270;
  context.drawImage(bitmap, 0, 0, sideways ? height : width, sideways ? width : height);
  context.setTransform(1, 0, 0, 1, 0, 0);
}

/**
 * Faces in `bitmap` turned 90°, 180° and 270°, small, in one detector pass (people/orientation.ts
 * turnedViews): a picture stored turned with no orientation is shown upright by a page's CSS or a
 * dataset. With `upright`, the fourth cell holds the picture as it is: a thumbnail's context pass
 * (contextInTurnedCell). Boxes are in the picture's pixels.
 */
async function facesInTurnedViews(bitmap: ImageBitmap, budget: PassBudget, upright = false): Promise<PlacedFace[]> {
  const plan = turnedViews(bitmap.width, bitmap.height, { upright });
  const draw = () => {
    const context = canvasFor(plan.side, plan.side);
    context.fillStyle = 'rgb(128, 128, 128)';
    context.fillRect(0, 0, plan.side, plan.side);
    for (const v of plan.views) {
      // Cleared first, as a level's picture area: a translucent picture keeps its alpha (alpha views).
      context.clearRect(v.x, v.y, v.width, v.height);
      drawTurned(context, bitmap, v.rotation, v.x, v.y, v.width, v.height);
    }
    return context.getImageData(0, 0, plan.side, plan.side);
  };
  const canvas: DetectionLevel = { scale: 1, width: plan.side, height: plan.side, pad: 0, tiles: [{ x: 0, y: 0, width: plan.side, height: plan.side }] };
  return facesFromTurnedViews(await detectInPasses([canvas], draw, await faceDetector(), budget), plan, bitmap.width, bitmap.height);
}

/** Whether the picture's context pass is the turned views' fourth cell (people/orientation.ts contextFitsTurnedCell). */
function contextInTurnedCell(bitmap: ImageBitmap, minFacePx: number): boolean {
  const plan = detectionPlan(bitmap.width, bitmap.height, minFacePx, DETECTOR_INPUT_SIZE);
  return plan.ok && contextFitsTurnedCell(plan.context, bitmap.width, bitmap.height);
}

/** Run `use` on a bitmap of `source`, closed after. */
async function withBitmap<T>(source: ImageBitmapSource, options: ImageBitmapOptions, use: (bitmap: ImageBitmap) => Promise<T>): Promise<T> {
  const bitmap = await createImageBitmap(source, options);
  try {
    return await use(bitmap);
  } finally {
    bitmap.close();
  }
}

/**
 * The colours a file keeps under its transparent pixels, as a picture to examine
 * (media/transparency.ts): a canvas shows them as black, a dataset that drops alpha gets them.
 * Null when the file hides no picture there; throws (unchecked, fail closed) when Heed cannot
 * read them.
 */
async function hiddenColourBitmap(bytes: Uint8Array, mime: string): Promise<{ source: ImageBitmapSource; options: ImageBitmapOptions } | null> {
  const hidden = colourUnderTransparency(bytes, mime);
  switch (hidden.kind) {
    case 'none':
      return null;
    case 'opaque-file':
      return { source: new Blob([hidden.bytes as BlobPart], { type: hidden.mime }), options: { imageOrientation: 'from-image' } };
    case 'png-alpha': {
      const decoded = await decodePngColours(bytes);
      if ('why' in decoded) throw new Error(`the image has transparent pixels, and Heed could not read the colours under them: ${decoded.why}`);
      return { source: new ImageData(decoded.data, decoded.width, decoded.height), options: {} };
    }
    case 'unreadable':
      throw new Error(`the image has transparent pixels, and ${hidden.why}: a picture a dataset that drops alpha gets could be there`);
  }
}

/** The turns that show the picture as stored: by its EXIF orientation, or an AVIF/HEIF's irot/imir (people/orientation.ts). */
const storedTurns = (bytes: Uint8Array, mime: string): Rotation[] =>
  mime === 'image/avif' || mime === 'image/heic' || mime === 'image/heif' ? rotationsForItemTransforms(heifTransforms(bytes)) : rotationsToExamine(exifOrientation(bytes, mime));

/**
 * Faces in one picture of a file: decoded once (orientation applied) and searched for faces of
 * `minFacePx` or more (facesInBitmap), also turned back to how it is stored when its EXIF
 * orientation (or AVIF/HEIF irot/imir) turns it, and small at the three other turns in one pass
 * (people/orientation.ts). A picture with pixels that are not opaque is also examined
 * as the colours under its transparency (hiddenColourBitmap), or throws when Heed cannot read them.
 */
async function facesInPicture(bytes: Uint8Array, mime: string, minFacePx: number, budget: PassBudget): Promise<PlacedFace[]> {
  // The size its header declares: a picture needing more passes than Heed runs is refused
  // without being decoded (a turn by its EXIF orientation changes no pass count).
  const declared = readImageSize(bytes, mime);
  const declaredPlan = declared ? detectionPlan(declared.width, declared.height, minFacePx, DETECTOR_INPUT_SIZE) : null;
  if (declaredPlan && !declaredPlan.ok) throw new Error(declaredPlan.why);
  const shown = await withBitmap(new Blob([bytes as BlobPart], { type: mime }), { imageOrientation: 'from-image' }, async (bitmap) => {
    const turns = [];
    // A thumbnail's context pass is drawn upright in the turned views' fourth cell (one pass fewer).
    const upright = contextInTurnedCell(bitmap, minFacePx);
    // One turn at a time: one level's pixels in memory at once.
    for (const rotation of storedTurns(bytes, mime)) turns.push(await facesInBitmap(bitmap, minFacePx, budget, rotation, rotation === 0 && upright));
    const turnedFaces = await facesInTurnedViews(bitmap, budget, upright);
    return { faces: [...turns.flatMap((t) => t.faces), ...turnedFaces], translucent: turns.some((t) => t.translucent) };
  });
  const faces = [...shown.faces];
  if (shown.translucent) {
    const hidden = await hiddenColourBitmap(bytes, mime);
    if (hidden) {
      faces.push(...(await withBitmap(hidden.source, hidden.options, async (bitmap) => {
        const upright = contextInTurnedCell(bitmap, minFacePx);
        return [...(await facesInBitmap(bitmap, minFacePx, budget, 0, upright)).faces, ...(await facesInTurnedViews(bitmap, budget, upright))];
      })));
    }
  }
  return distinctFaces(faces);
}

/**
 * Look for faces in every picture of the fetched file (`picturesToExamine`: the one a browser
 * shows, then MPF pictures and thumbnails a dataset keeping the file also gets). What the
 * detector cannot examine (an SVG, an animation, a file holding what Heed cannot tell; a picture
 * needing more passes than Heed runs) or what fails to decode is `unchecked` with the reason.
 */
export async function scanForFaces(bytes: Uint8Array, mime: string, minFacePx: number): Promise<FaceScan> {
  try {
    const found = picturesToExamine(bytes, mime);
    if ('why' in found) throw new Error(found.why);
    const faces: PlacedFace[] = [];
    // One budget of detector passes for the whole file (tiled-detection.ts MAX_PASSES_PER_FILE).
    const budget: PassBudget = { left: MAX_PASSES_PER_FILE };
    for (const picture of found.pictures) {
      try {
        faces.push(...(await facesInPicture(picture.bytes, picture.mime, minFacePx, budget)));
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new Error(picture.what === 'the image' ? why : `${picture.what}: ${why}`);
      }
    }
    return { status: 'examined', detector: DETECTOR_NAME, faces };
  } catch (err) {
    return uncheckedScan(err);
  }
}
