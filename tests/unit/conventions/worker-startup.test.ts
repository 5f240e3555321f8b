import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, targetOf } from './imports';

/**
 * Issue 17: the worker starts for the pages a user browses (a browser event wakes it after it
 * idled), so what its script evaluates on every start is paid by those pages. Its script only
 * listens: the services (database, settings, the collect pipeline; entrypoints/background-services.ts)
 * are loaded on first use, and the face detector (face-api with TensorFlow.js) runs only in the
 * people workers a collect's people check starts (entrypoints/people-worker).
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
  const services = staticGraph('entrypoints/background-services.ts');

  it('reaches its listeners, and the services script reaches the collect pipeline (the graphs are read at all)', () => {
    expect(graph.files).toContain('entrypoints/background/tab-state.ts');
    expect(services.files).toContain('entrypoints/background/people-check.ts');
  });

  it('evaluates no package, no zod schema module and none of the collect pipeline: the services are loaded on first use', () => {
    expect([...graph.packages]).toEqual([]);
    const heavy = ['collector.ts', 'messaging.ts', 'services.ts', 'people-check.ts'].map((f) => `entrypoints/background/${f}`);
    expect([...graph.files].filter((f) => heavy.includes(f) || f.startsWith('utils/store/') || f.startsWith('utils/policy/'))).toEqual([]);
  });

  it('neither evaluates the face detector: face-api and TensorFlow.js are in the people workers a people check starts', () => {
    expect([...services.packages].filter((p) => /face-api|tensorflow/.test(p))).toEqual([]);
    expect(services.files).not.toContain('utils/people/face-detector.ts');
    expect(staticGraph('entrypoints/people-worker/index.ts').files).toContain('utils/people/face-detector.ts');
  });
});

/**
 * Top-level `const` initialisers of a module that build a zod schema (`z.object(…)`,
 * `OtherSchema.extend(…)`, `Schema.parse(…)`) when the module is evaluated, rather than through
 * `lazily` (utils/model/lazily.ts) on first use.
 */
export function eagerSchemas(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const out: string[] = [];
  const starts = [...text.matchAll(/^(?:export )?const (\w+)(?:: [^=\n]+)? = /gm)];
  for (const m of starts) {
    const from = m.index! + m[0].length;
    const init = text.slice(from, statementEnd(text, from));
    if (/^(lazily\(|\(?[\w, ]*\)? =>|<|function\b)/.test(init)) continue;
    if (/\bz\.\w+\(|\b\w+Schema\.\w+\(/.test(init)) out.push(m[1]!);
  }
  return out;
}

/** Where the statement starting at `from` ends: its `;` outside brackets and string literals. */
function statementEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ';' && depth === 0) return i;
  }
  return text.length;
}

describe('the worker\'s services build no zod schema when loaded (issue 17)', () => {
  const graph = staticGraph('entrypoints/background-services.ts');

  it('finds an eager schema where there is one (the check can fail)', () => {
    expect(eagerSchemas("import { z } from 'zod';\nexport const ASchema = z.object({ a: z.string() });\nconst B = lazily(() => z.string());\nexport const R = { x: ASchema.nullable() };\nconst f = () => z.string();\n")).toEqual(['ASchema', 'R']);
  });

  it('every schema a module of the services defines is built on first use, not when the services are loaded', () => {
    const eager = [...graph.files].flatMap((file) => eagerSchemas(readFileSync(resolve(ROOT, file), 'utf8')).map((name) => `${file}: ${name}`));
    expect(eager).toEqual([]);
  });
});
