import { MAX_PAGE_URL } from '../model/page-url';
import { ImageCandidateSchema, withReportOf, type FrameOfImage, type ImageCandidate } from './verdict';

/**
 * The candidate "Collect this image" judges: the scan's record of `url` (as the candidate, or as
 * the rendition a candidate shows), else a bare record of it; and the document the user chose it
 * in (`from`: the context menu's frameId, 0 for the top document, and frameUrl; `signals`: what
 * that frame's scan sent, with its writer's). Decision (DESIGN.md §2 rules 1, 3 and 5, the
 * reading that cannot keep what the owner refused):
 * - chosen inside a frame, the image was found there: that frame is among its places
 *   (verdict.ts withReportOf), whatever the scan reported — before, an image the scan did not
 *   report from that frame (one that did not answer in time, an image its scanner missed) was
 *   judged as the top page's alone, and a blocked site's frame, or one whose metas say noai, did
 *   not refuse it. A frame whose scan answer Heed does not have is recorded with its address and
 *   as unread (`headersUnread`), so the image fails closed;
 * - chosen where the menu did not say which document, a record the scan has is judged as it
 *   reported it; a bare one may be a frame's whose signals went unread: it fails closed too;
 * - chosen in the top document, it is the page's image, decided by the page's signals.
 */
export function chosenImage(
  candidates: readonly ImageCandidate[],
  url: string,
  from: { frameId?: number | undefined; frameUrl?: string | undefined; signals?: readonly FrameOfImage[] | undefined } = {},
): ImageCandidate {
  const reported = candidates.find((c) => c.url === url || c.thumbnailUrl === url);
  const found = reported ?? ImageCandidateSchema.parse({ url });
  if (from.frameId === 0 || (from.frameId === undefined && reported)) return found;
  const frameUrl = from.frameUrl && from.frameUrl.length <= MAX_PAGE_URL ? from.frameUrl : 'about:blank';
  const why = from.frameId === undefined ? 'the image was chosen where Heed could not tell which document shows it' : "the frame the image was chosen in did not answer Heed's scan";
  const frames: readonly FrameOfImage[] = from.signals ?? [{ url: frameUrl, metas: [], tdm: {}, owners: null, headersUnread: `${why}: that document's signals were not read` }];
  return withReportOf(found, { ...found, frames: [...frames] });
}

/**
 * A link counts as the full-size original only if it turns out to be an image. When the link
 * around a shown image answers something else — MediaWiki's `<a href="/wiki/File:X.jpg">` is
 * the HTML page about the file — or fails, the image shown is what the page offers, so that is
 * judged instead (its largest rendition: the scanner keeps it as `thumbnailUrl`). Null when the
 * candidate is not a linked original (a text link to a file has nothing shown to fall back to).
 */
export function shownImageInstead(candidate: ImageCandidate): ImageCandidate | null {
  const shown = candidate.thumbnailUrl;
  if (!shown || shown === candidate.url || !candidate.discovery.includes('link')) return null;
  const discovery = candidate.discovery.filter((d) => d !== 'link');
  return {
    ...candidate,
    url: shown,
    thumbnailUrl: null,
    linkUrl: candidate.url,
    discovery: discovery.length > 0 ? discovery : ['img'],
    // The link's size was the linked file's, unknown; the shown image's is read from its bytes.
    width: 0,
    height: 0,
  };
}

/**
 * Min image side (a setting) on the fetched bytes, as the scan applies it on the page: an image
 * smaller than it both as stored and as shown is an icon or a pixel, and is skipped. It catches
 * the icons whose size the scan could not know (a `srcset` 2x rendition it did not load). A
 * size not known — stored or shown (0: not rendered or unknown) — never causes a skip.
 */
export function belowMinSide(
  stored: { width: number | null; height: number | null },
  shown: Pick<ImageCandidate, 'renderedWidth' | 'renderedHeight'>,
  minSide: number,
): boolean {
  const small = (w: number, h: number) => w < minSide || h < minSide;
  const { width, height } = stored;
  const shownW = shown.renderedWidth ?? 0;
  const shownH = shown.renderedHeight ?? 0;
  if (minSide <= 0 || !width || !height || !(shownW > 0 && shownH > 0)) return false;
  return small(width, height) && small(shownW, shownH);
}
