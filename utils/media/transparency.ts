import { isPng, isWebp, pngChunks, riffChunks, u32be } from './image-containers';

/**
 * The colour a file keeps under its transparent pixels. A viewer does not see it, and a canvas
 * does not keep it (a 2D canvas stores premultiplied alpha: under alpha 0 every colour is
 * black), but a dataset that drops alpha gets it whole — a face drawn there, invisible on the
 * page, is in the training data. The people check (DESIGN.md §2 rule 6) must examine it too:
 *
 * - `none`: the file cannot hide a picture under transparency (no alpha; a GIF's transparent
 *   index is one palette colour, so everything it hides is one flat colour);
 * - `opaque-file`: the same file with its transparency removed, for the browser to decode (a
 *   PNG's `tRNS` chunk, a lossy WebP's `ALPH` chunk and its VP8X alpha flag);
 * - `png-alpha`: a PNG with an alpha channel (colour type 4 or 6), whose colours Heed decodes
 *   itself (`decodePngColours`);
 * - `unreadable`: Heed cannot read the hidden colour (alpha inside a lossless WebP's own data,
 *   an AVIF/HEIF alpha item, BMP/ICO/TIFF alpha, bytes it cannot walk). Decision (fail closed):
 *   such an image with any pixel not opaque is `people-unchecked`.
 */
export type HiddenColour =
  | { kind: 'none' }
  | { kind: 'opaque-file'; bytes: Uint8Array; mime: string }
  | { kind: 'png-alpha' }
  | { kind: 'unreadable'; why: string };

const NONE: HiddenColour = { kind: 'none' };
const unreadable = (why: string): HiddenColour => ({ kind: 'unreadable', why });

export function colourUnderTransparency(bytes: Uint8Array, mime: string): HiddenColour {
  switch (mime) {
    case 'image/jpeg':
    case 'image/gif':
      return NONE;
    case 'image/png':
      return pngHiddenColour(bytes);
    case 'image/webp':
      return webpHiddenColour(bytes);
    default:
      return unreadable(`Heed cannot read the colours under the transparent pixels of an ${mime} image`);
  }
}

/** The bytes without the parts in `drop` ([start, end) ranges, in order). */
function without(bytes: Uint8Array, drop: readonly { from: number; to: number }[]): Uint8Array {
  const kept = bytes.length - drop.reduce((n, d) => n + d.to - d.from, 0);
  const out = new Uint8Array(kept);
  let at = 0;
  let from = 0;
  for (const d of drop) {
    out.set(bytes.subarray(from, d.from), at);
    at += d.from - from;
    from = d.to;
  }
  out.set(bytes.subarray(from), at);
  return out;
}

/** PNG 3rd ed. §11.2.1 (IHDR colour type at byte 25) and §11.3.2.1 (tRNS). */
function pngHiddenColour(b: Uint8Array): HiddenColour {
  const walk = pngChunks(b);
  const ihdr = walk.parts[0];
  if (!isPng(b) || !ihdr || ihdr.type !== 'IHDR' || ihdr.end - ihdr.start < 13) return unreadable('the PNG has no readable header');
  const colourType = b[ihdr.start + 9]!;
  if (colourType === 4 || colourType === 6) return { kind: 'png-alpha' };
  const trns = walk.parts.filter((c) => c.type === 'tRNS');
  if (trns.length === 0) return walk.complete ? NONE : unreadable('the PNG is cut before its end');
  // The whole chunk goes: length, type, data and CRC.
  return { kind: 'opaque-file', bytes: without(b, trns.map((c) => ({ from: c.offset, to: c.end + 4 }))), mime: 'image/png' };
}

/** WebP container: VP8X flag 0x10 = alpha; `ALPH` holds a lossy image's alpha; `VP8L` carries its own. */
function webpHiddenColour(b: Uint8Array): HiddenColour {
  const walk = riffChunks(b);
  if (!isWebp(b) || walk.parts.length === 0) return unreadable('the WebP has no readable chunks');
  if (walk.parts.some((c) => c.type === 'VP8L')) return unreadable('a lossless WebP keeps its alpha inside its image data, where Heed cannot separate it');
  const alph = walk.parts.filter((c) => c.type === 'ALPH');
  if (alph.length === 0) return NONE;
  const out = without(b, alph.map((c) => ({ from: c.offset, to: c.end + ((c.end - c.start) & 1) })));
  const vp8x = walk.parts[0]!;
  if (vp8x.type === 'VP8X') out[vp8x.start] = out[vp8x.start]! & ~0x10;
  const riffSize = out.length - 8;
  out.set([riffSize & 255, (riffSize >> 8) & 255, (riffSize >> 16) & 255, (riffSize >>> 24) & 255], 4);
  return { kind: 'opaque-file', bytes: out, mime: 'image/webp' };
}

