/**
 * A faster `Concat` kernel for tfjs's WASM backend (issue 17).
 *
 * The backend's own Concat runs in JavaScript and copies each input's run along the axis with
 * `subarray().set()`: one typed-array view and one call per run. face-api's TinyFaceDetector
 * subtracts its mean colour through a tensor it concatenates from three one-channel tensors on
 * every pass, so each run is a single number: 4,096 pixels × 3 channels = 12,288 calls for a
 * 64 px picture. In a collect of 500 thumbnails that copy was 28 % of the detector's time in the
 * worker (a CPU profile of the 20-origin collect bench). This kernel does the same copy with a
 * plain loop where a run is short, and with `set()` where a run is long enough for it to pay.
 *
 * Anything other than the plain numeric case (string tensors, fewer than two non-empty inputs,
 * shapes that do not line up) goes to the backend's own kernel, which also raises its errors.
 */

/** The part of a tfjs tensor info the kernel reads. */
export interface ConcatTensorInfo {
  shape: number[];
  dtype: string;
  dataId: object;
}

/** The part of tfjs-backend-wasm's BackendWasm the kernel uses. */
export interface ConcatBackend {
  makeOutput(shape: number[], dtype: string): ConcatTensorInfo;
  typedArrayFromHeap(info: ConcatTensorInfo): Float32Array | Int32Array | Uint8Array;
}

export interface ConcatArgs {
  inputs: ConcatTensorInfo[] | Record<string, ConcatTensorInfo>;
  backend: ConcatBackend;
  attrs: { axis?: number | number[] };
}

export type ConcatKernelFunc = (args: ConcatArgs) => ConcatTensorInfo;

/** A run this long or longer is copied with `set()`; shorter ones element by element. */
const SET_FROM = 16;

const FASTER = Symbol('heed.fasterConcat');

const sizeOf = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);

/** `original` wrapped: the same results, copied without a call per element. Wrapping twice gives the same function. */
export function fasterConcat(original: ConcatKernelFunc): ConcatKernelFunc {
  if ((original as { [FASTER]?: true })[FASTER]) return original;
  const kernel: ConcatKernelFunc = (args) => {
    const inputs = Array.isArray(args.inputs) ? args.inputs : Object.values(args.inputs);
    const first = inputs[0];
    const axisAttr = Array.isArray(args.attrs.axis) ? args.attrs.axis[0] : args.attrs.axis;
    if (!first || typeof axisAttr !== 'number' || !Number.isInteger(axisAttr)) return original(args);
    const rank = first.shape.length;
    const axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
    const lineUp = inputs.every((t) => t.dtype === first.dtype && t.shape.length === rank && t.shape.every((d, i) => i === axis || d === first.shape[i]));
    const nonEmpty = inputs.filter((t) => sizeOf(t.shape) > 0);
    if (axis < 0 || axis >= rank || !lineUp || first.dtype === 'string' || nonEmpty.length < 2) return original(args);
    const outShape = [...first.shape];
    outShape[axis] = inputs.reduce((n, t) => n + t.shape[axis]!, 0);
    const out = args.backend.makeOutput(outShape, first.dtype);
    const target = args.backend.typedArrayFromHeap(out);
    const outer = sizeOf(first.shape.slice(0, axis));
    const runs = nonEmpty.map((t) => sizeOf(t.shape.slice(axis)));
    const sources = nonEmpty.map((t) => args.backend.typedArrayFromHeap(t));
    let at = 0;
    for (let row = 0; row < outer; row++) {
      for (let k = 0; k < sources.length; k++) {
        const run = runs[k]!;
        const source = sources[k]!;
        const from = row * run;
        if (run >= SET_FROM) target.set(source.subarray(from, from + run), at);
        else for (let i = 0; i < run; i++) target[at + i] = source[from + i]!;
        at += run;
      }
    }
    return out;
  };
  (kernel as { [FASTER]?: true })[FASTER] = true;
  (kernel as { [ORIGINAL]?: ConcatKernelFunc })[ORIGINAL] = original;
  return kernel;
}

const ORIGINAL = Symbol('heed.originalConcat');

/** The kernel `fasterConcat` wrapped (for the benchmark's same-run baseline), or null for one it did not make. */
export function originalConcat(kernel: ConcatKernelFunc): ConcatKernelFunc | null {
  return (kernel as { [ORIGINAL]?: ConcatKernelFunc })[ORIGINAL] ?? null;
}
