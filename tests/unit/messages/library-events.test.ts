import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceItemsAdded, announceItemsRemoved, onLibraryEvent, type LibraryEvent } from '../../../utils/messages/library-events';

const KEY = 'a'.repeat(64);
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function listen(): LibraryEvent[] {
  const got: LibraryEvent[] = [];
  stops.push(onLibraryEvent((e) => got.push(e)));
  return got;
}

const settle = () => new Promise((r) => setTimeout(r, 50));
/** Until `check` passes (a loaded machine delivers BroadcastChannel messages late), at most 5 s. */
const arrived = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 });

describe('library events (background → open library pages)', () => {
  it('an announcement reaches every listener, checked on arrival', async () => {
    const a = listen();
    const b = listen();
    announceItemsAdded([KEY]);
    await arrived(() => expect(a).toEqual([{ type: 'items-added', keys: [KEY] }]));
    await arrived(() => expect(b).toEqual(a));
    await settle();
    expect(a).toHaveLength(1);
  });

  it('the items stored in one task go out as one message, in messages of at most 1,000 keys', async () => {
    const got = listen();
    const keys = Array.from({ length: 1203 }, (_, i) => i.toString(16).padStart(64, '0'));
    for (const key of keys) announceItemsAdded([key]);
    await arrived(() => expect(got.map((e) => e.keys.length)).toEqual([1000, 203]));
    await settle();
    expect(got).toHaveLength(2);
    expect(got.flatMap((e) => e.keys)).toEqual(keys);
  });

  it('items taken out of the collection go out as items-removed, in order with the items added in the same task', async () => {
    const got = listen();
    const OTHER = 'b'.repeat(64);
    announceItemsAdded([KEY]);
    announceItemsRemoved([OTHER, KEY]);
    announceItemsAdded([KEY]);
    await arrived(() => expect(got).toHaveLength(3));
    expect(got).toEqual([{ type: 'items-added', keys: [KEY] }, { type: 'items-removed', keys: [OTHER, KEY] }, { type: 'items-added', keys: [KEY] }]);
  });

  it('a malformed items-removed message is ignored', async () => {
    const got = listen();
    const rogue = new BroadcastChannel('heed-library');
    for (const data of [{ type: 'items-removed', keys: ['x'] }, { type: 'items-removed', keys: [] }, { type: 'items-removed' }]) rogue.postMessage(data);
    rogue.close();
    await settle();
    expect(got).toEqual([]);
  });

  it('malformed messages on the channel are ignored', async () => {
    const got = listen();
    const rogue = new BroadcastChannel('heed-library');
    for (const data of [{ type: 'items-added', keys: ['<img src=x onerror=alert(1)>'] }, { type: 'items-added', keys: [] }, { type: 'other' }, 'items-added', null]) rogue.postMessage(data);
    rogue.close();
    await settle();
    expect(got).toEqual([]);
  });

  it('nothing to announce sends nothing; a stopped listener hears nothing', async () => {
    const got = listen();
    stops.pop()!();
    announceItemsAdded([]);
    announceItemsAdded([KEY]);
    await settle();
    expect(got).toEqual([]);
  });
});
