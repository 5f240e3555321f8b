import { describe, expect, it } from 'vitest';
import { MARGIN_GREY, paintMargin, withMargin } from '../../../utils/people/margin';
import type { Pixels } from '../../../utils/people/face-detector';

/** A picture whose every pixel is distinct and not grey: (x, y, x+y, alpha varying). */
function picture(width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x + 1, y + 1, x + y + 3, (x * 7 + y * 13) % 256], (y * width + x) * 4);
  return { data, width, height };
}

const pixelAt = (p: Pixels, x: number, y: number) => [...p.data.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 4)];
const grey = [MARGIN_GREY, MARGIN_GREY, MARGIN_GREY, 255];

describe('the context pass margin', () => {
  it.each([
    [5, 3, 2],
    [1, 1, 1],
    [4, 4, 3],
    [64, 40, 16],
  ])('withMargin: a %i×%i picture on a %i px margin is the picture inside an opaque grey frame', (width, height, pad) => {
    const src = picture(width, height);
    const out = withMargin(src, pad);
    expect([out.width, out.height]).toEqual([width + 2 * pad, height + 2 * pad]);
    for (let y = 0; y < out.height; y++) {
      for (let x = 0; x < out.width; x++) {
        const inside = x >= pad && x < pad + width && y >= pad && y < pad + height;
        expect(pixelAt(out, x, y)).toEqual(inside ? pixelAt(src, x - pad, y - pad) : grey);
      }
    }
  });

  it('paintMargin paints only the frame, and a frame as wide as the picture paints all of it', () => {
    const framed = picture(7, 6);
    paintMargin(framed, 2);
    const greyCount = (p: Pixels) => Array.from({ length: p.width * p.height }, (_, i) => pixelAt(p, i % p.width, Math.floor(i / p.width))).filter((px) => px.join() === grey.join()).length;
    expect(greyCount(framed)).toBe(7 * 6 - 3 * 2);
    expect(pixelAt(framed, 2, 2)).toEqual(pixelAt(picture(7, 6), 2, 2));
    const all = picture(3, 5);
    paintMargin(all, 4);
    expect(greyCount(all)).toBe(15);
    const none = picture(3, 3);
    paintMargin(none, 0);
    expect(none.data).toEqual(picture(3, 3).data);
  });
});
