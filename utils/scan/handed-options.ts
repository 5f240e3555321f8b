import type { ScanOptions } from './options';

/**
 * The scan options a collect hands to the scanners it injects, as they cross into the frame
 * (structured-cloned data): the size threshold from the user's settings, the text of the
 * frame's cross-origin stylesheets the background fetched, and — for a scroll watcher — the
 * URLs the collect's own scan of that frame reported.
 */
export interface HandedScanOptions {
  minWidth?: number;
  minHeight?: number;
  cssTexts?: Record<string, string>;
  reported?: string[];
}

/**
 * The global through which the background hands them over: a `func` injection sets it just
 * before the scanner file runs in the same frame. Injected scripts run in the extension's
 * isolated world, so the page can neither read nor set it.
 */
export const SCAN_OPTIONS_GLOBAL = '__heedScanOptions';

/** The options handed to this frame (none: the defaults), taken once so a stale set never lingers. */
export function takeHandedScanOptions(): Pick<ScanOptions, 'minWidth' | 'minHeight' | 'cssTexts' | 'reported'> {
  const g = globalThis as Record<string, unknown>;
  const raw = g[SCAN_OPTIONS_GLOBAL];
  delete g[SCAN_OPTIONS_GLOBAL];
  if (!raw || typeof raw !== 'object') return {};
  // Anything but a finite number falls back to the default in resolveOptions.
  const { minWidth, minHeight, cssTexts, reported } = raw as Record<string, unknown>;
  const options: ReturnType<typeof takeHandedScanOptions> = { minWidth: minWidth as number | undefined, minHeight: minHeight as number | undefined };
  if (cssTexts && typeof cssTexts === 'object') {
    options.cssTexts = Object.fromEntries(Object.entries(cssTexts).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  if (Array.isArray(reported)) options.reported = new Set(reported.filter((u): u is string => typeof u === 'string'));
  return options;
}
