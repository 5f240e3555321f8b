import { getCachedSignal, putCachedSignal, type HeedDatabase } from '@/utils/store/db';
import { SITE_CACHE_CLEARED_CHANNEL } from '@/utils/store/retention';
import { isBotChallenge, isOriginFiles, robotsStatusOutcome, signalFileStatusOutcome, signalFileUrls, type OriginFiles } from '@/utils/signals/origin-files';
import { isFetchedFile, type FetchedFile } from '@/utils/signals/fetched-file';
import { decodeSignalText, isNotText } from '@/utils/signals/text-encoding';
import { MAX_ROBOTS_BYTES, parseCached, robotsBodyFromBytes, robotsLicences, serverFoldsCase, type RobotsFetch } from '@/utils/signals/robots-txt';
import { sameRegistrableDomain } from '@/utils/model/registrable-domain';
import { fetchLimited, inflatedIfGzip, type FetchOutcome } from './fetch-limited';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A failure is retried sooner than a good answer is refreshed. */
const FAILURE_TTL_MS = 5 * 60 * 1000;
const MAX_SIGNAL_FILE = 512 * 1024;
/** RSL licences read per declaration point (robots.txt, a page, an image response). */
const MAX_RSL_DOCS = 3;
/**
 * 2: robots.txt records whether its server reads paths in any letter case (`foldsCase`).
 * 3: a bot challenge in a file's place is unread (isBotChallenge), and a UTF-32 file is not text:
 * format 2 cached them as "no robots.txt" and as a file with no rule, which allowed what the
 * site's own file refuses for up to 24 h after the update. Each site is read again.
 * 4: an AWS WAF challenge or CAPTCHA (x-amzn-waf-action) in a file's place is unread too: format 3
 * cached its 405 as "no robots.txt" and its 202 as a file with no rule. Each site is read again.
 */
const CACHE_FORMAT = 4;

/**
 * A signal file's body still gzip-compressed (a `robots.txt.gz` served as `robots.txt` without
 * `Content-Encoding`, or compressed twice) read as text is binary noise with no rule in it: the
 * owner's `Disallow: /` for GPTBot read as "no rule", everything allowed. Decision (DESIGN.md §2
 * rule 2, the reading that cannot keep what the owner refused): such a body is inflated and read
 * as the file; one that does not inflate is unreadable (robots.txt: unreachable; the others:
 * signal-unreadable), never an empty file.
 */
const NOT_INFLATED = 'a gzip-compressed body that could not be decompressed';
/** A bot-protection challenge answered in the file's place (origin-files.ts isBotChallenge): the file was not read. */
const CHALLENGED = 'a bot challenge answered in place of the file (cf-mitigated or x-vercel-mitigated: challenge, x-amzn-waf-action: challenge or captcha)';
/** A body that is not text (text-encoding.ts isNotText: still Brotli- or zstd-compressed, junk): unreadable, never an empty file. */
const NOT_TEXT = 'a body that is not text (compressed without saying so, or not a text file)';

/**
 * robots.txt, and the URL its body was answered at (after redirects): its relative `License:`
 * URLs resolve against that (RFC 3986 §5.1.3, the retrieval URI), as they do for its owner:
 * when `/robots.txt` redirects to `cdn.site/static/robots.txt`, its `License: license.xml` names
 * `cdn.site/static/license.xml`; resolved against `/robots.txt` it named a 404, read as no licence.
 */
async function fetchRobots(url: string): Promise<{ robots: RobotsFetch; base: string }> {
  // One byte past the cap tells a file that ends at it from one that goes on.
  const r = await fetchLimited(url, MAX_ROBOTS_BYTES + 1);
  // A bot challenge in the file's place, whatever its status: the rules behind it are unread (isBotChallenge).
  if (isBotChallenge(r.headers)) return { robots: { url, outcome: 'unreachable', detail: CHALLENGED }, base: url };
  if (r.outcome === 'ok') {
    const body = await inflatedIfGzip(r.bytes, MAX_ROBOTS_BYTES + 1);
    if (!body) return { robots: { url, outcome: 'unreachable', detail: NOT_INFLATED }, base: url };
    if (isNotText(body.bytes)) return { robots: { url, outcome: 'unreachable', detail: NOT_TEXT }, base: url };
    // An IIS server reads paths in any letter case: its Disallows hold so too (serverFoldsCase).
    const foldsCase = serverFoldsCase(r.headers.get('server'));
    return { robots: { url, outcome: 'ok', ...robotsBodyFromBytes(body.bytes), ...(foldsCase ? { foldsCase } : {}) }, base: r.finalUrl }; // past 500 KiB is ignored (RFC 9309 §2.5)
  }
  return { robots: robotsFailure(url, r), base: url };
}

