import { keepsImage, pendingWithdrawals } from '@/utils/policy/pending-withdrawals';
import { countVerdicts, getJob, withdrawClaims, latestJobForTab, listVerdicts, nextVerdictSeq, putJob, jobsToResume, verdictsAt, VerdictWriter, type HeedDatabase, type Job } from '@/utils/store/db';
import { cleanText } from '@/utils/scan/text';
import type { PageAssessment } from '@/utils/policy/assess';
import { announceItemsAdded, announceItemsRemoved } from '@/utils/messages/library-events';
import { announceJobChanged } from '@/utils/messages/job-events';
import { GLOBAL_REQUESTS, IMAGES_IN_HAND, interleaveByKey, KeyedLimiter } from '@/utils/net/limiter';
import type { JobView } from '@/utils/messages/messages';
import { originOf } from '@/utils/signals/origin-files';
import { scanLimitNote, type ScanLimit } from '@/utils/scan/options';
import type { Settings, SettingsForDeciding } from '@/utils/model/settings';
import { MAX_PAGE_URL, pageUrlTooLong } from '@/utils/model/page-url';
import { assessmentFresh, nextPolicyStep } from '@/utils/policy/job-policy';
import { pageSiteEvidence } from '@/utils/policy/site-registry';
import { ImageCandidateSchema, withFrame, withReportOf, type FrameOfImage, type ImageCandidate, type Verdict } from '@/utils/policy/verdict';
import { chosenImage } from '@/utils/policy/image-to-judge';
import type { ScannedFrameSignals } from '@/utils/page/page-signals';
import { framesOfReports } from '@/utils/page/received-signals';
import { assessSite } from './site-assessment';
import { getTabState } from './tab-state';
import type { FetchSlot } from './gather-image';
import { judgeImage } from './judge-image';
import { expireNow } from './history-expiry';
import type { OriginSignals } from './origin-signals';
import { readCrossOriginSheets } from './cross-origin-sheets';
import { addFrameHeaders } from './frame-headers';
import { listFrames, NAVIGATED_ERROR, scanFrames, scanOptionsFor, scanTab, silentFramesNote, startWatcher, stillShowing, stopWatcher, withReported, type TabFrame, type TabScanOptions } from './scan-tab';
import { keepResuming } from './alarms';

/** What the job's images are decided under (null settings: a job an earlier Heed stored). */
interface JobPolicy {
  settings: Settings | null;
  site: PageAssessment;
  /** When `site` was assessed (job-policy.ts assessmentFresh: it stands 24 h at most). */
  assessedAt: number;
}

/** The job cannot go on under its policy (unusable settings): it ends with this message. */
class PolicyStop extends Error {}

/** A request not made because its job was cancelled while it waited for a slot. */
class CancelledBeforeRequest extends Error {}
/** A request not made because the job's policy changed while it waited for a slot. */
class PolicyChanged extends Error {}
/** A job never grows past this many candidates, however long the feed. */
const MAX_CANDIDATES = 20_000;
/** Built when first needed: `toLocaleString` starts number formatting, ~0.5 ms of each worker start (issue 17). */
const jobFullNote = () => `This collect reached ${MAX_CANDIDATES.toLocaleString('en')} images, the most one collect holds: images the page shows after that are not added.`;
/** How often a watching collect looks for frames the page added (Collector.coverFrames), besides on each report. */
const FRAME_CHECK_MS = 3_000;
/** Why an image stored earlier in a watching collect left the library (Collector.withdraw). */
const WITHDRAWN_NOTE =
  'Images stored earlier in this collect were found again in another part of the page (a frame) that does not permit them, or where Heed could not check them: they were removed from your collection. Their latest verdicts say why.';
/** Why an image this collect kept stayed in the library after it was withdrawn (Collector.withdraw). */
const WITHDRAWN_KEPT_NOTE =
  'Images kept earlier in this collect were found again in another part of the page (a frame) that does not permit them, or where Heed could not check them; another collect kept the same images from a page that permits them, so they stay in your collection under that collect’s page, not this one.';

/**
 * Where each image of a job was reported last: the index of its latest candidate, the candidate
 * merging every report of it (verdict.ts withReportOf), and every index it has in the job.
 */
interface ImageReports {
  latest: ImageCandidate;
  indices: number[];
}

/** The reports of each image URL of `candidates`, the later ones merging the earlier (addCandidates appends them so). */
function reportsOf(candidates: readonly ImageCandidate[]): Map<string, ImageReports> {
  const byUrl = new Map<string, ImageReports>();
  candidates.forEach((c, index) => {
    const known = byUrl.get(c.url);
    if (known) {
      known.latest = withReportOf(known.latest, c);
      known.indices.push(index);
    } else byUrl.set(c.url, { latest: c, indices: [index] });
  });
  return byUrl;
}

