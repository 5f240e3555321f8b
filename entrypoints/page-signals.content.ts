import { showNotice, type Notice } from '@/utils/in-page-notice';
import { readRawPageSignals } from '@/utils/raw-page-signals';

/**
 * Always on, tiny: sends the page's raw rights material (metas, rel=license, JSON-LD) so the
 * badge shows the site status while browsing; on a blocked site the background answers with
 * a notice. Parsing happens in the background, so this script carries no parser.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main() {
    try {
      const reply = (await browser.runtime.sendMessage({ type: 'cs-bg-page-signals', raw: readRawPageSignals(document, location.href) })) as
        | { notice?: Notice | null }
        | undefined;
      if (reply?.notice && typeof reply.notice.headline === 'string' && Array.isArray(reply.notice.reasons)) {
        showNotice(document, { headline: reply.notice.headline, reasons: reply.notice.reasons.map(String) });
      }
    } catch {
      // The worker may be starting; the popup reads the page again when it opens.
    }
  },
});
