import type { ImageInputs } from '@/utils/policy/assess';
import type { Evidence, FailureReason } from '@/utils/model/evidence';
import { readImageSize, sha256Hex, sniffImageType } from '@/utils/media/image-bytes';
import { originOf } from '@/utils/signals/origin-files';
import { carriedAddresses } from '@/utils/model/shared-hosting';
import { purposeProfile } from '@/utils/model/purposes';
import type { Settings } from '@/utils/model/settings';
import { evaluateC2pa } from '@/utils/signals/c2pa';
import { readRslLinkHeader } from '@/utils/signals/rsl';
import { headerLines } from '@/utils/signals/header-lines';
import { evaluateEmbeddedRights, readEmbeddedRights, statedLicences } from '@/utils/signals/xmp';
import { evaluateSvgEmbeddedRights } from '@/utils/signals/svg-embedded-rights';
import { belowMinSide, shownImageInstead } from '@/utils/policy/image-to-judge';
import { embeddedCredit } from '@/utils/signals/xmp-credit';
import type { ImageCandidate } from '@/utils/policy/verdict';
import { fetchWithRetry, headerMap, type FetchOutcome } from './fetch-limited';
import type { OriginSignals } from './origin-signals';
import { redirectOf } from './redirect-hops';
import type { Decision } from '@/utils/policy/decide';
import type { RedirectHop } from '@/utils/policy/assess';
import { carriedSiteOrigins, hopNotSeen, renditionSiteOrigins } from '@/utils/policy/pre-fetch';
import { frameDocumentAddresses } from '@/utils/policy/site-registry';

export interface GatheredImage {
  inputs: ImageInputs;
  mime: string;
  bytes: Uint8Array;
  sha256: string;
  width: number | null;
  height: number | null;
  synthetic: boolean | null;
  /** plus:ModelReleaseStatus from the image's own XMP (DESIGN.md §2 rule 6), null when absent or unreadable. */
  modelRelease: string | null;
}

/**
 * What fetching one candidate gave: the image with its evidence; a failure (`instead`: the image
 * shown inside a link that turned out not to be an image, to judge in its place); or an image
 * below Min image side, skipped like the icons the scan skips.
 */
export type GatherResult =
  | { ok: true; image: GatheredImage }
  | GatherFailure
  | { ok: false; reason: 'below-min-side'; evidence: Evidence[]; instead: null }
  /** Refused on the way: a redirect led to a URL already known to refuse the image, or could not be seen. Not requested further. */
  | { ok: false; reason: 'refused-on-the-way'; refusal: Decision; instead: null };
type GatherFailure = { ok: false; reason: FailureReason; evidence: Evidence[]; instead: ImageCandidate | null };

function failed(reason: FailureReason, url: string, value: string, note: string): GatherFailure {
  return { ok: false, reason, evidence: [{ kind: 'fetch', scope: 'image', source: url, value, effect: 'info', note }], instead: null };
}

/** The link was not an image (`value`: what it answered): the image shown inside it is judged instead. */
function linkNotAnImage(candidate: ImageCandidate, value: string, why: string, otherwise: GatherFailure): GatherFailure {
  const instead = shownImageInstead(candidate);
  if (!instead) return otherwise;
  const note = `The link around this image is not an image (${why}): the image shown on the page was judged instead`;
  return { ...otherwise, evidence: [{ kind: 'fetch', scope: 'image', source: candidate.url, value, effect: 'info', note }], instead };
}

/** Runs a request to `url` in one of the politeness slots of its origin. */
export type FetchSlot = <T>(url: string, request: () => Promise<T>) => Promise<T>;

/** What refuses the image before the URL a redirect leads to is requested (pre-fetch.ts refusalBeforeHop), or null. */
export type BeforeHop = (hops: readonly RedirectHop[], nextUrl: string) => Promise<Decision | null>;

/** Redirects followed at most, as Chromium's own limit. */
const MAX_HOPS = 20;

type HopWalk = { fetched: FetchOutcome; hops: RedirectHop[] } | { refusal: Decision };

/**
 * Request `url` one hop at a time (DESIGN.md §2 rule 2 for every URL on the way): each redirect
 * is read through webRequest (redirect-hops.ts), and the URL it leads to is judged (`beforeHop`)
 * before it is requested, in a politeness slot of its own origin. A site in the middle of a
 * chain (A → B → C) that refuses by its robots.txt, or a redirect whose 3xx says noai, is never
 * requested past; a hop that cannot be seen ends the walk, refused (fail closed).
 */
async function walkRedirects(url: string, maxBytes: number, fetchSlot: FetchSlot, beforeHop: BeforeHop): Promise<HopWalk> {
  const hops: RedirectHop[] = [];
  let current = url;
  for (;;) {
    const since = Date.now();
    const answer = await fetchSlot(current, () => fetchWithRetry(current, maxBytes));
    if (answer.outcome !== 'redirect') return { fetched: answer, hops };
    if (hops.length >= MAX_HOPS) return { fetched: { outcome: 'unreachable', url, detail: `more than ${MAX_HOPS} redirects` }, hops };
    const hop = await redirectOf(current, since);
    if (!hop) return { refusal: hopNotSeen(hops, current) };
    hops.push(hop);
    const refusal = await beforeHop(hops, hop.location);
    if (refusal) return { refusal };
    current = hop.location;
  }
}

/**
 * Fetch one image (in a politeness slot: only the request holds it) and read everything it
 * carries: bytes, type, size, hash and rights signals. `minSide`: Min image side for this job
 * (0 when the user chose the one image).
 */
