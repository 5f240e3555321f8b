import type { Evidence } from '../model/evidence';
import type { PurposeProfile } from '../model/purposes';
import { refusingLabel, usageForPurpose } from './content-usage';
import { clip } from './fetched-file';
import { looseGroup, selectGroups } from './robots/match';
import { matchPattern } from './robots/pattern';
import { parseCached, preferenceGroups, robotsTargetPath, type RobotsFetch } from './robots-txt';

/**
 * Opt-outs in robots.txt that cover some paths but not the page itself: `info` evidence naming
 * `robots-disallow`, so the site status reads `restricted` (DESIGN.md §2 "Site status").
 */
export function partialRobotsOptOuts(fetched: RobotsFetch, pageUrl: string, profile: PurposeProfile): Evidence[] {
  if (fetched.outcome !== 'ok') return [];
  const first = parseCached(fetched.body);
  // Read the second way too where the file says something another way (a misspelt User-agent or
  // Disallow; robots-txt.ts evaluateRobots refuses by either reading): the status says what Collect does.
  const readings = first.readsOtherWays ? [first, parseCached(fetched.body, true)] : [first];
  const byRule = new Map<string, string[]>();
  for (const robots of readings) for (const token of profile.robotsTokens) {
    const { via, group } = selectGroups(robots, token);
    // Only groups that name the token (either reading of User-agent lines; parse.ts): a
    // `User-agent: *` Disallow of /admin/ is housekeeping on most sites, not an AI opt-out, and
    // would mark nearly every site restricted. Images under such paths are still refused
    // through evaluateRobots.
    const named = [...(via === 'named' ? [group] : []), ...[looseGroup(robots, token)].filter((g) => g !== null)];
    for (const rule of named.flatMap((g) => g.rules)) {
      if (rule.allow || rule.raw === '') continue;
      const key = `${token}: Disallow: ${rule.raw}`;
      if (!byRule.get(key)?.includes(token)) byRule.set(key, [...(byRule.get(key) ?? []), token]);
    }
  }
  const host = hostOf(fetched.url);
  return [...byRule.keys()].slice(0, 20).map((value) => ({
    kind: 'robots-txt' as const,
    scope: 'site' as const,
    source: fetched.url,
    value,
    effect: 'info' as const,
    reason: 'robots-disallow' as const,
    note: `robots.txt on ${host} disallows some paths (${value}); images there will be refused`,
  }));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Content-Usage (and Content-Signal) rules in robots.txt that give the purpose's category `n` — or a value Heed
 * cannot read, which fails closed — for some paths other than the page's: `info` evidence
 * naming `content-usage-n` (or `signal-unreadable`), so the site status reads `restricted`
 * (DESIGN.md §2 "Site status": "Content-Usage … rules for some paths"). A rule that covers the
 * page itself is answered by evaluateRobots for the page. Every group that speaks for the
 * purpose counts, `*` included: a preference is about use, not crawling (aipref vocab §7.1).
 */
export function partialContentUsageOptOuts(fetched: RobotsFetch, pageUrl: string, profile: PurposeProfile): Evidence[] {
  const category = profile.contentUsageCategory;
  if (fetched.outcome !== 'ok') return [];
  const pagePath = robotsTargetPath(pageUrl);
  const robots = parseCached(fetched.body);
  const out = new Map<string, Evidence>();
  for (const [label, group] of preferenceGroups(robots, profile.robotsTokens)) {
    for (const pref of group.contentUsage) {
      if (!pref.pattern || matchPattern(pref.pattern, pagePath)) continue;
      // Labels of earlier vocabulary drafts refuse too (usageForPurpose, content-usage.ts); a
      // purpose without a category (research-tdm) is refused by those alone.
      const usage = pref.value ? usageForPurpose(pref.value, profile) : null;
      const says = usage ? usage.said : 'unreadable';
      if (says !== 'n' && !((category !== null || usage?.earlier === true) && (says === 'other' || says === 'unreadable'))) continue;
      const value = `${label}: Content-Usage: ${clip(pref.raw, 300)}`;
      const host = hostOf(fetched.url);
      out.set(value, says === 'n'
        ? { kind: 'content-usage', scope: 'site', source: fetched.url, value, effect: 'info', reason: 'content-usage-n', note: `robots.txt on ${host} says ${refusingLabel(usage!)} for some paths (${value}); images there will be refused` }
        : { kind: 'content-usage', scope: 'site', source: fetched.url, value, effect: 'info', reason: 'signal-unreadable', note: `robots.txt on ${host} has a Content-Usage rule for some paths that Heed cannot read (${value}); images there will be refused` });
      if (out.size >= 20) return [...out.values()];
    }
    // Content-Signal rules for some paths refuse the images there too (robots-txt.ts reads them
    // for each image): `no` for the purpose's key, or a value other than yes / no (fails closed).
    for (const pref of group.contentSignals) {
      if (!pref.pattern || !pref.value || matchPattern(pref.pattern, pagePath)) continue;
      const said = profile.contentSignalKeys.map((k) => [k, pref.value![k]] as const);
      const refusing = said.find(([, v]) => v === 'no') ?? said.find(([, v]) => v === 'other');
      if (!refusing) continue;
      const value = `${label}: Content-Signal: ${clip(pref.raw, 300)}`;
      const host = hostOf(fetched.url);
      out.set(value, refusing[1] === 'no'
        ? { kind: 'content-signal', scope: 'site', source: fetched.url, value, effect: 'info', reason: 'content-usage-n', note: `robots.txt on ${host} says ${refusing[0]}=no for some paths (${value}); images there will be refused` }
        : { kind: 'content-signal', scope: 'site', source: fetched.url, value, effect: 'info', reason: 'signal-unreadable', note: `robots.txt on ${host} gives ${refusing[0]} a value other than yes or no for some paths (${value}); images there will be refused` });
      if (out.size >= 20) return [...out.values()];
    }
  }
  return [...out.values()];
}
