/**
 * Heed's main job on the bundled demo sites: serve them, drive Chromium with Heed loaded
 * through Collect on each, export the manifest to demo-output/, and print what happened.
 * Usage: npm run demo [-- --headed]   (headed needs a display)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findChromium, launchHeed } from '../tests/e2e/harness/browser';
import { openSiteWithPopup } from '../tests/e2e/harness/popup-page';
import { startSiteServer } from '../tests/e2e/harness/server';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'demo-output');
const SITES = [
  { host: 'museum.test', what: 'an openly licensed museum (CC0), with one image served by a lender' },
  { host: 'news.test', what: 'a news site embedding third-party wire photos' },
  { host: 'gallery.test', what: 'a CC BY-SA gallery whose robots.txt opts members\' uploads out of AI crawlers' },
  { host: 'optout.test', what: 'a CC BY portfolio whose robots.txt opts out of AI crawlers' },
  { host: 'social.test', what: 'a photo-sharing site that says noai / noimageai' },
  { host: 'stock.test', what: 'a stock-photo site whose inline RSL licence charges for AI training on its premium photos' },
];

async function main(): Promise<void> {
  const headed = process.argv.includes('--headed');
  if (headed && !process.env.DISPLAY) throw new Error('--headed needs a display (DISPLAY is not set); try xvfb-run npm run demo -- --headed');
  try {
    findChromium();
  } catch (err) {
    console.error(`\n${(err as Error).message}\n`);
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const server = await startSiteServer(resolve(ROOT, 'demo/sites'));
  const heed = await launchHeed({ headed });
  console.log(`Heed demo: ${SITES.length} sites served on 127.0.0.1:${server.port}, Chromium with Heed ${heed.extensionId}\n`);
  let lastPopup: Awaited<ReturnType<typeof openSiteWithPopup>>['popup'] | null = null;
  try {
    for (const site of SITES) {
      const url = `${server.origin(site.host)}/`;
      const { page, popup } = await openSiteWithPopup(heed, url);
      const status = await popup.siteStatus();
      const reasons = await popup.siteReasons();
      const verdicts = await popup.collect();
      await popup.page.screenshot({ path: resolve(OUT, `popup-${site.host}.png`), fullPage: true });
      const tally = new Map<string, number>();
      for (const v of verdicts) {
        const key = v.decision === 'permitted' ? 'collected' : `${v.decision} (${v.reasons.join(', ')})`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      console.log(`● ${site.host} — ${site.what}`);
      console.log(`  status: ${status}${reasons.length ? ` (${reasons.join(', ')})` : ''}`);
      console.log(`  images found: ${verdicts.length}`);
      for (const [key, n] of tally) console.log(`    ${String(n).padStart(3)}  ${key}`);
      console.log('');
      await page.close();
      if (lastPopup) await lastPopup.page.close();
      lastPopup = popup;
    }
    const { fileName, text, manifest } = await lastPopup!.exportManifest();
    const path = resolve(OUT, fileName);
    writeFileSync(path, text);
    console.log(`Manifest: ${path}`);
    console.log(`  ${manifest.items.length} items collected; refused: ${JSON.stringify(manifest.summary.refused)}; failed: ${JSON.stringify(manifest.summary.failed)}`);
    for (const testId of ['export-jsonl', 'export-hf', 'export-croissant', 'export-attribution']) {
      const file = await lastPopup!.download(testId);
      writeFileSync(resolve(OUT, file.fileName), file.bytes);
      console.log(`Export:   ${resolve(OUT, file.fileName)} (${file.bytes.length} bytes)`);
    }
    console.log(`Popup screenshots: ${OUT}/popup-<site>.png`);
  } finally {
    await heed.context.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
