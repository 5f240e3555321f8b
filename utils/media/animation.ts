import { bytesEqual, fourCC, isPng, isWebp, pngChunks, readBoxes, riffChunks, u32be } from './image-containers';

/**
 * Whether an image has more than one frame. The people check (DESIGN.md §2 rule 6) decodes one
 * frame; a face in any later frame of an animation would go unseen, so an animated image cannot
 * count as examined. Bytes that do not say plainly are `unknown`, never `still` (fail closed).
 */
export type Animation =
  | { kind: 'still' }
  /** `frames` when the file declares or lists them; null when only its brand says "sequence". */
  | { kind: 'animated'; frames: number | null }
  | { kind: 'unknown'; why: string };

const STILL: Animation = { kind: 'still' };
const unknown = (why: string): Animation => ({ kind: 'unknown', why });
const framesOf = (frames: number): Animation => (frames > 1 ? { kind: 'animated', frames } : STILL);

/** ISO-BMFF brands of image sequences: AVIF `avis` (AV1-ISOBMFF §8), HEIF `msf1`/`hevs` (ISO/IEC 23008-12 §10). */
const SEQUENCE_BRANDS = new Set(['avis', 'msf1', 'hevs', 'avcs']);

export function readAnimation(bytes: Uint8Array, mime: string): Animation {
  switch (mime) {
    case 'image/gif':
      return gifAnimation(bytes);
    case 'image/png':
      return pngAnimation(bytes);
    case 'image/webp':
      return webpAnimation(bytes);
    case 'image/avif':
    case 'image/heic':
    case 'image/heif':
      return bmffAnimation(bytes);
    default:
      // JPEG, BMP, ICO, TIFF and SVG have no frames over time (an SVG is not examined at all).
      return STILL;
  }
}

/** What one pass over a GIF found: its image descriptors, and where its trailer ends (null when none is reached, with why). */
export interface GifWalk {
  frames: number;
  end: number | null;
  why?: string;
  /** Some image reaches past the logical screen (browsers clip it there; Pillow may not). */
  outsideScreen: boolean;
}

/**
 * GIF89a §17–§27: header, logical screen descriptor, global colour table, then blocks —
 * extensions (0x21) and images (0x2C), each followed by data sub-blocks — until the trailer
 * (0x3B). Each image descriptor is a frame. One pass over the bytes; a cut or junk byte ends it.
 */
export function walkGif(b: Uint8Array): GifWalk {
  if (!bytesEqual(b, 0, 'GIF87a') && !bytesEqual(b, 0, 'GIF89a')) return { frames: 0, end: null, why: 'not a GIF', outsideScreen: false };
  if (b.length < 13) return { frames: 0, end: null, why: 'the GIF ends inside its header', outsideScreen: false };
  const le16 = (at: number) => b[at]! | (b[at + 1]! << 8);
  const [screenWidth, screenHeight] = [le16(6), le16(8)];
  let outsideScreen = false;
  const colourTable = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  let at = 13 + colourTable(b[10]!);
  let frames = 0;
  /** Skips data sub-blocks from `at` to past their zero terminator; -1 when the bytes end first. */
  const subBlocks = (from: number): number => {
    let p = from;
    while (p < b.length) {
      const size = b[p]!;
      if (size === 0) return p + 1;
      p += 1 + size;
    }
    return -1;
  };
  const ended = (why: string): GifWalk => ({ frames, end: null, why, outsideScreen });
  while (at < b.length) {
    const block = b[at]!;
    if (block === 0x3b) return { frames, end: at + 1, outsideScreen };
    if (block === 0x21) {
      const next = subBlocks(at + 2);
      if (next < 0) return ended('the GIF ends inside an extension block');
      at = next;
    } else if (block === 0x2c) {
      if (at + 10 > b.length) return ended('the GIF ends inside an image descriptor');
      frames++;
      // Image descriptor (§20): left, top, width, height, little-endian.
      outsideScreen ||= le16(at + 1) + le16(at + 5) > screenWidth || le16(at + 3) + le16(at + 7) > screenHeight;
      const next = subBlocks(at + 10 + colourTable(b[at + 9]!) + 1);
      if (next < 0) return ended('the GIF ends inside an image');
      at = next;
    } else {
      return ended(`the GIF has an unknown block (0x${block.toString(16)})`);
    }
  }
  return ended('the GIF ends without its trailer');
}

