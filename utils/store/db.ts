import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ManifestItem, DecisionTally } from '../model/manifest';
import { FAILURE_REASONS, REFUSAL_REASONS, type Evidence } from '../model/evidence';
import type { ImageCandidate, Verdict } from '../policy/verdict';
import type { Settings } from '../model/settings';
import type { PageSignals } from '../page/page-signals';
import { announceSettingsChanged } from './stored-settings';

/** A collect job, persisted so a killed service worker resumes it (DESIGN.md §1). */
export interface Job {
  id: string;
  tabId: number;
  pageUrl: string;
  pageTitle: string;
  state: 'running' | 'done' | 'error' | 'cancelled';
  createdAt: string;
  candidates: ImageCandidate[];
  /** Collect while scrolling: the page keeps adding candidates until the user stops. */
  watching?: boolean;
  /** Site-level evidence and status at the time of the collect (JSON-serialisable). */
  site: unknown;
  error: string | null;
  /** What the collect could not cover, in words for the user (a scan cap, the job cap). */
  notes?: string[];
  /** The user chose this one image (context menu): Min image side does not apply, as for its scan. */
  onlyImage?: boolean;
  /**
   * The settings the job decides under (DESIGN.md §2 "One job, one policy, one page"); replaced
   * together with `site` when a settings change is applied. Absent in jobs an earlier Heed stored.
   */
  settings?: Settings;
  /**
   * When `site` was assessed (ms since the epoch): it decides the job's images for 24 h at most
   * (job-policy.ts assessmentFresh), then the site is re-assessed. Absent in jobs an earlier Heed
   * stored: their `createdAt` stands for it.
   */
  siteAssessedAt?: number;
  /** The signals of the document the collect scanned and assessed, to re-assess it under new settings. */
  page?: PageSignals;
  /** A job that ended in error, or was cancelled, whose undone withdrawals have been carried out (collector.ts resumeAll): not read again at each start. */
  withdrawalsSettled?: true;
}

/**
 * One candidate's verdict, keyed by [jobId, index]; a candidate without a stored verdict is
 * still to do. `seq` is the completion order, so a reader can ask for what is new.
 */
export interface StoredVerdict {
  jobId: string;
  index: number;
  seq: number;
  verdict: Verdict;
}

/**
 * One collect's keeping of an image's bytes: each permitted or duplicate verdict that carried the
 * image records the item it would store (its page, URL, licence and evidence), keyed by
 * [sha256, jobId, index]. The item holds one of them; when the job whose record it holds withdraws
 * it (collector.ts withdraw), another job's claim takes its place (withdrawClaims), so the bytes
 * another collect kept are never lost with it. Deleted with the item.
 */
export interface ItemClaim {
  sha256: string;
  jobId: string;
  index: number;
  record: ManifestItem;
}

export interface CachedSignal {
  /** `${kind} ${origin}`, e.g. `robots-txt https://cdn.example`. */
  key: string;
  fetchedAt: number;
  value: unknown;
}

interface HeedDB extends DBSchema {
  items: { key: string; value: ManifestItem; indexes: { collectedAt: string; pageUrl: string } };
  blobs: { key: string; value: StoredBytes };
  jobs: { key: string; value: Job; indexes: { tabCreated: [number, string] } };
  verdicts: { key: [string, number]; value: StoredVerdict; indexes: { jobSeq: [string, number] } };
  siteCache: { key: string; value: CachedSignal; indexes: { fetchedAt: number } };
  meta: { key: string; value: unknown };
  tally: { key: string; value: DecisionTally };
  claims: { key: [string, string, number]; value: ItemClaim };
}

export type HeedDatabase = IDBPDatabase<HeedDB>;

const DB_NAME = 'heed';

/**
 * Upgrade steps, in order: step i moves the schema from version i to i+1. Versions only move
 * forward; a browser holding a newer database than this build refuses to open it (VersionError).
 */
