import { z } from 'zod';
import { lazily } from './lazily';
import { MAX_PAGE_URL } from './page-url';

/** Reason codes, stable: used in the UI, the manifest summary and the tests (DESIGN.md §2). */
export const REFUSAL_REASONS = [
  'site-blocked',
  'site-restricted',
  'user-blocked',
  'robots-disallow',
  'robots-unreachable',
  'content-usage-n',
  'x-robots-tag',
  'meta-robots',
  'tdm-reserved',
  'ai-txt-disallow',
  'rsl-prohibits',
  'xmp-data-mining',
  'c2pa-not-allowed',
  'no-licence',
  'licence-not-accepted',
  'licence-conflict',
  'signal-unreadable',
  'person-no-release',
  'people-unchecked',
] as const;
export const FAILURE_REASONS = ['fetch-failed', 'not-an-image', 'too-large'] as const;
export const REASON_CODES = [...REFUSAL_REASONS, ...FAILURE_REASONS, 'duplicate'] as const;

export const RefusalReasonSchema = lazily(() => z.enum(REFUSAL_REASONS));
export const FailureReasonSchema = lazily(() => z.enum(FAILURE_REASONS));
export const ReasonCodeSchema = lazily(() => z.enum(REASON_CODES));
export type RefusalReason = z.infer<typeof RefusalReasonSchema>;
export type FailureReason = z.infer<typeof FailureReasonSchema>;
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

/** Which signal family an evidence item comes from. */
export const SIGNAL_KINDS = [
  'site-registry',
  'user-list',
  'robots-txt',
  'content-usage',
  'content-signal',
  'x-robots-tag',
  'meta-robots',
  'tdmrep',
  'ai-txt',
  'rsl',
  'licence',
  'xmp',
  'iptc',
  'c2pa',
  'people',
  'fetch',
] as const;
export const SignalKindSchema = lazily(() => z.enum(SIGNAL_KINDS));
export type SignalKind = z.infer<typeof SignalKindSchema>;

export const ScopeSchema = lazily(() => z.enum(['site', 'page', 'image']));
export type Scope = z.infer<typeof ScopeSchema>;

export const EffectSchema = lazily(() => z.enum(['allow', 'deny', 'info']));
export type Effect = z.infer<typeof EffectSchema>;

/**
 * One signal read, with what it did to the decision. `reason` is set on every `deny`; on an
 * `info` item it names a restriction that was found but does not bind this purpose or image
 * (it feeds the `restricted` site status). `source` is a URL, or "xmp" / "html" / "settings".
 */
export const EvidenceSchema = lazily(() => z.object({
  kind: SignalKindSchema,
  scope: ScopeSchema,
  source: z.string(),
  value: z.string(),
  effect: EffectSchema,
  reason: RefusalReasonSchema.optional(),
  /** Plain-language explanation shown to the user. */
  note: z.string().optional(),
}));
export type Evidence = z.infer<typeof EvidenceSchema>;

export const PURPOSES = ['ai-training', 'genai-training', 'research-tdm'] as const;
export const PurposeSchema = lazily(() => z.enum(PURPOSES));
export type Purpose = z.infer<typeof PurposeSchema>;

export const ModeSchema = lazily(() => z.enum(['licensed', 'opt-out']));
export type Mode = z.infer<typeof ModeSchema>;

/** Where a licence was found, most specific first (DESIGN.md §2 rule 4). */
export const LicenceSourceSchema = lazily(() => z.enum(['xmp', 'element', 'page']));
export type LicenceSource = z.infer<typeof LicenceSourceSchema>;

export const LicenceSchema = lazily(() => z.object({
  /** SPDX id (e.g. CC-BY-4.0), or null when the URL is not a recognised licence. */
  id: z.string().nullable(),
  url: z.string(),
  source: LicenceSourceSchema,
  attribution: z.string().nullable(),
  /**
   * The credit for the work (issue 18; utils/model/credit.ts): its title, its creator and its
   * source (the licensor's attributionURL, else the page). Optional here (a licence candidate
   * has none yet); every stored item's licence carries them, null when unknown.
   */
  title: z.string().max(1000).nullable().optional(),
  creator: z.string().max(1000).nullable().optional(),
  sourceUrl: z.string().max(MAX_PAGE_URL).nullable().optional(), // the attributionURL, or the page's address (page-url.ts)
}));
export type Licence = z.infer<typeof LicenceSchema>;
