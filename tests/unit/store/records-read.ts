/**
 * A meter of the records IndexedDB hands back (values from get/getAll and value cursors), for
 * tests that a query reads only what it needs. Patches the fake-indexeddb globals' prototypes.
 */
export function meterRecordsRead(): { read: () => number; reset: () => void; stop: () => void } {
  let read = 0;
  const restore: (() => void)[] = [];
  const counting = (proto: object, method: string, count: (result: unknown) => number) => {
    const target = proto as Record<string, (...args: unknown[]) => IDBRequest>;
    const original = target[method]!;
    target[method] = function (this: unknown, ...args: unknown[]) {
      const req = original.apply(this, args);
      req.addEventListener('success', () => (read += count(req.result)));
      return req;
    };
    restore.push(() => (target[method] = original));
  };
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    counting(proto, 'get', (r) => (r === undefined ? 0 : 1));
    counting(proto, 'getAll', (r) => (r as unknown[]).length);
    counting(proto, 'openCursor', (r) => (r ? 1 : 0)); // each step re-fires success on the same request
  }
  return { read: () => read, reset: () => (read = 0), stop: () => restore.forEach((r) => r()) };
}
