import { bareHost } from '../../model/registrable-domain';
import { stripQuotes } from '../fetched-file';
/**
 * Path patterns (RFC 9309 §2.2.2-2.2.3): `*` matches any run of characters, a trailing `$`
 * anchors the end, otherwise a pattern matches as a prefix of path + query, case-sensitively.
 * One matcher for robots.txt and for the files that borrow its syntax: TDMRep `location`
 * ("robots.txt-style", SIGNALS.md §4.3), Spawning ai.txt (a robots.txt look-alike) and RSL
 * `<content url>` ("the URL-matching rules of the Robots Exclusion Protocol (RFC 9309)",
 * rslstandard.org/rsl). Only percent-encoding is read two ways; see `Reading`.
 * Matching is linear: literal pieces between `*` are found left to right with indexOf, which
 * is exact for `*`-only globs and cannot backtrack (no regular expressions, so no ReDoS).
 */

export interface CompiledPattern {
  /** The normalised pattern (percent-encoded), as compared. */
  readonly source: string;
  /** Specificity: length of the normalised pattern in octets (§2.2.2 "most octets"). */
  readonly priority: number;
  /** Literal pieces around each `*` (runs collapsed); built on first match, since most
   * groups of a large file are never consulted. */
  pieces: string[] | null;
  /** True when the pattern ends with `$` (§2.2.3); set with `pieces`. */
  anchored: boolean;
}

/**
 * How percent-encoding is normalised before comparison. RFC 9309 §2.2.2 and Google's
 * reference parser (robots.cc), which the conformance vectors pin, disagree:
 * - `google` (robots.txt): `%XX` keeps its octets, only its hex is upper-cased, so
 *   `/foo/bar/%62%61%7A` does not match `/foo/bar/baz` (robots_test.cc ID_Encoding, lines
 *   441-443); `"`, `<` and `>` are encoded as a WHATWG URL serialises them. Targets are taken
 *   as the browser sent them (pathOfUrl).
 * - `rfc` (TDMRep, ai.txt, RSL, which cite the RFC and no implementation): §2.2.2 as written,
 *   "If a percent-encoded ASCII octet is encountered in the URI, it MUST be unencoded prior to
 *   comparison, unless it is a reserved character" (the TDMRep spec's location matching repeats
 *   the sentence), i.e. `%XX` of an unreserved character (RFC 3986 §2.3) is decoded, in
 *   patterns and targets alike (SIGNALS.md §1.3: `/%62%61%7A` matches `/baz`). `"`, `<` and
 *   `>` are left as written, as the RFC names only octets outside ASCII. Targets go through
 *   normaliseTarget.
 * Both encode octets outside printable ASCII as UTF-8 `%XX` and upper-case the hex of escapes.
 */
export type Reading = 'google' | 'rfc';

const HEX = '0123456789ABCDEF';
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
// RFC 3986 §2.3 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".
const isUnreserved = (c: number) => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e;

// Characters to percent-encode: every octet outside printable ASCII (RFC 9309 §2.2.2 names
// those outside ASCII; controls and space are never raw in a URL either), and in the Google
// reading also the ASCII that a WHATWG URL never leaves raw in a path or a query (`"`, `<`, `>`).
function mustEncode(c: number, reading: Reading): boolean {
  return c <= 0x20 || c >= 0x7f || (reading === 'google' && (c === 0x22 || c === 0x3c || c === 0x3e));
}

