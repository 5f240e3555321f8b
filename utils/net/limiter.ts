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
