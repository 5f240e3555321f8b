import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Frame, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './browser';
import type { ImageCandidate } from '../../../utils/policy/verdict';
import type { ScanOptions, ScanStats } from '../../../utils/scan/scan-page';

const ROOT = resolve(import.meta.dirname, '../../..');

// The page-facing API the bundle exposes as `window.HeedScan`.
const ENTRY = `
export { scanDocument, scanDocumentWithStats, scanDocumentYielding } from './utils/scan/scan-page';
export { watchForImages } from './utils/scan/watch';
`;

let bundle: Promise<string> | null = null;

/** The scanner core (utils/scan/scan-page.ts + watch) bundled as an IIFE defining `HeedScan`; built once. */
export function scanBundle(opts: { minify?: boolean } = {}): Promise<string> {
  const make = () =>
    build({
      stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'heed-scan-entry.ts' },
      bundle: true,
      format: 'iife',
      globalName: 'HeedScan',
      write: false,
      minify: opts.minify ?? false,
      target: 'chrome110',
      logLevel: 'silent',
    }).then((r) => r.outputFiles[0]!.text);
  if (opts.minify) return make();
  bundle ??= make();
  return bundle;
}

/** The flags of harness/browser.ts without the extension: *.test mapped to this machine. */
export const PLAIN_CHROMIUM_ARGS = ['--headless=new', ...CHROMIUM_ARGS];

/** Plain headless Chromium (no extension), for running the scanner core in real pages. */
export function launchPlainChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: PLAIN_CHROMIUM_ARGS });
}

/** Inject the bundle into a page or frame (idempotent). */
export async function injectScan(target: Page | Frame): Promise<void> {
  const present = await target.evaluate(() => typeof (globalThis as { HeedScan?: unknown }).HeedScan === 'object');
  if (!present) await target.addScriptTag({ content: await scanBundle() });
}

/** Options that can cross into the page as JSON (no Set). */
export type PlainScanOptions = Omit<ScanOptions, 'reported'>;
/** What scanIn returns: the candidates and the scan's cost figures. */
export interface ScanResult {
  candidates: ImageCandidate[];
  stats: ScanStats;
}

type HeedScanApi = {
  scanDocumentWithStats(doc: Document, url: string, o?: ScanOptions): { candidates: ImageCandidate[]; stats: ScanStats };
};

/** Run scanDocument in a page or frame, as the scanner entrypoint does; with its stats. */
export async function scanIn(target: Page | Frame, options: PlainScanOptions = {}): Promise<ScanResult> {
  await injectScan(target);
  const run = (o: PlainScanOptions): ScanResult => (globalThis as unknown as { HeedScan: HeedScanApi }).HeedScan.scanDocumentWithStats(document, location.href, o);
  return (await target.evaluate(run as (o: unknown) => unknown, options)) as ScanResult;
}
