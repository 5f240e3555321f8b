import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import { peopleScanner, peopleWorkerCount, type PeopleLanes } from '@/entrypoints/background/people-workers';
import type { ScanRequest } from '@/utils/people/scan-protocol';

/**
 * The people check's workers as Heed's worker sees them (entrypoints/background/people-workers.ts):
 * fake workers here are the far ends of real message channels, answering when a test says so.
 */
interface FakeWorker {
  requests: ScanRequest[];
  answer(request: ScanRequest, data?: unknown): void;
}

function fakeWorkers(count: number): { open: () => Promise<PeopleLanes>; workers: FakeWorker[]; opened: number; closed: number } {
  const state = { workers: [] as FakeWorker[], opened: 0, closed: 0, open: async (): Promise<PeopleLanes> => ({ ports: [], close: async () => undefined }) };
  state.open = async () => {
    state.opened++;
    state.workers = [];
    const ports = Array.from({ length: count }, () => {
      const channel = new NodeMessageChannel();
      const worker: FakeWorker = {
        requests: [],
        answer: (request, data = { id: request.id, scan: { status: 'examined', detector: 'fake', faces: [{ width: request.bytes.length, height: 1 }] } }) => channel.port1.postMessage(data),
      };
      channel.port1.on('message', (request: ScanRequest) => worker.requests.push(request));
      state.workers.push(worker);
      return channel.port2 as unknown as MessagePort;
    });
    return { ports, close: async () => void state.closed++ };
  };
  return state;
}

/** Until `check` holds, letting messages through. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setImmediate(r));
  expect(check()).toBe(true);
}

const timing = { answerMs: 1_000, idleMs: 5_000 };

afterEach(() => vi.useRealTimers());

describe('the people workers', () => {
  it('each worker takes one image at a time, and an image waits for a free worker', async () => {
    const fake = fakeWorkers(2);
    const scanner = peopleScanner(fake.open, timing);
    const scans = [1, 2, 3].map((n) => scanner.scan(new Uint8Array(n), 'image/jpeg', 32));
    await until(() => fake.workers.length === 2 && fake.workers.every((w) => w.requests.length === 1));
    expect(fake.workers.flatMap((w) => w.requests.map((r) => r.bytes.length))).toEqual([1, 2]);
    fake.workers[1]!.answer(fake.workers[1]!.requests[0]!);
    await until(() => fake.workers[1]!.requests.length === 2);
    expect(fake.workers[1]!.requests[1]!.bytes.length).toBe(3);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!);
    fake.workers[1]!.answer(fake.workers[1]!.requests[1]!);
    const answers = await Promise.all(scans);
    expect(answers.map((a) => (a.status === 'examined' ? a.faces[0]!.width : a.why))).toEqual([1, 2, 3]);
    expect(fake.opened).toBe(1);
  });

  it('the bytes sent are a copy: the caller’s are still whole to be stored', async () => {
    const fake = fakeWorkers(1);
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const scan = peopleScanner(fake.open, timing).scan(bytes, 'image/png', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    expect([...bytes]).toEqual([1, 2, 3, 4]);
    expect([...fake.workers[0]!.requests[0]!.bytes]).toEqual([1, 2, 3, 4]);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!);
    expect((await scan).status).toBe('examined');
  });

  it('workers that cannot start leave the image unchecked with the reason, and the next image tries again', async () => {
    const fake = fakeWorkers(1);
    let fail = true;
    const scanner = peopleScanner(() => (fail ? Promise.reject(new Error('no offscreen document')) : fake.open()), timing);
    expect(await scanner.scan(new Uint8Array(1), 'image/jpeg', 32)).toMatchObject({ status: 'unchecked', why: 'the face detector could not start: no offscreen document' });
    fail = false;
    const next = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!);
    expect((await next).status).toBe('examined');
  });

  it('an answer Heed cannot read, or for another image, leaves the image unchecked', async () => {
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const first = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!, { id: fake.workers[0]!.requests[0]!.id, scan: { status: 'examined', detector: 'fake', faces: 'none' } });
    expect(await first).toMatchObject({ status: 'unchecked', why: 'the people check answered in a form Heed cannot read' });
    const second = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 2);
    fake.workers[0]!.answer(fake.workers[0]!.requests[1]!, { id: 999, scan: { status: 'examined', detector: 'fake', faces: [] } });
    expect(await second).toMatchObject({ status: 'unchecked' });
  });

  it('a worker that does not answer in time leaves its image unchecked, and the workers are started afresh', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const stuck = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    const waiting = scanner.scan(new Uint8Array(2), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    vi.advanceTimersByTime(timing.answerMs);
    expect(await stuck).toMatchObject({ status: 'unchecked', why: 'the people check did not answer within 1 s' });
    expect(fake.closed).toBe(1);
    await until(() => fake.opened === 2 && fake.workers[0]?.requests.length === 1);
    expect(fake.workers[0]!.requests[0]!.bytes.length).toBe(2);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!);
    expect((await waiting).status).toBe('examined');
  });

  it('workers are opened again only once the last ones are closed (Chromium has one offscreen document)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeWorkers(1);
    let finishClosing = () => {};
    const open = async (): Promise<PeopleLanes> => {
      const lanes = await fake.open();
      return { ports: lanes.ports, close: () => new Promise<void>((resolve) => (finishClosing = resolve)) };
    };
    const scanner = peopleScanner(open, timing);
    const stuck = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    const next = scanner.scan(new Uint8Array(2), 'image/jpeg', 32);
    vi.advanceTimersByTime(timing.answerMs);
    await stuck;
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(fake.opened).toBe(1);
    finishClosing();
    await until(() => fake.opened === 2 && fake.workers[0]?.requests.length === 1);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!);
    expect((await next).status).toBe('examined');
  });

  it('idle workers are closed, and opened again for the next image', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const one = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!);
    await one;
    vi.advanceTimersByTime(timing.idleMs - 1);
    expect(fake.closed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fake.closed).toBe(1);
    const two = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    await until(() => fake.opened === 2 && fake.workers[0]?.requests.length === 1);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!);
    expect((await two).status).toBe('examined');
  });

  it('one worker per core beside the collect’s own, at least one and at most two', () => {
    expect([1, 2, 3, 8].map((cores) => peopleWorkerCount(cores))).toEqual([1, 1, 2, 2]);
  });
});
