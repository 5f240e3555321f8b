import type { Evidence, Scope } from '../model/evidence';
import type { PurposeProfile } from '../model/purposes';
import { namedByUrl, scopeOf, type DocumentKind } from './document-kind';
import { stripQuotes } from './fetched-file';
import { foldLookalikes } from './lookalikes';

/**
 * IETF aipref Content-Usage (SIGNALS.md §2): an RFC 9651 Structured Fields Dictionary whose
 * keys are vocabulary labels and whose values are the Tokens `y` / `n` (vocab-07 §6-7).
 *
 * Deviations, on purpose (DESIGN.md §2 rule 5 "a signal that is present but cannot be parsed
 * fails closed", and the fail-closed reading where a rule can be read two ways):
 * - vocab §7 reads a whole-dictionary parse failure (`TRAIN-AI=N`, `train-ai = n`) as "all
 *   unknown"; the evaluators here refuse it as `signal-unreadable`.
 * - vocab §7 reads a label whose value is not the Token `y` or `n` (`train-ai="n"`, a bare
 *   `train-ai`, `train-ai=yes`) as unknown; it is kept as `other`, and the evaluators refuse
 *   it as `signal-unreadable` when it is the purpose's label.
 * - RFC 9651 §4.2.2 keeps the last of duplicate keys; conflicting duplicates here combine most
 *   restrictively (n, then other, then y), as separate statements do (vocab §7.1): `fetch`
 *   joins header lines with ", ", so a duplicate may have been another line (rule 3).
 * - Labels of earlier vocab drafts (SIGNALS.md §2.1 table: `train-genai`, `bots`, `tdm`, …) are
 *   unknown to vocab-07, but a site that wrote `train-genai=n` or `bots=n` by an earlier draft
 *   refused the use they named: their `n` refuses the purposes it covered (`usageForPurpose`);
 *   their `y` grants nothing (the reading that cannot keep a refusal). So does Cloudflare's name
 *   for AI training written in this syntax (`ai-train=n`).
 */
export type UsageValue = 'y' | 'n';
/** What a statement gives a label: `y`, `n`, or `other` (a value that is neither Token). */
export type StatedUsage = UsageValue | 'other';
/** Label → stated preference. A label that is absent is "unknown". */
export type ContentUsagePrefs = Record<string, StatedUsage>;
export type ContentUsageResult = { ok: true; prefs: ContentUsagePrefs } | { ok: false; error: string };

type Bare = { token: string | null };
const NOT_A_TOKEN: Bare = { token: null };
type Cursor = { s: string; i: number };
class SfError extends Error {}

const fail = (c: Cursor, what: string): never => {
  throw new SfError(`${what} at offset ${c.i}`);
};
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isLcAlpha = (ch: string | undefined) => ch !== undefined && ch >= 'a' && ch <= 'z';
const isAlpha = (ch: string | undefined) => isLcAlpha(ch) || (ch !== undefined && ch >= 'A' && ch <= 'Z');
const TCHAR_EXTRA = "!#$%&'*+-.^_`|~:/"; // RFC 9110 tchar, plus ":" and "/" (RFC 9651 §3.3.4)
const isTokenChar = (ch: string | undefined) => isAlpha(ch) || isDigit(ch) || (ch !== undefined && TCHAR_EXTRA.includes(ch));
const isKeyChar = (ch: string | undefined) => isLcAlpha(ch) || isDigit(ch) || (ch !== undefined && '_-.*'.includes(ch));
const BASE64 = /^[A-Za-z0-9+/=]*$/;

function skipSp(c: Cursor): void {
  while (c.s[c.i] === ' ') c.i++;
}

// RFC 9651 §4.2.3.3: lcalpha or "*", then lcalpha / DIGIT / "_" / "-" / "." / "*". An
// uppercase key is a parse failure, which aipref turns into "all unknown" (vocab §7) and
// Heed into signal-unreadable (see above).
function parseKey(c: Cursor): string {
  const start = c.i;
  if (!isLcAlpha(c.s[c.i]) && c.s[c.i] !== '*') fail(c, 'bad key');
  while (isKeyChar(c.s[c.i])) c.i++;
  return c.s.slice(start, c.i);
}

