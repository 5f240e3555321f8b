import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extraPictures, jpegEnd } from '../../../utils/media/extra-pictures';
import { ascii, box, concat, gif, isoBmff, jpeg, jpegSegment, png, pngXmpChunk, riffChunk, webp, xmpApp1 } from './image-fixtures';

const be16 = (n: number) => [(n >> 8) & 255, n & 255];
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/**
 * An MPO (CIPA DC-007): the first JPEG carries an APP2 `MPF` index whose MP entries give each
 * image's size and offset (from the index's TIFF header; 0 for the first), the others follow.
 */
function mpo(first: { width: number; height: number }, others: Uint8Array[], opts: { lie?: (entry: number[], i: number) => number[] } = {}): Uint8Array {
  const entryFor = (size: number, offset: number) => [...be32(0x030000), ...be32(size), ...be32(offset), 0, 0, 0, 0];
  const n = others.length + 1;
  // TIFF header (8) + IFD count (2) + 2 entries (24) + next IFD (4), then the MP entries.
  const entriesAt = 8 + 2 + 24 + 4;
  const index = (sizes: number[], offsets: number[]) =>
    concat(ascii('MPF\0'), ascii('MM\0*'), be32(8), be16(2),
      [0xb0, 0x01, 0, 4, ...be32(1), ...be32(n)],
      [0xb0, 0x02, 0, 7, ...be32(16 * n), ...be32(entriesAt)],
      be32(0),
      ...sizes.map((s, i) => (opts.lie ?? ((e) => e))(entryFor(s, offsets[i]!), i)));
  // Lay out once to learn where the index's TIFF header lands, then again with real offsets.
  const build = (offsets: number[]) => {
    const firstSize = jpeg({ ...first, segments: [jpegSegment(0xe2, index(others.map(() => 0).concat(0), offsets))] }).length;
    return { firstSize };
  };
  const { firstSize } = build(others.map(() => 0).concat(0));
  const headerAt = 2 + 4 + 4; // SOI, APP2 marker and length, 'MPF\0'
  const offsets = [0];
  let at = firstSize;
  for (const o of others) {
    offsets.push(at - headerAt);
    at += o.length;
  }
  const sizes = [firstSize, ...others.map((o) => o.length)];
  return concat(jpeg({ ...first, segments: [jpegSegment(0xe2, index(sizes, offsets))] }), ...others);
}

