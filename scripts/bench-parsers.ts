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
import { readEmbeddedRights } from '../utils/signals/xmp';
import { evaluateC2pa } from '../utils/signals/c2pa';
import { purposeProfile } from '../utils/model/purposes';
import { parseSettings } from '../utils/model/settings';

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

/** Image containers Heed reads metadata from, by their first bytes (the rest is the hostile fill). */
const IMAGE_HEADS: Record<string, number[]> = {
  JPEG: [0xff, 0xd8, 0xff, 0xfe, 0, 4],
  PNG: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  WebP: [...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0x40, 1], [...'WEBPVP8X'].map((c) => c.charCodeAt(0))),
  GIF: [...'GIF89a'].map((c) => c.charCodeAt(0)),
};

/**
 * The embedded-rights readers (XMP/IPTC packet search, C2PA store search) on an image of the
 * largest size Heed fetches, filled with the byte their searches stop at most (`<`, NUL), against
 * one native pass over the same bytes (`Uint8Array.indexOf` of a byte that is not there). A
 * hostile 20 MB file of `<` took 3.2 s to read before the searches ran over text (issue 17).
 */
async function embeddedRows(): Promise<ParserBenchRow[]> {
  const size = parseSettings({}).maxImageBytes;
  const profile = purposeProfile('ai-training');
  const rows: ParserBenchRow[] = [];
  for (const [fillName, fill] of [['<', 0x3c], ['NUL', 0]] as const) {
    for (const [format, head] of Object.entries(IMAGE_HEADS)) {
      const bytes = new Uint8Array(size).fill(fill);
      bytes.set(head);
      const time = async (run: () => unknown) => {
        const start = process.cpuUsage();
        await run();
        const used = process.cpuUsage(start);
        return (used.user + used.system) / 1000;
      };
      const parserMs = await time(async () => {
        await readEmbeddedRights(bytes);
        evaluateC2pa(bytes, profile);
      });
      const baselineMs = cpuMsPerCall(() => bytes.indexOf(0x7f)); // a byte no header or fill holds: a full pass
      rows.push({ name: `embedded rights, ${format} of ${fillName} bytes`, chars: size, parserMs, baselineMs, ratio: parserMs / baselineMs });
    }
  }
  return rows;
}

export async function main(): Promise<ParserBenchRow[]> {
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
  const images = await embeddedRows();
  console.log('hostile image at the size cap, CPU ms per read (XMP/IPTC and C2PA); baseline: one Uint8Array.indexOf pass over the bytes');
  console.log(`${'case'.padEnd(48)} ${'bytes'.padStart(9)} ${'reader ms'.padStart(10)} ${'baseline ms'.padStart(12)}  reader/baseline`);
  for (const r of images) {
    console.log(`${r.name.padEnd(48)} ${String(r.chars).padStart(9)} ${r.parserMs.toFixed(1).padStart(10)} ${r.baselineMs.toFixed(1).padStart(12)}  ${r.ratio.toFixed(0)}x`);
  }
  return [...rows, ...images];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
