import { SettingsSchema, type Settings, type SettingsForDeciding } from '../model/settings';
import { isFetchedFile } from '../signals/fetched-file';
import type { PageAssessment } from './assess';

/** What a running collect does before deciding its next image, given the settings stored now. */
export type PolicyStep =
  /** Decide under the job's settings and site assessment, as before. */
  | { kind: 'keep' }
  /** The settings changed: re-assess the site under `settings`, then decide under both. */
  | { kind: 'reassess'; settings: Settings }
  /** The stored settings are unusable (settingsForDeciding): the job ends with `message`. */
  | { kind: 'stop'; message: string };

/** Whether two settings are the same, field by field (key order does not matter). */
export function sameSettings(a: Settings, b: Settings): boolean {
  return (Object.keys(SettingsSchema.shape) as (keyof Settings)[]).every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

const SITE_STATUSES: readonly unknown[] = ['permitted', 'restricted', 'blocked', 'unknown'];
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isList = (v: unknown): v is unknown[] => Array.isArray(v);

/**
 * Whether a job's stored site assessment is one this Heed makes (assess.ts assessPage), whole:
 * every field the judge reads is there, of its type. It is read back from IndexedDB as stored.
 */
export function isWholeAssessment(site: unknown): site is PageAssessment {
  if (!isRecord(site)) return false;
  return typeof site.pageUrl === 'string'
    && SITE_STATUSES.includes(site.status)
    && isList(site.reasons) && isList(site.evidence) && isList(site.imageEvidence) && isList(site.licences)
    && site.evidence.every(isRecord) && site.imageEvidence.every(isRecord)
    && isRecord(site.licenceSignals)
    && (site.tdmFallback === null || isRecord(site.tdmFallback))
    && isList(site.pageRsl) && site.pageRsl.every(isFetchedFile)
    && isList(site.siteRsl) && site.siteRsl.every(isFetchedFile)
    && isFetchedFile(site.siteAiTxt);
}

/**
 * DESIGN.md §2 "One job, one policy, one page": a collect decides every image under the
 * settings stored with the job; a settings change applies to the images not yet decided, only
 * after the site is re-assessed under the new settings. Any change counts (fail closed: no
 * field is assumed to leave the site's assessment unchanged). A job stored without settings
 * (started by an earlier Heed) is re-assessed under the current ones.
 *
 * Decision (DESIGN.md §2 rules 3 and 5, the reading that cannot keep what the owner refused): the
 * job's stored site assessment is kept only when it is whole (isWholeAssessment). One an earlier
 * Heed stored lacks what has been read since (the page site's ai.txt and RSL licences, which
 * refuse its images on its other hosts), and a damaged one may lack any refusal: kept with
 * unchanged settings, it decided the job's remaining images without them, and a PNG on
 * img.site that the site's ai.txt disallowed was stored. It is re-assessed (or, with no page
 * stored to re-assess, the job stops).
 */
export function nextPolicyStep(jobSettings: Settings | undefined, stored: SettingsForDeciding, jobSite: unknown, age?: { assessedAt: number; now: number }): PolicyStep {
  if (!stored.ok) return { kind: 'stop', message: stored.message };
  if (jobSettings && sameSettings(jobSettings, stored.settings) && isWholeAssessment(jobSite) && (age === undefined || assessmentFresh(age))) return { kind: 'keep' };
  return { kind: 'reassess', settings: stored.settings };
}

/** How long a job's site assessment stands: as long as the readings it was made from may be cached (DESIGN.md §2 rule 2). */
export const SITE_ASSESSMENT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a job's site assessment made at `assessedAt` may still decide its images at `now`.
 * Decision (DESIGN.md §2 rule 2: robots.txt is cached ≤ 24 h; rule 3 likewise for the page
 * site's ai.txt and RSL licences the assessment holds): the assessment is those readings, so it
 * lives no longer than they may. A job resumed a day later, or a watch left running past a day,
 * kept deciding under its start's readings, and a Disallow its page's site published since was
 * never read. One dated after now (the clock was set back) or with no usable time has no age Heed
 * can trust: re-assessed, as a site-cache record is (db.ts getCachedSignal).
 */
export function assessmentFresh({ assessedAt, now }: { assessedAt: number; now: number }): boolean {
  const age = now - assessedAt;
  return Number.isFinite(age) && age >= 0 && age <= SITE_ASSESSMENT_MAX_AGE_MS;
}
