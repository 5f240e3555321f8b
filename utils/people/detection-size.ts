/**
 * The size an image is decoded to for the detector: its longer side at most `maxSide` (never
 * enlarged), aspect kept. TinyFaceDetector pads its input to a square and resizes it to its
 * input size, so decoding larger than that only costs memory and time.
 */
export function detectionSize(width: number, height: number, maxSide: number): { width: number; height: number; scale: number } {
  if (!(width > 0 && height > 0)) throw new Error(`not an image size: ${width}×${height}`);
  const factor = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * factor));
  const h = Math.max(1, Math.round(height * factor));
  // Boxes found at w×h are multiplied by `scale` to be in the original's pixels (DESIGN.md §2
  // rule 6 measures faces in the original image).
  return { width: w, height: h, scale: width / w };
}
