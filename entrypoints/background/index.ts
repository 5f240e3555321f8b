import { lazyServices, servicesScript } from './services-loader';
import { captureMainFrameHeaders, forgetTab } from './tab-state';
import { watchRedirects } from './redirect-hops';
import { registerMenusAndShortcut } from './menus';
import { receivePeoplePorts } from './people-ports';
import { EXPIRE_ALARM, RESUME_ALARM } from './alarms';
import { showStatusBadge } from './badge';

/**
 * The worker's script: it only listens. Everything else (database, settings, the collect
 * pipeline) is in its services script, loaded on first use (services-loader.ts): this script
 * is what each page that wakes the worker pays for (issue 17; tests/unit/conventions/worker-startup.test.ts).
 */
export default defineBackground(() => {
  // Listeners are registered synchronously so a worker woken by an event receives it.
  captureMainFrameHeaders();
  watchRedirects();
  servicesScript.importOnInstall();
  // Chromium: the people workers' ports, from the offscreen document hosting them (people-workers.ts).
  if (!('document' in globalThis) && typeof globalThis.addEventListener === 'function') globalThis.addEventListener('message', receivePeoplePorts);
  const services = lazyServices();
  const logError = (what: string) => (err: unknown) => console.error(`Heed: ${what}`, err);
  // Ask that collected items never be evicted under storage pressure (granted with
  // unlimitedStorage); asked when Heed is installed or the browser starts, not on every wake.
  const persist = () => void navigator.storage?.persist?.().catch(() => false);
  // A browser start opens the services, whose wake chores resume jobs and sweep the last
  // session's history (services.ts), without waiting for a page.
  browser.runtime.onStartup.addListener(() => {
    persist();
    void services.get().catch(logError('start'));
  });
  // Messages are told apart by their type's prefix here and validated by the services.
  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (r: unknown) => void) => {
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
    const answer = (r: unknown) => services.get().then((s) => s.answerMessage(r, sender));
    if (typeof type === 'string' && type.startsWith('popup-bg-')) {
      answer(raw).then(
        (a) => sendResponse(a?.reply),
        (err: unknown) => sendResponse({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
      return true; // reply asynchronously
    }
    if (typeof type === 'string' && type.startsWith('cs-bg-')) void answer(raw).catch(logError('message'));
    else console.error('Heed: dropped an invalid or unauthorised message', raw);
    return false;
  });
  registerMenusAndShortcut(services.get);
  // What the popup showed for a closed tab can no longer be shown: forget it (DESIGN.md §3); a
  // watching collect there ends first, and the next sweep forgets it once it is finished.
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
    void services.get().then((s) => s.tabRemoved(tabId)).catch(logError('expiry'));
  });
  // Pages that finished loading before the worker first ran (installed, or updated, while they
  // were open) get their status too: the browser gave this worker no event for them.
  browser.runtime.onInstalled.addListener(() => {
    persist();
    void services.get().then((s) => s.openPagesLoaded()).catch(logError('site status'));
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // A navigation ends the tab's watching collect. Only a running job can be watching, and
    // while one runs its resume alarm exists (alarms.ts keepResuming): without the alarm, and
    // with the services not opened in this worker life (so no collect started in it), there is
    // nothing to stop, and a page on its way to its load event costs no services.
    if (change.url) {
      // The badge spoke for the address the tab had. A new document resets it (Chromium), but one
      // that changed its own address (pushState, a #fragment) kept it: the previous address's OK
      // stood beside a page Heed had not read. Taken down here; a load reads the new page.
      void showStatusBadge(tabId, 'unknown');
      const stop = () => void services.get().then((s) => s.tabNavigated(tabId)).catch(() => undefined);
      if (services.isOpen()) stop();
      else void browser.alarms.get(RESUME_ALARM).then((alarm) => (alarm ? stop() : undefined));
    }
    // The badge's site status, read once the page has loaded (never on its way there).
    if (change.status === 'complete' && /^https?:/.test(tab.url ?? '')) {
      void services.get().then((s) => s.pageLoaded(tabId)).catch(() => undefined); // the tab may have navigated away or closed
    }
  });
  // A stopped worker is woken by the next event; the alarm is that event while jobs remain.
  // Opening the services resumes jobs and sweeps history (services.ts); once open, the alarms do.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== RESUME_ALARM && alarm.name !== EXPIRE_ALARM) return;
    const first = !services.isOpen();
    void services
      .get()
      .then((s) => (first ? undefined : alarm.name === RESUME_ALARM ? s.resumeJobs() : s.expireHistory()))
      .catch(logError(alarm.name));
  });
});
