import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from '../../../utils/net/limiter';
import { backoffMs, MAX_RETRY_WAIT_MS, parseRetryAfter } from '../../../utils/net/retry-after';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedLimiter', () => {
  it('never runs more than perKey per key or global overall, and runs everything', async () => {
    const limiter = new KeyedLimiter(2, 3);
    const live = new Map<string, number>();
    let liveAll = 0;
    let maxAll = 0;
    const maxPerKey = new Map<string, number>();
    const done: string[] = [];
    const tasks = Array.from({ length: 30 }, (_, i) => {
      const key = `origin-${i % 3}`;
      return limiter.run(key, async () => {
        live.set(key, (live.get(key) ?? 0) + 1);
        liveAll++;
        maxAll = Math.max(maxAll, liveAll);
        maxPerKey.set(key, Math.max(maxPerKey.get(key) ?? 0, live.get(key)!));
        await tick();
        live.set(key, live.get(key)! - 1);
        liveAll--;
        done.push(`${i}`);
        return i;
      });
    });
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(done).toHaveLength(30);
    expect(maxAll).toBe(3);
    for (const m of maxPerKey.values()) expect(m).toBeLessThanOrEqual(2);
  });

  it('a failing task releases its slot', async () => {
    const limiter = new KeyedLimiter(1, 1);
    await expect(limiter.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('a', async () => 'ok')).resolves.toBe('ok');
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  it.each<[string | null, number | null]>([
    [null, null],
    ['3', 3000],
    [' 0 ', 0],
    ['120', MAX_RETRY_WAIT_MS],
    ['Wed, 25 Nov 2026 12:00:05 GMT', 5000],
    ['Wed, 25 Nov 2026 11:00:00 GMT', 0],
    ['soon', null],
    ['-1', null],
  ])('%j → %j', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it('backs off exponentially, capped', () => {
    expect([0, 1, 2, 10].map(backoffMs)).toEqual([1000, 2000, 4000, MAX_RETRY_WAIT_MS]);
  });
});