/**
 * The most decompressed PNG image data `decodePngColours` holds (plus its RGBA output, up to as
 * much again): a 32-megapixel 8-bit RGBA PNG. Past it the colours are not read (fail closed).
 */
export const MAX_PNG_DATA_BYTES = 128 * 2 ** 20;

/** RGBA pixels, alpha set to 255. */
export interface OpaqueColours {
  data: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

/**
 * A PNG with an alpha channel (colour type 4 or 6, 8 or 16 bits; PNG 3rd ed. §7–§9), decoded
 * to its colours with alpha dropped — what a dataset that ignores alpha gets. Interlaced PNGs
 * and anything that does not decode cleanly answer why (the caller fails closed); never throws.
 * The caller has checked the declared size against what it decodes (people.ts MAX_DECODED_PIXELS).
 */
export async function decodePngColours(b: Uint8Array): Promise<OpaqueColours | { why: string }> {
  const walk = pngChunks(b);
  const ihdr = walk.parts[0];
  if (!walk.complete || !ihdr || ihdr.type !== 'IHDR' || ihdr.end - ihdr.start < 13) return { why: 'the PNG is cut or has no readable header' };
  const width = u32be(b, ihdr.start);
  const height = u32be(b, ihdr.start + 4);
  const [depth, colourType, , , interlace] = b.subarray(ihdr.start + 8, ihdr.start + 13);
  const channels = colourType === 6 ? 4 : colourType === 4 ? 2 : 0;
  if (channels === 0 || (depth !== 8 && depth !== 16)) return { why: `a PNG of colour type ${colourType} at ${depth} bits is not one Heed decodes itself` };
  if (interlace !== 0) return { why: 'an interlaced PNG with transparency: Heed cannot read the colours under its transparent pixels' };
  if (!(width >= 1 && height >= 1)) return { why: 'the PNG declares no pixels' };
  const sample = depth / 8;
  const bpp = channels * sample;
  const stride = width * bpp;
  const expected = height * (stride + 1);
  if (expected > MAX_PNG_DATA_BYTES) return { why: `its image data would take ${Math.round(expected / 2 ** 20)} MB, more than the ${MAX_PNG_DATA_BYTES / 2 ** 20} MB Heed decodes to read the colours under transparency` };
  const raw = await inflate(walk.parts.filter((c) => c.type === 'IDAT').map((c) => b.subarray(c.start, c.end)), expected);
  if (!raw) return { why: 'the PNG image data does not decompress to its declared size' };
  const data = new Uint8ClampedArray(width * height * 4);
  let previous: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    if (!unfilter(filter, line, previous, bpp)) return { why: `the PNG has an unknown filter type (${filter})` };
    for (let x = 0; x < width; x++) {
      const p = x * bpp;
      const o = (y * width + x) * 4;
      // The high byte of each sample (16-bit samples are big-endian, PNG §7.1).
      const grey = line[p]!;
      data[o] = grey;
      data[o + 1] = channels === 4 ? line[p + sample]! : grey;
      data[o + 2] = channels === 4 ? line[p + 2 * sample]! : grey;
      data[o + 3] = 255;
    }
    previous = line;
  }
  return { data, width, height };
}

/** PNG §9.2 filters, undone in place on `line`; false for an unknown filter type. */
function unfilter(filter: number, line: Uint8Array, above: Uint8Array, bpp: number): boolean {
  for (let i = 0; i < line.length; i++) {
    const a = i >= bpp ? line[i - bpp]! : 0;
    const b = above[i]!;
    const c = i >= bpp ? above[i - bpp]! : 0;
    switch (filter) {
      case 0: break;
      case 1: line[i] = line[i]! + a; break;
      case 2: line[i] = line[i]! + b; break;
      case 3: line[i] = line[i]! + ((a + b) >> 1); break;
      case 4: {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        line[i] = line[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
        break;
      }
      default: return false;
    }
  }
  return true;
}

/**
 * The zlib stream split over `parts`, inflated, or null when it does not give exactly
 * `expected` bytes. Reading stops past `expected`, so a small stream that inflates to gigabytes
 * costs no more than the image's own size.
 */
async function inflate(parts: Uint8Array[], expected: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const out = new Uint8Array(expected);
  let at = 0;
  try {
    const stream = new Blob(parts as BlobPart[]).stream().pipeThrough(new DecompressionStream('deflate'));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > expected) {
        await reader.cancel();
        return null;
      }
      out.set(value, at);
      at += value.length;
    }
  } catch {
    return null;
  }
  return at === expected ? out : null;
}