// RFC 9651 §4.2.4 (integer/decimal) and §4.2.9 (date, which is "@" + integer).
function parseNumber(c: Cursor, integerOnly: boolean): void {
  if (c.s[c.i] === '-') c.i++;
  if (!isDigit(c.s[c.i])) fail(c, 'bad number');
  const start = c.i;
  let dot = -1;
  while (isDigit(c.s[c.i]) || (c.s[c.i] === '.' && dot < 0 && !integerOnly)) {
    if (c.s[c.i] === '.') {
      if (c.i - start > 12) fail(c, 'decimal too long');
      dot = c.i;
    }
    c.i++;
  }
  const len = c.i - start;
  if (dot < 0 && len > 15) fail(c, 'integer too long');
  if (dot >= 0 && (c.i - dot - 1 < 1 || c.i - dot - 1 > 3)) fail(c, 'bad decimal');
}

// RFC 9651 §4.2.5 string and §4.2.10 display string (%"..." with lowercase %xx of UTF-8).
function parseString(c: Cursor, display: boolean): void {
  c.i++; // opening quote
  const bytes: number[] = [];
  for (;;) {
    const ch = c.s[c.i++];
    if (ch === undefined) fail(c, 'unterminated string');
    const code = ch!.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) fail(c, 'bad string char');
    if (ch === '"') break;
    if (!display && ch === '\\') {
      const next = c.s[c.i++];
      if (next !== '"' && next !== '\\') fail(c, 'bad escape');
    } else if (display && ch === '%') {
      const hex = c.s.slice(c.i, c.i + 2);
      if (!/^[0-9a-f]{2}$/.test(hex)) fail(c, 'bad display-string escape');
      bytes.push(parseInt(hex, 16));
      c.i += 2;
    } else if (display) bytes.push(code);
  }
  if (display) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    } catch {
      fail(c, 'display string is not UTF-8');
    }
  }
}

// RFC 9651 §4.2.3.1: only a Token is kept; every other bare item is syntax-checked and dropped.
function parseBareItem(c: Cursor): Bare {
  const ch = c.s[c.i];
  if (ch === '-' || isDigit(ch)) parseNumber(c, false);
  else if (ch === '"') parseString(c, false);
  else if (ch === '%' && c.s[c.i + 1] === '"') {
    c.i++;
    parseString(c, true);
  } else if (ch === '@') {
    c.i++;
    parseNumber(c, true);
  } else if (ch === '?') {
    if (c.s[c.i + 1] !== '0' && c.s[c.i + 1] !== '1') fail(c, 'bad boolean');
    c.i += 2;
  } else if (ch === ':') {
    const end = c.s.indexOf(':', c.i + 1);
    if (end < 0 || !BASE64.test(c.s.slice(c.i + 1, end))) fail(c, 'bad byte sequence');
    c.i = end + 1;
  } else if (isAlpha(ch) || ch === '*') {
    const start = c.i++;
    while (isTokenChar(c.s[c.i])) c.i++;
    return { token: c.s.slice(start, c.i) };
  } else fail(c, 'bad item');
  return NOT_A_TOKEN;
}

// RFC 9651 §4.2.3.2: parameters are parsed (to validate) and then ignored (vocab §7).
function parseParameters(c: Cursor): void {
  while (c.s[c.i] === ';') {
    c.i++;
    skipSp(c);
    parseKey(c);
    if (c.s[c.i] === '=') {
      c.i++;
      parseBareItem(c);
    }
  }
}

// RFC 9651 §4.2.1.2 inner list: an inner list is never a y/n Token, so it reads as unknown.
function parseMemberValue(c: Cursor): Bare {
  if (c.s[c.i] !== '(') {
    const item = parseBareItem(c);
    parseParameters(c);
    return item;
  }
  c.i++;
  for (;;) {
    skipSp(c);
    if (c.s[c.i] === ')') break;
    parseBareItem(c);
    parseParameters(c);
    if (c.s[c.i] !== ' ' && c.s[c.i] !== ')') fail(c, 'bad inner list');
  }
  c.i++;
  parseParameters(c);
  return NOT_A_TOKEN;
}

