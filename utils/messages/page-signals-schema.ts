import { z } from 'zod';
import { lazily } from '../model/lazily';
import { MAX_PAGE_URL } from '../model/page-url';
import type { ScannedFrameSignals, ScannedPageSignals } from '../page/page-signals';
import { RAW_LIMITS, type RawPageSignals } from '../page/raw-page-signals';
import { MAX_FRAME_ANCESTORS, MAX_FRAME_OWNERS } from '../page/frame-owner';
import { PageLicenceMarkupSchema } from '../signals/html-licence/schema';
import { namesRsl, RSL_MEDIA_TYPE } from '../signals/html-licence/statements';

// The schemas the background checks page signals with on arrival. Kept apart from the readers
// (page-signals.ts, raw-page-signals.ts), which run in scripts injected into pages: those must
// not carry zod (see signals/html-licence/limits.ts).

/** Inline RSL licence texts, each cut one character past the cap (so a cut one is known). */
const InlineRslSchema = lazily(() => z.array(z.string().max(RAW_LIMITS.rslChars + 1)).max(RAW_LIMITS.rslScripts + 1)); // one more: there were more (assess.ts)

/** Metas as the page scripts send them (raw-page-signals.ts readRawMetas). */
const RawMetasSchema = lazily(() => z.array(z.object({ name: z.string().max(RAW_LIMITS.name), content: z.string().max(RAW_LIMITS.content) })).max(RAW_LIMITS.metas));

/** What Collect's scanner and the popup's reader send (page-signals.ts readPageSignals), checked on arrival. */
export const ScannedPageSignalsSchema: z.ZodType<ScannedPageSignals> = lazily(() => z.object({
  url: z.string().max(MAX_PAGE_URL),
  title: z.string().max(2000),
  metas: RawMetasSchema,
  licence: PageLicenceMarkupSchema,
  rsl: InlineRslSchema,
}));

/** What a frame's scanner and scroll watcher send of the frame document (page-signals.ts readFrameSignals). */
export const ScannedFrameSignalsSchema: z.ZodType<ScannedFrameSignals> = lazily(() => z.object({
  url: z.string().max(MAX_PAGE_URL),
  metas: RawMetasSchema,
  // A siteless frame's owners (frame-owner.ts): a list that fails validation reads as unread
  // (null), which fails its images closed, rather than dropping the frame's whole report.
  owners: z.array(z.string().max(MAX_PAGE_URL)).max(MAX_FRAME_OWNERS).nullable().optional().catch(null),
  // The document that wrote a siteless frame (frame-owner.ts frameWriter); unreadable, as null.
  writer: z.union([z.literal('top'), z.object({ url: z.string().max(MAX_PAGE_URL), metas: RawMetasSchema })]).nullable().optional().catch(null),
  // The frames above it (frame-owner.ts frameAncestors): a list that fails validation reads as
  // unread (null), which fails the frame's images closed.
  ancestors: z.array(z.string().max(MAX_PAGE_URL)).max(MAX_FRAME_ANCESTORS).nullable().optional().catch(null),
}));

const linkType = (type: string): string => (type.length <= 200 ? type : namesRsl(type) ? RSL_MEDIA_TYPE : type.slice(0, 200));

/** What the always-on content script sends (utils/page/raw-page-signals.ts), checked on arrival. */
export const RawPageSignalsSchema: z.ZodType<RawPageSignals> = lazily(() => z.object({
  url: z.string().max(MAX_PAGE_URL),
  title: z.string().max(RAW_LIMITS.title),
  metas: RawMetasSchema,
  // A link's `type` comes as the page wrote it (the script has no room to cap it): a long one is
  // cut here rather than failing the whole message (the badge then showed no status at all),
  // keeping whether it names RSL (page-signals.ts reads the type as the full reader does).
  licenceLinks: z.array(z.object({ url: z.string().max(RAW_LIMITS.url), type: z.string().transform(linkType) })).max(RAW_LIMITS.links),
  jsonLd: z.array(z.string().max(RAW_LIMITS.jsonLdChars)).max(RAW_LIMITS.jsonLdScripts),
  jsonLdTruncated: z.boolean(),
  licenceLinksTruncated: z.boolean().optional(),
  rsl: InlineRslSchema,
  mediaWiki: z.boolean(),
  dcmiText: z.boolean(),
}));
