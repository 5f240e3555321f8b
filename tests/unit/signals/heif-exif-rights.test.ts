import { describe, expect, it } from 'vitest';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateEmbeddedRights, readEmbeddedRights } from '../../../utils/signals/xmp';
import { ascii, box, concat, isoBmff, xmpPacket } from '../media/image-fixtures';

const AI = purposeProfile('ai-training');

const be16 = (n: number) => [(n >> 8) & 255, n & 255];
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** A big-endian TIFF whose IFD0 holds Copyright (0x8298, ASCII) and, optionally, IPTC-IIM (33723, UNDEFINED). */
function tiff(copyright: string, iim?: [number, string][]): Uint8Array {
  const cr = concat(new TextEncoder().encode(copyright), [0]);
  const datasets = concat(...(iim ?? []).map(([tag, text]) => {
    const t = new TextEncoder().encode(text);
    return concat([0x1c, 2, tag], be16(t.length), t);
  }));
  const entries = iim ? 2 : 1;
  const data = 8 + 2 + entries * 12 + 4;
  return concat(ascii('MM'), [0, 42], be32(8), be16(entries), be16(0x8298), be16(2), be32(cr.length), be32(data),
    iim ? concat(be16(33723), be16(7), be32(datasets.length), be32(data + cr.length)) : [], be32(0), cr, datasets);
}

/** A HEIF `Exif` item's payload (ISO/IEC 23008-12 §A.2.1): exif_tiff_header_offset, then `Exif\0\0` and the TIFF, as libheif writes it. */
const exifItem = (t: Uint8Array) => concat(be32(6), ascii('Exif\0\0'), t);

interface Item {
  type: string;
  data: Uint8Array;
  /** In the meta's `idat` (construction_method 1), not in `mdat`. */
  idat?: boolean;
  /** Split into extents of these lengths (the last takes the rest). */
  split?: number[];
  /** The extents stored in the file last first (listed in iloc in their own order). */
  reversed?: boolean;
  /** The `infe` content_type of a `mime` item. */
  contentType?: string;
}

/**
 * An ISO-BMFF image file: ftyp, a `meta` (iinf of version 2 `infe`s, iloc version 1, idat) and an
 * `mdat` holding the items' bytes, located by offset from the file's start.
 */
function heif(brand: string, compatible: string[], items: Item[]): Uint8Array {
  const ftyp = isoBmff(brand, undefined, compatible);
  const pieces = items.map((it) => {
    const cuts = [0, ...(it.split ?? []).map((_, i, a) => a.slice(0, i + 1).reduce((x, y) => x + y, 0)), it.data.length];
    return cuts.slice(0, -1).map((c, i) => it.data.subarray(c, cuts[i + 1]));
  });
  const stored = items.map((it, i) => (it.reversed ? [...pieces[i]!].reverse() : pieces[i]!));
  const infes = items.map((it, i) => box('infe', concat([2, 0, 0, 0], be16(i + 1), be16(0), ascii(it.type), ascii('\0'), it.contentType ? ascii(`${it.contentType}\0`) : [])));
  const iinf = box('iinf', concat([0, 0, 0, 0], be16(items.length), ...infes));
  const ilocLength = 8 + 4 + 2 + 2 + items.reduce((n, _, i) => n + 8 + pieces[i]!.length * 8, 0);
  const idatData = concat(...items.flatMap((it, i) => (it.idat ? stored[i]! : [])));
  const idat = idatData.length > 0 ? box('idat', idatData) : new Uint8Array();
  const metaLength = 8 + 4 + iinf.length + ilocLength + idat.length;
  let mdatAt = ftyp.length + metaLength + 8;
  let idatAt = 0;
  const entries = items.map((it, i) => {
    const placed = new Map(stored[i]!.map((p) => {
      const at = it.idat ? idatAt : mdatAt;
      if (it.idat) idatAt += p.length;
      else mdatAt += p.length;
      return [p, at] as const;
    }));
    const extents = pieces[i]!.map((p) => concat(be32(placed.get(p)!), be32(p.length)));
    return concat(be16(i + 1), be16(it.idat ? 1 : 0), be16(0), be16(extents.length), ...extents);
  });
  const iloc = box('iloc', concat([1, 0, 0, 0], [0x44, 0x00], be16(items.length), ...entries));
  const meta = box('meta', concat([0, 0, 0, 0], iinf, iloc, idat));
  const mdat = box('mdat', concat(...items.flatMap((it, i) => (it.idat ? [] : stored[i]!))));
  expect(meta.length).toBe(metaLength);
  return concat(ftyp, meta, mdat);
}

