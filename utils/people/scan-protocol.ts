import type { FaceScan } from '../policy/people';

/**
 * What passes between Heed's worker and its people workers (entrypoints/people-worker): the
 * look for faces runs there, on a thread of its own, beside the fetching and judging (issue 17).
 * Each people worker is handed one MessagePort (`CONNECT`) and answers each request on it with
 * the request's id. The answer is checked on arrival (utils/policy/people-answer.ts, called by
 * entrypoints/background/people-workers.ts): one Heed cannot read, or for another request, leaves
 * the image people-unchecked (fail closed). Type imports only: Heed's worker
 * listens for `PEOPLE_PORTS_READY` from its start.
 */
export const PEOPLE_WORKER_CONNECT = 'heed-people-connect';

/** The message an offscreen document hosting the people workers sends Heed's worker, with one port per worker. */
export const PEOPLE_PORTS_READY = 'heed-people-ports';

/** What a people worker tells the page that started it when it takes an image (`busy`) and when it answers (utils/people/host-idle.ts). */
export const PEOPLE_WORKER_ACTIVITY = 'heed-people-activity';

export interface WorkerActivity {
  type: typeof PEOPLE_WORKER_ACTIVITY;
  busy: boolean;
}

export interface ScanRequest {
  id: number;
  bytes: Uint8Array;
  mime: string;
  minFacePx: number;
}

export interface ScanAnswer {
  id: number;
  scan: FaceScan;
}