// What may need work in either reading: octets to encode, and `%` (escapes are rewritten).
const NEEDS_WORK = /[^\x21-\x7e]|[%"<>]/;

function pushByte(out: string[], b: number): void {
  out.push('%', HEX[b >> 4]!, HEX[b & 15]!);
}

/**
 * Normalise percent-encoding for comparison (RFC 9309 §2.2.2; RFC 3986 §6.2.2.1 hex case):
 * octets that must be encoded become UTF-8 `%XX`, escapes get upper-case hex, and in the `rfc`
 * reading escapes of unreserved characters are decoded.
 */
export function normalisePercentEncoding(raw: string, reading: Reading = 'google'): string {
  const start = raw.search(NEEDS_WORK);
  if (start < 0) return raw; // the common case: nothing to do (a native scan is the fast test)
  const out: string[] = [raw.slice(0, start)];
  for (let i = start; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c === 0x25) {
      const a = raw.charCodeAt(i + 1);
      const b = raw.charCodeAt(i + 2);
      if (isHex(a) && isHex(b)) {
        const octet = (hexValue(a) << 4) | hexValue(b);
        if (reading === 'rfc' && isUnreserved(octet)) out.push(String.fromCharCode(octet));
        else out.push('%', raw[i + 1]!.toUpperCase(), raw[i + 2]!.toUpperCase());
        i += 2;
      } else out.push('%');
    } else if (!mustEncode(c, reading)) out.push(raw[i]!);
    else if (c < 0x80) pushByte(out, c);
    else {
      // UTF-8 by hand: a lone surrogate becomes U+FFFD rather than an exception.
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = raw.charCodeAt(i + 1);
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      }
      if (c < 0x800) pushByte(out, 0xc0 | (c >> 6));
      else {
        if (c < 0x10000) pushByte(out, 0xe0 | (c >> 12));
        else {
          pushByte(out, 0xf0 | (c >> 18));
          pushByte(out, 0x80 | ((c >> 12) & 63));
        }
        pushByte(out, 0x80 | ((c >> 6) & 63));
      }
      pushByte(out, 0x80 | (c & 63));
    }
  }
  return out.join('');
}

/**
 * `%XX` escapes of unreserved characters (RFC 3986 §2.3) decoded, every other escape kept
 * (RFC 9309 §2.2.2; DESIGN.md §2 rule 2). Applied to a normalised (Google-reading) pattern or
 * path, it gives the decoded reading; `*` and `$` are reserved, so wildcards never appear.
 */
export function decodeUnreserved(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%([0-9A-Fa-f]{2})/g, (m, hex: string) => {
    const c = parseInt(hex, 16);
    return isUnreserved(c) ? String.fromCharCode(c) : m;
  });
}

// Escapes of the characters RFC 3986 §3.3 lets a path segment hold as they are: `:`, `@` and the
// sub-delims, but `*` and `$`, which are wildcards in a pattern (RFC 9309 §2.2.3).
const SEGMENT_DELIM_ESCAPE = /%(3A|40|21|26|27|28|29|2B|2C|3B|3D)/gi;

/**
 * The path part (not the query) of a path + query with the escapes of `:`, `@` and the sub-delims
 * but `*` and `$` decoded (`/wiki/Wikipedia%3AAbout` → `/wiki/Wikipedia:About`), after
 * decodeUnreserved. RFC 3986 §6.2.2.2 keeps such a URI apart from the one with the character as
 * it is, and Google's parser compares them apart; but servers hand the path to the application
 * decoded, so `/wiki/X%3AY` is the page `/wiki/X:Y` (MediaWiki) and a rule written with one
 * spelling is the owner's word for both: the Wikipedia robots.txt writes most rules both ways
 * (`Disallow: /wiki/Special:` and `Disallow: /wiki/Special%3A`), and some only once.
 * Decision (DESIGN.md §2 rule 2, the reading that cannot keep what the owner refused): an extra
 * reading, of rules and path alike, whose Disallow counts; the query is left as written (there
 * `%3D` and `=` do differ). Applied to a normalised pattern or path.
 */
export function decodeSegmentDelims(s: string): string {
  const decoded = decodeUnreserved(s);
  if (!decoded.includes('%')) return decoded;
  const q = decoded.indexOf('?');
  const path = q < 0 ? decoded : decoded.slice(0, q);
  const rest = q < 0 ? '' : decoded.slice(q);
  return path.replace(SEGMENT_DELIM_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) + rest;
}

