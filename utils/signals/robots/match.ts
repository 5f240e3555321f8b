import { literalPrefix, matchPattern, pathOfUrl } from './pattern';
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

/** RFC 9309 §2.2.2: /robots.txt itself is always allowed. */
export const isRobotsTxt = (path: string) => path === '/robots.txt' || path.startsWith('/robots.txt?');

/** Match a URL (or a path) for one product token, with the rule that decided it. */
export function matchRobots(robots: RobotsTxt, token: string, url: string): RobotsMatch {
  const path = pathOfUrl(url);
  const { via, group } = selectGroups(robots, token);
  const rule = isRobotsTxt(path) ? null : winningRule(group, path);
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
  let best = -1;
  let out: PathPreference<T>[] = [];
  for (const p of prefs) {
    const priority = p.pattern ? p.pattern.priority : 0;
    if (priority < best || (p.pattern && !matchPattern(p.pattern, path))) continue;
    if (priority > best) {
      best = priority;
      out = [];
    }
    out.push(p);
  }
  return out;
}
