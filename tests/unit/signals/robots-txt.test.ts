import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../utils/model/evidence';
import { purposeProfile, type PurposeProfile } from '../../../utils/model/purposes';
import { compilePattern, matchPattern, pathOfUrl } from '../../../utils/signals/robots/pattern';
import { MAX_LINE_BYTES } from '../../../utils/signals/robots/tokenize';
import {
  evaluateRobots,
  isAllowed,
  isValidProductToken,
  matchRobots,
  MAX_ROBOTS_BYTES,
  parseRobotsTxt,
  robotsBodyFromBytes,
  robotsLicenceUrls,
  robotsLicences,
  serverFoldsCase,
  type RobotsFetch,
  type RobotsTxt,
} from '../../../utils/signals/robots-txt';
import { partialContentUsageOptOuts } from '../../../utils/signals/robots-partial';

interface Vector { test: string; googleOnly: boolean; robots: string; userAgent: string; url: string; allowed: boolean; line: number }
interface TokenVector { test: string; userAgent: string; valid: boolean; line: number }
const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../../shared/conformance/robots-google.json', import.meta.url)), 'utf8'),
) as { cases: Vector[]; tokenCases: TokenVector[] };
const label = (c: { test: string; line: number }) => `${c.test} (robots_test.cc:${c.line})`;
const check = (c: Vector) => isAllowed(parseRobotsTxt(c.robots), c.userAgent, c.url);

describe('conformance: google/robotstxt vectors (shared/conformance/robots-google.json)', () => {
  it.each(vectors.cases.filter((c) => !c.googleOnly).map((c) => [label(c), c] as const))('RFC %s', (_, c) => {
    expect(check(c)).toBe(c.allowed);
  });

  // googleOnly (optional Google leniencies): 72 of 73 pass. The one failure,
  // GoogleOnly_IndexHTMLisDirectory line 505, reads `Allow: /dir/index.html` as also allowing
  // `/dir/`; Heed does not adopt a leniency that widens what an Allow covers.
  it('googleOnly leniencies: 72 of 73', () => {
    const googleOnly = vectors.cases.filter((c) => c.googleOnly);
    const failed = googleOnly.filter((c) => check(c) !== c.allowed).map(label);
    console.log(`robots.txt googleOnly vectors passed: ${googleOnly.length - failed.length}/${googleOnly.length}; failed: ${failed.join(', ')}`);
    expect(failed).toEqual(['GoogleOnly_IndexHTMLisDirectory (robots_test.cc:505)']);
  });

  it.each(vectors.tokenCases.map((c) => [label(c), JSON.stringify(c.userAgent), c] as const))('product token %s %s', (_, __, c) => {
    expect(isValidProductToken(c.userAgent)).toBe(c.valid);
  });
});

// A plain view of a parse, for exact-output comparisons.
function summary(r: RobotsTxt) {
  const rules = (g: RobotsTxt['global']) => g && {
    rules: g.rules.map((x) => `${x.allow ? 'allow' : 'disallow'} ${x.pattern.source}`),
    contentUsage: g.contentUsage.map((p) => [p.pattern?.source ?? null, p.value && { ...p.value }]),
    contentSignals: g.contentSignals.map((p) => [p.pattern?.source ?? null, p.value && { ...p.value }]),
  };
  return {
    agents: Object.fromEntries([...r.agents].map(([k, g]) => [k, rules(g)])),
    global: rules(r.global),
    sitemaps: r.sitemaps,
    licences: r.licences,
    ignoredLines: r.ignoredLines,
    truncated: r.truncated,
  };
}

describe('parseRobotsTxt', () => {
  it('builds groups, preferences and global records', () => {
    const body = [
      '\uFEFF# robots.txt',
      'Sitemap: https://example.com/sitemap.xml',
      'License: https://example.com/license.xml',
      'Disallow: /before-any-group',
      'User-agent: *',
      'Disallow: /private/',
      'Allow: /private/press/*.jpg$',
      'Content-Usage: train-ai=n',
      'Content-Usage: /ai-ok/ train-ai=y',
      'Content-Usage: /bad/ Train-AI=n',
      'Content-Signal: search=yes, ai-train=no',
      '',
      'User-agent: GPTBot',
      'user-agent: CCBot/2.0 (+https://commoncrawl.org/faq/)',
      'DISALLOW: /',
      'nonsense line here',
      'Crawl-delay: 10',
    ].join('\r\n');
    expect(summary(parseRobotsTxt(body))).toEqual({
      agents: {
        gptbot: { rules: ['disallow /'], contentUsage: [], contentSignals: [] },
        ccbot: { rules: ['disallow /'], contentUsage: [], contentSignals: [] },
      },
      global: {
        // The Disallow before any group is read as a `*` group's (see "rules before the first User-agent line").
        rules: ['disallow /before-any-group', 'disallow /private/', 'allow /private/press/*.jpg$'],
        contentUsage: [[null, { 'train-ai': 'n' }], ['/ai-ok/', { 'train-ai': 'y' }], ['/bad/', null]],
        contentSignals: [[null, { search: 'yes', 'ai-train': 'no' }]],
      },
      sitemaps: ['https://example.com/sitemap.xml'],
      licences: ['https://example.com/license.xml'],
      ignoredLines: 2,
      truncated: false,
    });
  });

  it.each([
    ['LF', 'User-agent: *\nDisallow: /x\n'],
    ['CRLF', 'User-agent: *\r\nDisallow: /x\r\n'],
    ['CR only', 'User-agent: *\rDisallow: /x\r'],
    ['BOM', '\uFEFFUser-agent: *\nDisallow: /x'],
    ['no colons', 'User-agent *\nDisallow /x\nDisallow /y z'],
    ['odd case and spacing', '  uSeR-AgEnT   :   *  \n\tdIsAlLoW:/x   # trailing comment'],
    ['common misspelling', 'User-agent: *\nDissallow: /x'],
  ])('reads %s', (_, body) => {
    const r = parseRobotsTxt(body);
    expect([isAllowed(r, 'heed', '/x/1'), isAllowed(r, 'heed', '/y/1')]).toEqual([false, true]);
  });
});

describe('matchRobots', () => {
  it.each<[string, string, string, boolean, string | null]>([
    // SIGNALS.md §1.5
    ['User-agent: *\nDisallow: /private/\nAllow: /private/press/*.jpg$\n\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /', 'heed', '/private/press/a.jpg', true, '/private/press/*.jpg$'],
    ['User-agent: *\nDisallow: /private/\nAllow: /private/press/*.jpg$', 'heed', '/private/press/a.jpg?w=2', false, '/private/'],
    ['User-agent: *\nDisallow: /private/\n\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /', 'ccbot', '/public/a.jpg', false, '/'],
    ['User-agent: *\nDisallow: /', 'heed', 'https://example.com/robots.txt', true, null],
    ['User-agent: *\nDisallow: /', 'heed', 'https://example.com/robots.txt.bak', false, '/'],
    // A named group without rules still replaces `*`.
    ['User-agent: *\nDisallow: /\n\nUser-agent: heed\n', 'heed', '/a', true, null],
    // All groups naming a token merge.
    ['User-agent: a\nDisallow: /x\nUser-agent: b\nDisallow: /y\nUser-agent: a\nDisallow: /z', 'A', '/z1', false, '/z'],
    // Tokens with digits (AI2Bot, img2dataset) keep their digits.
    ['User-agent: AI2Bot\nDisallow: /', 'AI2Bot', '/a', false, '/'],
    ['User-agent: AI2Bot\nDisallow: /', 'AI', '/a', true, null],
    ['User-agent: * (all robots)\nDisallow: /', 'heed', '/a', false, '/'],
    // Encoding: patterns are percent-encoded and compared with browser-encoded URLs.
    ['User-agent: *\nDisallow: /my photos/', 'heed', 'https://e.example/my%20photos/a.jpg', false, '/my photos/'],
    ['User-agent: *\nDisallow: /ツ', 'heed', '/%e3%83%84.jpg', false, '/ツ'],
    ['User-agent: *\nDisallow: /a%3cb', 'heed', '/a%3Cb', false, '/a%3cb'],
    // Special characters.
    ['User-agent: *\nDisallow: /a$b', 'heed', '/a$bc', false, '/a$b'],
    ['User-agent: *\nDisallow: *.gif', 'heed', '/x/y.gif', false, '*.gif'],
    // `$` anchors at the end of the query as written; a `$`-anchored Disallow also anchors at the end
    // of the path (the query does not change the file served: match.ts anchoredWithoutQuery).
    ['User-agent: *\nDisallow: /*.jpg$', 'heed', '/a.jpg?x=1', false, '/*.jpg$'],
    ['User-agent: *\nAllow: /*.jpg$\nDisallow: /', 'heed', '/a.jpg?x=1', false, '/'],
    ['User-agent: *\nDisallow: /a**b$', 'heed', '/axxb', false, '/a**b$'],
    ['User-agent: *\nDisallow: /x\nDisallow: \nAllow:', 'heed', '/y', true, null],
    // Longest wins; equal length ties go to Allow.
    ['User-agent: *\nDisallow: /abc\nAllow: /ab*', 'heed', '/abc', true, '/ab*'],
    ['User-agent: *\nAllow: /ab\nDisallow: /a*c', 'heed', '/abc', false, '/a*c'],
    // Fragments are not part of the path.
    ['User-agent: *\nDisallow: /a$', 'heed', 'https://e.example/a#frag', false, '/a$'],
  ])('%j for %s on %s → %s (%s)', (body, token, url, allowed, rule) => {
    const m = matchRobots(parseRobotsTxt(body), token, url);
    expect([m.allowed, m.rule?.raw ?? null]).toEqual([allowed, rule]);
  });

  it.each([
    ['http://a.example/x/y?q=1#f', '/x/y?q=1'],
    ['http://a.example', '/'],
    ['http://a.example?q', '/?q'],
    ['//a.example/p', '/p'],
    ['/p;params', '/p;params'],
    ['a.example/p', '/p'],
    ['', '/'],
    ['/x?u=http://b.example/', '/x?u=http://b.example/'],
  ])('pathOfUrl(%j) = %j', (url, path) => {
    expect(pathOfUrl(url)).toBe(path);
  });
});

