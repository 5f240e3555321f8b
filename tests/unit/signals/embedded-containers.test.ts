import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../../utils/media/image-bytes';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateC2pa } from '../../../utils/signals/c2pa';
import { evaluateEmbeddedRights, readEmbeddedRights } from '../../../utils/signals/xmp';
import {
  app11Segments, ascii, box, cborAssertion, concat, iptcApp13, isoBmff, jpeg, jpegSegment, manifestStore, png, pngChunk, pngXmpChunk, riffChunk, superbox, webp, xmpApp1, xmpPacket,
} from '../media/image-fixtures';

const AI = purposeProfile('ai-training');
const PROHIBITS = xmpPacket('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED</plus:DataMining>');
const be16 = (n: number) => [(n >> 8) & 255, n & 255];
const be32 = (n: number) => [(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];

/** The reasons of the deny evidence the image's own XMP/IPTC gives. */
const xmpDeny = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI).evidence.filter((e) => e.effect === 'deny').map((e) => e.reason);
const c2paDeny = (bytes: Uint8Array) => evaluateC2pa(bytes, AI).filter((e) => e.effect === 'deny').map((e) => e.reason);
const NOT_ALLOWED = manifestStore([cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'notAllowed' } } })]);

/** Extended XMP APP1 segments (XMP Part 3 §1.1.3.1): header, GUID, full length, offset, then the piece. */
function extendedXmp(guid: string, text: string, pieces: [number, number][]): Uint8Array[] {
  const full = ascii(text);
  return pieces.map(([offset, length]) => jpegSegment(0xe1, concat(ascii('http://ns.adobe.com/xmp/extension/\0'), ascii(guid), be32(full.length), be32(offset), full.subarray(offset, offset + length))));
}

/** A big-endian TIFF with IFD0 holding tag 700 (XMP, UNDEFINED) and the packet after it. */
function tiffWithXmp(xmp: string): Uint8Array {
  const data = ascii(xmp);
  return concat(ascii('MM'), [0, 42], be32(8), be16(1), be16(700), be16(7), be32(data.length), be32(26), be32(0), data);
}

describe('JPEG Extended XMP is put together by GUID and offset', () => {
  const GUID = '0123456789ABCDEF0123456789ABCDEF';
  const main = xmpPacket('', `xmpNote:HasExtendedXMP="${GUID}" xmlns:xmpNote="http://ns.adobe.com/xmp/note/"`);

  it('pieces written out of order are read: the DataMining in the extension refuses', async () => {
    const ext = extendedXmp(GUID, PROHIBITS, [[0, 200], [200, 10_000]]);
    expect(await xmpDeny(jpeg({ segments: [xmpApp1(main), ext[1]!, ext[0]!] }))).toEqual(['xmp-data-mining']);
  });

  it('a piece after one exifr takes for the last is read (IPTC first, a short extension in two pieces)', async () => {
    const two = `${xmpPacket('')}${PROHIBITS}`;
    const cut = ascii(xmpPacket('')).length;
    const ext = extendedXmp(GUID, two, [[0, cut], [cut, 10_000]]);
    expect(await xmpDeny(jpeg({ segments: [iptcApp13([[116, '© A']]), xmpApp1(main), ...ext] }))).toEqual(['xmp-data-mining']);
  });

  it('a piece missing, or an extension the standard packet names but the file lacks, is unreadable', async () => {
    const ext = extendedXmp(GUID, PROHIBITS, [[0, 200], [200, 10_000]]);
    expect(await xmpDeny(jpeg({ segments: [xmpApp1(main), ext[1]!] }))).toEqual(['signal-unreadable']);
    expect(await xmpDeny(jpeg({ segments: [xmpApp1(main)] }))).toEqual(['signal-unreadable']);
  });

  it('unchanged: an extension in order, in one piece or two, is read; a piece written twice is read once', async () => {
    const one = extendedXmp(GUID, PROHIBITS, [[0, 10_000]]);
    const two = extendedXmp(GUID, PROHIBITS, [[0, 200], [200, 10_000]]);
    for (const segments of [one, two, [two[0]!, two[0]!, two[1]!]]) {
      expect(await xmpDeny(jpeg({ segments: [xmpApp1(main), ...segments] }))).toEqual(['xmp-data-mining']);
    }
    const allowing = extendedXmp(GUID, xmpPacket('<dc:title>t</dc:title>'), [[0, 100], [100, 10_000]]);
    const r = await readEmbeddedRights(jpeg({ segments: [xmpApp1(main), ...allowing] }));
    expect(r).toMatchObject({ xmp: true, title: 't', dataMining: [] });
  });
});