describe('extraPictures: pictures a file carries beyond the one a browser shows', () => {
  it('a plain JPEG carries none', () => {
    expect(extraPictures(jpeg(), 'image/jpeg')).toEqual({ pictures: [] });
  });

  // A dataset gets the whole file: PIL opens an MPO as a sequence of its pictures. Before, only
  // the first was examined and a face in the second was kept.
  it('an MPO (multi-picture JPEG): every picture after the first, as its own JPEG', () => {
    const second = jpeg({ width: 640, height: 480 });
    const third = jpeg({ width: 320, height: 200 });
    const file = mpo({ width: 20, height: 10 }, [second, third]);
    const found = extraPictures(file, 'image/jpeg');
    expect('why' in found).toBe(false);
    if ('why' in found) return;
    expect(found.pictures.map((p) => Array.from(p.bytes))).toEqual([Array.from(second), Array.from(third)]);
    expect(found.pictures.every((p) => p.mime === 'image/jpeg')).toBe(true);
  });

  // CIPA DC-007 §5.2: only the first picture carries the MP Index IFD (MPEntry); the others
  // carry an MPF segment with the MP Attribute IFD alone. Each is examined as a JPEG of its own,
  // so reading that as "an index listing no pictures" made every real MPO not examinable.
  it('an MPF segment with attributes only (the later pictures of an MPO) lists no pictures and is no reason', () => {
    const attributesOnly = concat(ascii('MPF\0'), ascii('MM\0*'), be32(8), be16(1), [0xb0, 0x00, 0, 7, ...be32(4), ...ascii('0100')], be32(0));
    const second = jpeg({ width: 64, height: 64, segments: [jpegSegment(0xe2, attributesOnly)] });
    expect(extraPictures(second, 'image/jpeg')).toEqual({ pictures: [] });
    const found = extraPictures(mpo({ width: 20, height: 10 }, [second]), 'image/jpeg');
    expect('why' in found ? found.why : found.pictures.length).toBe(1);
  });

  it('an MPO entry pointing outside the file or at bytes that are not a JPEG is a reason, not a skip', () => {
    const second = jpeg({ width: 64, height: 64 });
    const outside = mpo({ width: 20, height: 10 }, [second], { lie: (e, i) => (i === 1 ? [...e.slice(0, 4), ...be32(1_000_000), ...e.slice(8)] : e) });
    expect(extraPictures(outside, 'image/jpeg')).toHaveProperty('why');
    const notJpeg = mpo({ width: 20, height: 10 }, [concat([0, 0], second.subarray(2))]);
    expect(extraPictures(notJpeg, 'image/jpeg')).toHaveProperty('why');
  });

  // A second JPEG (or a phone's motion-photo video) appended after the first one's end is in
  // every copy of the file; no index names it, so Heed cannot say what it shows.
  it('bytes after the JPEG ends that no MPF entry accounts for are a reason; padding is not', () => {
    expect(extraPictures(concat(jpeg(), jpeg({ width: 500, height: 500 })), 'image/jpeg')).toMatchObject({ why: expect.stringMatching(/after the end of the JPEG/) });
    expect(extraPictures(concat(jpeg(), ascii('....ftypmp42')), 'image/jpeg')).toHaveProperty('why');
    expect(extraPictures(concat(jpeg(), new Uint8Array(64)), 'image/jpeg')).toEqual({ pictures: [] });
  });

  it('a JPEG without its end marker (cut) is a reason', () => {
    const file = jpeg();
    expect(extraPictures(file.subarray(0, file.length - 2), 'image/jpeg')).toMatchObject({ why: expect.stringMatching(/end/) });
  });

  it('an EXIF thumbnail (IFD1 JPEGInterchangeFormat) is a picture of its own', () => {
    const thumb = jpeg({ width: 160, height: 120 });
    // TIFF header, IFD0 with no entries pointing at IFD1, IFD1 with the thumbnail's offset and length.
    const ifd1At = 8 + 2 + 4;
    const thumbAt = ifd1At + 2 + 24 + 4;
    const tiff = concat(ascii('II*\0'), [8, 0, 0, 0], [0, 0], [ifd1At, 0, 0, 0], [2, 0],
      [0x01, 0x02, 4, 0, 1, 0, 0, 0, thumbAt, 0, 0, 0],
      [0x02, 0x02, 4, 0, 1, 0, 0, 0, thumb.length & 255, thumb.length >> 8, 0, 0],
      [0, 0, 0, 0], thumb);
    const file = jpeg({ segments: [jpegSegment(0xe1, concat(ascii('Exif\0\0'), tiff))] });
    const found = extraPictures(file, 'image/jpeg');
    expect('why' in found ? found.why : found.pictures.map((p) => p.bytes.length)).toEqual([thumb.length]);
  });

  // A thumbnail a file browser shows is one a dataset keeping the file has; one Heed cannot
  // decode (uncompressed strips, an offset outside the segment, bytes that are not a JPEG) was
  // skipped, so a face there was kept.
  it('an EXIF thumbnail Heed cannot read is a reason, not a skip', () => {
    const withIfd1 = (entries: number[][], tail: Uint8Array = new Uint8Array()) => {
      const ifd1At = 8 + 2 + 4;
      const tiff = concat(ascii('II*\0'), [8, 0, 0, 0], [0, 0], [ifd1At, 0, 0, 0], [entries.length, 0], ...entries, [0, 0, 0, 0], tail);
      return jpeg({ segments: [jpegSegment(0xe1, concat(ascii('Exif\0\0'), tiff))] });
    };
    const at = 8 + 2 + 4 + 2 + 24 + 4;
    expect(extraPictures(withIfd1([[0x01, 0x02, 4, 0, 1, 0, 0, 0, at, 0, 0, 0], [0x02, 0x02, 4, 0, 1, 0, 0, 0, 200, 0, 0, 0]], new Uint8Array(8)), 'image/jpeg')).toHaveProperty('why');
    expect(extraPictures(withIfd1([[0x01, 0x02, 4, 0, 1, 0, 0, 0, at, 0, 0, 0], [0x02, 0x02, 4, 0, 1, 0, 0, 0, 8, 0, 0, 0]], ascii('notjpeg!')), 'image/jpeg')).toHaveProperty('why');
    expect(extraPictures(withIfd1([[0x03, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0], [0x11, 0x01, 4, 0, 1, 0, 0, 0, at, 0, 0, 0]], new Uint8Array(8)), 'image/jpeg')).toHaveProperty('why');
    // IFD1 without any image (only a resolution) holds no picture.
    expect(extraPictures(withIfd1([[0x28, 0x01, 3, 0, 1, 0, 0, 0, 2, 0, 0, 0]]), 'image/jpeg')).toEqual({ pictures: [] });
  });

  // Photoshop keeps a thumbnail in APP13 (image resource 0x040C, a JPEG after a 28-byte header),
  // and JFIF/JFXX in APP0: pictures in the file a dataset keeps and some viewers show.
  it('a Photoshop thumbnail (APP13 resource 0x040C, even split over two segments) and a JFXX JPEG thumbnail are pictures of their own', () => {
    const thumb = jpeg({ width: 160, height: 100 });
    const resource = (id: number, data: Uint8Array) => concat(ascii('8BIM'), be16(id), [0, 0], be32(data.length), data, data.length % 2 ? [0] : []);
    const irb = concat(resource(0x0404, new Uint8Array(3)), resource(0x040c, concat(be32(1), new Uint8Array(24), thumb)));
    const half = irb.length >> 1;
    const split = jpeg({ segments: [jpegSegment(0xed, concat(ascii('Photoshop 3.0\0'), irb.subarray(0, half))), jpegSegment(0xed, concat(ascii('Photoshop 3.0\0'), irb.subarray(half)))] });
    const found = extraPictures(split, 'image/jpeg');
    expect('why' in found ? found.why : found.pictures.map((p) => Array.from(p.bytes))).toEqual([Array.from(thumb)]);
    const jfxx = jpeg({ segments: [jpegSegment(0xe0, concat(ascii('JFXX\0'), [0x10], thumb))] });
    const fromJfxx = extraPictures(jfxx, 'image/jpeg');
    expect('why' in fromJfxx ? fromJfxx.why : fromJfxx.pictures.map((p) => p.bytes.length)).toEqual([thumb.length]);
  });

  it('a thumbnail Heed cannot decode (raw Photoshop, JFIF RGB, JFXX palette) is a reason', () => {
    const raw = concat(ascii('8BIM'), be16(0x040c), [0, 0], be32(28 + 12), be32(0), new Uint8Array(24), new Uint8Array(12));
    expect(extraPictures(jpeg({ segments: [jpegSegment(0xed, concat(ascii('Photoshop 3.0\0'), raw))] }), 'image/jpeg')).toHaveProperty('why');
    // A block whose size runs past the resources ends the walk: a thumbnail after it is unseen.
    const cutFirst = concat(ascii('8BIM'), be16(0x0404), [0, 0], be32(10_000), new Uint8Array(4), ascii('8BIM'), be16(0x040c), [0, 0], be32(28 + 40), be32(1), new Uint8Array(24), jpeg());
    expect(extraPictures(jpeg({ segments: [jpegSegment(0xed, concat(ascii('Photoshop 3.0\0'), cutFirst))] }), 'image/jpeg')).toHaveProperty('why');
    const jfifThumb = concat(ascii('JFIF\0'), [1, 1, 0, 0, 1, 0, 1, 2, 2], new Uint8Array(12));
    expect(extraPictures(jpeg({ segments: [jpegSegment(0xe0, jfifThumb)] }), 'image/jpeg')).toHaveProperty('why');
    expect(extraPictures(jpeg({ segments: [jpegSegment(0xe0, concat(ascii('JFIF\0'), [1, 1, 0, 0, 1, 0, 1, 0, 0]))] }), 'image/jpeg')).toEqual({ pictures: [] });
    expect(extraPictures(jpeg({ segments: [jpegSegment(0xe0, concat(ascii('JFXX\0'), [0x11, 2, 2], new Uint8Array(768 + 4)))] }), 'image/jpeg')).toHaveProperty('why');
  });

  it('jpegEnd steps over entropy-coded data with stuffed bytes, restart markers and several scans', () => {
    const sos = jpegSegment(0xda, Uint8Array.from([1, 1, 0, 0, 63, 0]));
    const file = concat([0xff, 0xd8], sos, [1, 0xff, 0x00, 2, 0xff, 0xd0, 3], sos, [4, 0xff, 0xff, 0xd9], [9, 9]);
    expect(jpegEnd(file)).toBe(file.length - 2);
  });

  it('never throws on any bytes', () => {
    const base = mpo({ width: 20, height: 10 }, [jpeg({ width: 64, height: 64 })]);
    fc.assert(fc.property(fc.nat(base.length - 1), fc.nat(255), fc.nat(base.length), (at, value, cut) => {
      const b = Uint8Array.from(base);
      b[at] = value;
      extraPictures(b.subarray(0, cut), 'image/jpeg');
    }), { numRuns: 2000 });
  });
});

