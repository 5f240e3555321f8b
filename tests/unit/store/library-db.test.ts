import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countItems, deleteItem, getBlob, getItemsByKeys, listItemKeysNewestFirst, openHeedDB, scanItemBatches, type HeedDatabase } from '../../../utils/store/db';
import type { ManifestItem } from '../../../utils/model/manifest';
import { makeItem } from '../ui/library-fixtures';

let dbCount = 0;
async function dbWith(items: ManifestItem[]): Promise<HeedDatabase> {
  const db = await openHeedDB(`library-test-${++dbCount}`);
  const tx = db.transaction(['items', 'blobs'], 'readwrite');
  for (const item of items) {
    void tx.objectStore('items').put(item);
    void tx.objectStore('blobs').put(new Blob([item.sha256]), item.sha256);
  }
  await tx.done;
  return db;
}

const keyOf = (n: number) => makeItem(n).sha256;

describe('library queries', () => {
  it('counts and lists keys newest first without reading values', async () => {
    const db = await dbWith([3, 1, 2, 5, 4].map((n) => makeItem(n)));
    expect(await countItems(db)).toBe(5);
    expect(await listItemKeysNewestFirst(db)).toEqual([5, 4, 3, 2, 1].map(keyOf));
  });

  it('serves a date range [from, to) from the collectedAt index', async () => {
    const db = await dbWith([1, 2, 3, 4, 5].map((n) => makeItem(n)));
    const at = (n: number) => makeItem(n).collectedAt;
    expect(await listItemKeysNewestFirst(db, { from: at(2), to: at(4) })).toEqual([3, 2].map(keyOf));
    expect(await listItemKeysNewestFirst(db, { from: at(4) })).toEqual([5, 4].map(keyOf));
    expect(await listItemKeysNewestFirst(db, { to: at(2) })).toEqual([keyOf(1)]);
    // An inverted range is empty, not an IDB DataError.
    expect(await listItemKeysNewestFirst(db, { from: at(4), to: at(2) })).toEqual([]);
  });

  it('keeps a total order on equal timestamps', async () => {
    const db = await dbWith([2, 9, 4].map((n) => makeItem(n, { collectedAt: '2025-05-05T00:00:00.000Z' })));
    expect(await listItemKeysNewestFirst(db)).toEqual([9, 4, 2].map(keyOf));
  });

  it('fetches a page of items by key, in order, with holes for missing keys', async () => {
    const db = await dbWith([1, 2, 3].map((n) => makeItem(n)));
    const got = await getItemsByKeys(db, [keyOf(3), 'nope', keyOf(1)]);
    expect(got.map((i) => i?.alt)).toEqual(['Item 3', undefined, 'Item 1']);
    expect(await getItemsByKeys(db, [])).toEqual([]);
  });

  it('scans every item once in batches, and stops when aborted', async () => {
    const db = await dbWith(Array.from({ length: 25 }, (_, i) => makeItem(i + 1)));
    const sizes: number[] = [];
    const seen = new Set<string>();
    await scanItemBatches(db, (batch) => {
      sizes.push(batch.length);
      for (const item of batch) seen.add(item.sha256);
    }, { batchSize: 10 });
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen.size).toBe(25);

    const abort = new AbortController();
    let batches = 0;
    await scanItemBatches(db, () => {
      batches++;
      abort.abort();
    }, { batchSize: 10, signal: abort.signal });
    expect(batches).toBe(1);

    let exact = 0;
    await scanItemBatches(db, (b) => (exact += b.length), { batchSize: 25 });
    expect(exact).toBe(25);
  });

  it('deleting an item removes it from count, keys and blobs', async () => {
    const db = await dbWith([1, 2].map((n) => makeItem(n)));
    await deleteItem(db, keyOf(1));
    expect(await countItems(db)).toBe(1);
    expect(await listItemKeysNewestFirst(db)).toEqual([keyOf(2)]);
    expect(await getBlob(db, keyOf(1))).toBeUndefined();
  });
});
