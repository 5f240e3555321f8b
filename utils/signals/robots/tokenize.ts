/**
 * robots.txt → records. RFC 9309 §2.2: `name : value` lines, `#` comments, CR / LF / CRLF
 * line ends, field names case-insensitive; lines that do not parse are ignored (§2.2).
 */
import { foldLookalikes } from '../lookalikes';
import { decodeSignalText, lineCutIndex, signalTextEncoding } from '../text-encoding';

/** Reading cap: RFC 9309 §2.5 lets a parser stop reading, but not before 500 KiB; DESIGN.md
 * §2 rule 2 reads exactly that, 500 KiB = 512,000 bytes. */
export const MAX_ROBOTS_BYTES = 512_000;
/** Per-line cap, as Google's reference parser (2083 * 8 bytes minus the terminator). It also
 * bounds the cost of matching one pattern. */
export const MAX_LINE_BYTES = 2083 * 8 - 1;

export type RobotsKey = 'user-agent' | 'allow' | 'disallow' | 'sitemap' | 'license' | 'content-usage' | 'content-signal' | 'noindex';

export interface RobotsRecord {
  key: RobotsKey;
  value: string;
  /** 1-based line number in the (capped) body. */
  line: number;
  /** The line was longer than MAX_LINE_BYTES and `value` stops at the cap (not inside a comment). */
  cut?: true;
  /** A preference field written another way (REFUSING_ONLY_KEYS): only its refusals are read. */
  refusingOnly?: true;
}

export interface TokenizedRobots {
  records: RobotsRecord[];
  /**
   * Lines written another way than KEYS reads, read or not: a field name that is User-agent or
   * Disallow misspelt (AGENT_TYPO, DISALLOW_TYPO). robots-txt.ts reads such a file a second way.
   */
  otherWays: number;
  /** Lines that are neither blank, comment-only nor a known record. */
  ignored: number;
  /** True when the body was longer than MAX_ROBOTS_BYTES and its tail was dropped. */
  truncated: boolean;
}

// Known field names. The misspellings are accepted by Google's parser (robots.cc,
// kAllowFrequentTypos); reading them honours what the site owner meant, which can only
// restrict more, never less.
const KEYS: ReadonlyMap<string, RobotsKey> = new Map<string, RobotsKey>([
  ['user-agent', 'user-agent'],
  ['useragent', 'user-agent'],
  ['user agent', 'user-agent'],
  ['allow', 'allow'],
  ['disallow', 'disallow'],
  ['dissallow', 'disallow'],
  ['dissalow', 'disallow'],
  ['disalow', 'disallow'],
  ['diasllow', 'disallow'],
  ['disallaw', 'disallow'],
  ['sitemap', 'sitemap'],
  ['site-map', 'sitemap'],
  ['license', 'license'],
  ['content-usage', 'content-usage'],
  ['content-signal', 'content-signal'],
  ['noindex', 'noindex'],
]);

/**
 * The two preference fields written as the typos above write `User-agent` (a blank, no hyphen,
 * `_`, a plural: `Content Usage`, `ContentUsage`, `Content-Signals`). Decision (DESIGN.md §2 rule
 * 3, the reading that cannot keep what the owner refused): they are read as those fields, but for
 * their refusals only (`refusingOnly`: parse.ts drops their `y` / `yes`). Ignored as unknown lines,
 * their `train-ai=n` / `ai-train=no` was lost and the image kept; read in full, their `train-ai=y`
 * would have set aside a correctly spelt `bots=n` (content-usage.ts usageForPurpose), which the
 * reading that ignores them keeps.
 */
const REFUSING_ONLY_KEYS: ReadonlyMap<string, RobotsKey> = new Map<string, RobotsKey>([
  ...['content usage', 'contentusage', 'content_usage', 'content-usages', 'content usages', 'contentusages', 'content_usages'].map((k) => [k, 'content-usage'] as [string, RobotsKey]),
  ...['content signal', 'contentsignal', 'content_signal', 'content-signals', 'content signals', 'contentsignals', 'content_signals'].map((k) => [k, 'content-signal'] as [string, RobotsKey]),
]);

/**
 * A field name that says User-agent but is none of the spellings KEYS reads: `User_agent`,
 * `User-agents`, `User.agent`, `User agents`. Such a line is read both ways (robots-txt.ts
 * evaluateRobots): as written (an unknown line, ignored, so the rules after it join the group
 * before it, as RFC 9309 readers do) and as the User-agent line it says it is.
 */
const AGENT_TYPO = /^user[\s_.-]*agents?$/;

/**
 * A field name that says Disallow but is none of the spellings KEYS reads: `Disallowed`,
 * `Disallows`, `Dis-allow`, `Dis allow`, `Dis_allow`, and `Deny` / `Denied`. Read only where a
 * caller asks, beside the line as written: ai.txt (ai-txt.ts) and robots.txt's second reading
 * (robots-txt.ts evaluateRobots, where only its refusals count). Decision
 * (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): the owner wrote a
 * refusal; ignored as an unknown line, its rule was lost and the image kept. An Allow misspelt is
 * not read so (it could only lift a refusal).
 */
const DISALLOW_TYPO = /^(?:dis+[\s_.-]*all?o?w+(?:s|ed)?|deny|denied)$/;

