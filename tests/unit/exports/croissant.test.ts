import { describe, expect, it } from 'vitest';
import { CROISSANT_CONFORMS_TO, croissantExport, croissantFileName, croissantJson, croissantMetadata, sha256Hex } from '../../../utils/exports/croissant';
import { hfMetadataJsonl } from '../../../utils/exports/hf-layout';
import { bytesOf, item, manifestOf } from './fixtures';

type Json = Record<string, any>;
const parse = async (...args: Parameters<typeof croissantJson>) => JSON.parse(await croissantJson(...args)) as Json;

describe('Croissant 1.1 export', () => {
  it('has every required Dataset property of Croissant 1.1', async () => {
    const doc = await parse(manifestOf([item(1), item(2)]));
    for (const key of ['@context', '@type', 'conformsTo', 'description', 'license', 'name', 'url', 'creator', 'datePublished', 'distribution', 'recordSet']) {
      expect(doc, key).toHaveProperty([key]);
    }
    expect(doc['@type']).toBe('sc:Dataset');
    expect(doc.conformsTo).toContain(CROISSANT_CONFORMS_TO);
    expect(doc.conformsTo).toContain('http://mlcommons.org/croissant/RAI/1.0');
    expect(doc['@context']).toMatchObject({ '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/', rai: 'http://mlcommons.org/croissant/RAI/', conformsTo: 'dct:conformsTo' });
    expect(doc.license).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
    expect(doc.creator).toMatchObject({ '@type': 'sc:Person' });
    expect(doc.datePublished).toBe('2026-11-25T10:00:02.000Z');
  });

  it('describes train/metadata.jsonl (with its sha256) and the image FileSet, and every source resolves', async () => {
    const m = manifestOf([item(1), item(2, { mime: 'image/jpeg' })]);
    const doc = await parse(m);
    const [metadata, images] = doc.distribution as Json[];
    expect(metadata).toMatchObject({ '@type': 'cr:FileObject', contentUrl: 'train/metadata.jsonl', encodingFormat: 'application/jsonlines', sha256: await sha256Hex(hfMetadataJsonl(m)) });
    expect(images).toMatchObject({ '@type': 'cr:FileSet', encodingFormat: ['image/jpeg', 'image/png'], includes: ['train/*.jpg', 'train/*.png'] });

    const ids = new Set<string>([...(doc.distribution as Json[]).map((d) => d['@id'])]);
    const fieldIds = new Set<string>();
    for (const rs of doc.recordSet as Json[]) for (const f of rs.field as Json[]) {
      expect(fieldIds.has(f['@id'])).toBe(false);
      fieldIds.add(f['@id']);
    }
    for (const rs of doc.recordSet as Json[]) {
      expect(fieldIds.has(rs.key['@id'])).toBe(true);
      for (const f of rs.field as Json[]) {
        const src = f.source as Json;
        const target = src.fileObject?.['@id'] ?? src.fileSet?.['@id'];
        if (target) expect(ids.has(target)).toBe(true);
        else expect(fieldIds.has(src.field['@id'])).toBe(true);
        if (f.references) expect(fieldIds.has(f.references.field['@id'])).toBe(true);
      }
    }
    const imageFields = (doc.recordSet as Json[]).find((r) => r['@id'] === 'images')!.field as Json[];
    expect(imageFields.map((f) => f.name)).toEqual(['image', 'file_name', 'caption', 'license', 'license_url', 'attribution', 'title', 'creator', 'source_url', 'sha256']);
    expect(imageFields[0]).toMatchObject({ dataType: 'sc:ImageObject', source: { fileSet: { '@id': 'image-files' }, extract: { fileProperty: 'content' } } });
  });

  // Same as the dataset card: "Only images permitted under that policy were stored" was said of
  // items decided under another purpose or mode too.
  it('items decided under another policy: the Responsible-AI statement and description say so', async () => {
    const doc = await parse(manifestOf([item(1), item(2, { purpose: 'research-tdm' }), item(3, { mode: 'opt-out', licence: null })]));
    expect(doc['rai:dataCollection']).not.toContain('Only images permitted under that policy were stored');
    expect(doc['rai:dataCollection']).toContain('2 image(s) were collected under another policy');
    expect(doc.description).toContain('2 image(s) were collected under another policy');
  });

  it('fills the Responsible-AI fields from what Heed knows', async () => {
    const person = item(3, { evidence: [{ kind: 'iptc', scope: 'image', source: 'xmp', value: 'PersonInImage: Ann', effect: 'info' }] });
    const doc = await parse(manifestOf([item(1), person]));
    expect(doc['rai:dataCollection']).toMatch(/browser extension/);
    expect(doc['rai:dataCollection']).toContain('heed, GPTBot');
    expect(doc['rai:dataCollection']).toContain('no-licence 2, robots-disallow 1');
    expect(doc['rai:dataCollectionType']).toEqual(['Web Scraping', 'Manual Human Curator']);
    expect(doc['rai:dataCollectionTimeframe']).toEqual(['2026-11-25T10:00:01.000Z', '2026-11-25T10:00:03.000Z']);
    expect(doc['rai:personalSensitiveInformation'].join(' ')).toContain('1 image(s) name a person shown (IPTC PersonInImage)');
    expect(doc['rai:dataUseCases'][0]).toMatch(/^AI training/);
    expect(doc['rai:dataLimitations'].join(' ')).toMatch(/markup.*XMP.*not legal advice/s);
  });

  it('declares unlicensed items as a CreativeWork note', () => {
    const doc = croissantMetadata(manifestOf([item(1), item(2, { licence: null })], { mode: 'opt-out' }), { metadataSha256: 'x' });
    expect(doc.license).toEqual(['https://creativecommons.org/licenses/by/4.0/', expect.objectContaining({ '@type': 'sc:CreativeWork' })]);
  });

  it('is the same bytes for the same store, whenever it is exported', async () => {
    const a = await bytesOf(croissantExport.stream(manifestOf([item(1), item(2)]), {}));
    const b = await bytesOf(croissantExport.stream(manifestOf([item(2), item(1)], { exportedAt: '2031-01-01T00:00:00.000Z' }), {}));
    expect(a).toEqual(b);
    expect(croissantFileName(new Date(2026, 10, 25))).toBe('heed-croissant-2026-11-25.json');
  });
});
