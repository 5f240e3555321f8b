import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exifOrientation } from '@/utils/media/image-bytes';
import { rotationsToExamine, unrotateFace } from '@/utils/people/orientation';
import { exifOrientationApp1, jpeg, png } from '../media/image-fixtures';

/** A box in a width × height picture, in that picture turned `rotation` degrees clockwise. */
function rotateFace(f: { x: number; y: number; width: number; height: number }, rotation: number, width: number, height: number) {
  if (rotation === 90) return { x: height - (f.y + f.height), y: f.x, width: f.height, height: f.width };
  if (rotation === 180) return { x: width - (f.x + f.width), y: height - (f.y + f.height), width: f.width, height: f.height };
  if (rotation === 270) return { x: f.y, y: width - (f.x + f.width), width: f.height, height: f.width };
  return f;
}

describe('orientation: the picture as stored, not only as EXIF turns it', () => {
  it('reads the EXIF orientation of a JPEG; other files and none say 1', () => {
    expect(exifOrientation(jpeg({ segments: [exifOrientationApp1(6)] }), 'image/jpeg')).toBe(6);
    expect(exifOrientation(jpeg(), 'image/jpeg')).toBe(1);
    expect(exifOrientation(png(), 'image/png')).toBe(1);
    expect(exifOrientation(new Uint8Array([0xff, 0xd8, 0xff]), 'image/jpeg')).toBe(1);
  });

  // A page can show a photo as stored (CSS `image-orientation: none`), and a dataset that ignores
  // EXIF gets it so; the detector sees faces upright only. A face upright as stored, in a file whose
  // EXIF says "turn 90°", was examined turned — sideways — and went unseen.
  it('a turned EXIF orientation also examines the picture as stored (mirroring aside); none examines once', () => {
    expect(rotationsToExamine(1)).toEqual([0]);
    expect(rotationsToExamine(2)).toEqual([0]);
    expect(rotationsToExamine(3)).toEqual([0, 180]);
    expect(rotationsToExamine(4)).toEqual([0, 180]);
    expect(rotationsToExamine(5)).toEqual([0, 90]);
    expect(rotationsToExamine(6)).toEqual([0, 270]);
    expect(rotationsToExamine(7)).toEqual([0, 270]);
    expect(rotationsToExamine(8)).toEqual([0, 90]);
    expect(rotationsToExamine(99)).toEqual([0, 90, 180, 270]); // an orientation no one defines: every turn
  });

  it('a face found in the turned picture maps back to the same box in the picture', () => {
    fc.assert(fc.property(fc.constantFrom(0, 90, 180, 270), fc.integer({ min: 50, max: 900 }), fc.integer({ min: 50, max: 900 }), fc.nat(40), fc.nat(40), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (r, width, height, x, y, w, h) => {
      const face = { x, y, width: w, height: h };
      expect(unrotateFace(rotateFace(face, r, width, height), r, width, height)).toEqual(face);
    }));
  });
});
