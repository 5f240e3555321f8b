import { bareHost } from '../model/registrable-domain';
import { isFetchedFile, type FetchedFile } from './fetched-file';
import { isRobotsFetch, type RobotsFetch } from './robots-txt';

/** The site-wide signal files of one origin, fetched once and cached ≤ 24 h. */
export interface OriginFiles {
  origin: string;
  robots: RobotsFetch;
  /** `/.well-known/tdmrep.json` (TDMRep). */
  tdmrep: FetchedFile;
  /** `/ai.txt` (Spawning). */
  aiTxt: FetchedFile;
  /** RSL licence documents named by robots.txt `License:` records. */
  rsl: FetchedFile[];
}

/**
 * Whether `v` is the signal files of `origin` as Heed stores them. A site-cache entry is read
 * back from IndexedDB: one that is not (a torn write, another version's shape, another origin's
 * files) is not used — the caller reads the files again — rather than crashing the collect or
 * being read as "no file" (DESIGN.md §2 rule 5).
 */
export function isOriginFiles(v: unknown, origin: string): v is OriginFiles {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return f.origin === origin && isRobotsFetch(f.robots) && isFetchedFile(f.tdmrep) && isFetchedFile(f.aiTxt) && Array.isArray(f.rsl) && f.rsl.every(isFetchedFile);
}

/**
 * How robots.txt answering an HTTP error reads (DESIGN.md §2 rule 2, RFC 9309 §2.3.1): a 4xx
 * other than 429 means there is no file (`unavailable`: no restriction); 429 (too many
 * requests) and 5xx mean the site could not answer (`unreachable`: complete disallow).
 *
 * 401 and 403 included, though before RFC 9309 Google read them as a complete disallow: the rule
 * names them ("4xx other than 429"), so it is not one that reads two ways, and it holds where
 * they say "no file" — an S3 or GCS bucket answers 403, not 404, for an object that does not
 * exist when its listing is private, and such buckets serve a great share of the web's images.
 * Where a 4xx is not the site's answer about the file but a bot check answered in its place
 * (Cloudflare's `cf-mitigated: challenge`), the rules behind it are unread, and it is unreachable
 * whatever its status (isBotChallenge, read before this).
 */
export function robotsStatusOutcome(status: number): 'unavailable' | 'unreachable' {
  return status >= 400 && status < 500 && status !== 429 ? 'unavailable' : 'unreachable';
}

/**
 * How tdmrep.json, ai.txt or an RSL document answering an HTTP error reads (DESIGN.md §2 rule
 * 3): 404 and 410 say the file does not exist (`absent`); 429 and 5xx make it unreadable
 * (`error`, rule 5: signal-unreadable). Decision for the other 4xx (401, 403, 451…), which the
 * rule does not name: they refuse to show a file without saying there is none, so they are
 * unreadable too (fail closed: a file the owner may have published was not read).
 */
export function signalFileStatusOutcome(status: number): 'absent' | 'error' {
  return status === 404 || status === 410 ? 'absent' : 'error';
}

/**
 * Whether a response is a bot-protection challenge answered in place of the file asked for:
 * Cloudflare marks every challenge page `cf-mitigated: challenge` (its only value; "Detect a
 * Challenge Page response", developers.cloudflare.com), Vercel's attack-mode challenge
 * `x-vercel-mitigated: challenge`, AWS WAF its challenge and CAPTCHA `x-amzn-waf-action:
 * challenge|captcha`. The worker's requests carry none of the user's cookies, so a
 * site behind such a check can answer robots.txt with it — as a 403 (read as "no file": no
 * restriction, DESIGN.md §2 rule 2), a 404, or a 200 HTML page (read as a robots.txt with no
 * rule). Decision (DESIGN.md §2 rules 2 and 5, the reading that cannot keep what the owner
 * refused): whatever its status, a challenge is not the site's answer about the file, whose rules
 * went unread: robots.txt is unreachable (complete disallow), tdmrep.json, ai.txt and an RSL
 * document unreadable. A 4xx without such a header still reads as rule 2 says.
 */
export function isBotChallenge(headers: { get(name: string): string | null } | undefined): boolean {
  if (!headers) return false;
  if ([headers.get('cf-mitigated'), headers.get('x-vercel-mitigated')].some((v) => v !== null && /(?:^|,)\s*challenge\s*(?:,|$)/i.test(v))) return true;
  // AWS WAF answers its Challenge action with HTTP 202 and its CAPTCHA action with HTTP 405, each
  // marked `x-amzn-waf-action: challenge|captcha` (AWS WAF Developer Guide, "CAPTCHA and
  // Challenge action behavior"). Decision (DESIGN.md §2 rules 2 and 5, the reading that cannot
  // keep what the owner refused): the same as Cloudflare's. Unrecognised, the 405 read as a 4xx,
  // "no robots.txt" (no restriction), and the 202 as a robots.txt with no rule, so the owner's
  // GPTBot `Disallow: /` behind the check was never read and the images were kept.
  const waf = headers.get('x-amzn-waf-action');
  return waf !== null && /(?:^|,)\s*(?:challenge|captcha)\s*(?:,|$)/i.test(waf);
}

/** The well-known signal file URLs of an origin. */
export function signalFileUrls(origin: string): { robots: string; tdmrep: string; aiTxt: string } {
  return { robots: `${origin}/robots.txt`, tdmrep: `${origin}/.well-known/tdmrep.json`, aiTxt: `${origin}/ai.txt` };
}

/**
 * `scheme://host:port` of a URL, or null: the origin whose signal files speak for it. A host
 * written fully qualified (`v.test.`, a trailing dot) is the same DNS name as `v.test`, and the
 * same server answers. Read as an origin of its own, its robots.txt, tdmrep.json and ai.txt were
 * requested as `https://v.test./robots.txt`, which a server keyed on the exact Host can answer
 * 404 ("no restriction") while it still serves the image. Decision (DESIGN.md §2 rule 2, the
 * reading that cannot keep what the owner refused): its files are the ones the owner publishes,
 * at `https://v.test/…`; the image itself is fetched as written.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const host = bareHost(u.hostname); // every trailing dot: `v.test..` reaches v.test too
    if (host !== u.hostname && host !== '') u.hostname = host;
    return u.origin;
  } catch {
    return null;
  }
}
