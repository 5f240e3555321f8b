import 'fake-indexeddb/auto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { getBlob, openHeedDB } from '../../../utils/store/db';
import { hfExport } from '../../../utils/exports/hf-imagefolder';
import { jsonlExport } from '../../../utils/exports/jsonl';
import { exportToBlob, readManifest, toReadableStream } from '../../../utils/store/export-from-store';
import { item } from '../exports/fixtures';

const items = [item(2), item(1), item(3, { mime: 'image/jpeg' })];
const bytesOf = (sha: string) => new TextEncoder().encode(`image ${sha}`);

async function seed(): Promise<void> {
  const db = await openHeedDB();
  const tx = db.transaction(['items', 'blobs', 'meta', 'tally'], 'readwrite');
  for (const i of items) {
    void tx.objectStore('items').put(i);
    void tx.objectStore('blobs').put(new Blob([bytesOf(i.sha256)], { type: i.mime }), i.sha256);
  }
  void tx.objectStore('tally').put({ refused: { 'no-licence': 4 }, failed: {} }, 'tally');
  void tx.objectStore('meta').put({ purpose: 'research-tdm', mode: 'licensed' }, 'settings');
  await tx.done;
  db.close();
}

describe('exports read from the IndexedDB store', () => {
  it('builds the manifest from items, tally and settings', async () => {
    await seed();
    const db = await openHeedDB();
    const m = await readManifest(db, '9.9.9', new Date('2026-11-26T00:00:00Z'));
    db.close();
    expect(m.items.map((i) => i.sha256)).toEqual([item(1), item(2), item(3)].map((i) => i.sha256));
    expect(m).toMatchObject({ purpose: 'research-tdm', generator: { version: '9.9.9' }, summary: { collected: 3, refused: { 'no-licence': 4 } } });
    // The header states the people check of the settings (research-tdm's default: flag).
    expect(m.policy).toMatchObject({ people: 'flag', minFacePx: 32 });
  });

  it('streams the ZIP with each stored blob, and the JSONL, as typed Blobs', async () => {
    const now = new Date('2026-11-26T00:00:00Z');
    const progress: number[] = [];
    const zip = await exportToBlob(hfExport, { version: '0.1.0', now, onProgress: (done) => progress.push(done) });
    expect(zip.type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    for (const i of items) expect(files[`train/${i.sha256}${i.mime === 'image/jpeg' ? '.jpg' : '.png'}`]).toEqual(bytesOf(i.sha256));
    expect(strFromU8(files['train/metadata.jsonl']!).trimEnd().split('\n')).toHaveLength(3);
    expect(strFromU8(files['README.md']!)).toContain('- **Purpose:** research text and data mining (`research-tdm`)');
    expect(progress).toEqual([0, 1, 2, 3]);

    const jsonl = await exportToBlob(jsonlExport, { version: '0.1.0', now });
    expect((await jsonl.text()).trimEnd().split('\n').map((l) => JSON.parse(l).sha256)).toEqual([item(1), item(2), item(3)].map((i) => i.sha256));
  });

  it('settings a newer Heed wrote: the manifest states the purpose and mode the user chose, not this version\'s defaults', async () => {
    const db = await openHeedDB('export-newer-settings');
    await db.put('meta', { version: 99, purpose: 'research-tdm', mode: 'opt-out', futureField: true }, 'settings');
    const m = await readManifest(db, '9.9.9', new Date('2026-11-26T00:00:00Z'));
    db.close();
    expect(m).toMatchObject({ purpose: 'research-tdm', mode: 'opt-out' });
  });
});

describe('items stored by an earlier Heed (fields added since, or lost, are missing)', () => {
  const committedSchema = JSON.parse(readFileSync(new URL('../../../schema/heed-manifest-2.schema.json', import.meta.url), 'utf8')) as object;
  // heed-manifest/1's first item: no context, mode, policy, people, nor credit on the licence.
  const v1 = {
    sha256: 'a1'.repeat(32), mime: 'image/png', bytes: 3, width: 1, height: 1, url: 'https://old.example/a.png', finalUrl: 'https://old.example/a.png',
    pageUrl: 'https://old.example/', pageTitle: 'Old', alt: 'a', caption: '', discovery: ['img'], collectedAt: '2026-11-25T09:00:00.000Z', purpose: 'ai-training',
    licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'page', attribution: null }, synthetic: null,
    evidence: [{ kind: 'licence', scope: 'page', source: 'https://old.example/', value: 'CC-BY-4.0', effect: 'allow' }],
  };
  // Lost more: no finalUrl, caption, alt, discovery, evidence, synthetic; a field this version does not know.
  const sparse = { sha256: 'b2'.repeat(32), mime: 'image/jpeg', bytes: 3, width: null, height: null, url: 'https://old.example/b.jpg', pageUrl: 'https://old.example/', pageTitle: 'Old', collectedAt: '2026-11-25T09:00:01.000Z', purpose: 'ai-training', licence: null, legacyNote: 'x' };

  it('every export reads them without throwing, and the manifest still validates against the committed JSON Schema', async () => {
    const db = await openHeedDB('export-old-records');
    for (const record of [v1, sparse]) {
      await db.put('items', record as never);
      await db.put('blobs', new Blob([bytesOf(record.sha256)], { type: record.mime }), record.sha256);
    }
    const m = await readManifest(db, '9.9.9', new Date('2026-11-26T00:00:00Z'));
    const zip = await new Response(toReadableStream(hfExport.stream(m, { getBlob: (sha) => getBlob(db, sha) }))).blob();
    db.close();
    const validate = new Ajv2020({ strict: true }).compile(committedSchema);
    expect(validate(JSON.parse(JSON.stringify(m))), JSON.stringify(validate.errors)).toBe(true);
    expect(m.items[0]).toMatchObject({ sha256: v1.sha256, licence: { id: 'CC-BY-4.0', title: null, creator: null, sourceUrl: null }, evidence: v1.evidence });
    expect(m.items[1]).toMatchObject({ finalUrl: sparse.url, caption: '', alt: '', discovery: [], evidence: [], synthetic: null, licence: null });
    expect(m.items[1]).not.toHaveProperty('legacyNote');

    const { jsonlLines } = await import('../../../utils/exports/jsonl');
    expect([...jsonlLines(m)].map((l) => JSON.parse(l).sha256)).toEqual([v1.sha256, sparse.sha256]);
    const { attributionMarkdown } = await import('../../../utils/exports/attribution');
    expect(attributionMarkdown(m)).toContain('no licence recorded');
    const { croissantJson } = await import('../../../utils/exports/croissant');
    const { hfMetadataJsonl } = await import('../../../utils/exports/hf-layout');
    expect(JSON.parse(await croissantJson(m, hfMetadataJsonl(m)))).toHaveProperty('recordSet');
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining([`train/${v1.sha256}.png`, `train/${sparse.sha256}.jpg`, 'train/metadata.jsonl', 'README.md']));
  });
});

