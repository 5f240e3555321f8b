import { beforeAll, describe, expect, it } from 'vitest';
import { fasterConcat, originalConcat, type ConcatArgs, type ConcatKernelFunc } from '../../../utils/people/fast-concat';
import { loadDetectorModule, nodeDetectorAssets } from './node-face-api';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let tf: any;

beforeAll(async () => {
  const mod = await loadDetectorModule();
  await mod.createFaceDetector(nodeDetectorAssets());
  // The same face-api instance the detector module loaded (imported after it, as node-face-api.ts explains).
  tf = ((await import('@vladmandic/face-api/dist/face-api.esm.js')) as { tf: unknown }).tf;
}, 60_000);

/** Deterministic values of `dtype` for `shape`, different per `seed`. */
function tensorOf(shape: number[], dtype: 'float32' | 'int32' | 'bool', seed: number) {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? (i * 7 + seed) % 3 === 0 : dtype === 'int32' ? ((i * 31 + seed * 17) % 201) - 100 : Math.sin(i * 0.37 + seed) * 100));
  return tf.tensor(values, shape, dtype);
}

/** tf.concat on the CPU backend: the reference. */
function onCpu(shapes: number[][], dtype: 'float32' | 'int32' | 'bool', axis: number): unknown {
  const before = tf.getBackend();
  tf.setBackend('cpu');
  try {
    return tf.tidy(() => tf.concat(shapes.map((s, k) => tensorOf(s, dtype, k)), axis).arraySync());
  } finally {
    tf.setBackend(before);
  }
}

const onWasm = (shapes: number[][], dtype: 'float32' | 'int32' | 'bool', axis: number): unknown =>
  tf.tidy(() => tf.concat(shapes.map((s, k) => tensorOf(s, dtype, k)), axis).arraySync());

describe('the WASM Concat kernel the detector runs on', () => {
  it('is replaced once the detector starts', () => {
    expect(tf.getBackend()).toBe('wasm');
    const kernel = tf.getKernel('Concat', 'wasm');
    expect(fasterConcat(kernel.kernelFunc)).toBe(kernel.kernelFunc);
    // The backend's own kernel stays reachable for the benchmark's baseline, and only through a wrapper.
    expect(typeof originalConcat(kernel.kernelFunc)).toBe('function');
    expect(originalConcat(originalConcat(kernel.kernelFunc)!)).toBeNull();
  });

  // The detector's own case (three one-channel tensors along the last axis), runs long and short,
  // every axis, negative axes, empty inputs, and each numeric dtype.
  const cases: { shapes: number[][]; axis: number }[] = [
    { shapes: [[1, 64, 64, 1], [1, 64, 64, 1], [1, 64, 64, 1]], axis: 3 },
    { shapes: [[1, 5, 7, 2], [1, 5, 7, 1], [1, 5, 7, 30]], axis: -1 },
    { shapes: [[1, 3, 40, 3], [1, 3, 8, 3]], axis: 2 },
    { shapes: [[2, 3], [4, 3], [1, 3]], axis: 0 },
    { shapes: [[3, 2, 20], [3, 5, 20]], axis: 1 },
    { shapes: [[4], [0], [9]], axis: 0 },
    { shapes: [[2, 0, 3], [2, 4, 3], [2, 1, 3]], axis: 1 },
    { shapes: [[1, 1, 1, 1], [1, 1, 1, 1]], axis: -4 },
  ];
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    it.each(cases)(`gives the CPU backend's result (${dtype}): $shapes on axis $axis`, ({ shapes, axis }) => {
      expect(onWasm(shapes, dtype, axis)).toEqual(onCpu(shapes, dtype, axis));
    });
  }

  it('leaves what it does not handle to the original kernel', () => {
    const calls: string[] = [];
    const original: ConcatKernelFunc = (args) => {
      calls.push(JSON.stringify(Array.isArray(args.inputs) ? args.inputs.map((t) => t.shape) : null));
      return { shape: [], dtype: 'float32', dataId: {} };
    };
    const backend = {
      makeOutput: () => {
        throw new Error('not this kernel');
      },
      typedArrayFromHeap: () => new Float32Array(0),
    };
    const t = (shape: number[], dtype = 'float32') => ({ shape, dtype, dataId: {} });
    const kernel = fasterConcat(original);
    const run = (inputs: ConcatArgs['inputs'], axis: number) => kernel({ inputs, backend, attrs: { axis } });
    run([t([2, 3])], 0); // one input: the original returns it (Identity)
    run([t([2, 3]), t([0, 3])], 0); // one non-empty input
    run([t([2, 3], 'string'), t([2, 3], 'string')], 0); // strings
    run([t([2, 3]), t([2, 4])], 0); // shapes that do not line up: the original raises
    run([t([2, 3]), t([2, 3])], 2); // an axis past the rank
    expect(calls).toHaveLength(5);
  });
});
