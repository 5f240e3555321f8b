/**
 * Spawning `ai.txt` at `/ai.txt` (site.spawning.ai/spawning-ai-txt). No formal specification
 * exists; the format is defined by Spawning's generator output: a robots.txt look-alike whose
 * `User-Agent:` groups carry `Allow:` / `Disallow:` rules, usually file-extension globs
 * (`*.jpg`) or paths (`/`). A matching Disallow means "do not use in AI datasets".
 *
 * Decisions, since Spawning defines none beyond the examples (documented per the brief):
 * - Syntax and matching follow RFC 9309 (the format copies robots.txt): case-insensitive
 *   field names, `#` comments, lines that do not parse are ignored, longest match wins,
 *   `Allow` wins a tie, `*`/`$` wildcards, at most 512 KiB read (RFC 9309 §2.5 lets a parser
 *   ignore content past a cap ≥ 500 KiB).
 * - Group selection as DESIGN.md §2 rule 2 does for robots.txt: for `heed` and each AI token
 *   of the purpose, the groups naming it, else the `*` groups. A Disallow for any → deny.
 * - A Disallow naming a file type without the `*` (`.jpg`, a bare `jpg`) is also read as `*.jpg`
 *   (fileTypeReading): as written it matches no image, and the owner listed a file type. One
 *   written in quotes, several to a line or as a full URL is also read as the patterns it names
 *   (robots/pattern.ts meantPatterns), and so is one in typographic quotes, with an invisible
 *   character at its end, or a list of file types joined by commas with no blank (handWrittenReadings).
 * - Rules before the first `User-Agent:` line (RFC 9309 says to ignore them) are read as
 *   addressed to everyone: ai.txt is an opt-out file, so a hand-written `Disallow: *.jpg`
 *   with no group is still an opt-out (fail closed).
 * - More than 20,000 Allow / Disallow rules → unreadable, fails closed: a rule past the cap was
 *   not read and may disallow the image (DESIGN.md §2 rule 5).
 * - 404/410 → no ai.txt, no restriction. 429, 5xx, other 4xx, network error or larger than
 *   the cap → unreadable, fails closed (`signal-unreadable`; DESIGN.md §2 rules 3 and 5):
 *   the site may publish an opt-out Heed could not read.
 * - A 200 body with no robots-style record at all (HTML soft 404, the unrelated Markdown
 *   `aitxt.ing` format, binary junk) is not a Spawning ai.txt: info, not `signal-unreadable`
 *   — the `/ai.txt` name is shared by formats that carry no permissions (SIGNALS.md §5.1).
 *   A NUL byte in a file with records does not make it junk (its rules are read). A body
 *   fetched by Heed that is not text at all (still Brotli- or zstd-compressed) is unreadable
 *   before it gets here (text-encoding.ts isNotText): it may be the owner's ai.txt.
 * - Field names are also read as the robots.txt reader reads them (typos Google accepts,
 *   look-alike letters, a blank for the colon, User-Agent and Disallow misspelt: `User_agents`,
 *   `Disallowed`, `Deny`); a refusal in either reading refuses.
 * - A User-Agent value that names every agent in words (`Spawning/AI/all`, `all`, `AI`,
 *   `Everyone`) is read as `*` too (namesEveryAgent).
 * - A Disallow written as a MIME type (`image/jpeg`), a brace glob (`*.{jpg,png}`), a `|` list or
 *   `.*` is also read as the patterns it names (otherSyntaxReadings).
 * - An Allow of a file type (`Allow: *.png`) matches only a path whose last segment is that type
 *   (fileTypeAllows), not any path holding `.png`.
 */
import type { Evidence } from '../model/evidence';
import type { PurposeProfile } from '../model/purposes';
import { clip, type FetchedFile, isFetchedFile, neverThrow, type ParseResult, rememberingParser } from './fetched-file';
import { compileFilePattern, matchPattern, MAX_PATTERN_LENGTH, meantPatterns, normaliseTarget, pathAndQuery, slashReadings } from './robots/pattern';
import { meansEveryCrawler, namesEveryAgent } from './robots/parse';
import { readRecordLine } from './robots/tokenize';

/** One Allow/Disallow line. */
export interface AiTxtRule {
  allow: boolean;
  pattern: string;
  line: number;
}

/** One group: its user-agent tokens (lower-cased) and rules. */
export interface AiTxtGroup {
  agents: string[];
  rules: AiTxtRule[];
}

