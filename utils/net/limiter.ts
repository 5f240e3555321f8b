/**
 * Runs tasks with at most `perKey` at once for each key (an origin) and `global` overall,
 * in arrival order per key. Politeness for the sites Heed collects from (issue 6).
 */
export class KeyedLimiter {
  private running = 0;
  private readonly perKeyRunning = new Map<string, number>();
  private readonly queue: { key: string; start: () => void }[] = [];

  constructor(
    private readonly perKey: number,
    private readonly global: number,
  ) {}

  /** Run `task` once a slot for `key` and a global slot are free. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        key,
        start: () => {
          task()
            .then(resolve, reject)
            .finally(() => {
              this.running--;
              this.perKeyRunning.set(key, (this.perKeyRunning.get(key) ?? 1) - 1);
              this.pump();
            });
        },
      });
      this.pump();
    });
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.running < this.global; ) {
      const next = this.queue[i]!;
      if ((this.perKeyRunning.get(next.key) ?? 0) >= this.perKey) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.running++;
      this.perKeyRunning.set(next.key, (this.perKeyRunning.get(next.key) ?? 0) + 1);
      next.start();
    }
  }
}

/**
 * `items` in turns across their keys — the first of each key, then the second of each, … —
 * each key keeping its own order. Fed to a first-come stage in front of a KeyedLimiter (the
 * images a collect holds), a page showing one origin's images in a row no longer fills that
 * stage with one origin's requests while the global slots idle.
 */
export function interleaveByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = byKey.get(key);
    if (list) list.push(item);
    else byKey.set(key, [item]);
  }
  const lists = [...byKey.values()];
  const out: T[] = [];
  for (let turn = 0; out.length < items.length; turn++) for (const list of lists) if (turn < list.length) out.push(list[turn]!);
  return out;
}

/** A collect's image requests at once, whatever the origins (each origin has its own, smaller cap). */
export const GLOBAL_REQUESTS = 6;
/**
 * A collect's images in hand at once: requested, or fetched and being judged and written (their
 * bytes in memory). More than GLOBAL_REQUESTS, so the next requests go out while earlier images
 * are judged and written: with as many as requests, those steps (about a third of an image's
 * time in hand on a 25 ms server) left request slots idle (issue 17).
 */
export const IMAGES_IN_HAND = 2 * GLOBAL_REQUESTS;
