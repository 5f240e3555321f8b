import { readBox } from './css';
import { cssImagesNotFound } from './resource-timing';
import { withinBudget, type ScanEnv, type ScanScope, type Steps } from './scope';

/** Elements whose style the sweep computes between two pauses (~2 µs each). */
const SWEEP_BATCH = 2048;

/**
 * The fallback for trees whose rules could not all be read: getComputedStyle on every
 * element's own box (an image still loading is not in Resource Timing yet, so that pass always
 * runs), then on every ::before and ::after. The pseudo passes (two thirds of the cost) are
 * guided by Resource Timing when it can vouch — no unreadable sheet, since Chromium hides what
 * no-CORS sheets load — and stop once every CSS-loaded image is found. Within the scan budget;
 * the shell avoids all this for cross-origin sheets by passing their text (`cssTexts`).
 * A generator: it pauses every SWEEP_BATCH elements, where a yielding scan lets the page run.
 */
export function* sweepCss(env: ScanEnv): Steps {
  if (!env.cssSweep.length) return;
  const missing = env.cssSweep.some((s) => s.blind) ? null : cssImagesNotFound(env);
  for (const pseudo of ['', '::before', '::after'] as const) {
    if (pseudo && missing && missing.size === 0) return;
    for (const { scope } of env.cssSweep) {
      const all = scope.all;
      for (let i = 0; i < all.length; i += SWEEP_BATCH) {
        if (i > 0) yield;
        if (!sweepBatch(scope, pseudo, missing, i, Math.min(all.length, i + SWEEP_BATCH))) return;
      }
    }
  }
}

/**
 * Read one box of the tree's elements [from, to): a plain function, not the generator's loop,
 * so V8 can optimise it while it runs. False when the sweep is over: the budget spent, or a
 * pseudo pass has found every CSS-loaded image.
 */
function sweepBatch(scope: ScanScope, pseudo: '' | '::before' | '::after', missing: Set<string> | null, from: number, to: number): boolean {
  const { env, all } = scope;
  for (let i = from; i < to; i++) {
    if ((i & 63) === 0 && !withinBudget(env)) return false;
    env.stats.elements++;
    try {
      for (const url of readBox(scope, all[i]!, pseudo, true)) missing?.delete(url);
    } catch {
      env.stats.errors++;
    }
    if (pseudo && missing && missing.size === 0) return false;
  }
  return true;
}
