/**
 * What a fetched file is, how big it is, and its fingerprint — from the bytes alone, never
 * from the Content-Type header or the URL (a server may lie; DESIGN.md §2 rule 5:
 * `not-an-image`). Pure functions over Uint8Array; they run in the MV3 service worker and in
 * Node, and return null on truncated or junk input instead of throwing.
 *
 * Dimensions come from `image-size` (2.1.0, pinned): its per-format readers take a Uint8Array
 * and use only DataView/TextDecoder, so they bundle for a service worker (its Node-only
 * `fs` reader lives in the separate `image-size/fromFile` entry, which Heed never imports).
 * We import the handlers per format, so a bundle carries only the ~10 readers used here.
 */
import { BMP } from 'image-size/types/bmp';
import { GIF } from 'image-size/types/gif';
import { HEIF } from 'image-size/types/heif';
import { ICO } from 'image-size/types/ico';
import type { IImage } from 'image-size/types/interface';
import { JPG } from 'image-size/types/jpg';
import { PNG } from 'image-size/types/png';
import { SVG } from 'image-size/types/svg';
import { TIFF } from 'image-size/types/tiff';
import { WEBP } from 'image-size/types/webp';
import { bytesEqual, fourCC, jpegSegments, u16be, u32be, u32le } from './image-containers';

/** MIME types `sniffImageType` returns. */
export const IMAGE_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/heic',
  'image/heif',
  'image/bmp',
  'image/x-icon',
  'image/tiff',
  'image/svg+xml',
] as const;
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];

/** How far into a text file the `<svg` root may start (prolog, comments, doctype). */
const SVG_SNIFF_BYTES = 4096;

// ISO-BMFF `ftyp` brands (ISO/IEC 23008-12 Annex B; AV1 Image File Format §7).
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2']);

/** BITMAPINFOHEADER family sizes (core, v1, v2, v3, OS/2 v2, v4, v5). */
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function sniffIsoBmff(b: Uint8Array): ImageMimeType | null {
  if (fourCC(b, 4) !== 'ftyp') return null;
  const size = u32be(b, 0);
  if (size < 16) return null;
  const end = Math.min(size, b.length, 4096);
  const brands = [fourCC(b, 8)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(fourCC(b, at));
  if (brands.some((x) => AVIF_BRANDS.has(x))) return 'image/avif';
  if (brands.some((x) => HEIC_BRANDS.has(x))) return 'image/heic';
  if (brands.some((x) => HEIF_BRANDS.has(x))) return 'image/heif';
  return null;
}

/**
 * An SVG root after an optional BOM, XML declaration, comments, processing instructions,
 * whitespace and a doctype (SVG 2 §5.1; XML 1.0 §2.8 prolog). Bounded to SVG_SNIFF_BYTES.
 */
function sniffSvg(b: Uint8Array): boolean {
  const head = b.subarray(0, SVG_SNIFF_BYTES);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Each step consumes at least one character, so this loop ends within the text's length.
  while (at < text.length) {
    const c = text[at]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      at++;
    } else if (text.startsWith('<!--', at)) {
      const close = text.indexOf('-->', at + 4);
      if (close < 0) return false;
      at = close + 3;
    } else if (text.startsWith('<?', at)) {
      const close = text.indexOf('?>', at + 2);
      if (close < 0) return false;
      at = close + 2;
    } else if (text.startsWith('<!DOCTYPE', at) || text.startsWith('<!doctype', at)) {
      const bracket = text.indexOf('[', at);
      const gt = text.indexOf('>', at);
      if (gt < 0) return false;
      if (bracket >= 0 && bracket < gt) {
        const subsetEnd = text.indexOf(']', bracket);
        if (subsetEnd < 0) return false;
        const close = text.indexOf('>', subsetEnd);
        if (close < 0) return false;
        at = close + 1;
      } else {
        at = gt + 1;
      }
    } else {
      return /^<svg[\s>/]/.test(text.slice(at, at + 5)) || /^<[A-Za-z_][\w.-]*:svg[\s>/]/.test(text.slice(at, at + 64));
    }
  }
  return false;
}

