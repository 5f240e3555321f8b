import { scanDocumentYielding } from '@/utils/scan/scan-page';
import { takeHandedScanOptions } from '@/utils/scan/handed-options';
import { readPageSignals } from '@/utils/page/page-signals';

/**
 * Injected on Collect into every frame: resolves to the frame's page signals, image candidates,
 * and the cap the scan stopped at, if any (so the user is told what was not looked at). The
 * scan lets the page run between its steps: a large page stays responsive while Heed reads it.
 */
export default defineUnlistedScript(async () => {
  const options = takeHandedScanOptions();
  const { candidates, stats } = await scanDocumentYielding(document, location.href, options);
  return { page: readPageSignals(document, location.href), candidates, limit: stats.limit };
});