// `%2F` / `%2f`: an encoded slash; `%5C` / `%5c`: an encoded backslash, which IIS (http.sys)
// decodes and reads as a slash: `/private%5Ca.jpg` serves /private/a.jpg there. The browser
// turns a raw `\` into `/` itself (WHATWG URL, special schemes), so only the encoded one reaches
// a server as written. Decision (the reading that cannot keep what the owner refused): both are
// read as a slash in the decoded reading.
const ENCODED_SLASH = /%2f|%5c/gi;
const HAS_ENCODED_SLASH = /%2f|%5c/i;
// Reserved characters the URL parser leaves as written in a path, raw or escaped (sub-delims but
// `*` and `$`, and `:` `@`: RFC 3986 §2.2), and those it may encode itself (`{`, `}` and a
// backtick are in the WHATWG path percent-encode set; engines differ on `[ ] ^ |`), which
// servers decode: see slashReadings.
const RESERVED_ESCAPE = /%(?:21|26|27|28|29|2B|2C|3A|3B|3D|40|5B|5D|5E|60|7B|7C|7D)/gi;
const HAS_RESERVED_ESCAPE = /%(?:21|26|27|28|29|2B|2C|3A|3B|3D|40|5B|5D|5E|60|7B|7C|7D)/i;
const RESERVED_RAW = /[!&'()+,:;=@[\]^`{|}]/g;
/** Whether a path holds a raw reserved character that slashReadings also reads encoded. */
export const HAS_RESERVED_RAW = /[!&'()+,:;=@[\]^`{|}]/;
// A dot segment as the URL parser and servers read one: `.` or `..`, a dot also written `%2e`.
const HAS_DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;
const DOT_DOT = /^(?:\.|%2e){2}$/i;
const DOT = /^(?:\.|%2e)$/i;

/**
 * A path with its dot segments resolved as the URL parser (and nginx, Apache, Tomcat) resolves
 * them (RFC 3986 §5.2.4, a dot also written `%2e`): `/public/../private/a.jpg` → `/private/a.jpg`.
 * The path itself when it has none.
 */
export function resolveDotSegments(path: string): string {
  if (!HAS_DOT_SEGMENT.test(path)) return path;
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i]!;
    const last = i === segments.length - 1;
    if (DOT_DOT.test(s)) out.pop();
    else if (!DOT.test(s)) {
      out.push(s);
      continue;
    }
    if (last) out.push(''); // `/a/b/..` is `/a/`
  }
  return `/${out.join('/')}`;
}

/**
 * The other readings of a path + query's slashes (DESIGN.md §2 rule 2: checked as written and
 * merged, the stricter answer wins), without the path as written: runs of slashes merged; a
 * leading `//` read as a host (see below); `%2F` (and `%5C`) decoded as `/`, then runs merged and
 * dot segments resolved; path parameters (`;…` in a segment) dropped; and reserved characters
 * such as `:` and `@` decoded, and encoded (see below). Many
 * servers (nginx, S3) decode an encoded slash, so `/private%2Fa.jpg` serves `/private/a.jpg`; and
 * they resolve the dot segments it makes: `/public/..%2Fprivate/a.jpg` serves `/private/a.jpg`
 * (nginx decodes, then resolves `..`), which the browser sends as written since `..%2Fprivate` is
 * no segment of its own to it. Decision: those readings are checked too, so the image is refused
 * as `/private/a.jpg` is (the reading that cannot keep what the owner refused). The query is left
 * as written. Empty when the path has none of these; an extra reading can only add a refusal.
 */