describe('an XMP packet wherever the file holds it', () => {
  const app13Xmp = (xmp: string) => {
    const x = ascii(xmp);
    const irb = concat(ascii('8BIM'), [0x04, 0x24, 0, 0, ...be32(x.length)], x, x.length % 2 ? [0] : []);
    return jpegSegment(0xed, concat(ascii('Photoshop 3.0\0'), irb));
  };
  const exifApp1 = (xmp: string) => jpegSegment(0xe1, concat(ascii('Exif\0\0'), tiffWithXmp(xmp)));

  it('JPEG: in Photoshop’s image resource 0x0424 (APP13), beside IPTC or alone', async () => {
    expect(await xmpDeny(jpeg({ segments: [app13Xmp(PROHIBITS)] }))).toEqual(['xmp-data-mining']);
    expect(await xmpDeny(jpeg({ segments: [iptcApp13([[116, '© A']]), xmpApp1(xmpPacket('')), app13Xmp(PROHIBITS)] }))).toEqual(['xmp-data-mining']);
  });

  it('JPEG, PNG, WebP: in tag 700 of the EXIF (APP1 Exif, eXIf chunk, EXIF chunk)', async () => {
    expect(await xmpDeny(jpeg({ segments: [exifApp1(PROHIBITS)] }))).toEqual(['xmp-data-mining']);
    expect(await xmpDeny(png({ chunks: [pngChunk('eXIf', tiffWithXmp(PROHIBITS))] }))).toEqual(['xmp-data-mining']);
    expect(await xmpDeny(webp({ chunks: [riffChunk('EXIF', tiffWithXmp(PROHIBITS))] }))).toEqual(['xmp-data-mining']);
  });

  it('JPEG: in a comment (COM) segment; PNG: in a text chunk under another keyword', async () => {
    expect(await xmpDeny(jpeg({ segments: [jpegSegment(0xfe, ascii(PROHIBITS))] }))).toEqual(['xmp-data-mining']);
    expect(await xmpDeny(png({ chunks: [pngChunk('tEXt', concat(ascii('Comment\0'), ascii(PROHIBITS)))] }))).toEqual(['xmp-data-mining']);
  });

  it('a packet cut short there is unreadable', async () => {
    expect(await xmpDeny(jpeg({ segments: [exifApp1(PROHIBITS.slice(0, 150))] }))).toEqual(['signal-unreadable']);
  });

  it('unchanged: an EXIF without XMP and an IPTC APP13 state no XMP; one packet is read once; the Extended XMP pieces are not scanned as packets', async () => {
    expect((await readEmbeddedRights(jpeg({ segments: [iptcApp13([[116, '© A']]), jpegSegment(0xe1, concat(ascii('Exif\0\0'), tiffWithXmp('')))] })))).toMatchObject({ xmp: false, iim: true });
    expect(await readEmbeddedRights(jpeg({ segments: [xmpApp1(PROHIBITS)] }))).toMatchObject({ xmp: true, dataMining: ['http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED'] });
    const guid = 'FEDCBA9876543210FEDCBA9876543210';
    const main = xmpPacket('', `xmpNote:HasExtendedXMP="${guid}" xmlns:xmpNote="http://ns.adobe.com/xmp/note/"`);
    const r = await readEmbeddedRights(jpeg({ segments: [xmpApp1(main), ...extendedXmp(guid, xmpPacket('<dc:title>t</dc:title>'), [[0, 120], [120, 10_000]])] }));
    expect(r).toMatchObject({ xmp: true, title: 't' });
  });
});

