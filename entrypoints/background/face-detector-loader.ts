import type { createFaceDetector } from '@/utils/people/face-detector';
import { lazyScript } from './lazy-script';

/**
 * The face detector (entrypoints/face-detector.ts), loaded on first use: evaluating face-api
 * with TensorFlow.js on each worker start cost the pages that woke it ~100 ms of CPU (issue
 * 17), and only a collect's people check needs it. A failure to load fails closed: the
 * images are people-unchecked.
 */
export interface FaceDetectorModule {
  createFaceDetector: typeof createFaceDetector;
}

/** The global the detector's script sets. */
export const FACE_DETECTOR_GLOBAL = 'heedFaceDetector';

export const faceDetectorScript = lazyScript<FaceDetectorModule>('/face-detector.js', FACE_DETECTOR_GLOBAL, 'the face detector');
