import { scanDocument } from '@/utils/scan-page';
import { takeHandedScanOptions } from '@/utils/scan/handed-options';
import { readPageSignals } from '@/utils/page-signals';

/** Injected on Collect into every frame: returns the frame's page signals and image candidates. */
export default defineUnlistedScript(() => ({
  page: readPageSignals(document, location.href),
  candidates: scanDocument(document, location.href, takeHandedScanOptions()),
}));
