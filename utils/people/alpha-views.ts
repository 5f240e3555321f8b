import type { Pixels } from './face-detector';

/**
 * What the detector is shown of pixels that are not all opaque. The detector reads RGB only, so
 * before, an image's alpha was simply dropped: black drawn with alpha 0 was read as black, while
 * a viewer sees it over the page — white on a white page — and a face drawn in transparency
 * (or one whose pixels are made partly transparent) went unseen: a false permit.
 *
 * Decision (DESIGN.md §2 rule 6, fail closed): a translucent picture is examined three ways —
 * its RGB with alpha dropped (what a dataset that ignores alpha gets), composited over black and
 * composited over white (the darkest and lightest pages a viewer can see it on; any other
 * background is a blend of the two). A face in any view counts. An opaque picture is examined
 * once, as before. The colour under fully transparent pixels is not in decoded pixels at all
 * (a canvas keeps premultiplied alpha); that is the container's business (media/transparency.ts).
 */
export function alphaViews(pixels: Pixels): Pixels[] {
  if (isOpaque(pixels)) return [pixels];
  return [pixels, composited(pixels, 0), composited(pixels, 255)];
}

/** Whether every pixel's alpha is 255. */
export function isOpaque(pixels: Pixels): boolean {
  const { data } = pixels;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false;
  return true;
}

/** The pixels drawn over an opaque grey `background` (0 = black, 255 = white), opaque. */
export function composited(pixels: Pixels, background: number): Pixels {
  const { data } = pixels;
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]! / 255;
    out[i] = data[i]! * a + background * (1 - a);
    out[i + 1] = data[i + 1]! * a + background * (1 - a);
    out[i + 2] = data[i + 2]! * a + background * (1 - a);
    out[i + 3] = 255;
  }
  return { data: out, width: pixels.width, height: pixels.height };
}
