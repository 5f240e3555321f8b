import { describe, expect, it } from 'vitest';
import { judgePeople, picturesToExamine, whyNotExaminable, whyReleaseMayNotCover, type FaceScan } from '@/utils/policy/people';
import { ascii, concat, gif, jpeg, jpegSegment, png } from '../media/image-fixtures';
import { modelReleaseCode, peopleSettingFor } from '@/utils/model/people';
import { SettingsSchema } from '@/utils/model/settings';

const DETECTOR = 'face-api TinyFaceDetector 1.7.15 (416)';
const portrait: FaceScan = { status: 'examined', detector: DETECTOR, faces: [{ width: 120, height: 150 }, { width: 20, height: 24 }] };
const crowdOfSmallFaces: FaceScan = { status: 'examined', detector: DETECTOR, faces: [{ width: 31, height: 40 }, { width: 12, height: 14 }] };
const landscape: FaceScan = { status: 'examined', detector: DETECTOR, faces: [] };
const unchecked: FaceScan = { status: 'unchecked', detector: DETECTOR, why: 'the detector failed: out of memory' };

describe('people policy (DESIGN.md §2 rule 6)', () => {
  it('defaults by purpose: refuse for both AI purposes, flag for research-tdm; an explicit choice wins', () => {
    expect(peopleSettingFor(SettingsSchema.parse({ purpose: 'ai-training' }))).toBe('refuse');
    expect(peopleSettingFor(SettingsSchema.parse({ purpose: 'genai-training' }))).toBe('refuse');
    expect(peopleSettingFor(SettingsSchema.parse({ purpose: 'research-tdm' }))).toBe('flag');
    expect(peopleSettingFor(SettingsSchema.parse({ purpose: 'research-tdm', people: 'off' }))).toBe('off');
    expect(SettingsSchema.parse({}).minFacePx).toBe(32);
  });

  it('refuses a recognisable face without a model release, with the evidence of what was found', () => {
    const r = judgePeople(portrait, null, { people: 'refuse', minFacePx: 32 }, null);
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0]).toMatchObject({ kind: 'people', scope: 'image', effect: 'deny', reason: 'person-no-release' });
    expect(r.evidence[0]!.value).toContain('2 faces');
    expect(r.evidence[0]!.value).toContain('120 px');
    expect(r.people).toEqual({ faces: 2, largestFacePx: 120, modelRelease: null, detector: DETECTOR });
  });

  it('MR-UMR and MR-NAP allow; MR-LMR, MR-NON and unknown codes do not (full PLUS URIs read too)', () => {
    for (const release of ['MR-UMR', 'http://ns.useplus.org/ldf/vocab/MR-NAP']) {
      const r = judgePeople(portrait, release, { people: 'refuse', minFacePx: 32 }, null);
      expect(r.evidence[0]).toMatchObject({ effect: 'allow' });
      expect(r.evidence[0]!.reason).toBeUndefined();
    }
    for (const release of ['MR-LMR', 'http://ns.useplus.org/ldf/vocab/MR-NON', 'MR-MAYBE']) {
      expect(judgePeople(portrait, release, { people: 'refuse', minFacePx: 32 }, null).evidence[0]).toMatchObject({ effect: 'deny', reason: 'person-no-release' });
    }
    expect(modelReleaseCode(' http://ns.useplus.org/ldf/vocab/mr-umr ')).toBe('MR-UMR');
    expect(judgePeople(portrait, 'MR-LMR', { people: 'refuse', minFacePx: 32 }, null).people?.modelRelease).toBe('MR-LMR');
  });

  it('faces smaller than the minimum size (shorter side, original pixels) are recorded but do not refuse', () => {
    const r = judgePeople(crowdOfSmallFaces, null, { people: 'refuse', minFacePx: 32 }, null);
    expect(r.evidence[0]).toMatchObject({ effect: 'info' });
    expect(r.people).toMatchObject({ faces: 2, largestFacePx: 31 });
    expect(judgePeople(crowdOfSmallFaces, null, { people: 'refuse', minFacePx: 31 }, null).evidence[0]).toMatchObject({ effect: 'deny' });
  });

  it('no face: info evidence, people recorded with zero faces', () => {
    const r = judgePeople(landscape, null, { people: 'refuse', minFacePx: 32 }, null);
    expect(r.evidence[0]).toMatchObject({ effect: 'info' });
    expect(r.people).toEqual({ faces: 0, largestFacePx: null, modelRelease: null, detector: DETECTOR });
  });

  it('an image the detector could not examine is refused people-unchecked (fail closed)', () => {
    const r = judgePeople(unchecked, null, { people: 'refuse', minFacePx: 32 }, null);
    expect(r.evidence[0]).toMatchObject({ effect: 'deny', reason: 'people-unchecked' });
    expect(r.evidence[0]!.note).toContain('out of memory');
    expect(r.people).toEqual({ faces: null, largestFacePx: null, modelRelease: null, detector: DETECTOR });
  });

  it('an unchecked image with a model release that allows is not refused (the release covers any face)', () => {
    expect(judgePeople(unchecked, 'MR-UMR', { people: 'refuse', minFacePx: 32 }, null).evidence[0]).toMatchObject({ effect: 'allow' });
  });

  it('flag keeps and marks: the same findings never deny', () => {
    for (const scan of [portrait, unchecked]) {
      const r = judgePeople(scan, null, { people: 'flag', minFacePx: 32 }, null);
      expect(r.evidence.every((e) => e.effect !== 'deny')).toBe(true);
      expect(r.people).not.toBeNull();
    }
  });

  it('off: no evidence, people null', () => {
    expect(judgePeople(portrait, null, { people: 'off', minFacePx: 32 }, null)).toEqual({ evidence: [], people: null });
  });

  it('only a still raster image can be examined: an SVG, an animation (a face may be in any frame) or a file whose frames cannot be told is not', () => {
    const frame = concat([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0], [2, 2, 0x44, 0x01, 0]);
    expect(whyNotExaminable(jpeg(), 'image/jpeg')).toBeNull();
    expect(whyNotExaminable(png(), 'image/png')).toBeNull();
    expect(whyNotExaminable(gif(1, 1, frame), 'image/gif')).toBeNull();
    expect(whyNotExaminable(gif(1, 1, concat(frame, frame)), 'image/gif')).toMatch(/animated image \(2 frames\)/);
    expect(whyNotExaminable(ascii('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml')).toMatch(/SVG/);
    expect(whyNotExaminable(gif(1, 1).subarray(0, 12), 'image/gif')).toMatch(/could not tell/);
  });

  // An ICO holds several images; the browser decodes only the best-sized one, so a face in another
  // entry went unseen while the stored file kept it.
  it('an icon file holding more than one image is not examined; one holding a single image is', () => {
    const entry = (side: number, offset: number) => [side, side, 0, 0, 1, 0, 32, 0, 40, 0, 0, 0, offset, 0, 0, 0];
    const ico = (n: number) => concat([0, 0, 1, 0, n, 0], ...Array.from({ length: n }, (_, i) => entry(16 * (i + 1), 6 + 16 * n)), new Uint8Array(40));
    expect(whyNotExaminable(ico(1), 'image/x-icon')).toBeNull();
    expect(whyNotExaminable(ico(2), 'image/x-icon')).toMatch(/icon file holding 2 images/);
  });

  // An icon's directory says 16 × 16, and the PNG inside it may declare 30,000 × 30,000: the
  // browser decodes the PNG at its own size. Before, only the directory's size was held to the cap.
  it('an icon whose image declares more pixels than Heed decodes is not examined (a bomb inside an icon)', () => {
    const icoOf = (inner: Uint8Array) => concat([0, 0, 1, 0, 1, 0], [16, 16, 0, 0, 1, 0, 32, 0, inner.length & 255, (inner.length >> 8) & 255, 0, 0, 22, 0, 0, 0], inner);
    expect(whyNotExaminable(icoOf(png({ width: 30_000, height: 30_000 })), 'image/x-icon')).toMatch(/too large to decode/);
    const dib = concat([40, 0, 0, 0], [0x30, 0x75, 0, 0], [0x60, 0xea, 0, 0], new Uint8Array(32)); // BITMAPINFOHEADER 30,000 × (2 × 30,000)
    expect(whyNotExaminable(icoOf(dib), 'image/x-icon')).toMatch(/too large to decode/);
    expect(whyNotExaminable(icoOf(png({ width: 16, height: 16 })), 'image/x-icon')).toBeNull();
  });

  // A PNG of a few bytes declaring 30,000 × 30,000 pixels was decoded whole (3.6 GB) before the
  // detection plan saw its size: it could end the worker. Its header's size is read first now.
  it('an image whose header declares more pixels than Heed decodes is not examined (a decompression bomb)', () => {
    expect(whyNotExaminable(png({ width: 30_000, height: 30_000 }), 'image/png')).toMatch(/too large to decode .*900 megapixels/);
    expect(whyNotExaminable(jpeg({ width: 20_000, height: 20_000 }), 'image/jpeg')).toMatch(/too large to decode/);
    expect(whyNotExaminable(jpeg({ width: 9_000, height: 6_000 }), 'image/jpeg')).toBeNull(); // 54 megapixels: a camera's
  });

  // A dataset gets the whole file. A second JPEG appended after the first one's end marker (or a
  // phone's motion-photo video) is in it; before, only the picture the browser shows was examined.
  it('a file holding more than the picture a browser shows: every picture is examined, or it is not examinable', () => {
    expect(whyNotExaminable(concat(jpeg(), jpeg({ width: 800, height: 600 })), 'image/jpeg')).toMatch(/after the end of the JPEG/);
    const cut = jpeg();
    expect(whyNotExaminable(cut.subarray(0, cut.length - 2), 'image/jpeg')).toMatch(/no end marker/);
    expect(picturesToExamine(jpeg(), 'image/jpeg')).toEqual({ pictures: [{ bytes: jpeg(), mime: 'image/jpeg', what: 'the image' }] });
  });

  it('each extra picture is held to the same limits as the first (a decompression bomb as an EXIF thumbnail is not decoded)', () => {
    const thumb = jpeg({ width: 20_000, height: 20_000 });
    const ifd1At = 8 + 2 + 4;
    const thumbAt = ifd1At + 2 + 24 + 4;
    const tiff = concat(ascii('II*\0'), [8, 0, 0, 0], [0, 0], [ifd1At, 0, 0, 0], [2, 0],
      [0x01, 0x02, 4, 0, 1, 0, 0, 0, thumbAt, 0, 0, 0],
      [0x02, 0x02, 4, 0, 1, 0, 0, 0, thumb.length, 0, 0, 0],
      [0, 0, 0, 0], thumb);
    const file = jpeg({ segments: [jpegSegment(0xe1, concat(ascii('Exif\0\0'), tiff))] });
    expect(picturesToExamine(file, 'image/jpeg')).toMatchObject({ why: expect.stringMatching(/EXIF thumbnail.*too large to decode/) });
  });
});