/** The popup's view of a job: counts, and the verdicts completed after `sinceSeq`. */
export async function jobView(db: HeedDatabase, job: Job, sinceSeq = -1): Promise<JobView> {
  const verdicts = await listVerdicts(db, job.id, sinceSeq);
  return {
    id: job.id,
    state: job.state,
    watching: job.watching === true,
    pageUrl: job.pageUrl,
    found: job.candidates.length,
    checked: await countVerdicts(db, job.id),
    lastSeq: verdicts.at(-1)?.seq ?? sinceSeq,
    verdicts: verdicts.map((v) => v.verdict),
    error: job.error,
    notes: job.notes ?? [],
  };
}


function storageError(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  return name === 'QuotaExceededError'
    ? 'The browser’s storage for Heed is full: the collect stopped; everything stored so far is kept.'
    : err instanceof PolicyStop
      ? `${err.message} Everything stored before is kept.`
      : err instanceof Error
      ? err.message
      : String(err);
}

/**
 * Collect jobs: scan, assess, store. Each verdict is written with its item in one transaction
 * (utils/store/db.ts VerdictWriter: verdicts ready together share one), so a worker stopped
 * mid-job resumes with the candidates that have no verdict yet: nothing lost, nothing stored or
 * reported twice.
 */
export class Collector {
  private readonly cancelled = new Set<string>();
  /** Jobs whose withdrawals left undone by an earlier worker were carried out by this one (process). */
  private readonly reconciled = new Set<string>();
  private readonly active = new Map<string, Promise<void>>();
  private readonly rerun = new Set<string>();
  /** Job record updates run one at a time per job (the loop and new candidates both write). */
  private readonly jobWrites = new Map<string, Promise<unknown>>();
  /** The stored settings object each job policy was last found to match (currentPolicy). */
  private readonly confirmed = new WeakMap<JobPolicy, Settings>();
  /**
   * Per running job, each image's reports (reportsOf): written by addCandidates as it changes the
   * job's candidates (in the same synchronous step), read by process, which judges every image
   * under its latest report and judges it again when one arrives before its verdict is recorded.
   */
  private readonly reports = new Map<string, Map<string, ImageReports>>();
  /** Per watching job, the frame documents scanned and given a watcher (coverFrames); forgotten with the worker: then every frame is scanned once more. */
  private readonly watchedDocs = new Map<string, Set<string>>();
  /**
   * Per watching job, what each child frame scanned said of itself (frame id → its report): the
   * frames above a frame that reports or is scanned later are found among them (received-signals.ts
   * framesOfReports). Forgotten with the worker, as watchedDocs: every frame is then scanned again.
   */
  private readonly frameReports = new Map<string, Map<number, ScannedFrameSignals>>();
  /** Per watching job, the frame check running (coverFrames runs one at a time per job). */
  private readonly covering = new Map<string, Promise<number>>();

  constructor(
    private readonly db: HeedDatabase,
    private readonly origins: OriginSignals,
    private readonly loadSettings: () => Promise<SettingsForDeciding>,
  ) {}

