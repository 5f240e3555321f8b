import { z } from 'zod';
import { lazily } from '../model/lazily';
import { MAX_PAGE_URL } from '../model/page-url';
import { cappedRenditions, MAX_RENDITIONS } from '../model/renditions';
import { EvidenceSchema, LicenceSchema, ReasonCodeSchema } from '../model/evidence';
import { DiscoverySchema } from '../model/manifest';
import { ElementLicenceHintSchema } from '../signals/html-licence/schema';
import { cappedHints, MAX_ELEMENT_HINTS, UNREAD_HINT } from '../signals/html-licence/hints';
import { MAX_FRAME_ANCESTORS, MAX_FRAME_OWNERS } from '../page/frame-owner';

/** One image found on the page, as the scanner reports it. Text is untrusted and capped. */
/** The frames an image's candidate records, besides the one entry that says more were not read. */
export const MAX_FRAMES_PER_IMAGE = 20;
/** The longest opt-out header value a candidate's frame carries (longer ones are read as unread, frame-headers.ts). */
export const MAX_FRAME_HEADER_CHARS = 16_384;

/** What a frame document says of itself that binds the images in it: its address, robots metas and TDMRep meta. */
export const FrameSignalsSchema = lazily(() => z.object({
  url: z.string().max(MAX_PAGE_URL), // the frame document's address: a page address (page-url.ts)
  metas: z.array(z.object({ name: z.string().max(200), content: z.string().max(4096) })).max(1000),
  tdm: z.object({ reservation: z.string().max(2048).optional(), policy: z.string().max(2048).optional() }),
  /**
   * For a frame whose address names no site (`about:srcdoc`, `about:blank`, `data:`): the addresses
   * whose site it is — its nearest ancestor frame with a real address, its own origin (frame-owner.ts).
   * `null`: they could not be read, and its images fail closed (site-registry.ts frameSiteEvidence).
   */
  owners: z.array(z.string().max(MAX_PAGE_URL)).max(MAX_FRAME_OWNERS).nullable().optional(),
  /**
   * The frames between this one and the top page, nearest first (frame-owner.ts frameAncestors):
   * each one's site binds the images in it (site-registry.ts frameSiteEvidence). `null`: one could
   * not be named, and its images fail closed. Absent: a frame an earlier Heed recorded.
   */
  ancestors: z.array(z.string().max(MAX_PAGE_URL)).max(MAX_FRAME_ANCESTORS).nullable().optional(),
}));
export type FrameSignals = z.infer<typeof FrameSignalsSchema>;

export const ImageCandidateSchema = lazily(() => z.object({
  url: z.string().max(8192),
  /**
   * A smaller rendition shown on the page: the image shown (at its largest rendition) when
   * `url` is a linked full-size original — judged instead if the link turns out not to be an image.
   */
  thumbnailUrl: z.string().max(8192).nullable().default(null),
  /**
   * The other renditions the page's markup names for this image (srcset and `<picture><source>`
   * candidates, the src, image-set() options): another screen is shown one of them, so each is
   * this image too (site-registry.ts namedRenditionsEvidence). Absent: none, or an earlier Heed's record.
   */
  renditions: z.array(z.string().max(8192)).max(MAX_RENDITIONS).optional(),
  /** The page names more renditions than were read (a srcset past what is read, past MAX_RENDITIONS): the image fails closed. */
  renditionsCut: z.literal(true).optional(),
  alt: z.string().max(2000).default(''),
  title: z.string().max(2000).default(''),
  caption: z.string().max(2000).default(''),
  discovery: z.array(DiscoverySchema).default(['img']),
  width: z.number().nonnegative().default(0),
  height: z.number().nonnegative().default(0),
  /** Context added by discovery (issue 5): optional so older reports and literals stay valid. */
  ariaLabel: z.string().max(2000).optional(),
  /** The nearest heading before the image, in document order. */
  heading: z.string().max(2000).optional(),
  /** Where the image's enclosing link points (when it is not the image file itself). */
  linkUrl: z.string().max(8192).nullable().optional(),
  /** The element's box in CSS px (0: not rendered or unknown); width/height are the image's own pixels. */
  renderedWidth: z.number().nonnegative().optional(),
  renderedHeight: z.number().nonnegative().optional(),
  /** Licence markup scoped to this element (figure rel=license, RDFa/microdata), with credits. */
  elementLicences: z.array(ElementLicenceHintSchema).max(MAX_ELEMENT_HINTS).default([]),
  /**
   * The frames (other than the top document) the image was found in, with each frame
   * document's own robots metas and TDMRep meta: their opt-outs bind the image (DESIGN.md §2
   * rule 3 — the frame is the page that shows it).
   */
  frames: z
    .array(FrameSignalsSchema.extend({
      /** The frame document's response headers that carry opt-outs (lower-cased names): its lines, or one value fetch may have joined. */
      headers: z.record(z.string().max(100), z.union([z.string().max(MAX_FRAME_HEADER_CHARS), z.array(z.string().max(MAX_FRAME_HEADER_CHARS)).max(50)])).optional(),
      /** Why the frame's headers were not read (too many frames, a failed request, a header too long to read in full): its images then fail closed. */
      headersUnread: z.string().max(200).optional(),
    }))
    .max(MAX_FRAMES_PER_IMAGE + 1)
    .optional(),
}));
export type ImageCandidate = z.infer<typeof ImageCandidateSchema>;
export type FrameOfImage = NonNullable<ImageCandidate['frames']>[number];