describe('extraPictures: AVIF/HEIF items (ISO/IEC 23008-12 §6, §9)', () => {
  const fullBox = (type: string, version: number, ...content: (Uint8Array | number[])[]) => box(type, concat([version, 0, 0, 0], ...content));
  const infe = (id: number, type: string) => fullBox('infe', 2, be16(id), [0, 0], ascii(type), [0]);
  const ref = (type: string, from: number, to: number[]) => box(type, concat(be16(from), be16(to.length), ...to.map(be16)));
  /** A `meta` box: primary item 1, the given items (id → type), references and properties (ipco boxes, ipma id → 1-based indices). */
  const heif = (items: [number, string][], refs: Uint8Array[] = [], props: Uint8Array[] = [], assoc: [number, number[]][] = []) => {
    const ipma = fullBox('ipma', 0, be32(assoc.length), ...assoc.map(([id, ix]) => concat(be16(id), [ix.length], ix)));
    const meta = fullBox('meta', 0,
      fullBox('hdlr', 0, be32(0), ascii('pict'), new Uint8Array(13)),
      fullBox('pitm', 0, be16(1)),
      fullBox('iinf', 0, be16(items.length), ...items.map(([id, t]) => infe(id, t))),
      fullBox('iref', 0, ...refs),
      box('iprp', concat(box('ipco', concat(...props)), ipma)));
    return concat(isoBmff('avif', undefined, ['mif1', 'miaf']), meta);
  };
  const alpha = fullBox('auxC', 0, ascii('urn:mpeg:mpegB:cicp:systems:auxiliary:alpha\0'));
  const depth = fullBox('auxC', 0, ascii('urn:mpeg:hevc:2015:auxid:2\0'));

  it('the primary item, its grid tiles, its alpha and metadata items are the picture a browser shows', () => {
    const file = heif([[1, 'grid'], [2, 'av01'], [3, 'av01'], [4, 'av01'], [5, 'Exif'], [6, 'mime']], [ref('dimg', 1, [2, 3]), ref('auxl', 4, [1]), ref('cdsc', 5, [1])], [alpha], [[4, [1]]]);
    expect(extraPictures(file, 'image/avif')).toEqual({ pictures: [] });
  });

  // A dataset keeping the file gets every item. A thumbnail, a depth map or a second image
  // item can hold a face that the primary does not show; Heed cannot decode one item alone.
  it('any other image item (a thumbnail, a depth map, a second image) makes the file not examinable', () => {
    expect(extraPictures(heif([[1, 'av01'], [2, 'av01']], [ref('thmb', 2, [1])]), 'image/avif')).toMatchObject({ why: expect.stringMatching(/1 picture/) });
    expect(extraPictures(heif([[1, 'av01'], [2, 'av01']]), 'image/avif')).toHaveProperty('why');
    expect(extraPictures(heif([[1, 'av01'], [2, 'av01']], [ref('auxl', 2, [1])], [depth], [[2, [1]]]), 'image/avif')).toHaveProperty('why');
  });

  // A `clap` (clean aperture) crops the picture a viewer is shown; the pixels outside it are in
  // the file, and decoders differ on applying it. A face there was not examined.
  it('a crop (clap) on the shown picture makes the file not examinable', () => {
    const clap = box('clap', new Uint8Array(32));
    expect(extraPictures(heif([[1, 'av01']], [], [clap], [[1, [1]]]), 'image/avif')).toMatchObject({ why: expect.stringMatching(/crop/) });
    const ispe = fullBox('ispe', 0, be32(64), be32(64));
    expect(extraPictures(heif([[1, 'av01']], [], [ispe], [[1, [1]]]), 'image/avif')).toEqual({ pictures: [] });
  });

  it('a file whose items cannot be read is not examinable', () => {
    expect(extraPictures(isoBmff('avif'), 'image/avif')).toHaveProperty('why');
    const file = heif([[1, 'av01']]);
    expect(extraPictures(file.subarray(0, file.length - 10), 'image/heic')).toHaveProperty('why');
  });

  it('never throws on any bytes', () => {
    const base = heif([[1, 'grid'], [2, 'av01'], [3, 'av01']], [ref('dimg', 1, [2]), ref('auxl', 3, [1])], [alpha], [[3, [1]]]);
    fc.assert(fc.property(fc.nat(base.length - 1), fc.nat(255), fc.nat(base.length), (at, value, cut) => {
      const b = Uint8Array.from(base);
      b[at] = value;
      extraPictures(b.subarray(0, cut), 'image/avif');
    }), { numRuns: 2000 });
  });
});

