import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Collector } from '@/entrypoints/background/collector';
import { chosenImage } from '@/utils/policy/image-to-judge';
import type { OriginSignals } from '@/entrypoints/background/origin-signals';
import { getBlob, getJob, listItems, listVerdicts, openHeedDB, putJob, recordVerdict, type HeedDatabase, type Job } from '@/utils/store/db';
import { parseSettings, type Settings } from '@/utils/model/settings';
import { framesOfReport } from '@/utils/page/received-signals';
import { ImageCandidateSchema, type ImageCandidate } from '@/utils/policy/verdict';
import { makeItem } from '../ui/library-fixtures';
import { assessPage } from '@/utils/policy/assess';
import { originFiles } from '../policy/fixtures/origin-files';

// The judge stands in for fetching and deciding (judge-image.ts): it refuses an image shown in a
// frame whose robots metas say noai and permits (stores) any other, so these tests see what the
// collector hands it and what it does with the verdicts.
const judging = vi.hoisted(() => ({ gate: null as Promise<void> | null, started: () => undefined as void }));
vi.mock('@/entrypoints/background/judge-image', () => ({
  judgeImage: async (_origins: unknown, candidate: ImageCandidate) => {
    // A test can hold the judge midway (an image's request in flight), after seeing what it was handed.
    const frames = candidate.frames;
    judging.started();
    if (judging.gate) await judging.gate;
    candidate = { ...candidate, frames };
    const optedOut = (candidate.frames ?? []).some((f) => f.metas.some((m) => /noai/.test(m.content)));
    const base = { url: candidate.url, licence: null, evidence: [] };
    if (optedOut) return { verdict: { ...base, sha256: null, decision: 'refused', reasons: ['meta-robots'] } };
    const record = makeItem(1, { url: candidate.url });
    return { verdict: { ...base, sha256: record.sha256, decision: 'permitted', reasons: [] }, item: { record, bytes: new Uint8Array([1, 2, 3]) } };
  },
}));

// The tab's frames as the watch finds them (scan-tab.ts): a test says which frames the tab has and
// what scanning them reports; by default the tab cannot be scripted (as the fake browser).
const tab = vi.hoisted(() => ({
  frames: null as { frameId: number; documentId: string; url: string }[] | null,
  scans: new Map<string, unknown[]>(),
  /** What each frame document's scan says of itself (scan-tab.ts childReports). */
  reports: new Map<string, unknown>(),
  watched: [] as string[],
}));
vi.mock('@/entrypoints/background/scan-tab', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/entrypoints/background/scan-tab')>();
  return {
    ...actual,
    listFrames: async () => {
      if (!tab.frames) throw new Error('Cannot access contents of the page');
      return { frames: tab.frames, complete: true };
    },
    scanFrames: async (_tabId: number, frames: { frameId: number; documentId: string }[]) => {
      const candidates = frames.flatMap((f) => (tab.scans.get(f.documentId) ?? []) as ImageCandidate[]);
      return { page: null, candidates, limits: [], reportedByFrame: new Map(frames.map((f) => [f.frameId, ((tab.scans.get(f.documentId) ?? []) as ImageCandidate[]).map((c) => c.url)])), frameSignals: new Map(), childReports: new Map(frames.flatMap((f) => (tab.reports.has(f.documentId) ? [[f.frameId, tab.reports.get(f.documentId)]] : []))), silentFrames: 0 };
    },
    startWatcher: async (_tabId: number, _jobId: string, frames: { documentId: string }[]) => {
      tab.watched.push(...frames.map((f) => f.documentId));
    },
  };
});
vi.mock('@/entrypoints/background/cross-origin-sheets', () => ({ readCrossOriginSheets: async () => new Map() }));

let n = 0;
const noOrigins = {} as OriginSignals;

/** The collector's check before it reads a page's cross-origin sheets (private: reached as the start of a collect reaches it). */
async function knownBlocked(pageUrl: string, settings: Settings): Promise<boolean> {
  const db = await openHeedDB(`collector-known-blocked-${++n}`);
  const collector = new Collector(db, noOrigins, async () => ({ ok: true, settings }) as never);
  return (collector as unknown as { knownBlocked(tabId: number, pageUrl: string, settings: Settings): Promise<boolean> }).knownBlocked(7, pageUrl, settings);
}

