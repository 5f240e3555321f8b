import type { JobView } from '../messages/messages';

export interface FollowJobOptions {
  jobId: string;
  /** The last verdict seq the popup shows: asks are for what came after it. */
  sinceSeq: number;
  /** Ask the worker for the job's view after `sinceSeq` (null: not known, e.g. while the worker restarts). */
  ask: (sinceSeq: number) => Promise<JobView | null>;
  /** Each view the worker answered, in order. */
  onView: (view: JobView) => void;
  /** Calls `listener` with a job's id when the worker announces a change (job-events.ts); returns the unsubscribe. */
  subscribe: (listener: (jobId: string) => void) => () => void;
  /** Asks this often without an announcement, in case one is lost. */
  fallbackMs: number;
  /**
   * The least time from the start of one ask to the next (announcements in between are asked
   * for together). A collect announces a change with each batch of verdicts; asking at each one
   * kept an ask in flight all the time, and each reads the job from IndexedDB in the worker and
   * renders the list again in the popup: with a 500-image collect on 20 origins, 0.9 s of 6.1 s
   * (issue 17; `npm run bench`, the collect rows). 0 asks at every announcement.
   */
  minGapMs?: number;
}

/**
 * The popup following a running job: it asks for what is new as soon as the worker announces a
 * change, and every `fallbackMs` otherwise, until the job is no longer running or the returned
 * stop is called. Never two asks at once: each asks for the verdicts after the last one shown,
 * so overlapping asks would show verdicts twice; an announcement during an ask asks again after
 * it. A failed ask (the worker restarting) is retried at the fallback interval.
 */
export function followJob(o: FollowJobOptions): () => void {
  const minGap = o.minGapMs ?? 0;
  let stopped = false;
  let asking = false;
  let again = false;
  let since = o.sinceSeq;
  let lastAskAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
  /** Ask in `ms`, unless an ask is already planned sooner. */
  const askIn = (ms: number) => {
    const at = Date.now() + ms;
    if (timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => void askNow(), ms);
  };
  /** Ask as soon as the gap since the last ask allows. */
  const askSoon = () => {
    if (stopped) return;
    if (asking) {
      again = true;
      return;
    }
    const wait = lastAskAt + minGap - Date.now();
    if (wait > 0) askIn(wait);
    else void askNow();
  };
  const askNow = async (): Promise<void> => {
    clearTimeout(timer);
    timerAt = Infinity;
    if (stopped) return;
    if (asking) {
      again = true;
      return;
    }
    asking = true;
    lastAskAt = Date.now();
    let running = true;
    try {
      const view = await o.ask(since);
      if (view && !stopped) {
        since = view.lastSeq;
        running = view.state === 'running';
        o.onView(view);
      }
    } catch {
      // asked again below
    } finally {
      asking = false;
    }
    if (stopped) return;
    if (!running) return stop();
    if (again) {
      again = false;
      askSoon();
    } else {
      askIn(o.fallbackMs);
    }
  };
  const unsubscribe = o.subscribe((jobId) => {
    if (jobId === o.jobId) askSoon();
  });
  askIn(o.fallbackMs);
  return stop;
}
