import 'fake-indexeddb/auto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openHeedDB } from '../../../utils/store/db';
import { hfExport } from '../../../utils/exports/hf-imagefolder';
import { jsonlExport } from '../../../utils/exports/jsonl';
import { exportToBlob, readManifest } from '../../../utils/store/export-from-store';
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
