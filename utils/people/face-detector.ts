import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import type { PlacedFace } from './detection-plan';
import { fasterConcat } from './fast-concat';

import { DETECTOR_INPUT_SIZE } from './detector-name';

export { DETECTOR_INPUT_SIZE, DETECTOR_NAME } from './detector-name';
/** Minimum detection score. */
export const DETECTOR_SCORE_THRESHOLD = 0.5;
/** How long the WASM backend may take to start before the CPU backend is used instead. */
const WASM_START_TIMEOUT_MS = 15_000;

/** What the extension ships for the detector: the model's weights and the tfjs WASM file addresses. */
export interface DetectorAssets {
  /** tiny_face_detector_model-weights_manifest.json, parsed. */
  weightsManifest: readonly { weights: unknown[] }[];
  /** tiny_face_detector_model.bin. */
  weights: ArrayBuffer;
  /** Addresses of tfjs-backend-wasm(-simd).wasm inside the extension (or on disk in tests). */
  wasmPaths: Record<string, string>;
  /** Reads one of those addresses (the extension's own files; never the network). */
  readFile: (path: string) => Promise<Response>;
}

/** Decoded pixels, RGBA, at the detection size. */
export interface Pixels {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface FaceDetector {
  /** tfjs backend in use: `wasm`, or `cpu` when WASM could not start. */
  backend: string;
  /** Face boxes (with their places) in the original image's pixels (`scale` maps the decoded size back). */
  detect(pixels: Pixels, scale: number): Promise<PlacedFace[]>;
}

class NotADomObject {}

/**
 * Start the detector once per worker: tfjs on its WASM backend (single-threaded SIMD: a service
 * worker has no SharedArrayBuffer), CPU if WASM fails. face-api is told there is no DOM: it gets
 * tensors only, so it never makes a canvas or an <img>, and loads nothing itself.
 */
export async function createFaceDetector(assets: DetectorAssets): Promise<FaceDetector> {
  const tf = faceapi.tf as any;
  faceapi.env.setEnv({
    Canvas: NotADomObject,
    CanvasRenderingContext2D: NotADomObject,
    Image: NotADomObject,
    ImageData: NotADomObject,
    Video: NotADomObject,
    createCanvasElement: () => { throw new Error('no canvas: the detector takes tensors only'); },
    createImageElement: () => { throw new Error('no image element: the detector takes tensors only'); },
    createVideoElement: () => { throw new Error('no video element: the detector takes tensors only'); },
    fetch: () => Promise.reject(new Error('the detector fetches nothing')),
    readFile: () => Promise.reject(new Error('the detector reads no file')),
  } as any);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // One platform for the worker and for tests: file reads go to `readFile` (the extension's own
  // files), so tfjs never reaches the network for its WASM.
  tf.setPlatform('heed', {
    fetch: (path: string) => assets.readFile(path),
    now: () => performance.now(),
    encode: (text: string) => new TextEncoder().encode(text),
    decode: (bytes: Uint8Array, encoding: string) => new TextDecoder(encoding).decode(bytes),
    isTypedArray: (a: unknown) => ArrayBuffer.isView(a) && !(a instanceof DataView),
  });
  tf.setWasmPaths(assets.wasmPaths, true);
  let backend = 'wasm';
  // A WASM start that never settles (a blocked compile can leave it pending) falls back too.
  const wasmStarted = Promise.race([tf.setBackend('wasm').catch(() => false), new Promise<false>((resolve) => setTimeout(() => resolve(false), WASM_START_TIMEOUT_MS))]);
  if (!(await wasmStarted)) {
    backend = 'cpu';
    if (!(await tf.setBackend('cpu'))) throw new Error('no tfjs backend could start');
  }
  await tf.ready();
  if (backend === 'wasm') useFasterConcat(tf);
  const weightMap = tf.io.decodeWeights(assets.weights, assets.weightsManifest.flatMap((group) => group.weights));
  faceapi.nets.tinyFaceDetector.loadFromWeightMap(weightMap);

  let queue: Promise<unknown> = Promise.resolve();
  return {
    backend,
    detect(pixels, scale) {
      const run = async (): Promise<PlacedFace[]> => {
        const rgb = new Uint8Array(pixels.width * pixels.height * 3);
        for (let i = 0, j = 0; j < rgb.length; i += 4) {
          rgb[j++] = pixels.data[i]!;
          rgb[j++] = pixels.data[i + 1]!;
          rgb[j++] = pixels.data[i + 2]!;
        }
        const input = tf.tensor3d(rgb, [pixels.height, pixels.width, 3], 'int32');
        try {
          // An image smaller than the input is not enlarged: the net runs at its own size (a
          // multiple of 32), which costs a fraction of 608² and sees the same pixels.
          const inputSize = Math.min(DETECTOR_INPUT_SIZE, Math.ceil(Math.max(pixels.width, pixels.height) / 32) * 32);
          const found = await faceapi.detectAllFaces(input, new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: DETECTOR_SCORE_THRESHOLD }));
          return found.map((d) => ({ x: d.box.x * scale, y: d.box.y * scale, width: d.box.width * scale, height: d.box.height * scale }));
        } finally {
          input.dispose();
        }
      };
      // One image at a time: the backend is one thread; queuing keeps memory flat.
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

/** The WASM backend's Concat kernel replaced by fast-concat.ts's (same results, a fraction of the time on the detector's inputs). */
function useFasterConcat(tf: any): void {
  const kernel = tf.getKernel('Concat', 'wasm');
  if (!kernel) return;
  tf.unregisterKernel('Concat', 'wasm');
  tf.registerKernel({ ...kernel, kernelFunc: fasterConcat(kernel.kernelFunc) });
}
