import { z } from 'zod';
import { lazily } from '../model/lazily';

/**
 * Items stored or removed by the background, announced to open library pages so they show new
 * items while a collect runs, and drop the ones a collect withdrew (without re-reading the whole
 * store). A BroadcastChannel between the worker and extension pages of the same origin: no
 * listener is needed and none is woken. Only the items' keys travel; pages read the items
 * themselves. Messages are checked on arrival.
 */
const CHANNEL = 'heed-library';

/** SHA-256 keys of the items the event is about. */
const KeysSchema = lazily(() => z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1).max(1000));

export const LibraryEventSchema = lazily(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('items-added'), keys: KeysSchema }),
  /** Items taken out of the collection (a withdrawn image, an item deleted): pages drop them. */
  z.object({ type: z.literal('items-removed'), keys: KeysSchema }),
]));
export type LibraryEvent = z.infer<typeof LibraryEventSchema>;
type LibraryEventType = LibraryEvent['type'];

let sender: BroadcastChannel | null = null;
/** Events of this task, in order (a later event about a key must not overtake an earlier one): announced together after it. */
let pending: { type: LibraryEventType; keys: string[] }[] = [];
/** Keys one message carries (LibraryEventSchema). */
const MAX_KEYS = 1000;

function flush(): void {
  const events = pending;
  pending = [];
  try {
    sender ??= new BroadcastChannel(CHANNEL);
    for (const { type, keys } of events) {
      for (let i = 0; i < keys.length; i += MAX_KEYS) sender.postMessage({ type, keys: keys.slice(i, i + MAX_KEYS) } satisfies LibraryEvent);
    }
  } catch {
    sender = null; // a page can always reload; the store is the truth
  }
}

function announce(type: LibraryEventType, keys: readonly string[]): void {
  if (keys.length === 0 || typeof BroadcastChannel !== 'function') return;
  if (pending.length === 0) setTimeout(flush, 0);
  const last = pending.at(-1);
  if (last?.type === type) last.keys.push(...keys);
  else pending.push({ type, keys: [...keys] });
}

/**
 * Tell open library pages that items were stored; never throws (no channel, no page: no news).
 * The keys of one task go out in one message after it (a message per image was ~1–2% of a
 * collect's worker time, and woke each open library page once per image); one channel is kept
 * open for sending: opening one per message costs a round trip to the browser.
 */
export function announceItemsAdded(keys: string[]): void {
  announce('items-added', keys);
}

/** Tell open library pages that items left the collection (as announceItemsAdded, in order with it). */
export function announceItemsRemoved(keys: string[]): void {
  announce('items-removed', keys);
}

/** Listen for library events (malformed ones are ignored); returns the unsubscribe function. */
export function onLibraryEvent(listener: (event: LibraryEvent) => void): () => void {
  if (typeof BroadcastChannel !== 'function') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<unknown>) => {
    const parsed = LibraryEventSchema.safeParse(e.data);
    if (parsed.success) listener(parsed.data);
  };
  return () => channel.close();
}
