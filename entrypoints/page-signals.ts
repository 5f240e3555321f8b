import { readRawPageSignals } from '@/utils/page/raw-page-signals';
// The browser's own `browser` object, as everywhere in Heed (README, "Firefox"): no library is
// parsed on the pages this runs in.
import { browser } from '@wxt-dev/browser';

/**
 * Injected by the worker into each page's main frame once the page has loaded (never before
 * its load event: issue 17), tiny: the page's raw rights material (metas, rel=license, JSON-LD)
 * for the badge's site status. Parsing happens in the background, and on a blocked site the
 * background injects the notice itself (utils/page/in-page-notice.ts), so this script carries
 * neither.
 */
export default defineUnlistedScript(() => readRawPageSignals(document, location.href));
