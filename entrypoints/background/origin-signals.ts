import { getCachedSignal, putCachedSignal, type HeedDatabase } from '@/utils/db';
import { signalFileUrls, type OriginFiles } from '@/utils/origin-files';
import type { FetchedFile } from '@/utils/signals/fetched-file';
import { MAX_ROBOTS_BYTES, parseCached, robotsLicenceUrls, type RobotsFetch } from '@/utils/signals/robots-txt';
import { sameRegistrableDomain } from '@/utils/registrable-domain';
import { fetchLimited } from './fetch-limited';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A failure is retried sooner than a good answer is refreshed. */
const FAILURE_TTL_MS = 5 * 60 * 1000;
const MAX_SIGNAL_FILE = 512 * 1024;
const MAX_RSL_DOCS = 3;
const CACHE_FORMAT = 1;

const decoder = new TextDecoder('utf-8', { fatal: false });

async function fetchRobots(url: string): Promise<RobotsFetch> {
  const r = await fetchLimited(url, MAX_ROBOTS_BYTES);
  if (r.outcome === 'ok') return { url, outcome: 'ok', body: decoder.decode(r.bytes) }; // past 512 KiB is ignored (RFC 9309 §2.5)
  if (r.outcome === 'unavailable') return { url, outcome: 'unavailable', status: r.status };
  return { url, outcome: 'unreachable', detail: r.detail };
}

async function fetchFile(url: string): Promise<FetchedFile> {
  const r = await fetchLimited(url, MAX_SIGNAL_FILE + 1);
  if (r.outcome === 'unavailable') return { url, outcome: 'absent' };
  if (r.outcome === 'unreachable') return { url, outcome: 'error', detail: r.detail };
  if (r.truncated) return { url, outcome: 'error', detail: 'larger than 512 KiB' };
  return { url, outcome: 'ok', body: decoder.decode(r.bytes) };
}

function isFailure(files: OriginFiles): boolean {
  return files.robots.outcome === 'unreachable' || files.tdmrep.outcome === 'error' || files.aiTxt.outcome === 'error';
}

/**
 * The site-wide signal files of each origin, fetched once and shared by concurrent jobs
 * (in-flight promises are reused), cached in IndexedDB for at most 24 h (RFC 9309 §2.4).
 */
export class OriginSignals {
  private readonly inflight = new Map<string, Promise<OriginFiles>>();

  constructor(private readonly db: HeedDatabase) {}

  get(origin: string): Promise<OriginFiles> {
    let p = this.inflight.get(origin);
    if (!p) {
      p = this.load(origin).finally(() => setTimeout(() => this.inflight.delete(origin), 60_000));
      this.inflight.set(origin, p);
    }
    return p;
  }

  private async load(origin: string): Promise<OriginFiles> {
    const key = `origin-files/${CACHE_FORMAT} ${origin}`;
    const now = Date.now();
    const cached = (await getCachedSignal(this.db, key, DAY_MS, now)) as (OriginFiles & { fetchedAt: number }) | undefined;
    if (cached && (!isFailure(cached) || now - cached.fetchedAt < FAILURE_TTL_MS)) return cached;
    const urls = signalFileUrls(origin);
    const [robots, tdmrep, aiTxt] = await Promise.all([fetchRobots(urls.robots), fetchFile(urls.tdmrep), fetchFile(urls.aiTxt)]);
    const rslUrls = robots.outcome === 'ok' ? robotsLicenceUrls(parseCached(robots.body), urls.robots).slice(0, MAX_RSL_DOCS) : [];
    // Privacy: Heed contacts only the site being collected from, so an RSL document hosted on
    // another site is not fetched; a declared licence left unread fails closed (signal-unreadable).
    const rsl = await Promise.all(
      rslUrls.map((u): Promise<FetchedFile> =>
        sameRegistrableDomain(u, origin)
          ? fetchFile(u)
          : Promise.resolve({ url: u, outcome: 'error', detail: 'hosted on another site; Heed only contacts the site being collected from' }),
      ),
    );
    const files: OriginFiles = { origin, robots, tdmrep, aiTxt, rsl };
    await putCachedSignal(this.db, key, { ...files, fetchedAt: now }, now);
    return files;
  }
}
