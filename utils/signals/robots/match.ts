import { compilePattern, decodedPattern, decodeSegmentDelims, decodeUnreserved, HAS_RESERVED_RAW, literalPrefix, matchPattern, meantPatterns, pathOfUrl, slashReadings, type Decoding } from './pattern';
import { byPriority, type AgentRules, type PathPreference, type RobotsRule, type RobotsTxt } from './parse';

/** Which groups applied: the token's own, the `*` fallback, or none at all. */
export type GroupVia = 'named' | 'global' | 'none';

export interface RobotsMatch {
  allowed: boolean;
  /** The winning rule, or null when no rule matched (then the URL is allowed). */
  rule: RobotsRule | null;
  via: GroupVia;
  /** The normalised path + query that was matched. */
  path: string;
}

const EMPTY: AgentRules = { rules: [], sorted: true, buckets: null, contentUsage: [], contentSignals: [] };

/** The merged groups for a product token: its named groups, else `*` (RFC 9309 §2.2.1). */
export function selectGroups(robots: RobotsTxt, token: string): { via: GroupVia; group: AgentRules } {
  const named = robots.agents.get(token.toLowerCase());
  if (named) return { via: 'named', group: named };
  if (robots.global) return { via: 'global', group: robots.global };
  return { via: 'none', group: EMPTY };
}

/**
 * The merged groups that name a token in the second reading of User-agent lines (any name a
 * line gives, parse.ts `otherNames`), or null when no line names it other than first. A token
 * is disallowed when this group disallows it too (DESIGN.md §2: the stricter reading wins).
 */
export function looseGroup(robots: RobotsTxt, token: string): AgentRules | null {
  return robots.looseAgents.get(token.toLowerCase()) ?? null;
}

// Large groups are pre-filtered by the path's first KEY characters: a rule can only match a
// path that starts with its literal prefix. Most rules of a big file fall out at once.
const KEY = 4;
const MAX_BUCKETS = 1024;

function candidates(group: AgentRules, path: string): RobotsRule[] {
  if (group.rules.length < 16) return group.rules;
  const key = path.slice(0, KEY);
  const buckets = (group.buckets ??= new Map());
  let list = buckets.get(key);
  if (!list) {
    list = group.rules.filter((r) => {
      const first = literalPrefix(r.pattern);
      return first.length <= key.length ? key.startsWith(first) : key.length === KEY && first.startsWith(key);
    });
    if (buckets.size < MAX_BUCKETS) buckets.set(key, list);
  }
  return list;
}

/** The rule that decides `path` in `group`: longest match, allow on ties (§2.2.2). */
export function winningRule(group: AgentRules, path: string): RobotsRule | null {
  if (!group.sorted) {
    group.rules.sort(byPriority);
    group.sorted = true;
  }
  // Sorted by priority then allow-first (filtering keeps the order): first match wins.
  for (const rule of candidates(group, path)) if (matchPattern(rule.pattern, path)) return rule;
  return null;
}

const decodedGroups = { unreserved: new WeakMap<AgentRules, AgentRules>(), segment: new WeakMap<AgentRules, AgentRules>() };
/** The group with every rule decoded as `how` says (pattern.ts decodedPattern; itself when no rule changes). */
function decodedGroup(group: AgentRules, how: Decoding = 'unreserved'): AgentRules {
  let d = decodedGroups[how].get(group);
  if (!d) {
    const rules = group.rules.map((r) => {
      const pattern = decodedPattern(r.pattern, how);
      return pattern === r.pattern ? r : { ...r, pattern };
    });
    d = rules.every((r, i) => r === group.rules[i]) ? group : { ...group, rules, sorted: false, buckets: null };
    decodedGroups[how].set(group, d);
  }
  return d;
}

const rootedGroups = new WeakMap<AgentRules, AgentRules>();
/**
 * The group with its rules as their owner meant them: each pattern a rule names (pattern.ts
 * meantPatterns: several to a line, in quotes, a full URL read as its path) and every one that
 * lacks its leading `/` rooted (`images/` → `/images/`); the group itself when no rule reads
 * otherwise. RFC 9309 §2.2.2 paths start with "/", and Google's parser matches nothing with
 * `Disallow: images/`, `Disallow: "/images/"` or `Disallow: https://site/images/`; the owner
 * meant /images/, so that reading is checked too (DESIGN.md §2 rule 2: the stricter answer wins).
 */
