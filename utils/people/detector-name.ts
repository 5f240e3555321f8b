import { version } from '@vladmandic/face-api/package.json';
import type { FaceScan } from '../policy/people';

/**
 * The detector's name and input size, apart from the detector itself (face-detector.ts), so
 * that naming it costs no face-api: the worker records the name with every item but loads the
 * detector only on a collect's first people check (issue 17).
 */

/** The detector's input size (px, square). 608 rather than 416: it finds the 33–50 px faces 416 misses (README, "People"). */
export const DETECTOR_INPUT_SIZE = 608;
/** Recorded with every item (manifest `people.detector`): the face-api release the build bundles. */
export const DETECTOR_NAME = `face-api TinyFaceDetector ${version} (input ${DETECTOR_INPUT_SIZE})`;

/** The scan of an image the detector did not look at, and why (an error's message, or the words given). */
export function uncheckedScan(why: unknown): FaceScan {
  return { status: 'unchecked', detector: DETECTOR_NAME, why: why instanceof Error ? why.message : String(why) };
}