// The collector skips reading a blocked page's cross-origin stylesheets (no requests on a site it
// refuses). Its shortcut read the page's own host only: the Wayback Machine's copy of a Pinterest
// page — which the decision reads as Pinterest's (site-registry.ts archivedSiteEvidence) — was not
// known blocked, and its sheets were requested.
describe('knownBlocked (before the cross-origin sheets are read)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a Wayback Machine copy of a blocked site is known blocked, as the decision reads it', async () => {
    expect(await knownBlocked('https://web.archive.org/web/20200101000000/https://www.pinterest.com/pin/1/', parseSettings({}))).toBe(true);
    expect(await knownBlocked('https://web.archive.org/web/2020/https://museum.example/', parseSettings({ userBlock: ['museum.example'] }))).toBe(true);
  });

  it('a page the registry and lists do not cover is not known blocked', async () => {
    expect(await knownBlocked('https://web.archive.org/web/2020/https://museum.example/', parseSettings({}))).toBe(false);
    expect(await knownBlocked('https://www.pinterest.com/pin/1/', parseSettings({}))).toBe(true);
  });
});

// "Collect while scrolling": each frame's watcher reports the images new to it, and the worker
// added to the job only images new to the job. The same image shown again in another frame — a
// frame whose metas say noai — was dropped as already known, so that frame's refusal never
// applied: the image was stored. Collect's one-shot scan merges every frame's report of an image
// (scan-tab.ts), and so must the watch.
describe('a watching collect, when a frame reports an image the job already has', () => {
  const SETTINGS = parseSettings({});
  // The job's site as the collector stored it (assessPage's whole assessment: job-policy.ts isWholeAssessment).
  const FEED_SITE = assessPage({
    page: { url: 'https://feed.example/', title: 'Feed', metas: [], tdm: {}, rsl: [], licence: { pageUrl: 'https://feed.example/', licences: [], rslLinks: [], imageObjects: [], unreadable: [], truncated: false } },
    headers: {},
    origin: originFiles('https://feed.example'),
  }, SETTINGS);
  const URL_X = 'https://cdn.example/x.jpg';
  const NOAI_FRAME = framesOfReport({ url: 'https://widgets.example/embed', metas: [{ name: 'robots', content: 'noai' }] });
  let db: HeedDatabase;
  let collector: Collector;
  let job: Job;

  beforeEach(async () => {
    fakeBrowser.reset();
    tab.frames = null;
    tab.scans = new Map();
    tab.reports = new Map();
    tab.watched = [];
    // The frame's response headers are read again: none here.
    vi.stubGlobal('fetch', async () => new Response(null, { status: 200 }));
    db = await openHeedDB(`collector-watch-${++n}`);
    collector = new Collector(db, noOrigins, async () => ({ ok: true, settings: SETTINGS }));
    job = {
      id: `job-${n}`, tabId: 5, pageUrl: 'https://feed.example/', pageTitle: 'Feed', state: 'running', createdAt: new Date().toISOString(),
      candidates: [ImageCandidateSchema.parse({ url: URL_X })], site: FEED_SITE, error: null, watching: true, settings: SETTINGS, notes: [],
    };
    await putJob(db, job);
  });
  afterEach(() => vi.unstubAllGlobals());

  /** The job's verdicts once there are `count` of them (or what there is after a second). */
  async function verdictsOnce(count: number) {
    for (let i = 0; i < 100; i++) {
      const v = await listVerdicts(db, job.id);
      if (v.length >= count) return v.map((s) => s.verdict);
      await new Promise((r) => setTimeout(r, 10));
    }
    return (await listVerdicts(db, job.id)).map((s) => s.verdict);
  }
  const run = () => (collector as unknown as { run(jobId: string): void }).run(job.id);
  const reportFromFrame = () => collector.addCandidates(job.id, job.tabId, [{ url: URL_X }], null, { frameId: 3, signals: NOAI_FRAME, page: null });

  // A frame nested in another frame: its watcher's later report named the frames above it, but
  // only their sites bound its images — an ad frame whose metas say noai, showing a creative
  // frame that says nothing, had the images the creative loaded while scrolling kept (DESIGN.md
  // §2 rule 3; received-signals.ts framesOfReports).
  it.each([
    ['noai', true],
    ['index', false],
  ])('an image a nested frame loads later answers to the frame above it the watch scanned (its metas say %s; refused: %s)', async (content, refused) => {
    const AD = 'https://ads.example/slot.html';
    const URL_Y = 'https://cdn.example/y.jpg';
    tab.frames = [{ frameId: 0, documentId: 'top', url: job.pageUrl }, { frameId: 1, documentId: 'ad', url: AD }];
    tab.reports.set('ad', { url: AD, metas: [{ name: 'robots', content }], ancestors: [] });
    await collector.coverFrames(job.id);
    await collector.addCandidates(job.id, job.tabId, [{ url: URL_Y }], null, { frameId: 2, report: { url: 'https://cdn.example/creative.html', metas: [], ancestors: ['https://ads.example/'] }, page: null });
    run();
    const verdicts = await verdictsOnce(2);
    const judged = verdicts.find((v) => v.url === URL_Y);
    expect(judged).toBeDefined();
    expect(judged?.decision === 'refused').toBe(refused);
  });

  it('the frame above navigated since the watch scanned it: the nested frame’s later image answers to its new document', async () => {
    const AD = 'https://ads.example/slot.html';
    const URL_Y = 'https://cdn.example/y.jpg';
    tab.frames = [{ frameId: 0, documentId: 'top', url: job.pageUrl }, { frameId: 1, documentId: 'ad-1', url: AD }];
    tab.reports.set('ad-1', { url: AD, metas: [], ancestors: [] });
    await collector.coverFrames(job.id);
    tab.frames = [{ frameId: 0, documentId: 'top', url: job.pageUrl }, { frameId: 1, documentId: 'ad-2', url: AD }];
    tab.reports.set('ad-2', { url: AD, metas: [{ name: 'robots', content: 'noai' }], ancestors: [] });
    await collector.addCandidates(job.id, job.tabId, [{ url: URL_Y }], null, { frameId: 2, report: { url: 'https://cdn.example/creative.html', metas: [], ancestors: ['https://ads.example/'] }, page: null });
    run();
    const verdicts = await verdictsOnce(2);
    expect(verdicts.find((v) => v.url === URL_Y)?.decision).toBe('refused');
  });

  it('reported again by a frame whose metas say noai before it was decided, it is judged under that frame too: refused, nothing stored', async () => {
    await reportFromFrame();
    run();
    const verdicts = await verdictsOnce(1);
    await new Promise((r) => setTimeout(r, 50)); // any further verdict is in by now
    const all = (await listVerdicts(db, job.id)).map((s) => s.verdict);
    expect(verdicts.length).toBeGreaterThan(0);
    expect(all.map((v) => v.decision)).not.toContain('permitted');
    expect(await listItems(db)).toEqual([]);
  });

  it('reported again by a frame whose metas say noai after it was stored, it is judged again under it: refused, and taken out of the collection with a note', async () => {
    run();
    expect((await verdictsOnce(1)).map((v) => v.decision)).toEqual(['permitted']);
    expect(await listItems(db)).toHaveLength(1);
    await reportFromFrame();
    const verdicts = await verdictsOnce(2);
    expect(verdicts.map((v) => v.decision)).toEqual(['permitted', 'refused']);
    // The item is taken out after the refusal is written (collector.ts withdraw): wait for it.
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.notes?.join(' ')).toMatch(/removed from your collection/), { timeout: 2000 });
    expect(await listItems(db)).toEqual([]);
  });

  // Withdrawing deleted the item by its SHA-256, whoever else kept it: another collect that found
  // the same bytes on a page that permits them had recorded them as a `duplicate` (nothing stored
  // of its own), and lost them with this job's refusal (DESIGN.md §1: nothing lost).
  it('withdrawn after another collect kept the same bytes (a duplicate its own page permitted), the item stays, its record that collect’s page, never this job’s', async () => {
    const events: unknown[] = [];
    const channel = new BroadcastChannel('heed-library');
    channel.onmessage = (e) => events.push(e.data);
    try {
      run();
      expect((await verdictsOnce(1)).map((v) => v.decision)).toEqual(['permitted']);
      const other = makeItem(1, { url: 'https://mirror.example/x.jpg', finalUrl: 'https://mirror.example/x.jpg', pageUrl: 'https://mirror.example/gallery', pageTitle: 'Mirror' });
      const recorded = await recordVerdict(db, { jobId: 'other-job', index: 0, seq: 0 }, { url: other.url, decision: 'permitted', reasons: [], licence: null, sha256: other.sha256, evidence: [] }, { record: other, bytes: new Uint8Array([1, 2, 3]) });
      expect(recorded.decision).toBe('duplicate');
      await reportFromFrame();
      expect((await verdictsOnce(2)).map((v) => v.decision)).toEqual(['permitted', 'refused']);
      await vi.waitFor(async () => expect((await getJob(db, job.id))?.notes?.length).toBeGreaterThan(0), { timeout: 2000 });
      const items = await listItems(db);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ pageUrl: 'https://mirror.example/gallery', url: 'https://mirror.example/x.jpg' });
      expect((await getJob(db, job.id))?.notes?.join(' ')).toMatch(/another collect kept the same images/);
      expect(await getBlob(db, other.sha256)).toBeDefined();
      // The library page re-reads the changed record.
      await vi.waitFor(() => expect(events).toContainEqual({ type: 'items-removed', keys: [other.sha256] }), { timeout: 2000 });
    } finally {
      channel.close();
    }
  });

  it('withdrawn with no other collect keeping it, the item is deleted and open library pages hear items-removed', async () => {
    const events: unknown[] = [];
    const channel = new BroadcastChannel('heed-library');
    channel.onmessage = (e) => events.push(e.data);
    try {
      run();
      const [first] = await verdictsOnce(1);
      await reportFromFrame();
      await verdictsOnce(2);
      await vi.waitFor(async () => expect(await listItems(db)).toEqual([]), { timeout: 2000 });
      await vi.waitFor(() => expect(events).toContainEqual({ type: 'items-removed', keys: [first!.sha256] }), { timeout: 2000 });
    } finally {
      channel.close();
    }
  });

  // The refusal of an image stored earlier was written, then the worker stopped before it took the
  // image out (collector.ts withdraw runs after the verdict's commit): on resume every candidate had
  // a verdict, nothing ran again, and the refused bytes stayed in the collection for good.
  it('the worker stopped between a refusal and the withdrawal it calls for: on resume the image is taken out', async () => {
    const record = makeItem(1, { url: URL_X });
    const permitted = { url: URL_X, licence: null, evidence: [], sha256: record.sha256, decision: 'permitted' as const, reasons: [] };
    await putJob(db, { ...job, watching: false, candidates: [ImageCandidateSchema.parse({ url: URL_X }), ImageCandidateSchema.parse({ url: URL_X, frames: NOAI_FRAME })] });
    await recordVerdict(db, { jobId: job.id, index: 0, seq: 0 }, permitted, { record, bytes: new Uint8Array([1, 2, 3]) });
    await recordVerdict(db, { jobId: job.id, index: 1, seq: 1 }, { ...permitted, sha256: null, decision: 'refused', reasons: ['meta-robots'] });
    expect(await listItems(db)).toHaveLength(1);
    await collector.resumeAll();
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.state).toBe('done'), { timeout: 2000 });
    expect(await listItems(db)).toEqual([]);
    expect(await getBlob(db, record.sha256)).toBeUndefined();
  });

  // The withdrawal a stopped worker left undone ran only after the job's policy was read: when the
  // stored settings had become unusable since (or the job could not be re-assessed), the job ended
  // in error first, and the refused image stayed in the collection for good (an ended job is never
  // resumed).
  it('the worker stopped between a refusal and its withdrawal, and the settings became unusable since: on resume the image is still taken out', async () => {
    const record = makeItem(1, { url: URL_X });
    const permitted = { url: URL_X, licence: null, evidence: [], sha256: record.sha256, decision: 'permitted' as const, reasons: [] };
    await putJob(db, { ...job, watching: false, candidates: [ImageCandidateSchema.parse({ url: URL_X }), ImageCandidateSchema.parse({ url: URL_X, frames: NOAI_FRAME })] });
    await recordVerdict(db, { jobId: job.id, index: 0, seq: 0 }, permitted, { record, bytes: new Uint8Array([1, 2, 3]) });
    await recordVerdict(db, { jobId: job.id, index: 1, seq: 1 }, { ...permitted, sha256: null, decision: 'refused', reasons: ['meta-robots'] });
    const unusable = new Collector(db, noOrigins, async () => ({ ok: false, problem: 'future-version', message: 'Heed’s settings were saved by a newer Heed' }));
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined); // the ended job stops its watcher
    await unusable.resumeAll();
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.state).toBe('error'), { timeout: 2000 });
    expect(await listItems(db)).toEqual([]);
    expect(await getBlob(db, record.sha256)).toBeUndefined();
  });

  // A job that ended in error (a storage failure while it withdrew an image a later report refused)
  // is never resumed: the withdrawal it left undone never ran, and the refused image stayed stored.
  it('a job that ended in error with a withdrawal left undone: at the worker’s start the image is taken out', async () => {
    const record = makeItem(1, { url: URL_X });
    const permitted = { url: URL_X, licence: null, evidence: [], sha256: record.sha256, decision: 'permitted' as const, reasons: [] };
    await putJob(db, { ...job, watching: false, state: 'error', error: 'QuotaExceededError', candidates: [ImageCandidateSchema.parse({ url: URL_X }), ImageCandidateSchema.parse({ url: URL_X, frames: NOAI_FRAME })] });
    await recordVerdict(db, { jobId: job.id, index: 0, seq: 0 }, permitted, { record, bytes: new Uint8Array([1, 2, 3]) });
    await recordVerdict(db, { jobId: job.id, index: 1, seq: 1 }, { ...permitted, sha256: null, decision: 'refused', reasons: ['meta-robots'] });
    await collector.resumeAll();
    await vi.waitFor(async () => expect(await listItems(db)).toEqual([]), { timeout: 2000 });
    expect(await getBlob(db, record.sha256)).toBeUndefined();
    expect((await getJob(db, job.id))?.state).toBe('error');
  });

  it('a job that ended in error is reconciled once, not at every start of the worker', async () => {
    await putJob(db, { ...job, watching: false, state: 'error', error: 'QuotaExceededError' });
    await collector.resumeAll();
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.withdrawalsSettled).toBe(true), { timeout: 2000 });
    expect((await getJob(db, job.id))?.state).toBe('error');
  });

  it('unchanged: a job that ended in error keeps what no refusal withdrew', async () => {
    const record = makeItem(1, { url: URL_X });
    const permitted = { url: URL_X, licence: null, evidence: [], sha256: record.sha256, decision: 'permitted' as const, reasons: [] };
    await putJob(db, { ...job, watching: false, state: 'error', error: 'QuotaExceededError' });
    await recordVerdict(db, { jobId: job.id, index: 0, seq: 0 }, permitted, { record, bytes: new Uint8Array([1, 2, 3]) });
    await collector.resumeAll();
    await new Promise((r) => setTimeout(r, 50));
    expect((await listItems(db)).map((i) => i.sha256)).toEqual([record.sha256]);
  });

  // Cancel on a job no loop of this worker runs (its worker stopped between a refusal and the
  // withdrawal it calls for) marked it cancelled at once: a cancelled job is never resumed, nor was
  // it reconciled at the worker's start as a job ended in error is, so the refused image stayed stored.
  it('a job cancelled while its worker was stopped, with a withdrawal left undone: at the worker’s start the image is taken out', async () => {
    const record = makeItem(1, { url: URL_X });
    const permitted = { url: URL_X, licence: null, evidence: [], sha256: record.sha256, decision: 'permitted' as const, reasons: [] };
    await putJob(db, { ...job, watching: false, candidates: [ImageCandidateSchema.parse({ url: URL_X }), ImageCandidateSchema.parse({ url: URL_X, frames: NOAI_FRAME })] });
    await recordVerdict(db, { jobId: job.id, index: 0, seq: 0 }, permitted, { record, bytes: new Uint8Array([1, 2, 3]) });
    await recordVerdict(db, { jobId: job.id, index: 1, seq: 1 }, { ...permitted, sha256: null, decision: 'refused', reasons: ['meta-robots'] });
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined); // cancel stops the tab's watcher
    expect(await collector.cancel(job.id)).toBe(true);
    expect((await getJob(db, job.id))?.state).toBe('cancelled');
    await collector.resumeAll();
    await vi.waitFor(async () => expect(await listItems(db)).toEqual([]), { timeout: 2000 });
    expect(await getBlob(db, record.sha256)).toBeUndefined();
    expect((await getJob(db, job.id))?.state).toBe('cancelled');
  });

  it('unchanged: a cancelled job keeps what no refusal withdrew', async () => {
    const record = makeItem(1, { url: URL_X });
    const permitted = { url: URL_X, licence: null, evidence: [], sha256: record.sha256, decision: 'permitted' as const, reasons: [] };
    await putJob(db, { ...job, watching: false, state: 'cancelled' });
    await recordVerdict(db, { jobId: job.id, index: 0, seq: 0 }, permitted, { record, bytes: new Uint8Array([1, 2, 3]) });
    await collector.resumeAll();
    await new Promise((r) => setTimeout(r, 50));
    expect((await listItems(db)).map((i) => i.sha256)).toEqual([record.sha256]);
  });

  // The job's site assessment (its page origin's robots.txt, ai.txt and RSL readings) was kept for
  // as long as the settings stayed the same: a job resumed two days after it began (the browser was
  // closed mid-collect) decided its images under readings older than DESIGN.md §2 rule 2's 24 h.
  it('a job resumed more than a day after its site was assessed reads the site again before deciding: none left to read, it stops and stores nothing', async () => {
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000).toISOString();
    await putJob(db, { ...job, watching: false, createdAt: twoDaysAgo });
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined); // the ended job stops its watcher
    await collector.resumeAll();
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.state).toBe('error'), { timeout: 2000 });
    expect((await getJob(db, job.id))?.error).toMatch(/more than a day old/);
    expect(await listItems(db)).toEqual([]);
  });

  it('unchanged: a job resumed within a day of its site assessment decides under it and stores its permitted image once', async () => {
    await putJob(db, { ...job, watching: false, candidates: [ImageCandidateSchema.parse({ url: URL_X }), ImageCandidateSchema.parse({ url: URL_X })], siteAssessedAt: Date.now() - 23 * 3_600_000 });
    await collector.resumeAll();
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.state).toBe('done'), { timeout: 2000 });
    const verdicts = (await listVerdicts(db, job.id)).map((v) => v.verdict.decision).sort();
    expect(verdicts).toEqual(['duplicate', 'permitted']);
    expect((await listItems(db)).map((i) => i.url)).toEqual([URL_X]);
  });

  // A damaged verdict record among the image's (its verdict lost) made the withdrawal throw: the job
  // ended in error and the refused image stayed stored.
  it('a damaged verdict record of the image does not stop its withdrawal', async () => {
    const record = makeItem(1, { url: URL_X });
    const permitted = { url: URL_X, licence: null, evidence: [], sha256: record.sha256, decision: 'permitted' as const, reasons: [] };
    await putJob(db, { ...job, watching: false, candidates: [0, 1, 2].map(() => ImageCandidateSchema.parse({ url: URL_X })) });
    await db.put('verdicts', { jobId: job.id, index: 0, seq: 0 } as never);
    await recordVerdict(db, { jobId: job.id, index: 1, seq: 1 }, permitted, { record, bytes: new Uint8Array([1, 2, 3]) });
    await recordVerdict(db, { jobId: job.id, index: 2, seq: 2 }, { ...permitted, sha256: null, decision: 'refused', reasons: ['meta-robots'] });
    await collector.resumeAll();
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.state).not.toBe('running'), { timeout: 2000 });
    expect(await listItems(db)).toEqual([]);
    expect((await getJob(db, job.id))?.state).toBe('done');
  });

  // A report the full job could not take marks the image's candidates as shown in a frame Heed did not
  // read, then withdraws what the job stored of it (collector.ts leftOut): a worker stopped between
  // the two left the image stored, every candidate decided, and nothing on resume took it out.
  it('the worker stopped after a full job marked a stored image unread, before it withdrew it: on resume the image is taken out', async () => {
    const record = makeItem(1, { url: URL_X });
    const unread = { url: 'about:blank', metas: [], tdm: {}, owners: null, headersUnread: 'the image was shown again after this collect was full; that report was not read' };
    await recordVerdict(db, { jobId: job.id, index: 0, seq: 0 }, { url: URL_X, licence: null, evidence: [], sha256: record.sha256, decision: 'permitted', reasons: [] }, { record, bytes: new Uint8Array([1, 2, 3]) });
    await putJob(db, { ...job, watching: false, candidates: [ImageCandidateSchema.parse({ url: URL_X, frames: [unread] })] });
    await collector.resumeAll();
    await vi.waitFor(async () => expect((await getJob(db, job.id))?.state).toBe('done'), { timeout: 2000 });
    expect(await listItems(db)).toEqual([]);
  });

  // "Collect while scrolling" gave a watcher to the frames there when the watch began only: a frame
  // the page added later was never read, so an image shown both in it and in the top page was
  // judged as the top page's alone — the frame's refusal (its metas saying noai, a blocked site's
  // frame) never applied, and the image was stored.
  describe('a frame the page added after the watch began', () => {
    const URL_Y = 'https://cdn.example/y.jpg';
    const inNoaiFrame = (url: string) => ImageCandidateSchema.parse({ url, frames: NOAI_FRAME });
    const fromTop = (url: string) => collector.addCandidates(job.id, job.tabId, [{ url }], null, { frameId: 0, signals: null, page: job.pageUrl });

    it('an image the top page reports while that frame shows it too is judged under the frame’s refusal: refused, nothing stored; the frame gets a watcher', async () => {
      tab.frames = [{ frameId: 0, documentId: 'doc-top', url: job.pageUrl }, { frameId: 9, documentId: 'doc-late', url: 'https://widgets.example/embed' }];
      tab.scans.set('doc-late', [inNoaiFrame(URL_Y)]);
      await fromTop(URL_Y);
      run();
      await verdictsOnce(2);
      await new Promise((r) => setTimeout(r, 50));
      const y = (await listVerdicts(db, job.id)).map((s) => s.verdict).filter((v) => v.url === URL_Y);
      expect(y.length).toBeGreaterThan(0);
      expect(y.map((v) => v.decision).every((d) => d === 'refused')).toBe(true);
      expect(tab.watched).toEqual(['doc-late']);
    });

    it('added after the image was stored, the next frame check reads it: its refusal takes the image out of the collection', async () => {
      run();
      expect((await verdictsOnce(1)).map((v) => v.decision)).toEqual(['permitted']);
      tab.frames = [{ frameId: 0, documentId: 'doc-top', url: job.pageUrl }, { frameId: 9, documentId: 'doc-late', url: 'https://widgets.example/embed' }];
      tab.scans.set('doc-late', [inNoaiFrame(URL_X)]);
      await collector.coverFrames(job.id);
      expect((await verdictsOnce(2)).map((v) => v.decision)).toEqual(['permitted', 'refused']);
      await vi.waitFor(async () => expect(await listItems(db)).toEqual([]), { timeout: 2000 });
    });

    it('a frame already covered is not scanned again; a frame that navigated (a new document) is', async () => {
      tab.frames = [{ frameId: 0, documentId: 'doc-top', url: job.pageUrl }, { frameId: 9, documentId: 'doc-late', url: 'https://widgets.example/embed' }];
      await collector.coverFrames(job.id);
      await collector.coverFrames(job.id);
      expect(tab.watched).toEqual(['doc-late']);
      tab.frames = [tab.frames[0]!, { frameId: 9, documentId: 'doc-later', url: 'https://widgets.example/other' }];
      await collector.coverFrames(job.id);
      expect(tab.watched).toEqual(['doc-late', 'doc-later']);
    });
  });

  it('reported again while it is being judged, it is judged again under that frame before its verdict is written', async () => {
    let release = () => undefined as void;
    judging.gate = new Promise<void>((r) => (release = r));
    const started = new Promise<void>((r) => (judging.started = r));
    try {
      run();
      await started; // the first judgement has begun, without the frame
      judging.gate = null;
      await reportFromFrame();
      release();
      const verdicts = await verdictsOnce(2);
      expect(verdicts.map((v) => v.decision)).toEqual(['refused', 'refused']);
      expect(await listItems(db)).toEqual([]);
    } finally {
      judging.gate = null;
      judging.started = () => undefined;
      release();
    }
  });

  it('reported again when the job is full, the report is not lost: what the job stored of the image is taken out, and it fails closed', async () => {
    const filler = Array.from({ length: 19_999 }, (_, i) => ImageCandidateSchema.parse({ url: `https://cdn.example/f${i}.jpg` }));
    await putJob(db, { ...job, candidates: [...job.candidates, ...filler] });
    const record = makeItem(1, { url: URL_X });
    await recordVerdict(db, { jobId: job.id, index: 0, seq: 0 }, { url: URL_X, decision: 'permitted', reasons: [], licence: null, sha256: record.sha256, evidence: [] }, { record, bytes: new Uint8Array([1]) });
    expect(await listItems(db)).toHaveLength(1);
    expect(await reportFromFrame()).toBe(0);
    expect(await listItems(db)).toEqual([]);
    const after = await getJob(db, job.id);
    expect(after?.candidates).toHaveLength(20_000);
    expect(after?.candidates[0]?.frames?.some((f) => f.headersUnread !== undefined)).toBe(true);
    expect(after?.notes?.join(' ')).toMatch(/removed from your collection/);
  });

  it('reported again with nothing new (the top frame, the same frame’s signals), it is not judged again', async () => {
    run();
    await verdictsOnce(1);
    expect(await collector.addCandidates(job.id, job.tabId, [{ url: URL_X }], null, { frameId: 0, signals: null, page: job.pageUrl })).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((await listVerdicts(db, job.id)).map((s) => s.verdict.decision)).toEqual(['permitted']);
  });
});

