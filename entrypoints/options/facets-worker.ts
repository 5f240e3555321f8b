import { openHeedDB, scanItemBatches } from '@/utils/store/db';
import { createSiteResolver, facetsOf } from '@/utils/ui/library-filter';
import type { FacetWorkerMessage } from '@/components/library/facet-scanner';

// Reads every stored item's filter facets off the library page's main thread (see facet-scanner.ts).
const post = (message: FacetWorkerMessage) => postMessage(message);

addEventListener('message', () => {
  (async () => {
    const db = await openHeedDB();
    try {
      const siteOf = createSiteResolver();
      await scanItemBatches(db, (batch) => post({ type: 'batch', facets: batch.map((item) => facetsOf(item, siteOf)) }), { batchSize: 2000 });
      post({ type: 'done' });
    } finally {
      db.close();
    }
  })().catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
});
