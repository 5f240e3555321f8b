import { addToTally, getJob, hasItem, latestJobForTab, putItem, putJob, runningJobs, type HeedDatabase, type Job } from '@/utils/db';
import { assessImage, type PageAssessment } from '@/utils/assess';
import type { ManifestItem } from '@/utils/manifest';
import type { JobView } from '@/utils/messages';
import type { Settings } from '@/utils/settings';
import { ImageCandidateSchema, type ImageCandidate, type Verdict } from '@/utils/verdict';
import { PageSignalsSchema, type PageSignals } from '@/utils/page-signals';
import { assessSite } from './site-assessment';
import { gatherImage } from './gather-image';
import type { OriginSignals } from './origin-signals';
import { z } from 'zod';

const ScanResultSchema = z.object({ page: PageSignalsSchema, candidates: z.array(ImageCandidateSchema).max(20_000) });

/** Run the scanner in every frame of the tab; merge candidates by URL. */
async function scanTab(tabId: number): Promise<{ page: PageSignals; candidates: ImageCandidate[] }> {
  const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['/scanner.js'] });
  let page: PageSignals | null = null;
  const byUrl = new Map<string, ImageCandidate>();
  for (const r of results) {
    const parsed = ScanResultSchema.safeParse(r.result);
    if (!parsed.success) continue; // a hostile or broken frame: drop its report, keep the rest
    if (r.frameId === 0) page = parsed.data.page;
    for (const c of parsed.data.candidates) if (!byUrl.has(c.url)) byUrl.set(c.url, c);
  }
  if (!page) throw new Error('The page could not be scanned');
  return { page, candidates: [...byUrl.values()] };
}

/** The popup's view of a job. */
export function jobView(job: Job): JobView {
  return {
    id: job.id,
    state: job.state,
    pageUrl: job.pageUrl,
    found: job.candidates.length,
    checked: job.verdicts.length,
    verdicts: job.verdicts,
    error: job.error,
  };
}

/**
 * Collect jobs: scan, assess, store. Each verdict is written to the job in IndexedDB as it is
 * made, so a worker stopped mid-job resumes with the remaining candidates and no double store
 * (items are keyed by SHA-256, and putItem refuses an existing hash).
 */
export class Collector {
  private readonly cancelled = new Set<string>();
  private readonly active = new Set<string>();

  constructor(
    private readonly db: HeedDatabase,
    private readonly origins: OriginSignals,
    private readonly loadSettings: () => Promise<Settings>,
  ) {}

  async start(tabId: number): Promise<Job> {
    const tab = await browser.tabs.get(tabId);
    const pageUrl = tab.url ?? '';
    const job: Job = {
      id: crypto.randomUUID(),
      tabId,
      pageUrl,
      pageTitle: tab.title ?? '',
      state: 'running',
      createdAt: new Date().toISOString(),
      candidates: [],
      verdicts: [],
      site: null,
      error: null,
    };
    try {
      if (!/^https?:/.test(pageUrl)) throw new Error('Heed collects from web pages (http or https) only');
      const { page, candidates } = await scanTab(tabId);
      job.candidates = candidates;
      job.pageTitle = page.title || job.pageTitle;
      job.site = await assessSite(this.origins, tabId, pageUrl, page, await this.loadSettings());
    } catch (err) {
      job.state = 'error';
      job.error = err instanceof Error ? err.message : String(err);
    }
    await putJob(this.db, job);
    if (job.state === 'running') void this.run(job.id);
    return job;
  }

  cancel(jobId: string): void {
    this.cancelled.add(jobId);
  }

  latest(tabId: number): Promise<Job | undefined> {
    return latestJobForTab(this.db, tabId);
  }

  /** Resume jobs a stopped worker left running. */
  async resumeAll(): Promise<void> {
    for (const job of await runningJobs(this.db)) void this.run(job.id);
  }

  private async run(jobId: string): Promise<void> {
    if (this.active.has(jobId)) return;
    this.active.add(jobId);
    try {
      const job = await getJob(this.db, jobId);
      if (!job || job.state !== 'running') return;
      const settings = await this.loadSettings();
      const site = job.site as PageAssessment;
      const todo = job.candidates.slice(job.verdicts.length);
      const stored = new Set<string>();
      for (const candidate of todo) {
        if (this.cancelled.has(jobId)) {
          job.state = 'cancelled';
          break;
        }
        job.verdicts.push(await this.assessOne(candidate, job, site, settings, stored));
        await putJob(this.db, job);
      }
      if (job.state === 'running') job.state = 'done';
      await addToTally(this.db, job.verdicts);
      await putJob(this.db, job);
    } catch (err) {
      const job = await getJob(this.db, jobId);
      if (job) {
        job.state = 'error';
        job.error = err instanceof Error ? err.message : String(err);
        await putJob(this.db, job);
      }
    } finally {
      this.active.delete(jobId);
    }
  }

  private async assessOne(
    candidate: ImageCandidate,
    job: Job,
    site: PageAssessment,
    settings: Settings,
    stored: Set<string>,
  ): Promise<Verdict> {
    const base = { url: candidate.url, licence: null, sha256: null };
    if (site.status === 'blocked') {
      return { ...base, decision: 'refused', reasons: site.reasons, evidence: site.evidence };
    }
    const gathered = await gatherImage(this.origins, candidate, settings);
    if (!gathered.ok) {
      return { ...base, decision: 'failed', reasons: [gathered.reason], evidence: gathered.evidence };
    }
    const decision = assessImage(site, gathered.image.inputs, candidate, settings);
    const sha256 = gathered.image.sha256;
    if (decision.decision === 'refused') {
      return { ...base, decision: 'refused', reasons: decision.reasons, licence: decision.licence, evidence: decision.evidence };
    }
    if (stored.has(sha256) || (await hasItem(this.db, sha256))) {
      return { ...base, sha256, decision: 'duplicate', reasons: ['duplicate'], licence: decision.licence, evidence: decision.evidence };
    }
    const item: ManifestItem = {
      sha256,
      mime: gathered.image.mime,
      bytes: gathered.image.bytes.byteLength,
      width: gathered.image.width,
      height: gathered.image.height,
      url: candidate.url,
      finalUrl: gathered.image.inputs.finalUrl,
      pageUrl: job.pageUrl,
      pageTitle: job.pageTitle,
      alt: candidate.alt,
      caption: candidate.caption,
      discovery: candidate.discovery,
      collectedAt: new Date().toISOString(),
      purpose: settings.purpose,
      licence: decision.licence,
      synthetic: gathered.image.synthetic,
      evidence: decision.evidence,
    };
    const added = await putItem(this.db, item, new Blob([gathered.image.bytes as BlobPart], { type: item.mime }));
    stored.add(sha256);
    return { ...base, sha256, decision: added ? 'permitted' : 'duplicate', reasons: added ? [] : ['duplicate'], licence: decision.licence, evidence: decision.evidence };
  }
}
