/**
 * Benchmark: every parser of untrusted input on its worst-case input at its cap (the inputs of
 * tests/unit/conventions/hostile-inputs.ts, the linearity test's), each against a baseline on
 * the same text in the same run: `TextEncoder.encode`, one linear pass that touches every
 * character. A linear parser stays a constant factor above it; the quadratic and cubic ones
 * this replaced took seconds to hours here.
 * Run: npx tsx scripts/bench-parsers.ts (or via `npm run bench`).
 */
import { pathToFileURL } from 'node:url';
import { HOSTILE_CASES, type HostileCase } from '../tests/unit/conventions/hostile-inputs';

export interface ParserBenchRow {
  name: string;
  chars: number;
  parserMs: number;
  baselineMs: number;
  ratio: number;
}

/** CPU milliseconds per call: the minimum over a few tries of enough calls to last ≥ 50 ms. */
function cpuMsPerCall(run: () => unknown): number {
  run();
  let reps = 1;
  const timeOf = (n: number): number => {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  while (timeOf(reps) < 50 && reps < 1 << 22) reps *= 2;
  let best = Infinity;
  for (let i = 0; i < 3; i++) best = Math.min(best, timeOf(reps) / reps);
  return best;
}

/** The largest input `make` builds that still fits the cap. */
function atCap(c: HostileCase): string {
  let size = c.cap;
  let input = c.make(size);
  while (input.length > c.cap) {
    size -= input.length - c.cap;
    input = c.make(size);
  }
  return input;
}

export function main(): ParserBenchRow[] {
  const encoder = new TextEncoder();
  const rows = HOSTILE_CASES.map((c): ParserBenchRow => {
    const input = atCap(c);
    const parserMs = cpuMsPerCall(() => c.run(input));
    const baselineMs = cpuMsPerCall(() => encoder.encode(input));
    return { name: c.name, chars: input.length, parserMs, baselineMs, ratio: parserMs / baselineMs };
  });
  console.log('worst case at the cap, CPU ms per call; baseline: TextEncoder.encode of the same text');
  console.log(`${'case'.padEnd(48)} ${'chars'.padStart(9)} ${'parser ms'.padStart(10)} ${'baseline ms'.padStart(12)}  parser/baseline`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(48)} ${String(r.chars).padStart(9)} ${r.parserMs.toFixed(3).padStart(10)} ${r.baselineMs.toFixed(3).padStart(12)}  ${r.ratio.toFixed(1)}x`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
