import { takeHandedScanOptions } from '@/utils/scan/handed-options';
import { frameOf } from '@/utils/scan/scan-page';
import { watchForImages } from '@/utils/scan/watch';
import { readFrameSignals } from '@/utils/page/page-signals';
// The browser's own `browser` object, as everywhere in Heed (README, "Firefox"): no library is
// parsed on the pages this runs in.
import { browser } from '@wxt-dev/browser';

type WatchGlobals = typeof globalThis & { __heedJobId?: string; __heedStopWatch?: () => void };


/**
 * "Collect while scrolling": injected into every frame after the first scan of a watching
 * collect (the background sets `__heedJobId` first). New images go to the background as they
 * appear; a second injection replaces the first watcher. Returns whether it started.
 */
export default defineUnlistedScript(() => {
  const g = globalThis as WatchGlobals;
  g.__heedStopWatch?.();
  const jobId = g.__heedJobId;
  if (!jobId) return false;
  g.__heedStopWatch = watchForImages(
    document,
    location.href,
    (candidates, limit) => {
      // A frame's images answer to the frame document's own robots metas and TDMRep meta, read
      // now (they may have changed since the collect's scan), as the scan sends them.
      const frame = frameOf(document) ? readFrameSignals(document, location.href) : undefined;
      // The document's address now: the background drops a top frame's report once it is not the job's page.
      void browser.runtime.sendMessage({ type: 'cs-bg-scan-more', jobId, candidates, limit, frame, page: location.href }).catch(() => undefined);
    },
    takeHandedScanOptions(),
  );
  return true;
});
