import { frameOf, scanDocumentYielding } from '@/utils/scan/scan-page';
import { takeHandedScanOptions } from '@/utils/scan/handed-options';
import { readFrameSignals, readPageSignals } from '@/utils/page/page-signals';
import { toScanAnswer } from '@/utils/scan/scan-answer';
import { readServedMetaTags } from '@/utils/page/served-metas';

/**
 * Injected on Collect into every frame: resolves to the frame's page signals, image candidates,
 * and the cap the scan stopped at, if any (so the user is told what was not looked at). The
 * scan lets the page run between its steps: a large page stays responsive while Heed reads it.
 * The answer is JSON text (scan-answer.ts: an object would be converted value by value).
 */
export default defineUnlistedScript(async () => {
  const options = takeHandedScanOptions();
  // The top page's HTML as served is asked for at once, so its request runs while the page is scanned.
  const served = frameOf(document) ? null : readServedMetaTags(location.href);
  const { candidates, stats } = await scanDocumentYielding(document, location.href, options);
  // A child frame sends what binds the images in it, its metas (scan-tab.ts frameSignalsFrom):
  // only the top page's licence markup speaks for the page, so a frame's is not read, nor its
  // JSON-LD sent (up to 2 MB of text a frame, for nothing).
  // The top page's HTML as served is read for metas too: a robots meta a script removed or
  // rewrote is still the owner's opt-out (served-metas.ts; DESIGN.md §2 rule 3).
  const page = served === null ? readFrameSignals(document, location.href) : readPageSignals(document, location.href, await served);
  return toScanAnswer({ page, candidates, limit: stats.limit });
});