/**
 * The robots.txt body from the bytes a fetch read (at most MAX_ROBOTS_BYTES + 1: the extra byte
 * says there is more). Past the cap, the body is cut after the last complete line within the
 * first MAX_ROBOTS_BYTES bytes (a line ends at LF, CR or CRLF; DESIGN.md §2 rule 2): half a rule
 * can say something else entirely (`Allow: /public/` cut to `Allow: /`). Both line ends are
 * ASCII, so the cut never splits a UTF-8 character: one the cap runs through belongs to the
 * dropped line.
 */
export function robotsBodyFromBytes(bytes: Uint8Array): { body: string; truncated: boolean } {
  // UTF-16 files too (text-encoding.ts): read as UTF-8 their rules were noise, and so no rule.
  const encoding = signalTextEncoding(bytes);
  if (bytes.length <= MAX_ROBOTS_BYTES) return { body: decodeSignalText(bytes, encoding), truncated: false };
  return { body: decodeSignalText(bytes.subarray(0, lineCutIndex(bytes, MAX_ROBOTS_BYTES, encoding)), encoding), truncated: true };
}

/** Index in `s` after which the UTF-8 encoding of `s` exceeds `maxBytes` (or s.length). */
export function utf8CutIndex(s: string, maxBytes: number): number {
  if (s.length * 3 <= maxBytes) return s.length; // cannot exceed: at most 3 bytes per UTF-16 unit
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let n = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) n = 4;
    if (bytes + n > maxBytes) return i;
    bytes += n;
    if (pair) i++;
  }
  return s.length;
}

// Split one comment-free line into key and value (RFC 9309 §2.2 "name : value"). With no
// colon, Google accepts whitespace as the separator when the line has exactly two words
// (`disallow /x`); the reference vectors rely on it (ID_LineSyntax_Line, line 79).
function splitRecord(line: string): [string, string] | null {
  const colon = line.indexOf(':');
  if (colon >= 0) return [fieldName(line.slice(0, colon)), line.slice(colon + 1).trim()];
  const words = line.trim().split(/[ \t]+/);
  return words.length === 2 ? [fieldName(words[0]!), words[1]!] : null;
}

/**
 * A field name as the owner sees it. A zero-width space or a BOM pasted before `Disallow` (a
 * file joined from parts, text copied from a web page) hid the line: as written it is no field
 * Heed knows, so the rule was ignored and the path allowed. Decision (DESIGN.md §2 rule 2, the
 * reading that cannot keep what the owner refused): the name as its reader sees it
 * (lookalikes.ts: `Ｄｉｓａｌｌｏｗ`), in the name only; only a non-ASCII name pays.
 */
function fieldName(written: string): string {
  const name = written.trim().toLowerCase();
  return /[^\x00-\x7f]/.test(name) ? foldLookalikes(name).trim().toLowerCase() : name;
}

/**
 * The record a comment-free line is, as this reader reads it (the field names above, look-alike
 * letters folded, a blank for the colon in a two-word line), or null when it is none. ai.txt, a
 * robots.txt look-alike, reads its lines this way too (ai-txt.ts), with `agentTypos` (AGENT_TYPO)
 * and `disallowTypos` (DISALLOW_TYPO) on.
 */
export function readRecordLine(line: string, agentTypos = false, disallowTypos = false): { key: RobotsKey; value: string; refusingOnly?: true; otherWay?: true } | null {
  const kv = splitRecord(line);
  if (!kv) return null;
  const key = KEYS.get(kv[0]);
  if (key) return { key, value: kv[1] };
  if (AGENT_TYPO.test(kv[0])) return agentTypos ? { key: 'user-agent', value: kv[1], otherWay: true } : null;
  if (DISALLOW_TYPO.test(kv[0])) return disallowTypos ? { key: 'disallow', value: kv[1], otherWay: true } : null;
  const loose = REFUSING_ONLY_KEYS.get(kv[0]);
  return loose ? { key: loose, value: kv[1], refusingOnly: true } : null;
}

/**
 * Split a robots.txt body into known records; never throws, linear in the capped size. With
 * `otherWays`, a line whose field name is User-agent or Disallow misspelt (AGENT_TYPO,
 * DISALLOW_TYPO) is the record it says it is.
 */
export function tokenizeRobots(body: string, otherWays = false): TokenizedRobots {
  let text = body;
  let truncated = false;
  const cut = utf8CutIndex(text, MAX_ROBOTS_BYTES);
  if (cut < text.length) {
    truncated = true;
    // Drop the line the cap runs through: half a rule could say something else entirely.
    text = text.slice(0, cut);
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    text = lastBreak < 0 ? '' : text.slice(0, lastBreak);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 BOM (RFC 9309 §2.2)

  const records: RobotsRecord[] = [];
  let ignored = 0;
  let typos = 0;
  // Native split and indexOf beat a hand-written character loop here by about 2x.
  const lines = text.includes('\r') ? text.split(/\r\n?|\n/) : text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    let cut = false;
    if (line.length * 3 > MAX_LINE_BYTES) {
      const at = utf8CutIndex(line, MAX_LINE_BYTES);
      cut = at < line.length;
      line = line.slice(0, at);
    }
    const hash = line.indexOf('#');
    if (hash >= 0) {
      line = line.slice(0, hash);
      cut = false; // what the cap dropped was comment
    }
    if (line.trim() === '') continue;
    const record = readRecordLine(line, true, true);
    if (record?.otherWay) typos++;
    if (record && (otherWays || !record.otherWay)) {
      const { otherWay: _, ...read } = record;
      records.push(cut ? { ...read, line: n + 1, cut } : { ...read, line: n + 1 });
    } else ignored++;
  }
  return { records, ignored, truncated, otherWays: typos };
}
