import type { HeedDatabase } from '@/utils/db';
import type { Evidence, FailureReason } from '@/utils/evidence';
import type { ImageSignals } from '@/utils/assess';
import { readImageSize, sha256Hex, sniffImageType } from '@/utils/image-bytes';
import type { Settings } from '@/utils/settings';
import type { ImageCandidate } from '@/utils/verdict';
import { fetchLimited } from './fetch-limited';

export interface GatheredImage extends ImageSignals {
  mime: string;
  bytes: Uint8Array;
  sha256: string;
  width: number | null;
  height: number | null;
  synthetic: boolean | null;
}

export type GatherResult =
  | { ok: true; image: GatheredImage }
  | { ok: false; reason: FailureReason; evidence: Evidence[] };

function failed(reason: FailureReason, url: string, value: string, note: string): GatherResult {
  return { ok: false, reason, evidence: [{ kind: 'fetch', scope: 'image', source: url, value, effect: 'info', note }] };
}

/** Fetch one image and read everything it carries: bytes, type, size, hash and rights signals. */
export async function gatherImage(_db: HeedDatabase, candidate: ImageCandidate, settings: Settings): Promise<GatherResult> {
  const fetched = await fetchLimited(candidate.url, settings.maxImageBytes + 1);
  if (fetched.outcome === 'unreachable') return failed('fetch-failed', candidate.url, fetched.detail, `The image could not be fetched (${fetched.detail})`);
  if (fetched.outcome === 'unavailable') return failed('fetch-failed', candidate.url, `HTTP ${fetched.status}`, `The server answered HTTP ${fetched.status}`);
  if (fetched.truncated) {
    return failed('too-large', candidate.url, `> ${settings.maxImageBytes} bytes`, `The image is larger than the ${Math.round(settings.maxImageBytes / 1048576)} MB limit`);
  }
  const mime = sniffImageType(fetched.bytes);
  if (!mime) return failed('not-an-image', candidate.url, fetched.headers.get('content-type') ?? 'unknown', 'The response is not an image');
  const size = readImageSize(fetched.bytes, mime);
  return {
    ok: true,
    image: {
      finalUrl: fetched.finalUrl,
      mime,
      bytes: fetched.bytes,
      sha256: await sha256Hex(fetched.bytes),
      width: size?.width ?? null,
      height: size?.height ?? null,
      synthetic: null,
      evidence: [],
      embeddedLicence: null,
    },
  };
}