describe('PNG: XMP in compressed text chunks and ImageMagick raw profiles', () => {
  /** ImageMagick's raw profile text (png.c): newline, type, length padded to 8, hex 72 digits a line. */
  const rawProfile = (type: string, data: Uint8Array, length = data.length) =>
    `\n${type}\n${String(length).padStart(8)}\n${Buffer.from(data).toString('hex').replace(/(.{72})/g, '$1\n')}\n`;
  const zTXt = (keyword: string, text: string | Uint8Array) => pngChunk('zTXt', concat(ascii(`${keyword}\0`), [0], deflateSync(text)));
  const iTXtCompressed = (keyword: string, text: string) => pngChunk('iTXt', concat(ascii(`${keyword}\0`), [1, 0, 0, 0], deflateSync(text)));

  it('ImageMagick’s Raw profile type xmp (hex, in a zTXt, tEXt or compressed iTXt) is read: its DataMining refuses', async () => {
    const text = rawProfile('xmp', ascii(PROHIBITS));
    for (const chunk of [zTXt('Raw profile type xmp', text), pngChunk('tEXt', ascii(`Raw profile type xmp\0${text}`)), iTXtCompressed('Raw profile type xmp', text)]) {
      expect(await xmpDeny(png({ chunks: [chunk] }))).toEqual(['xmp-data-mining']);
    }
  });

  it('a raw profile of the EXIF or the Photoshop resources holding XMP is read', async () => {
    expect(await xmpDeny(png({ chunks: [zTXt('Raw profile type exif', rawProfile('exif', concat(ascii('Exif\0\0'), tiffWithXmp(PROHIBITS))))] }))).toEqual(['xmp-data-mining']);
    const x = ascii(PROHIBITS);
    const irb = concat(ascii('8BIM'), [0x04, 0x24, 0, 0, ...be32(x.length)], x, x.length % 2 ? [0] : []);
    expect(await xmpDeny(png({ chunks: [zTXt('Raw profile type 8bim', rawProfile('8bim', irb))] }))).toEqual(['xmp-data-mining']);
  });

  it('a zTXt or compressed iTXt under another keyword holding a packet is read', async () => {
    expect(await xmpDeny(png({ chunks: [zTXt('Comment', PROHIBITS)] }))).toEqual(['xmp-data-mining']);
    expect(await xmpDeny(png({ chunks: [iTXtCompressed('XML:com.adobe.xmp ', PROHIBITS)] }))).toEqual(['xmp-data-mining']);
  });

  it('a compressed text chunk that does not inflate, or a raw profile that is not hex of its length, is unreadable', async () => {
    const broken = pngChunk('zTXt', concat(ascii('Raw profile type xmp\0'), [0], [0x78, 0x9c, 1, 2, 3]));
    expect(await xmpDeny(png({ chunks: [broken] }))).toEqual(['signal-unreadable']);
    const short = rawProfile('xmp', ascii(PROHIBITS), PROHIBITS.length + 100);
    expect(await xmpDeny(png({ chunks: [zTXt('Raw profile type xmp', short)] }))).toEqual(['signal-unreadable']);
  });

  it('unchanged: a zTXt comment and a raw ICC profile without XMP state no XMP', async () => {
    const r = await readEmbeddedRights(png({ chunks: [zTXt('Comment', 'made with care'), zTXt('Raw profile type icc', rawProfile('icc', Uint8Array.from([1, 2, 3, 4])))] }));
    expect(r).toMatchObject({ xmp: false, dataMining: [] });
  });
});