// A record's key is its sha256, and the ZIP names each image by it: a hand-edited or damaged record
// whose sha256 is a path (`../../x`) put a file outside the unzipped folder, and was exported as a
// permitted item though no bytes can be tied to it by their hash.
describe('a damaged record whose sha256 is not a SHA-256', () => {
  it('is left out of every export, no ZIP entry leaves the folder, and the other items are exported', async () => {
    const db = await openHeedDB('export-damaged-key');
    const honest = item(1);
    const damaged = ['../../../evil', '/etc/evil', 'C:\\evil', 'a'.repeat(63) + 'G'].map((sha256, i) => ({ ...item(10 + i), sha256 }));
    for (const record of [honest, ...damaged]) {
      await db.put('items', record as never);
      await db.put('blobs', new Blob([bytesOf(record.sha256)], { type: record.mime }), record.sha256);
    }
    const m = await readManifest(db, '9.9.9', new Date('2026-11-26T00:00:00Z'));
    const zip = await new Response(toReadableStream(hfExport.stream(m, { getBlob: (sha) => getBlob(db, sha) }))).blob();
    db.close();
    const names = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())));
    expect(names.filter((n) => n.includes('..') || n.startsWith('/') || n.includes('\\') || n.includes(':'))).toEqual([]);
    expect(m.items.map((i) => i.sha256)).toEqual([honest.sha256]);
    expect(names).toContain(`train/${honest.sha256}.png`);
  });
});
