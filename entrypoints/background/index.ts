import { getRawSettings, openHeedDB } from '@/utils/store/db';
import { StoredSettings } from '@/utils/store/stored-settings';
import { settingsForDeciding } from '@/utils/model/settings';
import { Collector, keepResuming, RESUME_ALARM } from './collector';
import { registerMessageHandlers, showSiteStatusOfOpenTabs, showSiteStatusOnceLoaded, type Services } from './messaging';
import { OriginSignals } from './origin-signals';
import { captureMainFrameHeaders, forgetTab } from './tab-state';
import { watchRedirects } from './redirect-hops';
import { registerMenusAndShortcut } from './menus';
import { importFaceDetectorOnInstall } from './face-detector-loader';
import { EXPIRE_ALARM, expireNow, scheduleExpiry } from './history-expiry';

/** Resume unfinished jobs; keep a wake-up alarm only while some remain. */
async function resumeJobs({ collector }: Services): Promise<void> {
  const running = await collector.resumeAll();
  if (running > 0) await keepResuming();
  else await browser.alarms.clear(RESUME_ALARM);
}

export default defineBackground(() => {
  // Listeners are registered synchronously so a worker woken by an event receives it.
  captureMainFrameHeaders();
  watchRedirects();
  importFaceDetectorOnInstall();
  const ready: Promise<Services> = openHeedDB().then((db) => {
    const origins = new OriginSignals(db);
    // Read once, then from memory until a save is announced (utils/store/stored-settings.ts).
    const settings = new StoredSettings(() => getRawSettings(db), settingsForDeciding);
    settings.listen();
    const collector = new Collector(db, origins, () => settings.current());
    return { db, origins, collector, settings };
  });
  // Ask that collected items never be evicted under storage pressure (granted with unlimitedStorage).
  void navigator.storage?.persist?.().catch(() => false);
  registerMessageHandlers(ready);
  registerMenusAndShortcut(ready);
  // What the popup showed for a closed tab can no longer be shown: forget it (DESIGN.md §3); a
  // watching collect there ends first, and the next sweep forgets it once it is finished.
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
    void ready
      .then(async ({ db, collector }) => {
        await collector.stopWatchingTab(tabId);
        await expireNow(db, tabId);
      })
      .catch((err: unknown) => console.error('Heed: expiry', err));
  });
  // Pages that finished loading before the worker first ran (installed, or updated, while they
  // were open) get their status too: the browser gave this worker no event for them.
  browser.runtime.onInstalled.addListener(() => {
    void ready.then(showSiteStatusOfOpenTabs).catch((err: unknown) => console.error('Heed: site status', err));
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url) void ready.then(({ collector }) => collector.stopWatchingTab(tabId));
    // The badge's site status, read once the page has loaded (never on its way there).
    if (change.status === 'complete' && /^https?:/.test(tab.url ?? '')) {
      void ready.then((services) => showSiteStatusOnceLoaded(services, tabId)).catch(() => undefined); // the tab may have navigated away or closed
    }
  });
  // A stopped worker is woken by the next event; the alarm is that event while jobs remain.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RESUME_ALARM) void ready.then(resumeJobs);
    if (alarm.name === EXPIRE_ALARM) void ready.then(({ db }) => expireNow(db)).catch((err: unknown) => console.error('Heed: expiry', err));
  });
  void ready.then(resumeJobs);
  // Expiry runs on every worker start and on its alarm; running jobs are never touched.
  void ready.then(async ({ db }) => {
    await scheduleExpiry();
    await expireNow(db);
  }).catch((err: unknown) => console.error('Heed: expiry', err));
});
