import { describe, expect, it } from 'vitest';
import { purposeProfile } from '../../../utils/model/purposes';
import { partialContentUsageOptOuts, partialRobotsOptOuts } from '../../../utils/signals/robots-partial';
import type { RobotsFetch } from '../../../utils/signals/robots-txt';

const SRC = 'https://m.example/robots.txt';
const PAGE = 'https://m.example/gallery/';
const ok = (body: string): RobotsFetch => ({ url: SRC, outcome: 'ok', body });
const AI = purposeProfile('ai-training');

// DESIGN.md §2 Site status: Content-Usage rules for some paths make a site restricted.
describe('partialContentUsageOptOuts', () => {
  it('a train-ai=n rule for other paths is info naming content-usage-n', () => {
    expect(partialContentUsageOptOuts(ok('User-agent: *\nContent-Usage: /photos/ train-ai=n'), PAGE, AI)).toEqual([
      { kind: 'content-usage', scope: 'site', source: SRC, value: '*: Content-Usage: /photos/ train-ai=n', effect: 'info', reason: 'content-usage-n', note: 'robots.txt on m.example says train-ai=n for some paths (*: Content-Usage: /photos/ train-ai=n); images there will be refused' },
    ]);
  });

  it.each([
    ['a rule that covers the page (evaluateRobots answers for it)', 'User-agent: *\nContent-Usage: /gallery/ train-ai=n'],
    ['a rule without a path (the whole group: evaluateRobots)', 'User-agent: *\nContent-Usage: train-ai=n'],
    ['y', 'User-agent: *\nContent-Usage: /photos/ train-ai=y'],
    ['another label', 'User-agent: *\nContent-Usage: /photos/ search=n'],
    ['a group for a crawler the purpose does not name', 'User-agent: googlebot\nContent-Usage: /photos/ train-ai=n'],
  ])('nothing for %s', (_, body) => {
    expect(partialContentUsageOptOuts(ok(body), PAGE, AI)).toEqual([]);
  });

  it('an unreadable or non-token value fails closed: signal-unreadable', () => {
    const found = partialContentUsageOptOuts(ok('User-agent: GPTBot\nContent-Usage: /a/ TRAIN-AI=N\nContent-Usage: /b/ train-ai="n"'), PAGE, AI);
    expect(found.map((e) => [e.value, e.reason])).toEqual([
      ['GPTBot: Content-Usage: /a/ TRAIN-AI=N', 'signal-unreadable'],
      ['GPTBot: Content-Usage: /b/ train-ai="n"', 'signal-unreadable'],
    ]);
  });

  it('nothing for a purpose without an aipref category, or without a file', () => {
    expect(partialContentUsageOptOuts(ok('User-agent: *\nContent-Usage: /photos/ train-ai=n'), PAGE, purposeProfile('research-tdm'))).toEqual([]);
    expect(partialContentUsageOptOuts({ url: SRC, outcome: 'unavailable', status: 404 }, PAGE, AI)).toEqual([]);
  });
});

// A robots.txt read a second way (a misspelt User-agent or Disallow: robots-txt.ts) refuses the
// images under its paths, but the site status read the first reading only: `User_agent: GPTBot`
// / `Disallowed: /private/` left the site shown open while Collect refused those images.
describe('partialRobotsOptOuts on a robots.txt written another way', () => {
  it('a misspelt User-agent or Disallow naming an AI token marks the site restricted', () => {
    expect(partialRobotsOptOuts(ok('User_agent: GPTBot\nDisallow: /private/\n'), PAGE, AI).map((e) => e.value)).toEqual(['GPTBot: Disallow: /private/']);
    expect(partialRobotsOptOuts(ok('User-agent: GPTBot\nDisallowed: /private/\n'), PAGE, AI).map((e) => e.value)).toEqual(['GPTBot: Disallow: /private/']);
  });

  it('unchanged: a file written plainly reads as before, and a * housekeeping rule marks nothing', () => {
    expect(partialRobotsOptOuts(ok('User-agent: GPTBot\nDisallow: /private/\n'), PAGE, AI).map((e) => e.value)).toEqual(['GPTBot: Disallow: /private/']);
    expect(partialRobotsOptOuts(ok('User-agent: *\nDisallowed: /admin/\n'), PAGE, AI)).toEqual([]);
  });
});
