import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, targetOf } from './imports';

/**
 * Issue 17: the worker starts for the pages a user browses (a browser event wakes it after it
 * idled), so what its script evaluates on every start is paid by those pages. The face detector
 * (face-api with TensorFlow.js, most of the worker's code) is needed only by a collect's people
 * check: the worker loads it on first use (entrypoints/face-detector.ts), never at start.
 */
const ROOT = resolve(import.meta.dirname, '../../..');

/** Every project file the worker's entry reaches through value imports, and the packages it reaches. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const { spec, typeOnly } of importsOf(readFileSync(resolve(ROOT, file), 'utf8'))) {
      if (typeOnly) continue;
      const target = targetOf(resolve(ROOT, file), spec);
      if ('pkg' in target) {
        // A package's own package.json is data (its version), not its code.
        if (!spec.endsWith('/package.json')) packages.add(target.pkg);
        continue;
      }
      const base = spec.startsWith('@/') ? resolve(ROOT, spec.slice(2)) : resolve(ROOT, file, '..', spec);
      const found = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find((p) => existsSync(p) && !p.endsWith('/'));
      if (found && /\.tsx?$/.test(found)) queue.push(found.slice(ROOT.length + 1));
    }
  }
  return { files, packages };
}

describe('the worker at start', () => {
  const graph = staticGraph('entrypoints/background/index.ts');

  it('reaches the collect pipeline (the graph is read at all)', () => {
    expect(graph.files).toContain('entrypoints/background/people-check.ts');
  });

  it('does not evaluate the face detector: face-api and TensorFlow.js are loaded on first use', () => {
    expect([...graph.packages].filter((p) => /face-api|tensorflow/.test(p))).toEqual([]);
    expect(graph.files).not.toContain('utils/people/face-detector.ts');
  });
});
