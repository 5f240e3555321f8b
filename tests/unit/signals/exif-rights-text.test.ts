import { describe, expect, it } from 'vitest';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateEmbeddedRights, readEmbeddedRights } from '../../../utils/signals/xmp';
import { ascii, concat, jpeg, jpegSegment, png, pngChunk, riffChunk, webp } from '../media/image-fixtures';

const AI = purposeProfile('ai-training');
const TDM = purposeProfile('research-tdm');

const be16 = (n: number) => [(n >> 8) & 255, n & 255];
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** A big-endian TIFF structure with IFD0 holding one ASCII tag (TIFF 6.0 §2, type 2, NUL-terminated). */
function tiffWithAscii(tag: number, text: string): Uint8Array {
  const value = concat(new TextEncoder().encode(text), [0]);
  const entry = value.length <= 4
    ? concat(be16(tag), be16(2), be32(value.length), value, new Array(4 - value.length).fill(0))
    : concat(be16(tag), be16(2), be32(value.length), be32(8 + 2 + 12 + 4));
  return concat(ascii('MM'), [0, 42], be32(8), be16(1), entry, be32(0), value.length <= 4 ? [] : value);
}

/** An EXIF APP1 (EXIF 2.32 §4.5.4) holding IFD0 with Copyright (0x8298). */
const exifCopyright = (text: string) => jpegSegment(0xe1, concat(ascii('Exif\0\0'), tiffWithAscii(0x8298, text)));

const reasons = async (bytes: Uint8Array, profile = AI) =>
  evaluateEmbeddedRights(await readEmbeddedRights(bytes), profile).evidence.filter((e) => e.effect === 'deny').map((e) => e.reason);
const denials = async (bytes: Uint8Array, profile = AI) =>
  evaluateEmbeddedRights(await readEmbeddedRights(bytes), profile).evidence.filter((e) => e.effect === 'deny');

describe('a plain-language refusal in the EXIF Copyright tag', () => {
  it('a JPEG whose EXIF Copyright says “© Jane Doe – No AI training” refuses AI training', async () => {
    const found = await denials(jpeg({ segments: [exifCopyright('© Jane Doe – No AI training')] }));
    expect(found.map((e) => e.reason)).toEqual(['xmp-data-mining']);
    expect(found[0]!.value).toBe('EXIF Copyright: © Jane Doe – No AI training');
  });

  it('bound by purpose as IPTC Copyright Notice is: an AI-training refusal does not bind research-tdm, a data-mining one does', async () => {
    expect(await reasons(jpeg({ segments: [exifCopyright('© Jane Doe. No AI training')] }), TDM)).toEqual([]);
    expect(await reasons(jpeg({ segments: [exifCopyright('© Jane Doe. No data mining')] }), TDM)).toEqual(['xmp-data-mining']);
  });

  it('a refusal in the owner’s own language (ja, de) refuses', async () => {
    expect(await reasons(jpeg({ segments: [exifCopyright('©山田太郎 AI学習禁止')] }))).toEqual(['xmp-data-mining']);
    expect(await reasons(jpeg({ segments: [exifCopyright('© Anna Schmidt. KI-Training untersagt')] }))).toEqual(['xmp-data-mining']);
  });

  it('a TIFF whose IFD0 Copyright refuses AI training refuses', async () => {
    expect(await reasons(tiffWithAscii(0x8298, '© Jane Doe. Not to be used for AI training'))).toEqual(['xmp-data-mining']);
  });

  it('a PNG whose eXIf chunk holds a refusing Copyright refuses', async () => {
    expect(await reasons(png({ chunks: [pngChunk('eXIf', tiffWithAscii(0x8298, '© Jane Doe – No AI training'))] }))).toEqual(['xmp-data-mining']);
  });

  it('a plain copyright notice in EXIF refuses nothing', async () => {
    expect(await reasons(jpeg({ segments: [exifCopyright('© 2024 Jane Doe. All rights reserved.')] }))).toEqual([]);
  });

  it('a 1 MB Copyright string is read without crashing and still refuses', async () => {
    const huge = `© Jane Doe – No AI training ${'x'.repeat(1024 * 1024)}`;
    const tiff = tiffWithAscii(0x8298, huge);
    expect(await reasons(tiff)).toEqual(['xmp-data-mining']);
  });

  it('a truncated EXIF does not crash and refuses nothing it cannot read', async () => {
    const seg = exifCopyright('© Jane Doe – No AI training');
    const cut = jpeg({ segments: [seg.subarray(0, 20)] });
    const result = await readEmbeddedRights(cut);
    expect(typeof result).toBe('object');
    expect(Array.isArray(evaluateEmbeddedRights(result, AI).evidence)).toBe(true);
  });
});

