import { bytesEqual, jpegSegments, u16be } from './image-containers';

/** One more picture a file carries, as a file of its own for the browser to decode. */
export interface ExtraPicture {
  bytes: Uint8Array;
  mime: string;
  /** What it is, for a reason: "MPF picture 2", "EXIF thumbnail". */
  what: string;
}

/**
 * The pictures a file carries beyond the one a browser shows — every one of them is in a
 * dataset that keeps the file, and some tools show them (PIL opens an MPO as a sequence; file
 * browsers show EXIF thumbnails). The people check (DESIGN.md §2 rule 6) examines each, or,
 * when Heed cannot say what a file holds, the answer is a reason (`people-unchecked`, fail
 * closed): an MPF entry that does not point at a JPEG inside the file, bytes after the JPEG's
 * end that no MPF entry accounts for (an appended JPEG, a phone's motion-photo video), a JPEG
 * without its end marker. Never throws.
 */
export function extraPictures(bytes: Uint8Array, mime: string): { pictures: ExtraPicture[] } | { why: string } {
  if (mime === 'image/jpeg') return jpegExtraPictures(bytes);
  return { pictures: [] };
}

/** A TIFF structure (TIFF 6.0 §2) at `base` in `b`: endian-aware reads relative to its header. */
function tiffAt(b: Uint8Array, base: number) {
  const little = bytesEqual(b, base, 'II*\0');
  if (!little && !bytesEqual(b, base, 'MM\0*')) return null;
  const u16 = (at: number) => (at + 2 > b.length - base || at < 0 ? -1 : little ? b[base + at]! | (b[base + at + 1]! << 8) : u16be(b, base + at));
  const u32 = (at: number) => {
    if (at < 0 || at + 4 > b.length - base) return -1;
    const p = base + at;
    return little ? (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) + b[p + 3]! * 0x1000000 : b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
  };
  /** The IFD at `at`: each tag's value field offset (relative to the header), and the next IFD's offset. */
  const ifd = (at: number): { tags: Map<number, { count: number; field: number }>; next: number } | null => {
    const n = u16(at);
    if (n < 0 || at + 2 + 12 * n + 4 > b.length - base) return null;
    const tags = new Map<number, { count: number; field: number }>();
    for (let i = 0; i < n; i++) {
      const e = at + 2 + 12 * i;
      tags.set(u16(e), { count: u32(e + 4), field: e + 8 });
    }
    return { tags, next: u32(at + 2 + 12 * n) };
  };
  return { u16, u32, ifd, first: u32(4) };
}

/**
 * Just past the end marker (EOI) of the JPEG starting at `from`, or -1 when the bytes end first
 * or are not a JPEG: marker segments (T.81 §B.1), each scan's entropy-coded data up to the next
 * marker that is neither a stuffed 0xFF00 nor a restart marker (§B.1.1.5, §F.1.2.3).
 */
export function jpegEnd(b: Uint8Array, from = 0): number {
  if (b[from] !== 0xff || b[from + 1] !== 0xd8) return -1;
  let at = from + 2;
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) return -1;
    const m = b[at + 1]!;
    if (m === 0xff) { at++; continue; } // fill byte
    if (m === 0xd9) return at + 2;
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd8)) { at += 2; continue; }
    if (at + 4 > b.length) return -1;
    const len = u16be(b, at + 2);
    if (len < 2 || at + 2 + len > b.length) return -1;
    at += 2 + len;
    if (m !== 0xda) continue;
    for (;;) {
      at = b.indexOf(0xff, at);
      if (at < 0 || at + 1 >= b.length) return -1;
      const next = b[at + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at += 2;
      else if (next === 0xff) at++;
      else break;
    }
  }
  return -1;
}

