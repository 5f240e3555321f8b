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
export function nextPolicyStep(jobSettings: Settings | undefined, stored: SettingsForDeciding, jobSite: unknown): PolicyStep {
  if (!stored.ok) return { kind: 'stop', message: stored.message };
  if (jobSettings && sameSettings(jobSettings, stored.settings) && isWholeAssessment(jobSite)) return { kind: 'keep' };
  return { kind: 'reassess', settings: stored.settings };
}
