import type { Evidence } from '../model/evidence';
import type { PurposeProfile } from '../model/purposes';
import { combineContentUsage, refusingLabel, usageForPurpose } from './content-usage';
import { clip, stripQuotes } from './fetched-file';
import { applicablePreferences, caseFoldedGroup, foldCase, isRobotsTxt, looseGroup, selectGroups, strictestRule } from './robots/match';
import { parseRobotsTxt, type AgentRules, type RobotsRule, type RobotsTxt } from './robots/parse';
import { pathAndQuery, pathOfUrl } from './robots/pattern';

export { isAllowed, matchRobots, type RobotsMatch } from './robots/match';
export { isValidProductToken, parseRobotsTxt, type RobotsRule, type RobotsTxt } from './robots/parse';
export { MAX_ROBOTS_BYTES, robotsBodyFromBytes } from './robots/tokenize';

/** The outcome of fetching /robots.txt (RFC 9309 §2.3.1): a body, a 4xx, or a failure. */
export type RobotsFetch =
  /**
   * `truncated`: the file was longer than the cap and `body` is its complete lines within it.
   * `foldsCase`: the server that answered it serves paths in any letter case (serverFoldsCase).
   */
  | { url: string; outcome: 'ok'; body: string; truncated?: boolean; foldsCase?: boolean }
  | { url: string; outcome: 'unavailable'; status: number }
  | { url: string; outcome: 'unreachable'; detail: string };

/** Whether `v` is a well-formed RobotsFetch (a cached copy is read back from IndexedDB; trust nothing). */
export function isRobotsFetch(v: unknown): v is RobotsFetch {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  if (typeof f.url !== 'string') return false;
  if (f.outcome === 'ok') return typeof f.body === 'string' && (f.truncated === undefined || typeof f.truncated === 'boolean') && (f.foldsCase === undefined || typeof f.foldsCase === 'boolean');
  if (f.outcome === 'unavailable') return typeof f.status === 'number';
  return f.outcome === 'unreachable' && typeof f.detail === 'string';
}

type Scope = 'page' | 'image';

/**
 * Whether a response's `Server` header names a server that serves paths in any letter case: IIS
 * (`Microsoft-IIS/10.0`), whose paths are case-insensitive, so `/PRIVATE/a.jpg` is the file
 * `Disallow: /private/` names. RFC 9309 matches case-sensitively (so do the conformance vectors),
 * and a page naming the file in another case got it past the rule. Decision (DESIGN.md §2 rule 2,
 * the reading that cannot keep what the owner refused): where the server says it is IIS, a
 * Disallow also holds in any letter case (evaluateRobots); elsewhere case counts, as the RFC says.
 */
export function serverFoldsCase(server: string | null): boolean {
  return server !== null && /\bmicrosoft-iis\b/i.test(server);
}

/** RSL licence document URLs from `License:` records, resolved against the robots.txt URL. */
export function robotsLicenceUrls(robots: RobotsTxt, robotsUrl?: string): string[] {
  return robotsLicences(robots, robotsUrl).urls;
}

/**
 * The RSL licences robots.txt declares: `urls` to fetch, resolved against the robots.txt URL,
 * and `unread`, the declared values that name no http(s) URL Heed can fetch. A value is read as
 * written around its URL: in quotes or angle brackets (`<https://…>`, Link-header style), with a
 * trailing `;` or `,`, or several URLs separated by blanks. Read as one URL these became a made-up
 * path on the site (`/%3Chttps://…%3E`) whose 404 read as "no licence", and the licence the owner
 * declared was never read. Decision (DESIGN.md §2 rule 5): a declared licence Heed cannot fetch
 * (`ftp:`, not a URL) is unread, so it fails closed, never dropped as if none was declared.
 */
export function robotsLicences(robots: RobotsTxt, robotsUrl?: string): { urls: string[]; unread: string[] } {
  const urls = new Set<string>();
  const unread = new Set<string>();
  for (const value of robots.licences) {
    for (const piece of value.split(/\s+/)) {
      const written = stripQuotes(piece.replace(/[;,]+$/, '')).replace(/^<(.*)>$/, '$1');
      if (written === '') continue;
      try {
        const url = new URL(written, robotsUrl);
        if (url.protocol === 'https:' || url.protocol === 'http:') urls.add(url.href);
        else unread.add(clip(written));
      } catch {
        unread.add(clip(written));
      }
    }
  }
  return { urls: [...urls], unread: [...unread] };
}

