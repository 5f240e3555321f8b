import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLicenceUrl } from '../../../utils/model/licence-url';
import { purposeProfile } from '../../../utils/model/purposes';
import {
  EmbeddedRightsSchema,
  dataMiningId,
  digitalSourceTypeCode,
  evaluateEmbeddedRights,
  isSyntheticSourceType,
  readEmbeddedRights,
  statedLicences,
  type EmbeddedRights,
  type EmbeddedRightsResult,
} from '../../../utils/signals/xmp';
import { NS, ascii, box, concat, gif, iptcApp13, isoBmff, jpeg, jpegSegment, png, pngChunk, pngXmpChunk, riffChunk, webp, xmpApp1, xmpPacket } from '../media/image-fixtures';

const AI = purposeProfile('ai-training');
const TDM = purposeProfile('research-tdm');
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const VOCAB = 'http://ns.useplus.org/ldf/vocab/';
const DST = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

const EMPTY: EmbeddedRights = {
  xmp: false, iim: false, webStatement: null, ccLicense: null, usageTerms: null, marked: null, rights: null, creators: [],
  title: null, credit: null, dataMining: [], otherConstraints: null, modelReleaseStatus: null, propertyReleaseStatus: null,
  digitalSourceType: null, personsInImage: [], licensorUrls: [], iimCopyrightNotice: null, iimByline: [], iimCredit: null,
};

async function read(bytes: Uint8Array): Promise<EmbeddedRights> {
  const r = await readEmbeddedRights(bytes);
  if ('unreadable' in r) throw new Error(`unexpected unreadable: ${r.unreadable}`);
  return r;
}

// Attribute form (simple properties as rdf:Description attributes), as Photoshop writes them.
const ATTRIBUTE_FORM = xmpPacket(
  '<dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>',
  `xmpRights:WebStatement="${CC_BY}" xmpRights:Marked="True" plus:DataMining="${VOCAB}DMI-PROHIBITED-AIMLTRAINING" Iptc4xmpExt:DigitalSourceType="${DST}trainedAlgorithmicMedia" photoshop:Credit="Acme &amp; Co"`,
);

// Element form with unusual prefixes: properties must be matched by namespace URI, not prefix.
const ELEMENT_FORM = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <r:Description r:about="" xmlns:rights="http://ns.adobe.com/xap/1.0/rights/" xmlns:d="http://purl.org/dc/elements/1.1/">
  <rights:WebStatement>${CC_BY}</rights:WebStatement>
  <rights:UsageTerms><r:Alt><r:li xml:lang="de">Nur redaktionell</r:li><r:li xml:lang="x-default">Editorial use only</r:li></r:Alt></rights:UsageTerms>
  <d:title><r:Alt><r:li xml:lang="x-default">Sunset &amp; sea &#x263C;</r:li></r:Alt></d:title>
  <d:creator><r:Seq><r:li>Jane Doe</r:li><r:li>John Roe</r:li></r:Seq></d:creator>
  <d:rights><r:Alt><r:li xml:lang="fr">© Jeanne</r:li><r:li xml:lang="x-default">© Jane Doe 2024</r:li></r:Alt></d:rights>
 </r:Description>
 <r:Description r:about="" xmlns:p="http://ns.useplus.org/ldf/xmp/1.0/" xmlns:ie="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">
  <p:DataMining r:resource="${VOCAB}DMI-PROHIBITED-GENAIMLTRAINING"/>
  <p:ModelReleaseStatus><r:Description><r:value>${VOCAB}MR-NON</r:value></r:Description></p:ModelReleaseStatus>
  <p:PropertyReleaseStatus r:resource="${VOCAB}PR-UPR"/>
  <ie:PersonInImage><r:Bag><r:li>Ann</r:li><r:li>Bob</r:li></r:Bag></ie:PersonInImage>
  <ie:DigitalSourceType>${DST}digitalCapture</ie:DigitalSourceType>
  <p:Licensor><r:Seq>
   <r:li r:parseType="Resource"><p:LicensorName>Acme</p:LicensorName><p:LicensorURL>https://acme.test/buy</p:LicensorURL></r:li>
   <r:li><r:Description p:LicensorURL="https://other.test/licensing"/></r:li>
   <r:li p:LicensorURL="https://third.test/"/>
  </r:Seq></p:Licensor>
 </r:Description>
</r:RDF></x:xmpmeta>`;

describe('readEmbeddedRights', () => {
  it('reads attribute-form XMP from a JPEG APP1', async () => {
    expect(await read(jpeg({ segments: [xmpApp1(ATTRIBUTE_FORM)] }))).toEqual({
      ...EMPTY, xmp: true, webStatement: CC_BY, marked: true, creators: ['Jane Doe'], credit: 'Acme & Co',
      dataMining: [`${VOCAB}DMI-PROHIBITED-AIMLTRAINING`], digitalSourceType: `${DST}trainedAlgorithmicMedia`,
    });
  });

  it('reads element-form XMP from a PNG iTXt chunk, by namespace URI', async () => {
    expect(await read(png({ chunks: [pngXmpChunk(ELEMENT_FORM)] }))).toEqual({
      ...EMPTY, xmp: true, webStatement: CC_BY, usageTerms: 'Editorial use only', title: 'Sunset & sea ☼',
      creators: ['Jane Doe', 'John Roe'], rights: '© Jane Doe 2024', dataMining: [`${VOCAB}DMI-PROHIBITED-GENAIMLTRAINING`],
      modelReleaseStatus: `${VOCAB}MR-NON`, propertyReleaseStatus: `${VOCAB}PR-UPR`, personsInImage: ['Ann', 'Bob'],
      digitalSourceType: `${DST}digitalCapture`, licensorUrls: ['https://acme.test/buy', 'https://other.test/licensing', 'https://third.test/'],
    });
  });

  it('reads IPTC-IIM (APP13) CopyrightNotice, By-line and Credit, recovering UTF-8', async () => {
    const bytes = jpeg({ segments: [iptcApp13([[116, '© Jane Doe'], [80, 'Jane Doe'], [80, 'John Roe'], [110, 'Crédit Agence']])] });
    expect(await read(bytes)).toEqual({ ...EMPTY, iim: true, iimCopyrightNotice: '© Jane Doe', iimByline: ['Jane Doe', 'John Roe'], iimCredit: 'Crédit Agence' });
  });

  it('reads XMP from a WebP `XMP ` chunk and a GIF application extension (packet scan)', async () => {
    const x = xmpPacket(`<plus:DataMining>DMI-PROHIBITED</plus:DataMining>`);
    expect((await read(webp({ chunks: [riffChunk('XMP ', ascii(x))] }))).dataMining).toEqual(['DMI-PROHIBITED']);
    const ext = concat([0x21, 0xff, 11], ascii('XMP DataXMP'), ascii(x), [1], Uint8Array.from({ length: 256 }, (_, i) => 255 - i), [0]);
    expect((await read(gif(2, 2, ext))).dataMining).toEqual(['DMI-PROHIBITED']);
  });

  it('inflates a compressed PNG iTXt XMP packet', async () => {
    const x = xmpPacket('<plus:DataMining>DMI-ALLOWED</plus:DataMining>');
    const z = new Uint8Array(await new Response(new Blob([ascii(x) as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
    const chunk = pngChunk('iTXt', concat(ascii('XML:com.adobe.xmp'), [0, 1, 0, 0, 0], z));
    expect((await read(png({ chunks: [chunk] }))).dataMining).toEqual(['DMI-ALLOWED']);
  });

  it('reads JPEG Extended XMP (exifr multiSegment)', async () => {
    const guid = '0123456789ABCDEF0123456789ABCDEF';
    const main = xmpPacket('', `xmpNote:HasExtendedXMP="${guid}" xmlns:xmpNote="http://ns.adobe.com/xmp/note/"`);
    const ext = ascii(xmpPacket('<plus:DataMining>DMI-PROHIBITED</plus:DataMining>'));
    const hdr = concat(ascii('http://ns.adobe.com/xmp/extension/\0'), ascii(guid), [0, 0, (ext.length >> 8) & 255, ext.length & 255], [0, 0, 0, 0]);
    expect((await read(jpeg({ segments: [xmpApp1(main), jpegSegment(0xe1, concat(hdr, ext))] }))).dataMining).toEqual(['DMI-PROHIBITED']);
  });

  it('no metadata → all empty', async () => {
    expect(await read(jpeg())).toEqual(EMPTY);
    expect(await read(png())).toEqual(EMPTY);
  });

  it.each<[string, string]>([
    ['mismatched tags', xmpPacket('<dc:title>x</dc:creator>')],
    ['unclosed element', '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'],
    ['undeclared entity', xmpPacket('<dc:title>&nbsp;</dc:title>')],
    ['a DTD', `<!DOCTYPE x [<!ENTITY a "b">]>${xmpPacket('')}`],
    ['no rdf:RDF', '<x:xmpmeta xmlns:x="adobe:ns:meta/"><foo/></x:xmpmeta>'],
    ['no XML at all', 'just some text'],
    ['nesting deeper than the cap', xmpPacket(`${'<dc:a>'.repeat(200)}${'</dc:a>'.repeat(200)}`)],
  ])('XMP present but unparseable (%s) → unreadable', async (_name, packet) => {
    const r = await readEmbeddedRights(jpeg({ segments: [xmpApp1(packet)] }));
    expect(r).toEqual({ unreadable: expect.any(String) });
  });

  // Work is capped, not only size: a packet past a cap is unreadable (DESIGN.md §2 rule 5), with
  // the cap named, rather than parsed for minutes and retried after each worker restart.
  it.each<[string, string, RegExp]>([
    ['more attributes than the cap', xmpPacket('', Array.from({ length: 200_001 }, (_, i) => `dc:a${i}="x"`).join(' ')), /XMP: more than 200000 attributes in the document/],
    ['more elements than the cap', xmpPacket('<dc:a/>'.repeat(50_001)), /XMP: more than 50000 elements/],
  ])('XMP past a work cap (%s) → unreadable, naming the cap', async (_name, packet, reason) => {
    const r = await readEmbeddedRights(png({ chunks: [pngXmpChunk(packet)] }));
    expect(r).toEqual({ unreadable: expect.stringMatching(reason) });
  });

  it('a JPEG cut inside its XMP segment → unreadable (the XMP is declared but lost)', async () => {
    const full = jpeg({ segments: [xmpApp1(ATTRIBUTE_FORM)] });
    expect(await readEmbeddedRights(full.subarray(0, 200))).toEqual({ unreadable: expect.any(String) });
  });

  it.each<[string, Uint8Array]>([
    ['empty', new Uint8Array()],
    ['one byte', Uint8Array.from([0xff])],
    ['junk', Uint8Array.from({ length: 2048 }, (_, i) => (i * 89 + 3) & 255)],
    ['JPEG SOI only', Uint8Array.from([0xff, 0xd8, 0xff])],
    ['PNG claiming a 4 GB chunk', concat(png().subarray(0, 33), [0xff, 0xff, 0xff, 0xff], ascii('iTXt'))],
  ])('never throws: %s', async (_name, bytes) => {
    await expect(readEmbeddedRights(bytes)).resolves.toEqual(EMPTY);
  });

  it('property: mutated or cut images never throw and give a schema-valid result or unreadable', async () => {
    const seeds = [
      jpeg({ segments: [xmpApp1(ATTRIBUTE_FORM), iptcApp13([[116, '© Z'], [80, 'Z']])] }),
      png({ chunks: [pngXmpChunk(ELEMENT_FORM)] }),
      webp({ chunks: [riffChunk('XMP ', ascii(ATTRIBUTE_FORM))] }),
    ];
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }), fc.option(fc.nat()),
      async (seed, mutations, cut) => {
        const b = new Uint8Array(seed);
        for (const [at, v] of mutations) b[at % b.length] = v;
        const r = await readEmbeddedRights(cut === null ? b : b.subarray(0, cut % b.length));
        if (!('unreadable' in r)) expect(EmbeddedRightsSchema.safeParse(r).success).toBe(true);
        expect(() => evaluateEmbeddedRights(r, AI)).not.toThrow();
      },
    ), { numRuns: 150 });
  });

  it('caps hostile sizes: 10 000 creators keep 50, a 100 kB title is clipped', async () => {
    const lis = '<rdf:li>x</rdf:li>'.repeat(10_000);
    const r = await read(png({ chunks: [pngXmpChunk(xmpPacket(`<dc:creator><rdf:Seq>${lis}</rdf:Seq></dc:creator>`))] }));
    expect(r.creators).toHaveLength(50);
    const big = await read(png({ chunks: [pngXmpChunk(xmpPacket(`<dc:title>${'t'.repeat(100_000)}</dc:title>`))] }));
    expect(big.title!.length).toBe(2000);
    expect(EmbeddedRightsSchema.safeParse(big).success).toBe(true);
  });
});

// Written by an independent tool (ExifTool 12.57, plus:DataMining via a user config) onto tiny images.
describe('fixtures written by ExifTool', () => {
  const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/images/${name}`, import.meta.url)));

  it('JPEG: XMP in separate rdf:Descriptions plus UTF-8 IIM', async () => {
    const r = await read(fixture('exiftool-xmp-iptc.jpg'));
    expect(r).toEqual({
      ...EMPTY, xmp: true, iim: true, webStatement: 'https://creativecommons.org/licenses/by-sa/4.0/', marked: true,
      rights: '© Ana Lima', creators: ['Ana Lima'], title: 'Harbour at dawn', credit: 'Ana Lima / Studio',
      dataMining: [`${VOCAB}DMI-PROHIBITED-GENAIMLTRAINING`], modelReleaseStatus: `${VOCAB}MR-NON`,
      digitalSourceType: `${DST}trainedAlgorithmicMedia`, personsInImage: ['Rui'], licensorUrls: ['https://licensing.example/ana'],
      iimCopyrightNotice: '© Ana Lima', iimByline: ['Ana Lima'], iimCredit: 'Studio',
    });
    const ev = evaluateEmbeddedRights(r, purposeProfile('genai-training'));
    expect(ev.evidence.filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['xmp-data-mining']);
    expect(ev.licence).toMatchObject({ source: 'xmp', id: parseLicenceUrl('https://creativecommons.org/licenses/by-sa/4.0/')!.id });
    expect(ev.licence?.attribution).toContain('Harbour at dawn');
    expect(ev.synthetic).toBe(true);
  });

  it('PNG: XMP iTXt', async () => {
    const r = await read(fixture('exiftool-xmp.png'));
    expect(r).toMatchObject({ xmp: true, dataMining: ['DMI-PROHIBITED'], webStatement: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'Zero' });
    expect(evaluateEmbeddedRights(r, TDM).evidence).toContainEqual(expect.objectContaining({ reason: 'xmp-data-mining' }));
  });
});

