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
}

/**
 * The popup following a running job: it asks for what is new as soon as the worker announces a
 * change, and every `fallbackMs` otherwise, until the job is no longer running or the returned
 * stop is called. Never two asks at once: each asks for the verdicts after the last one shown,
 * so overlapping asks would show verdicts twice; an announcement during an ask asks again after
 * it. A failed ask (the worker restarting) is retried at the fallback interval.
 */
export function followJob(o: FollowJobOptions): () => void {
  let stopped = false;
  let asking = false;
  let again = false;
  let since = o.sinceSeq;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
  const askNow = async (): Promise<void> => {
    clearTimeout(timer);
    if (stopped) return;
    if (asking) {
      again = true;
      return;
    }
    asking = true;
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
      void askNow();
    } else {
      timer = setTimeout(() => void askNow(), o.fallbackMs);
    }
  };
  const unsubscribe = o.subscribe((jobId) => {
    if (jobId === o.jobId) void askNow();
  });
  timer = setTimeout(() => void askNow(), o.fallbackMs);
  return stop;
}