function rootedGroup(group: AgentRules): AgentRules {
  let r = rootedGroups.get(group);
  if (!r) {
    const rooted = (p: string) => (p.startsWith('/') || p.startsWith('*') ? p : `/${p}`);
    const rules = group.rules.flatMap((rule) => {
      const meant = meantPatterns(rule.raw);
      if (meant.length > 0) return meant.map((p) => ({ ...rule, pattern: compilePattern(rooted(p)) }));
      const first = rule.pattern.source[0];
      return first === '/' || first === '*' || first === undefined ? [rule] : [{ ...rule, pattern: compilePattern(`/${rule.raw}`) }];
    });
    r = rules.length === group.rules.length && rules.every((rule, i) => rule === group.rules[i]) ? group : { ...group, rules, sorted: false, buckets: null };
    rootedGroups.set(group, r);
    rootedGroups.set(r, r); // its rules are read as meant already: reading them again would never end
  }
  return r;
}

const foldedGroups = new WeakMap<AgentRules, AgentRules>();
/** A path or pattern in lower case, its escapes' hex digits upper-case as elsewhere (`/A%2fB` → `/a%2Fb`). */
export const foldCase = (s: string) => s.toLowerCase().replace(/%[0-9a-f]{2}/g, (m) => m.toUpperCase());
/**
 * The group with every rule's pattern in lower case (foldCase), matched against the path in lower
 * case: the any-case reading of a server that serves paths so (robots-txt.ts serverFoldsCase).
 * Evidence keeps each rule as written.
 */
export function caseFoldedGroup(group: AgentRules): AgentRules {
  let f = foldedGroups.get(group);
  if (!f) {
    const rules = group.rules.map((rule) => ({ ...rule, pattern: compilePattern(foldCase(rule.pattern.source)) }));
    f = { ...group, rules, sorted: false, buckets: null };
    foldedGroups.set(group, f);
  }
  return f;
}

/** Whether a path without escapes has readings other than as written (slashReadings): `//`, or a reserved character such as `;` or `:`. */
const hasOtherReadings = (pathAndQuery: string) => {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  return path.includes('//') || HAS_RESERVED_RAW.test(path);
};

/**
 * The readings of a path that are all checked (DESIGN.md §2 rule 2): as written, with repeated
 * slashes merged, with `%2F` decoded as `/` and the dot segments that makes resolved
 * (slashReadings: servers such as nginx and S3 decode it, so `/private%2Fa.jpg` and
 * `/public/..%2Fprivate/a.jpg` serve `/private/a.jpg`), without path parameters (Tomcat serves
 * `/public/..;/private/a.jpg` as `/private/a.jpg`), and, when `decode`, each with unreserved
 * escapes decoded, then each with a path segment's delimiters decoded too (`%3A` → `:`,
 * pattern.ts decodeSegmentDelims). `decoded` says how: match them against rules decoded alike.
 * The first is always the path as written.
 */
function pathReadings(path: string, decode: boolean): { path: string; decoded: Decoding | false }[] {
  const plain = [path, ...slashReadings(path)];
  const out: { path: string; decoded: Decoding | false }[] = plain.map((p) => ({ path: p, decoded: false }));
  if (decode) {
    for (const p of plain) out.push({ path: decodeUnreserved(p), decoded: 'unreserved' });
    for (const p of plain) out.push({ path: decodeSegmentDelims(p), decoded: 'segment' });
  }
  return out;
}

/**
 * The rule that decides `path` in `group`, checked as written, with repeated slashes merged, with
 * `%2F` decoded and with unreserved escapes decoded in path and rules (RFC 9309 §2.2.2), then
 * with a path segment's delimiters decoded too (`%3A` → `:`): the stricter answer wins, so
 * `/%70rivate/a.jpg`, `//private/a.jpg` and `/private%2Fa.jpg` meet `Disallow: /private/`, and
 * `/wiki/Wikipedia%3AX/` meets `Disallow: /wiki/Wikipedia:X/` (DESIGN.md §2 rule 2).
 * The Google reading alone (as written) is what the conformance vectors pin; the other readings
 * can only add a disallow.
 */
export function strictestRule(group: AgentRules, path: string): RobotsRule | null {
  const first = winningRule(group, path);
  if (first && !first.allow) return first;
  const rooted = rootedGroup(group);
  if (rooted !== group) {
    const rule = strictestRule(rooted, path);
    if (rule && !rule.allow) return rule;
  }
  const decode = path.includes('%') || decodedGroup(group) !== group || decodedGroup(group, 'segment') !== group;
  const q = path.indexOf('?');
  if (!decode && !hasOtherReadings(path) && q < 0) return first; // the common case: one reading
  for (const r of pathReadings(path, decode).slice(1)) {
    const rules = r.decoded ? decodedGroup(group, r.decoded) : group;
    if (rules === group && r.path === path) continue; // the reading as written, again
    const rule = winningRule(rules, r.path);
    if (rule && !rule.allow) return rule;
  }
  return q < 0 ? first : (anchoredWithoutQuery(group, path.slice(0, q)) ?? first);
}