describe('evaluateRobots', () => {
  const profile: PurposeProfile = { ...purposeProfile('ai-training'), robotsTokens: ['heed', 'GPTBot', 'CCBot'] };
  const src = 'https://cdn.example/robots.txt';
  const ok = (body: string): RobotsFetch => ({ url: src, outcome: 'ok', body });
  const base = { kind: 'robots-txt', scope: 'image', source: src } as const;
  const allowedFor = (path: string): Evidence => ({ ...base, value: 'heed, GPTBot, CCBot: allowed', effect: 'allow', note: `robots.txt on cdn.example lets heed and the purpose's AI tokens fetch ${path}` });
  const attach05 = 'User-Agent: *\nAllow: /\nDisallow: /never/\nContent-Usage: train-ai=n\nContent-Usage: /ai-ok/ train-ai=y\n';

  it.each<[string, RobotsFetch, string, Evidence[]]>([
    ['a named group', ok('User-agent: GPTBot\nDisallow: /photos/\n'), 'https://cdn.example/photos/a.jpg', [
      { ...base, value: 'GPTBot: Disallow: /photos/', effect: 'deny', reason: 'robots-disallow', note: 'robots.txt on cdn.example disallows GPTBot for /photos/' },
    ]],
    ['the * fallback, once', ok('User-agent: *\nDisallow: /\n'), 'https://cdn.example/a.jpg', [
      { ...base, value: '*: Disallow: /', effect: 'deny', reason: 'robots-disallow', note: 'robots.txt on cdn.example disallows all crawlers (User-agent: *) for /; this applies to heed, GPTBot, CCBot' },
    ]],
    ['an allowed URL', ok('User-agent: GPTBot\nDisallow: /private/\n'), 'https://cdn.example/photos/a.jpg', [allowedFor('/photos/a.jpg')]],
    ['a 404', { url: src, outcome: 'unavailable', status: 404 }, 'https://cdn.example/a.jpg', [
      { ...base, value: 'unavailable (HTTP 404)', effect: 'info', note: 'robots.txt on cdn.example answered HTTP 404: no restrictions apply (RFC 9309 §2.3.1.3)' },
    ]],
    ['a 503', { url: src, outcome: 'unreachable', detail: 'HTTP 503' }, 'https://cdn.example/a.jpg', [
      { ...base, value: 'unreachable: HTTP 503', effect: 'deny', reason: 'robots-unreachable', note: 'robots.txt on cdn.example could not be fetched (HTTP 503); RFC 9309 §2.3.1.4 says to assume everything is disallowed' },
    ]],
    ['attach-05: group preference', ok(attach05), 'https://cdn.example/photo.jpg', [
      allowedFor('/photo.jpg'),
      { kind: 'content-usage', scope: 'image', source: src, value: '*: Content-Usage: train-ai=n', effect: 'deny', reason: 'content-usage-n', note: 'robots.txt on cdn.example says train-ai=n for /photo.jpg: the owner opts out of train-ai' },
    ]],
    ['attach-05: longer path wins', ok(attach05), 'https://cdn.example/ai-ok/x.jpg', [
      allowedFor('/ai-ok/x.jpg'),
      { kind: 'content-usage', scope: 'image', source: src, value: '*: Content-Usage: /ai-ok/ train-ai=y', effect: 'allow', note: 'robots.txt on cdn.example says train-ai=y for /ai-ok/x.jpg' },
    ]],
    ['attach-05: no preference on a disallowed path', ok(attach05), 'https://cdn.example/never/x', [
      { ...base, value: '*: Disallow: /never/', effect: 'deny', reason: 'robots-disallow', note: 'robots.txt on cdn.example disallows all crawlers (User-agent: *) for /never/; this applies to heed, GPTBot, CCBot' },
    ]],
    ['identical paths combine most-restrictively', ok('User-agent: *\nContent-Usage: /a/ train-ai=y\nContent-Usage: /a/ train-ai=n'), 'https://cdn.example/a/x', [
      allowedFor('/a/x'),
      { kind: 'content-usage', scope: 'image', source: src, value: '*: Content-Usage: /a/ train-ai=n', effect: 'deny', reason: 'content-usage-n', note: 'robots.txt on cdn.example says train-ai=n for /a/x: the owner opts out of train-ai' },
    ]],
    ['a named token group preference', ok('User-agent: GPTBot\nContent-Usage: train-ai=n\n\nUser-agent: *\nAllow: /'), 'https://cdn.example/a', [
      allowedFor('/a'),
      { kind: 'content-usage', scope: 'image', source: src, value: 'GPTBot: Content-Usage: train-ai=n', effect: 'deny', reason: 'content-usage-n', note: 'robots.txt on cdn.example says train-ai=n for /a: the owner opts out of train-ai' },
    ]],
    // 13a: a rule the aipref grammar rejects fails closed for the paths it covers (DESIGN.md §2 rule 5).
    ['an unreadable preference', ok('User-agent: *\nContent-Usage: Train-AI=n'), 'https://cdn.example/a', [
      allowedFor('/a'),
      { kind: 'content-usage', scope: 'image', source: src, value: '*: Content-Usage: Train-AI=n', effect: 'deny', reason: 'signal-unreadable', note: 'robots.txt on cdn.example has a Content-Usage rule for /a that is not a valid Structured Fields dictionary; Heed fails closed' },
    ]],
    ['a quoted preference', ok('User-agent: *\nContent-Usage: /a train-ai="y"'), 'https://cdn.example/a', [
      allowedFor('/a'),
      { kind: 'content-usage', scope: 'image', source: src, value: '*: Content-Usage: /a train-ai="y"', effect: 'deny', reason: 'signal-unreadable', note: 'robots.txt on cdn.example gives train-ai a value other than the token y or n for /a; Heed fails closed' },
    ]],
    ['an unreadable preference for another path does not apply', ok('User-agent: *\nContent-Usage: /b/ Train-AI=n'), 'https://cdn.example/a', [allowedFor('/a')]],
    ['Cloudflare Content-Signal', ok('User-Agent: *\nContent-Signal: search=yes, ai-train=no\nAllow: /'), 'https://cdn.example/a', [
      allowedFor('/a'),
      { kind: 'content-signal', scope: 'image', source: src, value: '*: Content-Signal: search=yes, ai-train=no', effect: 'deny', reason: 'content-usage-n', note: 'robots.txt on cdn.example says ai-train=no for /a (Cloudflare Content Signals)' },
    ]],
    ['a raw non-ASCII target URL', ok('User-agent: *\nDisallow: /ツ'), 'https://cdn.example/ツ.jpg', [
      { ...base, value: '*: Disallow: /ツ', effect: 'deny', reason: 'robots-disallow', note: 'robots.txt on cdn.example disallows all crawlers (User-agent: *) for /ツ; this applies to heed, GPTBot, CCBot' },
    ]],
  ])('%s', (_, fetched, target, expected) => {
    expect(evaluateRobots(fetched, target, 'image', profile)).toEqual(expected);
  });

  it('ignores train-ai preferences for research-tdm', () => {
    const tdm = { ...purposeProfile('research-tdm'), robotsTokens: ['heed'] };
    const body = 'User-agent: *\nContent-Usage: train-ai=n\nContent-Signal: ai-train=no';
    expect(evaluateRobots(ok(body), 'https://cdn.example/a', 'page', tdm)).toEqual([
      { ...base, scope: 'page', value: 'heed: allowed', effect: 'allow', note: 'robots.txt on cdn.example lets heed fetch /a' },
    ]);
  });

  // DESIGN.md §2 rule 2 (RFC 9309 §2.2.2): percent-encoded unreserved characters are decoded in
  // both the URL path and the rule; a path with repeated slashes is checked as written and
  // merged; the stricter answer wins.
  describe('path tricks', () => {
    const denyStar = (rule: string): Evidence => ({ ...base, value: `*: Disallow: ${rule}`, effect: 'deny', reason: 'robots-disallow', note: `robots.txt on cdn.example disallows all crawlers (User-agent: *) for ${rule}; this applies to heed, GPTBot, CCBot` });
    it.each<[string, string, string, Evidence[]]>([
      ['an encoded unreserved letter in the URL', 'User-agent: *\nDisallow: /private/', 'https://cdn.example/%70rivate/a.jpg', [denyStar('/private/')]],
      ['lower-case hex, an encoded digit and tilde', 'User-agent: *\nDisallow: /a1~/', 'https://cdn.example/%61%31%7e/x', [denyStar('/a1~/')]],
      ['an encoded letter in the rule', 'User-agent: *\nDisallow: /%70rivate/', 'https://cdn.example/private/a.jpg', [denyStar('/%70rivate/')]],
      ['repeated slashes', 'User-agent: *\nDisallow: /private/', 'https://cdn.example//private/a.jpg', [denyStar('/private/')]],
      ['repeated slashes inside', 'User-agent: *\nDisallow: /a/private/', 'https://cdn.example/a///private/x.jpg', [denyStar('/a/private/')]],
      ['both tricks at once', 'User-agent: *\nDisallow: /private/', 'https://cdn.example//%70rivate//a.jpg', [denyStar('/private/')]],
      ['an Allow for the slashes as written does not open the merged path', 'User-agent: *\nDisallow: /private/\nAllow: //private/', 'https://cdn.example//private/a.jpg', [denyStar('/private/')]],
      ['the stricter answer wins: an encoded Allow does not open the decoded path', 'User-agent: *\nDisallow: /\nAllow: /foo/%62%61%7A', 'https://cdn.example/foo/baz', [denyStar('/')]],
    ])('%s', (_name, body, url, expected) => {
      expect(evaluateRobots(ok(body), url, 'image', profile)).toEqual(expected);
    });

    it.each<[string, string, string]>([
      ['an encoded percent is not decoded twice', 'User-agent: *\nDisallow: /private/', 'https://cdn.example/%2570rivate/a.jpg'],
      ['slashes in the query are not merged', 'User-agent: *\nDisallow: /a?u=/b', 'https://cdn.example/a?u=//b'],
    ])('%s', (_name, body, url) => {
      expect(evaluateRobots(ok(body), url, 'image', profile).map((e) => e.effect)).toEqual(['allow']);
    });

    it('a Content-Usage path rule reaches the encoded and doubled paths too', () => {
      const body = 'User-agent: *\nContent-Usage: /private/ train-ai=n';
      for (const url of ['https://cdn.example/%70rivate/a.jpg', 'https://cdn.example//private/a.jpg']) {
        expect(evaluateRobots(ok(body), url, 'image', profile).map((e) => e.reason ?? e.effect)).toEqual(['allow', 'content-usage-n']);
      }
    });

    // Many servers (nginx, S3) decode `%2F`: /private%2Fa.jpg serves /private/a.jpg.
    it('a Disallow and a Content-Usage path rule reach an encoded slash', () => {
      const r = parseRobotsTxt('User-agent: *\nDisallow: /private/');
      for (const url of ['https://cdn.example/private%2Fa.jpg', 'https://cdn.example/private%2fa.jpg', 'https://cdn.example/%2Fprivate/a.jpg', 'https://cdn.example/%70rivate%2Fa.jpg']) {
        expect(isAllowed(r, 'heed', url)).toBe(false);
        expect(evaluateRobots(ok('User-agent: *\nContent-Usage: /private/ train-ai=n'), url, 'image', profile).map((e) => e.reason ?? e.effect)).toEqual(['allow', 'content-usage-n']);
      }
      // Was pinned as allowed ("%2F is not a path separator"): the path as written still keeps it
      // encoded (the Google reading the conformance vectors pin); the decoded reading adds the Disallow.
      expect(isAllowed(parseRobotsTxt('User-agent: *\nDisallow: /a/b'), 'heed', 'https://cdn.example/a%2Fb')).toBe(false);
      // An Allow for the encoded path does not lift the Disallow of the decoded one.
      expect(isAllowed(parseRobotsTxt('User-agent: *\nDisallow: /private/\nAllow: /private%2F'), 'heed', 'https://cdn.example/private%2Fa.jpg')).toBe(false);
      // Benign paths, and a %2F in the query, are unchanged.
      expect([isAllowed(r, 'heed', 'https://cdn.example/public%2Fa.jpg'), isAllowed(r, 'heed', 'https://cdn.example/a.jpg?u=%2Fprivate%2F'), isAllowed(r, 'heed', 'https://cdn.example/public/a.jpg')]).toEqual([true, true, true]);
    });

    it('isAllowed answers the same', () => {
      const r = parseRobotsTxt('User-agent: *\nDisallow: /private/');
      expect([isAllowed(r, 'heed', 'https://cdn.example/%70rivate/a'), isAllowed(r, 'heed', 'https://cdn.example//private/a'), isAllowed(r, 'heed', 'https://cdn.example/public/a')]).toEqual([false, false, true]);
    });
  });

  // Was pinned as allowed (the Disallow past the cap ignored): the unread rest may refuse, so it fails closed.
  it('refuses under a body cut at the size cap', () => {
    const body = `User-agent: *\n${'#'.repeat(MAX_ROBOTS_BYTES)}\nDisallow: /\n`;
    expect(evaluateRobots(ok(body), 'https://cdn.example/a', 'image', profile)).toEqual([
      { ...base, value: 'truncated at 500 KiB', effect: 'deny', reason: 'signal-unreadable', note: 'robots.txt on cdn.example is larger than 500 KiB (512,000 bytes); the rest was not read (RFC 9309 §2.5), and a group there may refuse /a, so Heed fails closed' },
    ]);
  });

  it('resolves RSL License records', () => {
    const r = parseRobotsTxt('License: /rsl.xml\nLICENSE: https://x.example/l.xml\nLicense: https://x.example/l.xml\nLicense: ftp://x/l\nLicense: http://[bad');
    expect(robotsLicenceUrls(r, src)).toEqual(['https://cdn.example/rsl.xml', 'https://x.example/l.xml']);
    expect(robotsLicenceUrls(r)).toEqual(['https://x.example/l.xml']);
  });

  // A License: value in angle brackets or quotes, or naming two URLs, was read as one relative
  // path (`/%3Chttps://…%3E`), whose 404 read as "no licence": the declared licence went unread.
  it('reads License: values as written around their URLs; one naming no fetchable URL is unread', () => {
    const r = parseRobotsTxt([
      'License: <https://x.example/a.xml>',
      'License: "https://x.example/b.xml";',
      "License: '/c.xml'",
      'License: https://x.example/d.xml https://x.example/e.xml',
      'License: ftp://x.example/f.xml',
    ].join('\n'));
    expect(robotsLicences(r, src)).toEqual({
      urls: ['https://x.example/a.xml', 'https://x.example/b.xml', 'https://cdn.example/c.xml', 'https://x.example/d.xml', 'https://x.example/e.xml'],
      unread: ['ftp://x.example/f.xml'],
    });
  });
});