type UpgradeTx = IDBPTransaction<HeedDB, StoreNames<HeedDB>[], 'versionchange'>;
const UPGRADES: ((db: IDBPDatabase<HeedDB>, tx: UpgradeTx) => void)[] = [
  (db) => {
    const items = db.createObjectStore('items', { keyPath: 'sha256' });
    items.createIndex('collectedAt', 'collectedAt');
    items.createIndex('pageUrl', 'pageUrl');
    db.createObjectStore('blobs');
    // v1's index; dropped at v3 (typed through the raw store: the schema type no longer has it).
    (db.createObjectStore('jobs', { keyPath: 'id' }) as unknown as IDBObjectStore).createIndex('tabId', 'tabId');
    db.createObjectStore('siteCache', { keyPath: 'key' });
    db.createObjectStore('meta');
  },
  // v2: verdicts move out of the job record into their own store, written in the same
  // transaction as the item they store (a resumed job never stores or reports twice).
  (db) => {
    db.createObjectStore('verdicts', { keyPath: ['jobId', 'index'] });
  },
  // v3: indexes so a popup poll reads only what changed (verdicts after a sequence number, the
  // tab's latest job) and expiry finds what is old without reading every record (DESIGN.md §3).
  (_db, tx) => {
    tx.objectStore('verdicts').createIndex('jobSeq', ['jobId', 'seq']);
    tx.objectStore('jobs').createIndex('tabCreated', ['tabId', 'createdAt']);
    tx.objectStore('jobs').deleteIndex('tabId'); // the compound index above serves every tab query
    tx.objectStore('siteCache').createIndex('fetchedAt', 'fetchedAt');
  },
  // v4: the tally moves out of `meta` into its own store. Every verdict write updates it, and a
  // read of `meta` (the settings, which a collect checks before each request) waited for that
  // write to commit (issue 17: 3.5 ms median, 16 ms p99, with a politeness slot held).
  (db, tx) => {
    db.createObjectStore('tally');
    // An error aborts the upgrade (the database stays at v3 and Heed reports it did not open).
    void tx
      .objectStore('meta')
      .get(TALLY_KEY)
      .then((tally) => {
        if (tally === undefined) return;
        void tx.objectStore('tally').put(tally as DecisionTally, TALLY_KEY);
        void tx.objectStore('meta').delete(TALLY_KEY);
      });
  },
  // v5: each job's claim on the bytes it kept (ItemClaim), so withdrawing one job's item keeps
  // another's. Items stored before have none: their first claimant is the item itself.
  (db) => {
    db.createObjectStore('claims', { keyPath: ['sha256', 'jobId', 'index'] });
  },
];

export const DB_VERSION = UPGRADES.length;

/** Open (and migrate) Heed's database. The only `openDB` call in the project. */
export function openHeedDB(name = DB_NAME): Promise<HeedDatabase> {
  return openDB<HeedDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) {
        try {
          UPGRADES[v]!(db, tx);
        } catch (err) {
          throw new Error(`Heed database upgrade to version ${v + 1} failed: ${String(err)}`);
        }
      }
    },
  });
}

/**
 * An image's bytes as the `blobs` store holds them: the bytes themselves with their type (every
 * image stored since issue 17), or a Blob (records written before, which stay readable). Not a
 * Blob for new ones: making one from bytes a worker already holds cost ~0.6 ms an image in
 * Chromium and IndexedDB then wrote each to a file of its own — most of a 20-origin collect's
 * time over a plain fetch (`npm run bench`). Chromium's IndexedDB moves a large value out to a
 * blob file itself, so large images cost no more than before.
 */
export type StoredBytes = Blob | { type: string; bytes: ArrayBuffer };

/** A permitted image to store: its manifest record and its bytes (of type `record.mime`). */
export interface ItemToStore {
  record: ManifestItem;
  bytes: Uint8Array;
}

/** The bytes of `item` as stored: an ArrayBuffer of exactly them (a view's buffer may hold more). */
function storedBytes(item: ItemToStore): StoredBytes {
  const { bytes } = item;
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer;
  return { type: item.record.mime, bytes: exact };
}

/** Why a verdict is `duplicate`: the same bytes (by SHA-256) are already stored. */
function duplicateEvidence(url: string, sha256: string): Evidence {
  return {
    kind: 'fetch', scope: 'image', source: url, value: `SHA-256 ${sha256}`, effect: 'info',
    note: 'Already in the collection: an image with the same bytes (the same SHA-256) is stored, so it is not stored twice',
  };
}

/** One candidate's verdict to record: where it goes, and for a permitted image its item and bytes. */
export interface VerdictEntry {
  at: { jobId: string; index: number; seq: number };
  verdict: Verdict;
  item?: ItemToStore | undefined;
}