/** Parse a Content-Usage value (RFC 9651 Dictionary) into the labels stated `y` or `n`. */
export function parseContentUsage(value: string): ContentUsageResult {
  // HTTP strips OWS around a field value; RFC 9651 §4.2 then discards leading SP. Trimmed
  // by hand: the regex /[ \t]+$/ is quadratic on a long run of inner blanks.
  let from = 0;
  let to = value.length;
  while (from < to && (value[from] === ' ' || value[from] === '\t')) from++;
  while (to > from && (value[to - 1] === ' ' || value[to - 1] === '\t')) to--;
  const c: Cursor = { s: value.slice(from, to), i: 0 };
  const prefs: ContentUsagePrefs = Object.create(null) as ContentUsagePrefs;
  try {
    while (c.i < c.s.length) {
      const key = parseKey(c);
      let item = NOT_A_TOKEN; // a bare key is Boolean true: not y/n, so unknown
      if (c.s[c.i] === '=') {
        c.i++;
        item = parseMemberValue(c);
      } else parseParameters(c);
      // Duplicate keys: the most restrictive statement wins, not the last (see above).
      const said: StatedUsage = item.token === 'y' || item.token === 'n' ? item.token : 'other';
      prefs[key] = stricter(prefs[key], said);
      while (c.s[c.i] === ' ' || c.s[c.i] === '\t') c.i++;
      if (c.i >= c.s.length) break;
      if (c.s[c.i] !== ',') fail(c, 'expected ","');
      c.i++;
      while (c.s[c.i] === ' ' || c.s[c.i] === '\t') c.i++;
      if (c.i >= c.s.length) fail(c, 'trailing ","');
    }
  } catch (e) {
    return { ok: false, error: e instanceof SfError ? e.message : 'unparseable' };
  }
  return { ok: true, prefs };
}

const RANK: Record<StatedUsage, number> = { y: 0, other: 1, n: 2 };
function stricter(a: StatedUsage | undefined, b: StatedUsage): StatedUsage {
  return a !== undefined && RANK[a] >= RANK[b] ? a : b;
}

/** Combine statements (vocab §7.1): per label any `n` wins, else any `other` (fails closed), else any `y`, else unknown. */
export function combineContentUsage(statements: readonly ContentUsagePrefs[]): ContentUsagePrefs {
  const out: ContentUsagePrefs = Object.create(null) as ContentUsagePrefs;
  for (const prefs of statements) {
    for (const label of Object.keys(prefs)) out[label] = stricter(out[label], prefs[label]!);
  }
  return out;
}

/** The stated preference for one label: `y`, `n`, `other` or `unknown`. */
export function usageFor(prefs: ContentUsagePrefs, label: string): StatedUsage | 'unknown' {
  return Object.prototype.hasOwnProperty.call(prefs, label) ? prefs[label]! : 'unknown';
}

/** What statements say for a purpose: the value, and the label that decides it (null: none spoke). */
export interface PurposeUsage {
  said: StatedUsage | 'unknown';
  label: string | null;
  /** The deciding label is one of an earlier vocabulary draft's (its `n` only). */
  earlier: boolean;
}

/**
 * The preference for a purpose: its category's label, unless a label of an earlier draft refuses
 * it (`profile.contentUsageEarlierLabels`). Decision (DESIGN.md §2 rule 3: a label can be read as
 * unknown, per vocab-07, or as the refusal its draft defined — the refusal is kept): a narrower
 * label's `n` (`train-genai=n`: generative training, a use an AI-training collection may serve)
 * refuses even beside `train-ai=y`; a broader one's (`bots=n`) refuses unless the purpose's own
 * label says `y`, as those drafts let the more specific label decide. An `n` also wins over an
 * unreadable value of the category: it is a plain refusal.
 */
