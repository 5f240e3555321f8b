/** The alarms that wake a stopped worker (a module of its own: the worker's script reads their names before it loads its services). */

/** Wakes the worker to resume unfinished jobs, while some remain. */
export const RESUME_ALARM = 'heed-resume-jobs';

/** Wake the worker every 30 s while a job may be unfinished (MV3 may stop it at any time). */
export async function keepResuming(): Promise<void> {
  await browser.alarms.create(RESUME_ALARM, { periodInMinutes: 0.5 });
}

/** Wakes the worker to sweep expired history (DESIGN.md §3). */
export const EXPIRE_ALARM = 'heed-expire-history';
