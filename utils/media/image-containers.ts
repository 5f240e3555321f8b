/**
 * Bounded walkers over image container structures: JPEG marker segments (ITU T.81 §B.1.1),
 * PNG chunks (PNG 3rd ed. §5.3), RIFF chunks (WebP container spec), ISO-BMFF boxes
 * (ISO/IEC 14496-12 §4.2, the same header layout as JUMBF boxes, ISO/IEC 19566-5 §A) and the
 * images of an ICO file.
 *
 * Each walker reads only headers, never allocates from a declared length, advances by at least
 * one header per step and stops at a step cap, so junk or hostile bytes end the walk instead
 * of looping or throwing. `complete: false` says the walk stopped early (truncated or invalid).
 */

/** A part of the input: `[start, end)` is its payload; `type` its marker, chunk or box type. */
export interface Part<T = string> {
  type: T;
  /** Offset of the part's header. */
  offset: number;
  start: number;
  end: number;
}

export interface Walk<T = string> {
  parts: Part<T>[];
  complete: boolean;
}

/** More parts than any real image has; a cap, not a limit any valid file reaches. */
const MAX_PARTS = 100_000;

/** Unsigned big-endian 16-bit read, or -1 past the end. */
export function u16be(b: Uint8Array, at: number): number {
  if (at < 0 || at + 2 > b.length) return -1;
  return (b[at]! << 8) | b[at + 1]!;
}

/** Unsigned big-endian 32-bit read, or -1 past the end. */
export function u32be(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) return -1;
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

/** Unsigned little-endian 32-bit read, or -1 past the end. */
export function u32le(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) return -1;
  return ((b[at + 3]! << 24) >>> 0) + (b[at + 2]! << 16) + (b[at + 1]! << 8) + b[at]!;
}