function robotsFailure(url: string, r: Exclude<FetchOutcome, { outcome: 'ok' }>): RobotsFetch {
  // 429 is a 4xx that means "not now", not "no file": robots-unreachable (DESIGN.md §2 rule 2).
  if (r.outcome === 'unavailable' && robotsStatusOutcome(r.status) === 'unavailable') return { url, outcome: 'unavailable', status: r.status };
  return { url, outcome: 'unreachable', detail: r.outcome === 'unavailable' ? `HTTP ${r.status}` : r.detail };
}

async function fetchFile(url: string): Promise<FetchedFile> {
  const r = await fetchLimited(url, MAX_SIGNAL_FILE + 1);
  if (isBotChallenge(r.headers)) return { url, outcome: 'error', detail: CHALLENGED };
  // Only 404/410 mean absent; 429 and other 4xx leave the file unread (DESIGN.md §2 rule 3).
  if (r.outcome === 'unavailable') return signalFileStatusOutcome(r.status) === 'absent' ? { url, outcome: 'absent' } : { url, outcome: 'error', detail: `HTTP ${r.status}` };
  if (r.outcome === 'unreachable') return { url, outcome: 'error', detail: r.detail };
  if (r.truncated) return { url, outcome: 'error', detail: 'larger than 512 KiB' };
  const body = await inflatedIfGzip(r.bytes, MAX_SIGNAL_FILE + 1);
  if (!body) return { url, outcome: 'error', detail: NOT_INFLATED };
  if (body.truncated) return { url, outcome: 'error', detail: 'larger than 512 KiB' };
  if (isNotText(body.bytes)) return { url, outcome: 'error', detail: NOT_TEXT };
  // UTF-16 files too (utils/signals/text-encoding.ts): read as UTF-8 their rules were noise.
  return { url, outcome: 'ok', body: decodeSignalText(body.bytes) };
}

function isFailure(files: OriginFiles): boolean {
  return files.robots.outcome === 'unreachable' || [files.tdmrep, files.aiTxt, ...files.rsl].some((f) => f.outcome === 'error' && f.detail !== PAST_CAP && f.detail !== NOT_A_URL);
}

/** How long a reading is shared in memory once read (OriginSignals.shared). */
const SHARED_MS = 60_000;
/** A promise shared by concurrent jobs, and until when it may be (Infinity while it runs). */
interface Shared<T> {
  promise: Promise<T>;
  until: number;
}

const ANOTHER_SITE = 'hosted on another site; Heed only contacts the site being collected from';
const NOT_A_URL = 'robots.txt declares a licence that is not an http(s) URL Heed can fetch';
const NOT_FETCHABLE = 'a licence linked with an address that is not an http(s) URL Heed can fetch';
const PAST_CAP = `more than ${MAX_RSL_DOCS} RSL licences declared; Heed reads the first ${MAX_RSL_DOCS}`;

/**
 * Fetch the first MAX_RSL_DOCS of the declared RSL licences; the rest are unread. Decision
 * (DESIGN.md §2 rule 5): a declared licence Heed did not read may prohibit the purpose, so it
 * stays in the list as unreadable (`error`, which fails closed), never dropped as if absent.
 */
function withinCap(urls: readonly string[], fetch: (url: string) => Promise<FetchedFile>): Promise<FetchedFile[]> {
  return Promise.all(urls.map((url, i) => (i < MAX_RSL_DOCS ? fetch(url) : Promise.resolve<FetchedFile>({ url, outcome: 'error', detail: PAST_CAP }))));
}

/**
 * An RSL licence document, fetched only from the site that declared it. Privacy: Heed contacts
 * only the site being collected from, so a document on another site is not fetched, and a
 * declared licence left unread fails closed (signal-unreadable).
 */