export function usageForPurpose(prefs: ContentUsagePrefs, profile: PurposeProfile): PurposeUsage {
  const category = profile.contentUsageCategory;
  const own = category ? usageFor(prefs, category) : 'unknown';
  if (own === 'n') return { said: 'n', label: category, earlier: false };
  const { narrower, broader } = profile.contentUsageEarlierLabels;
  const refusing = [...narrower, ...(own === 'y' ? [] : broader)].find((l) => usageFor(prefs, l) === 'n');
  if (refusing !== undefined) return { said: 'n', label: refusing, earlier: true };
  // Decision (DESIGN.md §2 rules 3 and 5): an earlier label that would refuse with `n` but says
  // something else than the token y or n (`train-genai="n"`, `bots=no`) may be that refusal written
  // off; it fails closed as the category's own label so written does, where its `n` would refuse.
  const unreadable = own === 'other' ? undefined : [...narrower, ...(own === 'y' ? [] : broader)].find((l) => usageFor(prefs, l) === 'other');
  if (unreadable !== undefined) return { said: 'other', label: unreadable, earlier: true };
  return { said: own, label: own === 'unknown' ? null : category, earlier: false };
}

/** `train-genai=n (a label of earlier …)`: how a note names the label that refused. */
export function refusingLabel(usage: PurposeUsage): string {
  return `${usage.label}=n${usage.earlier ? ' (a label of earlier aipref drafts or another vocabulary, covering this purpose)' : ''}`;
}

/** Cloudflare Content Signals: key → yes/no (contentsignals.org); `other` for a key given a
 * value that is neither, which fails closed (DESIGN.md §2 rule 5). */
export type ContentSignals = Record<string, 'yes' | 'no' | 'other'>;


const SIGNAL_STRENGTH = { no: 3, other: 2, yes: 1 } as const;

/** Quotes and brackets opening or closing a Content-Signal pair written inside them (parseContentSignals). */
const OPENERS = `"'\u2018\u2019\u201c\u201d([{`;
const CLOSERS = `"'\u2018\u2019\u201c\u201d)]}`;
/** `s` without the `opening` characters it starts with and the `closing` ones it ends with (a loop: a regex `[…]+$` is quadratic). */
function trimEnclosing(s: string, opening: string, closing: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && opening.includes(s[i]!)) i++;
  while (j > i && closing.includes(s[j - 1]!)) j--;
  return s.slice(i, j);
}

