import type { HeedDatabase } from './db';
import { pendingWithdrawals } from '../policy/pending-withdrawals';

/**
 * How long Heed keeps what it learnt about pages the user merely browsed (DESIGN.md §3): the
 * tab's last collect (its job and verdicts, refused and failed included) and the signal files
 * of the site cache. Stored (permitted) items are the user's dataset and are never expired.
 */
export const HISTORY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** How often the background sweeps (an alarm; also on worker start, on a new collect, on tab close). */
export const SWEEP_EVERY_MS = 30 * 60 * 1000;

export interface Forgotten {
  /** Finished collects deleted, each with its job record and verdicts. */
  collects: number;
  /** Signal files (robots.txt, tdmrep, ai.txt, RSL…) deleted from the site cache. */
  siteFiles: number;
}

interface JobKey {
  id: string;
  tabId: number;
  createdAt: string;
}

/**
 * The collects a sweep may forget, read from the [tabId, createdAt] index alone (no job record):
 * every collect but a tab's last, a collect older than `cutoff`, and one of a tab no longer open.
 */
function forgettable(jobs: readonly JobKey[], cutoff: string | null, openTabs: ReadonlySet<number> | undefined): string[] {
  const lastOfTab = new Map<number, JobKey>();
  for (const j of jobs) lastOfTab.set(j.tabId, j); // index order: by tab, then createdAt
  return jobs
    .filter((j) => lastOfTab.get(j.tabId) !== j || (cutoff !== null && j.createdAt < cutoff) || (openTabs !== undefined && !openTabs.has(j.tabId)))
    .map((j) => j.id);
}

/**
 * Delete the given collects (job and verdicts) and the site-cache files fetched before
 * `siteCutoff` or after `siteFuture` (all of them when `siteCutoff` is null; one stamped after
 * now was stored under a clock set ahead, and would otherwise outlive 24 h), in one transaction. A running job is never deleted,
 * whatever the rule said: it is checked inside the same transaction, so the collector cannot
 * start or finish it in between (it would lose its resumable state).
 */
async function forget(db: HeedDatabase, pick: (jobs: JobKey[]) => string[], siteCutoff: number | null, siteFuture: number | null = null): Promise<Forgotten> {
  const tx = db.transaction(['jobs', 'verdicts', 'siteCache'], 'readwrite');
  const jobs = tx.objectStore('jobs');
  const keys: JobKey[] = [];
  for (let c = await jobs.index('tabCreated').openKeyCursor(); c; c = await c.continue()) {
    const [tabId, createdAt] = c.key;
    keys.push({ id: c.primaryKey, tabId, createdAt });
  }
  let collects = 0;
  for (const id of pick(keys)) {
    const job = await jobs.get(id);
    if (!job || job.state === 'running') continue;
    // Decision (DESIGN.md §2, the reading that cannot keep what the owner refused; §3, only permitted
    // items are stored): a collect that ended in error, or was cancelled while no loop ran it, may
    // have recorded a refusal of an image it stored and stopped before taking it out; the next worker
    // start carries that out from the job's verdicts (collector.ts resumeAll, db.ts jobsToResume,
    // pendingWithdrawals) and marks it `withdrawalsSettled`. Forgotten
    // before then (a new collect on the same tab sweeps at once, and so does Clear history), the refusal
    // went with it and the refused image stayed in the collection for good. Such a job is kept until
    // settled; one with nothing to take out is forgotten as before.
    if ((job.state === 'error' || job.state === 'cancelled') && job.withdrawalsSettled !== true) {
      const recorded = await tx.objectStore('verdicts').getAll(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
      if (pendingWithdrawals(job.candidates ?? [], recorded).length > 0) continue;
    }
    await jobs.delete(id);
    await tx.objectStore('verdicts').delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
    collects++;
  }
  const cache = tx.objectStore('siteCache');
  let siteFiles = 0;
  if (siteCutoff === null) {
    siteFiles = await cache.count();
    await cache.clear();
  } else {
    const old = await cache.index('fetchedAt').getAllKeys(IDBKeyRange.upperBound(siteCutoff, true));
    const future = siteFuture === null ? [] : await cache.index('fetchedAt').getAllKeys(IDBKeyRange.lowerBound(siteFuture, true));
    for (const key of [...old, ...future]) await cache.delete(key);
    siteFiles = old.length + future.length;
    // A record whose time is missing or not one IndexedDB indexes (undefined, null, NaN, an
    // object: damaged, or written by something else) is left out of the fetchedAt index read
    // above: it was never deleted, and outlived 24 h for good. Such records are looked for only
    // when the store holds more records than its index (no walk otherwise); every other time
    // that is not a number (a string, a Date) sorts after all numbers and went with `future`.
    if ((await cache.count()) !== (await cache.index('fetchedAt').count())) {
      for (let c = await cache.openCursor(); c; c = await c.continue()) {
        const at: unknown = c.value.fetchedAt;
        if (typeof at === 'number' && !Number.isNaN(at)) continue;
        await c.delete();
        siteFiles++;
      }
    }
  }
  await tx.done;
  return { collects, siteFiles };
}

/**
 * The sweep. Deletes what would pass 24 h before the next sweep (`sweepEveryMs` from now), so
 * nothing outlives 24 h while the browser runs; `openTabs`, when known, also forgets the collects
 * of tabs that are gone (the popup can no longer show them).
 */
export function expireHistory(
  db: HeedDatabase,
  opts: { now: number; sweepEveryMs?: number; openTabs?: ReadonlySet<number> },
): Promise<Forgotten> {
  const cutoffMs = opts.now - HISTORY_MAX_AGE_MS + (opts.sweepEveryMs ?? SWEEP_EVERY_MS);
  const cutoff = new Date(cutoffMs).toISOString();
  return forget(db, (jobs) => forgettable(jobs, cutoff, opts.openTabs), cutoffMs, opts.now);
}

/** The channel "Clear history" tells the worker on that the site cache is gone (origin-signals.ts listen). */
export const SITE_CACHE_CLEARED_CHANNEL = 'heed-site-cache-cleared';

/** Tell every Heed context that the site cache was cleared (a no-op where BroadcastChannel is missing). */
export function announceSiteCacheCleared(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(SITE_CACHE_CLEARED_CHANNEL);
  channel.postMessage('cleared');
  channel.close();
}

/**
 * "Clear history" in settings: every finished collect and its verdicts, and the whole site cache.
 * The worker is told (announceSiteCacheCleared), so that it forgets the files it shares in memory
 * too: the next collect reads each site's files again, as the user asked.
 */
export async function clearHistory(db: HeedDatabase): Promise<Forgotten> {
  const forgotten = await forget(db, (jobs) => jobs.map((j) => j.id), null);
  announceSiteCacheCleared();
  return forgotten;
}
