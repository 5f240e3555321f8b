import { PEOPLE_PORTS_READY, PEOPLE_WORKER_CONNECT } from '@/utils/people/scan-protocol';

/**
 * Chromium's offscreen document for the people check (reason WORKERS): a service worker cannot
 * start a worker, so this page starts the people workers (entrypoints/people-worker) and hands
 * Heed's worker one port to each. It shows nothing and handles no data itself; Heed's worker
 * closes it when the people check has been idle (entrypoints/background/people-workers.ts).
 * `workers`: how many to start; `nonce`: echoed, so Heed's worker takes only the ports of the
 * document it opened.
 */
const query = new URLSearchParams(location.search);
const count = Math.min(4, Math.max(1, Number(query.get('workers')) || 1));
const ports = Array.from({ length: count }, () => {
  const worker = new Worker('/people-worker.js');
  const channel = new MessageChannel();
  worker.postMessage({ type: PEOPLE_WORKER_CONNECT }, [channel.port1]);
  return channel.port2;
});
void navigator.serviceWorker.ready.then((registration) => {
  registration.active?.postMessage({ type: PEOPLE_PORTS_READY, nonce: query.get('nonce') }, ports);
});