// One parse per body (and reading): every image of an origin is checked against the same file.
const caches = [new Map<string, RobotsTxt>(), new Map<string, RobotsTxt>()] as const;
/** parseRobotsTxt with a small cache of recent bodies (one collect evaluates one body many times). */
export function parseCached(body: string, otherWays = false): RobotsTxt {
  const cache = caches[otherWays ? 1 : 0];
  let robots = cache.get(body);
  if (!robots) {
    robots = parseRobotsTxt(body, otherWays);
    if (cache.size >= 8) cache.delete(cache.keys().next().value!);
    cache.set(body, robots);
  }
  return robots;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * The path + query robots.txt rules are matched against. Browsers send percent-encoded URLs;
 * the target goes through the WHATWG parser so that a raw URL compares as the crawler would
 * send it (RFC 9309 §2.2.2). Its path + query is used as is (escape hex upper-cased): handed
 * back to pathOfUrl, `//private/a.jpg` would read as a host.
 */
export function robotsTargetPath(targetUrl: string): string {
  const pq = pathAndQuery(targetUrl);
  if (pq === null) return pathOfUrl(targetUrl);
  return pq.includes('%') ? pq.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase()) : pq;
}

/** The distinct group sets that speak for the purpose: each token's, and always `*`. */
export function preferenceGroups(robots: RobotsTxt, tokens: readonly string[]): [string, AgentRules][] {
  const seen = new Map<AgentRules, string[]>();
  const add = (g: AgentRules, label: string) => {
    const labels = seen.get(g);
    if (!labels) seen.set(g, [label]);
    else if (!labels.includes(label)) labels.push(label);
  };
  for (const t of tokens) {
    const { via, group } = selectGroups(robots, t);
    if (via !== 'none') add(group, via === 'named' ? t : '*');
    const loose = looseGroup(robots, t);
    if (loose) add(loose, t);
  }
  // aipref statements are about use, not crawling: a `*` group's preference binds Heed even
  // where a token has its own group (vocab §7.1: any `n` wins). So does one of a `*` written
  // another way (parse.ts looseGlobal).
  if (robots.global) add(robots.global, '*');
  if (robots.looseGlobal) add(robots.looseGlobal, '*');
  return [...seen].map(([g, labels]) => [labels.join(', '), g]);
}

function preferenceEvidence(robots: RobotsTxt, path: string, host: string, base: Omit<Evidence, 'kind' | 'value' | 'effect'>, profile: PurposeProfile): Evidence[] {
  const out = new Map<string, Evidence>();
  const category = profile.contentUsageCategory;
  for (const [label, group] of preferenceGroups(robots, profile.robotsTokens)) {
    const rule = strictestRule(group, path);
    if (rule && !rule.allow) continue; // preferences attach only to crawlable paths (attach-05 §3)
    const usage = applicablePreferences(group.contentUsage, path);
    // Every rule for the path read together: a `bots=n` rule yields to a `train-ai=y` one
    // (usageForPurpose, content-usage.ts), as the two in one statement do.
    const combinedUsage = usageForPurpose(combineContentUsage(usage.flatMap((u) => (u.value ? [u.value] : []))), profile);
    const combined = combinedUsage.said;
    for (const u of usage) {
      const value = `${label}: Content-Usage: ${u.raw}`;
      const own = u.value ? usageForPurpose(u.value, profile) : null;
      // A rule whose `n` comes from an earlier draft's broader label stands only where the rules
      // for the path together refuse (see above).
      const said = own && own.earlier && combined !== own.said ? null : own;
      const says = said ? (said.said === 'n' || category || said.earlier ? said.said : 'unknown') : 'unknown';
      // A rule the aipref grammar rejects, or a value other than the token y / n for the
      // purpose's category, fails closed for the paths it covers (DESIGN.md §2 rule 5; content-usage.ts).
      if (!u.value) {
        out.set(value, { ...base, kind: 'content-usage', value, effect: 'deny', reason: 'signal-unreadable', note: `robots.txt on ${host} has a Content-Usage rule for ${path} that is not a valid Structured Fields dictionary; Heed fails closed` });
      } else if (says === 'other') {
        out.set(value, { ...base, kind: 'content-usage', value, effect: 'deny', reason: 'signal-unreadable', note: `robots.txt on ${host} gives ${said!.label ?? category} a value other than the token y or n for ${path}; Heed fails closed` });
      } else if (says === 'n') {
        out.set(value, { ...base, kind: 'content-usage', value, effect: 'deny', reason: 'content-usage-n', note: `robots.txt on ${host} says ${refusingLabel(said!)} for ${path}: the owner opts out of ${category ?? profile.purpose}` });
      } else if (says === 'y' && combined === 'y') {
        out.set(value, { ...base, kind: 'content-usage', value, effect: 'allow', note: `robots.txt on ${host} says ${category}=y for ${path}` });
      }
    }
    const signals = applicablePreferences(group.contentSignals, path).flatMap((s) => (s.value ? [{ ...s, value: s.value }] : []));
    for (const key of profile.contentSignalKeys) {
      const said = signals.filter((s) => s.value[key] !== undefined);
      const deny = said.find((s) => s.value[key] === 'no');
      const odd = said.find((s) => s.value[key] === 'other');
      const chosen = deny ?? odd ?? said[0];
      if (!chosen) continue;
      const value = `${label}: Content-Signal: ${clip(chosen.raw, 300)}`;
      out.set(value, deny
        ? { ...base, kind: 'content-signal', value, effect: 'deny', reason: 'content-usage-n', note: `robots.txt on ${host} says ${key}=no for ${path} (Cloudflare Content Signals)` }
        : odd
          ? { ...base, kind: 'content-signal', value, effect: 'deny', reason: 'signal-unreadable', note: `robots.txt on ${host} gives ${key} a value other than yes or no for ${path}; Heed fails closed` }
          : { ...base, kind: 'content-signal', value, effect: 'allow', note: `robots.txt on ${host} says ${key}=yes for ${path}` });
    }
  }
  return [...out.values()];
}