// Deterministic junk: bytes 0-255 as a latin1 string, plus stray surrogates.
function junk(length: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += String.fromCharCode(i % 997 === 0 ? 0xd800 : (x >>> 16) & 0xff);
  }
  return out;
}

/** Runs `fn`; a hang or blow-up fails through vitest's per-test timeout (speed is measured in `npm run bench`). */
const fast = (fn: () => unknown, _ms: number) => {
  fn();
};

describe('hostile input', () => {
  it('survives binary junk', () => {
    const r = parseRobotsTxt(junk(200_000, 7));
    expect(typeof isAllowed(r, 'heed', junk(500, 3))).toBe('boolean');
  });

  it('caps a 10 MB body quickly and ignores rules past the cap', () => {
    const body = `User-agent: *\n${'Disallow: /x\n'.repeat(800_000)}Disallow: /\n`;
    let r!: RobotsTxt;
    fast(() => (r = parseRobotsTxt(body)), 1000);
    expect([r.truncated, isAllowed(r, 'heed', '/x'), isAllowed(r, 'heed', '/y')]).toEqual([true, false, true]);
  });

  it('counts the cap in UTF-8 octets and drops the line it cuts', () => {
    const pad = 'é'.repeat(MAX_ROBOTS_BYTES / 2 - 20); // 2 octets each
    const inside = parseRobotsTxt(`User-agent: *\n#${pad}\nDisallow: /a`);
    const outside = parseRobotsTxt(`User-agent: *\n#${pad}\nDisallow: /abcdefghijklmnopqrstuvwxyz`);
    expect([inside.truncated, isAllowed(inside, 'h', '/a')]).toEqual([false, false]);
    expect([outside.truncated, isAllowed(outside, 'h', '/abcdefghijklmnopqrstuvwxyz')]).toEqual([true, true]);
  });

  // DESIGN.md §2 rule 2: at most 500 KiB (512,000 bytes) is read, cut after the last complete line.
  describe('robotsBodyFromBytes (the bytes fetched: the cap plus one to see if there is more)', () => {
    const enc = new TextEncoder();
    const padTo = (head: string, size: number) => `${head}#${'x'.repeat(size - enc.encode(head).length - 2)}\n`;

    it('reads 500 KiB: 512,000 bytes', () => {
      expect(MAX_ROBOTS_BYTES).toBe(512_000);
    });

    it('drops the line the cap cuts, so `Allow: /public/` never becomes `Allow: /`', () => {
      const head = padTo('User-agent: *\nDisallow: /\n', MAX_ROBOTS_BYTES - 8);
      const bytes = enc.encode(`${head}Allow: /public/\n`); // the cap falls inside "/public/"
      const { body, truncated } = robotsBodyFromBytes(bytes.subarray(0, MAX_ROBOTS_BYTES + 1));
      expect(truncated).toBe(true);
      expect(body).toBe(head);
      expect(isAllowed(parseRobotsTxt(body), 'heed', '/private/a.jpg')).toBe(false);
    });

    it.each([['LF', '\n'], ['CR', '\r'], ['CRLF', '\r\n']])('keeps a line ended by %s just inside the cap', (_, eol) => {
      const head = padTo('User-agent: *\n', MAX_ROBOTS_BYTES - 11 - eol.length);
      const text = `${head}Disallow: /${eol}Allow: /`;
      expect(enc.encode(`${head}Disallow: /${eol}`).length).toBe(MAX_ROBOTS_BYTES);
      const { body } = robotsBodyFromBytes(enc.encode(text).subarray(0, MAX_ROBOTS_BYTES + 1));
      expect(body).toBe(`${head}Disallow: /${eol}`);
    });

    // Windows tools save "Unicode" text as UTF-16: read as UTF-8, the file was NUL-strewn noise
    // with no rule in it, and GPTBot's `Disallow: /` was no rule at all (allowed).
    const utf16 = (text: string, order: 'le' | 'be', bom: boolean) => {
      const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
      let i = 0;
      if (bom) out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff], (i += 2) - 2);
      for (const ch of text) {
        const c = ch.charCodeAt(0);
        out[i++] = order === 'le' ? c & 0xff : c >> 8;
        out[i++] = order === 'le' ? c >> 8 : c & 0xff;
      }
      return out;
    };
    it.each([
      ['UTF-16LE with a BOM', 'le', true],
      ['UTF-16BE with a BOM', 'be', true],
      ['UTF-16LE without one', 'le', false],
      ['UTF-16BE without one', 'be', false],
    ] as const)('reads a robots.txt saved as %s', (_, order, bom) => {
      const text = 'User-agent: GPTBot\r\nDisallow: /\r\n\r\nUser-agent: *\r\nAllow: /\r\n';
      const { body, truncated } = robotsBodyFromBytes(utf16(text, order, bom));
      expect([body, truncated]).toEqual([text, false]);
      expect(isAllowed(parseRobotsTxt(body), 'GPTBot', '/a.jpg')).toBe(false);
    });

    // Saved in Latin-1, `Disallow: /bücher/` read as UTF-8 became `/b\uFFFDcher/`, matching no path.
    it('reads a robots.txt saved in Latin-1: its non-ASCII paths still match', () => {
      const latin1 = Uint8Array.from('User-agent: *\nDisallow: /bücher/\n', (c) => c.charCodeAt(0));
      const { body } = robotsBodyFromBytes(latin1);
      expect(isAllowed(parseRobotsTxt(body), 'GPTBot', '/b%C3%BCcher/a.jpg')).toBe(false);
      expect(isAllowed(parseRobotsTxt(body), 'GPTBot', '/other/a.jpg')).toBe(true);
    });

    it('cuts a UTF-16 file past the cap after its last whole line', () => {
      const head = `User-agent: *\nDisallow: /\n#${'x'.repeat(MAX_ROBOTS_BYTES / 2 - 40)}\n`;
      const bytes = utf16(`${head}Allow: /public/\n`, 'le', true);
      const { body, truncated } = robotsBodyFromBytes(bytes.subarray(0, MAX_ROBOTS_BYTES + 1));
      expect(truncated).toBe(true);
      expect(body).toBe(head);
    });

    it('drops a multi-byte character the cap cuts with the rest of its line', () => {
      const head = padTo('User-agent: *\nDisallow: /\n', MAX_ROBOTS_BYTES - 9);
      const bytes = enc.encode(`${head}Allow: /é\n`); // "é" is bytes 512,000-512,001
      expect(bytes[MAX_ROBOTS_BYTES - 1]).toBe(0xc3);
      const { body } = robotsBodyFromBytes(bytes.subarray(0, MAX_ROBOTS_BYTES + 1));
      expect(body).toBe(head);
      expect(body).not.toContain('\uFFFD');
    });

    it('keeps a body within the cap whole, its last line too', () => {
      const { body, truncated } = robotsBodyFromBytes(enc.encode('User-agent: *\nDisallow: /é'));
      expect([body, truncated]).toEqual(['User-agent: *\nDisallow: /é', false]);
    });

    it('a capped body with no line break at all reads as empty', () => {
      expect(robotsBodyFromBytes(new Uint8Array(MAX_ROBOTS_BYTES + 1).fill(0x41))).toEqual({ body: '', truncated: true });
    });

    it('evaluateRobots notes the cut when the fetch says so', () => {
      const fetched: RobotsFetch = { url: 'https://cdn.example/robots.txt', outcome: 'ok', body: 'User-agent: *\nDisallow: /x\n', truncated: true };
      expect(evaluateRobots(fetched, 'https://cdn.example/a', 'image', purposeProfile('ai-training'))[0]).toMatchObject({ value: 'truncated at 500 KiB', effect: 'deny', reason: 'signal-unreadable' });
    });
  });

  it('handles one 20 MB line', () => {
    fast(() => expect(parseRobotsTxt('D'.repeat(20_000_000)).ignoredLines).toBe(0), 1000);
  });

  it.each([
    ['10,000 stars', `/${'*'.repeat(10_000)}x`, `/${'a'.repeat(100_000)}`],
    ['5,000 star-separated pieces', `/${'*a'.repeat(5_000)}*b$`, `/${'a'.repeat(100_000)}`],
    ['stars and an anchor', `/${'a*'.repeat(5_000)}$`, `/${'a'.repeat(4_999)}`],
  ])('matches %s without backtracking', (_, pattern, url) => {
    const r = parseRobotsTxt(`User-agent: *\nDisallow: ${pattern}`);
    fast(() => expect(isAllowed(r, 'heed', url)).toBe(true), 100);
  });

  it('encodes NUL, lone surrogates and controls instead of failing', () => {
    const r = parseRobotsTxt('User-agent: *\nDisallow: /a\u0000b\nDisallow: /c\ud800\nDisallow: /d\u0007');
    expect(r.global?.rules.map((x) => x.pattern.source)).toEqual(['/a%00b', '/c%EF%BF%BD', '/d%07']);
  });
});

