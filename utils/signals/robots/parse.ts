import { parseContentSignals, parseContentUsage, type ContentSignals, type ContentUsagePrefs } from '../content-usage';
import { compilePattern, type CompiledPattern } from './pattern';
import { foldLookalikes } from '../lookalikes';
import { tokenizeRobots } from './tokenize';

/** One Allow / Disallow rule (RFC 9309 §2.2.2). */
export interface RobotsRule {
  allow: boolean;
  /** The value as written, for evidence. */
  raw: string;
  line: number;
  pattern: CompiledPattern;
}

/** A rule that attaches a preference to a path: `Content-Usage` (aipref attach-05 §3) or
 * Cloudflare `Content-Signal`. `pattern` is null when the rule has no path (whole group). */
export interface PathPreference<T> {
  raw: string;
  line: number;
  pattern: CompiledPattern | null;
  /** Null when the preference part could not be parsed (it then states nothing). */
  value: T | null;
}

export type { ContentSignals } from '../content-usage';

/** Everything that applies to one product token: its groups merged (RFC 9309 §2.2.1). */
export interface AgentRules {
  /** Allow / Disallow rules; see `sorted`. */
  rules: RobotsRule[];
  /** Whether `rules` is already ordered most specific first, allow first on ties. The
   * matcher sorts on first use, so groups nobody asks about cost nothing. */
  sorted: boolean;
  /** Memo of the rules that can match paths with a given leading prefix (see match.ts). */
  buckets: Map<string, RobotsRule[]> | null;
  contentUsage: PathPreference<ContentUsagePrefs>[];
  contentSignals: PathPreference<ContentSignals>[];
}

/** A compiled robots.txt. */
export interface RobotsTxt {
  /** Lower-cased product token → the merged groups that name it. */
  agents: ReadonlyMap<string, AgentRules>;
  /**
   * The second reading of User-agent lines (see `otherNames`): lower-cased token → the merged
   * groups that name it either way, only for tokens some line names other than first.
   */
  looseAgents: ReadonlyMap<string, AgentRules>;
  /** The merged `*` groups, or null when there is none. */
  global: AgentRules | null;
  /**
   * The second reading of `*`: the merged groups whose User-agent value is a `*` written another
   * way (`"*"`, `*;`, `＊`; meansEveryCrawler), or null. They bind, as `*` does, each token no
   * group names; a Disallow in either reading refuses (DESIGN.md §2: the stricter reading wins).
   */
  looseGlobal: AgentRules | null;
  sitemaps: string[];
  /** RSL `License:` records: URLs of licence documents (RSL 1.0, robots.txt discovery). */
  licences: string[];
  /** Lines ignored because they did not parse or were outside any group. */
  ignoredLines: number;
  /** True when the body exceeded the 500 KiB cap and its tail was ignored. */
  truncated: boolean;
  /**
   * Whether the file says something another way than RFC 9309 reads it — a field name that is
   * User-agent or Disallow misspelt (tokenize.ts AGENT_TYPO, DISALLOW_TYPO), a User-agent naming
   * every agent in words (namesEveryAgent) — so that robots-txt.ts reads it both ways.
   */
  readsOtherWays: boolean;
}

interface Group {
  agents: Set<string>;
  /** Tokens the group's User-agent values name after their first (see `otherNames`). */
  otherAgents: Set<string>;
  global: boolean;
  /**
   * A User-agent line of the group was cut at the line cap (MAX_LINE_BYTES): names past the cut
   * were not read, so the group may name any crawler. Decision (DESIGN.md §2 rule 2, the reading
   * that cannot keep what the owner refused): in the second reading (`looseAgents`) it binds
   * every token, so its Disallows refuse Heed's tokens too; it is never a token's only group.
   */
  agentsCut: boolean;
  /** Its User-agent value is a `*` written another way (meansEveryCrawler): `*` in the second reading. */
  looselyGlobal: boolean;
  rules: RobotsRule[];
  contentUsage: PathPreference<ContentUsagePrefs>[];
  contentSignals: PathPreference<ContentSignals>[];
}

/** Product token syntax (RFC 9309 §2.2.1): letters, `-` and `_`, not empty. */
export function isValidProductToken(token: string): boolean {
  return /^[A-Za-z_-]+$/.test(token);
}

// The token a `User-agent` value names: its leading run of token characters, compared
// case-insensitively (§2.2.1), so `FOO BAR` and `Foo/1.0` name `foo`. Digits are kept
// although §2.2.1 lists only letters, `-` and `_`: real AI tokens such as `AI2Bot` and
// `img2dataset` contain them, and cutting them off would miss those groups.
function userAgentToken(value: string): string {
  return (/^[A-Za-z0-9_-]*/.exec(value)?.[0] ?? '').toLowerCase();
}