/**
 * Record one candidate's verdict, and for a permitted one store the item and its bytes, in one
 * transaction with the running tally. A hash already stored turns the verdict into
 * `duplicate`. Returns the verdict as recorded.
 */
export async function recordVerdict(
  db: HeedDatabase,
  at: { jobId: string; index: number; seq: number },
  verdict: Verdict,
  item?: ItemToStore,
): Promise<Verdict> {
  return (await recordVerdicts(db, [{ at, verdict, item }]))[0]!;
}

/**
 * Record several verdicts (each with its item and bytes) in one transaction, in order, with the
 * running tally read and written once: all of them or none. A hash already stored — or stored
 * earlier in the same batch — turns the verdict into `duplicate`. Returns the verdicts as recorded.
 */
export async function recordVerdicts(db: HeedDatabase, entries: readonly VerdictEntry[]): Promise<Verdict[]> {
  const tx = db.transaction(['items', 'blobs', 'verdicts', 'tally', 'claims'], 'readwrite');
  const tallyStore = tx.objectStore('tally');
  const tallyRead = tallyStore.get(TALLY_KEY);
  const recorded: Verdict[] = [];
  // Each write's own error (QuotaExceededError) is what the caller sees, as when awaited one by one.
  const writes: Promise<unknown>[] = [];
  const write = (...requests: Promise<unknown>[]) => {
    for (const r of requests) {
      r.catch(() => undefined); // surfaced by the Promise.all below, or by the throw that ends the batch early
      writes.push(r);
    }
  };
  for (const { at, verdict, item: handed } of entries) {
    let out = verdict;
    // Only a permitted verdict stores anything (DESIGN.md §3): bytes handed in with any other verdict
    // (a refusal found after the fetch) are dropped here, never written, and no claim is made on them.
    const item = verdict.decision === 'permitted' ? handed : undefined;
    if (item) {
      const exists = (await tx.objectStore('items').count(item.record.sha256)) > 0;
      if (exists) {
        out = { ...verdict, decision: 'duplicate', reasons: ['duplicate'], evidence: [...verdict.evidence, duplicateEvidence(verdict.url, item.record.sha256)] };
      } else {
        write(tx.objectStore('items').put(item.record), tx.objectStore('blobs').put(storedBytes(item), item.record.sha256));
      }
      // This job keeps these bytes too, whichever job's record the item holds (ItemClaim).
      write(tx.objectStore('claims').put({ sha256: item.record.sha256, jobId: at.jobId, index: at.index, record: item.record }));
    }
    write(tx.objectStore('verdicts').put({ ...at, verdict: out }));
    recorded.push(out);
  }
  const tally = tallyOf(await tallyRead);
  for (const v of recorded) {
    const bucket = v.decision === 'refused' ? tally.refused : v.decision === 'failed' ? tally.failed : null;
    if (bucket) for (const r of v.reasons) (bucket as Record<string, number>)[r] = ((bucket as Record<string, number>)[r] ?? 0) + 1;
  }
  write(tallyStore.put(tally, TALLY_KEY));
  await Promise.all([...writes, tx.done]);
  return recorded;
}

/**
 * Writes a collect's verdicts as they arrive: one transaction at a time, and every verdict that
 * arrives while one commits goes into the next, together (issue 17: one readwrite transaction per
 * image serialised a collect on the transactions' commits, ~14 ms each with the image's bytes).
 * Verdicts commit in the order they were handed in (their seq order: a popup polling "since
 * seq" never misses one). A failed batch rejects each of its verdicts.
 */