  /**
   * Start a collect on a tab (or, with `onlyUrl`, of one image on it). On a blocked site every
   * image is refused at once, and nothing is stored.
   */
  async start(tabId: number, options: { onlyUrl?: string; frameId?: number; frameUrl?: string; watch?: boolean } = {}): Promise<Job> {
    const tab = await browser.tabs.get(tabId);
    const pageUrl = tab.url ?? '';
    const job: Job = {
      id: crypto.randomUUID(),
      tabId,
      pageUrl,
      // The tab's title is the page's text: capped as the scanner caps it (Firefox does not cap
      // it; a megabyte-long title was copied into every stored item).
      pageTitle: cleanText(tab.title ?? '', 2000),
      state: 'running',
      createdAt: new Date().toISOString(),
      candidates: [],
      site: null,
      error: null,
      watching: options.watch === true && !options.onlyUrl,
      ...(options.onlyUrl ? { onlyImage: true } : {}),
    };
    let watchOptions: TabScanOptions = { options: {}, perFrame: new Map() };
    let scanned = new Map<number, ScannedFrameSignals>();
    let frames: TabFrame[] = [];
    try {
      if (!/^https?:/.test(pageUrl)) throw new Error('Heed collects from web pages (http or https) only');
      const tooLong = pageUrlTooLong(pageUrl);
      if (tooLong) throw new Error(tooLong);
      const loaded = await this.loadSettings();
      if (!loaded.ok) throw new Error(loaded.message);
      const settings = loaded.settings;
      job.settings = settings;
      // The documents this collect reads: the main frame's must be the page the user asked for
      // and stay so until it is assessed (DESIGN.md §2 "one page"). Fail closed: any change of
      // document (a navigation, a reload of the same URL) or of address (history.pushState, a
      // #fragment) between Collect and the assessment discards the scan.
      const listed = await listFrames(tabId);
      frames = listed.frames;
      const main = frames.find((f) => f.frameId === 0);
      if (!main || main.url !== pageUrl) throw new Error(NAVIGATED_ERROR);
      const scanOptions: TabScanOptions = { options: scanOptionsFor(settings, !!options.onlyUrl), perFrame: new Map() };
      // One chosen image needs its context only, and a blocked site is refused whatever its
      // sheets say: no extra requests for the page's stylesheets then.
      if (!options.onlyUrl && !(await this.knownBlocked(tabId, pageUrl, settings))) {
        scanOptions.perFrame = await readCrossOriginSheets(tabId, frames.map((f) => f.documentId));
      }
      const { page, candidates, limits, reportedByFrame, frameSignals, childReports, silentFrames } = await scanTab(tabId, frames, scanOptions);
      scanned = childReports;
      if (page.url !== pageUrl) throw new Error(NAVIGATED_ERROR);
      // The watcher starts from what this scan reported: an image arriving in between is new to it.
      watchOptions = withReported(scanOptions, reportedByFrame);
      job.notes = [...limits.map(scanLimitNote), ...(silentFrames > 0 ? [silentFramesNote(silentFrames)] : listed.complete ? [] : [silentFramesNote('some')])];
      // The one image chosen, in the document it was chosen in, with what that frame's scan sent (policy/image-to-judge.ts chosenImage).
      job.candidates = options.onlyUrl ? [chosenImage(candidates, options.onlyUrl, { frameId: options.frameId, frameUrl: options.frameUrl, signals: options.frameId === undefined ? undefined : frameSignals.get(options.frameId) })] : candidates;
      job.pageTitle = page.title || job.pageTitle;
      job.page = page;
      const site = await assessSite(this.origins, tabId, pageUrl, page, settings);
      job.site = site;
      job.siteAssessedAt = Date.now();
      // The page's headers are read from what the tab loaded: the document must still be the one scanned.
      if (!(await stillShowing(tabId, main))) throw new Error(NAVIGATED_ERROR);
      // The opt-out headers of the frames the images were found in; none requested on a blocked site.
      if (site.status !== 'blocked') await addFrameHeaders(job.candidates);
    } catch (err) {
      job.state = 'error';
      job.error = err instanceof Error ? err.message : String(err);
      job.candidates = []; // a discarded scan leaves nothing to decide
    }
    if (job.state !== 'running' || (job.site as PageAssessment).status === 'blocked') job.watching = false;
    await putJob(this.db, job);
    announceJobChanged(job.id);
    // The tab's earlier collect can no longer be shown: its verdicts go now (DESIGN.md §3).
    void expireNow(this.db).catch((err: unknown) => console.error('Heed: expiry', err));
    if (job.state === 'running') {
      this.run(job.id);
      await keepResuming();
      if (job.watching) {
        this.watchedDocs.set(job.id, new Set(frames.map((f) => f.documentId)));
        this.frameReports.set(job.id, scanned);
        await startWatcher(tabId, job.id, frames, watchOptions).catch((err: unknown) => console.error('Heed: watch', err));
        this.keepCovering(job.id);
      }
    }
    return job;
  }