/** Dashes that show as `-`: a soft hyphen, U+2010–U+2015, the minus sign, small and full-width hyphen-minus. */
const DASHES = /[\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

// `search=yes, ai-train=no`: keys and values read case-insensitively. Real files also separate
// pairs with spaces or semicolons and quote values; each pair is read wherever it stands. A key
// given anything but yes/no (`ai-train=n`, the IETF spelling) is `other`: present but
// unreadable, it fails closed (DESIGN.md §2 rule 5) rather than stating nothing. A key said
// twice keeps its most restrictive value (aipref vocab §7.1's rule for combining). Null when
// no pair could be read at all.
// Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): the text is
// read as its reader sees it (lookalikes.ts: `ＡＩ-ＴＲＡＩＮ`, a zero-width space before the key),
// a dash that shows as `-` is `-` (`ai‐train=no`, `ai<soft hyphen>train=no`), `:` is read as `=`
// (`ai-train: no`, the robots.txt habit), and a key named with no value (`search=yes, ai-train`)
// is `other`. Each of those was no pair at all, read as "no preference".
export function parseContentSignals(text: string): ContentSignals | null {
  const out: ContentSignals = Object.create(null) as ContentSignals;
  let any = false;
  const seen = (/[^\x00-\x7f]/.test(text) ? foldLookalikes(text.replace(DASHES, '-')) : text).replace(/:/g, '=');
  // Blanks around `=` dropped piece by piece (a /\s*=\s*/ regex is quadratic on long blank runs).
  const tight = seen.split('=').map((p) => p.trim()).join('=');
  let lastKey: string | null = null;
  for (const part of tight.split(/[\s,;]+/)) {
    const eq = part.indexOf('=');
    // `ai_train` is `ai-train` (the reading that keeps a refusal). Decision (DESIGN.md §2 rule 3, as
    // X-Robots-Tag reads `"noai, noimageai"`): quotes or brackets around a pair (`"ai-train=no"`,
    // `“ai-train=no”`, `(ai-train=no)`, a server configuration's slip) are not part of its key or
    // value; read as part of the key, the pair was no pair and the image was kept.
    const keyWritten = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const word = trimEnclosing(keyWritten, OPENERS, CLOSERS).replace(/_/g, '-');
    // Decision (DESIGN.md §2 rule 3): a bare yes or no after a pair (`ai-train=yes no`,
    // `ai-train=yes,no`) is that pair's value too, not a key named `no` (the pair's yes kept the
    // image); the stricter of the two holds, as for a key said twice.
    const stray: boolean = eq < 0 && lastKey !== null && (word === 'yes' || word === 'no');
    const key: string = stray && lastKey !== null ? lastKey : word;
    const v = stray ? word : eq < 0 ? '' : trimEnclosing(stripQuotes(part.slice(eq + 1).trim()), '', CLOSERS).toLowerCase();
    if (!/^[a-z0-9_.*-]+$/.test(key)) continue;
    any = true;
    if (!stray) lastKey = key;
    const said = v === 'yes' || v === 'no' ? v : 'other';
    const before = out[key];
    if (!before || SIGNAL_STRENGTH[said] > SIGNAL_STRENGTH[before]) out[key] = said;
  }
  // Decision (DESIGN.md §2 rule 3): `all` and `*` are no keys of Cloudflare's; an owner writing
  // `all=no` or `*=no` says no to every use (as Content-Usage's `*=n`), read as no preference the
  // image was kept. Their `no` (or a value Heed cannot read) speaks for each key not stated itself
  // (the stated key decides: `ai-train=yes, *=no` keeps its yes); their `yes` grants nothing.
  // So do the broader aipref labels written in this syntax, as Content-Usage reads them
  // (purposes.ts contentUsageEarlierLabels `broader`): `bots` (every automated use, vocab-03/-04)
  // and `tdm` (vocab-01's root, under which AI training sat). Read as unknown keys, `tdm=no` kept
  // the image for every purpose while Content-Usage `tdm=n` refused it.
  const BROAD = ['all', '*', 'bots', 'tdm'];
  const everyUse = BROAD.some((k) => out[k] === 'no') ? 'no' : BROAD.some((k) => out[k] === 'other') ? 'other' : null;
  for (const spellings of everyUse ? SIGNAL_KEYS : []) {
    if (spellings.every((k) => out[k] === undefined)) for (const k of spellings) out[k] = everyUse!;
  }
  return any ? out : null;
}

/** Content-Signal keys, each with its other spellings a purpose reads (aipref's `train-ai` written so). */
const SIGNAL_KEYS: readonly (readonly string[])[] = [['search'], ['ai-input'], ['ai-train', 'train-ai']];

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);
/** How much of a Content-Signal header is read; a longer one is unreadable (the cut may hold the `no`). */
const MAX_CONTENT_SIGNAL_CHARS = 16_384;

/**
 * How a note names the response whose header it read: "The response's Content-Usage header" for
 * the page's and the image's (as ever; the scope tells them apart); a frame's or a redirect's
 * names it and its URL, "The frame's Content-Usage header (https://…)" (see document-kind.ts).
 */
function subject(header: 'Content-Usage' | 'Content-Signal', where: Scope | DocumentKind, source: string): string {
  return namedByUrl(where) ? `The ${where}'s ${header} header (${source})` : `The response's ${header} header`;
}

/**
 * Evidence from a response's Content-Usage header lines (attach-05 §2; it covers that
 * representation only), each line read as a statement (or a value `fetch` joined, read the
 * same way). A `n` for the purpose's category denies; a line that is not a valid dictionary,
 * or a value for the category other than the Token `y` / `n`, fails closed (see above).
 * `where`: the response's document (a frame's or a redirect's is named, document-kind.ts).
 */