export class VerdictWriter {
  private queue: { entry: VerdictEntry; resolve: (v: Verdict) => void; reject: (err: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly db: HeedDatabase,
    /** The most verdicts one transaction holds (each can carry an image of up to Max image size). */
    private readonly maxBatch = 16,
  ) {}

  record(entry: VerdictEntry): Promise<Verdict> {
    return new Promise<Verdict>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const recorded = await recordVerdicts(this.db, batch.map((b) => b.entry));
        batch.forEach((b, i) => b.resolve(recorded[i]!));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.writing = false;
  }
}

/**
 * The verdicts of a job, in completion order, optionally only those after `sinceSeq`: read from
 * the [jobId, seq] index, so a poll reads the new verdicts only, never the whole job's.
 */
export function listVerdicts(db: HeedDatabase, jobId: string, sinceSeq = -1): Promise<StoredVerdict[]> {
  return db.getAllFromIndex('verdicts', 'jobSeq', IDBKeyRange.bound([jobId, sinceSeq], [jobId, Number.MAX_SAFE_INTEGER], true, false));
}

/**
 * The sequence number a job's next verdict takes: one past the highest recorded (read from the
 * end of the [jobId, seq] index, one record). Not the count: a worker stopped during a write can
 * leave a gap, and a repeated seq would hide that verdict from a popup polling since it.
 */
export async function nextVerdictSeq(db: HeedDatabase, jobId: string): Promise<number> {
  const last = await db.transaction('verdicts').store.index('jobSeq').openCursor(IDBKeyRange.bound([jobId, -1], [jobId, Number.MAX_SAFE_INTEGER]), 'prev');
  return last ? last.value.seq + 1 : 0;
}

/** The verdicts recorded for some of a job's candidates (by index), those that have one. */
export async function verdictsAt(db: HeedDatabase, jobId: string, indices: readonly number[]): Promise<StoredVerdict[]> {
  const tx = db.transaction('verdicts');
  const found = await Promise.all(indices.map((index) => tx.store.get([jobId, index])));
  return found.filter((v): v is StoredVerdict => v !== undefined);
}

/** How many candidates of a job have a verdict. */
export function countVerdicts(db: HeedDatabase, jobId: string): Promise<number> {
  return db.count('verdicts', IDBKeyRange.bound([jobId, 0], [jobId, Number.MAX_SAFE_INTEGER]));
}

/** All stored items (metadata only, no blobs). */
export function listItems(db: HeedDatabase): Promise<ManifestItem[]> {
  return db.getAll('items');
}

/** The stored bytes of one item, as a Blob (whichever form they were stored in). */
export async function getBlob(db: HeedDatabase, sha256: string): Promise<Blob | undefined> {
  return blobOf(await db.get('blobs', sha256));
}

/** A stored value as a Blob; anything else (a damaged record) as missing bytes, never a throw. */
export function blobOf(stored: unknown): Blob | undefined {
  if (stored instanceof Blob) return stored;
  if (stored && typeof stored === 'object') {
    const { type, bytes } = stored as { type?: unknown; bytes?: unknown };
    if (bytes instanceof ArrayBuffer) return new Blob([bytes], { type: typeof type === 'string' ? type : '' });
  }
  return undefined;
}

/** Every claim on the bytes `sha256` (ItemClaim), of any job. */
const claimsOf = (sha256: string) => IDBKeyRange.bound([sha256, '', -Infinity], [sha256, '\uffff', Infinity]);

/** Delete an item, its bytes and every job's claim on them, together. */
export async function deleteItem(db: HeedDatabase, sha256: string): Promise<void> {
  const tx = db.transaction(['items', 'blobs', 'claims'], 'readwrite');
  await Promise.all([tx.objectStore('items').delete(sha256), tx.objectStore('blobs').delete(sha256), tx.objectStore('claims').delete(claimsOf(sha256)), tx.done]);
}

/**
 * Take back one job's keeping of the bytes `sha256` (collector.ts withdraw), in one transaction:
 * every claim the job has on them goes. Decision (DESIGN.md §2, the reading that cannot keep what
 * the owner refused; DESIGN.md §1, nothing lost): all of the job's claims go, whichever of its
 * images carried the bytes — the job's page showed them where they are refused — but another job's
 * claim (its own page permitted them) keeps the item, which then holds that job's record: its
 * page, URL, licence and evidence, never the withdrawn job's refused page. With no other claim the
 * item and its bytes are deleted. An item whose record is no job's claim was stored before claims
 * existed: it is the withdrawing job's when that job's own verdict stored it (`storedIt`), and
 * another collect's (kept) otherwise. Returns what became of the item: 'deleted', 'replaced' (kept, its record now another
 * job's), 'kept' (its record was already another job's), or 'absent' (it was not stored, or the
 * user deleted it).
 */
/** A claim whose record can stand as the item of `sha256`: a record of those bytes, with its collection time. */
function soundClaim(claim: ItemClaim, sha256: string): boolean {
  const record = claim.record as unknown;
  if (record === null || typeof record !== 'object') return false;
  const { sha256: recordSha, collectedAt } = record as { sha256?: unknown; collectedAt?: unknown };
  return recordSha === sha256 && typeof collectedAt === 'string';
}

export async function withdrawClaims(db: HeedDatabase, sha256: string, jobId: string, storedIt: boolean): Promise<'deleted' | 'replaced' | 'kept' | 'absent'> {
  const tx = db.transaction(['items', 'blobs', 'claims'], 'readwrite');
  const claims = tx.objectStore('claims');
  const [item, all] = await Promise.all([tx.objectStore('items').get(sha256), claims.getAll(claimsOf(sha256))]);
  const own = all.filter((c) => c.jobId === jobId);
  // Another job's claim keeps the item only when its record can stand as the item (soundClaim): a
  // damaged one (its record lost, or another image's) cannot, and never keeps this job's record.
  const others = all.filter((c) => c.jobId !== jobId && soundClaim(c, sha256));
  const writes: Promise<unknown>[] = own.map((c) => claims.delete([c.sha256, c.jobId, c.index]));
  let outcome: 'deleted' | 'replaced' | 'kept' | 'absent' = 'absent';
  const unclaimed = item !== undefined && !all.some((c) => JSON.stringify(c.record) === JSON.stringify(item));
  if (item && unclaimed && !storedIt) outcome = 'kept'; // an earlier Heed's item, another collect's
  else if (item && others.length === 0) {
    writes.push(tx.objectStore('items').delete(sha256), tx.objectStore('blobs').delete(sha256), claims.delete(claimsOf(sha256)));
    outcome = 'deleted';
  } else if (item) {
    const same = (c: ItemClaim) => JSON.stringify(c.record) === JSON.stringify(item);
    if (!others.some(same)) {
      // The earliest other keeping becomes the item's record (collectedAt, then job and index: a stable choice).
      const next = [...others].sort((a, b) => a.record.collectedAt.localeCompare(b.record.collectedAt) || a.jobId.localeCompare(b.jobId) || a.index - b.index)[0]!;
      writes.push(tx.objectStore('items').put(next.record));
      outcome = 'replaced';
    } else outcome = 'kept';
  }
  await Promise.all([...writes, tx.done]);
  return outcome;
}

export function putJob(db: HeedDatabase, job: Job): Promise<string> {
  return db.put('jobs', job);
}

export function getJob(db: HeedDatabase, id: string): Promise<Job | undefined> {
  return db.get('jobs', id);
}

/** The most recent job for a tab, if any: one record read, from the end of the [tabId, createdAt] index. */
export async function latestJobForTab(db: HeedDatabase, tabId: number): Promise<Job | undefined> {
  const cursor = await db.transaction('jobs').store.index('tabCreated').openCursor(IDBKeyRange.bound([tabId, ''], [tabId, []]), 'prev');
  return cursor?.value;
}

/**
 * Jobs left `running` (e.g. by a killed service worker), to resume, and jobs that ended early —
 * in error, or cancelled — whose withdrawals are not yet settled: never resumed, but a withdrawal
 * they left undone is still carried out (collector.ts resumeAll). One read of the jobs store for
 * both: it runs at each start of the worker.
 *
 * Decision (DESIGN.md §2, the reading that cannot keep what the owner refused; §3, only permitted
 * items are stored): a cancelled job is one of them. Cancel marks a job no loop of this worker runs
 * cancelled at once (collector.ts cancel) — one whose worker stopped between a refusal's commit and
 * the withdrawal it calls for — and, never resumed nor reconciled, it left the refused image stored.
 */
export async function jobsToResume(db: HeedDatabase): Promise<{ running: Job[]; endedUnsettled: Job[] }> {
  const all = await db.getAll('jobs');
  return { running: all.filter((j) => j.state === 'running'), endedUnsettled: all.filter((j) => (j.state === 'error' || j.state === 'cancelled') && j.withdrawalsSettled !== true) };
}

/**
 * A cached per-origin signal younger than `maxAgeMs`, else undefined. One stored "in the future"
 * (the clock was set back since, or the entry is corrupt) has no age Heed can trust: it is stale,
 * not fresh until the clock catches up — a robots.txt fetched under a clock set a year ahead
 * was otherwise trusted for a year, whatever the site wrote since (DESIGN.md §2 rule 2: ≤ 24 h).
 */
export async function getCachedSignal(db: HeedDatabase, key: string, maxAgeMs: number, now: number): Promise<unknown> {
  const hit = await db.get('siteCache', key);
  // A time that is not a number (a string, a Date: damaged, or written by something else) has no
  // age either: `now - '1780000000000'` is a number to JavaScript, and read the record as fresh.
  if (!hit || typeof hit.fetchedAt !== 'number') return undefined;
  const age = now - hit.fetchedAt;
  return age >= 0 && age <= maxAgeMs ? hit.value : undefined;
}

export async function putCachedSignal(db: HeedDatabase, key: string, value: unknown, now: number): Promise<void> {
  await db.put('siteCache', { key, fetchedAt: now, value });
}

const TALLY_KEY = 'tally';

/** Running counts of refusals and failures, for the manifest summary. */
export async function getTally(db: HeedDatabase): Promise<DecisionTally> {
  return tallyOf(await db.get('tally', TALLY_KEY));
}

/**
 * The tally as stored, read as the counts it can still give: known reason codes with whole,
 * non-negative counts; anything else in a damaged record (a missing bucket, a count that is not a
 * number, a code this version does not know) is dropped, never a throw that stops every verdict write.
 */
export function tallyOf(stored: unknown): DecisionTally {
  const bucket = <T extends string>(raw: unknown, codes: readonly T[]): Partial<Record<T, number>> => {
    const out: Partial<Record<T, number>> = {};
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return out;
    for (const code of codes) {
      const n = (raw as Record<string, unknown>)[code];
      if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0) out[code] = n;
    }
    return out;
  };
  const raw = stored !== null && typeof stored === 'object' ? (stored as { refused?: unknown; failed?: unknown }) : {};
  return { refused: bucket(raw.refused, REFUSAL_REASONS), failed: bucket(raw.failed, FAILURE_REASONS) };
}