// As after a JPEG's end: a picture appended after a PNG's IEND, a GIF's trailer or a WebP's RIFF
// chunk is in every copy of the file, and nothing Heed decodes shows it.
describe('extraPictures: bytes after a PNG, GIF or WebP ends', () => {
  it('bytes after the end that are not padding are a reason; padding and nothing are not', () => {
    const appended = jpeg({ width: 500, height: 500 });
    const riffWithin = webp({ chunks: [riffChunk('VP8 ', new Uint8Array(10))] });
    for (const [file, mime] of [[png(), 'image/png'], [gif(1, 1), 'image/gif'], [riffWithin, 'image/webp']] as const) {
      expect(extraPictures(file, mime)).toEqual({ pictures: [] });
      expect(extraPictures(concat(file, new Uint8Array(16)), mime)).toEqual({ pictures: [] });
      expect(extraPictures(concat(file, appended), mime)).toMatchObject({ why: expect.stringMatching(/after the end of the (PNG|GIF|WebP)/) });
    }
  });

  it('a PNG or GIF cut before its end, or a WebP shorter than its RIFF size, is a reason', () => {
    const p = png();
    expect(extraPictures(p.subarray(0, p.length - 4), 'image/png')).toHaveProperty('why');
    const g = gif(1, 1);
    expect(extraPictures(g.subarray(0, g.length - 1), 'image/gif')).toHaveProperty('why');
    const w = webp({ chunks: [riffChunk('VP8 ', new Uint8Array(10))] });
    expect(extraPictures(w.subarray(0, w.length - 4), 'image/webp')).toHaveProperty('why');
  });
});

