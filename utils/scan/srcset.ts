/** One srcset candidate: its URL as written and its width (`w`) or density (`x`) descriptor. */
export interface SrcsetCandidate {
  url: string;
  w: number | null;
  x: number | null;
}

const MAX_SRCSET = 20_000;
const MAX_CANDIDATES = 64;

/**
 * Parse a srcset attribute (HTML "parse a srcset attribute", simplified): URLs may hold commas
 * (CDN transforms like `w_400,c_fill`), descriptors are `Nw`, `Nx` or `Nh`. Bad candidates are
 * dropped, never thrown; at most 64 are kept.
 */
export function parseSrcset(value: string | null | undefined): SrcsetCandidate[] {
  const s = typeof value === 'string' ? value.slice(0, MAX_SRCSET) : '';
  const out: SrcsetCandidate[] = [];
  let i = 0;
  while (i < s.length && out.length < MAX_CANDIDATES) {
    while (i < s.length && /[\s,]/.test(s[i]!)) i++;
    const start = i;
    while (i < s.length && !/\s/.test(s[i]!)) i++;
    let url = s.slice(start, i);
    if (!url) break;
    let descriptors = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // Descriptors run to the next comma outside parentheses.
      let depth = 0;
      const dStart = i;
      while (i < s.length && !(s[i] === ',' && depth === 0)) {
        if (s[i] === '(') depth++;
        else if (s[i] === ')') depth = Math.max(0, depth - 1);
        i++;
      }
      descriptors = s.slice(dStart, i);
      i++;
    }
    const c = descriptorsOf(url, descriptors);
    if (c) out.push(c);
  }
  return out;
}

function descriptorsOf(url: string, descriptors: string): SrcsetCandidate | null {
  let w: number | null = null;
  let x: number | null = null;
  for (const d of descriptors.trim().split(/\s+/)) {
    if (!d) continue;
    const m = /^(\d*\.?\d+(?:e[+-]?\d+)?)([wxh])$/i.exec(d);
    if (!m) return null; // an unknown descriptor makes the candidate invalid
    const n = Number(m[1]);
    const unit = m[2]!.toLowerCase();
    if (unit === 'w') {
      if (w !== null || x !== null || !Number.isInteger(n) || n <= 0) return null;
      w = n;
    } else if (unit === 'x') {
      if (x !== null || w !== null || n <= 0) return null;
      x = n;
    }
  }
  return { url, w, x: w === null && x === null ? 1 : x };
}

interface SizesView {
  innerWidth?: number;
  matchMedia?: (q: string) => { matches: boolean };
}

/**
 * The slot width (CSS px) a `sizes` attribute gives in this view, or null when it cannot be
 * known (no layout, `auto`, calc()). Media conditions are evaluated with the view's matchMedia.
 */
export function evaluateSizes(sizes: string | null | undefined, view: SizesView | null | undefined): number | null {
  const vw = typeof view?.innerWidth === 'number' && view.innerWidth > 0 ? view.innerWidth : null;
  const entries = (typeof sizes === 'string' ? sizes.slice(0, 4000) : '').split(/,(?![^(]*\))/);
  for (const raw of entries.slice(0, 32)) {
    const entry = raw.trim();
    if (!entry) continue;
    const m = /^(.*?)\s*((?:\d*\.?\d+)(?:px|vw|em|rem)|auto|calc\(.*\))$/i.exec(entry);
    if (!m) continue;
    const condition = m[1]!.trim();
    if (condition) {
      try {
        if (!view?.matchMedia?.(condition).matches) continue;
      } catch {
        continue;
      }
    }
    return lengthPx(m[2]!, vw);
  }
  return vw; // no matching entry: the default is 100vw
}

function lengthPx(length: string, vw: number | null): number | null {
  const m = /^(\d*\.?\d+)(px|vw|em|rem)$/i.exec(length);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit === 'px') return n;
  if (unit === 'vw') return vw === null ? null : (n * vw) / 100;
  return n * 16;
}