describe('evaluateEmbeddedRights', () => {
  const rights = (over: Partial<EmbeddedRights>): EmbeddedRightsResult => ({ ...EMPTY, xmp: true, ...over });

  it('DataMining prohibited for the purpose → deny xmp-data-mining; licence from WebStatement; synthetic', async () => {
    const r = await readEmbeddedRights(jpeg({ segments: [xmpApp1(ATTRIBUTE_FORM)] }));
    const ev = evaluateEmbeddedRights(r, AI);
    expect(ev.evidence.filter((e) => e.effect === 'deny')).toEqual([
      expect.objectContaining({ kind: 'xmp', scope: 'image', source: 'xmp', value: 'plus:DataMining=DMI-PROHIBITED-AIMLTRAINING', reason: 'xmp-data-mining' }),
    ]);
    expect(ev.licence).toEqual({ id: parseLicenceUrl(CC_BY)!.id, url: CC_BY, source: 'xmp', attribution: expect.stringContaining('Jane Doe') });
    expect(ev.synthetic).toBe(true);
  });

  it('element form: generative-only prohibition binds ai-training, not research-tdm; attribution has title and creators', async () => {
    const r = await readEmbeddedRights(png({ chunks: [pngXmpChunk(ELEMENT_FORM)] }));
    expect(evaluateEmbeddedRights(r, AI).evidence.some((e) => e.reason === 'xmp-data-mining')).toBe(true);
    const tdm = evaluateEmbeddedRights(r, TDM);
    expect(tdm.evidence.some((e) => e.effect === 'deny')).toBe(false);
    expect(tdm.licence?.attribution).toContain('Sunset & sea');
    expect(tdm.licence?.attribution).toContain('Jane Doe, John Roe');
    expect(tdm.synthetic).toBe(false);
    const values = tdm.evidence.map((e) => e.value);
    expect(values).toEqual(expect.arrayContaining([
      'plus:ModelReleaseStatus=MR-NON', 'plus:PropertyReleaseStatus=PR-UPR', 'Iptc4xmpExt:PersonInImage=Ann; Bob',
      'Iptc4xmpExt:DigitalSourceType=digitalCapture', 'plus:LicensorURL=https://acme.test/buy', 'dc:rights=© Jane Doe 2024',
    ]));
    expect(tdm.evidence.every((e) => e.effect === 'info' || e.effect === 'allow')).toBe(true);
  });

  it.each<[string, string[], string | null, 'deny' | 'allow' | 'info']>([
    ['bare ID', ['DMI-PROHIBITED-AIMLTRAINING'], 'xmp-data-mining', 'deny'],
    ['full URI', [`${VOCAB}DMI-PROHIBITED`], 'xmp-data-mining', 'deny'],
    ['https URI, lower case', ['https://ns.useplus.org/ldf/vocab/dmi-prohibited-seelinkedrightsexpr'], 'xmp-data-mining', 'deny'],
    ['allowed', ['DMI-ALLOWED'], null, 'allow'],
    ['unspecified', [`${VOCAB}DMI-UNSPECIFIED`], null, 'info'],
    ['unknown value', ['DMI-SEE-CONSTRAINT'], null, 'info'],
  ])('DataMining %s', (_name, dataMining, reason, effect) => {
    const [e, ...rest] = evaluateEmbeddedRights(rights({ dataMining }), AI).evidence;
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ kind: 'xmp', effect, ...(reason ? { reason } : {}) });
    if (!reason) expect(e).not.toHaveProperty('reason');
  });

  it('SEECONSTRAINT quotes plus:OtherConstraints in the refusal', () => {
    const ev = evaluateEmbeddedRights(rights({ dataMining: ['DMI-PROHIBITED-SEECONSTRAINT'], otherConstraints: 'No AI training without a licence' }), AI);
    expect(ev.evidence).toEqual([expect.objectContaining({ reason: 'xmp-data-mining', note: expect.stringContaining('No AI training without a licence') })]);
  });

  it('unreadable → deny signal-unreadable (fail closed), no licence, synthetic unknown', () => {
    expect(evaluateEmbeddedRights({ unreadable: 'XMP: mismatched end tag at 12' }, AI)).toEqual({
      evidence: [expect.objectContaining({ kind: 'xmp', scope: 'image', effect: 'deny', reason: 'signal-unreadable', value: 'XMP: mismatched end tag at 12' })],
      licence: null,
      synthetic: null,
    });
  });

  it('no metadata → no evidence', () => {
    expect(evaluateEmbeddedRights(EMPTY, AI)).toEqual({ evidence: [], licence: null, synthetic: null });
  });

  it('a WebStatement that is no licence is info only; cc:license is used instead', () => {
    const ev = evaluateEmbeddedRights(rights({ webStatement: 'https://photos.example/rights', ccLicense: 'http://creativecommons.org/publicdomain/zero/1.0/' }), AI);
    expect(ev.licence).toMatchObject({ id: parseLicenceUrl('http://creativecommons.org/publicdomain/zero/1.0/')!.id, source: 'xmp' });
    expect(ev.evidence.map((e) => e.effect)).toEqual(['info', 'info']);
  });

  // DESIGN.md §2 rule 4: XMP that states rights without a licence is the image's own statement.
  const STOCK = 'https://stock.example/licence-agreement';
  it.each<[string, Partial<EmbeddedRights>, string]>([
    ['a WebStatement that is a stock licence page', { webStatement: STOCK }, STOCK],
    ['Marked true and a stock WebStatement', { marked: true, webStatement: STOCK }, STOCK],
    ['Marked true alone', { marked: true }, 'xmpRights:Marked=True'],
    ['Marked true and a licensor to buy from', { marked: true, licensorUrls: ['https://stock.example/buy'] }, 'xmpRights:Marked=True'],
  ])('%s → a rights-managed statement: an xmp licence with no id', (_name, over, url) => {
    const ev = evaluateEmbeddedRights(rights(over), AI);
    expect(ev.licence).toEqual({ id: null, url, source: 'xmp', attribution: null });
    expect(ev.evidence).toContainEqual(expect.objectContaining({ kind: 'xmp', effect: 'info', note: expect.stringContaining('rights-managed') }));
  });

  it.each<[string, Partial<EmbeddedRights>]>([
    ['a bare copyright notice', { rights: '© Stock Agency' }],
    ['UsageTerms alone', { usageTerms: 'All rights reserved. Licence required.' }],
    ['Marked false', { marked: false }],
    ['an IIM copyright notice', { xmp: false, iim: true, iimCopyrightNotice: '© Stock Agency' }],
  ])('%s is info: no licence statement', (_name, over) => {
    const ev = evaluateEmbeddedRights(rights(over), AI);
    expect(ev.licence).toBeNull();
    expect(ev.evidence.every((e) => e.effect === 'info')).toBe(true);
  });

  it.each([
    'https://creativecommons.org/licenses/by/4.0/',
    'http://creativecommons.org/licenses/by/4.0/',
    'https://creativecommons.org/licenses/by/4.0/deed.de',
    'https://creativecommons.org/licenses/by/4.0/legalcode',
    'http://creativecommons.org/licenses/by/4.0/legalcode.en',
    'creativecommons.org/licenses/by/4.0',
  ])('Marked true with a CC licence in any URL form (%s) is that licence', (url) => {
    const ev = evaluateEmbeddedRights(rights({ marked: true, webStatement: url }), AI);
    expect(ev.licence).toMatchObject({ id: 'CC-BY-4.0', source: 'xmp' });
  });

  it('IIM-only rights: copyright notice is iptc info and By-line feeds attribution', () => {
    const ev = evaluateEmbeddedRights(rights({ xmp: false, iim: true, webStatement: CC_BY, iimCopyrightNotice: '© J', iimByline: ['J. Doe'] }), AI);
    expect(ev.evidence).toContainEqual(expect.objectContaining({ kind: 'iptc', source: 'iptc', value: 'CopyrightNotice=© J', effect: 'info' }));
    expect(ev.licence?.attribution).toContain('J. Doe');
  });
});