describe('a plain-language refusal past the first 2000 characters of a rights text', () => {
  it('XMP UsageTerms whose refusal follows a long notice refuses', async () => {
    const terms = `${'Licensed for editorial use by the publisher named in the agreement. '.repeat(40)}No AI training.`;
    const packet = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"><xmpRights:UsageTerms>${terms}</xmpRights:UsageTerms></rdf:Description></rdf:RDF></x:xmpmeta>`;
    const app1 = jpegSegment(0xe1, concat(ascii('http://ns.adobe.com/xap/1.0/\0'), ascii(packet)));
    expect(await reasons(jpeg({ segments: [app1] }))).toEqual(['xmp-data-mining']);
  });

  it('an EXIF Copyright whose refusal follows 1 MB of padding refuses', async () => {
    expect(await reasons(tiffWithAscii(0x8298, `${'x'.repeat(1024 * 1024)} © Jane Doe – No AI training`))).toEqual(['xmp-data-mining']);
  });
});

/** A zlib stream of `data` (CompressionStream 'deflate' is zlib-wrapped, as PNG zTXt / iTXt want). */
async function zlib(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
}

describe('a plain-language refusal in a PNG text chunk', () => {
  const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('a PNG whose tEXt Copyright says “© Jane Doe. No AI training” refuses, naming the chunk', async () => {
    const found = await denials(png({ chunks: [pngChunk('tEXt', concat(ascii('Copyright\0'), latin1('© Jane Doe. No AI training')))] }));
    expect(found.map((e) => e.reason)).toEqual(['xmp-data-mining']);
    expect(found[0]!.value).toBe('PNG Copyright: © Jane Doe. No AI training');
  });

  it('a PNG whose Disclaimer in an iTXt (UTF-8) or compressed zTXt refuses data mining refuses', async () => {
    const itxt = concat(ascii('Disclaimer\0'), [0, 0], ascii('de\0\0'), utf8('KI-Training untersagt'));
    expect(await reasons(png({ chunks: [pngChunk('iTXt', itxt)] }))).toEqual(['xmp-data-mining']);
    const ztxt = concat(ascii('Copyright\0'), [0], await zlib(latin1('Text and data mining prohibited')));
    expect(await reasons(png({ chunks: [pngChunk('zTXt', ztxt)] }), TDM)).toEqual(['xmp-data-mining']);
  });

  it('a PNG Comment or Description saying the same is not read (a caption, not a rights field)', async () => {
    expect(await reasons(png({ chunks: [pngChunk('tEXt', concat(ascii('Description\0'), ascii('A sign: No AI training')))] }))).toEqual([]);
  });

  it('a compressed Copyright that does not inflate does not crash and fails closed (unreadable)', async () => {
    const result = await readEmbeddedRights(png({ chunks: [pngChunk('zTXt', concat(ascii('Copyright\0'), [0], [1, 2, 3, 4]))] }));
    expect('unreadable' in result).toBe(true);
  });
});

describe('a plain-language refusal in the EXIF Copyright of a WebP', () => {
  it('a WebP whose EXIF chunk holds a refusing Copyright refuses', async () => {
    expect(await reasons(webp({ chunks: [riffChunk('EXIF', tiffWithAscii(0x8298, '© Jane Doe – No AI training'))] }))).toEqual(['xmp-data-mining']);
    expect(await reasons(webp({ chunks: [riffChunk('EXIF', concat(ascii('Exif\0\0'), tiffWithAscii(0x8298, '© Jane Doe – No AI training')))] }))).toEqual(['xmp-data-mining']);
  });

  it('a WebP whose EXIF chunk is cut short does not crash', async () => {
    const result = await readEmbeddedRights(webp({ chunks: [riffChunk('EXIF', tiffWithAscii(0x8298, '© Jane Doe – No AI training').subarray(0, 14))] }));
    expect(typeof result).toBe('object');
  });
});
