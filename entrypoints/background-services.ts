import { openWorkerServices } from './background/services';
import { SERVICES_GLOBAL, type ServicesModule } from './background/services-loader';

/**
 * The worker's services (database, settings, the collect pipeline: most of its code) as a
 * script of its own, which the worker's script loads on first use rather than evaluating on
 * every start (issue 17; entrypoints/background/index.ts). It leaves its module on the
 * worker's global.
 */
export default defineUnlistedScript(() => {
  const module: ServicesModule = { openWorkerServices };
  (globalThis as Record<string, unknown>)[SERVICES_GLOBAL] = module;
});