  /**
   * Give the frames a watching collect's page added since the watch began (or that navigated: a
   * new document) what the collect's start gave its frames: a scan, whose reports join the job
   * (addReports: an image it shows that the job has is judged again under it, and withdrawn if it
   * refuses), then a watcher. Run before each report is added (addCandidates), so an image the top
   * page reports while such a frame shows it too is judged under that frame's refusal, and every
   * FRAME_CHECK_MS while the job watches (keepCovering), for a frame added after the image was
   * stored (withdraw then takes it out). Before, only the frames there when the watch began had a
   * watcher: a frame added later was never read, and an image shown both in it and in the top page
   * was kept against its refusal. One check at a time per job. Returns how many images were new to
   * the job.
   */
  async coverFrames(jobId: string): Promise<number> {
    const previous = this.covering.get(jobId) ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.coverFramesNow(jobId));
    this.covering.set(jobId, next);
    try {
      return await next;
    } finally {
      if (this.covering.get(jobId) === next) this.covering.delete(jobId);
    }
  }

  private async coverFramesNow(jobId: string): Promise<number> {
    const job = await getJob(this.db, jobId);
    if (!job?.watching || job.state !== 'running' || !job.settings) {
      this.watchedDocs.delete(jobId);
      this.frameReports.delete(jobId);
      return 0;
    }
    const listed = await listFrames(job.tabId).catch(() => null);
    if (!listed) return 0; // the tab is gone or cannot be scripted: the watch ends with it
    let watched = this.watchedDocs.get(jobId);
    if (!watched) this.watchedDocs.set(jobId, (watched = new Set()));
    // The main frame's document is the job's page: a new one is a navigation, which ends the watch.
    const fresh = listed.frames.filter((f) => f.frameId !== 0 && !watched.has(f.documentId));
    if (fresh.length === 0) return 0;
    for (const f of fresh) watched.add(f.documentId);
    const options: TabScanOptions = { options: scanOptionsFor(job.settings, false), perFrame: await readCrossOriginSheets(job.tabId, fresh.map((f) => f.documentId)).catch(() => new Map()) };
    let known = this.frameReports.get(jobId);
    if (!known) this.frameReports.set(jobId, (known = new Map()));
    const scan = await scanFrames(job.tabId, fresh, options, known);
    for (const [frameId, report] of scan.childReports) known.set(frameId, report);
    // Their response headers, as for the frames of the collect's scan.
    await addFrameHeaders(scan.candidates);
    const notes = [...scan.limits.map(scanLimitNote), ...(scan.silentFrames > 0 ? [silentFramesNote(scan.silentFrames)] : [])];
    const added = await this.addReports(jobId, job.tabId, scan.candidates, notes, { top: false });
    await startWatcher(job.tabId, jobId, fresh, withReported(options, scan.reportedByFrame)).catch((err: unknown) => console.error('Heed: watch', err));
    return added;
  }

  /** The frames a watching job's frame `frameId` shows its images in, from its `report` and what the frames scanned before said (frameReports). */
  private framesShownIn(jobId: string, frameId: number | undefined, report: ScannedFrameSignals): FrameOfImage[] {
    const id = frameId ?? -1; // a frame the sender did not name: matched as none of the known
    return framesOfReports(new Map([...(this.frameReports.get(jobId) ?? []), [id, report]])).get(id)!;
  }

  /** Check for new frames every FRAME_CHECK_MS while the job watches (coverFrames); ends with the watch or the worker. */
  private keepCovering(jobId: string): void {
    setTimeout(() => {
      void getJob(this.db, jobId)
        .then(async (job) => {
          if (!job?.watching || job.state !== 'running') return;
          await this.coverFrames(jobId).catch((err: unknown) => console.error('Heed: watch frames', err));
          this.keepCovering(jobId);
        })
        .catch(() => undefined);
    }, FRAME_CHECK_MS);
  }

  /**
   * Whether the site is blocked before the page is scanned: by the user's list or the registry,
   * or by the page's own signals when the tab already reported them (the badge's assessment,
   * its origin files cached).
   */
  private async knownBlocked(tabId: number, pageUrl: string, settings: Settings): Promise<boolean> {
    // The decision's own reading of the page's site (a Wayback copy is the archived site's), not a narrower copy of it.
    if (pageSiteEvidence(pageUrl, settings.purpose, settings).some((e) => e.effect === 'deny')) return true;
    try {
      const state = await getTabState(tabId);
      if (!state?.signals || state.pageUrl !== pageUrl || state.signals.url !== pageUrl) return false;
      return (await assessSite(this.origins, tabId, pageUrl, state.signals, settings)).status === 'blocked';
    } catch {
      return false; // not known yet: the collect's own assessment decides, after the scan
    }
  }

  async cancel(jobId: string): Promise<boolean> {
    const job = await getJob(this.db, jobId);
    if (!job || job.state !== 'running') return false;
    this.cancelled.add(jobId);
    await stopWatcher(job.tabId);
    // A job whose worker was stopped has no loop to notice; mark it here.
    if (!this.active.has(jobId)) await this.updateJob(jobId, (j) => ({ ...j, state: 'cancelled', watching: false }));
    return true;
  }

  /**
   * Images the page's scroll watcher found; `limit`: a cap its rescans now stop at, noted for
   * the user; `from`: the frame that sent them, with what its document (and a siteless frame's
   * writer: received-signals.ts framesOfReport) says of itself. A child
   * frame's images carry that frame, and its response headers are read, as in the collect's scan
   * (DESIGN.md §2 rule 3): judged as the top page's, a frame's noimageai was lost. A child frame
   * that sent no readable signals has its images dropped (fail closed). `from.page`: the address
   * the top frame's watcher read them at; one that is not the job's page (the page changed its
   * address: pushState, before the tab's update reached the worker) ends the watch and its images
   * are dropped — DESIGN.md §2 "one job, one page": the job's page signals speak for its page
   * only. Returns how many were new to the job.
   *
   * An image the job already has, reported again with something new (another frame it is shown
   * in, other markup around it), is merged as Collect's scan merges frames (verdict.ts
   * withReportOf) and added again as a candidate of its own, carrying every report so far: it is
   * judged again under all of them (process), and if that verdict does not permit it, what this
   * job stored of it earlier is taken out of the collection (withdraw). Decision (DESIGN.md §2,
   * the reading that cannot keep what the owner refused): an image is judged under the strictest
   * of all the places it was found, whenever they are found; before, such a report was dropped as
   * "already known", and a blocked site's frame, or a frame whose metas say noai, showing an image
   * the top page showed first never refused it. Re-reports count toward the job's cap; one the
   * cap leaves out withdraws what the job stored of that image, and fails it closed if not yet
   * decided (it is judged then under a frame whose headers went unread).
   */
  async addCandidates(
    jobId: string,
    tabId: number,
    raw: readonly unknown[],
    limit: ScanLimit | null = null,
    from: { frameId?: number; signals?: readonly FrameOfImage[] | null; report?: ScannedFrameSignals | null; page?: string | null } = { frameId: 0, signals: null },
  ): Promise<number> {
    const top = from.frameId === 0;
    // Frames the page added since the watch began (or since the last report) are scanned first,
    // and their reports merged, so an image this report shows is judged under them too
    // (coverFrames), and the frames above the reporting one are read as they are now.
    await this.coverFrames(jobId).catch((err: unknown) => console.error('Heed: watch frames', err));
    const parsed: ImageCandidate[] = [];
    // What the frame's watcher sent of itself, read with the frames above it that the watch
    // scanned (received-signals.ts framesOfReports): their opt-outs bind the images too.
    const signals = from.report && !top ? this.framesShownIn(jobId, from.frameId, from.report) : (from.signals ?? null);
    if (top || signals) {
      for (const r of raw.slice(0, MAX_CANDIDATES)) {
        const c = ImageCandidateSchema.safeParse(r);
        if (!c.success) continue;
        if (!top && signals) c.data.frames = signals.reduce<FrameOfImage[] | undefined>(withFrame, c.data.frames);
        parsed.push(c.data);
      }
      if (!top) await addFrameHeaders(parsed);
    }
    return this.addReports(jobId, tabId, parsed, limit ? [scanLimitNote(limit)] : [], { top, page: from.page });
  }

  /**
   * Reports of images to add to a watching job (addCandidates): each new image, or one the job has
   * with something new, becomes a candidate; `extraNotes`: what the report's scan could not cover.
   * `from.top`: the report is the top frame's (dropped when its address is not the job's page).
   */
  private async addReports(jobId: string, tabId: number, parsed: readonly ImageCandidate[], extraNotes: readonly string[], from: { top: boolean; page?: string | null | undefined }): Promise<number> {
    const { top } = from;
    let added = 0;
    let otherPage = false;
    /** Images already in the job whose new report the cap left out: what was stored of them goes. */
    const leftOut: string[] = [];
    const written = this.updateJob(jobId, (job) => {
      if (job.tabId !== tabId || job.state !== 'running' || !job.watching) return job;
      if (top && from.page !== job.pageUrl) {
        otherPage = true;
        return job;
      }
      const reports = this.reportsFor(job);
      const fresh: ImageCandidate[] = [];
      /** What changes in `reports` once the job is written with `fresh`. */
      const changes = new Map<string, ImageReports>();
      const current = (url: string) => changes.get(url) ?? reports.get(url);
      for (const c of parsed) {
        const known = current(c.url);
        const report = known ? withReportOf(known.latest, c) : c;
        if (known && report === known.latest) continue; // nothing new: the same report again
        if (job.candidates.length + fresh.length >= MAX_CANDIDATES) {
          if (known) leftOut.push(c.url);
          continue;
        }
        const index = job.candidates.length + fresh.length;
        // The same image twice in this batch: its later report replaces the earlier, not yet added.
        const batched = changes.get(c.url)?.indices.at(-1);
        if (batched !== undefined && batched >= job.candidates.length) fresh[batched - job.candidates.length] = report;
        else fresh.push(report);
        changes.set(c.url, { latest: report, indices: batched !== undefined && batched >= job.candidates.length ? known!.indices : [...(known?.indices ?? []), index] });
      }
      added = fresh.length;
      // The page's watcher stops reporting at the job's cap, so reaching it is what to tell.
      const full = (added > 0 || leftOut.length > 0) && job.candidates.length + added >= MAX_CANDIDATES;
      const notes = [...(job.notes ?? [])];
      for (const note of [full ? jobFullNote() : null, ...extraNotes]) if (note && !notes.includes(note)) notes.push(note);
      if (!added && notes.length === (job.notes ?? []).length) return job;
      // Known to the worker at once (process judges an image again when a report of it arrives
      // before its verdict is written); forgotten if the write fails, and read again from the job.
      for (const [url, r] of changes) reports.set(url, r);
      return { ...job, candidates: [...job.candidates, ...fresh], notes };
    });
    await written.catch((err: unknown) => {
      this.reports.delete(jobId);
      throw err;
    });
    if (otherPage) await this.stopWatching(jobId);
    // Fail closed: a report the job cannot take (its cap) is not silently lost. What the job stored
    // of that image is withdrawn; a candidate of it not yet decided carries an unread frame.
    if (leftOut.length > 0) await this.leftOut(jobId, leftOut);
    if (added > 0) this.run(jobId);
    return added;
  }

  /** Each image's reports for a running job (reportsOf), kept while the job runs. */
  private reportsFor(job: Job): Map<string, ImageReports> {
    let reports = this.reports.get(job.id);
    if (!reports) {
      reports = reportsOf(job.candidates);
      this.reports.set(job.id, reports);
    }
    return reports;
  }

  /**
   * Images reported again past the job's cap (addCandidates): what the job stored of them is
   * withdrawn, and their candidates not yet decided are marked as shown in a frame Heed could
   * not read, so they are refused (assess.ts `headersUnread`).
   */
  private async leftOut(jobId: string, urls: readonly string[]): Promise<void> {
    const unread = { url: 'about:blank', metas: [], tdm: {}, owners: null, headersUnread: 'the image was shown again after this collect was full; that report was not read' };
    await this.updateJob(jobId, (job) => {
      const reports = this.reportsFor(job);
      const candidates = [...job.candidates];
      for (const url of new Set(urls)) {
        const r = reports.get(url);
        if (!r) continue;
        r.latest = { ...r.latest, frames: withFrame(r.latest.frames, unread) };
        for (const i of r.indices) candidates[i] = { ...candidates[i]!, frames: withFrame(candidates[i]!.frames, unread) };
      }
      return { ...job, candidates };
    });
    for (const url of new Set(urls)) await this.withdraw(jobId, url);
  }

  /**
   * Take out of the collection what this job kept of the image at `url` (its `permitted` verdicts
   * stored it; its `duplicate` ones kept bytes another collect stored), once a later verdict of it
   * does not permit it: the image was found again where it is refused, or could not be checked
   * (fail closed). Decision (DESIGN.md §1 nothing lost; §3 the record names its source): the job's
   * claims on those bytes go (db.ts withdrawClaims); the item is deleted only when no other
   * collect kept the same bytes (by SHA-256) — otherwise it stays, its record that collect's (its
   * page, URL, licence, evidence), never this job's refused page. Before, the item was deleted, and
   * another collect's duplicate verdict was left pointing at nothing. Told once in the job's notes;
   * each verdict says why; open library pages hear of what left (items-removed) or changed.
   */
  private async withdraw(jobId: string, url: string): Promise<void> {
    const job = await getJob(this.db, jobId);
    const indices = job ? (this.reports.get(jobId)?.get(url)?.indices ?? reportsOf(job.candidates).get(url)?.indices ?? []) : [];
    // A damaged record (its verdict lost) kept nothing this job can name: passed over, never a throw.
    const kept = (await verdictsAt(this.db, jobId, indices)).filter((v) => v.verdict && permits(v.verdict) && v.verdict.sha256);
    const outcomes = new Map<string, Awaited<ReturnType<typeof withdrawClaims>>>();
    for (const sha of new Set(kept.map((v) => v.verdict.sha256!))) {
      const storedIt = kept.some((v) => v.verdict.sha256 === sha && v.verdict.decision === 'permitted');
      outcomes.set(sha, await withdrawClaims(this.db, sha, jobId, storedIt));
    }
    const deleted = [...outcomes].filter(([, o]) => o === 'deleted').map(([sha]) => sha);
    const replaced = [...outcomes].filter(([, o]) => o === 'replaced').map(([sha]) => sha);
    // A record that changed is shown afresh: taken out of the page, then read again.
    announceItemsRemoved([...deleted, ...replaced]);
    announceItemsAdded(replaced);
    const notes = [...(deleted.length > 0 ? [WITHDRAWN_NOTE] : []), ...(replaced.length > 0 ? [WITHDRAWN_KEPT_NOTE] : [])];
    if (notes.length === 0) return;
    await this.updateJob(jobId, (j) => (notes.every((n) => (j.notes ?? []).includes(n)) ? j : { ...j, notes: [...(j.notes ?? []), ...notes.filter((n) => !(j.notes ?? []).includes(n))] }));
  }

  /** Stop watching the page; the job finishes once every image found so far has a verdict. */
  async stopWatching(jobId: string): Promise<boolean> {
    const job = await getJob(this.db, jobId);
    if (!job?.watching) return false;
    await stopWatcher(job.tabId);
    await this.updateJob(jobId, (j) => ({ ...j, watching: false }));
    this.run(jobId);
    return true;
  }

  /** A tab that navigates away, or closes, ends its watching collect; true when there was one. */
  async stopWatchingTab(tabId: number): Promise<boolean> {
    const job = await latestJobForTab(this.db, tabId);
    return job?.watching ? this.stopWatching(job.id) : false;
  }

  private updateJob(jobId: string, change: (job: Job) => Job): Promise<Job | undefined> {
    const next = (this.jobWrites.get(jobId) ?? Promise.resolve()).then(async () => {
      const job = await getJob(this.db, jobId);
      if (!job) return undefined;
      const updated = change(job);
      if (updated !== job) {
        await putJob(this.db, updated);
        announceJobChanged(jobId);
      }
      return updated;
    });
    this.jobWrites.set(jobId, next.catch(() => undefined));
    return next;
  }

  latest(tabId: number): Promise<Job | undefined> {
    return latestJobForTab(this.db, tabId);
  }

  /**
   * Resume jobs a stopped worker left running. A watching job whose tab is gone (closed while
   * the worker was stopped) stops watching: it ends once its images have verdicts, instead of
   * waking the worker forever.
   */
  async resumeAll(): Promise<number> {
    const { running: jobs, endedUnsettled } = await jobsToResume(this.db);
    for (const job of jobs) {
      if (job.watching && !(await browser.tabs.get(job.tabId).then(() => true, () => false))) {
        await this.updateJob(job.id, (j) => ({ ...j, watching: false }));
      } else if (job.watching) this.keepCovering(job.id); // this worker knows none of its frames: the first check scans them all

      this.run(job.id);
    }
    // Decision (DESIGN.md §2, the reading that cannot keep what the owner refused): a job that
    // ended in error (a storage failure while it withdrew an image a later report refused), or was
    // cancelled while no loop ran it, is not resumed, so the withdrawal it left undone never ran
    // and the refused image stayed stored. It
    // is carried out now (pendingWithdrawals), once per job; the job stays ended. Done, the job is
    // marked so (withdrawalsSettled): its verdicts are not read again at every start of the worker.
    for (const ended of endedUnsettled) {
      if (this.reconciled.has(ended.id) || ended.withdrawalsSettled) continue;
      try {
        for (const url of pendingWithdrawals(ended.candidates ?? [], await listVerdicts(this.db, ended.id))) await this.withdraw(ended.id, url);
        this.reconciled.add(ended.id);
        await this.updateJob(ended.id, (j) => ({ ...j, withdrawalsSettled: true }));
      } catch (err) {
        console.error('Heed: withdrawal of an ended collect', err); // tried again at the next start
      }
    }
    return jobs.length;
  }

  /**
   * The settings and site assessment the job's next image is decided under: the job's own while
   * the stored settings are the same; after a change, the site re-assessed under the new
   * settings (its scanned page signals, stored with the job), both written to the job first.
   * Unusable stored settings, or a job that cannot be re-assessed, end the job (a throw).
   */
  private async currentPolicy(job: Job, policy: JobPolicy): Promise<JobPolicy> {
    const stored = await this.loadSettings();
    // The stored settings come from memory until a save (StoredSettings): the same object as
    // at the last check means the same settings, with no field-by-field comparison.
    const age = { assessedAt: policy.assessedAt, now: Date.now() };
    if (stored.ok && this.confirmed.get(policy) === stored.settings && assessmentFresh(age)) return policy;
    const step = nextPolicyStep(policy.settings ?? undefined, stored, policy.site, age);
    if (step.kind === 'keep') {
      if (stored.ok) this.confirmed.set(policy, stored.settings);
      return policy;
    }
    if (step.kind === 'stop') throw new PolicyStop(step.message);
    if (!job.page) {
      throw new PolicyStop(
        assessmentFresh(age)
          ? 'The settings changed during this collect, which an earlier Heed started, so the page cannot be re-assessed under them: collect again.'
          : 'This collect’s reading of the site is more than a day old, and the collect, which an earlier Heed started, cannot read the page again: collect again.',
      );
    }
    const site = await assessSite(this.origins, job.tabId, job.pageUrl, job.page, step.settings);
    const assessedAt = Date.now();
    await this.updateJob(job.id, (j) => ({ ...j, settings: step.settings, site, siteAssessedAt: assessedAt }));
    return { settings: step.settings, site, assessedAt };
  }

  /** Process a job; a request while it runs is remembered, so candidates added late are never stranded. */
  private run(jobId: string): void {
    if (this.active.has(jobId)) {
      this.rerun.add(jobId);
      return;
    }
    const p = this.process(jobId).finally(() => {
      this.active.delete(jobId);
      if (this.rerun.delete(jobId)) this.run(jobId);
    });
    this.active.set(jobId, p);
  }

  /**
   * Work through every candidate without a verdict; candidates added meanwhile (watching) are
   * picked up by the next round. A watching job stays `running` until the user stops it.
   */
  private async process(jobId: string): Promise<void> {
    const first = await getJob(this.db, jobId);
    if (!first || first.state !== 'running') return;
    let job: Job = first;
    try {
      // DESIGN.md §2 "One job, one policy, one page": every image is decided under the settings
      // stored with the job and the site assessed under them; `policyNow` applies a settings
      // change only after re-assessing the site under it (job-policy.ts).
      // A job an earlier Heed stored has no siteAssessedAt: its site was assessed when it was created.
      let policy: JobPolicy = { settings: first.settings ?? null, site: first.site as PageAssessment, assessedAt: first.siteAssessedAt ?? Date.parse(first.createdAt) };
      let checking: Promise<JobPolicy> | null = null;
      const policyNow = (): Promise<JobPolicy> =>
        (checking ??= this.currentPolicy(job, policy)
          .then((p) => (policy = p))
          .finally(() => (checking = null)));
      this.reportsFor(first);
      const recordedSoFar = await listVerdicts(this.db, jobId);
      const done = new Set(recordedSoFar.map((v) => v.index));
      // A refusal whose withdrawal a stopped worker never ran is carried out now (pendingWithdrawals):
      // once per job in this worker; within it, each withdrawal runs right after its verdict.
      // Decision (DESIGN.md §2, the reading that cannot keep what the owner refused): before the
      // job's policy is read. A recorded refusal needs no settings, and unusable stored settings
      // (or a job that cannot be re-assessed) end the job there: it ended in error first, is never
      // resumed, and the refused image stayed in the collection.
      if (!this.reconciled.has(jobId)) {
        for (const url of pendingWithdrawals(first.candidates, recordedSoFar)) await this.withdraw(jobId, url);
        this.reconciled.add(jobId);
      }
      const opening = await policyNow();
      let seq = await nextVerdictSeq(this.db, jobId);
      // Verdicts that arrive while one is written are written together, in seq order (db.ts).
      const verdicts = new VerdictWriter(this.db);
      // Politeness bounds the requests (per origin and overall); the work after a fetch — parsing,
      // hashing, the write — runs outside those slots, so the next request to an origin never
      // waits for it. At most IMAGES_IN_HAND images are in hand at once (memory), more than the
      // requests, so requests go on while earlier images are judged and written.
      const requests = new KeyedLimiter(opening.settings!.perOriginConcurrency, GLOBAL_REQUESTS);
      const inHand = new KeyedLimiter(IMAGES_IN_HAND, IMAGES_IN_HAND);
      // An image's request waits for a slot; when it gets one, the policy it was judged under
      // must still be the job's, or the image is judged again under the new one (a settings
      // change applies to every image not yet requested).
      const slotUnder =
        (taken: JobPolicy): FetchSlot =>
        (url, request) =>
          requests.run(originOf(url) ?? 'inline', async () => {
            if (this.cancelled.has(jobId)) throw new CancelledBeforeRequest();
            if ((await policyNow()) !== taken) throw new PolicyChanged();
            return request();
          });
      let failure: unknown = null;
      for (;;) {
        const current: Job = job;
        // In turns across origins: the images in hand are then from as many origins as the
        // global cap allows, so one origin's run of images never leaves the other slots idle.
        const todo = interleaveByKey(
          current.candidates.map((candidate, index) => ({ candidate, index })).filter(({ index }) => !done.has(index)),
          ({ candidate }) => originOf(candidate.url) ?? 'inline',
        );
        if (todo.length === 0 || this.cancelled.has(jobId) || failure) break;
        await Promise.all(
          todo.map(({ candidate, index }) =>
            inHand.run('images', async () => {
              if (this.cancelled.has(jobId) || failure) return;
              try {
                let judged: Awaited<ReturnType<typeof judgeImage>> | null = null;
                // Every report of this image so far (addCandidates): it is judged under all the
                // places it was found, not only where this candidate was.
                const latest = () => this.reports.get(jobId)?.get(candidate.url)?.latest ?? candidate;
                while (!judged) {
                  const taken = await policyNow();
                  if (this.cancelled.has(jobId) || failure) return;
                  const under = latest();
                  judged = await judgeImage(this.origins, under, current, taken.site, taken.settings!, slotUnder(taken)).catch((err: unknown) => {
                    if (err instanceof PolicyChanged) return null; // not requested: judged again under the new policy
                    throw err;
                  });
                  // A settings change seen before the verdict is recorded applies to it too (the
                  // image is not decided yet): judged again, under the new policy.
                  if (judged && (await policyNow()) !== taken) judged = null;
                  // So does a report of the image from another place (a frame) that arrived meanwhile.
                  if (judged && latest() !== under) judged = null;
                }
                const { verdict, item } = judged;
                // No await between the checks above and this call: a report arriving from here on
                // is a candidate of its own, judged after this verdict is written (VerdictWriter
                // keeps the order), and withdraws what this one stored if it does not permit it.
                const recorded = await verdicts.record({ at: { jobId, index, seq: seq++ }, verdict, item });
                done.add(index);
                announceJobChanged(jobId);
                if (item && recorded.decision === 'permitted') announceItemsAdded([item.record.sha256]);
                // A later report of an image stored earlier that does not permit it takes it out.
                if (!permits(recorded) && (this.reports.get(jobId)?.get(candidate.url)?.indices.length ?? 1) > 1) await this.withdraw(jobId, candidate.url);
              } catch (err) {
                if (err instanceof CancelledBeforeRequest) return; // no verdict: the image was never requested
                failure ??= err; // storage failures stop the job; per-image problems never throw here
              }
            }),
          ),
        );
        job = (await getJob(this.db, jobId)) ?? current;
      }
      const cancelled = this.cancelled.has(jobId);
      await this.updateJob(jobId, (latest) => {
        if (failure) return { ...latest, state: 'error', error: storageError(failure), watching: false };
        if (cancelled) return { ...latest, state: 'cancelled', watching: false };
        const finished = latest.candidates.every((_, i) => done.has(i));
        return latest.watching || !finished ? latest : { ...latest, state: 'done' };
      });
      if (failure || cancelled) await stopWatcher(job.tabId);
    } catch (err) {
      await this.updateJob(jobId, (latest) => ({ ...latest, state: 'error', error: storageError(err), watching: false }));
      await stopWatcher(job.tabId);
    } finally {
      this.cancelled.delete(jobId);
      const last = await getJob(this.db, jobId).catch(() => undefined);
      if (last?.state !== 'running') this.reports.delete(jobId);
    }
  }
}

/** Whether a recorded verdict keeps the image: permitted (stored now) or a duplicate of one stored. */
const permits = (verdict: Verdict): boolean => keepsImage(verdict);
