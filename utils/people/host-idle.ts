/**
 * When the people workers' host (Chromium's offscreen document, entrypoints/people-host) closes
 * itself. Heed's worker closes the document after IDLE_MS without an image to look at
 * (entrypoints/background/people-workers.ts); but a service worker stopped in that time (MV3
 * may stop it at any moment) never does, and the document then kept the workers, and the face
 * detector's memory in each, for the rest of the browser's session — a cost on every page
 * browsed after (issue 17). So the host watches its workers too: when none has had an image for
 * `idleMs` (longer than Heed's worker waits, so a live one always closes it first), it closes
 * itself. Each worker says when it takes an image and when it answers (`busy`).
 */
/**
 * How long the host waits with no image before it closes itself: three times Heed's worker's
 * own wait (IDLE_MS, 20 s; a test holds the two apart), so a live worker always closes it first.
 */
export const HOST_IDLE_MS = 60_000;

export interface HostIdleWatch {
  /** Worker `index` took an image (`true`) or answered it (`false`). */
  activity(index: number, busy: boolean): void;
}

export function watchHostIdle(workers: number, idleMs: number, close: () => void): HostIdleWatch {
  const busy = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const settle = () => {
    if (timer) clearTimeout(timer);
    timer = busy.size === 0 ? setTimeout(close, idleMs) : null;
  };
  settle();
  return {
    activity(index, isBusy) {
      if (!Number.isInteger(index) || index < 0 || index >= workers) return;
      if (isBusy) busy.add(index);
      else busy.delete(index);
      settle();
    },
  };
}
