import { MAX_FRAME_HEADER_CHARS, type ImageCandidate } from '@/utils/policy/verdict';
import { fetchLimited, headerMap } from './fetch-limited';
import { isBotChallenge } from '@/utils/signals/origin-files';

/** The response headers a frame document's owner can opt out with (assess.ts reads them as the top page's). */
const FRAME_OPT_OUT_HEADERS = ['x-robots-tag', 'content-usage', 'content-signal', 'tdm-reservation', 'tdm-policy'];
/** At most this many frame documents are requested again for one collect. */
export const MAX_FRAMES = 20;

/**
 * Each frame the candidates were found in gets its document's opt-out headers, which bind the
 * images in it as the top page's bind the page's (DESIGN.md §2 rule 3). The top page's are
 * captured by the webRequest observer; a frame's are read by requesting its URL again without
 * cookies, only its headers (as the top page's fallback does), once per URL. Read with fetch,
 * lines may be joined, so they are read fail-closed (header-lines.ts). A frame that cannot be
 * reached adds nothing, as a top page whose headers cannot be read again.
 */
export async function addFrameHeaders(candidates: readonly ImageCandidate[]): Promise<void> {
  const frames = candidates.flatMap((c) => c.frames ?? []);
  // A frame already unread (one above that did not answer the scan, one past a cap) fails its
  // images closed whatever its headers say: it is not requested, and takes no slot below.
  const all = [...new Set(frames.filter((f) => f.headersUnread === undefined).map((f) => f.url))].filter((u) => /^https?:/i.test(u));
  const urls = all.slice(0, MAX_FRAMES);
  // A page could put decoy frames ahead of the one whose owner refuses: the images of frames past
  // the cap fail closed (assess.ts) instead of going unread (DESIGN.md §2 rule 5).
  const unread = new Set(all.slice(MAX_FRAMES));
  const byUrl = new Map<string, Record<string, string>>();
  // Frames whose headers could not be read: a 5xx, a network failure or timeout, or a 4xx (whose
  // headers are the error page's, not the frame document's). Read as "no header", an opt-out
  // there was lost; their images fail closed instead (DESIGN.md §2 rule 5).
  const failed = new Map<string, string>();
  await Promise.all(
    urls.map(async (url) => {
      const r = await fetchLimited(url, 0);
      if (r.outcome !== 'ok') {
        failed.set(url, r.outcome === 'unavailable' ? `HTTP ${r.status}` : r.detail);
        return;
      }
      // Requested again without the user's cookies, the frame was sent elsewhere (to a login
      // page): the headers are another document's, and the frame's own went unread.
      if (r.redirected) {
        failed.set(url, `requested again, it redirected to ${r.finalUrl.slice(0, 80)}`);
        return;
      }
      // A bot check answered in the frame's place: its headers are the check's (origin-files.ts isBotChallenge).
      if (isBotChallenge(r.headers)) {
        failed.set(url, 'requested again, a bot challenge answered in its place');
        return;
      }
      const received = headerMap(r.headers);
      // Longer than a candidate may carry (verdict.ts), a header cut to fit would read as whole,
      // and an opt-out past the cut would be lost: the frame's headers are unread instead (rule 5).
      const tooLong = FRAME_OPT_OUT_HEADERS.find((name) => (received[name]?.length ?? 0) > MAX_FRAME_HEADER_CHARS);
      if (tooLong) {
        failed.set(url, `its ${tooLong} header is too long to read in full`);
        return;
      }
      const kept: Record<string, string> = {};
      for (const name of FRAME_OPT_OUT_HEADERS) if (received[name] !== undefined) kept[name] = received[name]!;
      byUrl.set(url, kept);
    }),
  );
  for (const frame of frames) {
    if (frame.headersUnread !== undefined) continue;
    const headers = byUrl.get(frame.url);
    if (headers) frame.headers = headers;
    if (unread.has(frame.url)) frame.headersUnread = `more than ${MAX_FRAMES} frames show images`;
    const why = failed.get(frame.url);
    if (why !== undefined) frame.headersUnread = `its response headers could not be read: ${why.slice(0, 120)}`;
  }
}