describe('vocabularies', () => {
  it.each([
    ['DMI-ALLOWED', 'DMI-ALLOWED'],
    [`${VOCAB}DMI-PROHIBITED-GENAIMLTRAINING`, 'DMI-PROHIBITED-GENAIMLTRAINING'],
    ['  dmi-prohibited  ', 'DMI-PROHIBITED'],
    ['http://example.com/DMI-PROHIBITED', null],
    ['', null],
  ])('dataMiningId(%j) = %j', (v, id) => expect(dataMiningId(v)).toBe(id));

  it.each<[string | null, boolean | null]>([
    [`${DST}trainedAlgorithmicMedia`, true],
    [`${DST}compositeWithTrainedAlgorithmicMedia`, true],
    [`https://cv.iptc.org/newscodes/digitalsourcetype/compositeSynthetic/`, true],
    ['digsrctype:algorithmicMedia', true],
    ['trainedAlgorithmicMedia', true],
    [`${DST}digitalCapture`, false],
    [`${DST}negativeFilm`, false],
    [`${DST}computationalCapture`, false],
    [`${DST}humanEdits`, false],
    [`${DST}digitalCreation`, false],
    [`${DST}dataDrivenMedia`, null],
    [`${DST}composite`, null],
    [`${DST}softwareImage`, null],
    ['http://c2pa.org/digitalsourcetype/empty', null],
    ['https://example.com/trainedAlgorithmicMedia', null],
    [null, null],
  ])('isSyntheticSourceType(%j) = %j', (v, synthetic) => expect(isSyntheticSourceType(v)).toBe(synthetic));

  it('digitalSourceTypeCode strips the vocabulary', () => {
    expect(digitalSourceTypeCode(`${DST}print`)).toBe('print');
    expect(digitalSourceTypeCode('urn:x:print')).toBeNull();
  });
});

// plus:DataMining values as tools and people write them: a prohibition spelt a little off is
// still the owner's prohibition (DESIGN.md §2 rule 3; fail closed). SIGNALS.md §7.2: every
// DMI-PROHIBITED* value restricts.
describe('plus:DataMining values written a little off', () => {
  const AI_ = purposeProfile('ai-training');
  const reasons = (dataMining: string[]) => evaluateEmbeddedRights({ ...EMPTY, xmp: true, dataMining }, AI_).evidence.flatMap((e) => (e.effect === 'deny' ? [e.reason] : []));

  it.each([
    ['a vocabulary URI with a trailing slash', [`${VOCAB}DMI-PROHIBITED-AIMLTRAINING/`]],
    ['surrounding blanks and a line break', ['\n  DMI-PROHIBITED \n']],
    ['extra hyphens', ['DMI-PROHIBITED-AI-ML-TRAINING']],
    ['underscores', ['DMI_PROHIBITED_GENAIMLTRAINING']],
    ['a PLUS QCode prefix', ['plus:DMI-PROHIBITED']],
    ['an unknown prohibited variant', ['DMI-PROHIBITED-SEE-CONSTRAINT']],
    ['the PLUS label instead of the ID', ['Prohibited for AI/ML training']],
  ])('%s refuses', (_, dataMining) => {
    expect(reasons(dataMining)).toEqual(['xmp-data-mining']);
  });

  // Several IDs in one value: read as their first (or as none), a prohibition after another ID was lost.
  it.each([
    ['DMI-ALLOWED DMI-PROHIBITED'],
    ['DMI-UNSPECIFIED, DMI-PROHIBITED-AIMLTRAINING'],
    [`${VOCAB}DMI-ALLOWED; ${VOCAB}DMI-PROHIBITED-GENAIMLTRAINING`],
  ])('several IDs in one value, %s, refuses', (value) => {
    expect(reasons([value])).toEqual(['xmp-data-mining']);
  });

  it.each([
    ['allowed, written off', ['dmi_allowed/']],
    ['unspecified', ['DMI-UNSPECIFIED']],
    ['a foreign value', ['DMI-SEE-CONSTRAINT']],
  ])('%s does not', (_, dataMining) => {
    expect(reasons(dataMining)).toEqual([]);
  });
});

describe('an image whose own metadata states more than one licence', () => {
  const BY_NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  it('WebStatement CC BY and cc:license CC BY-NC are both the image’s own statements: both are given, to conflict', async () => {
    const packet = xmpPacket('', `xmpRights:WebStatement="${CC_BY}" xmlns:cc="http://creativecommons.org/ns#" cc:license="${BY_NC}"`);
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(packet)] })), AI);
    expect(ev.licences?.map((l) => l.id).sort()).toEqual(['CC-BY-4.0', 'CC-BY-NC-4.0']);
  });
  it('two WebStatement properties (two rdf:Descriptions) are both read', async () => {
    const packet = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmpRights:WebStatement="${CC_BY}"/>
 <rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"><xmpRights:WebStatement>${BY_NC}</xmpRights:WebStatement></rdf:Description>
</rdf:RDF></x:xmpmeta>`;
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(png({ chunks: [pngXmpChunk(packet)] })), AI);
    expect(ev.licences?.map((l) => l.id).sort()).toEqual(['CC-BY-4.0', 'CC-BY-NC-4.0']);
  });
  it('a rights page as WebStatement beside a CC cc:license: two statements that disagree', async () => {
    const packet = xmpPacket('', `xmpRights:WebStatement="https://stock.test/licence" xmlns:cc="http://creativecommons.org/ns#" cc:license="${CC_BY}"`);
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(packet)] })), AI);
    expect(ev.licences?.map((l) => l.id ?? l.url)).toEqual(['CC-BY-4.0', 'https://stock.test/licence']);
  });
  it('the same licence stated twice is one licence', async () => {
    const packet = xmpPacket('', `xmpRights:WebStatement="${CC_BY}" xmlns:cc="http://creativecommons.org/ns#" cc:license="http://creativecommons.org/licenses/by/4.0/legalcode"`);
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(packet)] })), AI);
    expect(ev.licences).toBeUndefined();
    expect(ev.licence?.id).toBe('CC-BY-4.0');
  });
});

// A prohibition the owner wrote, but in a form a strict reader passes over (DESIGN.md §2 rule 3,
// the reading that cannot keep a refusal): it was read as no DataMining at all, so the image was kept.
describe('plus:DataMining property written a little off', () => {
  const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
  const packet = (inner: string) => `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="${RDF}">${inner}</rdf:RDF></x:xmpmeta>`;
  const reasonsOf = async (xmp: string) =>
    evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(xmp)] })), AI).evidence.flatMap((e) => (e.effect === 'deny' ? [e.reason] : []));

  it('a typed node instead of rdf:Description (which XMP forbids there) is read as one: its prohibition refuses', async () => {
    expect(await reasonsOf(packet(`<plus:Rights xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" rdf:about="" plus:DataMining="DMI-PROHIBITED"/>`))).toEqual(['xmp-data-mining']);
  });

  it.each([
    ['the PLUS namespace without its trailing slash', packet(`<rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0" plus:DataMining="DMI-PROHIBITED"/>`)],
    ['the PLUS namespace over https', packet(`<rdf:Description rdf:about="" xmlns:plus="https://ns.useplus.org/ldf/xmp/1.0/"><plus:DataMining>DMI-PROHIBITED</plus:DataMining></rdf:Description>`)],
    ['the property name in another case', packet(`<rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"><plus:dataMining>DMI-PROHIBITED-AIMLTRAINING</plus:dataMining></rdf:Description>`)],
  ])('%s refuses', async (_, xmp) => {
    expect(await reasonsOf(xmp)).toEqual(['xmp-data-mining']);
  });

  it('a DataMining in another namespace stays foreign', async () => {
    expect(await reasonsOf(packet(`<rdf:Description rdf:about="" xmlns:o="http://other.test/ns/" o:DataMining="DMI-PROHIBITED"/>`))).toEqual([]);
  });

  // The plus prefix bound to another PLUS namespace (its vocabulary's, another version's), or a
  // DataMining in any namespace whose value is a PLUS vocabulary prohibition URI: the writer
  // meant PLUS's property, and read as foreign its refusal was lost and the image kept.
  it.each([
    ['the plus prefix bound to the PLUS vocabulary namespace', packet(`<rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/vocab/" plus:DataMining="DMI-PROHIBITED"/>`)],
    ['the plus prefix bound to another PLUS LDF version', packet(`<rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.2/"><plus:DataMining>DMI-PROHIBITED-AIMLTRAINING</plus:DataMining></rdf:Description>`)],
    ['a foreign namespace holding a PLUS vocabulary prohibition URI', packet(`<rdf:Description rdf:about="" xmlns:o="http://other.test/ns/"><o:DataMining rdf:resource="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED"/></rdf:Description>`)],
  ])('%s refuses', async (_, xmp) => {
    expect(await reasonsOf(xmp)).toEqual(['xmp-data-mining']);
  });

  it('unchanged: a foreign DataMining whose value is a PLUS allowing URI, or no PLUS URI, refuses nothing', async () => {
    expect(await reasonsOf(packet(`<rdf:Description rdf:about="" xmlns:o="http://other.test/ns/" o:DataMining="http://ns.useplus.org/ldf/vocab/DMI-ALLOWED"/>`))).toEqual([]);
    expect(await reasonsOf(packet(`<rdf:Description rdf:about="" xmlns:o="http://other.test/ns/" o:DataMining="http://other.test/vocab/PROHIBITED-LIST"/>`))).toEqual([]);
  });
});

