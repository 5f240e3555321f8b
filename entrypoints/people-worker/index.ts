import { PEOPLE_WORKER_ACTIVITY, PEOPLE_WORKER_CONNECT, type ScanRequest, type WorkerActivity } from '@/utils/people/scan-protocol';
import { serialScans } from '@/utils/people/serial-scans';
import { scanForFaces } from './scan-for-faces';

/**
 * A people worker: a dedicated worker that looks for faces in the images Heed's worker sends it
 * (scan-protocol.ts), so the face detector (most of a collect's CPU with the people check on)
 * runs beside the fetching and judging instead of between them (issue 17). Chromium's service
 * worker cannot start a worker: an offscreen document hosts it there (people-host); Firefox's
 * background page starts it itself. Requests are taken one at a time, in order, each answered
 * whatever throws (utils/people/serial-scans.ts). It tells the page that
 * started it when it takes an image and when it answers (utils/people/host-idle.ts).
 */
export default defineUnlistedScript(() => {
  self.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type !== PEOPLE_WORKER_CONNECT || !event.ports[0]) return;
    const port = event.ports[0];
    const take = serialScans(
      ({ bytes, mime, minFacePx }) => scanForFaces(bytes, mime, minFacePx),
      (answer) => port.postMessage(answer),
      (busy) => self.postMessage({ type: PEOPLE_WORKER_ACTIVITY, busy } satisfies WorkerActivity),
    );
    port.onmessage = (request: MessageEvent<ScanRequest>) => take(request.data);
  });
});