export function slashReadings(pathAndQuery: string): string[] {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const query = q < 0 ? '' : pathAndQuery.slice(q);
  const out: string[] = [];
  const add = (p: string) => {
    if (p !== path && !out.includes(p + query)) out.push(p + query);
  };
  if (path.includes('//')) add(path.replace(/\/{2,}/g, '/'));
  // A path that starts with `//` is a network-path reference to a URL parser: the common Node
  // idiom `new URL(req.url, base)` reads `//cdn/private/a.jpg` as host `cdn`, path
  // /private/a.jpg, and serves that. Decision (the reading that cannot keep what the owner
  // refused): the path after that "host" is checked too; merged alone it read /cdn/private/a.jpg.
  if (path.startsWith('//')) {
    const rest = path.replace(/^\/+[^/]*/, '') || '/';
    add(rest);
    add(rest.replace(/\/{2,}/g, '/'));
  }
  // Only behind a decoded slash: the URL parser has resolved every other dot segment already.
  if (HAS_ENCODED_SLASH.test(path)) add(resolveDotSegments(path.replace(ENCODED_SLASH, '/').replace(/\/{2,}/g, '/')));
  // Path parameters: Tomcat, Jetty and Spring drop each segment's `;…` before resolving dot
  // segments, so `/public/..;/private/a.jpg` and `/private;v=2/a.jpg` serve /private/a.jpg.
  // Decision (RFC 9309 compares `;` as written; the reading that cannot keep what the owner
  // refused): the path without them is checked too.
  if (path.includes(';')) add(resolveDotSegments(path.replace(ENCODED_SLASH, '/').replace(/;[^/]*/g, '').replace(/\/{2,}/g, '/')));
  // Reserved characters a server decodes before it looks the path up, written the other way:
  // `/wiki/Special%3AFilePath/a.jpg` is Special:FilePath, `/%40alice/` is /@alice/, and the
  // browser keeps either spelling as written. RFC 9309 §2.2.2 decodes only unreserved escapes, so
  // `Disallow: /wiki/Special:` matched no `%3A` (Wikipedia lists both spellings for that reason).
  // Decision (the reading that cannot keep what the owner refused): the path is also read with
  // these escapes decoded, and with these characters encoded; so are `{`, `}` and the like, which
  // the URL parser may encode (`/a{b}/` is requested as `/a%7Bb%7D/`). Not `/ ? # %`, nor `* $`
  // (wildcards in rules, written `%2A` / `%24` when literal).
  if (HAS_RESERVED_ESCAPE.test(path)) add(path.replace(RESERVED_ESCAPE, (m) => String.fromCharCode(parseInt(m.slice(1), 16))));
  if (HAS_RESERVED_RAW.test(path)) add(path.replace(RESERVED_RAW, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  return out;
}


/** slashReadings of an absolute URL's path, as URLs (none when the URL is unparseable). */
export function urlSlashReadings(url: string): string[] {
  try {
    const u = new URL(url);
    return slashReadings(u.pathname).map((path) => {
      const r = new URL(u.href);
      r.pathname = path;
      return r.href;
    });
  } catch {
    return [];
  }
}


/** How a pattern or path is decoded for one reading: unreserved escapes (decodeUnreserved), or those and a path segment's delimiters too (decodeSegmentDelims). */
export type Decoding = 'unreserved' | 'segment';

const decodedPatterns = { unreserved: new WeakMap<CompiledPattern, CompiledPattern>(), segment: new WeakMap<CompiledPattern, CompiledPattern>() };
/** The pattern with its unreserved escapes decoded, or (`segment`) those and its path's delimiters (itself when it has none). */
export function decodedPattern(p: CompiledPattern, how: Decoding = 'unreserved'): CompiledPattern {
  if (!p.source.includes('%')) return p;
  let d = decodedPatterns[how].get(p);
  if (!d) {
    const source = how === 'unreserved' ? decodeUnreserved(p.source) : decodeSegmentDelims(p.source);
    d = source === p.source ? p : { source, priority: source.length, pieces: null, anchored: false };
    decodedPatterns[how].set(p, d);
  }
  return d;
}

/** Compile a raw path pattern for repeated matching (robots.txt uses the Google reading). */
export function compilePattern(raw: string, reading: Reading = 'google'): CompiledPattern {
  const source = normalisePercentEncoding(raw, reading);
  return { source, priority: source.length, pieces: null, anchored: false };
}

function prepare(p: CompiledPattern): string[] {
  p.anchored = p.source.endsWith('$');
  const body = p.anchored ? p.source.slice(0, -1) : p.source;
  // `**` is the same as `*`; collapsing keeps a pattern of 10,000 stars to two pieces.
  p.pieces = body.includes('*') ? body.split(/\*+/) : [body];
  return p.pieces;
}

/** The literal text a matching path must start with: everything before the first `*`. */
export function literalPrefix(p: CompiledPattern): string {
  return (p.pieces ?? prepare(p))[0]!;
}

/** Whether a compiled pattern matches a normalised path + query. */
export function matchPattern(p: CompiledPattern, path: string): boolean {
  const pieces = p.pieces ?? prepare(p);
  const first = pieces[0]!;
  if (pieces.length === 1) return p.anchored ? path === first : path.startsWith(first);
  if (!path.startsWith(first)) return false;
  let pos = first.length;
  const last = pieces.length - 1;
  for (let i = 1; i < last; i++) {
    const piece = pieces[i]!;
    const at = path.indexOf(piece, pos);
    if (at < 0) return false;
    pos = at + piece.length; // leftmost is optimal: a later start never helps a later piece
  }
  const tail = pieces[last]!;
  if (p.anchored) return path.length - tail.length >= pos && path.endsWith(tail);
  return tail === '' || path.indexOf(tail, pos) >= 0;
}

/**
 * Path + params + query of a URL string, as Google's reference matcher takes it
 * (GetPathParamsQuery): everything from the first `/`, `;` or `?` after the authority up to
 * `#`; "/" when there is none. The URL is used as given: callers pass browser-serialised
 * (already percent-encoded) URLs. Only escape hex case is normalised.
 */
export function pathOfUrl(url: string): string {
  let start = url.startsWith('//') ? 2 : 0;
  const early = url.slice(start).search(/[/?;]/);
  const proto = url.indexOf('://', start);
  if (proto >= 0 && (early < 0 || early + start > proto)) start = proto + 3;
  const rel = url.slice(start).search(/[/?;]/);
  if (rel < 0) return '/';
  const pathStart = start + rel;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < pathStart) return '/';
  let path = url.slice(pathStart, hash < 0 ? url.length : hash);
  if (path[0] !== '/') path = `/${path}`;
  return path.includes('%') ? path.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase()) : path;
}

