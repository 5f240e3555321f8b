import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { deleteItem, withdrawClaims, DB_VERSION, getBlob, getRawSettings, listItems, listVerdicts, openHeedDB, putRawSettings, recordVerdict, VerdictWriter, getTally, getCachedSignal, countVerdicts, latestJobForTab, nextVerdictSeq, putJob, type Job } from '../../../utils/store/db';
import { meterRecordsRead } from './records-read';
import type { Verdict } from '../../../utils/policy/verdict';
import { makeItem } from '../ui/library-fixtures';
import { readManifest } from '../../../utils/store/export-from-store';
import type { Evidence } from '../../../utils/model/evidence';

let n = 0;
const name = () => `db-test-${++n}`;

const verdict = (url: string, decision: Verdict['decision'], reasons: Verdict['reasons'] = []): Verdict => ({ url, decision, reasons, licence: null, sha256: null, evidence: [] });

describe('Heed database', () => {
  it('migrates a version 1 database forward, keeping its items', async () => {
    const db1name = name();
    const v1 = await openDB(db1name, 1, {
      upgrade(db) {
        const items = db.createObjectStore('items', { keyPath: 'sha256' });
        items.createIndex('collectedAt', 'collectedAt');
        items.createIndex('pageUrl', 'pageUrl');
        db.createObjectStore('blobs');
        db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('tabId', 'tabId');
        db.createObjectStore('siteCache', { keyPath: 'key' });
        db.createObjectStore('meta');
      },
    });
    await v1.put('items', makeItem(1));
    v1.close();
    const db = await openHeedDB(db1name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('verdicts');
    const tx = db.transaction(['jobs', 'verdicts', 'siteCache']);
    expect([...tx.objectStore('verdicts').indexNames]).toEqual(['jobSeq']);
    expect([...tx.objectStore('jobs').indexNames]).toEqual(['tabCreated']);
    expect([...tx.objectStore('siteCache').indexNames]).toEqual(['fetchedAt']);
    expect((await listItems(db)).map((i) => i.sha256)).toEqual([makeItem(1).sha256]);
    db.close();
  });

  it('refuses to open a database from a newer Heed (versions only move forward)', async () => {
    const future = name();
    (await openDB(future, DB_VERSION + 1)).close();
    await expect(openHeedDB(future)).rejects.toThrow();
  });

  it('records a verdict with its item in one go; a second copy of the bytes is a duplicate', async () => {
    const db = await openHeedDB(name());
    const item = makeItem(7);
    const bytes = new TextEncoder().encode('bytes');
    const first = await recordVerdict(db, { jobId: 'j', index: 0, seq: 0 }, verdict(item.url, 'permitted'), { record: item, bytes });
    const second = await recordVerdict(db, { jobId: 'j', index: 1, seq: 1 }, verdict('https://other.test/same.png', 'permitted'), { record: { ...item, url: 'https://other.test/same.png' }, bytes });
    await recordVerdict(db, { jobId: 'j', index: 2, seq: 2 }, verdict('https://x.test/a.png', 'refused', ['no-licence', 'robots-disallow']));
    await recordVerdict(db, { jobId: 'j', index: 3, seq: 3 }, verdict('https://x.test/b.png', 'failed', ['fetch-failed']));
    expect(first.decision).toBe('permitted');
    expect(second).toMatchObject({ decision: 'duplicate', reasons: ['duplicate'] });
    // Its reason has evidence behind it, as every other reason does: the hash already stored.
    expect(second.evidence).toContainEqual(expect.objectContaining({ kind: 'fetch', scope: 'image', source: 'https://other.test/same.png', value: `SHA-256 ${item.sha256}`, effect: 'info' }));
    expect(await listItems(db)).toHaveLength(1);
    expect(await countVerdicts(db, 'j')).toBe(4);
    expect((await listVerdicts(db, 'j', 1)).map((v) => v.index)).toEqual([2, 3]);
    expect(await getTally(db)).toEqual({ refused: { 'no-licence': 1, 'robots-disallow': 1 }, failed: { 'fetch-failed': 1 } });
    db.close();
  });

  // The store is the last gate of "only permitted items are stored" (DESIGN.md §3): an item handed
  // in with a verdict that refuses it (a refusal found after the fetch — the people check, embedded
  // rights — attached to bytes already in hand) was written, bytes, claim and all.
  it('never stores the bytes, nor a claim, of a verdict that does not permit them', async () => {
    const db = await openHeedDB(name());
    const item = makeItem(8);
    const bytes = new TextEncoder().encode('bytes');
    for (const [index, decision] of (['refused', 'failed', 'skipped', 'duplicate'] as const).entries()) {
      const recorded = await recordVerdict(db, { jobId: 'j', index, seq: index }, verdict(item.url, decision, decision === 'refused' ? ['person-no-release'] : []), { record: item, bytes });
      expect(recorded.decision).toBe(decision);
    }
    expect(await listItems(db)).toEqual([]);
    expect(await getBlob(db, item.sha256)).toBeUndefined();
    expect(await db.count('claims')).toBe(0);
    db.close();
  });

  // A damaged tally (hand-edited, or written by a broken build) made every verdict write throw
  // (TypeError on its missing bucket): no collect could record anything again, and the export's
  // summary carried whatever the record held.
  it('a damaged tally never stops a verdict write: it is read as the counts it can still give', async () => {
    for (const damaged of [{ refused: null, failed: 'x' }, 'tally', { refused: { 'no-licence': -3, 'robots-disallow': 2, bogus: 5, 'meta-robots': 'x' }, failed: [] }]) {
      const db = await openHeedDB(name());
      await db.put('tally', damaged as never, 'tally');
      await recordVerdict(db, { jobId: 'j', index: 0, seq: 0 }, verdict('https://x.test/a.png', 'refused', ['robots-disallow']));
      await recordVerdict(db, { jobId: 'j', index: 1, seq: 1 }, verdict('https://x.test/b.png', 'failed', ['fetch-failed']));
      const robots = typeof damaged === 'object' && damaged.refused && typeof damaged.refused === 'object' ? 3 : 1;
      expect(await getTally(db)).toEqual({ refused: { 'robots-disallow': robots }, failed: { 'fetch-failed': 1 } });
      db.close();
    }
  });

  it('stores an image\'s bytes as they are — only a view\'s own bytes — and reads them back as a Blob of its type, as it reads Blobs stored before', async () => {
    const db = await openHeedDB(name());
    const item = { ...makeItem(3), mime: 'image/png' };
    // A view into a larger buffer (a read assembled from chunks): only its 4 bytes are the image.
    const buffer = new Uint8Array([9, 9, 1, 2, 3, 4, 9, 9]);
    await recordVerdict(db, { jobId: 'bytes', index: 0, seq: 0 }, verdict(item.url, 'permitted'), { record: item, bytes: buffer.subarray(2, 6) });
    const read = await getBlob(db, item.sha256);
    expect(read?.type).toBe('image/png');
    expect([...new Uint8Array(await read!.arrayBuffer())]).toEqual([1, 2, 3, 4]);
    // Written by an earlier Heed: a Blob.
    const old = makeItem(4);
    await db.put('blobs', new Blob([new Uint8Array([5, 6])], { type: 'image/gif' }), old.sha256);
    const oldRead = await getBlob(db, old.sha256);
    expect(oldRead?.type).toBe('image/gif');
    expect([...new Uint8Array(await oldRead!.arrayBuffer())]).toEqual([5, 6]);
    // A damaged record is missing bytes, not a throw.
    await db.put('blobs', { type: 'image/png', bytes: 'not bytes' } as never, 'damaged');
    expect(await getBlob(db, 'damaged')).toBeUndefined();
    db.close();
  });

  it('a poll reads only the verdicts completed since the popup\'s sequence number, and only the tab\'s latest job', async () => {
    const db = await openHeedDB(name());
    // Completion order differs from candidate order, as with concurrent fetches.
    for (let i = 0; i < 300; i++) {
      const index = (i * 7) % 300;
      await recordVerdict(db, { jobId: 'poll', index, seq: i }, verdict(`https://x.test/${index}.png`, 'refused', ['no-licence']));
    }
    await recordVerdict(db, { jobId: 'other', index: 0, seq: 0 }, verdict('https://y.test/0.png', 'refused', ['no-licence']));
    const job = (id: string, tabId: number, createdAt: string): Job => ({
      id, tabId, pageUrl: 'https://x.test/', pageTitle: '', state: 'done', createdAt, candidates: [], site: null, error: null,
    });
    for (let d = 1; d <= 9; d++) await putJob(db, job(`old-${d}`, 4, `2026-01-0${d}T00:00:00.000Z`));
    await putJob(db, job('latest', 4, '2026-02-01T00:00:00.000Z'));
    await putJob(db, job('elsewhere', 5, '2026-03-01T00:00:00.000Z'));
    const meter = meterRecordsRead();
    try {
      const fresh = await listVerdicts(db, 'poll', 296);
      expect(fresh.map((v) => v.seq)).toEqual([297, 298, 299]);
      expect(meter.read()).toBe(3);
      meter.reset();
      expect((await listVerdicts(db, 'poll')).map((v) => v.seq)).toEqual([...Array(300).keys()]);
      expect(meter.read()).toBe(300);
      meter.reset();
      expect(await listVerdicts(db, 'poll', 299)).toEqual([]);
      expect(meter.read()).toBe(0);
      meter.reset();
      expect((await latestJobForTab(db, 4))?.id).toBe('latest');
      expect(meter.read()).toBe(1);
    } finally {
      meter.stop();
    }
    db.close();
  });

  it('a resumed job numbers its next verdict after the highest recorded, even when an earlier write was lost', async () => {
    const db = await openHeedDB(name());
    expect(await nextVerdictSeq(db, 'resumed')).toBe(0);
    // The worker stopped while seq 3 was being written: 0, 1, 2 and 4 are recorded. Counting
    // them (4) would give seq 4 twice, and a popup that had read up to 4 would miss the new one.
    for (const seq of [0, 1, 2, 4]) await recordVerdict(db, { jobId: 'resumed', index: seq, seq }, verdict(`https://x.test/${seq}.png`, 'refused', ['no-licence']));
    await recordVerdict(db, { jobId: 'later', index: 0, seq: 9 }, verdict('https://y.test/0.png', 'refused', ['no-licence']));
    const meter = meterRecordsRead();
    try {
      expect(await nextVerdictSeq(db, 'resumed')).toBe(5);
      expect(meter.read()).toBe(1);
    } finally {
      meter.stop();
    }
    db.close();
  });
});

describe('VerdictWriter (a collect’s verdicts, issue 17)', () => {
  it('a verdict write leaves the settings’ store alone: a collect’s settings check before each request never waits for one to commit', async () => {
    const db = await openHeedDB(name());
    const scopes: string[][] = [];
    const open = db.transaction.bind(db);
    (db as { transaction: unknown }).transaction = ((...args: Parameters<typeof open>) => {
      if (args[1] === 'readwrite') scopes.push([args[0]].flat() as string[]);
      return open(...args);
    }) as typeof open;
    await putRawSettings(db, { purpose: 'research-tdm' });
    scopes.length = 0;
    await new VerdictWriter(db).record({ at: { jobId: 's', index: 0, seq: 0 }, verdict: verdict('https://x.test/0.png', 'refused', ['no-licence']), item: undefined });
    await recordVerdict(db, { jobId: 's', index: 1, seq: 1 }, verdict('https://x.test/1.png', 'failed', ['fetch-failed']));
    const settingsStore = 'meta'; // where getRawSettings reads
    expect(scopes).toHaveLength(2);
    for (const scope of scopes) expect(scope).not.toContain(settingsStore);
    expect(await getTally(db)).toEqual({ refused: { 'no-licence': 1 }, failed: { 'fetch-failed': 1 } });
  });

  it('a version 3 database keeps its tally on the way to version 4', async () => {
    const old = name();
    const v3 = await openDB(old, 3, {
      upgrade(db) {
        const items = db.createObjectStore('items', { keyPath: 'sha256' });
        items.createIndex('collectedAt', 'collectedAt');
        items.createIndex('pageUrl', 'pageUrl');
        db.createObjectStore('blobs');
        db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('tabCreated', ['tabId', 'createdAt']);
        db.createObjectStore('siteCache', { keyPath: 'key' }).createIndex('fetchedAt', 'fetchedAt');
        db.createObjectStore('meta');
        db.createObjectStore('verdicts', { keyPath: ['jobId', 'index'] }).createIndex('jobSeq', ['jobId', 'seq']);
      },
    });
    await v3.put('meta', { refused: { 'no-licence': 5 }, failed: { 'fetch-failed': 2 } }, 'tally');
    await v3.put('meta', { purpose: 'research-tdm' }, 'settings');
    v3.close();
    const db = await openHeedDB(old);
    expect(await getTally(db)).toEqual({ refused: { 'no-licence': 5 }, failed: { 'fetch-failed': 2 } });
    expect(await getRawSettings(db)).toEqual({ purpose: 'research-tdm' });
    await recordVerdict(db, { jobId: 'm', index: 0, seq: 0 }, verdict('https://x.test/0.png', 'refused', ['no-licence']));
    expect((await getTally(db)).refused).toEqual({ 'no-licence': 6 });
    db.close();
  });

  it('writes the verdicts that arrive while one commits together: a few transactions, not one per image, in seq order', async () => {
    const db = await openHeedDB(name());
    let transactions = 0;
    const open = db.transaction.bind(db);
    (db as { transaction: unknown }).transaction = ((...args: Parameters<typeof open>) => {
      if (args[1] === 'readwrite') transactions++;
      return open(...args);
    }) as typeof open;
    const writer = new VerdictWriter(db);
    const item = makeItem(3);
    const bytes = new TextEncoder().encode('bytes');
    const recorded = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        writer.record(
          i % 2 === 0
            ? { at: { jobId: 'b', index: i, seq: i }, verdict: verdict(`https://x.test/${i}.png`, 'refused', ['no-licence']) }
            : { at: { jobId: 'b', index: i, seq: i }, verdict: verdict(`https://x.test/${i}.png`, 'permitted'), item: { record: { ...item, url: `https://x.test/${i}.png` }, bytes } },
        ),
      ),
    );
    expect(transactions).toBeLessThanOrEqual(4);
    // The same bytes twice in one batch: the second is a duplicate, as across transactions.
    expect(recorded.filter((v) => v.decision === 'permitted')).toHaveLength(1);
    expect(recorded.filter((v) => v.decision === 'duplicate')).toHaveLength(19);
    expect(await listItems(db)).toHaveLength(1);
    expect((await listVerdicts(db, 'b')).map((v) => v.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(await getTally(db)).toEqual({ refused: { 'no-licence': 20 }, failed: {} });
  });

  it('a failed batch rejects each of its verdicts and records none of them; the next batch still runs', async () => {
    const db = await openHeedDB(name());
    const writer = new VerdictWriter(db);
    const bad = { at: { jobId: 'f', index: 0, seq: 0 }, verdict: verdict('https://x.test/0.png', 'permitted'), item: { record: { ...makeItem(1), sha256: undefined as unknown as string }, bytes: new Uint8Array([120]) } };
    const good = { at: { jobId: 'f', index: 1, seq: 1 }, verdict: verdict('https://x.test/1.png', 'refused', ['no-licence']) };
    const results = await Promise.allSettled([writer.record(bad), writer.record(good)]);
    expect(results[0]!.status).toBe('rejected');
    expect((await listVerdicts(db, 'f')).map((v) => v.index)).toEqual([1]);
    await expect(writer.record({ ...good, at: { jobId: 'f', index: 2, seq: 2 } })).resolves.toMatchObject({ decision: 'refused' });
  });
});

// A job's keeping of an image's bytes (db.ts ItemClaim): withdrawing it (collector.ts withdraw)
// deleted the item whoever else kept the same bytes. Now another job's claim keeps the item, under
// that job's record; the last claim withdrawn deletes it.
describe('withdrawing one collect’s keeping of an image', () => {
  const sha = 'c'.repeat(64);
  const rec = (pageUrl: string, minute: number) => ({ ...makeRecord(pageUrl, minute) });
  function makeRecord(pageUrl: string, minute: number) {
    return {
      sha256: sha, mime: 'image/png', bytes: 3, width: 1, height: 1, url: `${pageUrl}x.png`, finalUrl: `${pageUrl}x.png`, pageUrl, pageTitle: 'T', alt: '', caption: '',
      discovery: ['img' as const], collectedAt: new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString(), purpose: 'ai-training' as const, licence: null, synthetic: null, evidence: [],
    };
  }
  const keep = (db: Awaited<ReturnType<typeof openHeedDB>>, jobId: string, pageUrl: string, minute: number) =>
    recordVerdict(db, { jobId, index: 0, seq: 0 }, { url: `${pageUrl}x.png`, decision: 'permitted', reasons: [], licence: null, sha256: sha, evidence: [] }, { record: rec(pageUrl, minute), bytes: new Uint8Array([1, 2, 3]) });

  it('another job’s claim keeps the item under its record; the last claim withdrawn deletes item and bytes', async () => {
    const db = await openHeedDB(`claims-${Math.random()}`);
    expect((await keep(db, 'a', 'https://refused.example/', 1)).decision).toBe('permitted');
    expect((await keep(db, 'b', 'https://mirror.example/', 2)).decision).toBe('duplicate');
    expect(await withdrawClaims(db, sha, 'a', true)).toBe('replaced');
    expect((await listItems(db)).map((i) => i.pageUrl)).toEqual(['https://mirror.example/']);
    expect(await withdrawClaims(db, sha, 'a', true)).toBe('kept'); // again: nothing of a's left
    expect(await withdrawClaims(db, sha, 'b', false)).toBe('deleted');
    expect(await listItems(db)).toEqual([]);
    expect(await getBlob(db, sha)).toBeUndefined();
  });

  it('an item stored before claims existed is another collect’s unless the withdrawing job stored it', async () => {
    const db = await openHeedDB(`claims-legacy-${Math.random()}`);
    await keep(db, 'old', 'https://old.example/', 1);
    await db.clear('claims'); // as an earlier Heed left it
    await keep(db, 'w', 'https://w.example/', 2); // a duplicate: w's claim only
    expect(await withdrawClaims(db, sha, 'w', false)).toBe('kept');
    expect((await listItems(db)).map((i) => i.pageUrl)).toEqual(['https://old.example/']);
    expect(await withdrawClaims(db, sha, 'old', true)).toBe('deleted');
  });

  // A damaged claim of another job (its record lost, or not this image's) was put in the item's place
  // (a key error aborted the withdrawal) or sorted by its missing collectedAt (a throw): either way
  // the withdrawal failed and the refused job's item and bytes stayed.
  it('another job’s damaged claim never keeps the withdrawn job’s item: a sound claim takes its place, or the item goes', async () => {
    const db = await openHeedDB(`claims-damaged-${Math.random()}`);
    await keep(db, 'a', 'https://refused.example/', 1);
    await db.put('claims', { sha256: sha, jobId: 'b', index: 0 } as never);
    await db.put('claims', { sha256: sha, jobId: 'c', index: 0, record: { pageUrl: 'https://c.example/' } } as never);
    await db.put('claims', { sha256: sha, jobId: 'd', index: 0, record: { ...rec('https://d.example/', 3), sha256: 'd'.repeat(64) } } as never);
    expect(await withdrawClaims(db, sha, 'a', true)).toBe('deleted');
    expect(await listItems(db)).toEqual([]);
    expect(await getBlob(db, sha)).toBeUndefined();

    await keep(db, 'a', 'https://refused.example/', 1);
    await db.put('claims', { sha256: sha, jobId: 'b', index: 0, record: 'damaged' } as never);
    await db.put('claims', { sha256: sha, jobId: 'e', index: 0, record: rec('https://mirror.example/', 4) } as never);
    expect(await withdrawClaims(db, sha, 'a', true)).toBe('replaced');
    expect((await listItems(db)).map((i) => i.pageUrl)).toEqual(['https://mirror.example/']);
  });

  it('deleting an item deletes every claim on it: a later withdrawal brings nothing back', async () => {
    const db = await openHeedDB(`claims-delete-${Math.random()}`);
    await keep(db, 'a', 'https://a.example/', 1);
    await keep(db, 'b', 'https://b.example/', 2);
    await deleteItem(db, sha);
    expect(await db.count('claims')).toBe(0);
    expect(await withdrawClaims(db, sha, 'a', true)).toBe('absent');
    expect(await listItems(db)).toEqual([]);
  });
});

// A record's age was `now - fetchedAt`, which JavaScript computes for a string too: a record
// whose time was written as text ('1780000000000') read as fresh for 24 h from that time.
describe('getCachedSignal: a record whose time is not a number', () => {
  it('a numeric string, a Date or an array has no age Heed can trust: stale', async () => {
    const db = await openHeedDB(`cached-signal-time-${Math.random()}`);
    const at = Date.UTC(2026, 5, 1, 11);
    for (const fetchedAt of [String(at), new Date(at), [at]]) {
      await db.put('siteCache', { key: 'k', value: { body: '' }, fetchedAt } as never);
      expect(await getCachedSignal(db, 'k', 24 * 3_600_000, Date.UTC(2026, 5, 1, 12))).toBeUndefined();
    }
  });
});

describe('the same bytes kept by two collects, as the export reads them', () => {
  const sha = 'e'.repeat(64);
  const record = (jobPage: string, minute: number, evidence: Evidence[]) => ({
    ...makeItem(50, { sha256: sha, url: `${jobPage}x.png`, finalUrl: `${jobPage}x.png`, pageUrl: jobPage, evidence }),
    collectedAt: new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString(),
  });
  const licenceEvidence = (page: string): Evidence => ({ kind: 'licence', scope: 'page', source: page, value: 'https://creativecommons.org/licenses/by/4.0/', effect: 'allow' });
  const keep = (db: Awaited<ReturnType<typeof openHeedDB>>, jobId: string, page: string, minute: number) => {
    const r = record(page, minute, [licenceEvidence(page)]);
    return recordVerdict(db, { jobId, index: 0, seq: 0 }, { url: r.url, decision: 'permitted', reasons: [], licence: null, sha256: sha, evidence: r.evidence }, { record: r, bytes: new Uint8Array([5, 5, 5]) });
  };

  it('unchanged: the same image collected twice under the same permitting context is kept once, with its evidence', async () => {
    const db = await openHeedDB(`dedupe-same-${Math.random()}`);
    expect((await keep(db, 'a', 'https://museum.example/', 1)).decision).toBe('permitted');
    expect((await keep(db, 'b', 'https://museum.example/', 2)).decision).toBe('duplicate');
    const manifest = await readManifest(db, '0.0.0', new Date(Date.UTC(2026, 0, 1)));
    expect(manifest.items).toHaveLength(1);
    expect(manifest.items[0]).toMatchObject({ sha256: sha, pageUrl: 'https://museum.example/', evidence: [licenceEvidence('https://museum.example/')] });
    expect(await getBlob(db, sha)).toBeDefined();
  });

  it('withdrawn by the collect whose record it held, the image is exported under the other collect’s page and evidence only', async () => {
    const db = await openHeedDB(`dedupe-withdrawn-${Math.random()}`);
    await keep(db, 'refusing', 'https://refused.example/', 1);
    await keep(db, 'permitting', 'https://mirror.example/', 2);
    expect(await withdrawClaims(db, sha, 'refusing', true)).toBe('replaced');
    const manifest = await readManifest(db, '0.0.0', new Date(Date.UTC(2026, 0, 1)));
    expect(manifest.items).toHaveLength(1);
    expect(manifest.items[0]).toMatchObject({ pageUrl: 'https://mirror.example/', evidence: [licenceEvidence('https://mirror.example/')] });
    expect(JSON.stringify(manifest)).not.toContain('refused.example');
  });
});
