import { readPageSignals } from '@/utils/page/page-signals';

/** Injected when the popup opens: the page's full page-level signals (RDFa and microdata too). */
export default defineUnlistedScript(() => readPageSignals(document, location.href));
