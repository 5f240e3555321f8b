/**
 * State one module keeps for the whole worker (or background page), whichever of the worker's
 * scripts evaluates the module: the worker's own script and the services script it loads on
 * first use (entrypoints/background-services.ts) each bundle a copy of a module both import,
 * and those copies must queue tab-state writes and see redirects as one.
 */
export function workerShared<T>(name: string, create: () => T): T {
  const scope = globalThis as Record<string, unknown>;
  const key = `heed:${name}`;
  if (!(key in scope)) scope[key] = create();
  return scope[key] as T;
}