describe('properties', () => {
  const anyText = fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'grapheme' }));
  const line = fc.oneof(
    fc.constantFrom('User-agent: *', 'User-agent: heed', 'Allow: /', 'Disallow: /', '', '# c', 'Content-Usage: train-ai=n', 'Sitemap: /s'),
    fc.tuple(fc.constantFrom('Allow', 'Disallow', 'User-agent', 'Content-Usage', 'Content-Signal', 'License'), anyText).map(([k, v]) => `${k}: ${v}`),
    anyText,
  );
  const robotsBody = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol));
  const token = fc.stringMatching(/^[A-Za-z_-]{1,12}$/);
  const path = fc.oneof(fc.webPath(), fc.string({ unit: 'binary-ascii' }));
  const small = (chars: string[], max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((cs) => cs.join(''));
  const pattern = small(['a', 'b', '/', '*', '.'], 6).chain((p) => fc.constantFrom(`/${p}`, `/${p}$`));
  const target = small(['a', 'b', '/', '.'], 8).map((p) => `/${p}`);

  it('parse and match never throw', () => {
    fc.assert(fc.property(robotsBody, token, path, (body, t, p) => typeof isAllowed(parseRobotsTxt(body), t, p) === 'boolean'));
  });

  it('`Disallow: /` for * disallows every path but /robots.txt', () => {
    const r = parseRobotsTxt('User-agent: *\nDisallow: /');
    fc.assert(fc.property(token, path, (t, p) => isAllowed(r, t, p) === (pathOfUrl(p) === '/robots.txt')));
  });

  it('agrees with a regular-expression model of the pattern syntax', () => {
    const model = (p: string, s: string) => {
      const anchored = p.endsWith('$');
      const body = (anchored ? p.slice(0, -1) : p).split('*').map((x) => x.replace(/[.$/]/g, '\\$&')).join('[\\s\\S]*');
      return new RegExp(`^${body}${anchored ? '$' : ''}`).test(s);
    };
    fc.assert(fc.property(pattern, target, (p, s) => matchPattern(compilePattern(p), s) === model(p, s)));
  });

  // The readings of a path of `a`, `b`, `/` and `.` (DESIGN.md §2 rule 2): as written, with its
  // slashes merged, and, when it starts with `//`, with its first segment read as a host (as
  // written and merged).
  const slashModel = (path: string) => {
    const rest = path.startsWith('//') ? path.replace(/^\/+[^/]*/, '') || '/' : null;
    return [path, path.replace(/\/{2,}/g, '/'), ...(rest === null ? [] : [rest, rest.replace(/\/{2,}/g, '/')])];
  };

  it('is symmetric in Allow and Disallow, and ties go to Allow', () => {
    fc.assert(
      fc.property(pattern, target, (p, s) => {
        const one = (rules: string) => isAllowed(parseRobotsTxt(`User-agent: *\n${rules}`), 'heed', s);
        // `//x` is a network-path reference. DESIGN.md §2 rule 2: a Disallow also holds for the path
        // with its slashes merged (the stricter reading wins), so `Disallow: /a` refuses `////a`.
        const hit = slashModel(pathOfUrl(s)).some((path) => matchPattern(compilePattern(p), path));
        return one(`Disallow: ${p}`) === !hit && one(`Allow: ${p}`) && one(`Allow: ${p}\nDisallow: ${p}`) && one(`Disallow: ${p}\nAllow: ${p}`);
      }),
      { examples: [['/a', '////a'], ['/$', '////']] }, // once found by fast-check: merged slashes
    );
  });

  it('answers large (indexed) groups as a plain scan of every rule would', () => {
    const rule = fc.tuple(fc.boolean(), small(['a', 'b', '/', '*', '.', '$'], 7)).map(([allow, p]) => ({ allow, p: `/${p}` }));
    fc.assert(
      fc.property(fc.array(rule, { minLength: 16, maxLength: 40 }), fc.array(target, { minLength: 1, maxLength: 10 }), (rules, paths) => {
        const r = parseRobotsTxt(['User-agent: *', ...rules.map((x) => `${x.allow ? 'Allow' : 'Disallow'}: ${x.p}`)].join('\n'));
        const scan = (path: string) => {
          const hits = rules.filter((x) => matchPattern(compilePattern(x.p), path));
          const best = Math.max(-1, ...hits.map((x) => x.p.length));
          return best < 0 || hits.some((x) => x.allow && x.p.length === best);
        };
        // DESIGN.md §2 rule 2: the path as written and in its slash readings; the stricter wins.
        return paths.every((s) => isAllowed(r, 'heed', s) === slashModel(pathOfUrl(s)).every(scan));
      }),
    );
  });

  it('does not depend on rule order within a group', () => {
    const rule = fc.tuple(fc.constantFrom('Allow', 'Disallow'), pattern).map(([k, p]) => `${k}: ${p}`);
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }).chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))), target, ([rs, shuffled], s) => {
        const answer = (lines: string[]) => isAllowed(parseRobotsTxt(['User-agent: *', ...lines].join('\n')), 'x', s);
        return answer(rs) === answer(shuffled);
      }),
    );
  });
});

