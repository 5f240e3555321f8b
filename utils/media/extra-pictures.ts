import { walkGif } from './animation';
import { readHeifItems } from './heif-items';
import { xmpPictures } from './xmp-pictures';
import { bytesEqual, isWebp, joinBytes, jpegSegments, pngChunks, u16be, u32be, u32le, type Part } from './image-containers';

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
 * closed): an MPF entry that does not point at a JPEG inside the file, bytes after the end of a
 * JPEG, PNG, GIF or WebP that no MPF entry accounts for (an appended JPEG, a phone's motion-photo
 * video), a file cut before its end; and pictures its XMP carries as text (media/xmp-pictures.ts:
 * Adobe's xmpGImg thumbnails, Google's GImage and GDepth). Never throws.
 */
export function extraPictures(bytes: Uint8Array, mime: string): { pictures: ExtraPicture[] } | { why: string } {
  const inContainer = containerPictures(bytes, mime);
  if ('why' in inContainer) return inContainer;
  // A JPEG's own XMP ends at its end marker; an MPF picture after it is read on its own.
  const end = mime === 'image/jpeg' ? jpegEnd(bytes) : -1;
  const inXmp = xmpPictures(end > 0 && end < bytes.length ? bytes.subarray(0, end) : bytes);
  if ('why' in inXmp) return inXmp;
  return { pictures: [...inContainer.pictures, ...inXmp.pictures] };
}

