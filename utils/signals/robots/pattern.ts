/**
 * robots.txt path patterns (RFC 9309 §2.2.2-2.2.3): `*` matches any run of characters, a
 * trailing `$` anchors the end, otherwise a pattern matches as a prefix of path + query.
 * Matching is linear: literal pieces between `*` are found left to right with indexOf, which
 * is exact for `*`-only globs and cannot backtrack.
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

const HEX = '0123456789ABCDEF';
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

// Characters a pattern must percent-encode to compare equal to what browsers send: every
// octet outside ASCII (RFC 9309 §2.2.2), and the ASCII characters that a WHATWG URL never
// leaves raw in a path or a query (controls, space, `"`, `<`, `>`).
function mustEncode(c: number): boolean {
  return c <= 0x20 || c >= 0x7f || c === 0x22 || c === 0x3c || c === 0x3e;
}

// Same set as mustEncode, plus `%` (escapes get their hex upper-cased).
const NEEDS_WORK = /[^\x21-\x7e]|[%"<>]/;

function pushByte(out: string[], b: number): void {
  out.push('%', HEX[b >> 4]!, HEX[b & 15]!);
}

/**
 * Normalise a robots.txt path: encode octets that must be encoded as UTF-8 `%XX`, and
 * upper-case the hex of existing escapes (RFC 3986 §6.2.2.1). `%XX` of an unreserved
 * character is deliberately not decoded: the reference vectors (ID_Encoding, lines 441-443)
 * expect `/foo/bar/%62%61%7A` not to match `/foo/bar/baz`.
 */
export function normalisePattern(raw: string): string {
  const start = raw.search(NEEDS_WORK);
  if (start < 0) return raw; // the common case: nothing to do (a native scan is the fast test)
  const out: string[] = [raw.slice(0, start)];
  for (let i = start; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c === 0x25) {
      const a = raw.charCodeAt(i + 1);
      const b = raw.charCodeAt(i + 2);
      if (isHex(a) && isHex(b)) {
        out.push('%', raw[i + 1]!.toUpperCase(), raw[i + 2]!.toUpperCase());
        i += 2;
      } else out.push('%');
    } else if (!mustEncode(c)) out.push(raw[i]!);
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

/** Compile a raw robots.txt path pattern for repeated matching. */
export function compilePattern(raw: string): CompiledPattern {
  const source = normalisePattern(raw);
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