// Content-Signal and Content-Usage lines as real files write them (DESIGN.md §2 rules 3 and 5).
describe('messy Content-Signal / Content-Usage lines', () => {
  const AI_ = purposeProfile('ai-training');
  const reasonsFor = (body: string, url = 'https://m.example/photos/a.jpg') =>
    evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).filter((e) => e.effect === 'deny').map((e) => e.reason);

  it.each([
    // Cloudflare's key with the IETF value (`n`), a trailing semicolon, pairs separated by spaces.
    ['ai-train=n', 'User-Agent: *\nContent-Signal: ai-train=n\nAllow: /', 'signal-unreadable'],
    ['ai-train=no; (trailing semicolon)', 'User-Agent: *\nContent-Signal: ai-train=no;\nAllow: /', 'content-usage-n'],
    ['pairs separated by spaces', 'User-Agent: *\nContent-Signal: search=yes ai-train=no\nAllow: /', 'content-usage-n'],
    ['spaces around =', 'User-Agent: *\nContent-Signal: ai-train = no\nAllow: /', 'content-usage-n'],
    ['a quoted value', 'User-Agent: *\nContent-Signal: ai-train="no"\nAllow: /', 'content-usage-n'],
    // A statement before any User-agent line speaks for the whole site: it is no crawl rule
    // (RFC 9309 §2.1's "ignore rules before the first group" is about Allow/Disallow).
    ['Content-Signal before the first group', 'Content-Signal: search=yes, ai-train=no\n\nUser-Agent: *\nAllow: /', 'content-usage-n'],
    ['Content-Usage before the first group', 'Content-Usage: train-ai=n\n\nUser-Agent: *\nAllow: /', 'content-usage-n'],
    ['Content-Signal in a file with named groups only', 'Content-Signal: ai-train=no\nUser-Agent: Googlebot\nAllow: /', 'content-usage-n'],
  ])('%s refuses', (_, body, reason) => {
    expect(reasonsFor(body)).toContain(reason);
  });

  it.each([
    ['ai-train=yes', 'User-Agent: *\nContent-Signal: search=yes, ai-train=yes\nAllow: /'],
    ['another key only', 'User-Agent: *\nContent-Signal: search=no\nAllow: /'],
    ['another key with an odd value', 'User-Agent: *\nContent-Signal: search=n, ai-train=yes\nAllow: /'],
    ['a top-level yes', 'Content-Signal: ai-train=yes\nUser-Agent: *\nAllow: /'],
  ])('%s does not', (_, body) => {
    expect(reasonsFor(body)).toEqual([]);
  });
});

// User-agent lines as people write them. RFC 9309 §2.2.1 (and Google) read the product token
// at the start of the value only; a site that writes a list, quotes or a whole User-Agent
// string still names the crawlers in it. DESIGN.md §2: of the two readings, the one that
// cannot keep what the owner refused — a token is disallowed if either reading disallows it.
describe('User-agent lines naming AI crawlers in other ways', () => {
  const AI_ = purposeProfile('ai-training');
  const refused = (body: string, url = 'https://m.example/photos/a.jpg') =>
    evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).some((e) => e.effect === 'deny' && e.reason === 'robots-disallow');

  it.each([
    ['a comma-separated list whose first name is not an AI token', 'User-agent: ChatGPT-User, GPTBot\nDisallow: /\n'],
    ['a quoted token', 'User-agent: "CCBot"\nDisallow: /photos/\n'],
    ['a whole User-Agent string', 'User-agent: Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)\nDisallow: /\n'],
    ['a list in a file whose `*` group allows all', 'User-agent: *\nAllow: /\n\nUser-agent: PerplexityBot; Google-Extended\nDisallow: /\n'],
  ])('%s refuses', (_, body) => {
    expect(refused(body)).toBe(true);
  });

  it('the first-token reading still counts: a list that allows one crawler does not lift the `*` disallow for it', () => {
    // Google: the group names `heed` only; GPTBot falls back to `*` and is disallowed.
    expect(refused('User-agent: heed, GPTBot\nAllow: /\n\nUser-agent: *\nDisallow: /\n')).toBe(true);
  });

  it.each([
    ['other crawlers’ names', 'User-agent: Googlebot-Image, AdsBot-Google\nDisallow: /\n'],
    ['a user agent that merely contains an AI token’s letters', 'User-agent: NotGPTBotAtAll\nDisallow: /\n'],
  ])('%s do not refuse', (_, body) => {
    expect(refused(body)).toBe(false);
  });

  it('the conformance reading is unchanged: isAllowed reads the first token only', () => {
    expect(isAllowed(parseRobotsTxt('User-agent: ChatGPT-User, GPTBot\nDisallow: /\n'), 'GPTBot', 'https://m.example/a')).toBe(true);
  });

  // Only the first 33 names of a line were read: a crawler named 34th fell back to a `*` that allowed it.
  it.each([6, 34, 1000, 1500])('every name of a long list counts: GPTBot named %i-th is refused', (n) => {
    const names = [...Array.from({ length: n - 1 }, (_, i) => `Bot${i}`), 'GPTBot'];
    expect(refused(`User-agent: ${names.join(', ')}\nDisallow: /\n\nUser-agent: *\nAllow: /\n`)).toBe(true);
  });

  it('a long list that does not name an AI token refuses nothing', () => {
    const names = Array.from({ length: 1500 }, (_, i) => `Bot${i}`).join(', ');
    expect(refused(`User-agent: ${names}\nDisallow: /\n\nUser-agent: *\nAllow: /\n`)).toBe(false);
  });

  // A line past the per-line cap (MAX_LINE_BYTES, ~16 KB) lost the names after the cut: GPTBot
  // named there fell back to a `*` that allowed it. The names were not read, so the group may
  // name any crawler: it binds Heed's tokens too (the reading that keeps nothing refused).
  it('a User-agent line cut at the line cap binds every crawler: GPTBot named past the cut is refused', () => {
    const names = [...Array.from({ length: 3000 }, (_, i) => `Bot${i}`), 'GPTBot'].join(', ');
    expect(names.length).toBeGreaterThan(MAX_LINE_BYTES);
    expect(refused(`User-agent: ${names}\nDisallow: /\n\nUser-agent: *\nAllow: /\n`)).toBe(true);
    // Its Allow lifts nothing: the named reading still refuses through the `*` group.
    expect(refused(`User-agent: ${names}\nAllow: /\n\nUser-agent: *\nDisallow: /\n`)).toBe(true);
  });

  it('a User-agent line whose cut falls inside a comment has lost no name', () => {
    const comment = 'x'.repeat(MAX_LINE_BYTES + 100);
    expect(refused(`User-agent: Bot0 # ${comment}\nDisallow: /\n\nUser-agent: *\nAllow: /\n`)).toBe(false);
  });

  it('every name of every line of a group is kept (the cost is checked by tests/unit/conventions/linear-time.test.ts)', () => {
    const lines = Array.from({ length: 30 }, (_, l) => `User-agent: ${Array.from({ length: 1500 }, (_, i) => `B${l}x${i}`).join(',')}`).join('\n');
    expect(parseRobotsTxt(`${lines}\nDisallow: /\n`).looseAgents.size).toBe(45_000 - 30);
  });
});