// A file's XMP can carry whole pictures as base64 text: Adobe's xmp:Thumbnails (xmpGImg:image),
// Google's portrait and depth photos (GImage:Data, GDepth:Data, in JPEG Extended XMP). Every copy
// of the file holds them and tools show them; a face there went unexamined (the file was kept).
describe('extraPictures: pictures an XMP packet carries as base64', () => {
  const thumb = jpeg({ width: 160, height: 120 });
  const depth = png({ width: 64, height: 48 });
  const b64 = (b: Uint8Array, lineBreak = '') => (Buffer.from(b).toString('base64').match(/.{1,76}/g) ?? []).join(lineBreak);
  const described = (decl: string, body: string, attrs = '') =>
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${decl} ${attrs}>${body}</rdf:Description></rdf:RDF></x:xmpmeta>`;
  const adobe = (value: string, prefix = 'xmpGImg') =>
    described(`xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:${prefix}="http://ns.adobe.com/xap/1.0/g/img/"`,
      `<xmp:Thumbnails><rdf:Alt><rdf:li rdf:parseType="Resource"><${prefix}:format>JPEG</${prefix}:format><${prefix}:image>${value}</${prefix}:image></rdf:li></rdf:Alt></xmp:Thumbnails>`);
  const guid = 'A1B2C3D4E5F60718293A4B5C6D7E8F90';
  /** Extended XMP text cut into APP1 pieces, written in the order `order` gives. */
  const extendedSegments = (text: string, size: number, order: (pieces: number[]) => number[] = (p) => p) => {
    const data = ascii(text);
    const starts = Array.from({ length: Math.ceil(data.length / size) }, (_, i) => i * size);
    return order(starts).map((at) => jpegSegment(0xe1, concat(ascii('http://ns.adobe.com/xmp/extension/\0'), ascii(guid), be32(data.length), be32(at), data.subarray(at, at + size))));
  };
  const whats = (r: ReturnType<typeof extraPictures>) => ('pictures' in r ? r.pictures.map((p) => [p.what, p.mime, p.bytes.length]) : r);

  it('an Adobe XMP thumbnail (xmpGImg:image, with its &#xA; line breaks) is examined as its own JPEG, under any prefix', () => {
    for (const xmp of [adobe(b64(thumb, '&#xA;')), adobe(b64(thumb, '\n'), 'img')]) {
      const r = extraPictures(jpeg({ segments: [xmpApp1(xmp)] }), 'image/jpeg');
      expect(whats(r)).toEqual([['the XMP thumbnail (xmpGImg:image)', 'image/jpeg', thumb.length]]);
      expect('pictures' in r && r.pictures[0]!.bytes).toEqual(thumb);
    }
    expect(whats(extraPictures(png({ chunks: [pngXmpChunk(adobe(b64(thumb)))] }), 'image/png'))).toEqual([['the XMP thumbnail (xmpGImg:image)', 'image/jpeg', thumb.length]]);
  });

  it('Google GImage:Data and GDepth:Data in Extended XMP pieces written out of order are examined', () => {
    const ext = described('xmlns:GImage="http://ns.google.com/photos/1.0/image/" xmlns:GDepth="http://ns.google.com/photos/1.0/depthmap/"', '', `GImage:Mime="image/jpeg" GImage:Data="${b64(thumb)}" GDepth:Data="${b64(depth)}"`);
    const standard = xmpApp1(described('xmlns:xmpNote="http://ns.adobe.com/xmp/note/"', '', `xmpNote:HasExtendedXMP="${guid}"`));
    const r = extraPictures(jpeg({ segments: [standard, ...extendedSegments(ext, 97, (p) => p.reverse())] }), 'image/jpeg');
    expect(whats(r)).toEqual([['the picture in GImage:Data', 'image/jpeg', thumb.length], ['the depth map in GDepth:Data', 'image/png', depth.length]]);
  });

  it('a picture property Heed cannot take out or decode makes the file not examinable', () => {
    const file = (xmp: string) => extraPictures(jpeg({ segments: [xmpApp1(xmp)] }), 'image/jpeg');
    expect(file(adobe('not base64 at all!'))).toMatchObject({ why: expect.stringMatching(/xmpGImg:image/) });
    expect(file(adobe(b64(ascii('GIF89a, not a JPEG'))))).toHaveProperty('why');
    // As a default namespace, self-closed, or with a value Heed does not read as text.
    expect(file(described('xmlns="http://ns.adobe.com/xap/1.0/g/img/"', `<image>${b64(thumb)}</image>`))).toHaveProperty('why');
    expect(file(adobe(b64(thumb)).replace(/<xmpGImg:image>.*<\/xmpGImg:image>/, '<xmpGImg:image rdf:resource="x"/>'))).toHaveProperty('why');
    expect(file(adobe(`<![CDATA[${b64(thumb)}]]>`))).toHaveProperty('why');
    // Each prefix is a search of the text: past a few, the file is not searched further.
    const many = Array.from({ length: 9 }, (_, i) => `xmlns:p${i}="http://ns.adobe.com/xap/1.0/g/img/"`).join(' ');
    expect(file(described(many, ''))).toMatchObject({ why: expect.stringMatching(/more than 8 prefixes/) });
  });

  // XML reads character references in a namespace name (XML 1.0 §4.1): any XMP reader binds
  // `…/g/img&#47;` to Adobe's image namespace, which a search for its text does not find.
  it('a picture namespace written with character references is not missed', () => {
    const hidden = adobe(b64(thumb)).replace('xmlns:xmpGImg="http://ns.adobe.com/xap/1.0/g/img/"', 'xmlns:xmpGImg="http://ns.adobe.com/xap/1.0/g/img&#47;"');
    expect(extraPictures(jpeg({ segments: [xmpApp1(hidden)] }), 'image/jpeg')).toMatchObject({ why: expect.stringMatching(/character references/) });
    const other = described('xmlns:xmp="http://ns.adobe.com/xap/1.0&#47;"', '<xmp:CreatorTool>x</xmp:CreatorTool>');
    expect(extraPictures(jpeg({ segments: [xmpApp1(other)] }), 'image/jpeg')).toEqual({ pictures: [] });
    // Beside a decoy bound as written, too.
    const decoy = hidden.replace('xmlns:xmp=', 'xmlns:d="http://ns.adobe.com/xap/1.0/g/img/" xmlns:xmp=');
    expect(extraPictures(jpeg({ segments: [xmpApp1(decoy)] }), 'image/jpeg')).toMatchObject({ why: expect.stringMatching(/character references/) });
  });

  it('XMP without a picture property gives no picture', () => {
    const plain = described('xmlns:xmp="http://ns.adobe.com/xap/1.0/"', '<xmp:CreatorTool>x</xmp:CreatorTool>');
    expect(extraPictures(jpeg({ segments: [xmpApp1(plain)] }), 'image/jpeg')).toEqual({ pictures: [] });
  });

  it('never throws on any bytes', () => {
    const base = jpeg({ segments: [xmpApp1(adobe(b64(thumb, '&#xA;')))] });
    fc.assert(fc.property(fc.nat(base.length - 1), fc.nat(255), fc.nat(base.length), (at, value, cut) => {
      const b = Uint8Array.from(base);
      b[at] = value;
      extraPictures(b.subarray(0, cut), 'image/jpeg');
    }), { numRuns: 1000 });
  });
});
