import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AI_TOKENS, HEED_TOKEN } from '../../../utils/model/ai-tokens';
import { parseSettings } from '../../../utils/model/settings';
import type { PageSignals } from '../../../utils/page/page-signals';
import { assessImage, assessPage } from '../../../utils/policy/assess';
import type { SiteStatus } from '../../../utils/policy/site-status';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import { evaluateRobots, isAllowed, parseRobotsTxt } from '../../../utils/signals/robots-txt';
import { purposeProfile } from '../../../utils/model/purposes';

/*
 * Real robots.txt files (../shared/realworld/robots/, saved byte for byte). Every expectation
 * below was read off the file by hand with RFC 9309 (§2.2.1 groups: a token's own groups,
 * merged, else `*`; §2.2.2 longest match, allow on ties; empty Disallow matches nothing) and
 * DESIGN.md §2 rule 2 (`heed` and each AI token of the purpose), and the README's site status
 * (blocked: a page-level deny; restricted: a group naming an AI token disallows some paths).
 * The page carries an accepted CC BY licence, so a site robots.txt leaves alone is `permitted`;
 * the user allows the domain, so the terms-of-service registry does not mask what the file says.
 */

const DIR = new URL('../../../../shared/realworld/robots/', import.meta.url);
const read = (host: string) => readFileSync(new URL(`${host}.robots.txt`, DIR), 'utf8');
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const TRAINING = [HEED_TOKEN, ...AI_TOKENS.filter((t) => t.purposes.includes('ai-training')).map((t) => t.token)];

interface Case {
  host: string;
  /** A page on the site and the site status the file gives it (ai-training). */
  page: string;
  status: SiteStatus;
  /** Image paths on the site's own origin → the tokens (of heed + ai-training) the file refuses them to. */
  images: Record<string, string[]>;
}

// Tokens that a `Disallow: /` group names, as listed in each file (only those Heed honours matter).
const except = (...allowed: string[]) => TRAINING.filter((t) => !allowed.includes(t));
const only = (...refused: string[]) => TRAINING.filter((t) => refused.includes(t));