// An image may carry more than one XMP packet where a reader looks for one: a second standard
// APP1 segment (exifr reads the first only), or a PNG tEXt / zTXt chunk keyed XML:com.adobe.xmp
// (XMP Part 3 names iTXt; other writers use these). A prohibition there went unread and the
// image was kept (DESIGN.md §2 rule 3; fail closed: every packet the image carries counts).
describe('every XMP packet an image carries is read', () => {
  const packet = (attrs: string) => xmpPacket('', attrs);
  const plain = packet('xmpRights:Marked="False"');
  const prohibited = packet(`plus:DataMining="${VOCAB}DMI-PROHIBITED"`);
  const reasonsOf = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI).evidence.flatMap((e) => (e.effect === 'deny' ? [e.reason] : []));
  const deflate = async (x: string) => new Uint8Array(await new Response(new Blob([ascii(x) as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());

  it('JPEG: a second standard APP1 XMP segment', async () => {
    expect(await reasonsOf(jpeg({ segments: [xmpApp1(plain), xmpApp1(prohibited)] }))).toEqual(['xmp-data-mining']);
    expect(await reasonsOf(jpeg({ segments: [xmpApp1(prohibited), xmpApp1(plain)] }))).toEqual(['xmp-data-mining']);
  });

  it('PNG: an iTXt packet, then another, either order', async () => {
    expect(await reasonsOf(png({ chunks: [pngXmpChunk(plain), pngXmpChunk(prohibited)] }))).toEqual(['xmp-data-mining']);
    expect(await reasonsOf(png({ chunks: [pngXmpChunk(prohibited), pngXmpChunk(plain)] }))).toEqual(['xmp-data-mining']);
  });

  it('PNG: a tEXt or zTXt chunk keyed XML:com.adobe.xmp', async () => {
    expect(await reasonsOf(png({ chunks: [pngChunk('tEXt', concat(ascii('XML:com.adobe.xmp'), [0], ascii(prohibited)))] }))).toEqual(['xmp-data-mining']);
    const z = await deflate(prohibited);
    expect(await reasonsOf(png({ chunks: [pngXmpChunk(plain), pngChunk('zTXt', concat(ascii('XML:com.adobe.xmp'), [0, 0], z))] }))).toEqual(['xmp-data-mining']);
  });

  it('WebP: a second XMP chunk; GIF (packet scan): a second packet', async () => {
    expect(await reasonsOf(webp({ chunks: [riffChunk('XMP ', ascii(plain)), riffChunk('XMP ', ascii(prohibited))] }))).toEqual(['xmp-data-mining']);
    const ext = (x: string) => concat([0x21, 0xff, 11], ascii('XMP DataXMP'), ascii(x), [1], Uint8Array.from({ length: 256 }, (_, i) => 255 - i), [0]);
    expect(await reasonsOf(gif(2, 2, concat(ext(plain), ext(prohibited))))).toEqual(['xmp-data-mining']);
  });

  it('PNG: a zTXt packet that does not inflate is unreadable', async () => {
    expect(await reasonsOf(png({ chunks: [pngChunk('zTXt', concat(ascii('XML:com.adobe.xmp'), [0, 0], ascii('not zlib')))] }))).toEqual(['signal-unreadable']);
  });
});

// Two model-release statements that disagree (two rdf:Descriptions, an array, or two packets):
// the first was taken, so an MR-UMR before an MR-NON waived the people rule (DESIGN.md §2 rule 6).
describe('plus:ModelReleaseStatus stated more than once', () => {
  const twice = (a: string, b: string) => `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" plus:ModelReleaseStatus="${a}"/>
    <rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" plus:ModelReleaseStatus="${b}"/></rdf:RDF></x:xmpmeta>`;
  it('statements that disagree give the one that does not release', async () => {
    expect((await read(jpeg({ segments: [xmpApp1(twice(`${VOCAB}MR-UMR`, `${VOCAB}MR-NON`))] }))).modelReleaseStatus).toBe(`${VOCAB}MR-NON`);
    expect((await read(jpeg({ segments: [xmpApp1(twice('MR-NAP', 'MR-LMR'))] }))).modelReleaseStatus).toBe('MR-LMR');
  });
  it('statements that agree give that one', async () => {
    expect((await read(jpeg({ segments: [xmpApp1(twice('MR-UMR', `${VOCAB}MR-UMR`))] }))).modelReleaseStatus).toBe('MR-UMR');
  });
  // A limiting statement written a little off (another spelling of the PLUS namespace or the
  // name, a prefix never declared) was read as another property, so the MR-UMR beside it waived
  // the people rule. A release written so is still not read as one (fail closed both ways).
  const offSpelt = (release: string, ns: string, name: string, other: string) => `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" plus:ModelReleaseStatus="${release}"/>
    <rdf:Description rdf:about=""${ns === '' ? '' : ` xmlns:p2="${ns}"`} p2:${name}="${other}"/></rdf:RDF></x:xmpmeta>`;
  it.each([
    ['https, no trailing slash', 'https://ns.useplus.org/ldf/xmp/1.0', 'ModelReleaseStatus'],
    ['the name in another case', 'http://ns.useplus.org/ldf/xmp/1.0/', 'modelReleaseStatus'],
    ['a prefix never declared', '', 'ModelReleaseStatus'],
  ])('an MR-NON written a little off (%s) beside an MR-UMR gives MR-NON', async (_, ns, name) => {
    expect((await read(jpeg({ segments: [xmpApp1(offSpelt('MR-UMR', ns, name, `${VOCAB}MR-NON`))] }))).modelReleaseStatus).toBe(`${VOCAB}MR-NON`);
  });
  it('a release written a little off releases nothing', async () => {
    const only = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:p2="https://ns.useplus.org/ldf/xmp/1.0" p2:ModelReleaseStatus="MR-UMR"/></rdf:RDF></x:xmpmeta>`;
    expect((await read(jpeg({ segments: [xmpApp1(only)] }))).modelReleaseStatus).toBeNull();
  });
});

// xmpRights:Marked stated twice (False, then True in a second Description or packet): the first
// alone read as public domain, so no rights statement was made and the page licence applied.
describe('xmpRights:Marked stated more than once', () => {
  it('any True is rights-managed', async () => {
    const x = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmpRights:Marked="False"/>
      <rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmpRights:Marked="True"/></rdf:RDF></x:xmpmeta>`;
    const r = await read(jpeg({ segments: [xmpApp1(x)] }));
    expect(r.marked).toBe(true);
    expect(evaluateEmbeddedRights(r, AI).licence).toMatchObject({ id: null, source: 'xmp' });
  });

  // Marked True written a little off (the xmpRights namespace over https or without its trailing
  // slash, a prefix never declared) was another property: no rights statement, so a page CC BY
  // licensed a rights-managed image. Read as WebStatement is read; a loose False lifts nothing.
  // XMP Booleans are `True` / `False`; a writer's `1` or `yes` meant True, and read as unknown
  // the image stated no rights and the page's CC BY licensed it.
  it('Marked written as 1 or yes is rights-managed, 0 or no is not', async () => {
    for (const [v, marked] of [['1', true], ['yes', true], ['0', false], ['no', false]] as const) {
      const r = await read(jpeg({ segments: [xmpApp1(xmpPacket('', `xmpRights:Marked="${v}"`))] }));
      expect(r.marked).toBe(marked);
    }
  });

  it('a Marked True written a little off is rights-managed, a loose False is not read', async () => {
    for (const [decl, attr] of [
      ['xmlns:r="https://ns.adobe.com/xap/1.0/rights/"', 'r:Marked="True"'],
      ['xmlns:r="http://ns.adobe.com/xap/1.0/rights"', 'r:Marked="True"'],
      ['', 'xmpRights:Marked="True"'],
    ]) {
      const x = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${decl} ${attr}/></rdf:RDF></x:xmpmeta>`;
      const r = await read(jpeg({ segments: [xmpApp1(x)] }));
      expect(r.marked).toBe(true);
      expect(evaluateEmbeddedRights(r, AI).licence).toMatchObject({ id: null, source: 'xmp' });
    }
    const looseFalse = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:r="https://ns.adobe.com/xap/1.0/rights/" r:Marked="False"/></rdf:RDF></x:xmpmeta>`;
    expect((await read(jpeg({ segments: [xmpApp1(looseFalse)] }))).marked).toBeNull();
  });
});

// A prohibiting DMI ID after other text (prose, a foreign URI, a note before it) was read as one
// unknown value, with no effect. Any DMI-PROHIBITED* ID anywhere in a value prohibits (DESIGN.md
// §2 rule 3, the stricter reading); a value Heed cannot read that speaks of a prohibition fails
// closed (rule 5); a value that names neither stays unknown (SIGNALS.md §7.2: unknown => unknown).
describe('plus:DataMining with a prohibition inside other text', () => {
  const reasonsFor = (dataMining: string[], profile = AI) =>
    evaluateEmbeddedRights({ ...EMPTY, xmp: true, dataMining }, profile).evidence.map((e) => e.reason ?? e.effect);

  it.each([
    ['a word before the ID', 'junk DMI-PROHIBITED'],
    ['a note before the vocabulary URI', `see ${VOCAB}DMI-PROHIBITED-AIMLTRAINING`],
    ['a foreign URI ending in the ID', 'http://example.com/DMI-PROHIBITED'],
    ['the ID in brackets after prose', 'Data mining (DMI-PROHIBITED)'],
    ['several IDs with prose', 'DMI-ALLOWED for search, but DMI-PROHIBITED-GENAIMLTRAINING and DMI_PROHIBITED_AIMLTRAINING.'],
    ['the ID joined to other letters', 'noteDMI-PROHIBITED-AIMLTRAINING'],
  ])('%s prohibits, and nothing in it allows', (_, value) => {
    const reasons = reasonsFor([value]);
    expect(reasons).toContain('xmp-data-mining');
    expect(reasons).not.toContain('allow');
  });

  it('the ID found in prose keeps its scope: a generative-only prohibition does not bind research-tdm', () => {
    expect(reasonsFor(['note: DMI-PROHIBITED-GENAIMLTRAINING'], TDM)).toEqual(['info']);
    expect(reasonsFor(['note: DMI-PROHIBITED-GENAIMLTRAINING'], AI)).toEqual(['xmp-data-mining']);
  });

  it.each([
    ['prose that speaks of a prohibition', 'Data mining prohibited'],
    ['a label after prose', 'Data Mining: Prohibited for AI/ML training'],
  ])('%s Heed cannot read fails closed', (_, value) => {
    expect(reasonsFor([value])).toEqual(['signal-unreadable']);
  });

  it.each([
    ['an unknown value', 'DMI-SEE-CONSTRAINT'],
    ['free text', 'Contact the agency'],
    ['the DMI-UNSPECIFIED label', 'Unspecified - no prohibition defined'],
    ['an allowing ID after prose (prose never grants)', 'junk DMI-ALLOWED'],
  ])('%s stays info', (_, value) => {
    expect(reasonsFor([value])).toEqual(['info']);
  });

  it('clean IDs read as before', () => {
    expect(reasonsFor(['DMI-ALLOWED'])).toEqual(['allow']);
    expect(reasonsFor(['DMI-ALLOWED DMI-UNSPECIFIED'])).toEqual(['allow', 'info']);
    expect(reasonsFor(['Prohibited for AI/ML training'])).toEqual(['xmp-data-mining']);
  });

  it('read from the image: a prohibition after a note denies', async () => {
    const r = await readEmbeddedRights(png({ chunks: [pngXmpChunk(xmpPacket(`<plus:DataMining>see ${VOCAB}DMI-PROHIBITED-AIMLTRAINING</plus:DataMining>`))] }));
    expect(evaluateEmbeddedRights(r, AI).evidence).toEqual([expect.objectContaining({ effect: 'deny', reason: 'xmp-data-mining', value: 'plus:DataMining=DMI-PROHIBITED-AIMLTRAINING' })]);
  });
});

// plus:DataMining past Heed's caps was dropped unread: values past the 50th, IDs past the 20th in
// one value, and the tail of a value past 2,000 characters. A hostile packet that puts its
// prohibition there was read as the allowing values before it. Past a cap the packet is
// unreadable (DESIGN.md §2 rule 5; fail closed); within the caps it reads as before.
describe('plus:DataMining past the caps', () => {
  const bag = (values: string[]) => xmpPacket(`<plus:DataMining><rdf:Bag>${values.map((v) => `<rdf:li>${v}</rdf:li>`).join('')}</rdf:Bag></plus:DataMining>`);
  const evidenceOf = async (xmp: string) => evaluateEmbeddedRights(await readEmbeddedRights(png({ chunks: [pngXmpChunk(xmp)] })), AI).evidence;
  const allowed = (n: number) => Array.from({ length: n }, () => 'DMI-ALLOWED');

  it.each([
    ['a prohibition as the 51st value', bag([...allowed(50), 'DMI-PROHIBITED'])],
    ['a prohibition as the 21st ID of one value', bag([[...allowed(20), 'DMI-PROHIBITED'].join(' ')])],
    ['a prohibition past the 2,000th character of one value', bag([`DMI-ALLOWED${'-'.repeat(2000)} DMI-PROHIBITED`])],
  ])('%s → deny signal-unreadable, never a permit', async (_, xmp) => {
    const ev = await evidenceOf(xmp);
    expect(ev).toEqual([expect.objectContaining({ kind: 'xmp', effect: 'deny', reason: 'signal-unreadable', value: expect.stringContaining('plus:DataMining') })]);
  });

  it('within the caps every value and ID is read: 50 values, 20 IDs in one', async () => {
    expect((await evidenceOf(bag([...allowed(49), 'DMI-PROHIBITED']))).map((e) => e.reason ?? e.effect)).toEqual([...allowed(49).map(() => 'allow'), 'xmp-data-mining']);
    expect((await evidenceOf(bag([[...allowed(19), 'DMI-PROHIBITED'].join(' ')]))).map((e) => e.reason ?? e.effect)).toEqual([...allowed(19).map(() => 'allow'), 'xmp-data-mining']);
  });
});

// A licence statement in the image's own XMP that Heed does not recognise — a rights-managed
// licence page as cc:license, plain text, a CC version the parser does not know, a rights page
// beside a CC BY WebStatement — was only info, so the page's CC BY licensed the image. Each is
// the image's own statement (DESIGN.md §2 rule 4): an xmp licence with no id.
describe('an unrecognised licence statement in the image’s own XMP', () => {
  const CC_NS = 'xmlns:cc="http://creativecommons.org/ns#"';
  const evaluate = async (packet: string) => evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(packet)] })), AI);
  it.each([
    ['a rights-managed licence page', 'https://stock.example/licence/rights-managed'],
    ['plain text', 'CC BY-NC 4.0'],
    ['a CC version the parser does not know', 'https://creativecommons.org/licenses/by-nc/5.0/'],
  ])('cc:license alone: %s → the image’s licence, with no id', async (_name, value) => {
    const ev = await evaluate(xmpPacket('', `${CC_NS} cc:license="${value}"`));
    expect(ev.licence).toEqual({ id: null, url: value, source: 'xmp', attribution: null });
    expect(ev.licences).toBeUndefined();
  });
  it('WebStatement CC BY and a stock cc:license: both are given, to conflict', async () => {
    const ev = await evaluate(xmpPacket('', `xmpRights:WebStatement="${CC_BY}" ${CC_NS} cc:license="https://stock.example/licence"`));
    expect(ev.licences?.map((l) => l.id ?? l.url)).toEqual(['CC-BY-4.0', 'https://stock.example/licence']);
  });
  it('WebStatement CC BY and a second WebStatement (another rdf:Description) naming a stock licence page: both are given', async () => {
    const packet = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmpRights:WebStatement="${CC_BY}"/>
 <rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"><xmpRights:WebStatement>https://stock.example/licence</xmpRights:WebStatement></rdf:Description>
</rdf:RDF></x:xmpmeta>`;
    const ev = await evaluate(packet);
    expect(ev.licences?.map((l) => l.id ?? l.url)).toEqual(['CC-BY-4.0', 'https://stock.example/licence']);
  });
  it('unchanged: a recognised CC BY cc:license alone is that licence', async () => {
    const ev = await evaluate(xmpPacket('', `${CC_NS} cc:license="${CC_BY}"`));
    expect(ev.licence).toMatchObject({ id: 'CC-BY-4.0', source: 'xmp' });
    expect(ev.licences).toBeUndefined();
  });
  it('unchanged: a copyright notice, UsageTerms and Marked false state no licence', async () => {
    const ev = await evaluate(xmpPacket('<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© Stock Agency</rdf:li></rdf:Alt></dc:rights><xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">All rights reserved</rdf:li></rdf:Alt></xmpRights:UsageTerms>', 'xmpRights:Marked="False"'));
    expect(ev.licence).toBeNull();
    expect(ev.evidence.every((e) => e.effect === 'info')).toBe(true);
  });
});

// XMP Part 3 packet scanning for GIF, AVIF, SVG…: a bare `<rdf:RDF>` (SVG `<metadata>`) and a
// bare `<x:xmpmeta>` beside an `<?xpacket` packet were both once skipped.
describe('XMP packet scanning finds every packet form', () => {
  const reasonsOf = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI).evidence.flatMap((e) => (e.effect === 'deny' ? [e.reason] : []));
  const rdf = (attrs: string) => `<rdf:RDF xmlns:rdf="${NS.rdf}" xmlns:plus="${NS.plus}" xmlns:xmpRights="${NS.xmpRights}"><rdf:Description rdf:about="" ${attrs}/></rdf:RDF>`;
  const xmpmeta = (attrs: string) => `<x:xmpmeta xmlns:x="adobe:ns:meta/">${rdf(attrs)}</x:xmpmeta>`;
  const PROHIBITED = `plus:DataMining="${VOCAB}DMI-PROHIBITED"`;
  const PLAIN = 'xmpRights:Marked="False"';
  const svg = (metadata: string) => ascii(`<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><metadata>${metadata}</metadata><rect width="2" height="2"/></svg>`);
  const gifExt = (x: string) => concat([0x21, 0xff, 11], ascii('XMP DataXMP'), ascii(x), [1], Uint8Array.from({ length: 256 }, (_, i) => 255 - i), [0]);

  it('SVG: a bare <rdf:RDF> in <metadata> is read as XMP', async () => {
    expect((await read(svg(rdf(PROHIBITED)))).xmp).toBe(true);
    expect(await reasonsOf(svg(rdf(PROHIBITED)))).toEqual(['xmp-data-mining']);
  });

  it('GIF and SVG: a bare <x:xmpmeta> beside an <?xpacket> packet, either order', async () => {
    const plainPacket = xmpPacket('', PLAIN);
    expect(await reasonsOf(gif(2, 2, concat(gifExt(plainPacket), gifExt(xmpmeta(PROHIBITED)))))).toEqual(['xmp-data-mining']);
    expect(await reasonsOf(gif(2, 2, concat(gifExt(xmpmeta(PROHIBITED)), gifExt(plainPacket))))).toEqual(['xmp-data-mining']);
    expect(await reasonsOf(svg(`${plainPacket}${xmpmeta(PROHIBITED)}`))).toEqual(['xmp-data-mining']);
  });

  it('SVG: a bare <rdf:RDF> beside an <?xpacket> packet', async () => {
    expect(await reasonsOf(svg(`${xmpPacket('', PLAIN)}${rdf(PROHIBITED)}`))).toEqual(['xmp-data-mining']);
  });

  // Inkscape (and so most SVGs on Wikimedia Commons) declares rdf, cc and dc on the <svg> root and
  // states the work in a `cc:Work` typed node: the packet cut out alone had unbound prefixes and a
  // typed node, and was unreadable, so every such SVG was refused (signal-unreadable). It is read
  // now: its cc:license is the SVG's own licence, and a prohibition there refuses.
  const inkscape = (work: string, rootNs = `xmlns:rdf="${NS.rdf}" xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:plus="${NS.plus}"`) =>
    ascii(`<?xml version="1.0" encoding="UTF-8"?>\n<!-- Created with Inkscape -->\n<svg ${rootNs} xmlns="http://www.w3.org/2000/svg" width="2" height="2"><metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format><dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/>${work}</cc:Work><cc:License rdf:about="http://creativecommons.org/licenses/by-sa/4.0/"><cc:requires rdf:resource="http://creativecommons.org/ns#ShareAlike"/></cc:License></rdf:RDF></metadata><rect width="2" height="2"/></svg>`);
  it('SVG as Inkscape writes it (namespaces on the root, a cc:Work): its licence and its prohibition are read', async () => {
    const licensed = inkscape('<cc:license rdf:resource="http://creativecommons.org/licenses/by-sa/4.0/"/>');
    expect(await read(licensed)).toMatchObject({ xmp: true, ccLicense: 'http://creativecommons.org/licenses/by-sa/4.0/' });
    expect(await reasonsOf(licensed)).toEqual([]);
    expect(evaluateEmbeddedRights(await read(licensed), AI).licence).toMatchObject({ id: 'CC-BY-SA-4.0', source: 'xmp' });
    expect(await reasonsOf(inkscape('<plus:DataMining rdf:resource="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"/>'))).toEqual(['xmp-data-mining']);
    // A prefix no element in scope declares (the root does not): still unreadable, never read as nothing.
    expect(await reasonsOf(inkscape('<cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/>', `xmlns:cc="http://creativecommons.org/ns#"`))).toEqual(['signal-unreadable']);
  });

  it('benign: a GIF or SVG without metadata has no XMP; one packet is read once', async () => {
    expect(await read(gif(2, 2))).toMatchObject({ xmp: false, dataMining: [] });
    expect(await read(svg(''))).toMatchObject({ xmp: false, dataMining: [] });
    expect(await reasonsOf(svg(''))).toEqual([]);
    expect(await reasonsOf(svg(xmpPacket('', PROHIBITED)))).toEqual(['xmp-data-mining']);
    expect((await read(gif(2, 2, gifExt(xmpPacket('', PLAIN))))).marked).toBe(false);
  });
});

// TDMRep defines XMP properties for PDF (SIGNALS.md §4.2) and no embedding for images; an image
// carrying tdm:reservation 1 was read as saying nothing, and the page's CC BY permitted it.
describe('a TDMRep reservation in the image’s own XMP', () => {
  const withTdm = (value: string, ns = 'http://www.w3.org/ns/tdmrep/') => jpeg({ segments: [xmpApp1(xmpPacket('', `xmlns:tdm="${ns}" tdm:reservation="${value}"`))] });
  const denies = (e: { effect: string; reason?: string }[]) => e.filter((x) => x.effect === 'deny').map((x) => x.reason);

  it.each([
    ['http://www.w3.org/ns/tdmrep/'],
    ['http://www.w3.org/ns/tdmrep#'],
    ['https://www.w3.org/ns/tdmrep'],
  ])('tdm:reservation 1 (namespace %s) reserves the image for every purpose', async (ns) => {
    const rights = await readEmbeddedRights(withTdm('1', ns));
    for (const profile of [AI, TDM]) {
      const out = evaluateEmbeddedRights(rights, profile);
      expect(denies(out.evidence)).toEqual(['tdm-reserved']);
      expect(out.evidence.find((e) => e.effect === 'deny')).toMatchObject({ kind: 'tdmrep', scope: 'image', source: 'xmp', value: 'tdm:reservation=1' });
    }
  });

  it('0 reserves nothing (it lifts nothing found elsewhere), another value is unreadable (fails closed, as in the header); none leaves the field out', async () => {
    expect(denies(evaluateEmbeddedRights(await readEmbeddedRights(withTdm('0')), AI).evidence)).toEqual([]);
    expect(denies(evaluateEmbeddedRights(await readEmbeddedRights(withTdm('yes')), AI).evidence)).toEqual(['signal-unreadable']);
    expect(await read(jpeg({ segments: [xmpApp1(xmpPacket(''))] }))).not.toHaveProperty('tdmReservations');
  });
});

// A tdm:policy in the image's XMP with no tdm:reservation: TDMRep defines a policy only beside a
// reservation, so its value is missing — read as a page's header or meta or a tdmrep.json rule
// written so are (tdmrep.ts policyOnly: signal-unreadable). In the XMP it was not read at all, and
// opt-out mode kept an image whose owner pointed at the terms on which mining is licensed.
describe('a TDMRep policy without a reservation in the image’s own XMP', () => {
  const withTdm = (attrs: string) => jpeg({ segments: [xmpApp1(xmpPacket('', `xmlns:tdm="http://www.w3.org/ns/tdmrep/" ${attrs}`))] });
  const denies = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI).evidence.filter((x) => x.effect === 'deny').map((x) => x.reason);

  it('a policy alone fails closed (signal-unreadable)', async () => {
    expect(await denies(withTdm('tdm:policy="https://museum.example/tdm-policy.json"'))).toEqual(['signal-unreadable']);
  });

  it('unchanged: beside reservation 1 it is reserved, beside 0 it refuses nothing', async () => {
    expect(await denies(withTdm('tdm:reservation="1" tdm:policy="https://museum.example/tdm-policy.json"'))).toEqual(['tdm-reserved']);
    expect(await denies(withTdm('tdm:reservation="0" tdm:policy="https://museum.example/tdm-policy.json"'))).toEqual([]);
  });
});

describe('plus:DataMining written outside the XMP data model, or with an undeclared prefix', () => {
  // Each image states CC BY (which the page could accept too) and a prohibition the data model reader did not reach.
  const refuses = async (description: string, attrs = '', xmlns?: string) => {
    const bytes = jpeg({ segments: [xmpApp1(xmpPacket(description, `xmpRights:WebStatement="${CC_BY}" ${attrs}`, xmlns))] });
    return evaluateEmbeddedRights(await read(bytes), AI).evidence.filter((e) => e.effect === 'deny').map((e) => e.reason);
  };
  const declared = 'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"';
  it.each([
    ['text beside an rdf:Bag', '<plus:DataMining>DMI-PROHIBITED<rdf:Bag><rdf:li>DMI-ALLOWED</rdf:li></rdf:Bag></plus:DataMining>'],
    ['a second container', '<plus:DataMining><rdf:Bag><rdf:li>DMI-ALLOWED</rdf:li></rdf:Bag><rdf:Bag><rdf:li>DMI-PROHIBITED</rdf:li></rdf:Bag></plus:DataMining>'],
    ['rdf:resource beside text', '<plus:DataMining rdf:resource="DMI-ALLOWED">DMI-PROHIBITED</plus:DataMining>'],
    ['a second rdf:value', '<plus:DataMining rdf:parseType="Resource"><rdf:value>DMI-ALLOWED</rdf:value><rdf:value>DMI-PROHIBITED</rdf:value></plus:DataMining>'],
    ['rdf:_1 instead of rdf:li', '<plus:DataMining><rdf:Bag><rdf:_1>DMI-PROHIBITED</rdf:_1></rdf:Bag></plus:DataMining>'],
    ['text directly in an rdf:Bag', '<plus:DataMining><rdf:Bag>DMI-PROHIBITED</rdf:Bag></plus:DataMining>'],
    ['parseType="Literal" markup', '<plus:DataMining rdf:parseType="Literal"><b>DMI-PROHIBITED-AIMLTRAINING</b></plus:DataMining>'],
    ['a property attribute beside the text', '<plus:DataMining plus:note="x">DMI-PROHIBITED</plus:DataMining>'],
    ['a struct', '<plus:DataMining rdf:parseType="Resource"><plus:Value>DMI-PROHIBITED</plus:Value></plus:DataMining>'],
    ['an rdf:Description nested as a property', '<rdf:Description plus:DataMining="DMI-PROHIBITED"/>'],
  ])('%s → xmp-data-mining', async (_, description) => {
    expect(await refuses(description)).toContain('xmp-data-mining');
  });

  it.each([
    ['element, prefix never declared', '<plus:DataMining>DMI-PROHIBITED</plus:DataMining>', ''],
    ['attribute, prefix never declared', '', 'plus:DataMining="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"'],
    ['element in no namespace', '<DataMining>DMI-PROHIBITED</DataMining>', ''],
  ])('%s → xmp-data-mining', async (_, description, attrs) => {
    expect(await refuses(description, attrs, declared)).toContain('xmp-data-mining');
  });

  it('unchanged: a DataMining in a declared other namespace stays foreign; an allowing value alone refuses nothing', async () => {
    expect(await refuses('<o:DataMining xmlns:o="urn:other">DMI-PROHIBITED</o:DataMining>')).toEqual([]);
    expect(await refuses('<plus:DataMining><rdf:Bag><rdf:li>DMI-ALLOWED</rdf:li></rdf:Bag></plus:DataMining>')).toEqual([]);
    expect((await read(jpeg({ segments: [xmpApp1(xmpPacket('<plus:DataMining><rdf:Alt><rdf:li xml:lang="en">DMI-PROHIBITED</rdf:li><rdf:li xml:lang="x-default">DMI-ALLOWED</rdf:li></rdf:Alt></plus:DataMining>'))] }))).dataMining)
      .toEqual(['DMI-ALLOWED', 'DMI-PROHIBITED']);
  });
});

describe('XMP past where the container walk stops', () => {
  const PROHIBITS = xmpPacket('<plus:DataMining>DMI-PROHIBITED</plus:DataMining>');
  const deny = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI).evidence.filter((e) => e.effect === 'deny').map((e) => e.reason);
  const SOS = jpegSegment(0xda, Uint8Array.from([1, 1, 0, 0, 63, 0]));
  // A progressive JPEG: a first scan, an APP1 between scans (T.81 §B.2.4), a second scan, EOI.
  const betweenScans = (app1: Uint8Array) => {
    const first = jpeg();
    return concat(first.subarray(0, first.length - 2), app1, SOS, [0x00, 0xff, 0xd9]);
  };

  it('JPEG: an XMP APP1 between the scans of a progressive JPEG is read', async () => {
    expect(await deny(betweenScans(xmpApp1(PROHIBITS)))).toEqual(['xmp-data-mining']);
  });

  it('JPEG: an XMP APP1 of an image appended after EOI (MPF) is read, beside the first one', async () => {
    const bytes = concat(jpeg({ segments: [xmpApp1(xmpPacket(''))] }), jpeg({ segments: [xmpApp1(PROHIBITS)] }));
    expect(await deny(bytes)).toEqual(['xmp-data-mining']);
  });

  it('JPEG: an XMP APP1 after SOS cut short is unreadable', async () => {
    const bytes = betweenScans(xmpApp1(PROHIBITS));
    expect(await deny(bytes.subarray(0, bytes.length - 200))).toEqual(['signal-unreadable']);
  });

  it('PNG: a file cut inside an iTXt XMP chunk after IDAT (the pixels display) is unreadable', async () => {
    const whole = png();
    const bytes = concat(whole.subarray(0, whole.length - 12), pngXmpChunk(PROHIBITS), whole.subarray(whole.length - 12));
    expect(await deny(bytes.subarray(0, bytes.length - 100))).toEqual(['signal-unreadable']);
  });

  it('PNG: an iTXt XMP chunk after IEND is read beside one before it', async () => {
    expect(await deny(concat(png({ chunks: [pngXmpChunk(xmpPacket(''))] }), pngXmpChunk(PROHIBITS)))).toEqual(['xmp-data-mining']);
  });

  it('WebP: a file cut inside its XMP chunk is unreadable; one past a RIFF size that lies is read', async () => {
    const bytes = webp({ chunks: [riffChunk('XMP ', ascii(PROHIBITS))] });
    expect(await deny(bytes.subarray(0, bytes.length - 40))).toEqual(['signal-unreadable']);
    const lying = bytes.slice();
    lying.set([30, 0, 0, 0], 4); // RIFF size: the VP8X chunk only
    expect(await deny(lying)).toEqual(['xmp-data-mining']);
  });

  it('benign: images without XMP, cut or with trailing bytes, still have none', async () => {
    for (const bytes of [concat(jpeg(), ascii('trailing junk')), jpeg().subarray(0, 20), png().subarray(0, 40), webp().subarray(0, 24), concat(webp(), ascii('junk'))]) {
      expect((await read(bytes)).xmp).toBe(false);
    }
  });
});

describe('XMP a GIF or HEIF/AVIF declares but the packet scan cannot read', () => {
  const PROHIBITS = xmpPacket('<plus:DataMining>DMI-PROHIBITED</plus:DataMining>');
  const be16 = (n: number) => [(n >> 8) & 255, n & 255];
  // An AVIF whose meta/iinf lists one infe v2 `mime` item (ISO/IEC 23008-12 §6.4.2), its data in mdat.
  const avifWithItem = (contentType: string, encoding: string | null, data: Uint8Array) => {
    const infe = box('infe', concat([2, 0, 0, 0], be16(1), be16(0), ascii('mime'), ascii(`\0${contentType}\0`), encoding === null ? [] : ascii(`${encoding}\0`)));
    const meta = box('meta', concat([0, 0, 0, 0], box('iinf', concat([0, 0, 0, 0], be16(1), infe))));
    return concat(isoBmff('avif', undefined, ['mif1', 'miaf']), meta, box('mdat', data));
  };
  const gifWith = (packet: Uint8Array) => gif(7, 6, concat([0x21, 0xff, 0x0b], ascii('XMP DataXMP'), packet, [0]));

  it.each<[string, Uint8Array]>([
    ['AVIF: an XMP item stored deflate-compressed (libheif)', avifWithItem('application/rdf+xml', 'deflate', Uint8Array.from([0x78, 0x9c, 0x0b, 0xc9, 0xc8, 0x2c, 0x06, 0x00]))],
    ['AVIF: an XMP item saved as UTF-16', avifWithItem('application/rdf+xml', null, new Uint8Array(Buffer.from(`\uFEFF${PROHIBITS}`, 'utf16le')))],
    ['GIF: an XMP extension holding a UTF-16 packet', gifWith(new Uint8Array(Buffer.from(`\uFEFF${PROHIBITS}`, 'utf16le')))],
    ['GIF: an XMP extension holding a bare RDF under another prefix', gifWith(ascii(`<r:RDF xmlns:r="${NS.rdf}"><r:Description xmlns:p="${NS.plus}" p:DataMining="DMI-PROHIBITED"/></r:RDF>`))],
  ])('%s → unreadable (signal-unreadable)', async (_, bytes) => {
    const r = await readEmbeddedRights(bytes);
    expect(r).toHaveProperty('unreadable');
    expect(evaluateEmbeddedRights(r, AI).evidence.map((e) => e.reason)).toEqual(['signal-unreadable']);
  });

  it('unchanged: an uncompressed AVIF XMP item is read; an AVIF or GIF without XMP has none', async () => {
    expect((await read(avifWithItem('application/rdf+xml', '', ascii(PROHIBITS)))).dataMining).toEqual(['DMI-PROHIBITED']);
    expect((await read(avifWithItem('application/rdf+xml', null, ascii(PROHIBITS)))).dataMining).toEqual(['DMI-PROHIBITED']);
    expect((await read(avifWithItem('application/json', 'deflate', Uint8Array.from([1, 2, 3])))).xmp).toBe(false);
    expect((await read(gif())).xmp).toBe(false);
  });
});

describe('the image’s own licence statement written a little off', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const stated = async (description: string, xmlns?: string) =>
    statedLicences(evaluateEmbeddedRights(await read(jpeg({ segments: [xmpApp1(xmpPacket(description, '', xmlns))] })), AI)).map((l) => l.id ?? l.url);
  it.each([
    ['cc:license in the https CC namespace', `<c:license xmlns:c="https://creativecommons.org/ns#" rdf:resource="${NC}"/>`],
    ['cc:license in CC’s first namespace (web.resource.org/cc/)', `<c:license xmlns:c="http://web.resource.org/cc/" rdf:resource="${NC}"/>`],
    ['cc:License, capitalised', `<c:License xmlns:c="http://creativecommons.org/ns#" rdf:resource="${NC}"/>`],
    ['dcterms:license', `<dcterms:license xmlns:dcterms="http://purl.org/dc/terms/" rdf:resource="${NC}"/>`],
    ['xhtml:license', `<x:license xmlns:x="http://www.w3.org/1999/xhtml/vocab#" rdf:resource="${NC}"/>`],
    ['schema:license', `<s:license xmlns:s="https://schema.org/">${NC}</s:license>`],
    ['WebStatement in the rights namespace without its trailing slash', `<r:WebStatement xmlns:r="http://ns.adobe.com/xap/1.0/rights">${NC}</r:WebStatement>`],
    ['WebStatement with a property attribute beside its text', `<xmpRights:WebStatement xmpRights:note="x">${NC}</xmpRights:WebStatement>`],
  ])('%s: the NC licence is read', async (_, description) => {
    expect(await stated(description)).toContain('CC-BY-NC-4.0');
  });

  it('WebStatement and cc:license under prefixes the packet never declares are read', async () => {
    expect(await stated(`<xmpRights:WebStatement>${NC}</xmpRights:WebStatement>`, 'xmlns:dc="http://purl.org/dc/elements/1.1/"')).toEqual(['CC-BY-NC-4.0']);
    expect(await stated(`<cc:license rdf:resource="${NC}"/>`, 'xmlns:dc="http://purl.org/dc/elements/1.1/"')).toEqual(['CC-BY-NC-4.0']);
  });

  it('a second container in one WebStatement is a second statement: CC BY beside CC BY-NC conflicts', async () => {
    expect(await stated(`<xmpRights:WebStatement><rdf:Alt><rdf:li xml:lang="x-default">${CC_BY}</rdf:li></rdf:Alt><rdf:Alt><rdf:li xml:lang="x-default">${NC}</rdf:li></rdf:Alt></xmpRights:WebStatement>`))
      .toEqual(['CC-BY-4.0', 'CC-BY-NC-4.0']);
  });

  it('unchanged: a license in another namespace, or inside a struct (an ingredient’s), is not the image’s statement', async () => {
    expect(await stated(`<o:license xmlns:o="urn:other">${NC}</o:license>`)).toEqual([]);
    expect(await stated(`<xmpMM:Pantry xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"><rdf:Bag><rdf:li rdf:parseType="Resource"><xmpRights:WebStatement>${NC}</xmpRights:WebStatement></rdf:li></rdf:Bag></xmpMM:Pantry>`)).toEqual([]);
    expect(await stated(`<xmpRights:WebStatement>${CC_BY}</xmpRights:WebStatement>`)).toEqual(['CC-BY-4.0']);
  });
});

