import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DetectorAssets } from '../../../utils/people/face-detector';

/**
 * face-api's ESM bundle (the one the extension ships) sets tfjs up for Node when it sees
 * `process.versions.node`, and its bundle has no Node `util`; hidden while it loads, it takes
 * the same path as in the extension's worker (detector.ts then sets the platform).
 */
export async function loadDetectorModule(): Promise<typeof import('../../../utils/people/face-detector')> {
  // Its WASM loader (Emscripten) reads `__dirname`, which only CommonJS defines (tsx runs ESM).
  (globalThis as { __dirname?: string }).__dirname ??= process.cwd();
  const node = process.versions.node;
  Object.defineProperty(process.versions, 'node', { value: undefined, configurable: true, writable: true });
  try {
    return await import('../../../utils/people/face-detector');
  } finally {
    Object.defineProperty(process.versions, 'node', { value: node, configurable: true, writable: true });
  }
}

const file = (spec: string) => fileURLToPath(import.meta.resolve(spec));

/** The same files the extension ships, read from node_modules. */
export function nodeDetectorAssets(): DetectorAssets {
  const model = (name: string) => file(`@vladmandic/face-api/model/${name}`);
  const wasm = (name: string) => file(`@tensorflow/tfjs-backend-wasm/dist/${name}`);
  const bin = readFileSync(model('tiny_face_detector_model.bin'));
  return {
    weightsManifest: JSON.parse(readFileSync(model('tiny_face_detector_model-weights_manifest.json'), 'utf8')),
    weights: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasm('tfjs-backend-wasm.wasm'),
      'tfjs-backend-wasm-simd.wasm': wasm('tfjs-backend-wasm-simd.wasm'),
      'tfjs-backend-wasm-threaded-simd.wasm': wasm('tfjs-backend-wasm-threaded-simd.wasm'),
    },
    readFile: async (path) => new Response(readFileSync(path), { headers: { 'content-type': 'application/wasm' } }),
  };
}
