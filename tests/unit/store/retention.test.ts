import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  getBlob, getRawSettings, getTally, listItems, listVerdicts, openHeedDB, putCachedSignal, putJob, putRawSettings, recordVerdict, getJob,
  type HeedDatabase, type Job,
} from '../../../utils/store/db';
import { clearHistory, expireHistory, HISTORY_MAX_AGE_MS } from '../../../utils/store/retention';
import type { Verdict } from '../../../utils/policy/verdict';
import { makeItem } from '../ui/library-fixtures';

let n = 0;
const NOW = Date.UTC(2026, 5, 1, 12);
const HOUR = 3_600_000;
const verdict = (url: string, decision: Verdict['decision'], reasons: Verdict['reasons'] = []): Verdict => ({ url, decision, reasons, licence: null, sha256: null, evidence: [] });

function job(id: string, tabId: number, ageMs: number, state: Job['state'] = 'done'): Job {
  return { id, tabId, pageUrl: `https://${id}.test/`, pageTitle: id, state, createdAt: new Date(NOW - ageMs).toISOString(), candidates: [], site: null, error: null };
}

/** A job with a permitted (stored) image, a refused one and a failed one. */
async function collected(db: HeedDatabase, j: Job, itemNo: number): Promise<void> {
  await putJob(db, j);
  const item = makeItem(itemNo);
  await recordVerdict(db, { jobId: j.id, index: 0, seq: 0 }, { ...verdict(item.url, 'permitted'), sha256: item.sha256 }, { record: item, bytes: new TextEncoder().encode(`bytes ${itemNo}`) });
  await recordVerdict(db, { jobId: j.id, index: 1, seq: 1 }, verdict(`https://${j.id}.test/refused.png`, 'refused', ['robots-disallow']));
  await recordVerdict(db, { jobId: j.id, index: 2, seq: 2 }, verdict(`https://${j.id}.test/failed.png`, 'failed', ['fetch-failed']));
}

const has = async (db: HeedDatabase, id: string) => ({ job: (await getJob(db, id)) !== undefined, verdicts: (await listVerdicts(db, id)).length });

describe('history expiry (DESIGN.md §3: nothing about pages merely browsed outlives 24 h)', () => {
  it('forgets a finished collect older than 24 h with its verdicts; stored items, their bytes, settings and tally stay', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await putRawSettings(db, { version: 1 });
    await collected(db, job('old', 1, HISTORY_MAX_AGE_MS + HOUR), 1);
    await collected(db, job('young', 2, HOUR), 2);
    const tally = await getTally(db);
    await expireHistory(db, { now: NOW });
    expect(await has(db, 'old')).toEqual({ job: false, verdicts: 0 });
    expect(await has(db, 'young')).toEqual({ job: true, verdicts: 3 });
    expect((await listItems(db)).map((i) => i.sha256).sort()).toEqual([makeItem(1).sha256, makeItem(2).sha256]);
    expect(await getBlob(db, makeItem(1).sha256)).toBeDefined();
    expect(await getRawSettings(db)).toEqual({ version: 1 });
    expect(await getTally(db)).toEqual(tally);
  });

  it('nothing outlives 24 h between two sweeps: what would pass 24 h before the next sweep goes now', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await collected(db, job('nearly', 1, HISTORY_MAX_AGE_MS - 10 * 60_000), 1);
    await putCachedSignal(db, 'robots-txt https://nearly.test', { body: 'User-agent: *' }, NOW - (HISTORY_MAX_AGE_MS - 10 * 60_000));
    await expireHistory(db, { now: NOW, sweepEveryMs: HOUR });
    expect(await has(db, 'nearly')).toEqual({ job: false, verdicts: 0 });
    expect(await db.count('siteCache')).toBe(0);
  });

  it('keeps only the tab’s last collect: an earlier finished one is forgotten at once', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await collected(db, job('first', 7, 2 * HOUR), 1);
    await collected(db, job('second', 7, HOUR), 2);
    await collected(db, job('other-tab', 8, 3 * HOUR), 3);
    await expireHistory(db, { now: NOW });
    expect(await has(db, 'first')).toEqual({ job: false, verdicts: 0 });
    expect(await has(db, 'second')).toEqual({ job: true, verdicts: 3 });
    expect(await has(db, 'other-tab')).toEqual({ job: true, verdicts: 3 });
  });

  it('forgets the finished collects of tabs that are no longer open', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await collected(db, job('open', 1, HOUR), 1);
    await collected(db, job('closed', 2, HOUR), 2);
    await expireHistory(db, { now: NOW, openTabs: new Set([1]) });
    expect(await has(db, 'open')).toEqual({ job: true, verdicts: 3 });
    expect(await has(db, 'closed')).toEqual({ job: false, verdicts: 0 });
  });

  it('never touches a running (resumable) job, however old, superseded or tab-less', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await collected(db, job('running', 3, 5 * HISTORY_MAX_AGE_MS, 'running'), 1);
    await collected(db, job('later', 3, HOUR), 2);
    await expireHistory(db, { now: NOW, openTabs: new Set() });
    expect(await has(db, 'running')).toEqual({ job: true, verdicts: 3 });
    expect((await getJob(db, 'running'))?.state).toBe('running');
  });

  it('deletes site-cache signal files older than 24 h and keeps fresh ones', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await putCachedSignal(db, 'robots-txt https://old.test', { body: 'x' }, NOW - HISTORY_MAX_AGE_MS - HOUR);
    await putCachedSignal(db, 'ai-txt https://old.test', { body: 'x' }, NOW - 2 * HISTORY_MAX_AGE_MS);
    await putCachedSignal(db, 'robots-txt https://fresh.test', { body: 'y' }, NOW - HOUR);
    expect(await expireHistory(db, { now: NOW })).toEqual({ collects: 0, siteFiles: 2 });
    expect(await db.getAllKeys('siteCache')).toEqual(['robots-txt https://fresh.test']);
  });

  it('deletes site-cache signal files stamped in the future (stored under a clock set ahead)', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await putCachedSignal(db, 'robots-txt https://ahead.test', { body: 'x' }, NOW + 365 * HISTORY_MAX_AGE_MS);
    await putCachedSignal(db, 'robots-txt https://fresh.test', { body: 'y' }, NOW - HOUR);
    expect(await expireHistory(db, { now: NOW })).toEqual({ collects: 0, siteFiles: 1 });
    expect(await db.getAllKeys('siteCache')).toEqual(['robots-txt https://fresh.test']);
  });

  // A record whose time is missing or not a number (damaged, or written by something else) is
  // not in the fetchedAt index the sweep reads: it was never deleted, and outlived 24 h for good.
  it('deletes site-cache records whose time is missing, null, NaN, an object or true', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    const times: unknown[] = [undefined, null, Number.NaN, { at: NOW }, true];
    for (const [i, fetchedAt] of times.entries()) await db.put('siteCache', { key: `origin-files/2 https://undated-${i}.test`, value: { origin: `https://undated-${i}.test` }, fetchedAt } as never);
    await putCachedSignal(db, 'robots-txt https://fresh.test', { body: 'y' }, NOW - HOUR);
    expect(await expireHistory(db, { now: NOW })).toEqual({ collects: 0, siteFiles: times.length });
    expect(await db.getAllKeys('siteCache')).toEqual(['robots-txt https://fresh.test']);
  });
});

