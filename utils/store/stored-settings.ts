import type { SettingsForDeciding } from '../model/settings';

/** The channel Heed's pages tell the worker on that they saved the settings (db.ts putRawSettings). */
export const SETTINGS_CHANGED_CHANNEL = 'heed-settings-changed';

/**
 * How long a read of the stored settings answers for the worker when no change is announced.
 * Every writer announces (putRawSettings does, after its transaction commits), so this bounds
 * only a lost announcement: a page closed between its commit and its message.
 */
export const SETTINGS_MAX_AGE_MS = 1000;

/** Tell every Heed context that the stored settings changed (a no-op where BroadcastChannel is missing). */
export function announceSettingsChanged(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(SETTINGS_CHANGED_CHANNEL);
  channel.postMessage('changed');
  channel.close();
}

interface CachedRead {
  read: Promise<SettingsForDeciding>;
  generation: number;
  startedAt: number;
}

/**
 * The stored settings as the worker decides under them, read from IndexedDB once and then
 * answered from memory until a change is announced or the read is SETTINGS_MAX_AGE_MS old
 * (issue 17: a collect asked IndexedDB three times per image, once while holding a politeness
 * slot). A read in flight when a change is announced is never cached: the next ask reads again.
 * A failed read is not cached either.
 *
 * What this changes: a request made in the few milliseconds between a save's commit and its
 * announcement reaching the worker is made under the settings before the save, as one made while
 * the save's transaction ran always was. Settings decide; the moment a save lands is the user's.
 */
export class StoredSettings {
  private generation = 0;
  private cached: CachedRead | null = null;

  constructor(
    private readonly readRaw: () => Promise<unknown>,
    private readonly decide: (raw: unknown) => SettingsForDeciding,
    private readonly maxAgeMs = SETTINGS_MAX_AGE_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The settings now: from memory while the last read is current, else read afresh. */
  current(): Promise<SettingsForDeciding> {
    const hit = this.cached;
    if (hit && hit.generation === this.generation && this.now() - hit.startedAt <= this.maxAgeMs) return hit.read;
    const entry: CachedRead = { generation: this.generation, startedAt: this.now(), read: this.readRaw().then(this.decide) };
    this.cached = entry;
    entry.read.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return entry.read;
  }

  /** The stored settings changed: the next ask reads them again. */
  changed(): void {
    this.generation++;
    this.cached = null;
  }

  /** Hear announced changes (announceSettingsChanged) from every Heed context; returns how to stop. */
  listen(): () => void {
    if (typeof BroadcastChannel === 'undefined') return () => undefined;
    const channel = new BroadcastChannel(SETTINGS_CHANGED_CHANNEL);
    channel.onmessage = () => this.changed();
    return () => channel.close();
  }
}
