import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exifOrientation } from '@/utils/media/image-bytes';
import { heifTransforms } from '@/utils/media/heif-items';
import { CONTEXT_SMALL, detectionPlan } from '@/utils/people/detection-plan';
import { contextFitsTurnedCell, facesFromTurnedViews, rotationsForItemTransforms, rotationsToExamine, TURNED_SIDE, turnedViews, unrotateFace } from '@/utils/people/orientation';
import { ascii, box, concat, exifOrientationApp1, isoBmff, jpeg, png } from '../media/image-fixtures';

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

describe('orientation: AVIF/HEIF irot and imir, as EXIF orientation', () => {
  const be16 = (n: number) => [(n >> 8) & 255, n & 255];
  const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const fullBox = (type: string, version: number, ...content: (Uint8Array | number[])[]) => box(type, concat([version, 0, 0, 0], ...content));
  /** An AVIF whose primary item 1 (an `av01`) has the given properties, in that order. */
  const avif = (props: Uint8Array[], items: [number, string][] = [[1, 'av01']], refs: Uint8Array[] = [], assocItem = 1) => {
    const ipma = fullBox('ipma', 0, be32(1), concat(be16(assocItem), [props.length], props.map((_, i) => i + 1)));
    const meta = fullBox('meta', 0,
      fullBox('hdlr', 0, be32(0), ascii('pict'), new Uint8Array(13)),
      fullBox('pitm', 0, be16(1)),
      fullBox('iinf', 0, be16(items.length), ...items.map(([id, t]) => fullBox('infe', 2, be16(id), [0, 0], ascii(t), [0]))),
      fullBox('iref', 0, ...refs),
      box('iprp', concat(box('ipco', concat(...props)), ipma)));
    return concat(isoBmff('avif', undefined, ['mif1', 'miaf']), meta);
  };
  const ispe = fullBox('ispe', 0, be32(64), be32(48));
  const irot = (quarters: number) => box('irot', new Uint8Array([quarters]));
  const imir = (axis: number) => box('imir', new Uint8Array([axis]));
  const turns = (file: Uint8Array) => rotationsForItemTransforms(heifTransforms(file));

  // A browser shows an AVIF turned by its irot; a decoder or dataset that ignores it gets the
  // picture as stored. A face upright as stored, in a file whose irot turns it a quarter, was
  // examined sideways only (as an EXIF orientation of 6 or 8 was before): a false permit.
  it('an irot turn also examines the picture as stored, and the opposite turn', () => {
    expect(turns(avif([ispe]))).toEqual([0]);
    expect(turns(avif([ispe, irot(0)]))).toEqual([0]);
    expect(turns(avif([ispe, irot(1)]))).toEqual([0, 90, 270]);
    expect(turns(avif([ispe, irot(2)]))).toEqual([0, 180]);
    expect(turns(avif([ispe, irot(3)]))).toEqual([0, 90, 270]);
  });

  // A top–bottom mirror turns a face upside down; a left–right one does not, and the axis has been read both ways.
  it('an imir mirror also examines the picture upside down, whichever axis it names', () => {
    expect(turns(avif([ispe, imir(0)]))).toEqual([0, 180]);
    expect(turns(avif([ispe, imir(1)]))).toEqual([0, 180]);
    expect(turns(avif([ispe, irot(1), imir(0)]))).toEqual([0, 90, 270]);
  });

  it('the grid a primary item derives from counts; two irot on one item or unreadable items examine every turn', () => {
    const ref = box('dimg', concat(be16(1), be16(1), be16(2)));
    expect(turns(avif([irot(1)], [[1, 'grid'], [2, 'av01']], [ref], 2))).toEqual([0, 90, 270]);
    expect(turns(avif([irot(1), irot(1)]))).toEqual([0, 90, 180, 270]);
    expect(turns(isoBmff('avif'))).toEqual([0, 90, 180, 270]);
  });

  it('never throws on any bytes', () => {
    const base = avif([ispe, irot(1), imir(1)]);
    fc.assert(fc.property(fc.nat(base.length - 1), fc.nat(255), fc.nat(base.length), (at, value, cut) => {
      const b = Uint8Array.from(base);
      b[at] = value;
      turns(b.subarray(0, cut));
    }), { numRuns: 1000 });
  });
});

describe('orientation: the turned views of a picture with no orientation', () => {
  it('three turns, each whole in its own cell of one canvas no larger than the detector’s input', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (width, height) => {
      const plan = turnedViews(width, height);
      expect(plan.views.map((v) => v.rotation)).toEqual([90, 180, 270]);
      expect(plan.side).toBeLessThanOrEqual(608);
      const cell = plan.side / 2;
      for (const [i, v] of plan.views.entries()) {
        expect(Math.max(v.width, v.height)).toBeLessThanOrEqual(TURNED_SIDE);
        // Inside its own cell, with the margin on every side.
        const [cx, cy] = [(i % 2) * cell, Math.floor(i / 2) * cell];
        expect(v.x - cx).toBe(plan.pad);
        expect(v.y - cy).toBe(plan.pad);
        expect(v.x + v.width + plan.pad).toBeLessThanOrEqual(cx + cell);
        expect(v.y + v.height + plan.pad).toBeLessThanOrEqual(cy + cell);
      }
    }));
  });

  it('a thumbnail’s context pass is the fourth cell, upright: the same drawing, and only where it is', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 700 }), (width, height) => {
      const plan = detectionPlan(width, height, 32, 608);
      if (!plan.ok) return;
      const fits = contextFitsTurnedCell(plan.context, width, height);
      // At most CONTEXT_SMALL px: the context pass draws it at its own size on a margin of a quarter of its side, as the cell does.
      expect(fits).toBe(Math.max(width, height) <= CONTEXT_SMALL);
      const views = turnedViews(width, height, { upright: true });
      expect(views.views.map((v) => v.rotation)).toEqual([90, 180, 270, 0]);
      const upright = views.views[3]!;
      expect([upright.x, upright.y]).toEqual([views.side / 2 + views.pad, views.side / 2 + views.pad]);
      if (fits) expect([upright.width, upright.height, views.pad]).toEqual([plan.context.width, plan.context.height, plan.context.pad]);
    }));
  });

  it('a face found in a turned view maps back to its box in the picture', () => {
    fc.assert(fc.property(fc.integer({ min: 64, max: 3000 }), fc.integer({ min: 64, max: 3000 }), fc.double({ min: 0, max: 0.7, noNaN: true }), fc.double({ min: 0, max: 0.7, noNaN: true }), fc.constantFrom(0, 1, 2), (width, height, fx, fy, i) => {
      const face = { x: fx * width, y: fy * height, width: 0.25 * width, height: 0.25 * height };
      const plan = turnedViews(width, height);
      const v = plan.views[i]!;
      const t = rotateFace(face, v.rotation, width, height);
      const inCanvas = { x: v.x + t.x / plan.scale, y: v.y + t.y / plan.scale, width: t.width / plan.scale, height: t.height / plan.scale };
      const [back] = facesFromTurnedViews([inCanvas], plan, width, height);
      const tolerance = 0.01 * Math.max(width, height) + 1;
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(back![k] - face[k])).toBeLessThanOrEqual(tolerance);
    }));
  });
});
