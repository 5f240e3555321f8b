/**
 * `web-ext lint` (Mozilla's addons-linter, what addons.mozilla.org runs) on the Firefox build:
 * fails on any error, and on any warning or notice README.md does not explain. README's
 * "What `web-ext lint` says" table lists each accepted warning by its code and a marker: text
 * found in the bundled code where the linter points, naming what it is.
 *
 * Usage: npm run build:firefox && npm run lint:firefox
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, '.output/firefox-mv3');

interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** The accepted warnings: README's table rows `| \`CODE\` | \`marker\` | … |`. */
export function explainedWarnings(readme: string): { code: string; marker: string }[] {
  const section = readme.split(/^#{2,3} /m).find((s) => s.startsWith('What `web-ext lint` says'));
  if (!section) throw new Error('README.md has no "What `web-ext lint` says" section');
  const rows: { code: string; marker: string }[] = [];
  for (const line of section.split('\n')) {
    const m = /^\| `([A-Z_]+)` \| `([^`]+)` \|/.exec(line);
    if (m) rows.push({ code: m[1]!, marker: m[2]! });
  }
  return rows;
}

/** The bundled code around where the linter points (the build is minified: one long line). */
function around(msg: Message): string {
  if (!msg.file) return '';
  const lines = readFileSync(join(BUILD, msg.file), 'utf8').split('\n');
  const text = lines[(msg.line ?? 1) - 1] ?? '';
  const at = msg.column ?? 0;
  return text.slice(Math.max(0, at - 300), at + 300);
}

function main(): void {
  if (!existsSync(join(BUILD, 'manifest.json'))) throw new Error(`No Firefox build at ${BUILD}: run \`npm run build:firefox\` first.`);
  const bin = join(ROOT, 'node_modules/.bin/web-ext');
  let out: string;
  try {
    out = execFileSync(bin, ['lint', '--source-dir', BUILD, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
  } catch (err) {
    out = (err as { stdout?: string }).stdout ?? ''; // web-ext exits non-zero on errors; the JSON says which
  }
  const report = JSON.parse(out) as { errors: Message[]; warnings: Message[]; notices: Message[] };
  const explained = explainedWarnings(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const unexplained = [...report.warnings, ...report.notices].filter((w) => !explained.some((e) => e.code === w.code && around(w).includes(e.marker)));
  const show = (m: Message) => `  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}:${m.column ?? 0}` : ''} — ${m.message}`;
  console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexplained.length} explained in README), ${report.notices.length} notices`);
  if (report.errors.length > 0) console.error(`Errors:\n${report.errors.map(show).join('\n')}`);
  if (unexplained.length > 0) console.error(`Not explained in README ("What \`web-ext lint\` says"):\n${unexplained.map(show).join('\n')}`);
  if (report.errors.length > 0 || unexplained.length > 0) process.exit(1);
}

main();
