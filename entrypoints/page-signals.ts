import { readRawPageSignals } from '@/utils/page/raw-page-signals';
// Scripts in web pages take WXT's plain `browser` (the browser's own, promise-based in MV3 on
// Chromium and Firefox alike for runtime.sendMessage, all they use), not webextension-polyfill:
// its ~10 KB would be parsed on every page (README, "Firefox").
import { browser } from '@wxt-dev/browser';

/**
 * Always on, tiny: sends the page's raw rights material (metas, rel=license, JSON-LD) so the
 * badge shows the site status while browsing. Parsing happens in the background, and on a
 * blocked site the background injects the notice itself (utils/page/in-page-notice.ts), so this
 * script carries neither. An unlisted script registered in wxt.config.ts, not a WXT content
 * script: it needs none of WXT's content-script context, which would triple its size.
 */
export default defineUnlistedScript(() => {
  try {
    browser.runtime.sendMessage({ type: 'cs-bg-page-signals', raw: readRawPageSignals(document, location.href) }).catch(() => undefined);
  } catch {
    // The worker may be starting, or the extension reloading; the popup reads the page again when it opens.
  }
});
