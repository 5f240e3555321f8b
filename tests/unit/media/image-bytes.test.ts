import { describe, expect, it } from 'vitest';
import { readImageSize, sha256Hex, sniffImageType } from '../../../utils/media/image-bytes';
import { jpegSegments, pngChunks, readBoxes, riffChunks } from '../../../utils/media/image-containers';
import { ascii, box, concat, exifOrientationApp1, gif, isoBmff, jpeg, png, pngChunk, riffChunk, webp } from './image-fixtures';

const bmp = (w: number, h: number) =>
  concat(ascii('BM'), [0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0], [40, 0, 0, 0], [w & 255, w >> 8, 0, 0], [h & 255, h >> 8, 0, 0], [1, 0, 24, 0], new Array(24).fill(0));
const ico = concat([0, 0, 1, 0, 1, 0], [16, 32, 0, 0, 1, 0, 32, 0], [0, 0, 0, 0, 22, 0, 0, 0]);
const tiff = concat(ascii('MM'), [0, 42, 0, 0, 0, 8], [0, 2], [1, 0, 0, 3, 0, 0, 0, 1, 0, 9, 0, 0], [1, 1, 0, 3, 0, 0, 0, 1, 0, 4, 0, 0], [0, 0, 0, 0]);
const vp8l = (w: number, h: number) => {
  const bits = (w - 1) | ((h - 1) << 14);
  const data = Uint8Array.from([0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >>> 24) & 255]);
  const body = concat(ascii('WEBP'), riffChunk('VP8L', data));
  return concat(ascii('RIFF'), [body.length & 255, body.length >> 8, 0, 0], body);
};
const avif = concat(isoBmff('avif', undefined, ['mif1', 'miaf']),
  box('meta', concat([0, 0, 0, 0], box('iprp', box('ipco', box('ispe', Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 64, 0, 0, 0, 48])))))));
const svg = (s: string) => ascii(s);

describe('sniffImageType', () => {
  it.each<[string, Uint8Array, string | null]>([
    ['jpeg', jpeg(), 'image/jpeg'],
    ['png', png(), 'image/png'],
    ['gif', gif(), 'image/gif'],
    ['webp (VP8X)', webp(), 'image/webp'],
    ['webp (VP8L)', vp8l(9, 3), 'image/webp'],
    ['avif', avif, 'image/avif'],
    ['heic', isoBmff('heic'), 'image/heic'],
    ['heif via compatible brand', isoBmff('mif1', undefined, ['miaf']), 'image/heif'],
    ['avif via compatible brand', isoBmff('mif1', undefined, ['avif']), 'image/avif'],
    ['mp4 is not an image', isoBmff('isom', undefined, ['mp41']), null],
    ['bmp', bmp(4, 3), 'image/bmp'],
    ['ico', ico, 'image/x-icon'],
    ['tiff', tiff, 'image/tiff'],
    ['svg', svg('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"></svg>'), 'image/svg+xml'],
    ['svg with BOM, prolog, comment, doctype', svg('\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg viewBox="0 0 8 4"/>'), 'image/svg+xml'],
    ['svg with internal subset', svg('<!DOCTYPE svg [ <!ENTITY a "b"> ]><svg>'), 'image/svg+xml'],
    ['prefixed svg root', svg('<s:svg xmlns:s="http://www.w3.org/2000/svg"></s:svg>'), 'image/svg+xml'],
    ['html page', svg('<!doctype html><html><body><svg></svg></body></html>'), null],
    ['svg too deep into the file', svg(`<!--${'x'.repeat(5000)}--><svg>`), null],
    ['svgfoo is not svg', svg('<svgfoo>'), null],
    ['json', svg('{"a":1}'), null],
    ['text starting with BM', svg('BMW is a car maker, not a bitmap'), null],
    ['empty', new Uint8Array(), null],
    ['one byte', Uint8Array.from([0xff]), null],
    ['two JPEG bytes', Uint8Array.from([0xff, 0xd8]), null],
    ['junk', Uint8Array.from({ length: 512 }, (_, i) => (i * 37) & 255), null],
  ])('%s', (_name, bytes, mime) => {
    expect(sniffImageType(bytes)).toBe(mime);
  });
});

