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
  /** The worker ends (a crash, or the document hosting it closed): its end of the port is gone. */
  end(): void;
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
        end: () => channel.port1.close(),
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

/**
 * Adversarial: can an image be kept on an answer that was not about it (DESIGN.md §2 rule 6,
 * fail closed)? Each image must get the answer to its own request, or `unchecked`.
 */
describe('the integrity of people-check answers', () => {
  const noFaces = (id: number) => ({ id, scan: { status: 'examined', detector: 'fake', faces: [] } });
  const oneFace = (id: number) => ({ id, scan: { status: 'examined', detector: 'fake', faces: [{ width: 200, height: 200 }] } });

  it('unchanged: an ordinary checked image gets its own answer', async () => {
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const scan = scanner.scan(new Uint8Array(5), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    const request = fake.workers[0]!.requests[0]!;
    fake.workers[0]!.answer(request, oneFace(request.id));
    expect(await scan).toEqual({ status: 'examined', detector: 'fake', faces: [{ width: 200, height: 200 }] });
  });

  it('a late answer from a worker that timed out never reaches the next image, even one naming its id', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const stuck = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    const next = scanner.scan(new Uint8Array(2), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    const old = fake.workers[0]!;
    vi.advanceTimersByTime(timing.answerMs);
    expect(await stuck).toMatchObject({ status: 'unchecked' });
    await until(() => fake.opened === 2 && fake.workers[0]?.requests.length === 1);
    const fresh = fake.workers[0]!;
    const request = fresh.requests[0]!;
    // The old worker answers now: for its own image, and for the id the next image was given.
    old.answer(old.requests[0]!, noFaces(old.requests[0]!.id));
    old.answer(old.requests[0]!, noFaces(request.id));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    fresh.answer(request, oneFace(request.id));
    expect(await next).toMatchObject({ status: 'examined', faces: [{ width: 200, height: 200 }] });
  });

  it('an answer sent before its image was asked about is dropped, not kept for it', async () => {
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const first = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    const worker = fake.workers[0]!;
    const one = worker.requests[0]!;
    worker.answer(one, oneFace(one.id));
    expect((await first).status).toBe('examined');
    // Unasked: "no faces" for the id the next image will get.
    worker.answer(one, noFaces(one.id + 1));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    const second = scanner.scan(new Uint8Array(2), 'image/jpeg', 32);
    await until(() => worker.requests.length === 2);
    const two = worker.requests[1]!;
    expect(two.id).toBe(one.id + 1);
    worker.answer(two, oneFace(two.id));
    expect(await second).toMatchObject({ status: 'examined', faces: [{ width: 200, height: 200 }] });
  });

  it('a worker answering an earlier image’s id after an unreadable answer leaves the next image unchecked', async () => {
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const first = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    const worker = fake.workers[0]!;
    const one = worker.requests[0]!;
    worker.answer(one, { note: 'not an answer' });
    expect(await first).toMatchObject({ status: 'unchecked' });
    const second = scanner.scan(new Uint8Array(2), 'image/jpeg', 32);
    await until(() => worker.requests.length === 2);
    // The worker's real answer to the first image arrives while the second waits.
    worker.answer(one, noFaces(one.id));
    expect(await second).toMatchObject({ status: 'unchecked', why: 'the people check answered about another image than the one asked about' });
  });

  it('ids are never reused: not by workers started afresh, nor between two collects checking at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeWorkers(2);
    const scanner = peopleScanner(fake.open, timing);
    const ids: number[] = [];
    // Two collects' images, interleaved.
    const a = [1, 2].map((n) => scanner.scan(new Uint8Array(n), 'image/jpeg', 32));
    const b = [3, 4].map((n) => scanner.scan(new Uint8Array(n), 'image/png', 48));
    await until(() => fake.workers.length === 2 && fake.workers.every((w) => w.requests.length === 1));
    ids.push(...fake.workers.map((w) => w.requests[0]!.id));
    vi.advanceTimersByTime(timing.answerMs);
    await Promise.all(a);
    await until(() => fake.opened === 2 && fake.workers.length === 2 && fake.workers.every((w) => w.requests.length === 1));
    ids.push(...fake.workers.map((w) => w.requests[0]!.id));
    for (const w of fake.workers) w.answer(w.requests[0]!);
    await Promise.all(b);
    expect(new Set(ids).size).toBe(4);
  });

  it('answers that arrive in another order than the requests each reach their own image', async () => {
    const fake = fakeWorkers(2);
    const scanner = peopleScanner(fake.open, timing);
    const withFace = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    const without = scanner.scan(new Uint8Array(2), 'image/jpeg', 32);
    await until(() => fake.workers.length === 2 && fake.workers.every((w) => w.requests.length === 1));
    const [w1, w2] = fake.workers as [FakeWorker, FakeWorker];
    w2.answer(w2.requests[0]!, noFaces(w2.requests[0]!.id));
    expect((await without).status).toBe('examined');
    w1.answer(w1.requests[0]!, oneFace(w1.requests[0]!.id));
    expect(await withFace).toMatchObject({ status: 'examined', faces: [{ width: 200, height: 200 }] });
    expect(await without).toMatchObject({ status: 'examined', faces: [] });
  });

  it('a worker answering with another worker’s request id leaves its own image unchecked', async () => {
    const fake = fakeWorkers(2);
    const scanner = peopleScanner(fake.open, timing);
    const one = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
    const two = scanner.scan(new Uint8Array(2), 'image/jpeg', 32);
    await until(() => fake.workers.length === 2 && fake.workers.every((w) => w.requests.length === 1));
    const [w1, w2] = fake.workers as [FakeWorker, FakeWorker];
    w1.answer(w1.requests[0]!, noFaces(w2.requests[0]!.id));
    expect(await one).toMatchObject({ status: 'unchecked' });
    w2.answer(w2.requests[0]!, oneFace(w2.requests[0]!.id));
    expect(await two).toMatchObject({ status: 'examined', faces: [{ width: 200, height: 200 }] });
  });

  it('the same bytes handed twice are examined twice, and a failure of one is not the other’s answer', async () => {
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const bytes = new Uint8Array([9, 9, 9]);
    const first = scanner.scan(bytes, 'image/jpeg', 32);
    const second = scanner.scan(bytes, 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    const worker = fake.workers[0]!;
    worker.answer(worker.requests[0]!, { id: worker.requests[0]!.id, scan: { status: 'unchecked', detector: 'fake', why: 'decode failed' } });
    await until(() => worker.requests.length === 2);
    expect([...worker.requests[1]!.bytes]).toEqual([9, 9, 9]);
    worker.answer(worker.requests[1]!, oneFace(worker.requests[1]!.id));
    expect(await first).toMatchObject({ status: 'unchecked', why: 'decode failed' });
    expect(await second).toMatchObject({ status: 'examined', faces: [{ width: 200, height: 200 }] });
  });

  it('a worker that ends with an image outstanding (a crash, its host document closed) leaves that image unchecked, never examined', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    let settled: unknown = null;
    const outstanding = scanner.scan(new Uint8Array(1), 'image/jpeg', 32).then((scan) => (settled = scan));
    const next = scanner.scan(new Uint8Array(2), 'image/jpeg', 32);
    await until(() => fake.workers[0]?.requests.length === 1);
    fake.workers[0]!.end();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(settled).toBeNull();
    vi.advanceTimersByTime(timing.answerMs);
    expect(await outstanding).toMatchObject({ status: 'unchecked', why: 'the people check did not answer within 1 s' });
    await until(() => fake.opened === 2 && fake.workers[0]?.requests.length === 1);
    fake.workers[0]!.answer(fake.workers[0]!.requests[0]!);
    expect(await next).toMatchObject({ status: 'examined', faces: [{ width: 2, height: 1 }] });
  });

  it('each request carries the smallest face size its own image was asked with', async () => {
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const scans = [32, 96].map((px) => scanner.scan(new Uint8Array(1), 'image/jpeg', px));
    await until(() => fake.workers[0]?.requests.length === 1);
    const worker = fake.workers[0]!;
    worker.answer(worker.requests[0]!);
    await until(() => worker.requests.length === 2);
    worker.answer(worker.requests[1]!);
    await Promise.all(scans);
    expect(worker.requests.map((r) => r.minFacePx)).toEqual([32, 96]);
  });

  it('a face size that is not a finite number makes the answer unreadable: unchecked', async () => {
    const fake = fakeWorkers(1);
    const scanner = peopleScanner(fake.open, timing);
    const results: unknown[] = [];
    for (const width of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const scan = scanner.scan(new Uint8Array(1), 'image/jpeg', 32);
      await until(() => fake.workers[0]?.requests.length === results.length + 1);
      const request = fake.workers[0]!.requests[results.length]!;
      fake.workers[0]!.answer(request, { id: request.id, scan: { status: 'examined', detector: 'fake', faces: [{ width, height: 200 }] } });
      results.push(await scan);
    }
    expect(results).toEqual([
      expect.objectContaining({ status: 'unchecked' }),
      expect.objectContaining({ status: 'unchecked' }),
    ]);
  });
});
