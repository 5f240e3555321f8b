import type { FetchedFile } from './fetched-file';
import type { RobotsFetch } from './robots-txt';

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

/** The well-known signal file URLs of an origin. */
export function signalFileUrls(origin: string): { robots: string; tdmrep: string; aiTxt: string } {
  return { robots: `${origin}/robots.txt`, tdmrep: `${origin}/.well-known/tdmrep.json`, aiTxt: `${origin}/ai.txt` };
}

/** `scheme://host:port` of a URL, or null. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
