import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The modules behind the scripts Heed injects into pages (entrypoints/scanner.ts,
 * scanner-watch.ts, page-reader.ts, page-signals.ts). They run in every frame of the page on
 * Collect, cold: each dependency they carry is parsed and initialised there. zod cost them
 * ~90 KB and its schema construction at load (scanner.js was 134 KB, now ~47 KB); schemas
 * belong to the receiver (the background validates on arrival).
 */
const INJECTED = ['utils/scan/scan-page.ts', 'utils/scan/watch.ts', 'utils/page/page-signals.ts', 'utils/page/raw-page-signals.ts'];

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('scripts injected into pages', () => {
  it.each(INJECTED)('%s bundles no npm package (no zod, no parser libraries)', async (entry) => {
    const inputs = await inputsOf(entry);
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((p) => p.includes('node_modules'))).toEqual([]);
  });

  it('notices a package when one is imported (the check can fail)', async () => {
    const inputs = await inputsOf('utils/messages/page-signals-schema.ts');
    expect(inputs.some((p) => p.includes('node_modules/zod'))).toBe(true);
  });
});