describe('ICO: each PNG image’s own metadata is the icon’s', () => {
  /** An ICONDIR of type 1 with one 16×16 entry per image, the images after it. */
  const ico = (...images: Uint8Array[]) => {
    let at = 6 + 16 * images.length;
    const entries = images.map((img) => {
      const entry = concat([16, 16, 0, 0, 1, 0, 32, 0], le32(img.length), le32(at));
      at += img.length;
      return entry;
    });
    return concat([0, 0, 1, 0, images.length, 0], ...entries, ...images);
  };
  const compressedXmp = (xmp: string) => pngChunk('iTXt', concat(ascii('XML:com.adobe.xmp\0'), [1, 0, 0, 0], deflateSync(xmp)));

  it('a PNG image’s compressed iTXt XMP is read: its DataMining refuses the icon', async () => {
    const bytes = ico(png(), png({ chunks: [compressedXmp(PROHIBITS)] }));
    expect(sniffImageType(bytes)).toBe('image/x-icon');
    expect(await xmpDeny(bytes)).toEqual(['xmp-data-mining']);
  });

  it('a PNG image’s XMP that does not inflate is unreadable', async () => {
    const broken = pngChunk('iTXt', concat(ascii('XML:com.adobe.xmp\0'), [1, 0, 0, 0], [0x78, 0x9c, 1, 2, 3]));
    expect(await xmpDeny(ico(png({ chunks: [broken] })))).toEqual(['signal-unreadable']);
  });

  it('a PNG image’s caBX C2PA store is read: its notAllowed refuses the icon', () => {
    expect(c2paDeny(ico(png({ chunks: [pngChunk('caBX', NOT_ALLOWED)] })))).toEqual(['c2pa-not-allowed']);
  });

  it('unchanged: an icon without metadata has none; a PNG image’s uncompressed XMP is read once', async () => {
    expect(await readEmbeddedRights(ico(png(), png()))).toMatchObject({ xmp: false });
    expect(evaluateC2pa(ico(png()), AI)).toEqual([]);
    expect(await readEmbeddedRights(ico(png({ chunks: [pngXmpChunk(PROHIBITS)] })))).toMatchObject({ xmp: true, dataMining: ['http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED'] });
  });
});

describe('HEIF/AVIF: XMP items an older item entry or a track’s meta declares', () => {
  /** An `infe`: version 2 has item_type `mime` before the name; versions 0 and 1 have none (ISO/IEC 14496-12 §8.11.6). */
  const infe = (version: number, contentType: string, encoding: string | null) =>
    box('infe', concat([version, 0, 0, 0], be16(1), be16(0), version >= 2 ? ascii('mime') : [], ascii(`\0${contentType}\0`), encoding === null ? [] : ascii(`${encoding}\0`)));
  const meta = (entry: Uint8Array) => box('meta', concat([0, 0, 0, 0], box('iinf', concat([0, 0, 0, 0], be16(1), entry))));
  const avif = (...boxes: Uint8Array[]) => concat(isoBmff('avif', undefined, ['mif1', 'miaf']), ...boxes);

  it('a version 0 or 1 item entry declaring deflate-compressed XMP is unreadable', async () => {
    for (const version of [0, 1]) {
      expect(await xmpDeny(avif(meta(infe(version, 'application/rdf+xml', 'deflate')), box('mdat', deflateSync(PROHIBITS))))).toEqual(['signal-unreadable']);
    }
  });

  it('a compressed XMP item in the meta of a sequence’s track is unreadable', async () => {
    const moov = box('moov', box('trak', meta(infe(2, 'application/rdf+xml', 'deflate'))));
    expect(await xmpDeny(avif(moov, box('mdat', deflateSync(PROHIBITS))))).toEqual(['signal-unreadable']);
  });

  it('unchanged: an uncompressed version 1 XMP item is read; an old entry naming no content type declares none', async () => {
    expect(await xmpDeny(avif(meta(infe(1, 'application/rdf+xml', null)), box('mdat', ascii(PROHIBITS))))).toEqual(['xmp-data-mining']);
    const nameOnly = box('infe', concat([0, 0, 0, 0], be16(1), be16(0), ascii('thumb\0')));
    expect(await readEmbeddedRights(avif(meta(nameOnly)))).toMatchObject({ xmp: false });
  });
});