describe('readImageSize', () => {
  it.each<[string, Uint8Array, string, { width: number; height: number } | null]>([
    ['jpeg SOF0', jpeg({ width: 640, height: 480 }), 'image/jpeg', { width: 640, height: 480 }],
    ['jpeg progressive SOF2', jpeg({ width: 33, height: 44, sof: 0xc2 }), 'image/jpeg', { width: 33, height: 44 }],
    ['jpeg arithmetic SOF9 (fallback reader)', jpeg({ width: 31, height: 17, sof: 0xc9 }), 'image/jpeg', { width: 31, height: 17 }],
    ['jpeg EXIF orientation 6 swaps', jpeg({ width: 640, height: 480, segments: [exifOrientationApp1(6)] }), 'image/jpeg', { width: 480, height: 640 }],
    ['png', png({ width: 300, height: 200 }), 'image/png', { width: 300, height: 200 }],
    ['png claiming 1e9 width (header only, nothing decoded)', png({ width: 1e9, height: 1 }), 'image/png', { width: 1e9, height: 1 }],
    ['png zero width', png({ width: 0, height: 5 }), 'image/png', null],
    ['gif', gif(7, 6), 'image/gif', { width: 7, height: 6 }],
    ['webp VP8X', webp({ width: 1000, height: 2 }), 'image/webp', { width: 1000, height: 2 }],
    ['webp VP8L', vp8l(9, 3), 'image/webp', { width: 9, height: 3 }],
    ['avif ispe', avif, 'image/avif', { width: 64, height: 48 }],
    ['bmp', bmp(4, 3), 'image/bmp', { width: 4, height: 3 }],
    ['ico', ico, 'image/x-icon', { width: 16, height: 32 }],
    ['tiff', tiff, 'image/tiff', { width: 9, height: 4 }],
    ['svg width/height', svg('<svg width="40" height="20"></svg>'), 'image/svg+xml', { width: 40, height: 20 }],
    ['svg viewBox', svg('<svg viewBox="0 0 8 4"></svg>'), 'image/svg+xml', { width: 8, height: 4 }],
    ['svg without size', svg('<svg></svg>'), 'image/svg+xml', null],
    ['wrong mime', png(), 'image/gif', null],
    ['unknown mime', png(), 'application/pdf', null],
  ])('%s', (_name, bytes, mime, size) => {
    expect(readImageSize(bytes, mime)).toEqual(size);
  });

  const truncations: [string, Uint8Array][] = [
    ['jpeg', jpeg({ width: 640, height: 480 })],
    ['png', png()],
    ['gif', gif()],
    ['webp', webp()],
    ['avif', avif],
    ['bmp', bmp(4, 3)],
    ['tiff', tiff],
  ];
  it.each(truncations)('never throws on any truncation of a %s', (_name, full) => {
    const mime = sniffImageType(full)!;
    for (let n = 0; n < full.length; n++) {
      const cut = full.subarray(0, n);
      expect(() => readImageSize(cut, mime)).not.toThrow();
      expect(() => sniffImageType(cut)).not.toThrow();
    }
  });

  it('returns null for junk, a single byte and empty input under every mime', () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 255);
    for (const mime of ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/x-icon', 'image/tiff', 'image/svg+xml']) {
      for (const bytes of [junk, Uint8Array.from([0xff]), new Uint8Array()]) {
        expect(() => readImageSize(bytes, mime)).not.toThrow();
      }
      expect(readImageSize(new Uint8Array(), mime)).toBeNull();
    }
  });

  it('truncated JPEG before the frame header → null', () => {
    const full = jpeg({ width: 640, height: 480, segments: [exifOrientationApp1(1)] });
    expect(readImageSize(full.subarray(0, 30), 'image/jpeg')).toBeNull();
  });

  it('reads a JPEG that is a view into a larger buffer', () => {
    const full = concat(new Uint8Array(13), jpeg({ width: 12, height: 34 }));
    expect(readImageSize(full.subarray(13), 'image/jpeg')).toEqual({ width: 12, height: 34 });
  });
});

describe('container walkers stay bounded on hostile input', () => {
  it('JPEG: zero-length segments, fill bytes, runaway lengths', () => {
    expect(jpegSegments(Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x00])).complete).toBe(false);
    expect(jpegSegments(Uint8Array.from([0xff, 0xd8, 0xff, 0xff, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9])).parts).toHaveLength(1);
    expect(jpegSegments(Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 1, 2])).complete).toBe(false);
    expect(jpegSegments(concat([0xff, 0xd8], new Uint8Array(100_000).fill(0xff))).complete).toBe(false);
  });
  it('PNG: a chunk claiming 4 GB ends the walk', () => {
    const bad = concat(png().subarray(0, 33), [0xff, 0xff, 0xff, 0xff], ascii('tEXt'));
    expect(pngChunks(bad)).toEqual({ parts: [expect.objectContaining({ type: 'IHDR' })], complete: false });
    expect(pngChunks(png({ chunks: [pngChunk('tEXt', ascii('a\0b'))] })).parts.map((p) => p.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
  });
  it('RIFF: a chunk longer than the file ends the walk', () => {
    const w = webp();
    const bad = concat(w, ascii('XMP '), [0xff, 0xff, 0xff, 0x7f]);
    bad.set([(bad.length - 8) & 255, ((bad.length - 8) >> 8) & 255, 0, 0], 4);
    expect(riffChunks(bad).complete).toBe(false);
  });
  it('boxes: LBox below 8, 64-bit sizes past the end, LBox 0 to the end', () => {
    expect(readBoxes(Uint8Array.from([0, 0, 0, 4, 0x66, 0x72, 0x65, 0x65])).complete).toBe(false);
    expect(readBoxes(Uint8Array.from([0, 0, 0, 1, 0x66, 0x72, 0x65, 0x65, 0, 0, 0, 1, 0, 0, 0, 0])).complete).toBe(false);
    expect(readBoxes(Uint8Array.from([0, 0, 0, 0, 0x66, 0x72, 0x65, 0x65, 1, 2, 3])).parts).toEqual([{ type: 'free', offset: 0, start: 8, end: 11 }]);
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('%j', async (text, hex) => {
    expect(await sha256Hex(ascii(text))).toBe(hex);
  });
  it('hashes only the view, not the whole underlying buffer', async () => {
    const buf = ascii('xxabcxx');
    expect(await sha256Hex(buf.subarray(2, 5))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
