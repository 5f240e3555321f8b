import { uncheckedScan } from './detector-name';
import type { ScanAnswer, ScanRequest } from './scan-protocol';
import type { FaceScan } from '../policy/people';

/**
 * A people worker's requests, taken one at a time in order (one image's pixels in memory at
 * once, each answer in the time its own work took): returns what to call with each request.
 * `scan` looks for faces; `send` answers on the port; `activity` says whether requests are waiting.
 *
 * Every request is answered and leaves the queue, whatever throws: a scan that throws answers
 * unchecked; an answer that cannot be sent is sent again as unchecked (a smaller message the
 * structured clone takes), and if that fails too the request still leaves, so the answers after
 * it go out. A chain rejected once left every later request on the port unanswered until Heed's
 * 120 s timeout, and the busy count never fell (the idle host stayed open). Fail closed either way
 * (DESIGN.md §2 rule 6): Heed reads no answer, or an unchecked one, as people-unchecked.
 */
export function serialScans(scan: (request: ScanRequest) => Promise<FaceScan>, send: (answer: ScanAnswer) => void, activity: (busy: boolean) => void): (request: ScanRequest) => void {
  let queue = Promise.resolve();
  let pending = 0;
  return (request) => {
    const id = request.id;
    pending += 1;
    activity(true);
    queue = queue.then(async () => {
      try {
        const found = await scan(request).catch(uncheckedScan);
        try {
          send({ id, scan: found });
        } catch (err) {
          try {
            send({ id, scan: uncheckedScan(`the answer could not be sent: ${err instanceof Error ? err.message : String(err)}`) });
          } catch {
            // the port is gone: Heed's timeout answers this image unchecked
          }
        }
      } finally {
        pending -= 1;
        activity(pending > 0);
      }
    });
  };
}