describe('JPEG: C2PA APP11 segments past where the segment walk stops', () => {
  const SOS = jpegSegment(0xda, Uint8Array.from([1, 1, 0, 0, 63, 0]));
  // Segments of 60 bytes: the assertion label is split across two of them.
  const split = () => app11Segments(NOT_ALLOWED, 60);

  it('a store after EOI, its label split across segments, is read: its notAllowed refuses', () => {
    expect(c2paDeny(concat(jpeg(), ...split()))).toEqual(['c2pa-not-allowed']);
  });

  it('a store between the scans of a progressive JPEG is read', () => {
    const first = jpeg();
    expect(c2paDeny(concat(first.subarray(0, first.length - 2), ...split(), SOS, [0x00, 0xff, 0xd9]))).toEqual(['c2pa-not-allowed']);
  });

  it('two stores, labels split across segments: unread, and the split label still fails closed', () => {
    const other = manifestStore([cborAssertion('c2pa.actions', { actions: [] })]);
    expect(c2paDeny(concat(jpeg({ segments: app11Segments(other, 60) }), ...split()))).toEqual(['signal-unreadable']);
  });

  it('unchanged: a JPEG without C2PA has none; a store before SOS reads as before', () => {
    expect(evaluateC2pa(concat(jpeg(), ascii('JP trailing')), AI)).toEqual([]);
    expect(c2paDeny(jpeg({ segments: split() }))).toEqual(['c2pa-not-allowed']);
  });
});

describe('C2PA stores past the chunk walk, or holding a Brotli-compressed manifest where Heed cannot walk them', () => {
  const compressed = box('brob', concat(ascii('jumb'), Uint8Array.from([0x1b, 0x03, 0x00, 0xf8, 0x25])));
  const brotliStore = superbox('c2pa', 'c2pa', compressed);
  /** A WebP whose RIFF size covers the VP8X chunk only: chunks after it are past the walk. */
  const lyingWebp = (...chunks: Uint8Array[]) => {
    const b = webp({ chunks });
    b.set(le32(30), 4);
    return b;
  };
  const BMFF_UUID = [0xd8, 0xfe, 0xc3, 0xd6, 0x1b, 0x0e, 0x48, 0x3c, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7e, 0xc4, 0x81];

  it('a PNG caBX after IEND and a WebP C2PA chunk past the RIFF size are read: a notAllowed there refuses', () => {
    expect(c2paDeny(concat(png(), pngChunk('caBX', NOT_ALLOWED)))).toEqual(['c2pa-not-allowed']);
    expect(c2paDeny(lyingWebp(riffChunk('C2PA', NOT_ALLOWED)))).toEqual(['c2pa-not-allowed']);
  });

  it('there, a Brotli-compressed manifest fails closed', () => {
    expect(c2paDeny(concat(png(), pngChunk('caBX', brotliStore)))).toEqual(['signal-unreadable']);
    expect(c2paDeny(lyingWebp(riffChunk('C2PA', brotliStore)))).toEqual(['signal-unreadable']);
  });

  it('a store no locator finds (an AVIF uuid box inside meta) holding a Brotli-compressed manifest fails closed', () => {
    const uuid = box('uuid', concat(BMFF_UUID, [0, 0, 0, 0], ascii('manifest\0'), be32(0), be32(0), brotliStore));
    expect(c2paDeny(concat(isoBmff('avif', undefined, ['mif1']), box('meta', concat([0, 0, 0, 0], uuid))))).toEqual(['signal-unreadable']);
  });

  it('unchanged: an unlocated store with neither a label nor a compressed box is info; a PNG or WebP without C2PA has none', () => {
    const plain = manifestStore([cborAssertion('c2pa.actions', { actions: [] })]);
    const uuid = box('uuid', concat(BMFF_UUID, [0, 0, 0, 0], ascii('manifest\0'), be32(0), be32(0), plain));
    expect(evaluateC2pa(concat(isoBmff('avif', undefined, ['mif1']), box('meta', concat([0, 0, 0, 0], uuid))), AI)).toMatchObject([{ effect: 'info' }]);
    expect(evaluateC2pa(concat(png(), ascii('caBX trailing')), AI)).toEqual([]);
    expect(evaluateC2pa(lyingWebp(riffChunk('XMP ', ascii('C2PA'))), AI)).toEqual([]);
  });
});