const CASES: Case[] = [
  {
    // Squarespace: GPTBot, CCBot, anthropic-ai, Google-Extended, FacebookBot, cohere-ai and `*`
    // share one group; `Disallow:/static/` (no space after the colon) holds housekeeping paths.
    host: 'apimagesblog.com',
    page: '/blog/2023/5/1/photo-of-the-week',
    status: 'restricted', // groups naming AI tokens disallow some paths (README: Site status)
    images: {
      '/static/5e1b/t/photo.jpg': TRAINING, // `*` and the named tokens: Disallow: /static/
      '/s/photo-of-the-week.jpg': [],
      '/blog/photo.jpg?format=json': TRAINING, // Disallow:/*?format=json
      '/api/ui-extensions/a.png': [], // Allow: /api/ui-extensions/ is longer than Disallow: /api/
      '/account': TRAINING, // Disallow: /account$ (line 17): the path itself
      '/account-banner.png': [], // `$` ends the match: /account$ is not a prefix rule, /account/ needs the slash
    },
  },
  {
    // `*`: an empty Disallow, then rules without a leading slash (`*_ptid=*`); CCBot, GPTBot, Claude-Web,
    // anthropic-ai, ClaudeBot, cohere-ai: Disallow: / (the last line has no line end).
    host: 'apnews.com',
    page: '/article/storm-photos',
    status: 'blocked',
    images: {
      '/images/storm.jpg': only('CCBot', 'GPTBot', 'anthropic-ai', 'ClaudeBot', 'cohere-ai', 'Claude-Web'),
      '/images/storm.jpg?_ptid=42': TRAINING, // `*` gets it through `*_ptid=*`; the named ones through `/`
      '/images/storm.jpg?prx_t=abc': TRAINING, // `*`: Disallow: *?prx_t=* (line 4, no leading slash)
    },
  },
  {
    // `*` with sitemap and blank lines inside the group; ImagesiftBot and ClaudeBot: Disallow: /.
    host: 'unsplash.com',
    page: '/photos/mountain-lake-abc123',
    status: 'blocked',
    images: {
      '/photos/abc123/download': TRAINING,
      '/blog/cover.jpg': only('ClaudeBot', 'ImagesiftBot'),
      '/es/%C3%BAnete/a.jpg': TRAINING, // Disallow: /es/%C3%BAnete, for `*`
      '/es/%c3%banete/a.jpg': TRAINING, // the same octets, hex in lower case (RFC 3986 §6.2.2.1)
    },
  },
  {
    // `User-agent: *` followed by 31 Sitemap lines and only then its Disallow rules: the
    // Sitemap records do not end the group (RFC 9309 §2.2.4: they are not group members).
    host: 'www.bbc.com',
    page: '/news/world-123',
    status: 'blocked',
    images: {
      '/newsround/images/a.jpg': TRAINING, // `*`: Disallow: /newsround; the AI groups: /
      '/food/search?q=cake': TRAINING, // `*`: Disallow: /food/search*?* (line 58)
      '/news/images/a.jpg': only('CCBot', 'GPTBot', 'omgili', 'Omgilibot', 'anthropic-ai', 'cohere-ai', 'Google-Extended', 'Bytespider', 'Claude-Web'),
    },
  },
  {
    // Sitemap lines before any group; one group of 22 AI tokens with Disallow: /, then `*`
    // with no blank line in between.
    host: 'www.cnn.com',
    page: '/2024/01/01/world/story/index.html',
    status: 'blocked',
    images: {
      '/2024/01/01/world/photo.jpg': only('anthropic-ai', 'Bytespider', 'CCBot', 'ClaudeBot', 'cohere-ai', 'Diffbot', 'FacebookBot', 'GPTBot', 'Google-Extended', 'omgili', 'Omgilibot', 'Claude-Web'),
      '/ads/banner.jpg': TRAINING,
      '/interactive/app.jsx': TRAINING, // `*`: Disallow: *.jsx$ (line 45, no leading slash)
      '/interactive/app.jsx.png': only('anthropic-ai', 'Bytespider', 'CCBot', 'ClaudeBot', 'cohere-ai', 'Diffbot', 'FacebookBot', 'GPTBot', 'Google-Extended', 'omgili', 'Omgilibot', 'Claude-Web'), // `$`: not a .jsx
    },
  },
  {
    // `*` holds `Disallow: /business/wp-content/uploads/ ` (trailing space); CCBot and GPTBot
    // have groups of their own that disallow /lecture/ only — so `*` does not bind them (§2.2.1).
    host: 'www.coursera.org',
    page: '/learn/python',
    status: 'restricted',
    images: {
      '/business/wp-content/uploads/2023/01/hero.png': except('CCBot', 'GPTBot'),
      '/lecture/intro/slide.png': TRAINING, // `*` too: Disallow: /lecture/
      '/learn/python/cover.png': [],
    },
  },
  {
    // `User-agent: Branch Metrics API` names the token `Branch`; CCBot: Disallow: /v/*; GPTBot: /.
    host: 'www.foursquare.com',
    page: '/v/cafe/123',
    status: 'blocked',
    images: {
      '/img/categories/food.png': only('GPTBot'),
      '/v/cafe/123/photo.jpg': only('GPTBot', 'CCBot'),
    },
  },
  {
    // FacebookBot: Disallow: /world/* — an opt-out for some paths only.
    host: 'www.foxnews.com',
    page: '/politics/story',
    status: 'restricted',
    images: {
      '/world/photo.jpg': only('FacebookBot'),
      '/politics/photo.jpg': [],
      '/wires/photo.jpg': except('FacebookBot'), // `*`: Disallow: /wires/ (FacebookBot has its own group)
    },
  },
  {
    host: 'www.nationalgeographic.com',
    page: '/animals/article/owls',
    status: 'blocked',
    images: {
      '/image/owl.jpg': TRAINING,
      '/animals/owl.jpg': only('anthropic-ai', 'Bytespider', 'CCBot', 'FacebookBot', 'Google-Extended', 'GPTBot', 'Claude-Web', 'Amazonbot'),
    },
  },
  {
    // `*` and Googlebot share a group; a second Googlebot group; 20-odd AI groups with Disallow: /.
    host: 'www.nytimes.com',
    page: '/2024/01/01/world/story.html',
    status: 'blocked',
    images: {
      '/images/2024/01/01/world/photo.jpg': only('anthropic-ai', 'Bytespider', 'CCBot', 'ClaudeBot', 'cohere-ai', 'Diffbot', 'FacebookBot', 'Google-Extended', 'GPTBot', 'omgili', 'Omgilibot', 'Claude-Web', 'Amazonbot'),
      '/images/report.pdf': TRAINING, // `*`: Disallow: /*.pdf$
      // `$` anchors the end of path + query as written; a `$`-anchored Disallow also anchors at the
      // end of the path (robots/match.ts anchoredWithoutQuery): the query does not change the PDF served.
      '/images/report.pdf?download=1': TRAINING,
      // Allow: /athletic/search/$ and Disallow: /athletic/search/* are equally long: allow wins the tie (§2.2.2).
      '/athletic/search/': only('anthropic-ai', 'Bytespider', 'CCBot', 'ClaudeBot', 'cohere-ai', 'Diffbot', 'FacebookBot', 'Google-Extended', 'GPTBot', 'omgili', 'Omgilibot', 'Claude-Web', 'Amazonbot'),
      '/athletic/search/photo.jpg': TRAINING,
    },
  },
  {
    // 686 lines; GPTBot and a lower-case `claudebot` (tokens match case-insensitively, §2.2.1).
    host: 'www.pinterest.com',
    page: '/pin/123456789/',
    status: 'blocked',
    images: {
      '/pin/123456789/': only('GPTBot', 'ClaudeBot'),
      '/about/press/logo.png': TRAINING, // `*`: Disallow: /about/*
    },
  },
  {
    // `CCbot` in mixed case; `SITEMAP:` in upper case.
    host: 'www.reuters.com',
    page: '/world/europe/story-2024-01-01/',
    status: 'blocked',
    images: {
      '/pictures/photo.jpg': only('CCBot', 'anthropic-ai', 'Google-Extended', 'FacebookBot', 'Claude-Web'),
      '/fr/photo.jpg': TRAINING, // `*`: Disallow: /fr/
    },
  },
  {
    // `Mediapartners-Google` with an empty Disallow, sitemap lines between groups, a lower-case
    // `claudebot`, and user agents written as URLs.
    host: 'www.theguardian.com',
    page: '/world/2024/jan/01/story',
    status: 'blocked',
    images: {
      '/world/2024/jan/01/photo.jpg': only('GPTBot', 'CCBot', 'FacebookBot', 'Bytespider', 'Google-Extended', 'anthropic-ai', 'ClaudeBot'),
      '/embed/photo.jpg': TRAINING, // `*`: Disallow: /embed/
      '/world/2024/story.emailjson': TRAINING, // `*`: Disallow: *.emailjson (line 54, no leading slash)
    },
  },
  {
    host: 'www.washingtonpost.com',
    page: '/world/2024/01/01/story/',
    status: 'blocked',
    images: {
      '/pb/resources/img/logo.png': only('GPTBot', 'Google-Extended', 'CCBot', 'anthropic-ai', 'Bytespider', 'ClaudeBot', 'FacebookBot', 'omgili', 'Omgilibot', 'Claude-Web', 'Amazonbot'),
      '/pb/other/x.png': TRAINING, // `*`: Disallow: /pb/ (Allow only /pb/resources/, /pb/gr/, /pb/resource/)
    },
  },
  {
    // CRLF line ends; sitemap lines first; one group (CCBot, Google-Extended, GPTBot, …) that
    // disallows /sport/bundesliga/ only, and no `*` group: everyone else may fetch everything.
    host: 'www.zdf.de',
    page: '/nachrichten/politik',
    status: 'restricted',
    images: {
      '/sport/bundesliga/tor.jpg': only('CCBot', 'Google-Extended', 'GPTBot'),
      '/assets/teaser.jpg': [],
    },
  },
  {
    // `*`: Disallow: / (then a stray rule and unknown `Noindex:`/`Crawl-delay:` records after a
    // comment block); Google-Extended and FacebookBot: `Disallow: *`.
    host: 'x.com',
    page: '/someone/status/1',
    status: 'blocked',
    images: {
      '/someone/photo/1': TRAINING,
      '/i/u': TRAINING,
    },
  },
];