/** Evidence for one URL from a fetched robots.txt, for every token of the purpose (DESIGN.md §2 rules 2-3). */
export function evaluateRobots(fetched: RobotsFetch, targetUrl: string, scope: Scope, profile: PurposeProfile): Evidence[] {
  const host = hostOf(fetched.url);
  const base = { kind: 'robots-txt' as const, scope, source: fetched.url };
  if (fetched.outcome === 'unavailable') {
    return [{ ...base, value: `unavailable (HTTP ${fetched.status})`, effect: 'info', note: `robots.txt on ${host} answered HTTP ${fetched.status}: no restrictions apply (RFC 9309 §2.3.1.3)` }];
  }
  if (fetched.outcome === 'unreachable') {
    const detail = fetched.detail.slice(0, 200);
    return [{ ...base, value: `unreachable: ${detail}`, effect: 'deny', reason: 'robots-unreachable', note: `robots.txt on ${host} could not be fetched (${detail}); RFC 9309 §2.3.1.4 says to assume everything is disallowed` }];
  }
  const robots = parseCached(fetched.body);
  const path = robotsTargetPath(targetUrl);
  const evidence: Evidence[] = [];
  // A file longer than the cap (RFC 9309 §2.5 lets a reader stop at 500 KiB; DESIGN.md §2 rule 2
  // reads exactly that). RFC 9309 says the rest "may be ignored", which reads two ways: as if it
  // were not there (every URL the first 500 KiB do not refuse is allowed), or as unread. Decision
  // (DESIGN.md §2 rule 2, the reading that cannot keep what the owner refused; rule 5): unread. A
  // `User-agent: GPTBot` group past the cap replaces the `*` answer for GPTBot, and a group there
  // may refuse any path for any token, so no URL of the origin can be allowed by the part read:
  // its Disallows still refuse, and every URL is refused `signal-unreadable` too, as a tdmrep.json
  // or ai.txt larger than its cap is (rule 3). Read as absent, an owner's GPTBot `Disallow: /`
  // after 500 KiB of Sitemap or per-path lines kept every image.
  if (robots.truncated || fetched.truncated === true) {
    evidence.push({ ...base, value: 'truncated at 500 KiB', effect: 'deny', reason: 'signal-unreadable', note: `robots.txt on ${host} is larger than 500 KiB (512,000 bytes); the rest was not read (RFC 9309 §2.5), and a group there may refuse ${path}, so Heed fails closed` });
  }
  evidence.push(...disallowEvidence(robots, path, fetched, scope, profile));
  // A file that says something another way than RFC 9309 reads (parse.ts readsOtherWays): a
  // field name that says User-agent or Disallow but is misspelt (`User_agent:`, `Disallowed:`,
  // `Deny:`; tokenize.ts AGENT_TYPO, DISALLOW_TYPO), or a User-agent naming every agent in words
  // (`all`, `AI`, `Spawning/AI/all`: parse.ts namesEveryAgent, as ai.txt reads them). Decision
  // (DESIGN.md §2 rule 2, the reading that cannot keep what the owner refused): both readings
  // count — as written (an unknown line is ignored, and the rules after it join the group before
  // it; `all` names no crawler) and as the line it says it is — and a Disallow in either refuses.
  // Read as written only, `User-agent: GPTBot` / `Disallow: /` / `User_agent: Foo` / `Allow: /`
  // let GPTBot fetch everything, and `User-agent: all` / `Disallowed: /` refused nothing; read the
  // other way only, a `Disallow: /` for `*` before `User_agent: GPTBot` / `Disallow: /private/`
  // would let GPTBot fetch the rest. Only the second reading's refusals are added: an Allow it
  // reads never lifts the first reading's Disallow.
  if (robots.readsOtherWays && !evidence.some((e) => e.effect === 'deny' && e.reason === 'robots-disallow')) {
    const other = disallowEvidence(parseCached(fetched.body, true), path, fetched, scope, profile);
    evidence.push(...other.map((e) => ({ ...e, note: `${e.note ?? ''} (reading a line written another way, such as User_agent:, Disallowed: or User-agent: all, as the line it says it is)` })));
  }
  if (!evidence.some((e) => e.effect === 'deny')) {
    evidence.push({ ...base, value: `${profile.robotsTokens.join(', ')}: allowed`, effect: 'allow', note: `robots.txt on ${host} lets ${profile.robotsTokens.length === 1 ? profile.robotsTokens[0] : `${profile.robotsTokens[0]} and the purpose's AI tokens`} fetch ${path}` });
  }
  evidence.push(...preferenceEvidence(robots, path, host, { scope, source: fetched.url }, profile));
  return evidence;
}

/** The Disallow evidence of one reading of a robots.txt for `path`: each token of the purpose's that a rule refuses. */
function disallowEvidence(robots: RobotsTxt, path: string, fetched: RobotsFetch & { outcome: 'ok' }, scope: Scope, profile: PurposeProfile): Evidence[] {
  const host = hostOf(fetched.url);
  const base = { kind: 'robots-txt' as const, scope, source: fetched.url };
  const evidence: Evidence[] = [];
  const viaGlobal: string[] = [];
  let globalRule: string | null = null;
  const decided = new Map<AgentRules, RobotsRule | null>(); // tokens sharing `*` are matched once
  const anyCase = new Set<RobotsRule>(); // rules that refuse only in the any-case reading (serverFoldsCase)
  const ruleOf = (group: AgentRules) => {
    let rule = decided.get(group);
    if (rule === undefined) {
      rule = isRobotsTxt(path) ? null : strictestRule(group, path);
      if (fetched.foldsCase === true && (!rule || rule.allow) && !isRobotsTxt(path.toLowerCase())) {
        const folded = strictestRule(caseFoldedGroup(group), foldCase(path));
        if (folded && !folded.allow) anyCase.add((rule = folded));
      }
      decided.set(group, rule);
    }
    return rule;
  };
  for (const token of profile.robotsTokens) {
    const selected = selectGroups(robots, token);
    let { via, group } = selected;
    let rule = ruleOf(group);
    // The second reading of User-agent lines (a list, a quoted token, a whole User-Agent
    // string naming the token): disallowed there is disallowed (DESIGN.md §2; parse.ts).
    const loose = looseGroup(robots, token);
    if ((!rule || rule.allow) && loose) {
      const other = ruleOf(loose);
      if (other && !other.allow) [rule, via, group] = [other, 'named', loose];
    }
    // A group whose User-agent value is a `*` written another way (`"*"`, `*;`; parse.ts
    // looseGlobal) binds, as `*` does, each token no group names: disallowed there is disallowed.
    if ((!rule || rule.allow) && via !== 'named' && robots.looseGlobal) {
      const other = ruleOf(robots.looseGlobal);
      if (other && !other.allow) [rule, via, group] = [other, 'global', robots.looseGlobal];
    }
    // SIGNALS.md §1.6 (imagesift.com/about): with no ImagesiftBot group, ImagesiftBot obeys the
    // Googlebot group before `*`. DESIGN.md §2 rule 2 says `*` applies where no group names the
    // token; the owner who wrote a Googlebot group spoke to ImagesiftBot too, so both readings
    // count and a Disallow in either refuses.
    let fallback = '';
    if ((!rule || rule.allow) && via !== 'named' && token.toLowerCase() === 'imagesiftbot') {
      const google = selectGroups(robots, 'Googlebot');
      const other = google.via === 'named' ? ruleOf(google.group) : null;
      if (other && !other.allow) [rule, via, group, fallback] = [other, 'named', google.group, ' (Googlebot group)'];
    }
    if (!rule || rule.allow) continue;
    const inAnyCase = anyCase.has(rule) ? ' (in any letter case: the server is IIS, which reads paths so)' : '';
    if (via === 'global') {
      viaGlobal.push(token);
      globalRule = `${rule.raw}${inAnyCase}`;
      continue;
    }
    evidence.push({ ...base, value: `${token}: Disallow: ${rule.raw}${fallback}${inAnyCase}`, effect: 'deny', reason: 'robots-disallow', note: `robots.txt on ${host} disallows ${token} for ${rule.raw}${inAnyCase}${fallback ? ', in the Googlebot group ImagesiftBot obeys when no group names it' : ''}` });
  }
  if (globalRule !== null) {
    // Tokens without a group of their own share the `*` answer: one entry, not twenty.
    evidence.push({ ...base, value: `*: Disallow: ${globalRule}`, effect: 'deny', reason: 'robots-disallow', note: `robots.txt on ${host} disallows all crawlers (User-agent: *) for ${globalRule}; this applies to ${viaGlobal.join(', ')}` });
  }
  return evidence;
}
