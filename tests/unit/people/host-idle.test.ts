import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_IDLE_MS, watchHostIdle } from '@/utils/people/host-idle';
import { IDLE_MS } from '@/entrypoints/background/people-workers';

describe('the people workers’ host closing itself', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('closes itself when no worker has been given an image for its idle time', () => {
    const close = vi.fn();
    watchHostIdle(2, 1000, close);
    vi.advanceTimersByTime(999);
    expect(close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('stays open while any worker is looking at an image, however long', () => {
    const close = vi.fn();
    const watch = watchHostIdle(2, 1000, close);
    watch.activity(0, true);
    watch.activity(1, true);
    watch.activity(1, false);
    vi.advanceTimersByTime(10_000);
    expect(close).not.toHaveBeenCalled();
    watch.activity(0, false);
    vi.advanceTimersByTime(999);
    expect(close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('counts its idle time again from each answer', () => {
    const close = vi.fn();
    const watch = watchHostIdle(1, 1000, close);
    vi.advanceTimersByTime(900);
    watch.activity(0, true);
    watch.activity(0, false);
    vi.advanceTimersByTime(900);
    expect(close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('ignores activity from a worker it did not start', () => {
    const close = vi.fn();
    const watch = watchHostIdle(1, 1000, close);
    watch.activity(3, true);
    watch.activity(-1, true);
    watch.activity(Number.NaN, true);
    vi.advanceTimersByTime(1000);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('waits well past the time after which Heed’s worker closes the host itself', () => {
    expect(HOST_IDLE_MS).toBeGreaterThanOrEqual(2 * IDLE_MS);
  });
});
