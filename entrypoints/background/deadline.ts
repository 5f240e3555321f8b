/** What `withDeadline` gives for a promise that did not settle in time. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/** `promise`, or TIMED_OUT when it has not settled after `ms` (the promise itself runs on). */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
