import { scanDocumentWithStats } from '@/utils/scan-page';
import { takeHandedScanOptions } from '@/utils/scan/handed-options';
import { readPageSignals } from '@/utils/page-signals';

/**
 * Injected on Collect into every frame: returns the frame's page signals, image candidates,
 * and the cap the scan stopped at, if any (so the user is told what was not looked at).
 */
export default defineUnlistedScript(() => {
  const { candidates, stats } = scanDocumentWithStats(document, location.href, takeHandedScanOptions());
  return { page: readPageSignals(document, location.href), candidates, limit: stats.limit };
});
