import type { ScanOptions } from './options';

/** The scan options a collect hands to the scanners it injects (from the user's settings). */
export type HandedScanOptions = Pick<ScanOptions, 'minWidth' | 'minHeight'>;

/**
 * The global through which the background hands them over: a `func` injection sets it just
 * before the scanner file runs in the same frame. Injected scripts run in the extension's
 * isolated world, so the page can neither read nor set it.
 */
export const SCAN_OPTIONS_GLOBAL = '__heedScanOptions';

/** The options handed to this frame (none: the defaults), taken once so a stale set never lingers. */
export function takeHandedScanOptions(): HandedScanOptions {
  const g = globalThis as Record<string, unknown>;
  const raw = g[SCAN_OPTIONS_GLOBAL];
  delete g[SCAN_OPTIONS_GLOBAL];
  if (!raw || typeof raw !== 'object') return {};
  // Anything but a finite number falls back to the default in resolveOptions.
  const { minWidth, minHeight } = raw as Record<string, number | undefined>;
  return { minWidth, minHeight };
}
