/**
 * `npm run bench`: every benchmark, each printing its ratio against a baseline measured in the
 * same run. Speed and memory goals live here, never in timed unit tests.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

async function section(title: string, run: () => Promise<unknown> | unknown): Promise<void> {
  console.log(`\n=== ${title} ===`);
  try {
    await run();
  } catch (err) {
    console.error(`  failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  if (!existsSync(resolve(ROOT, '.output/chrome-mv3/manifest.json'))) {
    throw new Error('Build the extension first (npm run build); `npm run bench` does it for you.');
  }
  const benches = readdirSync(resolve(ROOT, 'scripts'))
    .filter((f) => /^bench-.+\.ts$/.test(f))
    .sort();
  for (const file of benches) {
    await section(file.replace(/^bench-|\.ts$/g, ''), async () => {
      const mod = (await import(resolve(ROOT, 'scripts', file))) as { main?: () => unknown };
      if (typeof mod.main !== 'function') throw new Error(`${file} exports no main()`);
      await mod.main();
    });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
