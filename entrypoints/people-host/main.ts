import { PEOPLE_PORTS_READY, PEOPLE_WORKER_ACTIVITY, PEOPLE_WORKER_CONNECT, type WorkerActivity } from '@/utils/people/scan-protocol';
import { HOST_IDLE_MS, watchHostIdle } from '@/utils/people/host-idle';

/**
 * Chromium's offscreen document for the people check (reason WORKERS): a service worker cannot
 * start a worker, so this page starts the people workers (entrypoints/people-worker) and hands
 * Heed's worker one port to each. It shows nothing and handles no data itself; Heed's worker
 * closes it when the people check has been idle (entrypoints/background/people-workers.ts); a
 * Heed worker stopped before it could leaves it to close itself (utils/people/host-idle.ts).
 * `workers`: how many to start; `nonce`: echoed, so Heed's worker takes only the ports of the
 * document it opened; `idle`: how long, in ms, to wait with no image before closing itself.
 */
const query = new URLSearchParams(location.search);
const count = Math.min(4, Math.max(1, Number(query.get('workers')) || 1));
const idle = watchHostIdle(count, Math.max(1000, Number(query.get('idle')) || HOST_IDLE_MS), () => window.close());
const ports = Array.from({ length: count }, (_, index) => {
  const worker = new Worker('/people-worker.js');
  worker.onmessage = (event: MessageEvent<WorkerActivity | null>) => {
    if (event.data?.type === PEOPLE_WORKER_ACTIVITY) idle.activity(index, event.data.busy === true);
  };
  const channel = new MessageChannel();
  worker.postMessage({ type: PEOPLE_WORKER_CONNECT }, [channel.port1]);
  return channel.port2;
});
void navigator.serviceWorker.ready.then((registration) => {
  registration.active?.postMessage({ type: PEOPLE_PORTS_READY, nonce: query.get('nonce') }, ports);
});
