import { SettingsSchema, type Settings, type SettingsForDeciding } from '../model/settings';

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

/**
 * DESIGN.md §2 "One job, one policy, one page": a collect decides every image under the
 * settings stored with the job; a settings change applies to the images not yet decided, only
 * after the site is re-assessed under the new settings. Any change counts (fail closed: no
 * field is assumed to leave the site's assessment unchanged). A job stored without settings
 * (started by an earlier Heed) is re-assessed under the current ones.
 */
export function nextPolicyStep(jobSettings: Settings | undefined, stored: SettingsForDeciding): PolicyStep {
  if (!stored.ok) return { kind: 'stop', message: stored.message };
  if (jobSettings && sameSettings(jobSettings, stored.settings)) return { kind: 'keep' };
  return { kind: 'reassess', settings: stored.settings };
}
