/**
 * "A job changed" (a verdict recorded, its state or candidates updated), announced by the worker
 * to open popups so they ask for what is new at once instead of at their next poll (issue 17:
 * a collect's end showed up to a poll interval late). Only the job's id travels; the popup asks
 * the worker for the job as before, so a lost or forged announcement costs one ask, never a
 * wrong view. A BroadcastChannel between the worker and extension pages: no listener is woken.
 */
import { z } from 'zod';
import { lazily } from '../model/lazily';

const CHANNEL = 'heed-jobs';

const JobEventSchema = lazily(() => z.object({ type: z.literal('job-changed'), jobId: z.string().min(1).max(100) }));

let sender: BroadcastChannel | null = null;
/** Jobs changed in this task: announced once, after it (a batch of verdicts is one announcement). */
const pending = new Set<string>();

function flush(): void {
  const ids = [...pending];
  pending.clear();
  try {
    sender ??= new BroadcastChannel(CHANNEL);
    for (const jobId of ids) sender.postMessage({ type: 'job-changed', jobId });
  } catch {
    sender = null; // the popup polls as well
  }
}

/** Tell open popups that a job changed; never throws. */
export function announceJobChanged(jobId: string): void {
  if (typeof BroadcastChannel !== 'function') return;
  if (pending.size === 0) setTimeout(flush, 0);
  pending.add(jobId);
}

/** Listen for job changes (malformed messages are ignored); returns the unsubscribe function. */
export function onJobChanged(listener: (jobId: string) => void): () => void {
  if (typeof BroadcastChannel !== 'function') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<unknown>) => {
    const parsed = JobEventSchema.safeParse(e.data);
    if (parsed.success) listener(parsed.data.jobId);
  };
  return () => channel.close();
}
