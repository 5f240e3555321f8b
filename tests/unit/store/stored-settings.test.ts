import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { settingsForDeciding } from '../../../utils/model/settings';
import { openHeedDB, putRawSettings } from '../../../utils/store/db';
import { SETTINGS_CHANGED_CHANNEL, StoredSettings } from '../../../utils/store/stored-settings';

let n = 0;
const name = () => `stored-settings-test-${++n}`;

/** A settings read that counts itself and answers what `stored` holds when it is made. */
function countingStore(initial: unknown) {
  const store = { stored: initial, reads: 0, pending: [] as (() => void)[], hold: false };
  const readRaw = () => {
    store.reads++;
    const value = store.stored;
    if (!store.hold) return Promise.resolve(value);
    return new Promise<unknown>((resolve) => store.pending.push(() => resolve(value)));
  };
  return { store, readRaw };
}

const purposeOf = async (s: StoredSettings) => {
  const r = await s.current();
  return r.ok ? r.settings.purpose : r.message;
};

describe('StoredSettings (the worker’s settings, issue 17)', () => {
  it('reads IndexedDB once for many asks while nothing changed', async () => {
    const { store, readRaw } = countingStore({ purpose: 'research-tdm' });
    let clock = 0;
    const settings = new StoredSettings(readRaw, settingsForDeciding, 1000, () => clock);
    for (let i = 0; i < 50; i++) {
      clock += 10;
      expect(await purposeOf(settings)).toBe('research-tdm');
    }
    expect(store.reads).toBe(1);
  });

  it('an announced change is read at the next ask', async () => {
    const { store, readRaw } = countingStore({ purpose: 'research-tdm' });
    const settings = new StoredSettings(readRaw, settingsForDeciding, 1000, () => 0);
    expect(await purposeOf(settings)).toBe('research-tdm');
    store.stored = { purpose: 'ai-training' };
    expect(await purposeOf(settings)).toBe('research-tdm'); // not announced yet
    settings.changed();
    expect(await purposeOf(settings)).toBe('ai-training');
    expect(store.reads).toBe(2);
  });

  it('a change never announced is read once the last read is older than the bound', async () => {
    const { store, readRaw } = countingStore({ purpose: 'research-tdm' });
    let clock = 0;
    const settings = new StoredSettings(readRaw, settingsForDeciding, 1000, () => clock);
    expect(await purposeOf(settings)).toBe('research-tdm');
    store.stored = { purpose: 'ai-training' };
    clock = 1000;
    expect(await purposeOf(settings)).toBe('research-tdm');
    clock = 1001;
    expect(await purposeOf(settings)).toBe('ai-training');
  });

  it('a read in flight when a change is announced is not kept: the next ask reads again', async () => {
    const { store, readRaw } = countingStore({ purpose: 'research-tdm' });
    const settings = new StoredSettings(readRaw, settingsForDeciding, 1000, () => 0);
    store.hold = true;
    const before = settings.current();
    store.stored = { purpose: 'ai-training' };
    settings.changed();
    store.hold = false;
    store.pending.splice(0).forEach((release) => release());
    expect((await before).ok && (await before as { settings: { purpose: string } }).settings.purpose).toBe('research-tdm');
    expect(await purposeOf(settings)).toBe('ai-training');
  });

  it('a failed read is not kept', async () => {
    let fail = true;
    let reads = 0;
    const settings = new StoredSettings(
      () => {
        reads++;
        return fail ? Promise.reject(new Error('disk')) : Promise.resolve({ purpose: 'research-tdm' });
      },
      settingsForDeciding,
      1000,
      () => 0,
    );
    await expect(settings.current()).rejects.toThrow('disk');
    fail = false;
    expect(await purposeOf(settings)).toBe('research-tdm');
    expect(reads).toBe(2);
  });

  it('unusable stored settings stay unusable from memory too (fail closed)', async () => {
    const { readRaw } = countingStore({ version: 99, purpose: 'ai-training' });
    const settings = new StoredSettings(readRaw, settingsForDeciding, 1000, () => 0);
    expect((await settings.current()).ok).toBe(false);
    expect((await settings.current()).ok).toBe(false);
  });

  it('saving the settings announces the change, and a listening worker reads the saved ones', async () => {
    const db = await openHeedDB(name());
    await putRawSettings(db, { purpose: 'research-tdm' });
    const settings = new StoredSettings(() => db.get('meta', 'settings'), settingsForDeciding);
    const stop = settings.listen();
    const heard = new Promise<unknown>((resolve) => {
      const channel = new BroadcastChannel(SETTINGS_CHANGED_CHANNEL);
      channel.onmessage = (e) => {
        channel.close();
        resolve(e.data);
      };
    });
    try {
      expect(await purposeOf(settings)).toBe('research-tdm');
      await putRawSettings(db, { purpose: 'ai-training' });
      expect(await heard).toBe('changed');
      await expect.poll(() => purposeOf(settings)).toBe('ai-training');
    } finally {
      stop();
      db.close();
    }
  });
});
