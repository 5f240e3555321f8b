import type { WorkerServices } from './services';
import { lazyScript } from './lazy-script';

export interface ServicesModule {
  openWorkerServices(): Promise<WorkerServices>;
}

/** The global the services script (entrypoints/background-services.ts) sets. */
export const SERVICES_GLOBAL = 'heedServices';

export const servicesScript = lazyScript<ServicesModule>('/background-services.js', SERVICES_GLOBAL, "Heed's services");

/**
 * The worker's services, loaded and opened on first use in each worker life: a page's
 * navigation wakes the worker, and evaluating the collect pipeline, opening the database,
 * resuming jobs and sweeping history then competed with the page for the CPU before its load
 * event (issue 17; `npm run bench`, the worker-start row). A failed load is tried again on the
 * next use.
 */
export function lazyServices(): { get: () => Promise<WorkerServices>; isOpen: () => boolean } {
  let opened: Promise<WorkerServices> | undefined;
  const get = () => {
    opened ??= servicesScript
      .load()
      .then((module) => module.openWorkerServices())
      .catch((err: unknown) => {
        opened = undefined;
        throw err;
      });
    return opened;
  };
  return { get, isOpen: () => opened !== undefined };
}