export interface AiTxt {
  groups: AiTxtGroup[];
  /** True when the body was longer than the cap and its tail was ignored. */
  truncated: boolean;
  /** Present when the file has more than MAX_AI_TXT_RULES rules: those past it were not read, and
   * one may disallow the image, so evaluation fails closed (`signal-unreadable`, DESIGN.md §2 rule 5). */
  tooManyRules?: true;
  /** The file read with the robots.txt reader's field names, when that reads a line otherwise (parseAiTxt): its refusals count too. */
  asRobotsReads?: AiTxt;
}

export const MAX_AI_TXT_BYTES = 512 * 1024;
export const MAX_AI_TXT_RULES = 20000;

/**
 * A Disallow value that names a file type without the `*` Spawning's generator writes: `.jpg`
 * (any extension after a dot) or a bare image extension (`jpg`, `PNG`), read as `*.jpg` too.
 * As written (RFC 9309 paths start with `/`) it matches no image. Decision (DESIGN.md §2 rule 3,
 * the reading that cannot keep what the owner refused; ai.txt lists file types, SIGNALS.md §5.1):
 * the owner meant the file type, so that reading is added beside the rule as written. Only for
 * Disallow: it can add a refusal, never lift one. Null when the value is not such a file type.
 */
function fileTypeReading(value: string): string | null {
  const m = /^\.?([A-Za-z0-9]{1,10})(\$?)$/.exec(value);
  if (!m) return null;
  const ext = m[1]!.toLowerCase();
  if (!value.startsWith('.') && !IMAGE_EXTENSIONS.has(ext)) return null;
  return `*.${ext}${m[2]}`;
}

/** Typographic quotes, and invisible characters `trim()` keeps (zero-width space, word joiner, BOM). */
const HAND_WRITTEN_ENDS = /^[\u201c\u201d\u2018\u2019\u00ab\u00bb\u200b-\u200d\u2060\ufeff\s]+|[\u201c\u201d\u2018\u2019\u00ab\u00bb\u200b-\u200d\u2060\ufeff\s]+$/g;
/** One file type as a hand-written list names it: `*.jpg`, `.jpg`, `jpg`, optionally `$`-anchored. */
const FILE_TYPE_PIECE = /^(?:\*|\*?\.)?[A-Za-z0-9]{1,10}\$?$/;

/**
 * The patterns a hand-written Disallow value names beside the value as written: the value without
 * typographic quotes (`“*.jpg”`, a word processor's) or an invisible character at its ends
 * (`*.jpg` + U+200B, pasted from a web page), and the file types a list joined by commas or
 * semicolons with no blank names (`*.jpg,*.png`; meantPatterns splits at blanks only). As written
 * each matched no image, and the owner's refusal was lost. Decision (DESIGN.md §2 rule 3, the
 * reading that cannot keep what the owner refused): these count beside the value, for Disallow
 * only (they can add a refusal, never lift one). A list is split only when every piece is a file
 * type, so a path holding a comma (`/a,b/`) is not cut into a prefix that refuses more.
 */
function handWrittenReadings(value: string): string[] {
  const bare = value.replace(HAND_WRITTEN_ENDS, '');
  const pieces = bare.split(/[,;]\s*/).filter((p) => p !== '');
  const listed = pieces.length > 1 && pieces.every((p) => FILE_TYPE_PIECE.test(p) && (p.includes('.') || IMAGE_EXTENSIONS.has(p.replace(/\$$/, '').toLowerCase()))) ? pieces : [];
  return bare === '' ? listed : [bare, ...listed];
}

/**
 * The patterns a Disallow value names in another syntax: a MIME type (`image/jpeg` → `*.jpg`,
 * `*.jpeg`…; `image/*` → `*`), a shell glob with braces (`*.{jpg,png}` → `*.jpg`, `*.png`), a list
 * joined by `|` (`*.jpg|*.png`), a regular expression for everything (`.*`, `.+`, `^.*$` → `*`).
 * As written each matched no image (rooted: `/image/jpeg`, `/*.{jpg,png}`), and the owner's refusal
 * was lost. Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused;
 * ai.txt lists file types, SIGNALS.md §5.1): read beside the value, for Disallow only (they can add
 * a refusal, never lift one).
 */
