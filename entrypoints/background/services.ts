import { getRawSettings, openHeedDB } from '@/utils/store/db';
import { StoredSettings } from '@/utils/store/stored-settings';
import { settingsForDeciding } from '@/utils/model/settings';
import { Collector } from './collector';
import { answerMessage, showSiteStatusOfOpenTabs, showSiteStatusOnceLoaded, type Answer, type Sender, type Services } from './messaging';
import { OriginSignals } from './origin-signals';
import { RESUME_ALARM, keepResuming } from './alarms';
import { expireNow, scheduleExpiry } from './history-expiry';

/**
 * What the worker does beyond listening: everything that needs the database, the settings or
 * the collect pipeline. Built as a script of its own (entrypoints/background-services.ts) that
 * the worker's script loads on first use (entrypoints/background/index.ts), not each time a
 * page wakes the worker (issue 17).
 */
export interface WorkerServices extends Services {
  answerMessage(raw: unknown, sender: Sender): Promise<Answer>;
  /** The badge's site status (and notice) for a tab whose page has loaded. */
  pageLoaded(tabId: number): Promise<void>;
  /** The site status of every open page (Heed was installed or updated while they were open). */
  openPagesLoaded(): Promise<void>;
  /** A navigation in the tab ends its watching collect. */
  tabNavigated(tabId: number): Promise<void>;
  /** A closed tab's watching collect ends, and its finished collects are forgotten (DESIGN.md §3): now, or by the next sweep when a watching one ended. */
  tabRemoved(tabId: number): Promise<void>;
  /** Resume unfinished jobs; keep a wake-up alarm only while some remain. */
  resumeJobs(): Promise<void>;
  /** Sweep expired history now (DESIGN.md §3). */
  expireHistory(): Promise<void>;
}

/**
 * Open the services, once per worker life, and run its two wake chores: unfinished jobs
 * resume, and expired history is swept (both also have their alarms).
 */
export async function openWorkerServices(): Promise<WorkerServices> {
  const db = await openHeedDB();
  const origins = new OriginSignals(db);
  // "Clear history" in settings forgets the files it shares in memory too (origin-signals.ts listen).
  origins.listen();
  // Read once, then from memory until a save is announced (utils/store/stored-settings.ts).
  const settings = new StoredSettings(() => getRawSettings(db), settingsForDeciding);
  settings.listen();
  const collector = new Collector(db, origins, () => settings.current());
  const base: Services = { db, origins, collector, settings };
  const services: WorkerServices = {
    ...base,
    answerMessage: (raw, sender) => answerMessage(base, raw, sender),
    pageLoaded: (tabId) => showSiteStatusOnceLoaded(base, tabId),
    openPagesLoaded: () => showSiteStatusOfOpenTabs(base),
    async tabNavigated(tabId) {
      await collector.stopWatchingTab(tabId);
    },
    async tabRemoved(tabId) {
      // A watching collect there ends first and is forgotten by the next sweep, once finished
      // (every SWEEP_EVERY_MS): swept now, it raced its own end, and a popup following it could
      // lose the job before it saw it done (it showed it running for good).
      if (await collector.stopWatchingTab(tabId)) return;
      await expireNow(db, tabId);
    },
    async resumeJobs() {
      const running = await collector.resumeAll();
      if (running > 0) await keepResuming();
      else await browser.alarms.clear(RESUME_ALARM);
    },
    async expireHistory() {
      await expireNow(db);
    },
  };
  void services.resumeJobs().catch((err: unknown) => console.error('Heed: resume', err));
  void scheduleExpiry()
    .then(() => services.expireHistory())
    .catch((err: unknown) => console.error('Heed: expiry', err));
  return services;
}