describe('PNG: a raw profile or compressed text chunk after IEND', () => {
  it('ImageMagick’s Raw profile type xmp after IEND is read: its DataMining refuses', async () => {
    const text = `\nxmp\n${String(Buffer.byteLength(PROHIBITS)).padStart(8)}\n${Buffer.from(PROHIBITS).toString('hex')}\n`;
    expect(await xmpDeny(concat(png(), pngChunk('zTXt', concat(ascii('Raw profile type xmp\0'), [0], deflateSync(text)))))).toEqual(['xmp-data-mining']);
  });

  it('a zTXt after IEND that does not inflate is unreadable; unchanged: a zTXt comment there without XMP states none', async () => {
    expect(await xmpDeny(concat(png(), pngChunk('zTXt', concat(ascii('Comment\0'), [0], [0x78, 0x9c, 1, 2, 3]))))).toEqual(['signal-unreadable']);
    expect(await readEmbeddedRights(concat(png(), pngChunk('zTXt', concat(ascii('Comment\0'), [0], deflateSync('hello')))))).toMatchObject({ xmp: false });
  });
});

describe('an XMP packet in UTF-16 or UTF-32 where the packet scan looks for UTF-8 only', () => {
  const utf16 = (s: string, bigEndian = false) => {
    const b = Buffer.from(`\uFEFF${s}`, 'utf16le');
    if (bigEndian) b.swap16();
    return new Uint8Array(b);
  };
  const utf32 = (s: string) => concat(...[...`\uFEFF${s}`].map((c) => le32(c.codePointAt(0)!)));
  const bmp = concat(ascii('BM'), le32(70), [0, 0, 0, 0], le32(54), le32(40), le32(1), le32(1), [1, 0, 24, 0], new Uint8Array(24), [0, 0, 0, 0]);

  it('JPEG comment, PNG eXIf tag 700, BMP: a UTF-16 or UTF-32 packet is unreadable (signal-unreadable)', async () => {
    const data = utf16(PROHIBITS, true);
    const tiff = concat(ascii('MM'), [0, 42], be32(8), be16(1), be16(700), be16(7), be32(data.length), be32(26), be32(0), data);
    for (const bytes of [jpeg({ segments: [jpegSegment(0xfe, utf16(PROHIBITS))] }), png({ chunks: [pngChunk('eXIf', tiff)] }), concat(bmp, utf16(PROHIBITS)), concat(bmp, utf32(PROHIBITS))]) {
      expect(await xmpDeny(bytes)).toEqual(['signal-unreadable']);
    }
  });

  it('unchanged: UTF-8 packets are read; a BMP without XMP has none', async () => {
    expect(await xmpDeny(concat(bmp, ascii(PROHIBITS)))).toEqual(['xmp-data-mining']);
    expect(await readEmbeddedRights(bmp)).toMatchObject({ xmp: false });
  });
});