describe('a GIF frame larger than its logical screen', () => {
  // Browsers clip a GIF's frames to its logical screen; Pillow opens a first frame larger than the
  // screen at the frame's size. A face in the clipped part was kept: the check saw the screen only.
  it('is not examinable; a frame inside the screen is', () => {
    const le16 = (n: number) => [n & 255, (n >> 8) & 255];
    const frame = (left: number, top: number, w: number, h: number) => concat([0x2c, ...le16(left), ...le16(top), ...le16(w), ...le16(h), 0], [2, 2, 0x44, 0x01, 0]);
    expect(whyNotExaminable(gif(10, 10, frame(0, 0, 10, 10)), 'image/gif')).toBeNull();
    expect(whyNotExaminable(gif(10, 10, frame(2, 2, 8, 8)), 'image/gif')).toBeNull();
    expect(whyNotExaminable(gif(10, 10, frame(0, 0, 400, 10)), 'image/gif')).toMatch(/outside/);
    expect(whyNotExaminable(gif(10, 10, frame(5, 0, 10, 10)), 'image/gif')).toMatch(/outside/);
  });
});

describe('a face box whose size is not a number', () => {
  // A detector answer of NaN or Infinity (a broken backend, a degenerate input) made the face
  // "smaller than the minimum" (NaN >= 32 is false) and the image was kept as having no
  // recognisable face. A face of unknown size may be any size: it counts (fail closed).
  it('counts as recognisable, and the record keeps a number for the largest face', () => {
    const odd: FaceScan = { status: 'examined', detector: DETECTOR, faces: [{ width: Number.NaN, height: 40 }, { width: 10, height: 12 }] };
    const r = judgePeople(odd, null, { people: 'refuse', minFacePx: 32 }, null);
    expect(r.evidence[0]).toMatchObject({ effect: 'deny', reason: 'person-no-release' });
    expect(r.people).toMatchObject({ faces: 2, largestFacePx: 10 });
  });
});

