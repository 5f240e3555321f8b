/**
 * `srcset` and `sizes` (HTML Living Standard §4.8.4.3, "parse a srcset attribute" and "parse a
 * sizes attribute"). Both are single left-to-right scans: every character is looked at a
 * bounded number of times, so an attribute of any length up to its cap costs time linear in its
 * length (the regular expressions these replaced backtracked quadratically or cubically on
 * long runs of digits or commas).
 */

/** One srcset candidate: its URL as written and its width (`w`) or density (`x`) descriptor. */
export interface SrcsetCandidate {
  url: string;
  w: number | null;
  x: number | null;
}

const MAX_SRCSET = 20_000;
const MAX_CANDIDATES = 64;
const MAX_SIZES = 4000;
const MAX_SIZES_ENTRIES = 32;

// HTML "ASCII whitespace": TAB, LF, FF, CR, SPACE.
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const COMMA = 0x2c;

/**
 * Parse a srcset attribute (HTML "parse a srcset attribute"): URLs may hold commas (CDN
 * transforms like `w_400,c_fill`), descriptors are `Nw`, `Nx` or `Nh` and may hold
 * parentheses. Bad candidates are dropped, never thrown; at most 64 are kept.
 */
export function parseSrcset(value: string | null | undefined): SrcsetCandidate[] {
  const s = typeof value === 'string' ? value.slice(0, MAX_SRCSET) : '';
  const out: SrcsetCandidate[] = [];
  let i = 0;
  while (out.length < MAX_CANDIDATES) {
    // Splitting loop: skip whitespace and commas.
    while (i < s.length && (isSpace(s.charCodeAt(i)) || s.charCodeAt(i) === COMMA)) i++;
    if (i >= s.length) break;
    const start = i;
    while (i < s.length && !isSpace(s.charCodeAt(i))) i++;
    let urlEnd = i;
    const descriptors: string[] = [];
    if (s.charCodeAt(urlEnd - 1) === COMMA) {
      // A URL ending in commas has no descriptors; the commas are not part of it.
      while (urlEnd > start && s.charCodeAt(urlEnd - 1) === COMMA) urlEnd--;
    } else {
      i = tokenizeDescriptors(s, i, descriptors);
    }
    const url = s.slice(start, urlEnd);
    const c = url === '' ? null : candidateOf(url, descriptors);
    if (c) out.push(c);
  }
  return out;
}

/**
 * Whether `parsed` (parseSrcset of `value`) holds every candidate `value` names: false when the
 * attribute was longer than the part read or gave the most candidates read (more may follow).
 */
export function srcsetReadInFull(value: string | null | undefined, parsed: readonly SrcsetCandidate[]): boolean {
  return (typeof value !== 'string' || value.length <= MAX_SRCSET) && parsed.length < MAX_CANDIDATES;
}

/** The descriptor tokenizer: descriptors from `i` to the next comma outside parentheses; returns the index after it. */
function tokenizeDescriptors(s: string, i: number, out: string[]): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  // A descriptor is a contiguous run of the input: kept as its start index, sliced once.
  let from = i;
  let state: 'in descriptor' | 'in parens' | 'after descriptor' = 'in descriptor';
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (state === 'in descriptor') {
      if (isSpace(c)) {
        if (i > from) out.push(s.slice(from, i));
        state = 'after descriptor';
      } else if (c === COMMA) {
        if (i > from) out.push(s.slice(from, i));
        return i + 1;
      } else if (c === 0x28) state = 'in parens';
    } else if (state === 'in parens') {
      if (c === 0x29) state = 'in descriptor';
    } else if (!isSpace(c)) {
      state = 'in descriptor';
      from = i;
      i--; // reconsume in "in descriptor"
    }
  }
  if (state !== 'after descriptor' && i > from) out.push(s.slice(from, i));
  return i;
}

// HTML "valid non-negative integer" and "valid floating-point number": anchored, and no two
// parts can match the same digits, so a failing match backtracks at most linearly.
const NON_NEGATIVE_INTEGER = /^[0-9]+$/;
const FLOAT = /^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** The descriptor parser: a candidate, or null when its descriptors are invalid. */
function candidateOf(url: string, descriptors: readonly string[]): SrcsetCandidate | null {
  let w: number | null = null;
  let x: number | null = null;
  let h: number | null = null;
  for (const d of descriptors) {
    const unit = d[d.length - 1];
    const number = d.slice(0, -1);
    if (unit === 'w') {
      if (w !== null || x !== null || !NON_NEGATIVE_INTEGER.test(number)) return null;
      w = Number(number);
      if (w === 0) return null;
    } else if (unit === 'x') {
      if (w !== null || x !== null || h !== null || !FLOAT.test(number)) return null;
      x = Number(number);
      // The standard drops only negative densities; a 0x candidate is dropped too, since
      // it can never be the one shown and every density divides a width.
      if (!(x > 0) || !Number.isFinite(x)) return null;
    } else if (unit === 'h') {
      if (h !== null || x !== null || !NON_NEGATIVE_INTEGER.test(number)) return null;
      h = Number(number);
      if (h === 0) return null;
    } else {
      return null; // an unknown descriptor makes the candidate invalid
    }
  }
  if (h !== null && w === null) return null;
  return { url, w, x: w === null && x === null ? 1 : x };
}

