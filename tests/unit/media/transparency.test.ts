import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngChunks, riffChunks } from '../../../utils/media/image-containers';
import { colourUnderTransparency, decodePngColours } from '../../../utils/media/transparency';
import { ascii, concat, gif, isoBmff, jpeg, png, pngChunk, riffChunk, webp } from './image-fixtures';

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** A real PNG of `width` × `height` with colour type `colourType` and the given scanlines (filter byte first). */
function pngOf(width: number, height: number, colourType: number, bitDepth: number, scanlines: number[][], interlace = 0, extra: Uint8Array[] = []): Uint8Array {
  const ihdr = pngChunk('IHDR', Uint8Array.from([...be32(width), ...be32(height), bitDepth, colourType, 0, 0, interlace]));
  const raw = Uint8Array.from(scanlines.flat());
  const z = deflateSync(raw);
  // Two IDAT chunks: the data is one zlib stream across them (PNG §11.2.4).
  const half = z.length >> 1;
  return concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ihdr, ...extra, pngChunk('IDAT', z.subarray(0, half)), pngChunk('IDAT', z.subarray(half)), pngChunk('IEND', new Uint8Array()));
}

describe('colourUnderTransparency: how the colour hidden under transparent pixels is read', () => {
  it('a JPEG has none to hide; a GIF hides one flat colour (its transparent index), never a picture', () => {
    expect(colourUnderTransparency(jpeg(), 'image/jpeg')).toEqual({ kind: 'none' });
    expect(colourUnderTransparency(gif(1, 1), 'image/gif')).toEqual({ kind: 'none' });
  });

  // A palette PNG can give many palette entries alpha 0 in tRNS, each with its own colour: a face
  // drawn in them is invisible to a viewer and to a canvas, and whole in the file. Without tRNS
  // the browser decodes those colours.
  it('a PNG whose transparency is a tRNS chunk: the same file without tRNS', () => {
    const plte = pngChunk('PLTE', Uint8Array.from([0, 0, 0, 255, 255, 255]));
    const trns = pngChunk('tRNS', Uint8Array.from([0, 0]));
    const file = pngOf(2, 1, 3, 8, [[0, 0, 1]], 0, [plte, trns]);
    const read = colourUnderTransparency(file, 'image/png');
    expect(read.kind).toBe('opaque-file');
    if (read.kind !== 'opaque-file') return;
    expect(pngChunks(read.bytes).parts.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IDAT', 'IEND']);
    expect(read.mime).toBe('image/png');
  });

  it('a PNG with an alpha channel (colour type 4 or 6) is decoded by Heed; a PNG without transparency has none', () => {
    expect(colourUnderTransparency(pngOf(1, 1, 6, 8, [[0, 1, 2, 3, 0]]), 'image/png')).toEqual({ kind: 'png-alpha' });
    expect(colourUnderTransparency(pngOf(1, 1, 4, 8, [[0, 1, 0]]), 'image/png')).toEqual({ kind: 'png-alpha' });
    expect(colourUnderTransparency(pngOf(1, 1, 2, 8, [[0, 1, 2, 3]]), 'image/png')).toEqual({ kind: 'none' });
  });

  it('a lossy WebP with an ALPH chunk: the same file without ALPH and without the VP8X alpha flag', () => {
    const file = webp({ chunks: [riffChunk('ALPH', new Uint8Array(5)), riffChunk('VP8 ', new Uint8Array(10))] });
    file[20] = 0x10; // VP8X flags: alpha
    const read = colourUnderTransparency(file, 'image/webp');
    expect(read.kind).toBe('opaque-file');
    if (read.kind !== 'opaque-file') return;
    const walk = riffChunks(read.bytes);
    expect(walk.complete).toBe(true);
    expect(walk.parts.map((c) => c.type)).toEqual(['VP8X', 'VP8 ']);
    expect(read.bytes[20]! & 0x10).toBe(0);
  });

  it('formats whose hidden colour Heed cannot read (lossless WebP, AVIF/HEIF alpha items, BMP, ICO, TIFF) say why', () => {
    const lossless = webp({ chunks: [riffChunk('VP8L', new Uint8Array(10))] });
    expect(colourUnderTransparency(lossless, 'image/webp')).toMatchObject({ kind: 'unreadable' });
    expect(colourUnderTransparency(isoBmff('avif'), 'image/avif')).toMatchObject({ kind: 'unreadable' });
    expect(colourUnderTransparency(ascii('BM'), 'image/bmp')).toMatchObject({ kind: 'unreadable' });
    expect(colourUnderTransparency(new Uint8Array(0), 'image/png')).toMatchObject({ kind: 'unreadable' });
  });
});

describe('decodePngColours: a PNG with alpha, its colours as a dataset that drops alpha gets them', () => {
  it('keeps the colour under alpha 0 (which a canvas loses), every filter type, 8 and 16 bits', async () => {
    // 2×5 RGBA, one row per filter type (None, Sub, Up, Average, Paeth), every alpha 0.
    const rows = [
      [0, 10, 20, 30, 0, 40, 50, 60, 0],
      [1, 11, 21, 31, 0, 1, 1, 1, 0],
      [2, 1, 1, 1, 0, 1, 1, 1, 0],
      [3, 5, 5, 5, 0, 200, 200, 200, 0],
      [4, 0, 0, 0, 0, 0, 0, 0, 0],
    ];
    const decoded = await decodePngColours(pngOf(2, 5, 6, 8, rows));
    expect('why' in decoded).toBe(false);
    if ('why' in decoded) return;
    const px = (x: number, y: number) => Array.from(decoded.data.subarray((y * 2 + x) * 4, (y * 2 + x) * 4 + 4));
    expect(px(0, 0)).toEqual([10, 20, 30, 255]);
    expect(px(1, 0)).toEqual([40, 50, 60, 255]);
    expect(px(0, 1)).toEqual([11, 21, 31, 255]);
    expect(px(1, 1)).toEqual([12, 22, 32, 255]); // Sub: + left
    expect(px(0, 2)).toEqual([12, 22, 32, 255]); // Up: + above
    expect(px(1, 2)).toEqual([13, 23, 33, 255]);
    expect(px(0, 3)).toEqual([11, 16, 21, 255]); // Average: + floor(above / 2), no left
    expect(px(1, 3)).toEqual([(200 + ((11 + 13) >> 1)) & 255, (200 + ((16 + 23) >> 1)) & 255, (200 + ((21 + 33) >> 1)) & 255, 255]);
    expect(px(0, 4)).toEqual([11, 16, 21, 255]); // Paeth with no left: above
    const grey16 = await decodePngColours(pngOf(1, 1, 4, 16, [[0, 0x9a, 0xbc, 0, 0]]));
    expect('why' in grey16 ? grey16.why : Array.from(grey16.data)).toEqual([0x9a, 0x9a, 0x9a, 255]);
  });

  it('a cut, junk or interlaced PNG answers why, never throws', async () => {
    const good = pngOf(2, 1, 6, 8, [[0, 1, 2, 3, 0, 4, 5, 6, 0]]);
    expect(await decodePngColours(good.subarray(0, good.length - 20))).toHaveProperty('why');
    expect(await decodePngColours(pngOf(2, 1, 6, 8, [[0, 1, 2, 3, 0]]))).toHaveProperty('why'); // too few bytes for the declared size
    expect(await decodePngColours(pngOf(1, 1, 6, 8, [[9, 1, 2, 3, 0]]))).toHaveProperty('why'); // no filter type 9
    expect(await decodePngColours(pngOf(1, 1, 6, 8, [[0, 1, 2, 3, 0]], 1))).toHaveProperty('why');
    expect(await decodePngColours(concat(png(), ascii('junk')))).toHaveProperty('why');
  });

  // A small file can declare 60 megapixels at 16 bits: 480 MB of image data before a byte of it
  // is read, on the worker that runs the collect. Past the cap it is not decoded (fail closed).
  it('a PNG whose image data would take more than Heed decodes for it answers why, without decoding', async () => {
    const big = pngOf(10_000, 6_000, 6, 16, [[0]]);
    expect(await decodePngColours(big)).toMatchObject({ why: expect.stringMatching(/more than .* MB/) });
  });
});