describe('a model release read from a file of several pictures', () => {
  // Heed reads plus:ModelReleaseStatus from every XMP packet in the file. In a file holding more
  // than the picture shown — an MPO's second picture, a thumbnail, bytes appended after the end —
  // an MR-UMR may be that other picture's, or planted where no viewer looks; before, it waived
  // the people rule for the face in the picture shown (and for one Heed could not examine).
  it('does not waive the people rule: the face is refused, and the evidence says why', () => {
    const appended = concat(jpeg(), jpeg({ segments: [] }));
    const doubt = whyReleaseMayNotCover(appended, 'image/jpeg');
    expect(doubt).toMatch(/after the end of the JPEG/);
    const found = judgePeople(portrait, 'MR-UMR', { people: 'refuse', minFacePx: 32 }, doubt);
    expect(found.evidence[0]).toMatchObject({ effect: 'deny', reason: 'person-no-release' });
    expect(found.evidence[0]!.note).toMatch(/MR-UMR.*not applied/);
    expect(found.people?.modelRelease).toBe('MR-UMR');
    expect(judgePeople(unchecked, 'MR-UMR', { people: 'refuse', minFacePx: 32 }, doubt).evidence[0]).toMatchObject({ effect: 'deny', reason: 'people-unchecked' });
  });

  it('a file of one picture keeps its release', () => {
    expect(whyReleaseMayNotCover(jpeg(), 'image/jpeg')).toBeNull();
    expect(whyReleaseMayNotCover(gif(1, 1), 'image/gif')).toBeNull();
    expect(judgePeople(portrait, 'MR-UMR', { people: 'refuse', minFacePx: 32 }, whyReleaseMayNotCover(jpeg(), 'image/jpeg')).evidence[0]).toMatchObject({ effect: 'allow' });
  });
});