const anchoredDisallows = new WeakMap<AgentRules, boolean>();
/** Whether a group (or its rooted reading) has a `$`-anchored Disallow. */
function hasAnchoredDisallow(group: AgentRules): boolean {
  let has = anchoredDisallows.get(group);
  if (has === undefined) anchoredDisallows.set(group, (has = group.rules.some((r) => !r.allow && r.pattern.source.endsWith('$'))));
  return has;
}

/**
 * A `$`-anchored Disallow that decides the path without its query, or null. `Disallow: /*.jpg$`
 * (Google's own example for blocking a file type) names the JPEG files, and a server serves
 * /a.jpg?x=1 and /a.jpg? as /a.jpg; as written `$` anchors at the end of the query, so a page that
 * added one got the file past the rule. Decision (DESIGN.md §2 rule 2, the reading that cannot
 * keep what the owner refused): an anchored Disallow also anchors at the end of the path. Only an
 * anchored one: any other rule that decides the path without its query matched it with the query
 * too, or lost an Allow that matched in the query (`Allow: /*.php` for `/index?f=a.php`, which
 * Google's vectors allow).
 */
function anchoredWithoutQuery(group: AgentRules, path: string): RobotsRule | null {
  if (!hasAnchoredDisallow(group)) return null; // most groups: nothing to read again
  const decode = path.includes('%') || decodedGroup(group) !== group || decodedGroup(group, 'segment') !== group;
  for (const r of pathReadings(path, decode)) {
    const rule = winningRule(r.decoded ? decodedGroup(group, r.decoded) : group, r.path);
    if (rule && !rule.allow && rule.pattern.source.endsWith('$')) return rule;
  }
  return null;
}

/** RFC 9309 §2.2.2: /robots.txt itself is always allowed. */
export const isRobotsTxt = (path: string) => path === '/robots.txt' || path.startsWith('/robots.txt?');

/** Match a URL (or a path) for one product token, with the rule that decided it. */
export function matchRobots(robots: RobotsTxt, token: string, url: string): RobotsMatch {
  const path = pathOfUrl(url);
  const { via, group } = selectGroups(robots, token);
  const rule = isRobotsTxt(path) ? null : strictestRule(group, path);
  return { allowed: rule === null || rule.allow, rule, via, path };
}

/** Whether robots.txt lets the crawler with `token` fetch `url` (an absolute URL or a path) (RFC 9309). */
export function isAllowed(robots: RobotsTxt, token: string, url: string): boolean {
  return matchRobots(robots, token, url).allowed;
}

/**
 * The path preferences that apply to `path` (aipref attach-05 §3): those with the longest
 * matching path, where a rule without a path matches everything with length 0. Several at
 * the same length are all returned; the caller combines them most-restrictively.
 */
export function applicablePreferences<T>(prefs: readonly PathPreference<T>[], path: string): PathPreference<T>[] {
  // Every reading of the path (as written, slashes merged, escapes decoded; DESIGN.md §2 rule
  // 2) contributes; the caller combines what they find most-restrictively.
  const decode = path.includes('%') || prefs.some((p) => p.pattern?.source.includes('%'));
  const readings = decode || hasOtherReadings(path) ? pathReadings(path, decode) : [{ path, decoded: false as const }];
  const out = new Set<PathPreference<T>>();
  for (const r of readings) for (const p of longestPreferences(prefs, r.path, r.decoded)) out.add(p);
  // A `$`-anchored rule also anchors at the end of the path (anchoredWithoutQuery): `/*.jpg$`
  // speaks for /a.jpg?x=1, served as /a.jpg, when it is the longest rule for that path.
  const q = path.indexOf('?');
  if (q >= 0 && prefs.some((p) => p.pattern?.source.endsWith('$'))) {
    const bare = path.slice(0, q);
    for (const r of pathReadings(bare, decode)) {
      for (const p of longestPreferences(prefs, r.path, r.decoded)) if (p.pattern?.source.endsWith('$')) out.add(p);
    }
  }
  return [...out];
}

function longestPreferences<T>(prefs: readonly PathPreference<T>[], path: string, decoded: Decoding | false): PathPreference<T>[] {
  let best = -1;
  let out: PathPreference<T>[] = [];
  for (const p of prefs) {
    const pattern = p.pattern && decoded ? decodedPattern(p.pattern, decoded) : p.pattern;
    const priority = pattern ? pattern.priority : 0;
    if (priority < best || (pattern && !matchPattern(pattern, path))) continue;
    if (priority > best) {
      best = priority;
      out = [];
    }
    out.push(p);
  }
  return out;
}
