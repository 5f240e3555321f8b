import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FaceDetector } from '../../../utils/people/face-detector';
import { detectionSize } from '../../../utils/people/detection-size';
import { loadDetectorModule, nodeDetectorAssets } from './node-face-api';

const DIR = new URL('../../fixtures/people/', import.meta.url);
const labels = JSON.parse(readFileSync(new URL('labels.json', DIR), 'utf8')) as { face: string[]; noFace: string[]; artwork: string[] };
const MIN_FACE_PX = 32;

/**
 * Floors, on the labelled real photos in tests/fixtures/people (10 with a face of 32 px or more,
 * 20 without anyone). Measured: 10/10 found, 2/20 false alarms (a baboon's face, two coins).
 * Recall ≥ 0.9: a missed face is a false permit, so at most one miss in ten is tolerated (for
 * numeric differences between backends); false alarms ≤ 0.15: a false alarm only refuses a
 * harmless image (fails closed), so a few are the price of recall.
 */
const RECALL_FLOOR = 0.9;
const FALSE_ALARM_CEILING = 0.15;

let detector: FaceDetector;
let detectorName: string;

beforeAll(async () => {
  const mod = await loadDetectorModule();
  detector = await mod.createFaceDetector(nodeDetectorAssets());
  detectorName = mod.DETECTOR_NAME;
}, 60_000);

async function largestFace(name: string): Promise<{ px: number; ms: number }> {
  const { width, height, data } = jpeg.decode(readFileSync(new URL(name, DIR)), { useTArray: true });
  const size = detectionSize(width, height, 608);
  expect(size).toEqual({ width, height, scale: 1 }); // fixtures are stored at the detector's size
  const t0 = performance.now();
  const faces = await detector.detect({ data, width, height }, size.scale);
  return { px: Math.max(0, ...faces.map((f) => Math.min(f.width, f.height))), ms: performance.now() - t0 };
}

describe('face detector on labelled real photos', () => {
  it(`recall ≥ ${RECALL_FLOOR} and false alarms ≤ ${FALSE_ALARM_CEILING} at ${MIN_FACE_PX} px, on the WASM backend`, async () => {
    expect(detector.backend).toBe('wasm');
    const rows: string[] = [];
    let found = 0;
    let alarms = 0;
    for (const name of labels.face) {
      const r = await largestFace(name);
      if (r.px >= MIN_FACE_PX) found++;
      rows.push(`face    ${name}: largest ${Math.round(r.px)} px, ${Math.round(r.ms)} ms`);
    }
    for (const name of [...labels.noFace, ...labels.artwork]) {
      const r = await largestFace(name);
      if (labels.noFace.includes(name) && r.px >= MIN_FACE_PX) alarms++;
      rows.push(`${labels.artwork.includes(name) ? 'artwork' : 'no face'} ${name}: largest ${Math.round(r.px)} px, ${Math.round(r.ms)} ms`);
    }
    const recall = found / labels.face.length;
    const falseAlarms = alarms / labels.noFace.length;
    console.log(`${detectorName}: recall ${found}/${labels.face.length}, false alarms ${alarms}/${labels.noFace.length}\n${rows.join('\n')}`);
    expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(falseAlarms).toBeLessThanOrEqual(FALSE_ALARM_CEILING);
  }, 300_000);

  it('maps boxes found on a downscaled image back to the original pixels', async () => {
    const { width, height, data } = jpeg.decode(readFileSync(new URL('skimage-astronaut.jpg', DIR)), { useTArray: true });
    // Half size by dropping every other pixel, then scale 2: the face is measured in the original.
    const half = { width: width / 2, height: height / 2, data: new Uint8Array((width / 2) * (height / 2) * 4) };
    for (let y = 0; y < half.height; y++) for (let x = 0; x < half.width; x++) for (let c = 0; c < 4; c++) half.data[(y * half.width + x) * 4 + c] = data[(y * 2 * width + x * 2) * 4 + c]!;
    const full = Math.max(...(await detector.detect({ data, width, height }, 1)).map((f) => Math.min(f.width, f.height)));
    const scaled = Math.max(...(await detector.detect(half, 2)).map((f) => Math.min(f.width, f.height)));
    expect(scaled).toBeGreaterThan(full * 0.8);
    expect(scaled).toBeLessThan(full * 1.25);
  }, 60_000);
});

describe('detectionSize', () => {
  it('downscales the longer side to the detector size, never enlarges, and gives the factor back', () => {
    expect(detectionSize(1216, 800, 608)).toEqual({ width: 608, height: 400, scale: 2 });
    expect(detectionSize(300, 200, 608)).toEqual({ width: 300, height: 200, scale: 1 });
    expect(() => detectionSize(0, 10, 608)).toThrow();
  });
});
