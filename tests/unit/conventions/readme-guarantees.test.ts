import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * README.md's "What Heed guarantees" names, for each promise, the test that holds it
 * (`file` › test name). A promise whose test was renamed, moved or deleted is no longer
 * held by anything: this check fails when a named file is missing or a named test is not
 * in it.
 */
const ROOT = resolve(import.meta.dirname, '../../..');

function guaranteesSection(): string {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('What Heed guarantees'));
  if (!section) throw new Error('README.md has no "What Heed guarantees" section');
  return section;
}

/** A README path (`signals/x.test.ts`, `e2e/y.spec.ts`, `scripts/z.ts`) as a repository path. */
function repoPath(ref: string): string {
  if (ref.startsWith('scripts/')) return ref;
  if (ref.startsWith('e2e/')) return `tests/${ref}`;
  return `tests/unit/${ref}`;
}

export type TestReference = { file: string; names: string[] };

/**
 * Every `file` reference of a promise line with the test names after it: a name runs from
 * "›" to the next "›", ";", backtick or the end (a "; ›" goes on with the same file); an ellipsis stands for words left out, so
 * each part around it must appear; a parenthesis may be a remark or part of the name, so
 * it is read as an ellipsis.
 */
export function testReferences(line: string): TestReference[] {
  const refs: TestReference[] = [];
  const re = /`([\w./-]+\.(?:test|spec)\.ts|scripts\/[\w.-]+\.ts)`((?:;?\s*›[^›;`]*)*)/g;
  for (const m of line.matchAll(re)) {
    const names = (m[2] ?? '')
      .split(/;?\s*›/)
      .map((n) => n.replace(/\s*\([^)]*\)?\s*/g, ' … ').replace(/[.\s]+$/, '').trim())
      .filter((n) => n.length > 0);
    refs.push({ file: m[1]!, names });
  }
  return refs;
}

/** The name parts a test file must contain: split at ellipses, and at ", " when the whole is not found. */
function nameFound(source: string, name: string): boolean {
  return name
    .split('…')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .every((part) => source.includes(part) || part.split(', ').every((p) => source.includes(p.trim())));
}

describe('README "What Heed guarantees"', () => {
  const lines = guaranteesSection().split('\n').filter((l) => l.startsWith('- '));

  it('every promise names a test that holds it', () => {
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(testReferences(line), line).not.toEqual([]);
  });

  it('every named file exists and contains every named test', () => {
    const missing: string[] = [];
    for (const line of lines) {
      for (const { file, names } of testReferences(line)) {
        const path = resolve(ROOT, repoPath(file));
        if (!existsSync(path)) {
          missing.push(`${file} (no such file)`);
          continue;
        }
        const source = readFileSync(path, 'utf8');
        for (const name of names) if (!nameFound(source, name)) missing.push(`${file} › ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('reads names the way the README writes them', () => {
    expect(testReferences('x — `a/b.test.ts` › one thing; › another (a remark) thing; `e2e/c.spec.ts` › a … b.')).toEqual([
      { file: 'a/b.test.ts', names: ['one thing', 'another … thing'] },
      { file: 'e2e/c.spec.ts', names: ['a … b'] },
    ]);
  });
});