describe('JPEG: every standard XMP APP1 is read, whichever exifr takes for the first', () => {
  const PROHIBITS = xmpPacket('<plus:DataMining>DMI-PROHIBITED</plus:DataMining>');
  const BENIGN = xmpPacket(`<xmpRights:WebStatement>${CC_BY}</xmpRights:WebStatement>`);
  // The XMP signature without its NUL (a writer's slip exifr still reads as XMP).
  const noNul = (xmp: string) => jpegSegment(0xe1, concat(ascii('http://ns.adobe.com/xap/1.0/'), ascii(xmp)));

  it.each<[string, Uint8Array[]]>([
    ['a benign APP1 without its NUL, then the standard APP1 that prohibits', [noNul(BENIGN), xmpApp1(PROHIBITS)]],
    ['a benign standard APP1, then one without its NUL that prohibits', [xmpApp1(BENIGN), noNul(PROHIBITS)]],
  ])('%s → xmp-data-mining', async (_, segments) => {
    const rights = await read(jpeg({ segments }));
    expect(rights.dataMining).toEqual(['DMI-PROHIBITED']);
    expect(evaluateEmbeddedRights(rights, AI).evidence.filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['xmp-data-mining']);
  });

  it('unchanged: one packet is read once', async () => {
    expect((await read(jpeg({ segments: [xmpApp1(PROHIBITS)] }))).dataMining).toEqual(['DMI-PROHIBITED']);
  });
});

