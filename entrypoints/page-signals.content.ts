import { readPageSignals } from '@/utils/page-signals';

/** Always on, tiny: reports the page-level rights signals the DOM carries for the site status. */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    void browser.runtime
      .sendMessage({ type: 'cs-bg-page-signals', signals: readPageSignals(document, location.href) })
      .catch(() => undefined); // the worker may be starting; the popup asks again on open
  },
});
