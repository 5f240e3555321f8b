import { scanItemBatches, type HeedDatabase } from '@/utils/store/db';
import { createSiteResolver, facetsOf, type ItemFacets } from '@/utils/ui/library-filter';

/** Reads every item's filter facets, a batch at a time; resolves when done or aborted. */
export type FacetScanner = (onBatch: (facets: ItemFacets[]) => void, signal: AbortSignal) => Promise<void>;

/** Messages from the facets worker (entrypoints/options/facets-worker.ts). */
export type FacetWorkerMessage = { type: 'batch'; facets: ItemFacets[] } | { type: 'done' } | { type: 'error'; message: string };

/** Scan on this thread: the fallback where a worker cannot start. */
export function mainThreadScanner(db: HeedDatabase): FacetScanner {
  return async (onBatch, signal) => {
    const siteOf = createSiteResolver();
    await scanItemBatches(db, (batch) => onBatch(batch.map((item) => facetsOf(item, siteOf))), { batchSize: 1000, signal });
  };
}

const isMessage = (data: unknown): data is FacetWorkerMessage =>
  typeof data === 'object' && data !== null && ['batch', 'done', 'error'].includes((data as { type?: unknown }).type as string);

/**
 * Scan in a worker. Deserialising 100k stored items costs seconds of CPU; on the page's own
 * thread that would stall scrolling in ~30 ms chunks, in a worker it costs the page nothing.
 */
export function workerScanner(createWorker: () => Worker, fallback: FacetScanner): FacetScanner {
  return (onBatch, signal) =>
    new Promise<void>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = createWorker();
      } catch {
        fallback(onBatch, signal).then(resolve, reject);
        return;
      }
      const stop = () => {
        worker.terminate();
        resolve();
      };
      signal.addEventListener('abort', stop, { once: true });
      worker.onmessage = (e: MessageEvent<unknown>) => {
        if (!isMessage(e.data) || signal.aborted) return;
        if (e.data.type === 'batch' && Array.isArray(e.data.facets)) onBatch(e.data.facets);
        else if (e.data.type === 'done') stop();
        else if (e.data.type === 'error') {
          worker.terminate();
          reject(new Error(e.data.message));
        }
      };
      worker.onerror = () => {
        // A worker that fails to load (e.g. blocked by policy) is not fatal: scan here instead.
        worker.terminate();
        if (!signal.aborted) fallback(onBatch, signal).then(resolve, reject);
      };
      worker.postMessage({ type: 'scan' });
    });
}