function fetchRsl(url: string, declaredBy: string): Promise<FetchedFile> {
  // A licence linked with a target that is not an http(s) URL (rsl.ts readRslLinkHeader) is unread.
  if (!/^https?:\/\//i.test(url)) return Promise.resolve({ url, outcome: 'error', detail: NOT_FETCHABLE });
  return sameRegistrableDomain(url, declaredBy) ? fetchFile(url) : Promise.resolve({ url, outcome: 'error', detail: ANOTHER_SITE });
}

/**
 * The site-wide signal files of each origin, fetched once and shared by concurrent jobs
 * (in-flight promises are reused), cached in IndexedDB for at most 24 h (RFC 9309 §2.4).
 */
export class OriginSignals {
  private readonly inflight = new Map<string, Shared<OriginFiles>>();
  private readonly inflightRsl = new Map<string, Shared<FetchedFile>>();

  constructor(private readonly db: HeedDatabase) {}

  /**
   * Hear "Clear history" (utils/store/retention.ts announceSiteCacheCleared) from every Heed
   * context; returns how to stop. The files shared in memory (a minute past each read, `shared`)
   * are forgotten with the site cache: a collect started in that minute used the reading from
   * before the clear, and a refusal the site had since published was not read.
   */
  listen(): () => void {
    if (typeof BroadcastChannel === 'undefined') return () => undefined;
    const channel = new BroadcastChannel(SITE_CACHE_CLEARED_CHANNEL);
    channel.onmessage = () => this.forgetShared();
    return () => channel.close();
  }

  /** Forget the files shared in memory: the next ask reads the site cache, or the site, again. */
  forgetShared(): void {
    this.inflight.clear();
    this.inflightRsl.clear();
  }

  get(origin: string): Promise<OriginFiles> {
    return this.shared(this.inflight, origin, () =>
      this.cached(`origin-files/${CACHE_FORMAT} ${origin}`, (v): v is OriginFiles => isOriginFiles(v, origin), isFailure, () => this.load(origin)),
    );
  }

  /**
   * The RSL licences a page or an image response links to (`<link rel="license">`, a `Link`
   * header), as many as robots.txt gets, each fetched once and cached like the origin files.
   */
  rslDocuments(urls: readonly string[], declaredBy: string): Promise<FetchedFile[]> {
    return withinCap([...new Set(urls)], (url) => this.rslDocument(url, declaredBy));
  }

  private rslDocument(url: string, declaredBy: string): Promise<FetchedFile> {
    return this.shared(this.inflightRsl, `${url} ${declaredBy}`, () =>
      this.cached(`rsl-document/${CACHE_FORMAT} ${url} ${declaredBy}`, (v): v is FetchedFile => isFetchedFile(v) && v.url === url, (f) => f.outcome === 'error', () => fetchRsl(url, declaredBy)),
    );
  }

  /** One promise per key while it runs (and a minute after): concurrent jobs share a fetch. */
  private shared<T extends object>(inflight: Map<string, Shared<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const known = inflight.get(key);
    if (known && now <= known.until) return known.promise;
    // Kept a minute once read, but never past 24 h from when the files were fetched (DESIGN.md
    // §2 rule 2: cache ≤ 24 h): a reading the site cache gave just short of them was used from
    // memory for up to a minute longer, and a refusal the site had published since went unread.
    const mine: Shared<T> = { promise: Promise.resolve(undefined as unknown as T), until: Infinity };
    const settled = (fetchedAt: number) => {
      mine.until = Math.min(Date.now() + SHARED_MS, fetchedAt + DAY_MS);
      setTimeout(() => inflight.get(key) === mine && inflight.delete(key), SHARED_MS);
    };
    mine.promise = load().then(
      (value) => {
        const at = (value as { fetchedAt?: unknown }).fetchedAt;
        settled(typeof at === 'number' ? at : now);
        return value;
      },
      (err: unknown) => {
        settled(now);
        throw err;
      },
    );
    inflight.set(key, mine);
    return mine.promise;
  }

  /**
   * From IndexedDB when fresh (≤ 24 h; a failure ≤ 5 min) and well-formed (`valid`), else loaded
   * and stored. An entry that is not well-formed is read again from the site: used, it crashed
   * the collect, or read as "no file" (DESIGN.md §2 rule 5).
   */
  private async cached<T extends object>(key: string, valid: (value: unknown) => value is T, failed: (value: T) => boolean, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    // The cache only saves requests: a database that cannot be read or written (closed, over its
    // quota with a few 512 KiB files) must not fail the collect, whose files are read from the site.
    const raw = await getCachedSignal(this.db, key, DAY_MS, now).catch(() => undefined);
    const hit = valid(raw) ? raw : undefined;
    const fetchedAt = (raw as { fetchedAt?: unknown } | undefined)?.fetchedAt;
    if (hit && (!failed(hit) || (typeof fetchedAt === 'number' && now - fetchedAt < FAILURE_TTL_MS))) return hit;
    const value = await load();
    await putCachedSignal(this.db, key, { ...value, fetchedAt: now }, now).catch((err: unknown) => console.warn(`Heed: site cache not written (${key})`, err));
    return value;
  }

  private async load(origin: string): Promise<OriginFiles> {
    const urls = signalFileUrls(origin);
    const [{ robots, base }, tdmrep, aiTxt] = await Promise.all([fetchRobots(urls.robots), fetchFile(urls.tdmrep), fetchFile(urls.aiTxt)]);
    const declared = robots.outcome === 'ok' ? robotsLicences(parseCached(robots.body), base) : { urls: [], unread: [] };
    // A declared licence that names no URL Heed can fetch is unread: it fails closed (robotsLicences).
    const unread = declared.unread.map((value): FetchedFile => ({ url: value, outcome: 'error', detail: NOT_A_URL }));
    const rsl = [...(await withinCap(declared.urls, (u) => fetchRsl(u, origin))), ...unread];
    return { origin, robots, tdmrep, aiTxt, rsl };
  }
}