function otherSyntaxReadings(value: string): string[] {
  const v = value.trim();
  // A pattern longer than compileFilePattern matches is none; and it bounds the brace expansion.
  if (v.length > MAX_PATTERN_LENGTH) return [];
  if (v === '.*' || v === '.+' || v === '^.*$' || v === '^.*' || v === '/.*') return ['*'];
  const mime = /^image\/([A-Za-z0-9.+-]{1,40}|\*)$/i.exec(v);
  if (mime) {
    const sub = mime[1]!.toLowerCase();
    if (sub === '*') return ['*'];
    return (EXTENSIONS[`image/${sub === 'jpg' ? 'jpeg' : sub}`] ?? []).map((e) => `*.${e}`);
  }
  const pieces = v.includes('|') ? v.split('|').map((p) => p.trim()).filter((p) => p !== '') : [v];
  const out = pieces.length > 1 ? [...pieces] : [];
  for (const p of pieces) {
    const open = p.indexOf('{');
    const close = p.indexOf('}', open);
    if (open < 0 || close < 0 || p.indexOf('{', open + 1) >= 0 || p.indexOf('}', close + 1) >= 0) continue;
    for (const alt of p.slice(open + 1, close).split(',').slice(0, 64)) out.push(`${p.slice(0, open)}${alt.trim()}${p.slice(close + 1)}`);
  }
  return out;
}

/** A line's field as one reading sees it: a record ai.txt knows, another field, or no field at all. */
type AiTxtField = { field: 'user-agent' | 'allow' | 'disallow' | 'other'; value: string } | null;

/** The field as written: the name before the first colon, trimmed, in any case. */
function fieldAsWritten(line: string): AiTxtField {
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  const name = line.slice(0, colon).trim().toLowerCase();
  const field = name === 'user-agent' || name === 'allow' || name === 'disallow' ? name : 'other';
  return { field, value: line.slice(colon + 1).trim() };
}

/**
 * The field as the robots.txt reader reads it (robots/tokenize.ts readRecordLine): the typos
 * Google's parser accepts (`Dissallow`), a zero-width space, BOM or full-width letters in the
 * name, a blank for the colon (`Disallow *.jpg`). As written such a line was no field, and its
 * rule was ignored: the owner's `Disallow` was lost and the image kept.
 */
function fieldAsRobotsReads(line: string): AiTxtField {
  // User-Agent and Disallow misspelt another way too (`User_agents:`, `Disallowed:`, `Deny:`;
  // tokenize.ts AGENT_TYPO, DISALLOW_TYPO). Decision (DESIGN.md §2 rule 3, the reading that cannot
  // keep what the owner refused): as written such a line was no field, so `Deny: /` refused
  // nothing and a `Disallow` after `User_agents: *` joined the group before it, which allowed.
  // Read in this second reading only, where a refusal counts and nothing is lifted.
  const record = readRecordLine(line, true, true) ?? readRecordLine(otherLineForm(line), true, true);
  if (!record) return fieldAsWritten(line);
  const field = record.key === 'user-agent' || record.key === 'allow' || record.key === 'disallow' ? record.key : 'other';
  return { field, value: record.value };
}

/**
 * A line as it reads without a Markdown list mark before it (`- Disallow: /`, `* User-Agent: *`,
 * `1. Disallow: /`, a file pasted from a README) and with `=` for the colon (`Disallow = /`). As
 * written neither has a field a robots reader knows, so every rule of such a file was ignored.
 * Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): read so in
 * the second reading (fieldAsRobotsReads), where a refusal counts beside the file as written.
 */
function otherLineForm(line: string): string {
  const bare = line.replace(/^\s*(?:[-*+>\u2022]|\d{1,3}[.)])\s+/, '');
  const eq = bare.indexOf('=');
  const colon = bare.indexOf(':');
  return eq >= 0 && (colon < 0 || eq < colon) ? `${bare.slice(0, eq)}:${bare.slice(eq + 1)}` : bare;
}

const sameField = (a: AiTxtField, b: AiTxtField) => a === b || (a !== null && b !== null && a.field === b.field && a.value === b.value);

/**
 * Parse an ai.txt body; `ok: false` when it is not a robots-style file at all. Decision (DESIGN.md
 * §2 rule 3, both readings count and the stricter wins): when the robots.txt reader reads a line
 * as another field than it is as written (fieldAsRobotsReads), the file read that way is
 * `asRobotsReads`, and a refusal in either reading refuses (evaluateAiTxt). A NUL byte does not
 * make the file junk: it made a file whose `Disallow: /` was readable "not an ai.txt", and the
 * image was kept; binary junk has no record, so it is still not an ai.txt.
 */
