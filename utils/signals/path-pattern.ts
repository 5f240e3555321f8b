/**
 * Path patterns as RFC 9309 defines them for robots.txt (§2.2.2 matching, §2.2.3 special
 * characters), reused by TDMRep `location` (which cites the same robots.txt rules), Spawning
 * ai.txt (a robots.txt look-alike) and RSL `<content url>` ("the URL-matching rules of the
 * Robots Exclusion Protocol (RFC 9309)", rslstandard.org/rsl).
 *
 * `*` matches any sequence of characters, a trailing `$` anchors the end, anything else is
 * matched as a prefix, case-sensitively, octet by octet after percent-encoding normalisation.
 * Matching is iterative (indexOf per `*` segment): no regular expressions, so no ReDoS.
 */

/** Patterns and paths longer than this are not matched (hostile input). */
export const MAX_PATTERN_LENGTH = 4096;
const MAX_TARGET_LENGTH = 16384;

const HEX = /^[0-9A-Fa-f]{2}$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const encoder = new TextEncoder();

/**
 * Normalise percent-encoding for comparison (RFC 9309 §2.2.2): `%XX` of an unreserved ASCII
 * character is decoded, other `%xx` are upper-cased, non-ASCII is UTF-8 percent-encoded.
 */
export function normalizePercentEncoding(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const hex = s.slice(i + 1, i + 3);
    if (c === '%' && HEX.test(hex)) {
      const ch = String.fromCharCode(parseInt(hex, 16));
      out += UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
      i += 2;
    } else if (s.charCodeAt(i) > 0x7e || s.charCodeAt(i) < 0x21) {
      const cp = s.codePointAt(i)!;
      const chars = String.fromCodePoint(cp);
      for (const b of encoder.encode(chars)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
      i += chars.length - 1;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Normalise a target path for matching: percent-encoding as above, and literal `*` / `$`
 * encoded, since in patterns those are special and a literal one is written `%2A` / `%24`
 * (RFC 9309 §2.2.3: `/path/file-with-a-%2A.html` matches `/path/file-with-a-*.html`).
 */
export function normalizeTarget(target: string): string {
  return normalizePercentEncoding(target).replaceAll('*', '%2A').replaceAll('$', '%24');
}

/** The path and query of an absolute URL (what robots-style patterns match), or null. */
export function pathAndQuery(url: string): string | null {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return null;
  }
}

/** A pattern as written → the normalised form used for matching and length comparison. */
export function normalizePattern(pattern: string): string {
  const p = pattern.trim();
  // RFC 9309 paths start with "/"; patterns like `*.jpg` (ai.txt) start with "*".
  // Anything else (`images/`) is read as rooted, as Google's parser does.
  const rooted = p.startsWith('/') || p.startsWith('*') ? p : `/${p}`;
  return normalizePercentEncoding(rooted);
}

/** A pattern prepared once for many matches. */
export interface CompiledPattern {
  segments: string[];
  anchored: boolean;
  /** Octet length of the normalised pattern: the longest-match specificity. */
  length: number;
}

/** Prepare a pattern; null for an empty or oversized pattern (which matches nothing). */
export function compilePattern(pattern: string): CompiledPattern | null {
  if (pattern.trim() === '' || pattern.length > MAX_PATTERN_LENGTH) return null;
  let p = normalizePattern(pattern);
  const length = p.length;
  const anchored = p.endsWith('$');
  if (anchored) p = p.slice(0, -1);
  return { segments: p.split('*'), anchored, length };
}

/** Match a compiled pattern against a target already passed through normalizeTarget. */
export function matchCompiled(c: CompiledPattern, t: string): boolean {
  if (t.length > MAX_TARGET_LENGTH) return false;
  const { segments, anchored } = c;
  const first = segments[0]!;
  if (!t.startsWith(first)) return false;
  let pos = first.length;
  if (segments.length === 1) return !anchored || t.length === pos;
  for (let i = 1; i < segments.length - 1; i++) {
    const seg = segments[i]!;
    if (seg === '') continue;
    const at = t.indexOf(seg, pos);
    if (at < 0) return false;
    pos = at + seg.length;
  }
  const last = segments[segments.length - 1]!;
  if (!anchored) return last === '' || t.indexOf(last, pos) >= 0;
  return t.length - last.length >= pos && t.endsWith(last);
}

/**
 * Whether a robots-style `pattern` matches `target` (a path+query). Both are normalised
 * here; an empty pattern matches nothing (an empty `Disallow:` allows all).
 */
export function matchesPathPattern(pattern: string, target: string): boolean {
  const c = compilePattern(pattern);
  return c !== null && target.length <= MAX_TARGET_LENGTH && matchCompiled(c, normalizeTarget(target));
}

/** The specificity of a pattern for longest-match rules: its length in octets (RFC 9309 §2.2.2). */
export function patternLength(pattern: string): number {
  return normalizePattern(pattern).length;
}