// `Disallow: images/` — a path without its leading slash, a classic slip. RFC 9309 §2.2.2
// paths start with "/" and Google's parser matches nothing with it; the owner meant /images/.
// Read both ways, the stricter answer wins (DESIGN.md §2 rule 2; fail closed).
describe('rules written without the leading slash', () => {
  const AI_ = purposeProfile('ai-training');
  const refused = (body: string, url: string) =>
    evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).some((e) => e.effect === 'deny' && e.reason === 'robots-disallow');

  it.each([
    ['Disallow: images/', 'User-agent: *\nDisallow: images/\n', 'https://m.example/images/a.jpg'],
    ['Disallow: wp-content/uploads (GPTBot)', 'User-agent: GPTBot\nDisallow: wp-content/uploads\n', 'https://m.example/wp-content/uploads/2024/a.jpg'],
  ])('%s refuses', (_, body, url) => {
    expect(refused(body, url)).toBe(true);
  });

  it('an Allow without its slash never lifts a Disallow', () => {
    expect(refused('User-agent: *\nDisallow: /images/\nAllow: images/public/\n', 'https://m.example/images/public/a.jpg')).toBe(true);
  });

  it('other paths are untouched', () => {
    expect(refused('User-agent: *\nDisallow: images/\n', 'https://m.example/photos/images/a.jpg')).toBe(false);
  });

  // A zero-width space or a BOM before a field name (a file joined from parts, text copied from a
  // web page) made the line no field Heed knows: the rule was ignored and the path allowed.
  it.each([
    ['a zero-width space before Disallow', 'User-agent: *\n\u200bDisallow: /img2/\n'],
    ['a BOM before Disallow, mid-file', 'User-agent: *\nAllow: /\n\ufeffDisallow: /img2/\n'],
    ['a zero-width space before User-agent', '\u200bUser-agent: GPTBot\nDisallow: /img2/\n'],
    ['a full-width field name', 'User-agent: *\nＤｉｓａｌｌｏｗ: /img2/\n'],
  ])('%s still refuses', (_, body) => {
    expect(refused(body, 'https://m.example/img2/a.jpg')).toBe(true);
    expect(refused(body, 'https://m.example/img1/a.jpg')).toBe(false);
  });

});

// SIGNALS.md §1.6: "with no ImagesiftBot group it obeys the Googlebot group before *" — an owner
// who wrote a Googlebot group speaks to ImagesiftBot too; read both ways, the stricter wins.
describe('ImagesiftBot obeys the Googlebot group when no group names it', () => {
  const AI_P = purposeProfile('ai-training');
  const robots = (body: string) => ({ url: 'https://s.test/robots.txt', outcome: 'ok' as const, body });
  it('a Googlebot group disallowing the path refuses, though * allows it', () => {
    const ev = evaluateRobots(robots('User-agent: Googlebot\nDisallow: /photos/\n\nUser-agent: *\nAllow: /\n'), 'https://s.test/photos/a.jpg', 'image', AI_P);
    expect(ev.filter((e) => e.effect === 'deny').map((e) => e.value)).toEqual(['ImagesiftBot: Disallow: /photos/ (Googlebot group)']);
  });
  it('its own group, when there is one, decides for it', () => {
    const ev = evaluateRobots(robots('User-agent: Googlebot\nDisallow: /photos/\n\nUser-agent: ImagesiftBot\nAllow: /\n'), 'https://s.test/photos/a.jpg', 'image', AI_P);
    expect(ev.some((e) => e.effect === 'deny')).toBe(false);
  });
});

// Google's unofficial robots.txt `Noindex:` rule (dropped by Google in 2019, still written, e.g.
// the saved x.com file): the owner's "noindex" for those paths is an opt-out word of rule 3.
describe('a Noindex: line in robots.txt', () => {
  const AI_P = purposeProfile('ai-training');
  const robots = (body: string) => ({ url: 'https://s.test/robots.txt', outcome: 'ok' as const, body });
  it('refuses the paths it names, for the crawlers of its group', () => {
    const denied = (body: string, url: string) => evaluateRobots(robots(body), url, 'image', AI_P).some((e) => e.effect === 'deny');
    expect(denied('User-agent: *\nNoindex: /img/\n', 'https://s.test/img/a.png')).toBe(true);
    expect(denied('User-agent: *\nNoindex: /img/\n', 'https://s.test/other/a.png')).toBe(false);
    expect(denied('User-agent: Bingbot\nNoindex: /img/\n', 'https://s.test/img/a.png')).toBe(false);
  });
  it('does not split a run of user-agent lines (GPTBot keeps the Disallow it shares with CCBot)', () => {
    const ev = evaluateRobots(robots('User-agent: GPTBot\nNoindex: /x/\nUser-agent: CCBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n'), 'https://s.test/img/a.png', 'image', AI_P);
    expect(ev.filter((e) => e.effect === 'deny').map((e) => e.value)).toEqual(expect.arrayContaining(['GPTBot: Disallow: /', 'CCBot: Disallow: /']));
  });
});

// Earlier aipref drafts' labels in a robots.txt Content-Usage rule (SIGNALS.md §2.1 table).
describe('Content-Usage rules with labels of earlier vocabulary drafts', () => {
  const src = 'https://cdn.example/robots.txt';
  const ok = (body: string): RobotsFetch => ({ url: src, outcome: 'ok', body });
  it.each([
    ['train-genai=n for every path', 'User-agent: *\nContent-Usage: train-genai=n', 'ai-training', ['allow', 'content-usage-n']],
    ['bots=n in a GPTBot group', 'User-agent: GPTBot\nContent-Usage: bots=n', 'genai-training', ['allow', 'content-usage-n']],
    ['tdm=n binds research-tdm', 'User-agent: *\nContent-Usage: tdm=n', 'research-tdm', ['allow', 'content-usage-n']],
    ['bots=n yields to train-ai=y for the same path', 'User-agent: *\nContent-Usage: bots=n\nContent-Usage: train-ai=y', 'ai-training', ['allow', 'allow']],
  ] as const)('%s', (_name, body, purpose, expected) => {
    expect(evaluateRobots(ok(body), 'https://cdn.example/a.jpg', 'image', purposeProfile(purpose)).map((e) => e.reason ?? e.effect)).toEqual(expected);
  });

  it('a rule for some paths marks the site restricted', () => {
    expect(partialContentUsageOptOuts(ok('User-agent: *\nContent-Usage: /photos/ train-genai=n'), 'https://cdn.example/gallery', purposeProfile('ai-training')).map((e) => e.reason)).toEqual(['content-usage-n']);
    expect(partialContentUsageOptOuts(ok('User-agent: *\nContent-Usage: /photos/ tdm=n'), 'https://cdn.example/gallery', purposeProfile('research-tdm')).map((e) => e.reason)).toEqual(['content-usage-n']);
  });
});

