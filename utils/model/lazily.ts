/**
 * A value built on first use instead of when its module is evaluated. Heed's worker evaluates
 * every module it bundles each time a page wakes it (issue 17); building a zod schema is costly
 * (zod 4 runs each schema's initialisers as it is built), and most of the worker's schemas serve
 * a collect, an export or a message, not the page that woke it. The value behaves as the built
 * one (properties, methods, `instanceof`); its type is the built value's.
 */
export function lazily<T extends object>(make: () => T): T {
  let made: T | undefined;
  const real = (): T => (made ??= make());
  return new Proxy({} as T, {
    get: (_t, key) => (key === LAZY_TARGET ? real() : Reflect.get(real(), key)),
    has: (_t, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    set: (_t, key, value) => Reflect.set(real(), key, value),
  });
}

const LAZY_TARGET = Symbol('lazily: the built value');

/** The built value behind `lazily` (built now if it was not yet); any other value as it is. */
export function built<T>(value: T): T {
  return value !== null && typeof value === 'object' ? ((value as Record<symbol, T>)[LAZY_TARGET] ?? value) : value;
}
