import { uncheckedScan } from '@/utils/people/detector-name';
import type { FaceScan } from '@/utils/policy/people';
import { readScanAnswer } from '@/utils/policy/people-answer';
import { PEOPLE_WORKER_CONNECT, type ScanRequest } from '@/utils/people/scan-protocol';
import { HOST_IDLE_MS } from '@/utils/people/host-idle';
import { waitForPeoplePorts } from './people-ports';

/**
 * The people check's look for faces, run in people workers (entrypoints/people-worker) rather
 * than on this thread: decoding, drawing and the detector were most of a collect's CPU with the
 * people check on, and ran between the fetches and judgements of every other image (issue 17).
 * Each worker takes one image at a time; images wait here for a free one, so a worker holds one
 * image's pixels at once and an image's time limit counts only its own work.
 *
 * Fail closed (DESIGN.md §2 rule 6): a worker that cannot start, an answer Heed cannot read, or
 * no answer within ANSWER_MS leaves the image `unchecked` with the reason, never examined; the
 * workers are then started afresh for the next image. Idle for IDLE_MS, they are closed, and
 * the detector's memory with them.
 */

/** The people workers, opened: one port to each, and how to close them all. */
export interface PeopleLanes {
  ports: MessagePort[];
  close(): Promise<void>;
}

export interface PeopleScanner {
  /** Faces of `minFacePx` or more in every picture of the file (people-worker/scan-for-faces.ts). */
  scan(bytes: Uint8Array, mime: string, minFacePx: number): Promise<FaceScan>;
}

/** How long a worker may take over one image: the largest plan (22 passes) takes seconds. */
export const ANSWER_MS = 120_000;
/** Idle this long, the workers are closed. Shorter than Chromium's 30 s idle worker life, so this worker closes them itself. */
export const IDLE_MS = 20_000;

interface Waiting {
  request: Omit<ScanRequest, 'id'>;
  answer: (scan: FaceScan) => void;
}

interface Lane {
  port: MessagePort;
  /** The image this worker is looking at, and its time limit. */
  busy: { id: number; waiting: Waiting; timer: ReturnType<typeof setTimeout> } | null;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function peopleScanner(open: () => Promise<PeopleLanes>, timing = { answerMs: ANSWER_MS, idleMs: IDLE_MS }): PeopleScanner {
  let opened: { lanes: Lane[]; close: () => Promise<void> } | null = null;
  let opening: Promise<void> | null = null;
  const waiting: Waiting[] = [];
  let nextId = 1;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** The last closing: workers are opened again only once it is done (one offscreen document at a time). */
  let closed: Promise<unknown> = Promise.resolve();

  /** Close the workers; the images they held are answered with `why`. */
  const closeAll = (why: string) => {
    const closing = opened;
    opened = null;
    if (!closing) return;
    for (const lane of closing.lanes) {
      lane.port.onmessage = null;
      lane.port.close();
      if (lane.busy) {
        clearTimeout(lane.busy.timer);
        lane.busy.waiting.answer(uncheckedScan(why));
        lane.busy = null;
      }
    }
    closed = closing.close().catch(() => undefined);
  };

  const settleIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (waiting.length === 0 && opened && opened.lanes.every((l) => !l.busy)) {
      idleTimer = setTimeout(() => closeAll('closed while idle'), timing.idleMs);
    }
  };

  const answered = (lane: Lane, data: unknown) => {
    const busy = lane.busy;
    if (!busy) return;
    clearTimeout(busy.timer);
    lane.busy = null;
    // Only the answer to this lane's one request is this image's (utils/policy/people-answer.ts);
    // anything else leaves it unchecked (DESIGN.md §2 rule 6, fail closed).
    const read = readScanAnswer(data, busy.id);
    busy.waiting.answer('scan' in read ? read.scan : uncheckedScan(read.why));
    pump();
  };