describe('Clear history', () => {
  it('clears the site cache, every finished collect and its verdicts; never stored items, settings or a running job', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await putRawSettings(db, { version: 1 });
    await collected(db, job('done', 1, HOUR), 1);
    await collected(db, job('cancelled', 2, HOUR, 'cancelled'), 2);
    await collected(db, job('running', 3, HOUR, 'running'), 3);
    await putCachedSignal(db, 'robots-txt https://fresh.test', { body: 'y' }, NOW);
    expect(await clearHistory(db)).toEqual({ collects: 2, siteFiles: 1 });
    expect(await has(db, 'done')).toEqual({ job: false, verdicts: 0 });
    expect(await has(db, 'cancelled')).toEqual({ job: false, verdicts: 0 });
    expect(await has(db, 'running')).toEqual({ job: true, verdicts: 3 });
    expect(await db.count('siteCache')).toBe(0);
    expect(await listItems(db)).toHaveLength(3);
    expect(await getBlob(db, makeItem(2).sha256)).toBeDefined();
    expect(await getRawSettings(db)).toEqual({ version: 1 });
  });
});

describe('history expiry never forgets a withdrawal left undone', () => {
  /** A watching collect that stored an image, then recorded a refusal of it where it was shown again, and ended in error before the withdrawal ran. */
  async function endedBeforeWithdrawal(db: HeedDatabase, id: string, tabId: number, ageMs: number, settled = false, state: Job['state'] = 'error'): Promise<string> {
    const item = makeItem(40);
    const j: Job = { ...job(id, tabId, ageMs, state), candidates: [{ url: item.url } as Job['candidates'][number], { url: item.url } as Job['candidates'][number]], ...(settled ? { withdrawalsSettled: true as const } : {}) };
    await putJob(db, j);
    await recordVerdict(db, { jobId: id, index: 0, seq: 0 }, { ...verdict(item.url, 'permitted'), sha256: item.sha256 }, { record: item, bytes: new TextEncoder().encode('bytes 40') });
    await recordVerdict(db, { jobId: id, index: 1, seq: 1 }, verdict(item.url, 'refused', ['meta-robots']));
    return item.sha256;
  }

  it('keeps a collect that ended in error with a refusal whose withdrawal has not run, even when superseded, old or tab-less', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await endedBeforeWithdrawal(db, 'pending', 5, 2 * HISTORY_MAX_AGE_MS);
    await collected(db, job('next', 5, HOUR), 1);
    await expireHistory(db, { now: NOW, openTabs: new Set() });
    expect(await has(db, 'pending')).toEqual({ job: true, verdicts: 2 });
    expect(await clearHistory(db)).toEqual({ collects: 0, siteFiles: 0 });
    expect(await has(db, 'pending')).toEqual({ job: true, verdicts: 2 });
  });

  it('keeps a collect cancelled with a refusal whose withdrawal has not run (cancelled while its worker was stopped)', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await endedBeforeWithdrawal(db, 'cancelled-pending', 6, 2 * HISTORY_MAX_AGE_MS, false, 'cancelled');
    await collected(db, job('next', 6, HOUR), 1);
    await expireHistory(db, { now: NOW, openTabs: new Set() });
    expect(await has(db, 'cancelled-pending')).toEqual({ job: true, verdicts: 2 });
  });

  it('unchanged: forgets a collect that ended in error once its withdrawals are settled, or with none to carry out', async () => {
    const db = await openHeedDB(`retention-${++n}`);
    await endedBeforeWithdrawal(db, 'settled', 5, HOUR, true);
    await collected(db, job('failed-plain', 5, 2 * HOUR, 'error'), 2);
    await collected(db, job('next', 5, 0), 1);
    await expireHistory(db, { now: NOW });
    expect(await has(db, 'settled')).toEqual({ job: false, verdicts: 0 });
    expect(await has(db, 'failed-plain')).toEqual({ job: false, verdicts: 0 });
  });
});