const avif = (...items: Item[]) => heif('avif', ['mif1', 'miaf'], items);
const REFUSAL = '© Jane Doe – No AI training';
const exif = (copyright: string, extra: Partial<Item> = {}): Item => ({ type: 'Exif', data: exifItem(tiff(copyright)), ...extra });
const av01: Item = { type: 'av01', data: new Uint8Array(64).fill(7) };

const denials = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI).evidence.filter((e) => e.effect === 'deny');
const reasons = async (bytes: Uint8Array) => (await denials(bytes)).map((e) => e.reason);

describe('a plain-language refusal in the EXIF item of an AVIF or HEIC', () => {
  it('an AVIF whose Exif item Copyright says “© Jane Doe – No AI training” refuses AI training', async () => {
    const found = await denials(avif(av01, exif(REFUSAL)));
    expect(found.map((e) => e.reason)).toEqual(['xmp-data-mining']);
    expect(found[0]!.value).toBe(`EXIF Copyright: ${REFUSAL}`);
  });

  it('a HEIC, a HEIF of brand mif1 only, and an AVIF whose major brand alone says avif refuse the same', async () => {
    expect(await reasons(heif('heic', ['mif1', 'heic'], [exif(REFUSAL)]))).toEqual(['xmp-data-mining']);
    expect(await reasons(heif('mif1', ['mif1'], [exif(REFUSAL)]))).toEqual(['xmp-data-mining']);
    expect(await reasons(heif('avif', ['mif1', 'miaf'], [exif(REFUSAL)]))).toEqual(['xmp-data-mining']);
  });

  it('an Exif item in idat, in two extents, or without the offset before its TIFF is read', async () => {
    expect(await reasons(avif(av01, exif(REFUSAL, { idat: true })))).toEqual(['xmp-data-mining']);
    expect(await reasons(avif(av01, exif(REFUSAL, { split: [30] })))).toEqual(['xmp-data-mining']);
    expect(await reasons(avif(av01, { type: 'Exif', data: tiff(REFUSAL) }))).toEqual(['xmp-data-mining']);
  });

  it('a second Exif item’s refusing Copyright refuses', async () => {
    expect(await reasons(avif(av01, exif('© Jane Doe'), exif(REFUSAL)))).toEqual(['xmp-data-mining']);
  });

  it('an IPTC-IIM Copyright Notice in the Exif item’s tag 33723 refuses', async () => {
    const bytes = avif(av01, { type: 'Exif', data: exifItem(tiff('© Jane Doe', [[116, 'No AI training']])) });
    expect(await reasons(bytes)).toEqual(['xmp-data-mining']);
  });

  it('an Exif item cut short at the end of the file is unreadable, not read as saying nothing', async () => {
    const whole = avif(av01, exif(REFUSAL));
    const result = await readEmbeddedRights(whole.subarray(0, whole.length - 10));
    expect(result).toMatchObject({ unreadable: expect.stringContaining('EXIF item') });
    expect(await reasons(whole.subarray(0, whole.length - 10))).toEqual(['signal-unreadable']);
  });

  it('an Exif item Heed cannot locate (no iloc entry, data through another item) is unreadable', async () => {
    const whole = avif(av01, exif(REFUSAL));
    // The second iloc entry (the Exif item's, id 2) renumbered to 3: item 2 has no location.
    const noEntry = whole.slice();
    const ilocAt = Buffer.from(noEntry).indexOf('iloc');
    const second = ilocAt + 4 + 4 + 2 + 2 + 8 + 8;
    expect(noEntry[second + 1]).toBe(2);
    noEntry[second + 1] = 3;
    expect(await reasons(noEntry)).toEqual(['signal-unreadable']);
    const viaItem = whole.slice();
    viaItem[second + 3] = 2; // construction_method 2
    expect(await reasons(viaItem)).toEqual(['signal-unreadable']);
  });

  it('a hostile iloc (an entry count past its box, 64-bit offsets past the file) does not crash and fails closed', async () => {
    const whole = avif(av01, exif(REFUSAL));
    const ilocAt = Buffer.from(whole).indexOf('iloc');
    const huge = whole.slice();
    huge.set([0xff, 0xff], ilocAt + 4 + 4 + 2);
    // The entries the box holds are read (the Exif item's among them); the count past them names none.
    expect(await reasons(huge)).toEqual(['xmp-data-mining']);
    const far = whole.slice();
    far[ilocAt + 4 + 4] = 0x84; // offset_size 8: every offset read past the file
    expect(await reasons(far)).toEqual(['signal-unreadable']);
  });

  it('unchanged: an AVIF or HEIC whose Exif Copyright is a plain “© Jane Doe” refuses nothing and is readable', async () => {
    for (const bytes of [avif(av01, exif('© Jane Doe')), heif('heic', ['mif1', 'heic'], [av01, exif('© 2024 Jane Doe. All rights reserved.')]), avif(av01)]) {
      const result = await readEmbeddedRights(bytes);
      expect('unreadable' in result).toBe(false);
      expect(await reasons(bytes)).toEqual([]);
    }
  });
});

