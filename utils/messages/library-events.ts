import { z } from 'zod';
import { lazily } from '../model/lazily';

/**
 * Items stored by the background, announced to open library pages so they show new items while
 * a collect runs (without re-reading the whole store). A BroadcastChannel between the worker
 * and extension pages of the same origin: no listener is needed and none is woken. Only the
 * new items' keys travel; pages read the items themselves. Messages are checked on arrival.
 */
const CHANNEL = 'heed-library';

export const LibraryEventSchema = lazily(() => z.object({
  type: z.literal('items-added'),
  /** SHA-256 keys of the items stored. */
  keys: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1).max(1000),
}));
export type LibraryEvent = z.infer<typeof LibraryEventSchema>;

let sender: BroadcastChannel | null = null;
/** Keys stored in this task: announced together after it (a collect stores images one by one). */
let pending: string[] = [];
/** Keys one message carries (LibraryEventSchema). */
const MAX_KEYS = 1000;

function flush(): void {
  const keys = pending;
  pending = [];
  try {
    sender ??= new BroadcastChannel(CHANNEL);
    for (let i = 0; i < keys.length; i += MAX_KEYS) sender.postMessage({ type: 'items-added', keys: keys.slice(i, i + MAX_KEYS) } satisfies LibraryEvent);
  } catch {
    sender = null; // a page can always reload; the store is the truth
  }
}

/**
 * Tell open library pages that items were stored; never throws (no channel, no page: no news).
 * The keys of one task go out in one message after it (a message per image was ~1–2% of a
 * collect's worker time, and woke each open library page once per image); one channel is kept
 * open for sending: opening one per message costs a round trip to the browser.
 */
export function announceItemsAdded(keys: string[]): void {
  if (keys.length === 0 || typeof BroadcastChannel !== 'function') return;
  if (pending.length === 0) setTimeout(flush, 0);
  pending.push(...keys);
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