describe('places already right (kept so)', () => {
  it('JPEG XL (container or bare codestream) is not an image Heed collects: not-an-image, never read as unrestricted', () => {
    const container = concat(be32(12), ascii('JXL '), [0x0d, 0x0a, 0x87, 0x0a], box('ftyp', ascii('jxl \0\0\0\0jxl ')), box('xml ', ascii(PROHIBITS)));
    expect(sniffImageType(container)).toBeNull();
    expect(sniffImageType(Uint8Array.from([0xff, 0x0a, 0xfa, 0x7f, 0x01, 0x90]))).toBeNull();
  });

  it('rights wording ("All rights reserved", "No AI training") in dc:rights, xmpRights:UsageTerms or IIM CopyrightNotice states no licence (DESIGN.md §2 rule 4); the notice alone is info, the plain-language refusal refuses (rule 3)', async () => {
    const alt = (p: string, words: string) => `<${p}><rdf:Alt><rdf:li xml:lang="x-default">${words}</rdf:li></rdf:Alt></${p}>`;
    const wording = (words: string) => jpeg({ segments: [xmpApp1(xmpPacket(`${alt('xmpRights:UsageTerms', words)}${alt('dc:rights', words)}`)), iptcApp13([[116, words]])] });
    const notice = evaluateEmbeddedRights(await readEmbeddedRights(wording('All rights reserved.')), AI);
    expect(notice.evidence.map((e) => [e.kind, e.effect])).toEqual([['xmp', 'info'], ['xmp', 'info'], ['iptc', 'info']]);
    expect(notice.licence).toBeNull();
    // Decided since (signals/xmp.test.ts › a plain-language refusal in the image’s own rights text).
    const refusal = evaluateEmbeddedRights(await readEmbeddedRights(wording('All rights reserved. No AI training.')), AI);
    expect(refusal.evidence.filter((e) => e.effect === 'deny').map((e) => [e.kind, e.reason])).toEqual([['xmp', 'xmp-data-mining'], ['xmp', 'xmp-data-mining'], ['iptc', 'xmp-data-mining']]);
    expect(refusal.licence).toBeNull();
  });

  it('AVIF: an XMP or EXIF item in idat or mdat, and a C2PA uuid box, are read', async () => {
    const infe = (type: string, contentType?: string) => box('infe', concat([2, 0, 0, 0], be16(1), be16(0), ascii(type), ascii('\0'), contentType ? ascii(`${contentType}\0`) : []));
    // The item located by iloc (version 1: construction_method 1 is idat, 0 the file): an Exif
    // item Heed cannot locate is unreadable (signals/heif-exif-rights.test.ts).
    const avif = (entry: Uint8Array, data: Uint8Array, inIdat: boolean) => {
      const ftyp = isoBmff('avif', undefined, ['mif1', 'miaf']);
      const iinf = box('iinf', concat([0, 0, 0, 0], be16(1), entry));
      const metaLength = 12 + iinf.length + 32 + (inIdat ? 8 + data.length : 0);
      const iloc = box('iloc', concat([1, 0, 0, 0], [0x44, 0], be16(1), be16(1), be16(inIdat ? 1 : 0), be16(0), be16(1), be32(inIdat ? 0 : ftyp.length + metaLength + 8), be32(data.length)));
      return concat(ftyp, box('meta', concat([0, 0, 0, 0], iinf, iloc, inIdat ? box('idat', data) : [])), inIdat ? [] : box('mdat', data));
    };
    expect(await xmpDeny(avif(infe('mime', 'application/rdf+xml'), ascii(PROHIBITS), true))).toEqual(['xmp-data-mining']);
    expect(await xmpDeny(avif(infe('Exif'), concat(be32(0), tiffWithXmp(PROHIBITS)), false))).toEqual(['xmp-data-mining']);
    expect(c2paDeny(isoBmff('avif', NOT_ALLOWED, ['mif1']))).toEqual(['c2pa-not-allowed']);
  });

  it('WebP: XMP and C2PA chunks of an extended (VP8X) file are read, in either order', async () => {
    const bytes = webp({ chunks: [riffChunk('C2PA', NOT_ALLOWED), riffChunk('EXIF', tiffWithXmp('')), riffChunk('XMP ', ascii(PROHIBITS))] });
    expect(await xmpDeny(bytes)).toEqual(['xmp-data-mining']);
    expect(c2paDeny(bytes)).toEqual(['c2pa-not-allowed']);
  });
});

