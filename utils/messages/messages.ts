import { z } from 'zod';
import { lazily } from '../model/lazily';
import { EvidenceSchema, RefusalReasonSchema } from '../model/evidence';
import { VerdictSchema } from '../policy/verdict';
import { ScannedFrameSignalsSchema } from './page-signals-schema';
import { MAX_PAGE_URL } from '../model/page-url';

/** A cap an injected scan stopped at (utils/scan/options.ts ScanLimit). */
export const ScanLimitSchema = lazily(() => z.enum(['candidates', 'elements', 'time']));

/**
 * The one message protocol between Heed's contexts, named by direction
 * (cs = content script, bg = background, popup = popup/options). Every message is a zod
 * schema; the receiver parses before use and drops anything that fails.
 */
export const CsToBgSchema = lazily(() => z.discriminatedUnion('type', [
  /** New images found while the user scrolls a watching collect (validated one by one on arrival). */
  z.object({
    type: z.literal('cs-bg-scan-more'),
    jobId: z.string().max(64),
    candidates: z.array(z.unknown()).max(5000),
    /** A cap the watcher's rescans now stop at (what lies beyond goes unseen), once per cap. */
    limit: ScanLimitSchema.nullable().catch(null),
    /**
     * From a frame's watcher, the frame document's own signals, which bind its images as in the
     * collect's scan (DESIGN.md §2 rule 3). Unreadable is null: the frame's images are then dropped.
     */
    frame: ScannedFrameSignalsSchema.nullable().catch(null).optional(),
    /**
     * The address of the document the watcher read the images in, when it sent them. A top
     * frame's must still be the job's page: a page that changed its address (pushState) shows
     * another page's images, which the job's page signals do not speak for.
     */
    page: z.string().max(MAX_PAGE_URL).optional(),
  }),
]));
export type CsToBg = z.infer<typeof CsToBgSchema>;

export const PopupToBgSchema = lazily(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('popup-bg-site-status'), tabId: z.number().int() }),
  z.object({ type: z.literal('popup-bg-collect'), tabId: z.number().int(), watch: z.boolean().default(false) }),
  z.object({ type: z.literal('popup-bg-stop-watching'), jobId: z.string() }),
  z.object({ type: z.literal('popup-bg-job'), tabId: z.number().int(), sinceSeq: z.number().int().default(-1) }),
  z.object({ type: z.literal('popup-bg-cancel'), jobId: z.string() }),
]));
export type PopupToBg = z.infer<typeof PopupToBgSchema>;

export const SiteStatusViewSchema = lazily(() => z.object({
  pageUrl: z.string(),
  status: z.enum(['permitted', 'restricted', 'blocked', 'unknown']),
  reasons: z.array(RefusalReasonSchema),
  evidence: z.array(EvidenceSchema),
}));
export type SiteStatusView = z.infer<typeof SiteStatusViewSchema>;

export const JobViewSchema = lazily(() => z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'error', 'cancelled']),
  /** Still watching the page for new images as the user scrolls. */
  watching: z.boolean(),
  pageUrl: z.string(),
  found: z.number().int(),
  checked: z.number().int(),
  /** Completion sequence number of the last verdict included (pass it back as `sinceSeq`). */
  lastSeq: z.number().int(),
  /** Verdicts completed after the requested `sinceSeq`, in completion order. */
  verdicts: z.array(VerdictSchema),
  error: z.string().nullable(),
  /** What the collect could not cover (a scan that stopped at a cap…), in words for the user. */
  notes: z.array(z.string()),
}));
export type JobView = z.infer<typeof JobViewSchema>;

/** Replies travel as data: `{ok: true, ...}` or `{ok: false, error}`. */
export const ReplySchemas = lazily(() => ({
  'popup-bg-site-status': SiteStatusViewSchema,
  'popup-bg-collect': JobViewSchema,
  'popup-bg-job': JobViewSchema.nullable(),
  'popup-bg-cancel': z.object({ cancelled: z.boolean() }),
  'popup-bg-stop-watching': z.object({ stopped: z.boolean() }),
}) as const);

export type Reply<T extends PopupToBg['type']> =
  | { ok: true; value: z.infer<(typeof ReplySchemas)[T]> }
  | { ok: false; error: string };
