import { createFaceDetector } from '@/utils/people/face-detector';
import { FACE_DETECTOR_GLOBAL, type FaceDetectorModule } from './background/face-detector-loader';

/**
 * The face detector (face-api with TensorFlow.js: most of the worker's code) as a script of its
 * own, which the worker loads on a collect's first people check rather than on every start
 * (issue 17; entrypoints/background/face-detector-loader.ts). It leaves its one function on
 * the worker's global.
 */
export default defineUnlistedScript(() => {
  const module: FaceDetectorModule = { createFaceDetector };
  (globalThis as Record<string, unknown>)[FACE_DETECTOR_GLOBAL] = module;
});