  const dispatch = (lane: Lane, next: Waiting) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      // A worker that does not answer cannot be trusted with the next image: all are started afresh.
      closeAll(`the people check did not answer within ${Math.round(timing.answerMs / 1000)} s`);
      pump();
    }, timing.answerMs);
    lane.busy = { id, waiting: next, timer };
    // A copy is sent (and handed over, not copied again): the bytes are still to be stored here.
    const bytes = next.request.bytes.slice();
    const message: ScanRequest = { id, bytes, mime: next.request.mime, minFacePx: next.request.minFacePx };
    lane.port.postMessage(message, [bytes.buffer]);
  };

  const pump = () => {
    if (waiting.length > 0 && !opened) {
      opening ??= closed
        .then(open)
        .then((lanes) => {
          if (lanes.ports.length === 0) throw new Error('no worker was started');
          opened = { lanes: lanes.ports.map((port) => ({ port, busy: null })), close: () => lanes.close() };
          for (const lane of opened.lanes) lane.port.onmessage = (event: MessageEvent) => answered(lane, event.data);
        })
        .catch((err: unknown) => {
          // Every image waiting now is unchecked; the next image tries again.
          for (const w of waiting.splice(0)) w.answer(uncheckedScan(`the face detector could not start: ${messageOf(err)}`));
        })
        .finally(() => {
          opening = null;
          pump();
        });
      return;
    }
    if (opened) {
      for (const lane of opened.lanes) {
        if (!lane.busy && waiting.length > 0) dispatch(lane, waiting.shift()!);
      }
    }
    settleIdle();
  };

  return {
    scan(bytes, mime, minFacePx) {
      return new Promise<FaceScan>((answer) => {
        waiting.push({ request: { bytes, mime, minFacePx }, answer });
        pump();
      });
    },
  };
}

/** How many people workers: one per core beside this thread's, at most two (the detector's memory is per worker). */
export function peopleWorkerCount(cores = globalThis.navigator?.hardwareConcurrency ?? 1): number {
  return Math.min(2, Math.max(1, cores - 1));
}

/** Firefox: the background page starts the workers itself. */
function openDedicatedWorkers(count: number): PeopleLanes {
  const workers = Array.from({ length: count }, () => new Worker(browser.runtime.getURL('/people-worker.js')));
  const ports = workers.map((worker) => {
    const channel = new MessageChannel();
    worker.postMessage({ type: PEOPLE_WORKER_CONNECT }, [channel.port1]);
    return channel.port2;
  });
  return { ports, close: async () => workers.forEach((w) => w.terminate()) };
}

/** How long an offscreen document may take to hand over its workers' ports. */
const PORTS_MS = 30_000;

/**
 * Chromium: a service worker cannot start a worker, so an offscreen document (entrypoints/people-host)
 * starts them and sends their ports. One left from an earlier life of this worker holds ports
 * no longer anyone's: it is closed first. Should this worker stop before it closes the document,
 * the document closes itself after HOST_IDLE_MS with no image (utils/people/host-idle.ts).
 */
async function openOffscreenWorkers(count: number): Promise<PeopleLanes> {
  const offscreen = browser.offscreen;
  if (await offscreen.hasDocument()) await offscreen.closeDocument().catch(() => undefined);
  const nonce = crypto.randomUUID();
  const ready = waitForPeoplePorts(nonce, PORTS_MS);
  try {
    await offscreen.createDocument({
      url: `people-host.html?workers=${count}&nonce=${nonce}&idle=${HOST_IDLE_MS}`,
      reasons: [offscreen.Reason.WORKERS],
      justification: "Heed's people check runs its face detector in workers, beside the collect.",
    });
  } catch (err) {
    ready.cancel();
    throw err;
  }
  return { ports: await ready.ports, close: () => offscreen.closeDocument() };
}

/** The people workers this browser can start: itself (a background page) or through an offscreen document (a service worker). */
export function openPeopleWorkers(count = peopleWorkerCount()): Promise<PeopleLanes> {
  return typeof Worker === 'function' ? Promise.resolve(openDedicatedWorkers(count)) : openOffscreenWorkers(count);
}