/** MPF (CIPA DC-007 §5.2): tag 0xB002 MPEntry, 16 bytes per picture: attribute, size, offset (from the MPF header; 0 for the first). */
function mpfRanges(b: Uint8Array, payloadStart: number, payloadEnd: number): { from: number; to: number }[] | string {
  const base = payloadStart + 4;
  const tiff = tiffAt(b.subarray(0, payloadEnd), base);
  if (!tiff) return 'its MPF index has no readable header';
  const index = tiff.ifd(tiff.first);
  const entries = index?.tags.get(0xb002);
  if (!index || !entries) return 'its MPF index lists no pictures';
  const count = Math.floor(entries.count / 16);
  const at = tiff.u32(entries.field);
  const ranges: { from: number; to: number }[] = [];
  for (let i = 1; i < count; i++) {
    const size = tiff.u32(at + 16 * i + 4);
    const offset = tiff.u32(at + 16 * i + 8);
    if (size < 0 || offset < 0) return `its MPF entry ${i + 1} cannot be read`;
    const from = base + offset;
    if (offset === 0 || from + size > b.length || size < 4) return `its MPF entry ${i + 1} points outside the file`;
    ranges.push({ from, to: from + size });
  }
  return ranges;
}

/** EXIF IFD1's JPEGInterchangeFormat (0x0201) and its length (0x0202), EXIF 2.32 §4.5.5. */
function exifThumbnail(b: Uint8Array, payloadStart: number, payloadEnd: number): { from: number; to: number } | null {
  const base = payloadStart + 6;
  const tiff = tiffAt(b.subarray(0, payloadEnd), base);
  const ifd0 = tiff ? tiff.ifd(tiff.first) : null;
  const ifd1 = tiff && ifd0 && ifd0.next > 0 ? tiff.ifd(ifd0.next) : null;
  const offset = ifd1?.tags.get(0x0201);
  const length = ifd1?.tags.get(0x0202);
  if (!tiff || !offset || !length) return null;
  const from = base + tiff.u32(offset.field);
  const to = from + tiff.u32(length.field);
  return from > base && to > from && to <= payloadEnd ? { from, to } : null;
}

function jpegExtraPictures(b: Uint8Array): { pictures: ExtraPicture[] } | { why: string } {
  const end = jpegEnd(b);
  if (end < 0) return { why: 'the JPEG has no end marker (cut or damaged): what it holds cannot be told' };
  const pictures: ExtraPicture[] = [];
  const covered: { from: number; to: number }[] = [];
  for (const seg of jpegSegments(b).parts) {
    if (seg.type === 0xe2 && bytesEqual(b, seg.start, 'MPF\0')) {
      const ranges = mpfRanges(b, seg.start, b.length);
      if (typeof ranges === 'string') return { why: `the file is a multi-picture JPEG and ${ranges}` };
      for (const [i, r] of ranges.entries()) {
        if (jpegEnd(b, r.from) < 0) return { why: `the file is a multi-picture JPEG and its picture ${i + 2} is not a JPEG Heed can read` };
        pictures.push({ bytes: b.subarray(r.from, r.to), mime: 'image/jpeg', what: `picture ${i + 2} of a multi-picture JPEG` });
        covered.push(r);
      }
    }
    if (seg.type === 0xe1 && bytesEqual(b, seg.start, 'Exif\0\0')) {
      const thumb = exifThumbnail(b, seg.start, seg.end);
      if (thumb && b[thumb.from] === 0xff && b[thumb.from + 1] === 0xd8) pictures.push({ bytes: b.subarray(thumb.from, thumb.to), mime: 'image/jpeg', what: 'the EXIF thumbnail' });
    }
  }
  // Everything after the end marker must be an MPF picture or padding (zero or 0xFF bytes).
  for (let at = end; at < b.length; ) {
    const range = covered.find((r) => r.from <= at && at < r.to);
    if (range) { at = range.to; continue; }
    if (b[at] !== 0x00 && b[at] !== 0xff) return { why: `the file holds ${b.length - at} bytes after the end of the JPEG that no index names (another picture or a video may be there)` };
    at++;
  }
  return { pictures };
}