function gifAnimation(b: Uint8Array): Animation {
  const walk = walkGif(b);
  if (walk.end !== null) return framesOf(walk.frames);
  return walk.frames > 1 ? { kind: 'animated', frames: walk.frames } : unknown(walk.why ?? 'the GIF cannot be read');
}

/**
 * APNG (PNG 3rd ed. §11.3.6): `acTL` declares the frame count, each frame has an `fcTL`. When no
 * fcTL precedes IDAT, the default image is not a frame: an APNG-aware browser shows the first
 * fdAT frame, other decoders the IDAT image, so the file holds one picture more than it declares.
 * Decision (fail closed): the pictures are the larger of acTL's count and the fcTL chunks, plus
 * the default image when frame chunks are there and none precedes it; acTL, fcTL or fdAT anywhere count, also after IDAT,
 * where a strict decoder ignores them but the file still carries them.
 */
function pngAnimation(b: Uint8Array): Animation {
  if (!isPng(b)) return unknown('not a PNG');
  const walk = pngChunks(b);
  let declared = 0;
  let frameControls = 0;
  let frameData = false;
  let defaultIsFrame = false;
  let sawImage = false;
  for (const chunk of walk.parts) {
    if (chunk.type === 'acTL') {
      const frames = u32be(b, chunk.start);
      if (frames < 0) return unknown('the PNG has a cut acTL chunk');
      declared = Math.max(declared, frames);
    } else if (chunk.type === 'fcTL') {
      if (!sawImage) defaultIsFrame = true;
      frameControls++;
    } else if (chunk.type === 'fdAT') {
      frameData = true;
    } else if (chunk.type === 'IDAT') {
      sawImage = true;
    }
  }
  if (!sawImage) return unknown('the PNG ends before its image data');
  // No frame chunks at all: only the default image is there; acTL's count is all that says more.
  if (frameControls === 0 && !frameData) return framesOf(declared);
  const frames = Math.max(declared, frameControls, 1);
  return framesOf(defaultIsFrame ? frames : frames + 1);
}

/**
 * WebP container: the VP8X animation flag (bit 1), with one ANMF chunk per frame. Decision (fail
 * closed): the pictures are the ANMF frames plus every image chunk (VP8, VP8L) at the top level,
 * whatever the flag says — a clear flag does not take frames out of the file.
 */
function webpAnimation(b: Uint8Array): Animation {
  if (!isWebp(b)) return unknown('not a WebP');
  const walk = riffChunks(b);
  const first = walk.parts[0];
  if (!first) return unknown('the WebP has no chunks');
  const pictures = walk.parts.filter((p) => p.type === 'ANMF' || p.type === 'VP8 ' || p.type === 'VP8L').length;
  const flagged = first.type === 'VP8X' && b[first.start] !== undefined && (b[first.start]! & 0x02) !== 0;
  if (first.type === 'VP8X' && b[first.start] === undefined) return unknown('the WebP ends inside its VP8X chunk');
  // A cut file may hold fewer frames than it had: the flag says animation, so it stays one.
  if (flagged && !walk.complete) return { kind: 'animated', frames: Math.max(pictures, 2) };
  return framesOf(pictures);
}

/**
 * ISO-BMFF `ftyp` (ISO/IEC 14496-12 §4.3): a sequence brand, major or compatible; or a top-level
 * `moov` box, which holds tracks (an image sequence) whatever the brands say.
 */
function bmffAnimation(b: Uint8Array): Animation {
  const ftyp = readBoxes(b, 0, Math.min(b.length, 4096)).parts[0];
  if (!ftyp || ftyp.type !== 'ftyp' || ftyp.end - ftyp.start < 8) return unknown('no ftyp box');
  const brands = [fourCC(b, ftyp.start)];
  for (let at = ftyp.start + 8; at + 4 <= ftyp.end; at += 4) brands.push(fourCC(b, at));
  if (brands.some((brand) => SEQUENCE_BRANDS.has(brand))) return { kind: 'animated', frames: null };
  return readBoxes(b).parts.some((box) => box.type === 'moov') ? { kind: 'animated', frames: null } : STILL;
}