export async function gatherImage(origins: OriginSignals, candidate: ImageCandidate, settings: Settings, fetchSlot: FetchSlot, beforeHop: BeforeHop, minSide: number): Promise<GatherResult> {
  if (candidate.url.startsWith('blob:')) {
    return failed('fetch-failed', candidate.url, 'blob: URL', "Made by the page's own scripts (a blob: URL): only the page can read it, so Heed cannot fetch it");
  }
  const walk = await walkRedirects(candidate.url, settings.maxImageBytes + 1, fetchSlot, beforeHop);
  if ('refusal' in walk) return { ok: false, reason: 'refused-on-the-way', refusal: walk.refusal, instead: null };
  const { fetched, hops: redirects } = walk;
  if (fetched.outcome === 'unreachable') {
    return linkNotAnImage(candidate, fetched.detail, `it could not be fetched: ${fetched.detail}`, failed('fetch-failed', candidate.url, fetched.detail, `The image could not be fetched (${fetched.detail})`));
  }
  if (fetched.outcome === 'unavailable') {
    const status = `HTTP ${fetched.status}`;
    return linkNotAnImage(candidate, status, `the server answered ${status}`, failed('fetch-failed', candidate.url, status, `The server answered ${status}`));
  }
  if (fetched.truncated) {
    return failed('too-large', candidate.url, `> ${settings.maxImageBytes} bytes`, `The image is larger than the ${Math.round(settings.maxImageBytes / 1048576)} MB limit`);
  }
  const mime = sniffImageType(fetched.bytes);
  if (!mime) {
    const type = fetched.headers.get('content-type') ?? 'unknown';
    return linkNotAnImage(candidate, type, `it answered ${type}`, failed('not-an-image', candidate.url, type, 'The response is not an image'));
  }
  const size = readImageSize(fetched.bytes, mime);
  if (size && belowMinSide(size, candidate, minSide)) {
    const value = `${size.width}×${size.height}`;
    const note = `Smaller than Min image side (${minSide} px) both as stored (${value}) and as shown: skipped as an icon`;
    return { ok: false, reason: 'below-min-side', evidence: [{ kind: 'fetch', scope: 'image', source: candidate.url, value, effect: 'info', note }], instead: null };
  }

  // The signal files of the origin of every URL the bytes came through: the image's, each hop's,
  // the final one's; the sites those URLs carry (an image proxy's source: its opt-outs bind the file
  // it serves, assess.ts); every frame that shows it (its robots.txt speaks for the frame's page);
  // and the rendition the page shows (thumbnailUrl: it is this image, and its site's opt-outs bind it).
  const hopUrls = redirects.flatMap((h) => [h.url, h.location]);
  const through = [candidate.url, ...hopUrls, fetched.finalUrl];
  // A blob: frame's files are its inner origin's; a frame with no address of its own, its owners'.
  const frames = (candidate.frames ?? []).flatMap(frameDocumentAddresses);
  const shown = candidate.thumbnailUrl && /^https?:/i.test(candidate.thumbnailUrl) ? [candidate.thumbnailUrl] : [];
  const read = [...new Set([...[...through, ...frames, ...shown].map(originOf).filter((o): o is string => o !== null), ...carriedSiteOrigins(through)])];
  // The renditions the page names are this image too: their origins' files speak for it
  // (assess.ts), the first MAX_RENDITION_SITES other sites' (past them, the image fails closed).
  const originNames = [...read, ...renditionSiteOrigins(candidate, read)];
  // RSL licences the response links to, fetched from the image's own site only (as robots.txt's).
  const link = fetched.headers.get('link');
  const [files, rights, linkedRsl, hopRsl] = await Promise.all([
    Promise.all(originNames.map((o) => origins.get(o))),
    readEmbeddedRights(fetched.bytes),
    origins.rslDocuments(readRslLinkHeader(link === null ? [] : [link], fetched.finalUrl), fetched.finalUrl),
    // Each redirect's own Link header may name an RSL licence for its URL (assess.ts reads it).
    Promise.all(redirects.map((h) => origins.rslDocuments(readRslLinkHeader(headerLines(h.headers, 'link').lines, h.url), h.url))),
  ]);
  const hops = redirects.map((h, i) => (hopRsl[i]!.length > 0 ? { ...h, linkedRsl: hopRsl[i] } : h));
  const profile = purposeProfile(settings.purpose);
  const embedded = evaluateEmbeddedRights(rights, profile);
  const c2pa = evaluateC2pa(fetched.bytes, profile);
  // An SVG carries the images inside it whole: what their own metadata says is the SVG's too.
  const inner = mime === 'image/svg+xml' ? await evaluateSvgEmbeddedRights(fetched.bytes, profile) : { evidence: [], licences: [] };
  const licences = [...statedLicences(embedded), ...inner.licences];
  const named = [...(embedded.named ?? []), ...(inner.named ?? [])];
  return {
    ok: true,
    image: {
      inputs: {
        url: candidate.url,
        finalUrl: fetched.finalUrl,
        headers: headerMap(fetched.headers),
        redirects: hops,
        origins: files,
        embedded: { evidence: [...embedded.evidence, ...c2pa, ...inner.evidence], licence: licences[0] ?? null, ...(licences.length > 1 ? { licences } : {}), ...(named.length > 0 ? { named } : {}), credit: embeddedCredit(rights) },
        linkedRsl,
        mime,
      },
      mime,
      bytes: fetched.bytes,
      sha256: await sha256Hex(fetched.bytes),
      width: size?.width ?? null,
      height: size?.height ?? null,
      synthetic: embedded.synthetic,
      modelRelease: 'unreadable' in rights ? null : rights.modelReleaseStatus,
    },
  };
}