describe('TIFF: XMP exifr does not return (tag 700 past the end of the file, or in another IFD)', () => {
  const be16 = (n: number) => [(n >> 8) & 255, n & 255];
  const be32 = (n: number) => [(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
  const x = ascii(xmpPacket('<plus:DataMining>DMI-PROHIBITED</plus:DataMining>'));
  // Big-endian TIFF, IFD0 at 8 (TIFF 6.0 §2); XMP as tag 700, type BYTE (XMP Part 3 §1.1.4).
  const ifd0Xmp = (count: number) => concat(ascii('MM'), [0, 42], be32(8), be16(1), be16(700), be16(1), be32(count), be32(26), be32(0), x);
  const ifd1Xmp = concat(ascii('MM'), [0, 42], be32(8), be16(1), be16(1), be16(3), be32(1), be32(0), be32(26), be16(1), be16(700), be16(1), be32(x.length), be32(44), be32(0), x);

  it.each<[string, Uint8Array]>([
    ['a tag-700 count running past the end of the file', ifd0Xmp(x.length + 100_000)],
    ['XMP in IFD1', ifd1Xmp],
  ])('%s is read', async (_, bytes) => {
    expect((await read(bytes)).dataMining).toEqual(['DMI-PROHIBITED']);
  });

  it('unchanged: tag 700 in IFD0 is read once', async () => {
    expect((await read(ifd0Xmp(x.length))).dataMining).toEqual(['DMI-PROHIBITED']);
  });
});

// "No AI training" in the image's usage terms, copyright notice or instructions was info only:
// the owner's plain-language refusal went unread and the image was kept. An unambiguous refusal
// now refuses as plus:DataMining does (bound by purpose); ordinary notices stay info.
describe('a plain-language refusal in the image’s own rights text', () => {
  const alt = (property: string, ...items: [string, string][]) =>
    `<${property}><rdf:Alt>${items.map(([lang, text]) => `<rdf:li xml:lang="${lang}">${text}</rdf:li>`).join('')}</rdf:Alt></${property}>`;
  const reasons = async (bytes: Uint8Array, profile = AI) =>
    evaluateEmbeddedRights(await readEmbeddedRights(bytes), profile).evidence.filter((e) => e.effect === 'deny').map((e) => e.reason);
  const inXmp = (description: string) => jpeg({ segments: [xmpApp1(xmpPacket(description))] });

  it('XMP UsageTerms, dc:rights, photoshop:Instructions or plus:OtherConstraints refusing AI training refuses', async () => {
    expect(await reasons(inXmp(alt('xmpRights:UsageTerms', ['x-default', 'No AI training.'])))).toEqual(['xmp-data-mining']);
    expect(await reasons(inXmp(alt('dc:rights', ['x-default', '© 2024 Jane Doe. All rights reserved, including for AI training.'])))).toEqual(['xmp-data-mining']);
    expect(await reasons(inXmp('<photoshop:Instructions>Not to be used to train AI models</photoshop:Instructions>'))).toEqual(['xmp-data-mining']);
    expect(await reasons(inXmp(alt('plus:OtherConstraints', ['x-default', 'Text and data mining is prohibited'])))).toEqual(['xmp-data-mining']);
  });

  it('refusals written as people write them: "Not for use in AI training", "Not for AI or ML training", "No use for data mining"', async () => {
    for (const text of ['Not for use in AI training', 'Not for AI or ML training.', 'No use for text and data mining', 'Not for machine learning and AI training']) {
      expect(await reasons(inXmp(alt('xmpRights:UsageTerms', ['x-default', text])))).toEqual(['xmp-data-mining']);
    }
  });

  it('rights text written a little off (its namespace over https or without its slash, a prefix never declared) is read too', async () => {
    const packet = (inner: string) => jpeg({ segments: [xmpApp1(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${inner}</rdf:RDF></x:xmpmeta>`)] });
    expect(await reasons(packet('xmlns:r="https://ns.adobe.com/xap/1.0/rights/"><r:UsageTerms>No AI training</r:UsageTerms></rdf:Description>'))).toEqual(['xmp-data-mining']);
    expect(await reasons(packet('xmlns:d="http://purl.org/dc/elements/1.1"><d:rights>AI training prohibited</d:rights></rdf:Description>'))).toEqual(['xmp-data-mining']);
    expect(await reasons(packet('><dc:rights>Not to be used for AI training</dc:rights></rdf:Description>'))).toEqual(['xmp-data-mining']);
  });

  it('a refusal in any language alternative counts, not only x-default', async () => {
    const bytes = inXmp(alt('xmpRights:UsageTerms', ['x-default', 'Editorial use only'], ['en-GB', 'Editorial use only. AI training prohibited.']));
    expect(await reasons(bytes)).toEqual(['xmp-data-mining']);
  });

  it('IPTC-IIM Copyright Notice or Special Instructions refusing text and data mining refuses', async () => {
    expect(await reasons(jpeg({ segments: [iptcApp13([[116, '© Ann. TDM rights reserved.']])] }))).toEqual(['xmp-data-mining']);
    expect(await reasons(jpeg({ segments: [iptcApp13([[40, 'Do not use for machine learning training']])] }))).toEqual(['xmp-data-mining']);
  });

  it('bound by purpose as plus:DataMining is: an AI-training refusal does not bind research-tdm, a data-mining one does', async () => {
    expect(await reasons(inXmp(alt('xmpRights:UsageTerms', ['x-default', 'No AI training'])), TDM)).toEqual([]);
    expect(await reasons(inXmp(alt('xmpRights:UsageTerms', ['x-default', 'No data mining'])), TDM)).toEqual(['xmp-data-mining']);
  });

  it('a refusal in the owner’s own language in one language alternative (ja, de) refuses beside an English x-default', async () => {
    expect(await reasons(inXmp(alt('xmpRights:UsageTerms', ['x-default', '© 2024 Taro Yamada'], ['ja', '©2024 山田太郎 AI学習・無断転載禁止'])))).toEqual(['xmp-data-mining']);
    expect(await reasons(inXmp(alt('dc:rights', ['x-default', '© Anna Schmidt'], ['de', '© Anna Schmidt. Nutzungsvorbehalt gemäß § 44b UrhG: Text und Data Mining'])), TDM)).toEqual(['xmp-data-mining']);
    expect(await reasons(jpeg({ segments: [iptcApp13([[116, '©山田太郎 ＡＩ学習禁止']])] }))).toEqual(['xmp-data-mining']);
  });

  // IIM text in a legacy East Asian encoding, with no 1:90 declaring one (as Japanese, Chinese and
  // Korean tools wrote it): read as Latin-1, its refusal was mojibake and the image was kept.
  it('a refusal in IPTC-IIM written in Shift_JIS, GBK or EUC-KR (no 1:90) refuses', async () => {
    const legacyIim = (dataset: number, bytes: number[]) => {
      const iim = concat([0x1c, 2, dataset, bytes.length >> 8, bytes.length & 255], bytes);
      return jpegSegment(0xed, concat(ascii('Photoshop 3.0\0'), ascii('8BIM'), [0x04, 0x04, 0, 0, 0, 0, iim.length >> 8, iim.length & 255], iim, iim.length % 2 ? [0] : []));
    };
    const shiftJis = [40, 67, 41, 89, 97, 109, 97, 100, 97, 32, 65, 73, 138, 119, 143, 75, 139, 214, 142, 126]; // (C)Yamada AI学習禁止
    const gbk = [189, 251, 214, 185, 211, 195, 211, 218, 65, 73, 209, 181, 193, 183]; // 禁止用于AI训练
    const eucKr = [65, 73, 32, 199, 208, 189, 192, 32, 177, 221, 193, 246]; // AI 학습 금지
    expect(await reasons(jpeg({ segments: [legacyIim(116, shiftJis)] }))).toEqual(['xmp-data-mining']);
    expect(await reasons(jpeg({ segments: [legacyIim(40, gbk)] }))).toEqual(['xmp-data-mining']);
    expect(await reasons(jpeg({ segments: [legacyIim(116, eucKr)] }))).toEqual(['xmp-data-mining']);
    // The evidence shows the text as decoded, not as Latin-1.
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [legacyIim(116, shiftJis)] })), AI).evidence;
    expect(ev.find((e) => e.effect === 'deny')?.value).toContain('AI学習禁止');
    // Unchanged: a Latin-1 notice read in those encodings by chance refuses nothing.
    expect(await reasons(jpeg({ segments: [legacyIim(116, Array.from('© José Müller. Tous droits réservés. Prohibido el uso comercial.', (c) => c.charCodeAt(0)))] }))).toEqual([]);
  });

  it('unchanged: ordinary notices and terms that refuse no such use stay info', async () => {
    for (const text of ['© 2024 Jane Doe. All rights reserved.', 'Editorial use only', 'No AI was used to create this image', 'There are no AI training restrictions', 'No AI training data was used', 'There is no AI training prohibition', 'AI training is not prohibited', 'Copyright Ai Training Ltd']) {
      expect(await reasons(inXmp(alt('xmpRights:UsageTerms', ['x-default', text]) + alt('dc:rights', ['x-default', text])))).toEqual([]);
      expect(await reasons(jpeg({ segments: [iptcApp13([[116, text], [40, text]])] }))).toEqual([]);
    }
  });
});

// Licence URLs written in the image's free-text rights fields were not read at all; they are now
// given as `named` (assess.ts reads them as a credit line's links: they can only refuse).
describe('licences the image’s own rights text names', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const namedIn = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI).named?.map((l) => [l.id, l.source]);

  it('dc:rights, photoshop:Credit and IPTC-IIM Copyright Notice or Credit naming a licence URL', async () => {
    expect(await namedIn(jpeg({ segments: [xmpApp1(xmpPacket(`<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© Ann, ${NC}.</rdf:li></rdf:Alt></dc:rights>`))] }))).toEqual([['CC-BY-NC-4.0', 'xmp']]);
    expect(await namedIn(jpeg({ segments: [xmpApp1(xmpPacket('', `photoshop:Credit="Ann (creativecommons.org/licenses/by-nc/4.0)"`))] }))).toEqual([['CC-BY-NC-4.0', 'xmp']]);
    expect(await namedIn(jpeg({ segments: [iptcApp13([[116, `© Ann ${NC}`], [110, `Ann / ${CC_BY}`]])] }))).toEqual([['CC-BY-NC-4.0', 'xmp'], ['CC-BY-4.0', 'xmp']]);
  });

  it('past 16 distinct URLs the rest is unread: a licence no one accepts stands for it', async () => {
    const many = Array.from({ length: 17 }, (_, i) => `https://creativecommons.org/licenses/by/${i}.0/`).join(' ');
    const named = (await evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [iptcApp13([[116, many]])] })), AI)).named ?? [];
    expect(named).toHaveLength(17);
    expect(named.at(-1)).toMatchObject({ id: null, source: 'xmp' });
  });

  it('unchanged: a notice naming no licence URL names none', async () => {
    expect(await namedIn(jpeg({ segments: [iptcApp13([[116, '© 2024 Jane Doe. All rights reserved. CC BY-NC']])] }))).toBeUndefined();
    expect(await namedIn(jpeg({ segments: [iptcApp13([[116, '© Ann. About our licences: creativecommons.org/licenses/ and https://creativecommons.org/publicdomain/']])] }))).toBeUndefined();
  });
});

// An Embedded Encoded Rights Expression (IPTC Iptc4xmpExt:EmbdEncRightsExpr: an ODRL policy, …)
// was not read at all: its prohibition of text and data mining went unread and the image was
// kept. Heed does not evaluate rights expressions; one that states a prohibition fails closed.
describe('an embedded encoded rights expression that states a prohibition', () => {
  const expr = (policy: string) => jpeg({ segments: [xmpApp1(xmpPacket(`<Iptc4xmpExt:EmbdEncRightsExpr><rdf:Bag><rdf:li rdf:parseType="Resource">
    <Iptc4xmpExt:EncRightsExpr>${policy}</Iptc4xmpExt:EncRightsExpr><Iptc4xmpExt:RightsExprEncType>application/odrl+json</Iptc4xmpExt:RightsExprEncType>
  </rdf:li></rdf:Bag></Iptc4xmpExt:EmbdEncRightsExpr>`))] });
  const denied = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI).evidence.filter((e) => e.effect === 'deny').map((e) => e.reason);

  it('an ODRL policy with a prohibition fails closed (signal-unreadable)', async () => {
    expect(await denied(expr('{"@context":"http://www.w3.org/ns/odrl.jsonld","@type":"Set","prohibition":[{"action":"tdm"}]}'))).toEqual(['signal-unreadable']);
  });

  it('unchanged: one that states only permissions refuses nothing', async () => {
    expect(await denied(expr('{"@context":"http://www.w3.org/ns/odrl.jsonld","@type":"Set","permission":[{"action":"display"}]}'))).toEqual([]);
  });
});