describe('an XMP item of an AVIF or HEIC is read as its iloc extents put it together', () => {
  const DMI = '<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED</plus:DataMining>';
  const xmpItem = (text: string, extra: Partial<Item> = {}): Item => ({ type: 'mime', contentType: 'application/rdf+xml', data: ascii(text), ...extra });

  it('an XMP item whose two extents are stored last first, beside bytes that close its first, refuses', async () => {
    const full = xmpPacket(`<dc:title>A</dc:title>${DMI}`);
    const cut = ascii(full.slice(0, full.indexOf('<plus:DataMining>'))).length;
    // The file holds the DataMining half, then the first half, then another item's bytes that
    // close the first half into a packet of its own (a title only).
    const tail = { type: 'hvc1', data: ascii('</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>') };
    expect(await reasons(avif(av01, xmpItem(full, { split: [cut], reversed: true }), tail))).toEqual(['xmp-data-mining']);
  });

  it('an XMP item in a form the packet scan does not find (a default-namespace RDF), beside a packet it does, refuses', async () => {
    const defaultNs = `<RDF xmlns="${'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}"><Description xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" about="">${DMI}</Description></RDF>`;
    const decoy = { type: 'hvc1', data: ascii(xmpPacket('<dc:title>A</dc:title>')) };
    expect(await reasons(avif(av01, xmpItem(defaultNs), decoy))).toEqual(['xmp-data-mining']);
  });

  it('unchanged: an XMP item in one extent is read once, and an ordinary one permits', async () => {
    expect(await reasons(avif(av01, xmpItem(xmpPacket(DMI))))).toEqual(['xmp-data-mining']);
    const plain = await readEmbeddedRights(avif(av01, xmpItem(xmpPacket('<dc:title>A</dc:title>'))));
    expect(plain).toMatchObject({ xmp: true, title: 'A', dataMining: [] });
  });
});

describe('the EXIF item of an AVIF or HEIC: its XMP and its layouts', () => {
  const DMI = '<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED</plus:DataMining>';
  /** A big-endian TIFF with IFD0 holding tag 700 (XMP, UNDEFINED) and the packet after it. */
  const tiffWithXmp = (xmp: string) => {
    const data = ascii(xmp);
    return concat(ascii('MM'), [0, 42], be32(8), be16(1), be16(700), be16(7), be32(data.length), be32(26), be32(0), data);
  };

  it('an XMP packet in tag 700 of an Exif item stored in two extents last first, beside bytes that close its first, refuses', async () => {
    const data = exifItem(tiffWithXmp(xmpPacket(`<dc:title>A</dc:title>${DMI}`)));
    const cut = Buffer.from(data).indexOf('<plus:DataMining>');
    const tail = { type: 'hvc1', data: ascii('</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>') };
    expect(await reasons(avif(av01, { type: 'Exif', data, split: [cut], reversed: true }, tail))).toEqual(['xmp-data-mining']);
  });

  it('an Exif item whose offset is 0 with JPEG’s Exif header before its TIFF is read, not unreadable', async () => {
    const zeroOffset = (copyright: string): Item => ({ type: 'Exif', data: concat(be32(0), ascii('Exif\0\0'), tiff(copyright)) });
    expect(await reasons(avif(av01, zeroOffset(REFUSAL)))).toEqual(['xmp-data-mining']);
    expect(await reasons(avif(av01, zeroOffset('© Jane Doe')))).toEqual([]);
  });
});