// Patterns of the signal files (TDMRep `location`, ai.txt rules, RSL `<content url>`): the
// `rfc` reading, with bounds, since these files have no line cap of their own.

/** Patterns longer than this are not matched (hostile input). */
export const MAX_PATTERN_LENGTH = 4096;
const MAX_TARGET_LENGTH = 16384;

// RFC 9309 paths start with "/"; ai.txt globs such as `*.jpg` start with "*". Anything else
// (`images/`) is read as rooted: a lenient reading of a common slip (Google's parser would
// match nothing with it; robots.txt rules are not rooted).
function normaliseFilePattern(raw: string): string {
  const p = raw.trim();
  return normalisePercentEncoding(p.startsWith('/') || p.startsWith('*') ? p : `/${p}`, 'rfc');
}

/**
 * The patterns a robots-style rule (robots.txt, ai.txt) names as its owner meant them, when that
 * differs from the rule as written, else none:
 * - Several to a line, in quotes (`Disallow: "/tmp/", "/private/"`): each blank-separated piece,
 *   its trailing `,` or `;` and its quotes dropped. As written the quotes and the blank are part
 *   of one pattern, which matches no path (a URL path holds no raw blank).
 * - A full http(s) URL where a path belongs (`Disallow: https://site/private/`): the path (and
 *   query) it names, as written (`https://site` → `/`), whatever the host — a robots.txt or ai.txt
 *   speaks only for its own site's paths, which it often names under the site's other spelling
 *   (`http://www.site/…`). RFC 9309 paths start with "/": Google's parser matches nothing with it,
 *   and read rooted it is the path `/https://site/private/`.
 * Decision (DESIGN.md §2 rule 2, the reading that cannot keep what the owner refused): callers
 * read these only beside the rule as written, and only a refusal they add counts.
 */
export function meantPatterns(raw: string): string[] {
  const written = raw.trim();
  const pieces = written.split(/\s+/).map((p) => stripQuotes(p.replace(/[,;]+$/, ''))).filter((p) => p !== '');
  const meant = pieces.map((p) => pathOfUrlRule(p) ?? p);
  return meant.length === 1 && meant[0] === written ? [] : meant;
}

