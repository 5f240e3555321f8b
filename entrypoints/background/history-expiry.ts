import type { HeedDatabase } from '@/utils/store/db';
import { expireHistory, SWEEP_EVERY_MS, type Forgotten } from '@/utils/store/retention';
import { EXPIRE_ALARM } from './alarms';

/** storage.session is emptied when the browser closes: its absence means a new browser session. */
const SESSION_SEEN = 'history-session-seen';

/** Keep the sweep alarm (created once; re-creating it on every worker start would keep postponing it). */
export async function scheduleExpiry(): Promise<void> {
  if (await browser.alarms.get(EXPIRE_ALARM)) return;
  const minutes = SWEEP_EVERY_MS / 60_000;
  await browser.alarms.create(EXPIRE_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

/**
 * Sweep now. In a new browser session no tab of the last one is open (tab ids start again and
 * would match old collects), so every finished collect goes; else those of tabs no longer open.
 * `closedTabId`: a tab being removed, which tabs.query may still list.
 */
export async function expireNow(db: HeedDatabase, closedTabId?: number): Promise<Forgotten> {
  const seen = (await browser.storage.session.get(SESSION_SEEN))[SESSION_SEEN] === true;
  const openTabs = new Set<number>();
  if (seen) for (const tab of await browser.tabs.query({})) if (tab.id !== undefined && tab.id !== closedTabId) openTabs.add(tab.id);
  const forgotten = await expireHistory(db, { now: Date.now(), openTabs });
  if (!seen) await browser.storage.session.set({ [SESSION_SEEN]: true });
  return forgotten;
}
