/** Knobs of a scan; every one has a default so `scanDocument(doc, url)` does the right thing. */
export interface ScanOptions {
  /** Images smaller than this (width or height, CSS px) both rendered and natural are skipped. */
  minWidth?: number;
  minHeight?: number;
  /** `data:` URLs whose payload is smaller than this many bytes are placeholders, not images. */
  minDataUrlBytes?: number;
  /** Resource Timing entries with a known body smaller than this are beacons (1×1 GIFs). */
  minResourceBytes?: number;
  /** Candidates kept per scan; the rest are dropped and `stats.limit` says so. */
  maxCandidates?: number;
  /** Elements examined per scan, all paths together (a hostile page cannot make us loop forever). */
  maxElements?: number;
  /** Wall-clock budget of one scan, in ms; when it runs out the scan returns what it has. */
  maxMs?: number;
  /** Longest context text kept (alt, title, caption…), after whitespace collapsing. */
  maxText?: number;
  /** Whether the document is a frame (adds discovery `iframe`); default: window !== top. */
  inFrame?: boolean;
  /** Read Resource Timing for images the DOM no longer shows (default true). */
  resourceTiming?: boolean;
  /**
   * Text of stylesheets the page cannot read (cross-origin), by absolute href, fetched by the
   * extension. Their rules then guide CSS discovery like same-origin ones instead of a sweep.
   */
  cssTexts?: Record<string, string>;
  /**
   * URLs an earlier scan of the page already reported (collect while scrolling): they are not
   * candidates again, so they cost no context reading and do not count against maxCandidates.
   */
  reported?: ReadonlySet<string>;
}

/** The options with every default filled in. */
export type ResolvedScanOptions = Required<Omit<ScanOptions, 'inFrame' | 'reported'>> & { inFrame: boolean | undefined; reported: ReadonlySet<string> | null };

/** The caps a scan can stop at (ScanOptions maxCandidates, maxElements, maxMs). */
export type ScanLimit = 'candidates' | 'elements' | 'time';

/** What a scan cost and whether it stopped early (for the bench and the UI). */
export interface ScanStats {
  ms: number;
  /** Elements examined by any path. */
  elements: number;
  /** getComputedStyle calls (the expensive part of CSS discovery). */
  computedStyleCalls: number;
  /** Document plus open shadow roots scanned. */
  roots: number;
  /** Stylesheets whose rules could not be read (cross-origin): their roots were swept. */
  unreadableSheets: number;
  /** Images skipped as icons/pixels, tiny data: URLs, or too long to carry. */
  skipped: number;
  /** Errors caught from hostile or broken elements (each cost one element, not the scan). */
  errors: number;
  /** The cap the scan stopped at, if any: what it did not reach was not looked at. */
  limit: ScanLimit | null;
  /** Time spent per discovery path, root listing and context reading, in ms (where the cost is). */
  pathMs: Record<string, number>;
}

/** The caps of one scan by default: a page, however large or hostile, costs at most this. */
export const SCAN_CAPS = { candidates: 5000, elements: 200_000, ms: 5000 } as const;

/** What a scan that stopped at `limit` left out, in words for the user (the popup shows it). */
export function scanLimitNote(limit: ScanLimit): string {
  const n = (x: number) => x.toLocaleString('en');
  if (limit === 'candidates') return `This page has more images than one scan takes (${n(SCAN_CAPS.candidates)}): the rest were not checked or collected.`;
  if (limit === 'elements') return `This page is larger than one scan reads (${n(SCAN_CAPS.elements)} elements): images beyond that were not checked or collected.`;
  return `Reading this page took longer than ${SCAN_CAPS.ms / 1000} s, so the scan stopped: images it had not reached were not checked or collected.`;
}

/** Defaults: 50×50 px, 1 KiB data: URLs, the SCAN_CAPS, 500 chars. */
export function resolveOptions(options: ScanOptions | undefined): ResolvedScanOptions {
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
  const o = options ?? {};
  return {
    minWidth: num(o.minWidth, 50),
    minHeight: num(o.minHeight, 50),
    minDataUrlBytes: num(o.minDataUrlBytes, 1024),
    minResourceBytes: num(o.minResourceBytes, 100),
    maxCandidates: num(o.maxCandidates, SCAN_CAPS.candidates),
    maxElements: num(o.maxElements, SCAN_CAPS.elements),
    maxMs: num(o.maxMs, SCAN_CAPS.ms),
    maxText: Math.min(num(o.maxText, 500), 2000), // 2000: the schema's cap on context text
    inFrame: typeof o.inFrame === 'boolean' ? o.inFrame : undefined,
    resourceTiming: o.resourceTiming !== false,
    cssTexts: o.cssTexts && typeof o.cssTexts === 'object' ? o.cssTexts : {},
    reported: o.reported instanceof Set ? o.reported : null,
  };
}

/** Fresh, zeroed stats. */
export function emptyStats(): ScanStats {
  return { ms: 0, elements: 0, computedStyleCalls: 0, roots: 0, unreadableSheets: 0, skipped: 0, errors: 0, limit: null, pathMs: {} };
}