/** Four bytes as Latin-1 text (chunk and box types), or '' past the end. */
export function fourCC(b: Uint8Array, at: number): string {
  if (at < 0 || at + 4 > b.length) return '';
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

/** `pieces` one after another in one new buffer. */
export function joinBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Whether `b` holds the Latin-1 string `s` at `at`. */
export function bytesEqual(b: Uint8Array, at: number, s: string): boolean {
  if (at < 0 || at + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Buffers from this size are searched as text (indexOfAscii). */
const LARGE_BYTES = 1 << 16;
const texts = new WeakMap<Uint8Array, string>();

/**
 * The bytes as a string of one character per byte, decoded once per buffer. `latin1` is
 * windows-1252 to TextDecoder: one UTF-16 unit per byte, and a byte maps to an ASCII character
 * only if it is that ASCII byte, so an ASCII needle is found exactly where the bytes hold it.
 */
function asText(b: Uint8Array): string {
  let text = texts.get(b);
  if (text === undefined) {
    text = new TextDecoder('latin1').decode(b);
    texts.set(b, text);
  }
  return text;
}

/** First index of the ASCII string `s` in `b` at or after `from`, or -1 (every caller's needle is ASCII). */
export function indexOfAscii(b: Uint8Array, s: string, from = 0): number {
  if (s.length === 0) return -1;
  // A large file is searched as text, decoded once: the engine's substring search skips ahead,
  // where the byte loop below tries every occurrence of the first character — a hostile 20 MB file
  // of `<` took ~0.7 s per search, and the packet scan makes several (issue 17; bad input must not
  // stall a collect).
  if (b.length >= LARGE_BYTES) return asText(b).indexOf(s, from);
  const c0 = s.charCodeAt(0);
  for (let i = b.indexOf(c0, from); i >= 0 && i + s.length <= b.length; i = b.indexOf(c0, i + 1)) {
    if (bytesEqual(b, i, s)) return i;
  }
  return -1;
}

/**
 * JPEG marker segments from SOI up to (not including) SOS, the part where metadata lives
 * (T.81 §B.2). `type` is the marker's second byte (0xE1 = APP1, 0xEB = APP11, 0xC0 = SOF0…).
 */
export function jpegSegments(b: Uint8Array): Walk<number> {
  const parts: Part<number>[] = [];
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return { parts, complete: false };
  let at = 2;
  while (parts.length < MAX_PARTS) {
    if (at >= b.length) return { parts, complete: false };
    if (b[at] !== 0xff) return { parts, complete: false };
    // Any number of 0xFF fill bytes may precede a marker (T.81 §B.1.1.2).
    while (at + 1 < b.length && b[at + 1] === 0xff) at++;
    const marker = b[at + 1];
    if (marker === undefined) return { parts, complete: false };
    if (marker === 0xda || marker === 0xd9) return { parts, complete: true };
    // Standalone markers without a length: TEM, RSTn, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    const len = u16be(b, at + 2);
    if (len < 2 || at + 2 + len > b.length) return { parts, complete: false };
    parts.push({ type: marker, offset: at, start: at + 4, end: at + 2 + len });
    at += 2 + len;
  }
  return { parts, complete: false };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether the bytes start with the PNG signature (PNG §5.2). */
export function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v);
}

/** PNG chunks up to and including IEND (PNG §5.3); lengths over 2^31-1 are invalid. */
export function pngChunks(b: Uint8Array): Walk {
  const parts: Part[] = [];
  if (!isPng(b)) return { parts, complete: false };
  let at = 8;
  while (parts.length < MAX_PARTS) {
    const len = u32be(b, at);
    if (len < 0 || len > 0x7fffffff) return { parts, complete: false };
    const type = fourCC(b, at + 4);
    const end = at + 8 + len;
    if (end + 4 > b.length) return { parts, complete: false };
    parts.push({ type, offset: at, start: at + 8, end });
    if (type === 'IEND') return { parts, complete: true };
    at = end + 4;
  }
  return { parts, complete: false };
}

/** Whether the bytes are a RIFF/WEBP file. */
export function isWebp(b: Uint8Array): boolean {
  return bytesEqual(b, 0, 'RIFF') && bytesEqual(b, 8, 'WEBP');
}

/** WebP RIFF chunks (WebP container spec: little-endian sizes, odd sizes padded to even). */
export function riffChunks(b: Uint8Array): Walk {
  const parts: Part[] = [];
  if (!isWebp(b)) return { parts, complete: false };
  const riffEnd = Math.min(b.length, 8 + Math.max(0, u32le(b, 4)));
  let at = 12;
  while (parts.length < MAX_PARTS) {
    if (at + 8 > riffEnd) return { parts, complete: at >= riffEnd };
    const type = fourCC(b, at);
    const size = u32le(b, at + 4);
    const end = at + 8 + size;
    if (size < 0 || end > riffEnd) return { parts, complete: false };
    parts.push({ type, offset: at, start: at + 8, end });
    at = end + (size & 1);
  }
  return { parts, complete: false };
}

/**
 * ISO-BMFF / JUMBF boxes in `[from, to)`: 32-bit LBox, 4-char TBox, 64-bit XLBox when LBox is
 * 1, and LBox 0 meaning "to the end" (ISO/IEC 14496-12 §4.2; ISO/IEC 19566-5 §A.1).
 */
export function readBoxes(b: Uint8Array, from = 0, to = b.length): Walk {
  const parts: Part[] = [];
  const limit = Math.min(to, b.length);
  let at = from;
  while (parts.length < MAX_PARTS) {
    if (at === limit) return { parts, complete: true };
    if (at + 8 > limit) return { parts, complete: false };
    let size = u32be(b, at);
    const type = fourCC(b, at + 4);
    let header = 8;
    if (size === 1) {
      const hi = u32be(b, at + 8);
      const lo = u32be(b, at + 12);
      if (hi < 0 || lo < 0 || hi > 0x1fffff) return { parts, complete: false };
      size = hi * 0x100000000 + lo;
      header = 16;
    } else if (size === 0) {
      size = limit - at;
    }
    if (size < header || at + size > limit) return { parts, complete: false };
    parts.push({ type, offset: at, start: at + header, end: at + size });
    at += size;
  }
  return { parts, complete: false };
}

/** Whether the bytes are an ICO or CUR file: ICONDIR reserved 0, type 1 (icon) or 2 (cursor). */
export function isIco(b: Uint8Array): boolean {
  return b.length >= 6 && u16be(b, 0) === 0 && (u16be(b, 2) === 0x0100 || u16be(b, 2) === 0x0200);
}

/**
 * The images of an ICO/CUR file (ICONDIR, then 16-byte ICONDIRENTRYs: image size at +8 and its
 * offset at +12, little-endian; Microsoft "Icons" docs). `type` is `png` for a PNG image (Vista
 * and later), `dib` for a bitmap. An entry pointing outside the file ends the walk incomplete.
 */
export function icoImages(b: Uint8Array): Walk {
  const parts: Part[] = [];
  if (!isIco(b)) return { parts, complete: false };
  const count = b[4]! | (b[5]! << 8);
  for (let i = 0; i < count && parts.length < MAX_PARTS; i++) {
    const entry = 6 + 16 * i;
    const size = u32le(b, entry + 8);
    const offset = u32le(b, entry + 12);
    if (size < 0 || offset < 0 || offset + size > b.length) return { parts, complete: false };
    parts.push({ type: isPng(b.subarray(offset, offset + size)) ? 'png' : 'dib', offset: entry, start: offset, end: offset + size });
  }
  return { parts, complete: true };
}