/**
 * The other names a User-agent value gives: every run of token characters after the first
 * (quotes ignored). People write lists (`ChatGPT-User, GPTBot`), quote tokens (`"CCBot"`) or
 * paste a whole User-Agent string (`Mozilla/5.0 (compatible; ClaudeBot/1.0)`); RFC 9309 §2.2.1
 * reads the leading token only. Heed reads both ways and a token is disallowed if either
 * reading disallows it (DESIGN.md §2: the reading that cannot keep what the owner refused);
 * the first-token reading alone is what the conformance vectors pin. Every name of the line is
 * read: reading only the first few let a crawler named late in a long list fall back to a `*`
 * group that allowed it. The line is capped (MAX_LINE_BYTES), and the caller dedupes with a Set,
 * so the cost stays linear (tests/unit/conventions/linear-time.test.ts).
 */
function otherNames(value: string): string[] {
  return value.replace(/["']/g, ' ').match(/[A-Za-z0-9_-]+/g) ?? [];
}

// Google treats `*` followed by whitespace and more text as the global group too.
const isGlobalAgent = (value: string) => value === '*' || /^\*\s/.test(value);

/**
 * Whether a User-agent value is a `*` written another way: quoted (`"*"`), with punctuation
 * (`*;`, `*.*`, `(*)`) or in full-width letters (`＊`) — a `*` and no letter or digit.
 * RFC 9309 reads its leading token, and there is none: the group bound no crawler and its
 * Disallows were lost for all. The owner meant every crawler (parse.ts `looseGlobal`; ai.txt
 * reads its User-Agent values so too).
 */
export function meansEveryCrawler(value: string): boolean {
  const v = /[^\x00-\x7f]/.test(value) ? foldLookalikes(value) : value;
  return v.includes('*') && !/[A-Za-z0-9]/.test(v);
}

/** Words that say "every agent" in a User-Agent value or a robots addressee (namesEveryAgent). */
const EVERY_AGENT_WORDS: ReadonlySet<string> = new Set(['all', 'any', 'every', 'everyone', 'everybody', 'ai', 'ais']);
/** Words that may stand beside them (`Spawning/AI/all`, `all AI bots`, `every AI crawler`). */
const AGENT_NOUNS: ReadonlySet<string> = new Set(['spawning', 'bot', 'bots', 'crawler', 'crawlers', 'agent', 'agents', 'robot', 'robots', 'scraper', 'scrapers', 'user', 'users', 'model', 'models', 'tool', 'tools', 'the', 'of', 'and']);

/**
 * Whether a User-Agent value names every agent in words: `Spawning/AI/all`, `all`, `AI`, `all AI`,
 * `Everyone`, `any`, `every AI bot` — only such words, one of them `all`, `any`, `every…` or `AI`.
 * As written its leading token (`spawning`, `all`) names no crawler, so the group bound nobody and
 * its `Disallow: /` refused nothing. Decision (DESIGN.md §2 rule 3, the reading that cannot keep
 * what the owner refused; ai.txt is an AI opt-out file, SIGNALS.md §5.1): the group is also a `*`
 * group. A crawler's name (`Googlebot`, `Allbot`) is not such a word, so it still names that one.
 * X-Robots-Tag's `AI: noai` and `<meta name="AI">` read their addressee so too (x-robots-tag.ts bindsHeed).
 */
export function namesEveryAgent(piece: string): boolean {
  if (piece.length > 200) return false; // at most 8 such words: a longer value is something else
  const words = foldLookalikes(piece).toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  return words.length > 0 && words.length <= 8 && words.some((w) => EVERY_AGENT_WORDS.has(w)) && words.every((w) => EVERY_AGENT_WORDS.has(w) || AGENT_NOUNS.has(w));
}

// `[path SP] preference`: the path is optional and starts with "/" (attach-05 §3). The same
// shape is accepted for Content-Signal, which is normally written without a path.
function splitPathValue(value: string): [CompiledPattern | null, string] {
  if (!value.startsWith('/')) return [null, value];
  const sp = value.search(/[ \t]/);
  if (sp < 0) return [compilePattern(value), ''];
  return [compilePattern(value.slice(0, sp)), value.slice(sp).trim()];
}


/** `prefs` without the labels it allows (a field read for its refusals only: tokenize.ts REFUSING_ONLY_KEYS). */
function withoutAllowing<T extends Record<string, string>>(prefs: T, allowing: string): T {
  const out = Object.create(null) as Record<string, string>;
  for (const k of Object.keys(prefs)) if (prefs[k] !== allowing) out[k] = prefs[k]!;
  return out as T;
}

function addPreference(group: Group, key: 'content-usage' | 'content-signal', value: string, line: number, refusingOnly = false): void {
  const [pattern, text] = splitPathValue(value);
  if (key === 'content-usage') {
    const parsed = parseContentUsage(text);
    const prefs = parsed.ok ? (refusingOnly ? withoutAllowing(parsed.prefs, 'y') : parsed.prefs) : null;
    group.contentUsage.push({ raw: value, line, pattern, value: prefs });
  } else {
    const signals = parseContentSignals(text);
    group.contentSignals.push({ raw: value, line, pattern, value: signals && refusingOnly ? withoutAllowing(signals, 'yes') : signals });
  }
}

/** Rule order in which the first match is the answer: longest first, allow on ties (§2.2.2). */
export function byPriority(a: RobotsRule, b: RobotsRule): number {
  return b.pattern.priority - a.pattern.priority || Number(b.allow) - Number(a.allow) || a.line - b.line;
}

function merge(groups: readonly Group[]): AgentRules {
  if (groups.length === 1) {
    const g = groups[0]!;
    return { rules: g.rules, sorted: false, buckets: null, contentUsage: g.contentUsage, contentSignals: g.contentSignals };
  }
  return {
    rules: groups.flatMap((g) => g.rules),
    sorted: false,
    buckets: null,
    contentUsage: groups.flatMap((g) => g.contentUsage),
    contentSignals: groups.flatMap((g) => g.contentSignals),
  };
}

/**
 * Token → the merged groups that name it, each merged when first asked for. Only the purpose's
 * few tokens are ever asked for; merging every token's groups up front cost tokens × rules on a
 * file naming thousands of crawlers in groups with thousands of rules (quadratic; see
 * tests/unit/conventions/hostile-inputs.ts). Iterating merges them all (tests, benches).
 */
class MergedByToken implements ReadonlyMap<string, AgentRules> {
  private readonly merged = new Map<string, AgentRules>();
  /**
   * `groupsOf`: a token's groups from its entry in `lists` (by default, the entry itself).
   * `everyToken`: every token has groups, listed or not (`groupsOf` is asked with none listed).
   */
  constructor(
    private readonly lists: ReadonlyMap<string, readonly Group[]>,
    private readonly groupsOf: (token: string, listed: readonly Group[]) => readonly Group[] = (_, listed) => listed,
    private readonly everyToken = false,
  ) {}
  get size(): number {
    return this.lists.size;
  }
  has(token: string): boolean {
    return this.everyToken || this.lists.has(token);
  }
  get(token: string): AgentRules | undefined {
    let m = this.merged.get(token);
    if (m === undefined) {
      const list = this.lists.get(token) ?? (this.everyToken ? [] : undefined);
      if (list === undefined) return undefined;
      m = merge(this.groupsOf(token, list));
      this.merged.set(token, m);
    }
    return m;
  }
  private all(): Map<string, AgentRules> {
    const out = new Map<string, AgentRules>();
    for (const token of this.lists.keys()) out.set(token, this.get(token)!);
    return out;
  }
  forEach(fn: (value: AgentRules, key: string, map: ReadonlyMap<string, AgentRules>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.all()) fn.call(thisArg, v, k, this);
  }
  keys() {
    return this.lists.keys();
  }
  values() {
    return this.all().values();
  }
  entries() {
    return this.all().entries();
  }
  [Symbol.iterator]() {
    return this.all()[Symbol.iterator]();
  }
}

/**
 * Parse and compile a robots.txt body (RFC 9309 + aipref attach-05 §3); never throws. With
 * `otherWays` (the second reading, robots-txt.ts), a misspelt User-agent or Disallow line is the
 * line it says it is (tokenize.ts), and a User-agent naming every agent in words (`all`, `AI`,
 * `Spawning/AI/all`: namesEveryAgent) makes its group a `*` group too.
 */
export function parseRobotsTxt(body: string, otherWays = false): RobotsTxt {
  const { records, ignored, truncated, otherWays: typos } = tokenizeRobots(typeof body === 'string' ? body : '', otherWays);
  let everyAgentNames = 0;
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  const licences: string[] = [];
  let ignoredLines = ignored;
  let group: Group | null = null;
  let readingAgents = false; // consecutive user-agent lines open one group (§2.2.1)
  let preamble: Group | null = null; // preferences and Disallows stated before any group

  for (const { key, value, line, cut, refusingOnly } of records) {
    if (key === 'sitemap') sitemaps.push(value);
    else if (key === 'license') licences.push(value);
    else if (key === 'user-agent') {
      if (!group || !readingAgents) {
        group = { agents: new Set(), otherAgents: new Set(), global: false, agentsCut: false, looselyGlobal: false, rules: [], contentUsage: [], contentSignals: [] };
        groups.push(group);
      }
      readingAgents = true;
      if (cut) group.agentsCut = true;
      const token = isGlobalAgent(value) ? '' : userAgentToken(value);
      if (isGlobalAgent(value)) group.global = true;
      else if (token) group.agents.add(token);
      else if (meansEveryCrawler(value)) group.looselyGlobal = true;
      if (!group.global && namesEveryAgent(value)) {
        everyAgentNames++;
        if (otherWays) group.global = true;
      }
      for (const n of otherNames(value)) {
        const t = n.toLowerCase();
        if (t !== token) group.otherAgents.add(t);
      }
    } else if (!group) {
      // Rules before the first user-agent are ignored (§2.1). A Content-Usage / Content-Signal
      // statement there is no crawl rule: it is the site's preference for every crawler, read
      // as a `*` group's (fail closed, DESIGN.md §2 rule 3). Decision (DESIGN.md §2 rule 2, the
      // reading that cannot keep what the owner refused): a Disallow there (`Disallow: /private/`
      // in a file with no User-agent line at all) is read as a `*` group's too, as ai.txt's are;
      // ignored, the owner's refusal was lost. An Allow there stays ignored: read, it could only
      // lift a refusal (Google's vectors pin it ignored, ID_LineSyntax_Groups).
      if (key === 'content-usage' || key === 'content-signal' || (key === 'disallow' && value)) {
        if (!preamble) {
          preamble = { agents: new Set(), otherAgents: new Set(), global: true, agentsCut: false, looselyGlobal: false, rules: [], contentUsage: [], contentSignals: [] };
          groups.push(preamble);
        }
        if (key === 'disallow') preamble.rules.push({ allow: false, raw: value, line, pattern: compilePattern(value) });
        else addPreference(preamble, key, value, line, refusingOnly);
      } else ignoredLines++;
    } else if (key === 'noindex') {
      // Google's unofficial `Noindex:` rule (unsupported since 2019, still written): the owner
      // says noindex for these paths, an opt-out word of DESIGN.md §2 rule 3 — read as a
      // Disallow for the group's crawlers (the reading that keeps nothing refused). It does not
      // end a run of user-agent lines (it never did: an unknown line), so no group is split by it.
      if (value) group.rules.push({ allow: false, raw: `${value} (Noindex)`, line, pattern: compilePattern(value) });
    } else if (refusingOnly) {
      // A preference field written another way (tokenize.ts REFUSING_ONLY_KEYS), read for its
      // refusals only: like `Noindex:` it does not end a run of user-agent lines (it never did: an
      // unknown line), so no group is split by it and no crawler loses the rules it shared.
      addPreference(group, key as 'content-usage' | 'content-signal', value, line, true);
    } else {
      // Content-Usage is a group rule like Allow / Disallow (attach-05 §3), and Content-Signal
      // is read the same way; any rule ends a run of user-agent lines.
      readingAgents = false;
      if (key === 'allow' || key === 'disallow') {
        // An empty value matches nothing (§2.2.2), so it needs no rule.
        if (value) group.rules.push({ allow: key === 'allow', raw: value, line, pattern: compilePattern(value) });
      } else addPreference(group, key, value, line);
    }
  }

  const byAgent = new Map<string, Group[]>();
  for (const g of groups) {
    for (const a of g.agents) {
      const list = byAgent.get(a);
      if (list) list.push(g);
      else byAgent.set(a, [g]);
    }
  }
  const byOther = new Map<string, Group[]>();
  for (const g of groups) {
    for (const a of g.otherAgents) {
      const list = byOther.get(a);
      if (list) list.push(g);
      else byOther.set(a, [g]);
    }
  }
  const order = new Map(groups.map((g, i) => [g, i]));
  // A token's loose groups: those naming it either way, in file order.
  // Groups whose User-agent names were cut name every token in this reading (Group.agentsCut).
  const cutGroups = groups.filter((g) => g.agentsCut);
  const either = (a: string, others: readonly Group[]) => [...new Set([...(byAgent.get(a) ?? []), ...others, ...cutGroups])].sort((x, y) => order.get(x)! - order.get(y)!);
  const globals = groups.filter((g) => g.global);
  const global = globals.length > 0 ? merge(globals) : null;
  const looseGlobals = groups.filter((g) => g.looselyGlobal);
  const looseGlobal = looseGlobals.length > 0 ? merge(looseGlobals) : null;
  return { agents: new MergedByToken(byAgent), looseAgents: new MergedByToken(byOther, either, cutGroups.length > 0), global, looseGlobal, sitemaps, licences, ignoredLines, truncated, readsOtherWays: typos + everyAgentNames > 0 };
}