// `Disallow: https://m.example/private/` (a full URL where a path belongs, a common slip) matched
// nothing: RFC 9309 paths start with "/", and read rooted it became the path
// `/https://m.example/private/`. The owner named /private/, and the image under it was kept.
// The rule is also read as the path its URL names (any host: the file speaks only for its own
// site's paths, often under its other spelling); the stricter answer wins.
describe('rules written as a full URL', () => {
  const AI_ = purposeProfile('ai-training');
  const refused = (body: string, url: string) =>
    evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).some((e) => e.effect === 'deny' && e.reason === 'robots-disallow');

  it.each([
    ['the same origin', 'User-agent: GPTBot\nDisallow: https://m.example/private/\n', 'https://m.example/private/a.jpg'],
    ['the other scheme and www', 'User-agent: *\nDisallow: http://www.m.example/private/\n', 'https://m.example/private/a.jpg'],
    ['the site root', 'User-agent: GPTBot\nDisallow: https://m.example/\n', 'https://m.example/gallery/a.jpg'],
    ['a host without a path', 'User-agent: GPTBot\nDisallow: https://m.example\n', 'https://m.example/gallery/a.jpg'],
    ['a wildcard in the path', 'User-agent: *\nDisallow: https://m.example/*.jpg$\n', 'https://m.example/gallery/a.jpg'],
    ['upper-case scheme', 'User-agent: *\nDisallow: HTTPS://m.example/private/\n', 'https://m.example/private/a.jpg'],
  ])('Disallow written as a full URL on %s refuses', (_, body, url) => {
    expect(refused(body, url)).toBe(true);
  });

  it('an Allow written as a full URL never lifts a Disallow', () => {
    expect(refused('User-agent: *\nDisallow: /private/\nAllow: https://m.example/private/a.jpg\n', 'https://m.example/private/a.jpg')).toBe(true);
  });

  it('other paths are untouched', () => {
    expect(refused('User-agent: *\nDisallow: https://m.example/private/\n', 'https://m.example/public/a.jpg')).toBe(false);
    expect(refused('User-agent: *\nDisallow: /\nAllow: /public/\n', 'https://m.example/public/a.jpg')).toBe(false);
  });
});

// A robots.txt whose rules come before any User-agent line (`Disallow: /private/` alone, as
// people write it) had them ignored (RFC 9309 §2.1: they belong to no group), and every image
// under /private/ was kept. Decision (DESIGN.md §2 rule 2, the reading that cannot keep what the
// owner refused; ai.txt is read so too): a Disallow there is a `*` group's, binding each crawler
// no group names. An Allow there stays ignored, as Google's vectors pin (ID_LineSyntax_Groups).
describe('rules before the first User-agent line', () => {
  const AI_ = purposeProfile('ai-training');
  const denies = (body: string, url: string) =>
    evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).filter((e) => e.effect === 'deny').map((e) => e.value);

  it('a Disallow with no User-agent line before it refuses as `*`', () => {
    expect(denies('Disallow: /private/\n', 'https://m.example/private/a.jpg')).toEqual(['*: Disallow: /private/']);
    expect(denies('# site rules\nDisallow: /\n\nUser-agent: Googlebot\nAllow: /\n', 'https://m.example/a.jpg')).toEqual(['*: Disallow: /']);
  });

  it('it binds the crawlers no group names, as `*` does; an Allow there stays ignored', () => {
    const robots = parseRobotsTxt('Disallow: /\nAllow: /public/\nUser-agent: GPTBot\nAllow: /\n');
    expect(isAllowed(robots, 'GPTBot', 'https://m.example/a.jpg')).toBe(true);
    expect(isAllowed(robots, 'CCBot', 'https://m.example/a.jpg')).toBe(false);
    expect(isAllowed(robots, 'CCBot', 'https://m.example/public/a.jpg')).toBe(false);
  });

  it('other paths are untouched', () => {
    expect(denies('Disallow: /private/\n', 'https://m.example/public/a.jpg')).toEqual([]);
  });
});

// `Disallow: "/private/"` (quoted) and `Disallow: /tmp/ /private/` (several paths on one line)
// matched nothing the owner named: the quotes and the blank are part of the pattern as written.
// Each is also read as the paths it names (quotes dropped, one per blank-separated piece, a
// trailing `,` or `;` dropped); the stricter answer wins, so an Allow written so lifts nothing.
describe('rules written in quotes, or several to a line', () => {
  const AI_ = purposeProfile('ai-training');
  const refused = (body: string, url: string) =>
    evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).some((e) => e.effect === 'deny' && e.reason === 'robots-disallow');

  it.each([
    ['double quotes', 'User-agent: GPTBot\nDisallow: "/private/"\n'],
    ['single quotes', "User-agent: GPTBot\nDisallow: '/private/'\n"],
    ['two paths', 'User-agent: GPTBot\nDisallow: /tmp/ /private/\n'],
    ['a comma-separated list', 'User-agent: GPTBot\nDisallow: /tmp/, /private/\n'],
    ['quoted, in a list', 'User-agent: *\nDisallow: "/tmp/"; "/private/"\n'],
    ['a full URL in a list', 'User-agent: *\nDisallow: /tmp/ https://m.example/private/\n'],
  ])('%s: the path it names is refused', (_, body) => {
    expect(refused(body, 'https://m.example/private/a.jpg')).toBe(true);
  });

  it('an Allow written so never lifts a Disallow; other paths are untouched', () => {
    expect(refused('User-agent: *\nDisallow: /private/\nAllow: "/private/a.jpg"\n', 'https://m.example/private/a.jpg')).toBe(true);
    expect(refused('User-agent: *\nDisallow: /tmp/ /private/\n', 'https://m.example/public/a.jpg')).toBe(false);
    expect(refused('User-agent: *\nDisallow: "/private/"\n', 'https://m.example/public/a.jpg')).toBe(false);
  });
});

// IIS serves /PRIVATE/a.jpg as /private/a.jpg (its paths are case-insensitive), so a page could
// name the file in another case and get it past `Disallow: /private/`: RFC 9309 and Google's
// vectors match case-sensitively, and the image was kept. Decision (DESIGN.md §2 rule 2, the
// reading that cannot keep what the owner refused): only where the server says it is IIS (its
// robots.txt answered with `Server: Microsoft-IIS/…`), a Disallow also holds in any letter case.
describe('a server that serves paths in any letter case (IIS)', () => {
  const AI_ = purposeProfile('ai-training');
  const body = 'User-agent: GPTBot\nDisallow: /private/\n';
  const denies = (fetched: RobotsFetch, url: string) => evaluateRobots(fetched, url, 'image', AI_).filter((e) => e.effect === 'deny').map((e) => e.reason);

  it('on IIS, a Disallow holds for the path written in another case', () => {
    const iis: RobotsFetch = { url: 'https://m.example/robots.txt', outcome: 'ok', body, foldsCase: true };
    expect(denies(iis, 'https://m.example/PRIVATE/a.jpg')).toEqual(['robots-disallow']);
    expect(denies(iis, 'https://m.example/Private/A.JPG')).toEqual(['robots-disallow']);
    expect(denies({ ...iis, body: 'User-agent: *\nDisallow: /Gallery/%C3%A9T%C3%A9/\n' }, 'https://m.example/gallery/%c3%a9t%c3%a9/a.jpg')).toEqual(['robots-disallow']);
  });

  it('on IIS, an Allow in another case never lifts a Disallow; other paths are untouched', () => {
    const iis: RobotsFetch = { url: 'https://m.example/robots.txt', outcome: 'ok', body: 'User-agent: *\nDisallow: /private/\nAllow: /PRIVATE/a.jpg\n', foldsCase: true };
    expect(denies(iis, 'https://m.example/private/a.jpg')).toEqual(['robots-disallow']);
    expect(denies(iis, 'https://m.example/public/a.jpg')).toEqual([]);
  });

  it('elsewhere paths match in their case, as RFC 9309 and the conformance vectors say', () => {
    expect(denies({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, 'https://m.example/PRIVATE/a.jpg')).toEqual([]);
  });

  it('reads the Server header', () => {
    expect(serverFoldsCase('Microsoft-IIS/10.0')).toBe(true);
    expect(serverFoldsCase('microsoft-iis/8.5')).toBe(true);
    expect(serverFoldsCase('nginx/1.25')).toBe(false);
    expect(serverFoldsCase(null)).toBe(false);
  });
});

// `User-agent: "*"` (quoted), `*;`, `*.*`, `(*)` or a full-width `＊` named no crawler: RFC 9309
// reads the value's leading token, and there is none, nor is it `*`. The group bound nobody, and
// its `Disallow: /private/` was lost for every crawler. Decision (DESIGN.md §2 rule 2, the reading
// that cannot keep what the owner refused): a value that is a `*` written another way (no letter
// or digit in it) is read as `*` too, binding the crawlers no group names.
describe('User-agent: * written another way', () => {
  const AI_ = purposeProfile('ai-training');
  const denies = (body: string, url = 'https://m.example/private/a.jpg') =>
    evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).filter((e) => e.effect === 'deny').map((e) => e.value);

  it.each(['"*"', "'*'", '*;', '*,', '*.*', '(*)', '*:', '\uff0a', '**', '*/*', '`*`'])('User-agent: %s binds every crawler without a group', (ua) => {
    expect(denies(`User-agent: ${ua}\nDisallow: /private/\n`)).toEqual(['*: Disallow: /private/']);
  });

  it('its Content-Usage n refuses too', () => {
    expect(evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body: 'User-agent: "*"\nContent-Usage: train-ai=n\n' }, 'https://m.example/a.jpg', 'image', AI_).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['content-usage-n']);
  });

  it('a crawler with its own group keeps it; other values are untouched', () => {
    const robots = 'User-agent: "*"\nDisallow: /\n\nUser-agent: GPTBot\nAllow: /\n';
    expect(denies(robots, 'https://m.example/a.jpg')).toEqual(['*: Disallow: /']); // the AI tokens without a group
    expect(evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body: robots }, 'https://m.example/a.jpg', 'image', { ...AI_, robotsTokens: ['GPTBot'] }).filter((e) => e.effect === 'deny')).toEqual([]);
    // `User-agent: all` is every agent in words, read so since (› a robots.txt refusal written another way); a crawler's name is untouched.
    expect(denies('User-agent: Allbot\nDisallow: /private/\n')).toEqual([]);
    expect(denies('User-agent: "*"\nDisallow: /private/\n', 'https://m.example/public/a.jpg')).toEqual([]);
  });
});

