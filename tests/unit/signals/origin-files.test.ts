import { describe, expect, it } from 'vitest';
import { isBotChallenge, originOf, robotsStatusOutcome, signalFileStatusOutcome, signalFileUrls } from '../../../utils/signals/origin-files';

// DESIGN.md §2 rule 2: robots.txt answering 4xx other than 429 → no restriction; 429, 5xx → complete disallow.
describe('robotsStatusOutcome (an HTTP error answer for robots.txt)', () => {
  it.each<[number, 'unavailable' | 'unreachable']>([
    [400, 'unavailable'],
    [401, 'unavailable'],
    [403, 'unavailable'],
    [404, 'unavailable'],
    [410, 'unavailable'],
    [429, 'unreachable'],
    [499, 'unavailable'],
    [500, 'unreachable'],
    [503, 'unreachable'],
    [599, 'unreachable'],
  ])('HTTP %i → %s', (status, expected) => {
    expect(robotsStatusOutcome(status)).toBe(expected);
  });
});

// DESIGN.md §2 rule 3: tdmrep.json, ai.txt, RSL answering 429 or 5xx are unreadable; 404/410 absent.
// Other 4xx (401, 403, 451…) do not say the file does not exist: unreadable too (fail closed).
describe('signalFileStatusOutcome (an HTTP error answer for tdmrep.json, ai.txt, an RSL document)', () => {
  it.each<[number, 'absent' | 'error']>([
    [404, 'absent'],
    [410, 'absent'],
    [429, 'error'],
    [400, 'error'],
    [401, 'error'],
    [403, 'error'],
    [451, 'error'],
    [500, 'error'],
    [503, 'error'],
  ])('HTTP %i → %s', (status, expected) => {
    expect(signalFileStatusOutcome(status)).toBe(expected);
  });
});

// The origin whose signal files speak for a URL: by origin, not spelling. A fully qualified host
// (trailing dot) is the same host: its robots.txt is the one published without the dot, not
// `https://v.test./robots.txt`, which a server keyed on the exact Host may answer 404 ("no
// restriction") while it serves the image (DESIGN.md §2 rule 2, fail closed).
describe('originOf', () => {
  it.each([
    ['https://v.test/a.jpg', 'https://v.test'],
    ['https://V.Test:443/a.jpg', 'https://v.test'],
    ['https://v.test./a.jpg', 'https://v.test'],
    ['https://v.test.../a.jpg', 'https://v.test'],
    ['https://V.TEST.:8443/a.jpg', 'https://v.test:8443'],
    ['http://user:pw@v.test.:80/a.jpg', 'http://v.test'],
    ['https://127.0.0.1./a.jpg', 'https://127.0.0.1'],
    ['https://[::1]/a.jpg', 'https://[::1]'],
    ['data:image/png;base64,AA==', null],
    ['not a url', null],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it("a trailing-dot image's robots.txt is read without the dot", () => {
    expect(signalFileUrls(originOf('https://v.test./private/a.jpg')!).robots).toBe('https://v.test/robots.txt');
  });
});

// A bot-protection challenge answered in a signal file's place is not the file (DESIGN.md §2
// rules 2 and 5). AWS WAF marks its Challenge (HTTP 202) and CAPTCHA (HTTP 405) responses
// `x-amzn-waf-action: challenge|captcha` (AWS WAF Developer Guide, "CAPTCHA and Challenge
// action behavior"). Unrecognised, a 405 read as "no robots.txt" and a 202 as a robots.txt with
// no rule: the owner's GPTBot Disallow behind it was never read, and the image was kept.
describe('isBotChallenge', () => {
  const h = (headers: Record<string, string>) => new Headers(headers);
  it('Cloudflare’s and Vercel’s challenge headers are challenges', () => {
    expect(isBotChallenge(h({ 'cf-mitigated': 'challenge' }))).toBe(true);
    expect(isBotChallenge(h({ 'x-vercel-mitigated': 'challenge' }))).toBe(true);
  });
  it('an AWS WAF challenge or CAPTCHA (x-amzn-waf-action) is a challenge, in any case', () => {
    expect(isBotChallenge(h({ 'x-amzn-waf-action': 'challenge' }))).toBe(true);
    expect(isBotChallenge(h({ 'x-amzn-waf-action': 'captcha' }))).toBe(true);
    expect(isBotChallenge(h({ 'X-Amzn-Waf-Action': ' CAPTCHA ' }))).toBe(true);
  });
  it('a response without such a header is not', () => {
    expect(isBotChallenge(h({ 'content-type': 'text/html' }))).toBe(false);
    expect(isBotChallenge(h({ 'x-amzn-waf-action': 'count' }))).toBe(false);
    expect(isBotChallenge(undefined)).toBe(false);
  });
});