export function parseAiTxt(body: string): ParseResult<AiTxt> {
  return neverThrow<ParseResult<AiTxt>>(
    () => {
      if (typeof body !== 'string') return { ok: false, error: 'not text' };
      // Cut at the first `#` by index: the pattern /#.*$/ backtracks from every `#` of a line
      // that a U+2028 (which `.` does not match) ends, quadratic in the line's length.
      const lines = body.slice(0, MAX_AI_TXT_BYTES).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((raw) => {
        const hash = raw.indexOf('#');
        return hash < 0 ? raw : raw.slice(0, hash);
      });
      const truncated = body.length > MAX_AI_TXT_BYTES;
      const writtenFields = lines.map(fieldAsWritten);
      const asWritten = readAiTxt(writtenFields, truncated);
      const robotsFields = lines.map(fieldAsRobotsReads);
      const differs = robotsFields.some((f, i) => f?.field !== 'other' && !sameField(f, writtenFields[i]!));
      const asRobotsReads = differs ? readAiTxt(robotsFields, truncated) : null;
      if (!asWritten && !asRobotsReads) return { ok: false, error: 'no User-Agent, Allow or Disallow line' };
      const value = asWritten ?? { groups: [], truncated };
      return { ok: true, value: asRobotsReads ? { ...value, asRobotsReads } : value };
    },
    (message) => ({ ok: false, error: message }),
  );
}