const settingsFor = (host: string) => parseSettings({ userAllow: [host.replace(/^www\./, '')] });

const origin = (host: string): OriginFiles => ({
  origin: `https://${host}`,
  robots: { url: `https://${host}/robots.txt`, outcome: 'ok', body: read(host) },
  tdmrep: { url: `https://${host}/.well-known/tdmrep.json`, outcome: 'absent' },
  aiTxt: { url: `https://${host}/ai.txt`, outcome: 'absent' },
  rsl: [],
});

const pageSignals = (url: string): PageSignals => ({
  url,
  title: 'Page',
  metas: [],
  tdm: {},
  licence: { pageUrl: url, licences: [{ via: 'rel', url: CC_BY }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
  rsl: [],
});

describe('real robots.txt files (RFC 9309, DESIGN.md §2 rule 2)', () => {
  it('covers every saved file', () => {
    expect(CASES.length).toBe(16);
  });

  describe.each(CASES)('$host', ({ host, page, status, images }) => {
    const robots = parseRobotsTxt(read(host));
    const settings = settingsFor(host);
    const assessed = assessPage({ page: pageSignals(`https://${host}${page}`), headers: {}, origin: origin(host) }, settings);

    it(`site status ${status}`, () => {
      expect(assessed.status).toBe(status);
    });

    it.each(Object.entries(images))('%s is refused to exactly the expected tokens', (path, refused) => {
      const got = TRAINING.filter((t) => !isAllowed(robots, t, `https://${host}${path}`));
      expect(new Set(got)).toEqual(new Set(refused));
    });

    // What Heed's evaluator reads (both readings of User-agent lines, every path reading): the
    // same tokens, no more, no fewer.
    it.each(Object.entries(images))('%s: evaluateRobots refuses it to exactly the expected tokens', (path, refused) => {
      const fetched = { url: `https://${host}/robots.txt`, outcome: 'ok' as const, body: read(host) };
      const got = TRAINING.filter((t) =>
        evaluateRobots(fetched, `https://${host}${path}`, 'image', { ...purposeProfile('ai-training'), robotsTokens: [t] }).some((e) => e.kind === 'robots-txt' && e.effect === 'deny'),
      );
      expect(new Set(got)).toEqual(new Set(refused));
    });

    it.each(Object.entries(images))('%s: an image there is stored only when no token is refused', (path, refused) => {
      const url = `https://${host}${path}`;
      const decision = assessImage(
        assessed,
        { url, finalUrl: url, headers: {}, redirects: [], origins: [origin(host)], embedded: { evidence: [], licence: null } },
        { url, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [] },
        settings,
      );
      const pageRefused = status === 'blocked';
      expect(decision.reasons.includes('robots-disallow')).toBe(refused.length > 0 || pageRefused);
    });
  });
});

/*
 * The robots.txt of en.wikipedia.org (and of en.m.wikipedia.org, the same file), saved in
 * ../shared/realworld/sites/. Read by hand: the `*` group (line 148) holds every rule; the
 * owner writes most namespace rules twice, with `:` and with `%3A` (`Disallow: /wiki/Special:`
 * and `Disallow: /wiki/Special%3A`, lines 441-476), because MediaWiki serves `/wiki/X%3AY` as
 * the page `/wiki/X:Y`. Some rules are written once only: lines 169-170 give
 * `/wiki/Wikipedia:Löschkandidaten/` (with `ö` raw and as `%C3%B6`) but no `%3A` form.
 */
describe('the Wikipedia robots.txt: `:` and `%3A` name one page (DESIGN.md §2 rule 2)', () => {
  const body = readFileSync(new URL('../../../../shared/realworld/sites/en.wikipedia.org/robots.txt', import.meta.url), 'utf8');
  const profile = purposeProfile('ai-training');
  const refusedBy = (url: string) =>
    evaluateRobots({ url: 'https://en.wikipedia.org/robots.txt', outcome: 'ok', body }, url, 'page', profile)
      .filter((e) => e.effect === 'deny')
      .map((e) => e.value);

  it.each([
    // Line 170 in the owner's own other spelling: the page it refuses, reached with `%3A`.
    ['/wiki/Wikipedia%3AL%C3%B6schkandidaten/Bob_Dylan', '*: Disallow: /wiki/Wikipedia:L%C3%B6schkandidaten/'],
    // Line 171, written once (`:`), reached with `%3A`.
    ['/wiki/Wikipedia%3AVandalensperrung/', '*: Disallow: /wiki/Wikipedia:Vandalensperrung/'],
    // Written both ways by the owner (lines 470 and 473): each spelling meets its own rule.
    ['/wiki/Special%3ARandom', '*: Disallow: /wiki/Special%3A'],
    ['/wiki/Special:Random', '*: Disallow: /wiki/Special:'],
    // Rules written in raw UTF-8 (line 176: `Qualitätssicherung`; line 268: Hebrew) meet the
    // percent-encoded path a browser sends (RFC 9309 §2.2.2); the file starts with a BOM.
    ['/wiki/Wikipedia:Qualit%C3%A4tssicherung/', '*: Disallow: /wiki/Wikipedia:Qualitätssicherung/'],
    ['/wiki/%D7%95%D7%99%D7%A7%D7%99%D7%A4%D7%93%D7%99%D7%94:%D7%A8%D7%A9%D7%99%D7%9E%D7%AA_%D7%9E%D7%95%D7%A2%D7%9E%D7%93%D7%99%D7%9D_%D7%9C%D7%9E%D7%97%D7%99%D7%A7%D7%94/X', '*: Disallow: /wiki/ויקיפדיה:רשימת_מועמדים_למחיקה/'],
    // `Disallow: /w/` (line 152) beside `Allow: /w/load.php?` (line 150).
    ['/w/index.php?title=Bob_Dylan&action=edit', '*: Disallow: /w/'],
  ])('%s is refused (%s)', (path, rule) => {
    expect(refusedBy(`https://en.wikipedia.org${path}`)).toEqual([rule]);
  });

  it.each(['/wiki/Bob_Dylan', '/wiki/File:Enh_N_channel_Mosfet.svg', '/wiki/File%3AEnh_N_channel_Mosfet.svg', '/w/load.php?modules=site', '/wiki/Wikipedia%3AAbout'])('%s stays allowed (no rule names it)', (path) => {
    expect(refusedBy(`https://en.wikipedia.org${path}`)).toEqual([]);
  });
});
