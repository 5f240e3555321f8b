import { PEOPLE_WORKER_ACTIVITY, PEOPLE_WORKER_CONNECT, type ScanAnswer, type ScanRequest, type WorkerActivity } from '@/utils/people/scan-protocol';
import { DETECTOR_NAME } from '@/utils/people/detector-name';
import { scanForFaces } from './scan-for-faces';

/**
 * A people worker: a dedicated worker that looks for faces in the images Heed's worker sends it
 * (scan-protocol.ts), so the face detector (most of a collect's CPU with the people check on)
 * runs beside the fetching and judging instead of between them (issue 17). Chromium's service
 * worker cannot start a worker: an offscreen document hosts it there (people-host); Firefox's
 * background page starts it itself. Requests are taken one at a time, in order: one image's
 * pixels in memory at once, and each answer in the time its own work took. It tells the page that
 * started it when it takes an image and when it answers (utils/people/host-idle.ts).
 */
export default defineUnlistedScript(() => {
  self.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type !== PEOPLE_WORKER_CONNECT || !event.ports[0]) return;
    const port = event.ports[0];
    let queue = Promise.resolve();
    let pending = 0;
    const activity = () => self.postMessage({ type: PEOPLE_WORKER_ACTIVITY, busy: pending > 0 } satisfies WorkerActivity);
    port.onmessage = (request: MessageEvent<ScanRequest>) => {
      const { id, bytes, mime, minFacePx } = request.data;
      pending += 1;
      activity();
      queue = queue.then(async () => {
        const scan = await scanForFaces(bytes, mime, minFacePx).catch((err: unknown) => ({
          status: 'unchecked' as const,
          detector: DETECTOR_NAME,
          why: err instanceof Error ? err.message : String(err),
        }));
        const answer: ScanAnswer = { id, scan };
        port.postMessage(answer);
        pending -= 1;
        activity();
      });
    };
  });
});