// As in the response header (content-usage.test.ts › an earlier label given a value other than the
// token y or n): `Content-Usage: train-genai="n"` in robots.txt read as no preference, and its path
// rule as no partial opt-out. Both fail closed now.
describe('robots.txt Content-Usage with an earlier label given a value other than y or n', () => {
  const AI_ = purposeProfile('ai-training');
  const fetched = (body: string) => ({ url: 'https://m.example/robots.txt', outcome: 'ok' as const, body });
  it('train-genai="n" is unreadable for the paths it covers', () => {
    const reasons = evaluateRobots(fetched('User-Agent: *\nContent-Usage: train-genai="n"\nAllow: /'), 'https://m.example/a.jpg', 'image', AI_).filter((e) => e.effect === 'deny').map((e) => e.reason);
    expect(reasons).toEqual(['signal-unreadable']);
  });
  it('one for some paths marks them (a partial opt-out); train-ai=y for the path lifts a broader label so written', () => {
    expect(partialContentUsageOptOuts(fetched('User-Agent: *\nContent-Usage: /private/ bots="n"\nAllow: /'), 'https://m.example/', AI_).map((e) => e.reason)).toEqual(['signal-unreadable']);
    const lifted = evaluateRobots(fetched('User-Agent: *\nContent-Usage: bots="n"\nContent-Usage: train-ai=y\nAllow: /'), 'https://m.example/a.jpg', 'image', AI_);
    expect(lifted.filter((e) => e.effect === 'deny')).toEqual([]);
  });
});

// RFC 9309 §2.5 lets a reader stop at 500 KiB; DESIGN.md §2 rule 2 reads exactly that. What lies
// past the cap is unread, not absent: a `User-agent: GPTBot` group there replaces the `*` answer
// for GPTBot, and a group for any token may refuse any path. Read as absent, it kept the image.
describe('a robots.txt longer than 500 KiB', () => {
  const profile = purposeProfile('ai-training');
  const src = 'https://big.example/robots.txt';
  const pad = `#${'x'.repeat(1000)}\n`.repeat(Math.ceil(MAX_ROBOTS_BYTES / 1002));
  const enc = new TextEncoder();
  const fetched = (text: string): RobotsFetch => ({ url: src, outcome: 'ok', ...robotsBodyFromBytes(enc.encode(text).subarray(0, MAX_ROBOTS_BYTES + 1)) });
  const denies = (f: RobotsFetch, url: string) => evaluateRobots(f, url, 'image', profile).filter((e) => e.effect === 'deny').map((e) => e.reason);

  it('a GPTBot Disallow past the cap refuses the image: the unread rest cannot grant', () => {
    const f = fetched(`User-agent: *\nAllow: /\n${pad}User-agent: GPTBot\nDisallow: /\n`);
    expect(f.outcome === 'ok' && f.truncated).toBe(true);
    const evidence = evaluateRobots(f, 'https://big.example/photos/a.jpg', 'image', profile);
    expect(evidence.filter((e) => e.effect === 'allow')).toEqual([]);
    expect(denies(f, 'https://big.example/photos/a.jpg')).toEqual(['signal-unreadable']);
  });

  it('a Disallow within the cap still refuses with its own reason as well', () => {
    const f = fetched(`User-agent: *\nDisallow: /photos/\n${pad}`);
    expect(denies(f, 'https://big.example/photos/a.jpg')).toEqual(['signal-unreadable', 'robots-disallow']);
  });

  it('a file that ends within the cap is read whole and may grant', () => {
    const f = fetched('User-agent: *\nAllow: /\n');
    expect(evaluateRobots(f, 'https://big.example/photos/a.jpg', 'image', profile).map((e) => e.effect)).toEqual(['allow']);
  });
});

// A User-agent line whose field name is misspelt another way than the typos Google's parser
// reads (`User_agent:`, `User-agents:`): as an unknown line it was ignored, and the rules after
// it joined the group before it — `User-agent: GPTBot` / `Disallow: /` / `User_agent: Foo` /
// `Allow: /` let GPTBot fetch everything (the Allow, as long as the Disallow, wins). Both readings
// now count: the line as written (ignored) and as the User-agent line it says it is; a Disallow
// in either refuses.
describe('a User-agent line whose field name is misspelt (User_agent:)', () => {
  const AI_ = purposeProfile('ai-training');
  const refused = (body: string, url = 'https://m.example/a.jpg') =>
    evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).some((e) => e.effect === 'deny' && e.reason === 'robots-disallow');

  it('its Allow no longer lifts the Disallow of the group before it', () => {
    expect(refused('User-agent: GPTBot\nDisallow: /\n\nUser_agent: Foo\nAllow: /\n')).toBe(true);
    expect(refused('User-agent: *\nDisallow: /\nUser-agents: Foo\nAllow: /\n')).toBe(true);
  });

  it('the group it opens binds the crawler it names', () => {
    expect(refused('User_agent: GPTBot\nDisallow: /\n')).toBe(true);
    expect(refused('User agents: GPTBot\nDisallow: /\n')).toBe(true);
  });

  it('read as written too: the rules after it still bind the group before it', () => {
    expect(refused('User-agent: *\nDisallow: /\nUser_agent: GPTBot\nDisallow: /private/\n')).toBe(true);
  });

  it('unchanged: a file that allows the crawler either way allows it', () => {
    expect(refused('User-agent: *\nDisallow: /private/\nUser_agent: GPTBot\nDisallow: /drafts/\n')).toBe(false);
  });
});

// robots.txt lines that ai.txt's second reading already reads (ai-txt.ts), left unread in
// robots.txt: a Disallow whose field name is misspelt another way than Google's typos
// (`Disallowed:`, `Deny:`, `Dis-allow:`) was an unknown line, and a group whose User-agent names
// every agent in words (`User-agent: all`, `AI`, `Spawning/AI/all`) named no crawler: the owner's
// refusal bound no one and the image was kept.
describe('a robots.txt refusal written another way (Disallowed:, User-agent: all)', () => {
  const AI_ = purposeProfile('ai-training');
  const refused = (body: string, url = 'https://w.example/a.jpg') =>
    evaluateRobots({ url: 'https://w.example/robots.txt', outcome: 'ok', body }, url, 'image', AI_).some((e) => e.effect === 'deny' && e.reason === 'robots-disallow');

  it('a Disallow spelt Disallowed, Deny, Dis-allow or Disallows refuses', () => {
    for (const field of ['Disallowed', 'Deny', 'Dis-allow', 'DISALLOWS', 'Dis allow']) expect(refused(`User-agent: *\n${field}: /\n`), field).toBe(true);
  });

  it('a group whose User-agent names every agent in words binds every crawler', () => {
    for (const agent of ['all', 'AI', 'Spawning/AI/all', 'all AI bots', 'Everyone']) expect(refused(`User-agent: ${agent}\nDisallow: /\n`), agent).toBe(true);
  });

  it('unchanged: an Allow written so lifts nothing, a crawler’s own name stays its own, and a file that allows allows', () => {
    expect(refused('User-agent: *\nDisallow: /\nUser-agent: all\nAllow: /\n')).toBe(true);
    expect(refused('User-agent: Allbot\nDisallow: /\n')).toBe(false);
    expect(refused('User-agent: all\nDisallow: /private/\nUser-agent: *\nDeny: /drafts/\n')).toBe(false);
    expect(refused('User-agent: *\nAllow: /\n')).toBe(false);
  });
});