/** The groups one reading of the lines gives (`fields`: each line's field in that reading), or null when it has no record. */
function readAiTxt(fields: readonly AiTxtField[], truncated: boolean): AiTxt | null {
  const groups: AiTxtGroup[] = [];
  let current: AiTxtGroup | null = null;
  let named = new Set<string>(); // current.agents, for a linear-time "already named?"
  const written = new Set<AiTxtGroup>(); // groups with a User-Agent line that is not empty
  let tooManyRules = false;
  let lastWasAgent = false;
  let records = 0;
  let rules = 0;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (!f) continue;
    const { field, value } = f;
    if (field === 'user-agent') {
      records++;
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        named = new Set();
        groups.push(current);
      }
      if (value.replace(/["'\s]/g, '') !== '') written.add(current);
      // `User-Agent: ChatGPT-User, GPTBot` and `"GPTBot"`: every agent a hand-written line
      // names counts (ai.txt is an opt-out file: reading fewer names could only miss one).
      for (const piece of value.replace(/["']/g, '').split(',')) {
        // A `*` written another way (`(*)`, `＊`) is `*` (robots/parse.ts meansEveryCrawler).
        const token = (/^(?:\*|[A-Za-z0-9_-]+)/.exec(piece.trim())?.[0] ?? (meansEveryCrawler(piece) ? '*' : '')).toLowerCase();
        // `Spawning/AI/all`, `all AI`, `Everyone`: every agent, in words (namesEveryAgent), besides
        // the token its first word is.
        for (const t of namesEveryAgent(piece) ? [token, '*'] : [token]) {
          if (t !== '' && !named.has(t)) {
            named.add(t);
            current.agents.push(t);
          }
        }
      }
      lastWasAgent = true;
    } else if (field === 'allow' || field === 'disallow') {
      records++;
      lastWasAgent = false;
      if (value === '') continue; // an empty rule matches nothing
      if (rules >= MAX_AI_TXT_RULES) {
        tooManyRules = true;
        continue;
      }
      if (!current) {
        current = { agents: ['*'], rules: [] };
        named = new Set(['*']);
        groups.push(current);
      }
      current.rules.push({ allow: field === 'allow', pattern: value, line: i + 1 });
      rules++;
      // A Disallow is also read as the file types and paths it names (fileTypeReading,
      // robots/pattern.ts meantPatterns): each can add a refusal, never lift one.
      if (field === 'disallow') {
        const meant = [value, ...meantPatterns(value), ...handWrittenReadings(value), ...otherSyntaxReadings(value)].flatMap((p) => [p, fileTypeReading(p)]);
        for (const p of new Set(meant)) {
          if (p === null || p === value || rules >= MAX_AI_TXT_RULES) continue;
          current.rules.push({ allow: false, pattern: p, line: i + 1 });
          rules++;
        }
      }
    } else {
      lastWasAgent = false;
    }
  }
  if (records === 0) return null;
  // `User-Agent:` left empty (every User-Agent line of the group): the group bound nobody, and its
  // `Disallow: /` was lost. Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the
  // owner refused; as rules before any User-Agent are read, ai.txt being an opt-out file): its
  // Disallows bind every agent (`*`). Its Allows are dropped: read for `*`, they could lift a
  // `*` group's Disallow (Allow wins a tie), which the file as written never did.
  for (const g of groups) {
    if (g.agents.length > 0 || written.has(g)) continue;
    g.agents.push('*');
    g.rules = g.rules.filter((r) => !r.allow);
  }
  return { groups, truncated, ...(tooManyRules ? { tooManyRules: true as const } : {}) };
}

/** The file as written and, when it reads otherwise, as the robots.txt reader reads it (parseAiTxt): a refusal in either counts. */
const readingsOf = (file: AiTxt): AiTxt[] => (file.asRobotsReads ? [file, file.asRobotsReads] : [file]);

/** parseAiTxt, remembered by text: every image of a collect reads the same file. */
const parsedAiTxt = rememberingParser(parseAiTxt);

/** rulesFor's answers per parsed file (parsedAiTxt remembers the file by text) and lower-cased token. */
const rulesByFile = new WeakMap<AiTxt, Map<string, { agent: string; rules: AiTxtRule[] }>>();

/**
 * The rules that apply to `token`: groups naming it (merged), else the `*` groups (RFC 9309 §2.2.1).
 * Gathered once per file and token (every image of a collect asks for each of the purpose's
 * tokens); the answer is shared, so callers must not change it.
 */
export function rulesFor(file: AiTxt, token: string): { agent: string; rules: AiTxtRule[] } {
  const t = token.toLowerCase();
  let known = rulesByFile.get(file);
  if (!known) rulesByFile.set(file, (known = new Map()));
  const cached = known.get(t);
  if (cached) return cached;
  const named = file.groups.filter((g) => g.agents.includes(t));
  const chosen = named.length > 0 ? named : file.groups.filter((g) => g.agents.includes('*'));
  const answer = { agent: named.length > 0 ? t : '*', rules: chosen.flatMap((g) => g.rules) };
  known.set(t, answer);
  return answer;
}

/** Each rule list with every Disallow of a file type also read in the type's other spellings (sameTypeSpellings), once per list. */
const spelledRules = new WeakMap<readonly AiTxtRule[], AiTxtRule[]>();
function withSpellings(written: readonly AiTxtRule[]): AiTxtRule[] {
  let rules = spelledRules.get(written);
  if (!rules) {
    rules = written.flatMap((r) => (r.allow ? [r] : [r, ...sameTypeSpellings(r.pattern).map((pattern) => ({ ...r, pattern }))]));
    spelledRules.set(written, rules);
  }
  return rules;
}

/** An Allow of one file type as Spawning's generator writes it: `*.png`. */
const FILE_TYPE_GLOB = /^\*\.([A-Za-z0-9]{1,10})$/;

/**
 * Whether an Allow of file type `ext` (`Allow: *.png`) matches the normalised target: its path's
 * last segment (before `?`, path parameters cut) ends with `.ext`. As a robots.txt pattern
 * `*.png` matches `.png` anywhere, so `/a.png.jpg` and `/p.png/a.jpg` met it and a JPEG the owner
 * refused (`Disallow: /`, or `Disallow: *.jpg`, which `*.png` ties and an Allow wins) was kept.
 * Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused; ai.txt lists
 * file types, SIGNALS.md §5.1): the Allow names that file type only. Allow only (a Disallow keeps
 * the wider match); the image's other readings (typedTargets: the served type) still meet it.
 */
function fileTypeAllows(ext: string, target: string): boolean {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const segment = path.slice(path.lastIndexOf('/') + 1);
  const semi = segment.indexOf(';');
  // The extensions after the stem, last first. A typed reading appends the served type's
  // spellings (`/a.jpg` → `/a.jpg.jpeg`): extensions of the Allow's own type at the end are
  // passed over, so `/a.jpg.jpeg` still meets `Allow: *.jpg`, while `/a.png.jpg` does not meet
  // `Allow: *.png` (`jpg` is another type) and `/a.jpeg` does not meet `Allow: *.jpg` (as before).
  const exts = (semi < 0 ? segment : segment.slice(0, semi)).split('.').slice(1).reverse();
  const family = Object.values(EXTENSIONS).find((e) => e.includes(ext.toLowerCase())) ?? [ext.toLowerCase()];
  for (const e of exts) {
    if (e === ext) return true;
    if (!family.includes(e.toLowerCase())) return false;
  }
  return false;
}

/** The deciding rule for `target` (longest pattern; Allow wins ties), or null if none matches. */
export function decidingRule(rules: readonly AiTxtRule[], target: string, foldCase = false): AiTxtRule | null {
  const t = normaliseTarget(foldCase ? target.toLowerCase() : target);
  if (t === null) return null; // too long to match any rule
  let best: AiTxtRule | null = null;
  let bestLen = -1;
  for (const r of rules) {
    const pattern = foldCase ? r.pattern.toLowerCase() : r.pattern;
    const c = compileFilePattern(pattern);
    if (!c || c.priority < bestLen) continue;
    const type = r.allow ? FILE_TYPE_GLOB.exec(pattern)?.[1] : undefined;
    if (!(type !== undefined ? fileTypeAllows(type, t) : matchPattern(c, t))) continue;
    if (c.priority > bestLen || (r.allow && !best!.allow)) {
      best = r;
      bestLen = c.priority;
    }
  }
  return best;
}

/**
 * The deciding rule for the path as written, in its other readings (slashReadings: repeated
 * slashes merged, `%2F` decoded, path parameters dropped), and with case folded: the stricter
 * answer wins (DESIGN.md §2 rule 2's reading, for this robots.txt look-alike), so
 * `//private/a.jpg` and `/public/..;/private/a.jpg` meet `Disallow: /private/`. Escapes are already decoded
 * (`rfc` reading). Case: Spawning's rules are file-type globs (`Disallow: *.jpg`), and a
 * file type has no case — `IMG_0001.JPG` is a JPEG the owner listed — so the folded reading
 * counts too (fail closed; it can only add a Disallow, never lift one).
 */
function strictestRule(rules: readonly AiTxtRule[], target: string): AiTxtRule | null {
  const first = decidingRule(rules, target);
  if (first && !first.allow) return first;
  const others = slashReadings(target);
  const readings: [string, boolean][] = [...others.map((t): [string, boolean] => [t, false]), [target, true], ...others.map((t): [string, boolean] => [t, true])];
  for (const [t, fold] of readings) {
    const other = decidingRule(rules, t, fold);
    if (other && !other.allow) return other;
  }
  return first;
}

/** File extensions of the image types Heed sniffs, for ai.txt's file-type rules. */
const EXTENSIONS: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/svg+xml': ['svg'],
  'image/bmp': ['bmp'],
  'image/tiff': ['tif', 'tiff'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  // Sniffed by Heed (media sniffing, hf-layout.ts): without it `Disallow: *.ico` refused no icon
  // served at a path that does not end in `.ico` (`/favicon?v=2`).
  'image/x-icon': ['ico', 'cur'],
};

/**
 * The other spellings of the image type a file-type glob names: `*.jpg` → `*.jpeg`, `*.jpe`,
 * `*.jfif`; `*.tif$` → `*.tiff$`. Before the image's bytes are read (pre-fetch.ts, a rendition or
 * shown file assess.ts reads without its type) only the URL speaks, and `Disallow: *.jpg` kept
 * `/a.jpeg`: the same JPEG the owner refused. Decision (DESIGN.md §2 rule 3, the reading that
 * cannot keep what the owner refused; ai.txt names file types, SIGNALS.md §5.1): a Disallow of one
 * spelling refuses the others (Disallow only; an Allow of a spelling still wins its tie).
 */
function sameTypeSpellings(pattern: string): string[] {
  const m = /^\*\.([A-Za-z0-9]{1,10})(\$?)$/.exec(pattern);
  if (!m) return [];
  const ext = m[1]!.toLowerCase();
  const same = Object.values(EXTENSIONS).find((exts) => exts.includes(ext)) ?? [];
  return same.filter((e) => e !== ext).map((e) => `*.${e}${m[2]}`);
}

/** Every extension of EXTENSIONS: a bare one in a Disallow names that file type (fileTypeReading). */
const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(Object.values(EXTENSIONS).flat());

/**
 * The target as written, and — when the image's type is known — as if its URL ended in each of
 * that type's extensions. Decision (SIGNALS.md §5.1: ai.txt lists *file types*; DESIGN.md §2:
 * the reading that keeps nothing refused): `Disallow: *.jpg` refuses a JPEG served at
 * `/image/123?w=800` too; the usual precedence still applies to each reading. A query does not
 * change the file type either, so each is also read without its query: `Disallow: *.jpg$`
 * refuses `/p/a.jpg?w=800` as it refuses `/p/a.jpg` (evaluate keeps any Disallow among them).
 */
function typedTargets(target: string, mime: string | undefined): string[] {
  const exts = mime ? (EXTENSIONS[mime.toLowerCase()] ?? []) : [];
  const q = target.indexOf('?');
  const [path, query] = q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q)];
  // The path with its last segment's extension replaced by the served type's: a JPEG served at
  // `/a.txt` is `/a.jpg`. Appended (`/a.txt.jpg`) the path still met `Allow: *.txt`, which ties
  // `Disallow: *.jpg` and wins the tie, and is longer than `Disallow: /`: a JPEG the owner
  // refused (only text files allowed) was kept. Decision (DESIGN.md §2 rule 3, the reading that
  // cannot keep what the owner refused; ai.txt names file types, SIGNALS.md §5.1): the file type
  // is the one served, so this reading counts beside the others (any Disallow among them refuses).
  // Only where the path names another type: `/a.jpg` is already a JPEG's path (replaced, its
  // `.jpeg` spelling would miss the owner's `Allow: *.jpg` and refuse what they permitted).
  const stem = path.replace(/\.[^./]*$/, '');
  const named = path.slice(stem.length + 1).toLowerCase();
  const replaced = stem === path || exts.includes(named) ? [] : exts.map((e) => `${stem}.${e}`);
  const typed = exts.map((e) => `${path}.${e}${query}`);
  if (q < 0) return [target, ...typed, ...replaced];
  return [target, ...typed, path, ...exts.map((e) => `${path}.${e}`), ...replaced, ...replaced.map((r) => `${r}${query}`)];
}

/**
 * Evaluate the site's ai.txt for one image: deny `ai-txt-disallow` when its path is disallowed.
 * `mime`: the image's sniffed type, when its bytes were read. A file that could not be evaluated
 * may hold a Disallow for the image: `signal-unreadable` (DESIGN.md §2 rule 5), never nothing.
 */
export function evaluateAiTxt(fetched: FetchedFile, imageUrl: string, profile: PurposeProfile, mime?: string): Evidence[] {
  return neverThrow(
    () => evaluate(fetched, imageUrl, profile, mime),
    (message) => [{ kind: 'ai-txt', scope: 'site', source: String(fetched?.url ?? ''), value: 'unreadable', effect: 'deny', reason: 'signal-unreadable', note: `ai.txt could not be evaluated (${clip(message, 200)}); Heed fails closed.` }],
  );
}

function evaluate(fetched: FetchedFile, imageUrl: string, profile: PurposeProfile, mime?: string): Evidence[] {
  // Not a file as Heed fetches them (a bug, or a damaged record): what it said is unknown, so it
  // fails closed (DESIGN.md §2 rule 5), never reads as no ai.txt.
  if (!isFetchedFile(fetched)) return [{ kind: 'ai-txt', scope: 'site', source: '', value: 'unreadable', effect: 'deny', reason: 'signal-unreadable', note: 'ai.txt was not read in a form Heed knows; Heed fails closed.' }];
  const base = { kind: 'ai-txt', scope: 'site', source: fetched.url } as const;
  if (fetched.outcome === 'absent') {
    return [{ ...base, value: 'absent', effect: 'info', note: 'No /ai.txt on this site: no restriction from it.' }];
  }
  if (fetched.outcome === 'error') {
    return [{ ...base, value: `unavailable: ${clip(fetched.detail, 200)}`, effect: 'deny', reason: 'signal-unreadable', note: 'ai.txt could not be read; Heed fails closed (DESIGN.md §2 rules 3 and 5).' }];
  }
  const parsed = parsedAiTxt(fetched.body);
  if (!parsed.ok) {
    return [{ ...base, value: `not a Spawning ai.txt: ${parsed.error}`, effect: 'info', note: 'The file at /ai.txt is not the robots-style Spawning format; it carries no opt-out.' }];
  }
  const readings = readingsOf(parsed.value);
  if (readings.some((r) => r.tooManyRules)) {
    return [{ ...base, value: `unreadable: more than ${MAX_AI_TXT_RULES} Allow / Disallow rules`, effect: 'deny', reason: 'signal-unreadable', note: "The site's ai.txt has more rules than Heed reads; one it did not read may disallow this image, so Heed fails closed." }];
  }
  const target = pathAndQuery(imageUrl);
  if (target === null) return [{ ...base, value: 'image URL unreadable', effect: 'info', note: 'The image URL could not be parsed.' }];
  // Both readings of the file (parseAiTxt): a refusal in either refuses; otherwise the file as written speaks.
  const answers = readings.map((file) => evaluateReading(file, base, target, profile, mime));
  return answers.find((a) => a.some((e) => e.effect === 'deny')) ?? answers[0]!;
}

/** What one reading of the file says of the image's path + query `target`. */
function evaluateReading(file: AiTxt, base: { kind: 'ai-txt'; scope: 'site'; source: string }, target: string, profile: PurposeProfile, mime?: string): Evidence[] {
  const tokens = profile.robotsTokens.length > 0 ? profile.robotsTokens : ['*'];
  const denies = new Map<string, Evidence>();
  let allowedBy: Evidence | null = null;
  const decided = new Map<string, AiTxtRule | null>(); // most tokens fall back to the same `*` rules
  for (const token of tokens) {
    const { agent, rules: written } = rulesFor(file, token);
    if (!decided.has(agent)) {
      // Each Disallow of a file type also refuses the type's other spellings (sameTypeSpellings).
      const rules = withSpellings(written);
      const readings = typedTargets(target, mime).map((t) => strictestRule(rules, t));
      decided.set(agent, readings.find((r) => r !== null && !r.allow) ?? readings[0] ?? null);
    }
    const rule = decided.get(agent)!;
    if (!rule) continue;
    const value = `User-Agent: ${agent} → ${rule.allow ? 'Allow' : 'Disallow'}: ${clip(rule.pattern, 300)} (line ${rule.line})`;
    if (!rule.allow && !denies.has(value)) {
      denies.set(value, { ...base, value, effect: 'deny', reason: 'ai-txt-disallow', note: `The site's ai.txt disallows this image for AI datasets${agent === '*' ? '' : ` (for ${agent})`}.` });
    } else if (rule.allow && !allowedBy) {
      allowedBy = { ...base, value, effect: 'allow', note: 'The site\'s ai.txt explicitly allows this image for AI datasets.' };
    }
  }
  if (denies.size > 0) return [...denies.values()];
  if (allowedBy) return [allowedBy];
  const tail = file.truncated ? ' (only the first 512 KiB were read)' : '';
  return [{ ...base, value: 'no rule matches this image', effect: 'info', note: `The site's ai.txt has no rule for this image${tail}.` }];
}

/**
 * What the site's ai.txt says of its images as a whole, for the site status (DESIGN.md §2 "Site
 * status": opt-outs that cover some paths or some images make a site `restricted`): `info`
 * evidence naming `ai-txt-disallow` for each Disallow that binds the purpose (ai.txt is an
 * opt-out file: a `*` group's Disallow is an opt-out, unlike robots.txt housekeeping), or
 * `signal-unreadable` when the file could not be read — every image of the site is then refused.
 * The images themselves are decided by evaluateAiTxt. Without this the site read `permitted`
 * while its ai.txt refused every image. Never throws.
 */
export function aiTxtRestrictions(fetched: FetchedFile, profile: PurposeProfile): Evidence[] {
  return neverThrow(() => {
    if (!isFetchedFile(fetched) || fetched.outcome === 'absent') return [];
    const base = { kind: 'ai-txt', scope: 'site', source: fetched.url, effect: 'info' } as const;
    if (fetched.outcome === 'error') {
      return [{ ...base, value: `unavailable: ${clip(fetched.detail, 200)}`, reason: 'signal-unreadable', note: "The site's ai.txt could not be read; its images will be refused (Heed fails closed)." }];
    }
    const parsed = parsedAiTxt(fetched.body);
    if (!parsed.ok) return [];
    const readings = readingsOf(parsed.value);
    if (readings.some((r) => r.tooManyRules)) {
      return [{ ...base, value: `unreadable: more than ${MAX_AI_TXT_RULES} Allow / Disallow rules`, reason: 'signal-unreadable', note: "The site's ai.txt has more rules than Heed reads; its images will be refused (Heed fails closed)." }];
    }
    const out = new Map<string, Evidence>();
    // Every Disallow of either reading of the file (parseAiTxt): each may refuse an image.
    for (const [file, token] of readings.flatMap((r) => (profile.robotsTokens.length > 0 ? profile.robotsTokens : ['*']).map((t) => [r, t] as const))) {
      const { agent, rules } = rulesFor(file, token);
      for (const rule of rules) {
        if (rule.allow) continue;
        const value = `User-Agent: ${agent} → Disallow: ${clip(rule.pattern, 300)} (line ${rule.line})`;
        if (!out.has(value)) out.set(value, { ...base, value, reason: 'ai-txt-disallow', note: `The site's ai.txt disallows some files for AI datasets${agent === '*' ? '' : ` (for ${agent})`}; images there will be refused.` });
        if (out.size >= 20) return [...out.values()];
      }
    }
    return [...out.values()];
  }, () => []);
}
