/** Split at top-level commas (outside parentheses and quotes). */
export function splitTopLevel(value: string, sep = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === sep && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

function unquote(s: string): string {
  const t = s.trim();
  const q = t[0];
  if ((q === '"' || q === "'") && t.endsWith(q) && t.length >= 2) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

const isCssSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * Every `url(…)` in `s`: where it starts and ends, and its URL (a quoted string, or the text up
 * to the first `)`). One left-to-right scan: the regular expression this replaces
 * (`url\(\s*(…|[^)]*?)\s*\)`) tried every split of a whitespace run from every `url(`, cubic in
 * an unclosed value.
 */
function urlFunctions(s: string): { start: number; end: number; url: string }[] {
  const out: { start: number; end: number; url: string }[] = [];
  const find = /url\(/gi; // a literal: found in one pass
  for (;;) {
    const start = find.exec(s)?.index ?? -1;
    if (start < 0) return out;
    const close = s.indexOf(')', start + 4);
    if (close < 0) return out; // no `)` after this url( means none after any later one either
    let i = start + 4;
    while (isCssSpace(s[i])) i++;
    let end = -1;
    let url = '';
    const q = s[i];
    if (q === '"' || q === "'") {
      // A quoted string (with backslash escapes), then optional whitespace and `)`.
      let j = i + 1;
      while (j < s.length && s[j] !== q) j += s[j] === '\\' ? 2 : 1;
      let k = j + 1;
      while (isCssSpace(s[k])) k++;
      if (j < s.length && s[k] === ')') {
        end = k + 1;
        url = s.slice(i, j + 1);
      }
    }
    if (end < 0) {
      end = close + 1;
      url = s.slice(i, close);
    }
    out.push({ start, end, url });
    find.lastIndex = end;
  }
}

function urlsIn(s: string): string[] {
  const out: string[] = [];
  for (const f of urlFunctions(s)) {
    const u = unquote(f.url);
    if (u) out.push(u);
  }
  return out;
}

/** `s` without its url() functions. */
function withoutUrls(s: string): string {
  let out = '';
  let at = 0;
  for (const f of urlFunctions(s)) {
    out += s.slice(at, f.start);
    at = f.end;
  }
  return out + s.slice(at);
}

function resolutionOf(option: string): number {
  // The number's parts cannot match the same digits, so a long digit run backtracks linearly.
  const m = /(?:^|\s)((?:\d+(?:\.\d+)?|\.\d+))(x|dppx|dpi|dpcm)(?=\s|$)/i.exec(option);
  if (!m) return 1;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  return unit === 'dpi' ? n / 96 : unit === 'dpcm' ? (n * 2.54) / 96 : n;
}

/** One image a CSS value paints, with the other URLs it could have used (image-set options). */
export interface CssImage {
  url: string;
  alternates: string[];
}

/** The highest-resolution option of an `image-set()` body (url() or "string" options). */
function bestOfImageSet(body: string): CssImage | null {
  let best: string | null = null;
  let bestRes = -1;
  const all: string[] = [];
  for (const option of splitTopLevel(body).slice(0, 32)) {
    const o = option.trim();
    const url = urlsIn(o)[0] ?? (/^["']/.test(o) ? unquote(splitTopLevel(o, ' ')[0] ?? '') : null);
    if (!url) continue;
    all.push(url);
    const res = resolutionOf(withoutUrls(o));
    if (res > bestRes) {
      best = url;
      bestRes = res;
    }
  }
  return best ? { url: best, alternates: all.filter((u) => u !== best) } : null;
}

/**
 * The images of a CSS image value such as a computed `background-image` or `content`: one per
 * layer; for `image-set()` only its highest-resolution option (the others as alternates, so
 * the lower one the browser loaded is not reported again); other functions (cross-fade…) give
 * every url() they hold. URLs are as written (computed values are already absolute).
 */
export function imageUrlsOfCssValue(value: string | null | undefined): CssImage[] {
  if (typeof value !== 'string' || !/url\(|image-set\(/i.test(value)) return [];
  const out: CssImage[] = [];
  for (const layer of splitTopLevel(value.slice(0, 100_000)).slice(0, 64)) {
    const set = /^\s*(?:-webkit-)?image-set\(([\s\S]*)\)\s*$/i.exec(layer);
    if (set) {
      const best = bestOfImageSet(set[1] ?? '');
      if (best) out.push(best);
    } else for (const url of urlsIn(layer)) out.push({ url, alternates: [] });
  }
  return out;
}

/** Whether a declared value may produce an image (url, image-set, or a var() we cannot see through). */
export function mayHoldImage(value: string | null | undefined): boolean {
  return typeof value === 'string' && /url\(|image-set\(|var\(|attr\(/i.test(value);
}

const PSEUDO_ELEMENT = /::[\w-]+(?:\([^)]*\))?|:(?:before|after|first-line|first-letter)\b/gi;

/**
 * A rule's selector made queryable: pseudo-elements stripped (querySelectorAll cannot match
 * them), with which of ::before/::after must be read from the matches. `selector` is null when
 * nothing queryable is left (e.g. a bare `::selection`).
 */
export function queryableSelector(selectorText: string): { selector: string | null; before: boolean; after: boolean } {
  const before = /::?before\b/i.test(selectorText);
  const after = /::?after\b/i.test(selectorText);
  const parts = splitTopLevel(selectorText.replace(PSEUDO_ELEMENT, ''))
    .map((p) => p.trim())
    .map((p) => (/[>+~]$/.test(p) ? `${p} *` : p))
    .filter((p) => p.length > 0);
  return { selector: parts.length ? parts.join(',') : null, before, after };
}
