/** Knobs of a scan; every one has a default so `scanDocument(doc, url)` does the right thing. */
export interface ScanOptions {
  /** Images smaller than this (width or height, CSS px) both rendered and natural are skipped. */
  minWidth?: number;
  minHeight?: number;
  /** `data:` URLs whose payload is smaller than this many bytes are placeholders, not images. */
  minDataUrlBytes?: number;
  /** Resource Timing entries with a known body smaller than this are beacons (1×1 GIFs). */
  minResourceBytes?: number;
  /** Candidates kept per scan; the rest are dropped and `stats.truncated` is set. */
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
   * Reads an element's shadow root. Default `el.shadowRoot` (open roots only); the extension
   * shell may pass `chrome.dom.openOrClosedShadowRoot` to reach closed roots too.
   */
  shadowRootOf?: (el: Element) => ShadowRoot | null | undefined;
}

/** The options with every default filled in. */
export type ResolvedScanOptions = Required<Omit<ScanOptions, 'inFrame' | 'shadowRootOf'>> & { inFrame: boolean | undefined };

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
  /** A cap (candidates, elements, time) was hit. */
  truncated: boolean;
  /** Time spent per discovery path, root listing and context reading, in ms (where the cost is). */
  pathMs: Record<string, number>;
}

/** Defaults: 50×50 px, 1 KiB data: URLs, 5,000 candidates, 200,000 elements, 5 s, 500 chars. */
export function resolveOptions(options: ScanOptions | undefined): ResolvedScanOptions {
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
  const o = options ?? {};
  return {
    minWidth: num(o.minWidth, 50),
    minHeight: num(o.minHeight, 50),
    minDataUrlBytes: num(o.minDataUrlBytes, 1024),
    minResourceBytes: num(o.minResourceBytes, 100),
    maxCandidates: num(o.maxCandidates, 5000),
    maxElements: num(o.maxElements, 200_000),
    maxMs: num(o.maxMs, 5000),
    maxText: Math.min(num(o.maxText, 500), 2000), // 2000: the schema's cap on context text
    inFrame: typeof o.inFrame === 'boolean' ? o.inFrame : undefined,
    resourceTiming: o.resourceTiming !== false,
    cssTexts: o.cssTexts && typeof o.cssTexts === 'object' ? o.cssTexts : {},
  };
}

/** Fresh, zeroed stats. */
export function emptyStats(): ScanStats {
  return { ms: 0, elements: 0, computedStyleCalls: 0, roots: 0, unreadableSheets: 0, skipped: 0, errors: 0, truncated: false, pathMs: {} };
}