// "Collect this image" (the context menu) on an image inside a frame: the collect scans the tab
// and judges the one image, as the scan reported it. When the scan did not report it from that
// frame (the frame did not answer in time, or its scanner missed the image), the image was judged
// as the top page's alone — the frame it was chosen in, a blocked site's or one whose metas say
// noai, was nowhere in its record, and its refusal was lost.
describe('collecting one chosen image (context menu) inside a frame', () => {
  const URL_X = 'https://cdn.example/x.jpg';
  const FRAME = { url: 'https://www.pinterest.com/pin/1/', metas: [], tdm: {} };
  type Clicked = { frameId: number; frameUrl?: string; signals?: (typeof FRAME)[] };
  const chosen = (candidates: ImageCandidate[], clicked: Clicked) => [chosenImage(candidates, URL_X, clicked)];

  it('the frame it was chosen in is among the places it was found, whatever the scan reported', () => {
    expect(chosen([], { frameId: 4, frameUrl: FRAME.url, signals: [FRAME] })[0]?.frames).toEqual([FRAME]);
    expect(chosen([ImageCandidateSchema.parse({ url: URL_X })], { frameId: 4, frameUrl: FRAME.url, signals: [FRAME] })[0]?.frames).toEqual([FRAME]);
  });
  it('a frame whose scan answer Heed does not have is recorded as unread: the image fails closed', () => {
    const [c] = chosen([], { frameId: 4, frameUrl: FRAME.url });
    expect(c?.frames?.[0]).toMatchObject({ url: FRAME.url });
    expect(c?.frames?.[0]?.headersUnread).toBeDefined();
  });
  it('chosen in the top page, it is as the scan reported it', () => {
    expect(chosen([], { frameId: 0, frameUrl: 'https://feed.example/' })[0]?.frames).toBeUndefined();
  });
});