const SETTINGS_KEY = 'settings';

export function getRawSettings(db: HeedDatabase): Promise<unknown> {
  return db.get('meta', SETTINGS_KEY);
}

/** Save the settings; once they are committed, every Heed context hears it (the worker's StoredSettings). */
export async function putRawSettings(db: HeedDatabase, settings: unknown): Promise<void> {
  await db.put('meta', settings, SETTINGS_KEY);
  announceSettingsChanged();
}

// Library page queries. They use only the existing `collectedAt` index and primary-key
// cursors, so 100k items are paged by key and never read with their blobs.

/** How many items are stored. */
export function countItems(db: HeedDatabase): Promise<number> {
  return db.count('items');
}

/** Item keys (sha256), newest first, optionally with collectedAt in [from, to); keys only, no values. */
export async function listItemKeysNewestFirst(db: HeedDatabase, range: { from?: string; to?: string } = {}): Promise<string[]> {
  const { from, to } = range;
  const keyRange =
    from !== undefined && to !== undefined
      ? from < to ? IDBKeyRange.bound(from, to, false, true) : null
      : from !== undefined ? IDBKeyRange.lowerBound(from) : to !== undefined ? IDBKeyRange.upperBound(to, true) : undefined;
  if (keyRange === null) return [];
  // Ties on collectedAt come back in key order; reversing keeps the order total and stable.
  return (await db.getAllKeysFromIndex('items', 'collectedAt', keyRange)).reverse();
}

/** The items for these keys, in the same order (undefined where one is gone). */
export async function getItemsByKeys(db: HeedDatabase, keys: readonly string[]): Promise<(ManifestItem | undefined)[]> {
  const tx = db.transaction('items');
  const items = await Promise.all(keys.map((key) => tx.store.get(key)));
  await tx.done;
  return items;
}

/** Visit every item's metadata (never blobs) in primary-key batches, so a pass over 100k items keeps memory flat. */
export async function scanItemBatches(
  db: HeedDatabase,
  visit: (batch: ManifestItem[]) => void,
  opts: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const size = Math.max(1, Math.floor(opts.batchSize ?? 1000));
  let after: string | undefined;
  for (;;) {
    if (opts.signal?.aborted) return;
    const batch = await db.getAll('items', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), size);
    if (batch.length === 0 || opts.signal?.aborted) return;
    visit(batch);
    if (batch.length < size) return;
    after = batch[batch.length - 1]!.sha256;
  }
}
