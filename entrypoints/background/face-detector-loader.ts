import type { createFaceDetector } from '@/utils/people/face-detector';

/**
 * Loading the face detector (entrypoints/face-detector.ts) on first use. The worker starts for
 * the pages a user browses (an event wakes it after it idled), and evaluating face-api with
 * TensorFlow.js on each start cost those pages ~100 ms of CPU (issue 17): only a collect's
 * people check needs it.
 */
export interface FaceDetectorModule {
  createFaceDetector: typeof createFaceDetector;
}

/** The global the detector's script sets. */
export const FACE_DETECTOR_GLOBAL = 'heedFaceDetector';
const SCRIPT = '/face-detector.js';

type Scope = typeof globalThis & {
  importScripts?: (...urls: string[]) => void;
  [FACE_DETECTOR_GLOBAL]?: FaceDetectorModule;
};

const scriptUrl = () => browser.runtime.getURL(SCRIPT as '/');

/**
 * Chromium lets a service worker import a script after its install only if it imported that
 * script while installing: import it then (once per install or update), so the later import on
 * first use is allowed. Called while the worker's script first runs. A failure here costs the
 * install nothing: the first use fails instead, and its images are people-unchecked (fail closed).
 */
export function importFaceDetectorOnInstall(): void {
  const scope = globalThis as Scope;
  if (typeof scope.importScripts !== 'function') return; // Firefox: the background is a page
  scope.addEventListener('install', () => {
    try {
      scope.importScripts!(scriptUrl());
    } catch (err) {
      console.error('Heed: the face detector could not be installed', err);
    }
  });
}

/** The detector's module, loaded into this worker on first use. */
export async function loadFaceDetectorModule(): Promise<FaceDetectorModule> {
  const scope = globalThis as Scope;
  if (!scope[FACE_DETECTOR_GLOBAL]) {
    if (typeof scope.importScripts === 'function') scope.importScripts(scriptUrl());
    else await appendScript(scriptUrl());
  }
  const module = scope[FACE_DETECTOR_GLOBAL];
  if (!module) throw new Error('the face detector could not be loaded');
  return module;
}

/** A background page (Firefox) loads the script as a page does. */
function appendScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('the face detector could not be loaded'));
    document.head.append(script);
  });
}
