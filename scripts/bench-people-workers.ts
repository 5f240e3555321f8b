/**
 * People workers' throughput (issue 17): the built extension's people worker (`people-worker.js`,
 * the face detector) started as one worker and as two, from an extension page, each given the
 * same photos and thumbnails one at a time as Heed's worker gives them (scan-protocol.ts). Two
 * workers against one in the same run shows what the people check gains where a core is free; a
 * collect adds the service worker's own work beside them (bench-collect.ts).
 * Run: npx tsx scripts/bench-people-workers.ts [rounds]   (needs `npm run build` first)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchHeed } from '../tests/e2e/harness/browser';

const PHOTOS = ['portrait.jpg', 'coffee.jpg', 'portrait-mr-umr.jpg', 'photographer.jpg'];
const IMAGES = 48;

/** Run the benchmark and print it (scripts/bench.ts runs it with the default rounds). */
export async function main(rounds = 3): Promise<void> {
  const heed = await launchHeed();
  try {
    const page = await heed.context.newPage();
    await page.goto(`chrome-extension://${heed.extensionId}/options.html`);
    const photos = PHOTOS.map((f) => [...readFileSync(resolve(import.meta.dirname, '../tests/e2e/sites/people.test', f))]);
    const time = (workers: number) =>
      page.evaluate(
        async ({ workers, photos, images }) => {
          (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
          const ports = Array.from({ length: workers }, () => {
            const worker = new Worker('/people-worker.js');
            const channel = new MessageChannel();
            worker.postMessage({ type: 'heed-people-connect' }, [channel.port1]);
            return { worker, port: channel.port2 };
          });
          const ask = (port: MessagePort, id: number, bytes: Uint8Array) =>
            new Promise<unknown>((done) => {
              port.onmessage = (e) => done(e.data);
              port.postMessage({ id, bytes, mime: 'image/jpeg', minFacePx: 32 }, [bytes.buffer]);
            });
          // Each worker's detector started (model and WASM loaded) before the clock.
          await Promise.all(ports.map((p, i) => ask(p.port, -1 - i, new Uint8Array(photos[0]!))));
          let next = 0;
          const start = performance.now();
          await Promise.all(
            ports.map(async (p) => {
              for (let id = next++; id < images; id = next++) await ask(p.port, id, new Uint8Array(photos[id % photos.length]!));
            }),
          );
          const ms = performance.now() - start;
          ports.forEach((p) => p.worker.terminate());
          return ms;
        },
        { workers, photos, images: IMAGES },
      );
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < rounds; r++) {
      one.push(await time(1));
      two.push(await time(2));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`people workers: ${IMAGES} photos (${PHOTOS.join(', ')}), each one at a time per worker, ${rounds} rounds, medians`);
    console.log(`  one worker:  ${median(one).toFixed(0)} ms (${(median(one) / IMAGES).toFixed(1)} ms per photo)`);
    console.log(`  two workers: ${median(two).toFixed(0)} ms, ${(median(one) / median(two)).toFixed(2)}× the throughput of one (2.00× is the ceiling)`);
  } finally {
    await heed.context.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(Number(process.argv[2] ?? 3)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