/** The image MIME type from magic numbers, or null (`not-an-image`). */
export function sniffImageType(bytes: Uint8Array): ImageMimeType | null {
  const b = bytes;
  if (b.length < 2) return null;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a) return 'image/png';
  if (bytesEqual(b, 0, 'GIF87a') || bytesEqual(b, 0, 'GIF89a')) return 'image/gif';
  if (bytesEqual(b, 0, 'RIFF') && bytesEqual(b, 8, 'WEBP')) return 'image/webp';
  const iso = sniffIsoBmff(b);
  if (iso) return iso;
  if (bytesEqual(b, 0, 'BM') && BMP_DIB_SIZES.has(u32le(b, 14))) return 'image/bmp';
  // ICONDIR: reserved 0, type 1 (icon), at least one image (ICO format, MS "Icons" docs).
  if (u16be(b, 0) === 0 && u16be(b, 2) === 0x0100 && b.length >= 6 && (b[4]! | (b[5]! << 8)) > 0) return 'image/x-icon';
  if (bytesEqual(b, 0, 'II*\0') || bytesEqual(b, 0, 'MM\0*')) return 'image/tiff';
  if (sniffSvg(b)) return 'image/svg+xml';
  return null;
}

const READERS: Record<ImageMimeType, IImage> = {
  'image/jpeg': JPG,
  'image/png': PNG,
  'image/gif': GIF,
  'image/webp': WEBP,
  'image/avif': HEIF,
  'image/heic': HEIF,
  'image/heif': HEIF,
  'image/bmp': BMP,
  'image/x-icon': ICO,
  'image/tiff': TIFF,
  'image/svg+xml': SVG,
};

function isDimension(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 && Number.isInteger(n);
}

/**
 * image-size 2.1.0 reads only SOF0–SOF2; lossless, hierarchical and arithmetic-coded JPEGs
 * (SOF3, SOF5–SOF7, SOF9–SOF11, SOF13–SOF15; T.81 Table B.1) fall back to this frame-header read.
 */
function jpegFrameSize(b: Uint8Array): { width: number; height: number } | null {
  for (const seg of jpegSegments(b).parts) {
    const m = seg.type;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      const height = u16be(b, seg.start + 1);
      const width = u16be(b, seg.start + 3);
      return isDimension(width) && isDimension(height) && seg.end - seg.start >= 6 ? { width, height } : null;
    }
  }
  return null;
}

/**
 * Pixel dimensions from the image header (JPEG: as displayed, EXIF orientations 5–8 swap
 * them), or null when the header is truncated, junk, or not of type `mime`. Reads headers only.
 */
export function readImageSize(bytes: Uint8Array, mime: string): { width: number; height: number } | null {
  const reader = (READERS as Record<string, IImage | undefined>)[mime];
  // Read only what the bytes really are: a reader fed another format returns garbage numbers.
  const actual = sniffImageType(bytes);
  if (!reader || !actual || READERS[actual] !== reader) return null;
  try {
    const size = reader.calculate(bytes);
    if (isDimension(size.width) && isDimension(size.height)) {
      const swap = mime === 'image/jpeg' && size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8;
      return swap ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
    }
  } catch {
    // Truncated or malformed: image-size throws TypeError/RangeError; fall through.
  }
  return mime === 'image/jpeg' ? jpegFrameSize(bytes) : null;
}

/**
 * The EXIF orientation (1–8, EXIF 2.32 §4.6.4) a JPEG declares, which browsers apply when they
 * decode it; 1 (as stored) for another type, none, or a header Heed cannot read.
 */
export function exifOrientation(bytes: Uint8Array, mime: string): number {
  if (mime !== 'image/jpeg' || sniffImageType(bytes) !== 'image/jpeg') return 1;
  try {
    return JPG.calculate(bytes).orientation ?? 1;
  } catch {
    return 1;
  }
}

/** Lower-case hex SHA-256 of the bytes (Web Crypto; Node 20+ exposes it as globalThis.crypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Web Crypto takes an ArrayBuffer-backed view; copy a SharedArrayBuffer-backed one.
  const data = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
