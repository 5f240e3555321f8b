import { scanDocumentYielding } from '@/utils/scan/scan-page';
import { takeHandedScanOptions } from '@/utils/scan/handed-options';
import { readPageSignals } from '@/utils/page/page-signals';
import { toScanAnswer } from '@/utils/scan/scan-answer';

/**
 * Injected on Collect into every frame: resolves to the frame's page signals, image candidates,
 * and the cap the scan stopped at, if any (so the user is told what was not looked at). The
 * scan lets the page run between its steps: a large page stays responsive while Heed reads it.
 * The answer is JSON text (scan-answer.ts: an object would be converted value by value).
 */
export default defineUnlistedScript(async () => {
  const options = takeHandedScanOptions();
  const { candidates, stats } = await scanDocumentYielding(document, location.href, options);
  return toScanAnswer({ page: readPageSignals(document, location.href), candidates, limit: stats.limit });
});
