/**
 * Every parser of untrusted input runs in time linear in its input (issue 14, "Bounded work on
 * hostile input"). For each worst case in ./hostile-inputs.ts: time the parser at size n and at
 * 8n and require the ratio to stay well under quadratic growth.
 *
 * Why this is not flaky: timings are CPU time, not wall time; each repeats the call until it lasts ≥ 20 ms and keeps the
 * minimum of several tries (load only ever adds time), and the bound is 32 = 4 × the linear
 * ratio of 8, while quadratic growth gives ~64 and cubic ~512. The larger size is retried while
 * its ratio is above 1.5× linear, for at most 3 s, so a super-linear regression fails quickly.
 */
import { describe, expect, it } from 'vitest';
import { checkInputs, HOSTILE_CASES, type HostileCase } from './hostile-inputs';

const GROWTH = 8;
const BOUND = 32;
const MIN_MS = 20;
const MAX_LARGE_MS = 3000;

/** CPU milliseconds this process spent on `reps` calls: unlike wall time, not inflated while
 * other processes have the CPU (the machine is shared). */
function timeOf(run: () => void, reps: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < reps; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Time per call at 8n over time per call at n. Both sides do the same total work (8× as many
 * calls at n), so allocation and collection per byte are alike; each side is the minimum of a
 * few tries lasting ≥ MIN_MS.
 */
function growthRatio(c: HostileCase): number {
  const small = c.make(c.n);
  const large = c.make(GROWTH * c.n);
  const runSmall = () => void c.run(small);
  const runLarge = () => void c.run(large);
  for (let i = 0; i < 3; i++) runSmall(); // warm up the JIT on this input's shape
  let reps = GROWTH;
  while (timeOf(runSmall, reps) < MIN_MS && reps < 1 << 24) reps *= 2;
  let tSmall = Infinity;
  for (let i = 0; i < 4; i++) tSmall = Math.min(tSmall, timeOf(runSmall, reps));
  const repsLarge = reps / GROWTH;
  let ratio = Infinity;
  let spent = 0;
  // Retried while above 1.5× linear (a loaded machine slows one try), until MAX_LARGE_MS is
  // spent: a super-linear parser fails after a try or two, not after minutes.
  for (let i = 0; i < 5 && ratio >= 1.5 * GROWTH && spent < MAX_LARGE_MS; i++) {
    const t = timeOf(runLarge, repsLarge);
    spent += t;
    ratio = Math.min(ratio, t / repsLarge / (tSmall / reps));
  }
  if (process.env.LINEAR_DEBUG) console.log(c.name, { reps, tSmall, ratio });
  return ratio;
}

describe('parsers of untrusted input run in linear time', () => {
  it('the worst-case inputs fit their parsers\' caps', () => {
    expect(checkInputs()).toEqual([]);
  });

  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ratio = growthRatio(c);
    expect(ratio, `time grew ${ratio.toFixed(1)}× for ${GROWTH}× the input`).toBeLessThan(BOUND);
  }, 60_000);
});
