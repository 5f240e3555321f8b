import { afterEach, describe, expect, it } from 'vitest';
import { announceItemsAdded, onLibraryEvent, type LibraryEvent } from '../../../utils/messages/library-events';

const KEY = 'a'.repeat(64);
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function listen(): LibraryEvent[] {
  const got: LibraryEvent[] = [];
  stops.push(onLibraryEvent((e) => got.push(e)));
  return got;
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('library events (background → open library pages)', () => {
  it('an announcement reaches every listener, checked on arrival', async () => {
    const a = listen();
    const b = listen();
    announceItemsAdded([KEY]);
    await settle();
    expect(a).toEqual([{ type: 'items-added', keys: [KEY] }]);
    expect(b).toEqual(a);
  });

  it('the items stored in one task go out as one message, in messages of at most 1,000 keys', async () => {
    const got = listen();
    const keys = Array.from({ length: 1203 }, (_, i) => i.toString(16).padStart(64, '0'));
    for (const key of keys) announceItemsAdded([key]);
    await settle();
    expect(got.map((e) => e.keys.length)).toEqual([1000, 203]);
    expect(got.flatMap((e) => e.keys)).toEqual(keys);
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