describe('JPEG: a C2PA store whose continuation segments are written under another En', () => {
  // Continuation segments (Z > 1) with another box instance number: the store is cut short.
  const reEn = (segments: Uint8Array[]) => segments.map((s, i) => (i === 0 ? s : concat(s.subarray(0, 6), [0x09, 0x99], s.subarray(8))));

  it('is unread, and a label split across those segments still fails closed', () => {
    expect(c2paDeny(jpeg({ segments: reEn(app11Segments(NOT_ALLOWED, 60)) }))).toEqual(['signal-unreadable']);
  });

  it('unchanged: cut off so, a store naming no training-mining assertion is info', () => {
    const other = manifestStore([cborAssertion('c2pa.actions', { actions: [] })]);
    expect(evaluateC2pa(jpeg({ segments: reEn(app11Segments(other, 60)) }), AI)).toMatchObject([{ effect: 'info' }]);
  });
});

describe('bounded work on hostile containers', () => {
  it('an ICO whose 65,535 entries share one PNG image reads it once; past 64 distinct PNG images it is unread', async () => {
    const inner = png({ chunks: [pngChunk('caBX', NOT_ALLOWED)] });
    const n = 65_535;
    const head = new Uint8Array(6 + 16 * n);
    head.set([0, 0, 1, 0, 0xff, 0xff]);
    for (let i = 0; i < n; i++) head.set([16, 16, 0, 0, 1, 0, 32, 0, ...le32(inner.length), ...le32(head.length)], 6 + 16 * i);
    expect(c2paDeny(concat(head, inner))).toEqual(['c2pa-not-allowed']);
    const many = Array.from({ length: 65 }, (_, i) => png({ width: i + 1, chunks: [pngChunk('caBX', NOT_ALLOWED)] }));
    let at = 6 + 16 * many.length;
    const entries = many.map((img) => {
      const entry = concat([16, 16, 0, 0, 1, 0, 32, 0], le32(img.length), le32(at));
      at += img.length;
      return entry;
    });
    const icon = concat([0, 0, 1, 0, many.length, 0], ...entries, ...many);
    expect(c2paDeny(icon)).toEqual(['signal-unreadable']);
    expect(await xmpDeny(icon)).toEqual(['signal-unreadable']);
  });
});

describe('XMP that cannot be taken out says why', () => {
  it('the signal-unreadable value names the cause: UTF-16, an incomplete Extended XMP, a chunk that does not inflate, a compressed HEIF item', async () => {
    const guid = '0123456789ABCDEF0123456789ABCDEF';
    const main = xmpPacket('', `xmpNote:HasExtendedXMP="${guid}" xmlns:xmpNote="http://ns.adobe.com/xmp/note/"`);
    const infe = box('infe', concat([2, 0, 0, 0], be16(1), be16(0), ascii('mime'), ascii('\0application/rdf+xml\0deflate\0')));
    const heif = concat(isoBmff('avif', undefined, ['mif1']), box('meta', concat([0, 0, 0, 0], box('iinf', concat([0, 0, 0, 0], be16(1), infe)))), box('mdat', deflateSync(PROHIBITS)));
    const cases: [Uint8Array, RegExp][] = [
      [jpeg({ segments: [jpegSegment(0xfe, new Uint8Array(Buffer.from(`\uFEFF${PROHIBITS}`, 'utf16le')))] }), /UTF-16 or UTF-32/],
      [jpeg({ segments: [xmpApp1(main)] }), /Extended XMP incomplete/],
      [png({ chunks: [pngChunk('zTXt', concat(ascii('Comment\0'), [0], [0x78, 0x9c, 1, 2, 3]))] }), /does not inflate/],
      [heif, /stored compressed/],
    ];
    for (const [bytes, why] of cases) {
      expect(await readEmbeddedRights(bytes)).toEqual({ unreadable: expect.stringMatching(why) });
      expect(await xmpDeny(bytes)).toEqual(['signal-unreadable']);
    }
  });
});
