import type { Evidence } from '../model/evidence';
import type { PurposeProfile } from '../model/purposes';
import { selectGroups } from './robots/match';
import { parseCached, type RobotsFetch } from './robots-txt';

/**
 * Opt-outs in robots.txt that cover some paths but not the page itself: `info` evidence naming
 * `robots-disallow`, so the site status reads `restricted` (DESIGN.md §2 "Site status").
 */
export function partialRobotsOptOuts(fetched: RobotsFetch, pageUrl: string, profile: PurposeProfile): Evidence[] {
  if (fetched.outcome !== 'ok') return [];
  const robots = parseCached(fetched.body);
  const byRule = new Map<string, string[]>();
  for (const token of profile.robotsTokens) {
    const { via, group } = selectGroups(robots, token);
    // Only groups that name the token: a `User-agent: *` Disallow of /admin/ is housekeeping
    // on most sites, not an AI opt-out, and would mark nearly every site restricted. Images
    // under such paths are still refused through evaluateRobots.
    if (via !== 'named') continue;
    for (const rule of group.rules) {
      if (rule.allow || rule.raw === '') continue;
      const key = `${token}: Disallow: ${rule.raw}`;
      byRule.set(key, [...(byRule.get(key) ?? []), token]);
    }
  }
  const host = (() => {
    try {
      return new URL(fetched.url).host;
    } catch {
      return fetched.url;
    }
  })();
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
