import { MAX_PAGE_URL } from '../model/page-url';
import { ImageCandidateSchema, type ImageCandidate } from './verdict';

/**
 * The candidate "Collect this image" judges: the scan's record of `url` (as the candidate, or as
 * the rendition a candidate shows), else a bare record of it. `from`: the frame the user chose it
 * in (the context menu's frameId, 0 for the top document, and frameUrl). Decision (DESIGN.md §2
 * rules 3 and 5): an image the scan did not report, chosen in a frame — one whose scan did not
 * answer — is shown in a document whose robots metas, TDMRep meta and headers Heed did not read;
 * judged as the top page's, that frame's `noimageai` was lost. It fails closed instead, as a
 * frame whose headers went unread does (`headersUnread`). Chosen where the menu did not say which
 * document (no frameId), it may be such a frame: the same. Chosen in the top document, a bare
 * record is the page's image, decided by the page's signals.
 */
export function chosenImage(candidates: readonly ImageCandidate[], url: string, from: { frameId?: number | undefined; frameUrl?: string | undefined } = {}): ImageCandidate {
  const found = candidates.find((c) => c.url === url || c.thumbnailUrl === url);
  if (found) return found;
  const bare = ImageCandidateSchema.parse({ url });
  if (from.frameId === 0) return bare;
  const frameUrl = from.frameUrl && from.frameUrl.length <= MAX_PAGE_URL ? from.frameUrl : 'about:blank';
  const why = from.frameId === undefined ? 'the image was chosen where Heed could not tell which document shows it' : 'the image was chosen in a frame whose scan did not report it';
  return { ...bare, frames: [{ url: frameUrl, metas: [], tdm: {}, headersUnread: `${why}: that document's signals were not read` }] };
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
