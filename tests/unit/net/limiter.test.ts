import { describe, expect, it } from 'vitest';
import { GLOBAL_REQUESTS, IMAGES_IN_HAND, interleaveByKey, KeyedLimiter } from '../../../utils/net/limiter';
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

describe('a collect: images in hand (first come, first served) in front of the keyed request limiter', () => {
  /** The collector's two stages: at most 6 images in hand, whose requests take 2-per-origin, 6-overall slots. */
  async function mostRequestsAtOnce(urls: readonly string[], afterRequest: () => Promise<unknown> = async () => undefined): Promise<{ most: number; mean: number }> {
    const inHand = new KeyedLimiter(IMAGES_IN_HAND, IMAGES_IN_HAND);
    const requests = new KeyedLimiter(2, GLOBAL_REQUESTS);
    let live = 0;
    let most = 0;
    const seen: number[] = [];
    await Promise.all(
      urls.map((url) =>
        inHand.run('images', async () => {
          await requests.run(new URL(url).origin, async () => {
            most = Math.max(most, ++live);
            seen.push(live);
            await tick();
            live--;
          });
          await afterRequest(); // judged and written, the image still in hand
        }),
      ),
    );
    return { most, mean: seen.reduce((a, b) => a + b, 0) / seen.length };
  }
  // The page shows 25 images from each of 20 origins in a row (scripts/bench-collect.ts).
  const page = Array.from({ length: 500 }, (_, i) => `http://o${Math.floor(i / 25) % 20}.test/${i}.png`);

  it('taken in turns across origins, keeps every global slot busy: no origin’s queue blocks the others', async () => {
    // In page order, the 6 images in hand were all from o0: 2 requests at a time, 4 slots idle.
    expect((await mostRequestsAtOnce(interleaveByKey(page, (u) => new URL(u).origin))).most).toBe(GLOBAL_REQUESTS);
  });

  it('requests go on while earlier images are judged and written: more images in hand than requests', async () => {
    // Judging and writing an image takes about half as long as its request (bench-collect: 5–8 ms
    // against 30 ms). With as many images in hand as requests, slots idled while it ran.
    const { mean } = await mostRequestsAtOnce(interleaveByKey(page, (u) => new URL(u).origin), () => tick());
    expect(mean).toBeGreaterThan(GLOBAL_REQUESTS - 1);
    expect(IMAGES_IN_HAND).toBeGreaterThan(GLOBAL_REQUESTS);
  });

  it('in turns keeps each origin’s own order and every item once', () => {
    const turns = interleaveByKey(page, (u) => new URL(u).origin);
    expect([...turns].sort()).toEqual([...page].sort());
    expect(turns.slice(0, 3)).toEqual(['http://o0.test/0.png', 'http://o1.test/25.png', 'http://o2.test/50.png']);
    for (let k = 0; k < 20; k++) {
      const own = (list: readonly string[]) => list.filter((u) => u.startsWith(`http://o${k}.test/`));
      expect(own(turns)).toEqual(own(page));
    }
    expect(interleaveByKey(['a1', 'a2', 'b1'], (s) => s[0]!)).toEqual(['a1', 'b1', 'a2']);
  });
});