interface SizesView {
  innerWidth?: number;
  matchMedia?: (q: string) => { matches: boolean };
}

/**
 * The slot width (CSS px) a `sizes` attribute gives in this view, or null when it cannot be
 * known (no layout, `auto`, calc(), a unit that needs more than the view's width). Media
 * conditions are evaluated with the view's matchMedia (HTML "parse a sizes attribute").
 */
export function evaluateSizes(sizes: string | null | undefined, view: SizesView | null | undefined): number | null {
  const vw = typeof view?.innerWidth === 'number' && view.innerWidth > 0 ? view.innerWidth : null;
  const s = typeof sizes === 'string' ? sizes.slice(0, MAX_SIZES) : '';
  for (const entry of splitTopLevelCommas(s, MAX_SIZES_ENTRIES)) {
    const { condition, size } = splitLastComponent(entry);
    const px = sizePx(size, vw);
    if (px === undefined) continue; // not a valid source size: the entry is skipped
    if (condition !== '') {
      try {
        if (!view?.matchMedia?.(condition).matches) continue;
      } catch {
        continue;
      }
    }
    return px;
  }
  return vw; // no matching entry: the default is 100vw
}

/** Split at commas outside (), [], {} and strings; at most `max` entries. One pass. */
function splitTopLevelCommas(s: string, max: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = 0;
  let start = 0;
  for (let i = 0; i < s.length && out.length < max; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 0x5c) i++; // an escaped character
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
    else if (c === COMMA && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (out.length < max) out.push(s.slice(start));
  return out;
}

/** The entry's last component value (the size) and what precedes it (the media condition). */
function splitLastComponent(entry: string): { condition: string; size: string } {
  let end = entry.length;
  while (end > 0 && isSpace(entry.charCodeAt(end - 1))) end--;
  let start = end;
  if (entry.charCodeAt(end - 1) === 0x29) {
    // A function or a parenthesised block: back to its matching `(`, then its name.
    let depth = 0;
    while (start > 0) {
      const c = entry.charCodeAt(--start);
      if (c === 0x29) depth++;
      else if (c === 0x28 && --depth === 0) break;
    }
    while (start > 0 && /[A-Za-z0-9_-]/.test(entry[start - 1]!)) start--;
  } else {
    while (start > 0 && !isSpace(entry.charCodeAt(start - 1)) && !'()[]{},'.includes(entry[start - 1]!)) start--;
  }
  return { condition: entry.slice(0, start).trim(), size: entry.slice(start, end) };
}

const LENGTH = /^\+?((?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)([A-Za-z]*)$/;
const OTHER_UNITS = new Set(['vh', 'vmin', 'vmax', 'svw', 'lvw', 'dvw', 'svh', 'lvh', 'dvh', 'cm', 'mm', 'q', 'in', 'pt', 'pc', 'ex', 'ch', 'cap', 'ic', 'lh', 'rlh', 'vi', 'vb', 'cqw', 'cqh', 'cqi', 'cqb', 'cqmin', 'cqmax']);
const MATH_FUNCTIONS = /^(?:calc|min|max|clamp)\(/i;

/**
 * The size in CSS px; null when it is valid but cannot be known here (`auto`, calc(), units
 * other than px/vw/em/rem, vw without a view); undefined when it is no valid source size.
 */
function sizePx(size: string, vw: number | null): number | null | undefined {
  if (size === '') return undefined;
  if (size.toLowerCase() === 'auto' || MATH_FUNCTIONS.test(size)) return null;
  const m = LENGTH.exec(size);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit === '') return n === 0 ? 0 : undefined; // a unitless length must be 0
  if (unit === 'px') return n;
  if (unit === 'vw') return vw === null ? null : (n * vw) / 100;
  if (unit === 'em' || unit === 'rem') return n * 16;
  return OTHER_UNITS.has(unit) ? null : undefined;
}
