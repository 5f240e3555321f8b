import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobView } from '@/utils/messages/messages';
import { followJob } from '@/utils/ui/follow-job';

const view = (lastSeq: number, state: JobView['state'] = 'running'): JobView => ({
  id: 'job-1', state, watching: false, pageUrl: 'https://a.test/', found: 3, checked: lastSeq + 1, lastSeq, verdicts: [], error: null, notes: [],
});

/** A worker whose answers the test releases one by one, and an announcement channel it fires. */
function harness(minGapMs?: number) {
  const asks: { since: number; answer: (v: JobView | null) => void }[] = [];
  const listeners = new Set<(id: string) => void>();
  const views: JobView[] = [];
  const stop = followJob({
    jobId: 'job-1',
    sinceSeq: -1,
    ask: (since) => new Promise((answer) => asks.push({ since, answer })),
    onView: (v) => views.push(v),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    fallbackMs: 500,
    minGapMs,
  });
  const announce = (id = 'job-1') => listeners.forEach((l) => l(id));
  return { asks, views, stop, announce, listeners };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the popup following a running job', () => {
  it('asks at once when the worker announces a change, not at the next poll', async () => {
    const h = harness();
    h.announce();
    expect(h.asks.map((a) => a.since)).toEqual([-1]);
    h.asks[0]!.answer(view(4));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.views.map((v) => v.lastSeq)).toEqual([4]);
    h.announce('another-job');
    expect(h.asks).toHaveLength(1);
    h.stop();
  });

  it('never asks twice at once: an announcement during an ask asks again after it, from the new seq', async () => {
    const h = harness();
    h.announce();
    h.announce();
    h.announce();
    expect(h.asks).toHaveLength(1);
    h.asks[0]!.answer(view(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.asks.map((a) => a.since)).toEqual([-1, 2]);
    h.stop();
  });

  it('polls without announcements, retries a failed ask, and stops once the job is no longer running', async () => {
    const h = harness();
    await vi.advanceTimersByTimeAsync(499);
    expect(h.asks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.asks).toHaveLength(1);
    h.asks[0]!.answer(null); // the worker restarting
    await vi.advanceTimersByTimeAsync(500);
    expect(h.asks.map((a) => a.since)).toEqual([-1, -1]);
    h.asks[1]!.answer(view(7, 'done'));
    await vi.advanceTimersByTimeAsync(5000);
    h.announce();
    expect(h.asks).toHaveLength(2);
    expect(h.views.map((v) => v.state)).toEqual(['done']);
    expect(h.listeners.size).toBe(0);
  });

  it('after stop, an answer in flight is not shown and nothing more is asked', async () => {
    const h = harness();
    h.announce();
    h.stop();
    h.asks[0]!.answer(view(3));
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.views).toEqual([]);
    expect(h.asks).toHaveLength(1);
  });

  it('with a least gap between asks, announcements within it are asked for together once it has passed (issue 17)', async () => {
    const h = harness(150);
    h.announce();
    expect(h.asks).toHaveLength(1);
    h.asks[0]!.answer(view(2));
    await vi.advanceTimersByTimeAsync(10);
    h.announce();
    h.announce();
    await vi.advanceTimersByTimeAsync(100); // 110 ms since the first ask started
    expect(h.asks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(40);
    expect(h.asks.map((a) => a.since)).toEqual([-1, 2]);
    h.asks[1]!.answer(view(5));
    await vi.advanceTimersByTimeAsync(500); // then the fallback poll, as without a gap
    expect(h.asks.map((a) => a.since)).toEqual([-1, 2, 5]);
    h.stop();
  });
});
