import { dirname, join, relative, resolve } from 'node:path';

/** Reading a source's imports, for the convention tests (layers, worker start). */
const ROOT = resolve(import.meta.dirname, '../../..');
const UTILS = join(ROOT, 'utils');

export interface ImportStatement {
  spec: string;
  typeOnly: boolean;
}

/** The import and re-export statements of a TypeScript source, with whether each is type-only. */
export function importsOf(source: string): ImportStatement[] {
  const found: ImportStatement[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
    const clause = m[2]!.trim();
    const named = /^\{([^}]*)\}$/.exec(clause);
    const allTypes = named !== null && named[1]!.split(',').every((s) => !s.trim() || /^\s*type\s/.test(s));
    found.push({ spec: m[3]!, typeOnly: Boolean(m[1]) || allTypes });
  }
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ spec: m[1]!, typeOnly: false });
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

/** What an import reaches: a folder of utils/, an npm package, or another project path. */
export function targetOf(file: string, spec: string): { folder: string } | { pkg: string } | { other: string } {
  let abs: string;
  if (spec.startsWith('@/') || spec.startsWith('~/')) abs = join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) abs = resolve(dirname(file), spec);
  else return { pkg: spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]! };
  const rel = relative(UTILS, abs);
  if (!rel.startsWith('..') && rel.includes('/')) return { folder: rel.split('/')[0]! };
  return { other: relative(ROOT, abs) };
}