/** The pictures the container holds besides the shown one (MPF, JPEG thumbnails, HEIF items), or why not. */
function containerPictures(bytes: Uint8Array, mime: string): { pictures: ExtraPicture[] } | { why: string } {
  if (mime === 'image/jpeg') return jpegExtraPictures(bytes);
  if (mime === 'image/avif' || mime === 'image/heic' || mime === 'image/heif') return heifExtraPictures(bytes);
  if (mime === 'image/png' || mime === 'image/gif' || mime === 'image/webp') return nothingAfterEnd(bytes, mime);
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

/**
 * MPF (CIPA DC-007 §5.2): tag 0xB002 MPEntry, 16 bytes per picture: attribute, size, offset (from
 * the MPF header; 0 for the first). The ranges of the pictures after the first, or why not.
 */
function mpfRanges(b: Uint8Array, payloadStart: number, payloadEnd: number): { from: number; to: number }[] | string {
  const base = payloadStart + 4;
  const tiff = tiffAt(b.subarray(0, payloadEnd), base);
  if (!tiff) return 'its MPF index has no readable header';
  const index = tiff.ifd(tiff.first);
  if (!index) return 'its MPF index cannot be read';
  // Only the first picture carries the MP Index (MPEntry); the later ones an MP Attribute IFD alone.
  const entries = index.tags.get(0xb002);
  if (!entries) return [];
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

/**
 * The EXIF thumbnail (IFD1, EXIF 2.32 §4.5.5): the range of its JPEG (JPEGInterchangeFormat
 * 0x0201 and its length 0x0202), null when IFD1 holds no picture, or why Heed cannot read the
 * one it declares — uncompressed strips (0x0111), a range outside the segment, bytes that are
 * not a JPEG, an IFD1 that cannot be read. Decision (fail closed): a thumbnail a file browser
 * shows is in the file, so one Heed cannot decode is a reason, not a skip.
 */
function exifThumbnail(b: Uint8Array, payloadStart: number, payloadEnd: number): { from: number; to: number } | { why: string } | null {
  const base = payloadStart + 6;
  const tiff = tiffAt(b.subarray(0, payloadEnd), base);
  const ifd0 = tiff ? tiff.ifd(tiff.first) : null;
  if (!tiff || !ifd0 || ifd0.next <= 0) return null;
  const ifd1 = tiff.ifd(ifd0.next);
  if (!ifd1) return { why: 'its EXIF thumbnail directory (IFD1) cannot be read' };
  const offset = ifd1.tags.get(0x0201);
  const length = ifd1.tags.get(0x0202);
  if (!offset || !length) return ifd1.tags.has(0x0111) ? { why: 'its EXIF thumbnail is stored uncompressed, which Heed does not decode' } : null;
  const from = base + tiff.u32(offset.field);
  const to = from + tiff.u32(length.field);
  if (!(from > base && to > from + 2 && to <= payloadEnd)) return { why: 'its EXIF thumbnail lies outside the EXIF segment' };
  if (b[from] !== 0xff || b[from + 1] !== 0xd8) return { why: 'its EXIF thumbnail is not a JPEG' };
  return { from, to };
}

function jpegExtraPictures(b: Uint8Array): { pictures: ExtraPicture[] } | { why: string } {
  const end = jpegEnd(b);
  if (end < 0) return { why: 'the JPEG has no end marker (cut or damaged): what it holds cannot be told' };
  const pictures: ExtraPicture[] = [];
  const covered: { from: number; to: number }[] = [];
  const segments = jpegSegments(b).parts;
  for (const seg of segments) {
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
      if (thumb && 'why' in thumb) return { why: `the JPEG carries an EXIF thumbnail and ${thumb.why}` };
      if (thumb) pictures.push({ bytes: b.subarray(thumb.from, thumb.to), mime: 'image/jpeg', what: 'the EXIF thumbnail' });
    }
  }
  const thumbnails = appThumbnails(b, segments);
  if ('why' in thumbnails) return thumbnails;
  pictures.push(...thumbnails.pictures);
  const unnamed = unnamedAfter(b, end, covered, 'JPEG');
  return unnamed ? { why: unnamed } : { pictures };
}

/**
 * Why the bytes from `end` on are not all accounted for — each in a `covered` range or padding
 * (zero or 0xFF bytes) — or null when they are.
 */
function unnamedAfter(b: Uint8Array, end: number, covered: readonly { from: number; to: number }[], format: string): string | null {
  for (let at = end; at < b.length; ) {
    const range = covered.find((r) => r.from <= at && at < r.to);
    if (range) { at = range.to; continue; }
    if (b[at] !== 0x00 && b[at] !== 0xff) return `the file holds ${b.length - at} bytes after the end of the ${format} that no index names (another picture or a video may be there)`;
    at++;
  }
  return null;
}

/** A PNG (to IEND, PNG §5.6), GIF (to its trailer) or WebP (to its RIFF size) with nothing after it but padding. */
function nothingAfterEnd(b: Uint8Array, mime: string): { pictures: ExtraPicture[] } | { why: string } {
  let end: number | null = null;
  let format = 'WebP';
  if (mime === 'image/png') {
    format = 'PNG';
    const walk = pngChunks(b);
    const last = walk.parts.at(-1);
    if (walk.complete && last) end = last.end + 4;
  } else if (mime === 'image/gif') {
    format = 'GIF';
    const walk = walkGif(b);
    // Browsers clip a frame to the logical screen; Pillow opens a first frame larger than the
    // screen at its own size: pixels outside the screen are a picture no viewer sees but a
    // dataset may get (fail closed).
    if (walk.outsideScreen) return { why: 'a frame of the GIF reaches outside the picture a browser shows' };
    end = walk.end;
  } else if (isWebp(b)) {
    const riffEnd = 8 + u32le(b, 4) + (u32le(b, 4) & 1);
    if (riffEnd <= b.length) end = riffEnd;
  }
  if (end === null) return { why: `the ${format} is cut or damaged before its end: what it holds cannot be told` };
  const unnamed = unnamedAfter(b, end, [], format);
  return unnamed ? { why: unnamed } : { pictures: [] };
}

/** Item types that are not pictures (ISO/IEC 23008-12 §6.4: EXIF, XMP and other MIME metadata, URIs). */
const METADATA_ITEM_TYPES = new Set(['Exif', 'mime', 'uri ']);

/**
 * AVIF/HEIF (ISO/IEC 23008-12 §9): the browser shows the primary item (`pitm`), built from the
 * items it derives from (media/heif-items.ts), uncropped (a `clap` on it is a reason). Every
 * other picture item — a thumbnail (`thmb`), a depth map or another auxiliary image, a second
 * image, a gain map — is in a dataset that keeps the file, and Heed cannot decode one item
 * alone: decision (fail closed), such a file is not examinable. A `meta` box Heed cannot read is
 * not either.
 */
function heifExtraPictures(b: Uint8Array): { pictures: ExtraPicture[] } | { why: string } {
  const items = readHeifItems(b);
  if (!items) return { why: 'Heed could not read which pictures the AVIF/HEIF file holds' };
  const { shown, properties, types, refs } = items;
  // A clean aperture crops what a viewer is shown; the pixels outside it are in the file, and
  // decoders differ on applying it (fail closed).
  if ([...shown].some((item) => properties.get(item)?.some((p) => p.type === 'clap'))) return { why: 'the AVIF/HEIF picture carries a crop (clap): pixels outside what a viewer is shown are in the file' };
  const others = [...types].filter(([item, type]) => !shown.has(item) && !METADATA_ITEM_TYPES.has(type));
  if (others.length > 0) {
    const kinds = [...new Set(others.map(([item]) => refs.find((r) => r.from === item)?.type ?? 'image'))].join(', ');
    return { why: `the AVIF/HEIF file holds ${others.length} picture${others.length === 1 ? '' : 's'} besides the one a browser shows (${kinds}), which Heed cannot decode on their own` };
  }
  return { pictures: [] };
}

const PHOTOSHOP_APP13 = 'Photoshop 3.0\0';

/**
 * Thumbnails in APP13 and APP0: Photoshop's (image resources 0x0409 and 0x040C: a 28-byte header
 * whose format 1 is a JPEG after it; the resource blocks may run over several APP13 segments,
 * read joined), JFXX's JPEG one (extension code 0x10). A thumbnail Heed cannot decode — raw
 * Photoshop pixels, JFIF's RGB thumbnail, JFXX palette or RGB ones, a resource cut short — is a
 * reason (fail closed), as an EXIF one is.
 */
function appThumbnails(b: Uint8Array, segments: readonly Part<number>[]): { pictures: ExtraPicture[] } | { why: string } {
  const pictures: ExtraPicture[] = [];
  for (const seg of segments.filter((p) => p.type === 0xe0)) {
    if (bytesEqual(b, seg.start, 'JFIF\0') && seg.end - seg.start >= 14 && (b[seg.start + 12]! > 0 || b[seg.start + 13]! > 0)) return { why: 'the JPEG carries an uncompressed JFIF thumbnail, which Heed does not decode' };
    if (bytesEqual(b, seg.start, 'JFXX\0') && seg.end - seg.start >= 6) {
      if (b[seg.start + 5] !== 0x10) return { why: 'the JPEG carries an uncompressed JFXX thumbnail, which Heed does not decode' };
      pictures.push({ bytes: b.subarray(seg.start + 6, seg.end), mime: 'image/jpeg', what: 'the JFXX thumbnail' });
    }
  }
  const parts = segments.filter((p) => p.type === 0xed && bytesEqual(b, p.start, PHOTOSHOP_APP13)).map((p) => b.subarray(p.start + PHOTOSHOP_APP13.length, p.end));
  if (parts.length === 0) return { pictures };
  const irb = parts.length === 1 ? parts[0]! : joinBytes(parts);
  // Image resource blocks: a signature, an id, a Pascal name padded to even, a size, data padded to even.
  for (let at = 0; at + 12 <= irb.length; ) {
    const id = u16be(irb, at + 4);
    const nameLength = irb[at + 6]!;
    const sizeAt = at + 6 + ((nameLength + 2) & ~1);
    const size = u32be(irb, sizeAt);
    const data = sizeAt + 4;
    // A block running past the resources ends the walk, and a thumbnail after it would go unseen.
    if (size < 0 || data + size > irb.length) return { why: 'the JPEG carries Photoshop image resources cut short or damaged (a thumbnail may be past them)' };
    if (id === 0x0409 || id === 0x040c) {
      const jpegAt = data + 28;
      if (size < 28 || u32be(irb, data) !== 1 || irb[jpegAt] !== 0xff || irb[jpegAt + 1] !== 0xd8) return { why: 'the JPEG carries a Photoshop thumbnail that is not a JPEG Heed can decode' };
      pictures.push({ bytes: irb.subarray(jpegAt, data + size), mime: 'image/jpeg', what: 'the Photoshop thumbnail' });
    }
    at = data + size + (size & 1);
  }
  return { pictures };
}