export function evaluateContentUsageHeader(
  headerValues: readonly string[],
  source: string,
  where: Scope | DocumentKind,
  profile: PurposeProfile,
): Evidence[] {
  if (headerValues.length === 0) return [];
  const raw = headerValues.join(', ');
  const base = { kind: 'content-usage' as const, scope: scopeOf(where), source, value: clip(raw) };
  const said = subject('Content-Usage', where, source);
  const statements: ContentUsagePrefs[] = [];
  for (const line of headerValues) {
    const parsed = parseContentUsage(line);
    if (!parsed.ok) {
      return [{ ...base, effect: 'deny', reason: 'signal-unreadable', note: `${said} is not a valid Structured Fields dictionary (${parsed.error}); Heed fails closed` }];
    }
    statements.push(parsed.prefs);
  }
  const category = profile.contentUsageCategory;
  const usage = usageForPurpose(combineContentUsage(statements), profile);
  const pref = usage.said;
  if (pref === 'n') {
    return [{ ...base, effect: 'deny', reason: 'content-usage-n', note: `${said} says ${refusingLabel(usage)}: the owner opts out of ${category ?? profile.purpose}` }];
  }
  if (pref === 'other' && (category !== null || usage.earlier)) {
    return [{ ...base, effect: 'deny', reason: 'signal-unreadable', note: `${said} gives ${usage.label ?? category} a value other than the token y or n; Heed fails closed` }];
  }
  if (category === null) {
    return [{ ...base, effect: 'info', note: `${namedByUrl(where) ? `${said} read` : 'Content-Usage read'}; the purpose ${profile.purpose} has no aipref category` }];
  }
  if (pref === 'y') return [{ ...base, effect: 'allow', note: `${said} says ${category}=y` }];
  return [{ ...base, effect: 'info', note: `${namedByUrl(where) ? said : 'Content-Usage header'} states no preference for ${category}` }];
}

/**
 * Evidence from a response's Cloudflare `Content-Signal` header lines (`search=yes,
 * ai-train=no`; contentsignals.org, read as the robots.txt line is, robots/parse.ts). Like
 * Content-Usage it covers that representation only. SIGNALS.md §2.6 describes the robots.txt
 * line; shared/data/README.md lists "content-signal headers" among the signals Heed honours,
 * so the header form binds too (DESIGN.md §2 rule 3): `no` for the purpose's key denies, a
 * value other than yes/no fails closed (rule 5). `where` as for Content-Usage.
 */
export function evaluateContentSignalHeader(
  headerValues: readonly string[],
  source: string,
  where: Scope | DocumentKind,
  profile: PurposeProfile,
): Evidence[] {
  if (headerValues.length === 0 || profile.contentSignalKeys.length === 0) return [];
  const raw = headerValues.join(', ');
  const signals = parseContentSignals(raw.slice(0, MAX_CONTENT_SIGNAL_CHARS));
  const base = { kind: 'content-signal' as const, scope: scopeOf(where), source, value: clip(raw) };
  const header = subject('Content-Signal', where, source);
  const out: Evidence[] = [];
  // A longer header was not read in full, and what was cut may be the purpose's `no`
  // (DESIGN.md §2 rule 5: unreadable, not "no preference").
  if (raw.length > MAX_CONTENT_SIGNAL_CHARS) out.push({ ...base, effect: 'deny', reason: 'signal-unreadable', note: `${header} is too long to read in full; Heed fails closed` });
  for (const key of profile.contentSignalKeys) {
    const said = signals?.[key];
    if (said === 'no') out.push({ ...base, effect: 'deny', reason: 'content-usage-n', note: `${header} says ${key}=no: the owner opts out` });
    else if (said === 'other') out.push({ ...base, effect: 'deny', reason: 'signal-unreadable', note: `${header} gives ${key} a value other than yes or no; Heed fails closed` });
    else if (said === 'yes') out.push({ ...base, effect: 'allow', note: `${header} says ${key}=yes` });
  }
  return out.length > 0 ? out : [{ ...base, effect: 'info', note: `${namedByUrl(where) ? header : 'Content-Signal header'} states no preference for this purpose` }];
}