/** The path (and query) of a rule written as a full http(s) URL, as written; null when it is none (meantPatterns). */
function pathOfUrlRule(piece: string): string | null {
  const origin = /^https?:\/\/[^/?#]*/i.exec(piece);
  if (!origin) return null;
  const rest = piece.slice(origin[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * A URL pattern with its fragment cut (`/gallery/a.jpg#top` → `/gallery/a.jpg`), or null when it
 * has none or nothing is left. A browser never sends a fragment, so no image URL has one and, as
 * written, such a pattern matches nothing (tdmrep.json `location`, RSL `<content url>`: each reads
 * it cut only where that can add a refusal).
 */
export function withoutFragment(pattern: string): string | null {
  const hash = pattern.indexOf('#');
  if (hash < 0) return null;
  const bare = pattern.slice(0, hash);
  return bare.trim() === '' ? null : bare;
}

/** Compile a signal-file pattern (trimmed, rooted, `rfc` reading); null for an empty or oversized one, which matches nothing. */
export function compileFilePattern(raw: string): CompiledPattern | null {
  if (raw.trim() === '' || raw.length > MAX_PATTERN_LENGTH) return null;
  const source = normaliseFilePattern(raw);
  return { source, priority: source.length, pieces: null, anchored: false };
}

/**
 * Normalise a target path + query for signal-file patterns (`rfc` reading), or null when it is
 * too long to match. Literal `*` and `$` are encoded, since in patterns those are special and a
 * literal one is written `%2A` / `%24` (RFC 9309 §2.2.3: `/path/file-with-a-%2A.html` matches
 * `/path/file-with-a-*.html`).
 */
export function normaliseTarget(target: string): string | null {
  const t = normalisePercentEncoding(target, 'rfc').replaceAll('*', '%2A').replaceAll('$', '%24');
  return t.length > MAX_TARGET_LENGTH ? null : t;
}

/**
 * Whether a signal-file `pattern` matches `target` (a path + query). Both are normalised
 * here; an empty pattern matches nothing (an empty `Disallow:` allows all).
 */
export function matchesPathPattern(pattern: string, target: string): boolean {
  const c = compileFilePattern(pattern);
  if (c === null || target.length > MAX_TARGET_LENGTH) return false; // before normalising a huge target
  const t = normaliseTarget(target);
  return t !== null && matchPattern(c, t);
}

/**
 * The path + query an absolute http(s) pattern names: what follows its host, as the URL parser
 * gives it. The parser keeps every `%XX` escape as written (`%25`, `%E9`) and `*` and `$`, and
 * encodes what the target's parse encodes too (spaces, non-ASCII), so the text is compared
 * through the same normalisation as a path rule. Throws when the pattern cannot be read as a
 * URL: callers fail closed (`signal-unreadable`), never read it as matching nothing.
 */
function absolutePattern(pattern: string): URL {
  try {
    return new URL(pattern.trim());
  } catch {
    throw new Error(`the location ${JSON.stringify(pattern.slice(0, 200))} cannot be read as a URL`);
  }
}

/** Whether `pattern` is an absolute http(s) URL that cannot be read (matchesUrlPattern throws on it). */
export function isUnreadableUrlPattern(pattern: string): boolean {
  if (!/^\s*https?:\/\//i.test(pattern)) return false;
  try {
    absolutePattern(pattern);
    return false;
  } catch {
    return true;
  }
}

/**
 * Whether a signal-file pattern covers `url`: a path pattern, or an absolute http(s) URL on the
 * same origin whose path + query is the pattern (TDMRep `location`, RSL `<content url>`).
 * Throws on an absolute pattern that cannot be read (isUnreadableUrlPattern).
 */
export function matchesUrlPattern(pattern: string, url: string): boolean {
  const target = pathAndQuery(url);
  if (target === null) return false;
  if (/^\s*https?:\/\//i.test(pattern)) {
    const p = absolutePattern(pattern);
    if (p.origin !== new URL(url).origin) return false;
    // No decodeURI: it threw on `%E9` (not UTF-8) and turned `%25` into `%`, so such a location
    // matched nothing; it also made `%2A` a wildcard.
    return matchesPathPattern(requestPath(p), target);
  }
  return matchesPathPattern(pattern, target);
}

/**
 * matchesUrlPattern, or an absolute http(s) pattern that differs from the URL's origin only by
 * scheme, a leading `www.` or a trailing dot (`http://site/images/*` for
 * `https://site./images/a.jpg`), whose host has a `*` that matches it (sameHost), or that is
 * scheme-relative (`//site/images/*`): a signal
 * file names its own site's content, often under the site's other spelling. Callers read both
 * ways and keep the stricter answer (DESIGN.md §2 rule 3; fail closed): TDMRep locations, RSL
 * `<content url>`.
 */
export function matchesUrlPatternLoosely(pattern: string, url: string): boolean {
  if (matchesUrlPattern(pattern, url)) return true;
  let p = pattern.trim();
  // `//site/images/*` is a URL without its scheme (RFC 3986 §4.2): read only as a path that starts
  // `//site/`, it named no image; read as the URL too (either scheme: see below).
  if (/^\/\/[^/]/.test(p)) p = `https:${p}`;
  if (!/^https?:\/\//i.test(p)) return false;
  try {
    const l = new URL(p);
    const u = new URL(url);
    // A trailing dot is the same DNS name written fully qualified (`v.test.` is `v.test`): the same
    // server answers, so a location naming `https://v.test/private/` names the image written
    // `https://v.test./private/a.jpg` too, and the other way round.
    const host = (x: URL) => bareHost(x.hostname).replace(/^www\./, '');
    if (!sameHost(host(l), host(u)) || (l.port !== u.port && l.port !== '' && u.port !== '')) return false;
    const slash = p.indexOf('/', p.indexOf('//') + 2);
    const path = slash < 0 ? '/' : p.slice(slash);
    // An absolute location ending in an empty query (`https://site/a.jpg?`) is read as written
    // (requestPath) and, here, without its `?`, as it was read before the `?` was kept.
    return matchesUrlPattern(`${u.origin}${path}`, url) || (path.endsWith('?') && matchesUrlPattern(`${u.origin}${path.slice(0, -1)}`, url));
  } catch {
    return false;
  }
}

/**
 * Whether a pattern's host names `host`. A `*` in it matches any run of characters, as in the
 * path (`https://*.site/images/*` for the site's cdn.site and img.site), and a leading `*.` also
 * matches the bare domain. Decision (the reading that cannot keep what the owner refused): read
 * as one literal host `*.site`, such a location named no image at all, and the reservation or
 * prohibition it states was lost for every host of the site.
 */
function sameHost(pattern: string, host: string): boolean {
  if (!pattern.includes('*')) return pattern === host;
  const glob = { source: `${pattern}$`, priority: 0, pieces: null, anchored: false };
  return matchPattern(glob, host) || (pattern.startsWith('*.') && sameHost(pattern.slice(2), host));
}

/** The specificity of a signal-file pattern for longest-match rules: its length in octets (RFC 9309 §2.2.2). */
export function patternLength(pattern: string): number {
  return normaliseFilePattern(pattern).length;
}

/** The path and query of an absolute URL (what robots-style patterns match), or null. */
export function pathAndQuery(url: string): string | null {
  try {
    return requestPath(new URL(url));
  } catch {
    return null;
  }
}

/**
 * The path and query a parsed URL is requested with. An empty query is kept: `search` reads ''
 * for `/a.jpg?`, but the request is for `/a.jpg?`, which `Disallow: /*?` names (Google's matcher
 * compares the `?` too); dropped, the rule matched nothing and the image was permitted.
 */
function requestPath(u: URL): string {
  if (u.search !== '') return u.pathname + u.search;
  const q = u.href.indexOf('?'); // the query's `?`: a path or host never holds one unescaped
  const hash = u.href.indexOf('#');
  return q >= 0 && (hash < 0 || q < hash) ? `${u.pathname}?` : u.pathname;
}
