import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ManifestItem, DecisionTally } from './manifest';
import type { ImageCandidate, Verdict } from './verdict';

/** A collect job, persisted so a killed service worker resumes it (DESIGN.md §1). */
export interface Job {
  id: string;
  tabId: number;
  pageUrl: string;
  pageTitle: string;
  state: 'running' | 'done' | 'error' | 'cancelled';
  createdAt: string;
  candidates: ImageCandidate[];
  /** Verdicts so far, in candidate order; a candidate without one is still to do. */
  verdicts: Verdict[];
  /** Site-level evidence and status at the time of the collect (JSON-serialisable). */
  site: unknown;
  error: string | null;
}

export interface CachedSignal {
  /** `${kind} ${origin}`, e.g. `robots-txt https://cdn.example`. */
  key: string;
  fetchedAt: number;
  value: unknown;
}

interface HeedDB extends DBSchema {
  items: { key: string; value: ManifestItem; indexes: { collectedAt: string; pageUrl: string } };
  blobs: { key: string; value: Blob };
  jobs: { key: string; value: Job; indexes: { tabId: number } };
  siteCache: { key: string; value: CachedSignal };
  meta: { key: string; value: unknown };
}

export type HeedDatabase = IDBPDatabase<HeedDB>;

const DB_NAME = 'heed';

/**
 * Upgrade steps, in order: step i moves the schema from version i to i+1. Versions only move
 * forward; a browser holding a newer database than this build refuses to open it (VersionError).
 */
const UPGRADES: ((db: IDBPDatabase<HeedDB>) => void)[] = [
  (db) => {
    const items = db.createObjectStore('items', { keyPath: 'sha256' });
    items.createIndex('collectedAt', 'collectedAt');
    items.createIndex('pageUrl', 'pageUrl');
    db.createObjectStore('blobs');
    db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('tabId', 'tabId');
    db.createObjectStore('siteCache', { keyPath: 'key' });
    db.createObjectStore('meta');
  },
];

export const DB_VERSION = UPGRADES.length;

/** Open (and migrate) Heed's database. The only `openDB` call in the project. */
export function openHeedDB(name = DB_NAME): Promise<HeedDatabase> {
  return openDB<HeedDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      for (let v = oldVersion; v < DB_VERSION; v++) {
        try {
          UPGRADES[v]!(db);
        } catch (err) {
          throw new Error(`Heed database upgrade to version ${v + 1} failed: ${String(err)}`);
        }
      }
    },
  });
}

/** Store a permitted item and its bytes in one transaction; false if the hash is already stored. */
export async function putItem(db: HeedDatabase, item: ManifestItem, blob: Blob): Promise<boolean> {
  const tx = db.transaction(['items', 'blobs'], 'readwrite');
  const existing = await tx.objectStore('items').get(item.sha256);
  if (existing) {
    await tx.done;
    return false;
  }
  await Promise.all([tx.objectStore('items').put(item), tx.objectStore('blobs').put(blob, item.sha256), tx.done]);
  return true;
}

/** Whether an image with this SHA-256 is already stored. */
export async function hasItem(db: HeedDatabase, sha256: string): Promise<boolean> {
  return (await db.count('items', sha256)) > 0;
}

/** All stored items (metadata only, no blobs). */
export function listItems(db: HeedDatabase): Promise<ManifestItem[]> {
  return db.getAll('items');
}

/** The stored bytes of one item. */
export function getBlob(db: HeedDatabase, sha256: string): Promise<Blob | undefined> {
  return db.get('blobs', sha256);
}

/** Delete an item and its bytes together. */
export async function deleteItem(db: HeedDatabase, sha256: string): Promise<void> {
  const tx = db.transaction(['items', 'blobs'], 'readwrite');
  await Promise.all([tx.objectStore('items').delete(sha256), tx.objectStore('blobs').delete(sha256), tx.done]);
}

export function putJob(db: HeedDatabase, job: Job): Promise<string> {
  return db.put('jobs', job);
}

export function getJob(db: HeedDatabase, id: string): Promise<Job | undefined> {
  return db.get('jobs', id);
}

/** The most recent job for a tab, if any. */
export async function latestJobForTab(db: HeedDatabase, tabId: number): Promise<Job | undefined> {
  const jobs = await db.getAllFromIndex('jobs', 'tabId', tabId);
  return jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

/** Jobs left `running` (e.g. by a killed service worker), to resume. */
export async function runningJobs(db: HeedDatabase): Promise<Job[]> {
  return (await db.getAll('jobs')).filter((j) => j.state === 'running');
}

/** A cached per-origin signal younger than `maxAgeMs`, else undefined. */
export async function getCachedSignal(db: HeedDatabase, key: string, maxAgeMs: number, now: number): Promise<unknown> {
  const hit = await db.get('siteCache', key);
  return hit && now - hit.fetchedAt <= maxAgeMs ? hit.value : undefined;
}

export async function putCachedSignal(db: HeedDatabase, key: string, value: unknown, now: number): Promise<void> {
  await db.put('siteCache', { key, fetchedAt: now, value });
}

const TALLY_KEY = 'tally';

/** Running counts of refusals and failures, for the manifest summary. */
export async function getTally(db: HeedDatabase): Promise<DecisionTally> {
  const raw = (await db.get('meta', TALLY_KEY)) as DecisionTally | undefined;
  return raw ?? { refused: {}, failed: {} };
}

/** Add one job's refusals and failures to the running tally. */
export async function addToTally(db: HeedDatabase, verdicts: readonly Verdict[]): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const tally = ((await tx.store.get(TALLY_KEY)) as DecisionTally | undefined) ?? { refused: {}, failed: {} };
  for (const v of verdicts) {
    const bucket = v.decision === 'refused' ? tally.refused : v.decision === 'failed' ? tally.failed : null;
    if (!bucket) continue;
    for (const r of v.reasons) (bucket as Record<string, number>)[r] = ((bucket as Record<string, number>)[r] ?? 0) + 1;
  }
  await Promise.all([tx.store.put(tally, TALLY_KEY), tx.done]);
}

const SETTINGS_KEY = 'settings';

export function getRawSettings(db: HeedDatabase): Promise<unknown> {
  return db.get('meta', SETTINGS_KEY);
}

export async function putRawSettings(db: HeedDatabase, settings: unknown): Promise<void> {
  await db.put('meta', settings, SETTINGS_KEY);
}
