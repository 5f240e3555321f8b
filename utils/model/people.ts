import { z } from 'zod';
import { lazily } from './lazily';
import type { Purpose } from './evidence';

/**
 * People in photos (DESIGN.md §2 rule 6): what the user chose, and what each stored item
 * records. Heed detects faces; it never recognises, identifies or stores a face embedding.
 */
export const PEOPLE_SETTINGS = ['refuse', 'flag', 'off'] as const;
export const PeopleSettingSchema = lazily(() => z.enum(PEOPLE_SETTINGS));
export type PeopleSetting = z.infer<typeof PeopleSettingSchema>;

/** Rule 6's defaults: `refuse` for both AI purposes, `flag` for research-tdm. */
export const DEFAULT_PEOPLE_SETTING: Record<Purpose, PeopleSetting> = {
  'ai-training': 'refuse',
  'genai-training': 'refuse',
  'research-tdm': 'flag',
};

/** Rule 6's "large enough to recognise someone": the face box's shorter side, in the original image's pixels. */
export const DEFAULT_MIN_FACE_PX = 32;

/** The people setting in force: the user's choice, or the purpose's default when they made none. */
export function peopleSettingFor(settings: { purpose: Purpose; people: PeopleSetting | null }): PeopleSetting {
  return settings.people ?? DEFAULT_PEOPLE_SETTING[settings.purpose];
}

/** PLUS LDF model-release codes (ns.useplus.org/ldf/vocab/MR-*); MR-UMR and MR-NAP allow (rule 6). */
export const MODEL_RELEASES_THAT_ALLOW = ['MR-UMR', 'MR-NAP'] as const;

const PLUS_VOCAB = /^https?:\/\/ns\.useplus\.org\/ldf\/vocab\//i;

/** A plus:ModelReleaseStatus value (full vocabulary URI or bare code) → its code, upper case. */
export function modelReleaseCode(value: string): string {
  return value.trim().replace(PLUS_VOCAB, '').toUpperCase();
}

/** What one stored item records about people (DESIGN.md §3); null when the setting is `off`. */
export const PeopleRecordSchema = lazily(() => z.object({
  /** Faces the detector found (any size); null when the image could not be examined. */
  faces: z.number().int().nonnegative().nullable(),
  /** The largest face box's shorter side, in the original image's pixels; null when none. */
  largestFacePx: z.number().int().nonnegative().nullable(),
  /** plus:ModelReleaseStatus as read from the image's own XMP (code), null when absent. */
  modelRelease: z.string().nullable(),
  /** The detector and its version, e.g. "face-api TinyFaceDetector 1.7.15 (416)". */
  detector: z.string(),
}));
export type PeopleRecord = z.infer<typeof PeopleRecordSchema>;
