import { PEOPLE_PORTS_READY } from '@/utils/people/scan-protocol';

/**
 * The ports an offscreen document hosting the people workers hands this service worker
 * (entrypoints/people-host; people-workers.ts). The listener is registered when the worker's
 * script first runs (index.ts), as a service worker's listeners must be; it takes only ports
 * from this extension's own pages, sent with the nonce of a document this worker life opened.
 */
type Expected = Map<string, (ports: MessagePort[]) => void>;
/**
 * Kept on the worker's global: this module is in the worker's script (the listener) and in its
 * services script (people-workers.ts, which waits), two bundles, each with its own copy of it.
 */
const EXPECTED = 'heedPeoplePortsExpected';
const scope = globalThis as typeof globalThis & { [EXPECTED]?: Expected };
const expected: Expected = (scope[EXPECTED] ??= new Map());

export function receivePeoplePorts(event: MessageEvent): void {
  const data = event.data as { type?: unknown; nonce?: unknown } | null;
  if (data?.type !== PEOPLE_PORTS_READY || typeof data.nonce !== 'string') return;
  if (event.origin && event.origin !== self.location.origin) return;
  const take = expected.get(data.nonce);
  if (!take) return;
  expected.delete(data.nonce);
  take([...event.ports]);
}

/** The ports sent with `nonce`; rejects after `ms`. `cancel` stops waiting (the document was not opened). */
export function waitForPeoplePorts(nonce: string, ms: number): { ports: Promise<MessagePort[]>; cancel(): void } {
  let cancel = () => {};
  const ports = new Promise<MessagePort[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      expected.delete(nonce);
      reject(new Error(`the people workers were not ready within ${Math.round(ms / 1000)} s`));
    }, ms);
    expected.set(nonce, (p) => {
      clearTimeout(timer);
      resolve(p);
    });
    cancel = () => {
      clearTimeout(timer);
      expected.delete(nonce);
    };
  });
  return { ports, cancel };
}