describe('the people check never crashes on bad bytes', () => {
  // Any bytes under any claimed type: a reason or pictures, never an exception that would end the
  // collect (cut, flipped and junk bytes of every container the check walks).
  it('picturesToExamine answers for any bytes under any image type', async () => {
    const { default: fc } = await import('fast-check');
    const { IMAGE_MIME_TYPES } = await import('@/utils/media/image-bytes');
    const { colourUnderTransparency, decodePngColours } = await import('@/utils/media/transparency');
    const seeds = [jpeg({ segments: [jpegSegment(0xe2, concat(ascii('MPF\0MM\0*'), [0, 0, 0, 8, 0, 1, 0xb0, 2, 0, 7, 0, 0, 0, 32, 0, 0, 0, 26, 0, 0, 0, 0]))] }), png(), gif(1, 1), ascii('RIFF\x20\0\0\0WEBPVP8X\x0a\0\0\0\x10\0\0\0\0\0\0\0\0\0ALPH\x02\0\0\0\0\0'), ascii('\0\0\0\x14ftypavif\0\0\0\0mif1\0\0\0\x10meta\0\0\0\0\0\0\0\0')];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...seeds), fc.constantFrom(...IMAGE_MIME_TYPES), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }), fc.nat(), async (seed, mime, flips, cut) => {
      const b = Uint8Array.from(seed);
      for (const [at, value] of flips) b[at % b.length] = value;
      const bytes = b.subarray(0, cut % (b.length + 1));
      const found = picturesToExamine(bytes, mime);
      expect('why' in found ? typeof found.why : found.pictures.length).toBeTruthy();
      expect(['none', 'opaque-file', 'png-alpha', 'unreadable']).toContain(colourUnderTransparency(bytes, mime).kind);
      await decodePngColours(bytes);
    }), { numRuns: 1500 });
  });
});