/**
 * `frames` with one more frame the image was found in. Past MAX_FRAMES_PER_IMAGE the rest are not
 * kept; one entry then says so, and its `headersUnread` makes the image fail closed (assess.ts):
 * a page showing the image in 20 decoy frames first cannot hide the frame whose owner refuses.
 */
export function withFrame(frames: readonly FrameOfImage[] | undefined, frame: FrameOfImage): FrameOfImage[] {
  const list = frames ?? [];
  if (list.length < MAX_FRAMES_PER_IMAGE) return [...list, frame];
  if (list.length > MAX_FRAMES_PER_IMAGE) return [...list];
  return [...list, { url: frame.url, metas: [], tdm: {}, headersUnread: `the image is shown in more than ${MAX_FRAMES_PER_IMAGE} frames; the rest were not read` }];
}

/**
 * The candidate another frame of the same page reported first, once this frame reports the same
 * image too. The first report is kept (its discovery decides whose markup its hints are: assess.ts),
 * but what this frame's markup says around the image is not dropped: if it says something the
 * first report's markup does not (a same-site frame's figure stating CC BY-NC beside the top
 * page's CC BY), the image's element markup reads as unread, and no HTML licence is relied on for
 * it (DESIGN.md §2 rule 4: different licences at the most specific level refuse; the reading that
 * cannot keep what the owner refused). Kept whole, the conflict was lost and the image permitted.
 */
export function withSameImageReported(known: ImageCandidate, other: ImageCandidate): ImageCandidate {
  const said = new Set(known.elementLicences.map((h) => JSON.stringify(h)));
  if (other.elementLicences.every((h) => said.has(JSON.stringify(h)))) return known;
  return { ...known, elementLicences: cappedHints([...known.elementLicences, UNREAD_HINT]) };
}

/**
 * `known` with another report of the same image merged in — from another frame of the page, or a
 * frame's later report — as Collect's scan merges the frames' reports (scan-tab.ts) and the scroll
 * watch merges what its frames report later (collector.ts addCandidates): the markup around it
 * (withSameImageReported) and every frame it was found in, each once (withFrame; past the cap the
 * image fails closed). Decision (DESIGN.md §2, the reading that cannot keep what the owner
 * refused): an image is judged under every place it was found, so no report of it is dropped as
 * "already known". Returns `known` itself when the report adds nothing (the same frame, saying the
 * same, or the top document with the same markup).
 */
export function withReportOf(known: ImageCandidate, other: ImageCandidate): ImageCandidate {
  let merged = withSameImageReported(known, other);
  // The renditions another report shows or names are this image's too (site-registry.ts
  // namedRenditionsEvidence): the first report's alone were kept, and a frame showing the image
  // from a blocked site's rendition did not refuse it.
  const named = cappedRenditions(
    [...(merged.renditions ?? []), ...(other.thumbnailUrl ? [other.thumbnailUrl] : []), ...(other.renditions ?? [])],
    [merged.url, merged.thumbnailUrl],
    merged.renditionsCut === true || other.renditionsCut === true,
  );
  if ((named.renditions?.length ?? 0) > (merged.renditions?.length ?? 0) || (named.renditionsCut && !merged.renditionsCut)) merged = { ...merged, ...named };
  const key = (f: FrameOfImage) => JSON.stringify(f);
  for (const frame of other.frames ?? []) {
    const had = merged.frames ?? [];
    if (had.some((f) => key(f) === key(frame))) continue;
    const frames = withFrame(had, frame);
    if (frames.length > had.length) merged = { ...merged, frames };
  }
  return merged;
}

/**
 * `skipped`: smaller than Min image side once its bytes were read (an icon whose size the scan
 * could not know). Like the icons the scan skips, it is never stored and the popup does not list
 * it (README: icons are skipped); the verdict is recorded so the job knows it is done, and the
 * popup counts it.
 */
export const DecisionKindSchema = lazily(() => z.enum(['permitted', 'refused', 'failed', 'duplicate', 'skipped']));
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

/** The outcome for one candidate, shown in the popup for the current collect. */
export const VerdictSchema = lazily(() => z.object({
  url: z.string(),
  decision: DecisionKindSchema,
  reasons: z.array(ReasonCodeSchema),
  licence: LicenceSchema.nullable(),
  sha256: z.string().nullable(),
  evidence: z.array(EvidenceSchema),
}));
export type Verdict = z.infer<typeof VerdictSchema>;
