import { readdirSync, readFileSync, statSync } from 'node:fs';
import { importsOf, targetOf } from './imports';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of `utils/`, as each folder's README states it. Every folder's note has three
 * lines this test reads: "May import:" (sibling folders), "Packages:" (npm packages) and
 * "Browser APIs:" ("none" forbids extension APIs, IndexedDB and network requests). A value
 * import outside those lists fails; `import type` is free (it carries no code).
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const UTILS = join(ROOT, 'utils');

/** Scripts injected into pages: they may use only the page-side folders. */
const INJECTED_ENTRYPOINTS = ['entrypoints/scanner.ts', 'entrypoints/scanner-watch.ts', 'entrypoints/page-reader.ts', 'entrypoints/page-signals.ts'];
const PAGE_SIDE = ['page', 'scan'];

export interface FolderRules {
  folders: string[];
  packages: string[];
  browserApis: boolean;
}

/** The rules a folder's README states; null when a line is missing. */
export function rulesFromNote(note: string): FolderRules | null {
  const line = (label: string) => new RegExp(`^- ${label}:(.*)$`, 'm').exec(note)?.[1];
  const mayImport = line('May import');
  const packages = line('Packages');
  const apis = line('Browser APIs');
  if (mayImport === undefined || packages === undefined || apis === undefined) return null;
  const names = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return { folders: names(mayImport), packages: names(packages), browserApis: !/^\s*none\b/.test(apis) };
}

export { importsOf, targetOf, type ImportStatement } from './imports';

const BROWSER_API = /\b(?:browser|chrome)\.[a-z]+\.|\bindexedDB\b|\bfetch\(|\bXMLHttpRequest\b|\blocalStorage\b/;

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Each broken rule of one file of `folder`, as "file: what". */
export function violations(file: string, folder: string, source: string, rules: FolderRules): string[] {
  const out: string[] = [];
  const name = relative(ROOT, file);
  for (const { spec, typeOnly } of importsOf(source)) {
    if (typeOnly) continue;
    const target = targetOf(file, spec);
    if ('folder' in target && target.folder !== folder && !rules.folders.includes(target.folder)) out.push(`${name}: imports utils/${target.folder} (${spec})`);
    if ('pkg' in target && !rules.packages.includes(target.pkg)) out.push(`${name}: imports package ${target.pkg}`);
  }
  if (!rules.browserApis && BROWSER_API.test(stripComments(source))) out.push(`${name}: uses a browser API (${BROWSER_API.exec(stripComments(source))![0]})`);
  return out;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.tsx?$/.test(entry) ? [path] : [];
  });
}

const FOLDERS = readdirSync(UTILS).filter((entry) => statSync(join(UTILS, entry)).isDirectory());

describe('utils/ layering, as each folder note states it', () => {
  it('nothing but the map sits at the top of utils/: every module belongs to a folder', () => {
    expect(readdirSync(UTILS).filter((entry) => !statSync(join(UTILS, entry)).isDirectory())).toEqual(['README.md']);
    expect(FOLDERS.length).toBeGreaterThanOrEqual(8);
  });

  it.each(FOLDERS)('utils/%s opens with a note stating what it may import', (folder) => {
    const rules = rulesFromNote(readFileSync(join(UTILS, folder, 'README.md'), 'utf8'));
    expect(rules).not.toBeNull();
    for (const f of rules!.folders) expect(FOLDERS).toContain(f);
  });

  it.each(FOLDERS)('utils/%s imports only what its note allows', (folder) => {
    const rules = rulesFromNote(readFileSync(join(UTILS, folder, 'README.md'), 'utf8'))!;
    const found = sourcesUnder(join(UTILS, folder)).flatMap((file) => violations(file, folder, readFileSync(file, 'utf8'), rules));
    expect(found).toEqual([]);
  });

  it('page-side code never pulls in the worker’s: the page folders allow no worker folder', () => {
    const worker = ['policy', 'store', 'messages', 'exports', 'net', 'ui', 'media'];
    for (const folder of PAGE_SIDE) {
      const rules = rulesFromNote(readFileSync(join(UTILS, folder, 'README.md'), 'utf8'))!;
      expect(rules.folders.filter((f) => worker.includes(f))).toEqual([]);
      expect(rules.packages).toEqual([]);
    }
  });

  it.each(INJECTED_ENTRYPOINTS)('%s (injected into pages) uses only page-side folders', (entry) => {
    const file = join(ROOT, entry);
    // No npm library, only the extension API handle itself: WXT's `browser` (the browser's own object).
    const rules: FolderRules = { folders: PAGE_SIDE, packages: ['@wxt-dev/browser'], browserApis: true };
    expect(violations(file, '', readFileSync(file, 'utf8'), rules)).toEqual([]);
  });
});

describe('the layering check itself can fail', () => {
  const policy: FolderRules = { folders: ['model', 'signals'], packages: ['zod'], browserApis: false };
  const file = join(UTILS, 'policy', 'example.ts');

  it('a value import of a forbidden folder, a package or a browser API is reported', () => {
    const source = [
      "import { openHeedDB } from '../store/db';",
      "import { openDB } from 'idb';",
      "import { z } from 'zod';",
      "import { purposeProfile } from '@/utils/model/purposes';",
      'export const load = () => browser.storage.local.get();',
      "export const get = () => fetch('https://example.test/');",
    ].join('\n');
    expect(violations(file, 'policy', source, policy)).toEqual([
      'utils/policy/example.ts: imports utils/store (../store/db)',
      'utils/policy/example.ts: imports package idb',
      'utils/policy/example.ts: uses a browser API (browser.storage.)',
    ]);
  });

  it('type-only imports and comments are free', () => {
    const source = [
      "import type { Job } from '../store/db';",
      "import { type Settings, type Mode } from '../model/settings';",
      "export type { Verdict } from '../store/verdict';",
      '// browser.storage.local is read by the worker, not here',
    ].join('\n');
    expect(violations(file, 'policy', source, policy)).toEqual([]);
  });

  it('a note missing one of its lines is not a note', () => {
    expect(rulesFromNote('# x\n- May import: `model`\n- Packages: none\n')).toBeNull();
    expect(rulesFromNote('- May import: `model`, `media`\n- Packages: `zod`\n- Browser APIs: none')).toEqual({ folders: ['model', 'media'], packages: ['zod'], browserApis: false });
  });
});
