/**
 * An image URL that the server reads as a refused path, though it is not written as one: every
 * path-based matcher (robots.txt Allow/Disallow and Content-Usage, ai.txt, tdmrep.json `location`,
 * RSL `<content url>`) must refuse it as it refuses the path the server serves (DESIGN.md §2
 * rule 2: the path is checked as written and as the server may read it; the stricter answer wins).
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../utils/model/evidence';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateAiTxt } from '../../../utils/signals/ai-txt';
import type { FetchedFile } from '../../../utils/signals/fetched-file';
import { evaluateRobots, isAllowed, parseRobotsTxt } from '../../../utils/signals/robots-txt';
import { evaluateRsl } from '../../../utils/signals/rsl';
import { resolveTdmReservation } from '../../../utils/signals/tdmrep';

const AI = purposeProfile('ai-training');
const ORIGIN = 'https://v.test';
const ok = (path: string, body: string): FetchedFile => ({ url: `${ORIGIN}${path}`, outcome: 'ok', body });
const denied = (evidence: Evidence[]) => evidence.some((e) => e.effect === 'deny');

/** Whether each matcher refuses `url` when its file refuses /private/. */
function verdicts(url: string): Record<string, boolean> {
  return {
    robots: denied(evaluateRobots({ url: `${ORIGIN}/robots.txt`, outcome: 'ok', body: 'User-agent: *\nDisallow: /private/\n' }, url, 'image', AI)),
    contentUsage: denied(evaluateRobots({ url: `${ORIGIN}/robots.txt`, outcome: 'ok', body: 'User-agent: *\nAllow: /\nContent-Usage: /private/ train-ai=n\n' }, url, 'image', AI)),
    aiTxt: denied(evaluateAiTxt(ok('/ai.txt', 'User-Agent: *\nDisallow: /private/\n'), url, AI)),
    tdmrep: denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', '[{"location":"/private/*","tdm-reservation":1}]'), imageUrl: url, imageHeaders: {}, pageFallback: null }, AI)),
    rsl: denied(evaluateRsl(ok('/license.xml', '<rsl xmlns="https://rslstandard.org/rsl"><content url="/private/"><license><prohibits type="usage">all</prohibits></license></content></rsl>'), url, AI)),
  };
}
const ALL_REFUSE = { robots: true, contentUsage: true, aiTxt: true, tdmrep: true, rsl: true };
const NONE_REFUSE = { robots: false, contentUsage: false, aiTxt: false, tdmrep: false, rsl: false };

describe('URL readings: what the server serves, not only what is written', () => {
  it('the refused path itself is refused by every matcher (the baseline)', () => {
    expect(verdicts(`${ORIGIN}/private/a.jpg`)).toEqual(ALL_REFUSE);
    expect(verdicts(`${ORIGIN}/public/a.jpg`)).toEqual(NONE_REFUSE);
  });

  // nginx (and S3, Apache with AllowEncodedSlashes) decodes `%2F` and then resolves `..`:
  // `/public/..%2Fprivate/a.jpg` serves /private/a.jpg. The browser leaves the `..` alone (it is
  // not a segment of its own), so only the decoded reading shows it.
  it.each([
    '/public/..%2Fprivate/a.jpg',
    '/public/..%2fprivate/a.jpg',
    '/public/%2e%2e%2Fprivate/a.jpg',
    '/public/%2E.%2Fprivate/a.jpg',
    '/public%2F..%2Fprivate/a.jpg',
    '/a/b/..%2F..%2F..%2Fprivate/a.jpg',
    '/public/.%2F..%2Fprivate/a.jpg',
    '/public//..%2Fprivate/a.jpg',
  ])('a dot segment behind an encoded slash is resolved: %s is refused', (path) => {
    expect(verdicts(`${ORIGIN}${path}`)).toEqual(ALL_REFUSE);
    expect(isAllowed(parseRobotsTxt('User-agent: *\nDisallow: /private/\n'), 'heed', `${ORIGIN}${path}`)).toBe(false);
  });

  it.each(['/public/..%2Fpublic/a.jpg', '/private..%2Fa.jpg', '/public/...%2Fprivate/a.jpg', '/x/a.jpg?u=..%2Fprivate%2Fa.jpg'])(
    'nothing else is refused: %s',
    (path) => expect(verdicts(`${ORIGIN}${path}`)).toEqual(NONE_REFUSE),
  );
});

describe('URL readings: path parameters (`;…` in a segment)', () => {
  // Tomcat, Jetty and Spring drop a segment's `;…` parameters before resolving dot segments:
  // `/public/..;/private/a.jpg` serves /private/a.jpg, and `/private;v=2/a.jpg` serves
  // /private/a.jpg. The browser sends both as written.
  it.each(['/public/..;/private/a.jpg', '/private;v=2/a.jpg', '/;x/private/a.jpg', '/public/..;x=1/private/a.jpg', '/public/.;/..;/private/a.jpg', '/public/..;/private/a.jpg?w=800'])(
    'a path read without its parameters: %s is refused',
    (path) => {
      expect(verdicts(`${ORIGIN}${path}`)).toEqual(ALL_REFUSE);
      expect(isAllowed(parseRobotsTxt('User-agent: *\nDisallow: /private/\n'), 'heed', `${ORIGIN}${path}`)).toBe(false);
    },
  );

  it.each(['/public;v=2/a.jpg', '/public/a.jpg;private/', '/public/a.jpg?x=..;/private/', '/privateer/a.jpg;jsessionid=1'])('nothing else is refused: %s', (path) => {
    expect(verdicts(`${ORIGIN}${path}`)).toEqual(NONE_REFUSE);
  });
});

describe('URL readings: an encoded backslash', () => {
  // IIS (http.sys) decodes `%5C` and reads a backslash as a slash: `/private%5Ca.jpg` and
  // `/public/..%5Cprivate/a.jpg` serve /private/a.jpg. The browser turns a raw `\` into `/`
  // itself, so only the encoded one reaches the server as written.
  it.each(['/private%5Ca.jpg', '/private%5ca.jpg', '/public/..%5Cprivate/a.jpg', '/public%5C..%5Cprivate%5Ca.jpg'])('read as a slash: %s is refused', (path) => {
    expect(verdicts(`${ORIGIN}${path}`)).toEqual(ALL_REFUSE);
    expect(isAllowed(parseRobotsTxt('User-agent: *\nDisallow: /private/\n'), 'heed', `${ORIGIN}${path}`)).toBe(false);
  });

  it.each(['/public%5Ca.jpg', '/public/a.jpg?u=%5Cprivate%5C'])('nothing else is refused: %s', (path) => {
    expect(verdicts(`${ORIGIN}${path}`)).toEqual(NONE_REFUSE);
  });
});

describe('URL readings: a fully qualified host (trailing dot)', () => {
  // `v.test.` is the DNS name `v.test` written fully qualified: the same server answers (nginx
  // drops the dot from Host), with the same tdmrep.json and RSL licence. Their absolute locations
  // name the site as `https://v.test/…`; an image written `https://v.test./private/a.jpg` is
  // the same file.
  const dotted = 'https://v.test./private/a.jpg';
  const tdm = (location: string, url: string) => denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', JSON.stringify([{ location, 'tdm-reservation': 1 }])), imageUrl: url, imageHeaders: {}, pageFallback: null }, AI));
  const rslDenies = (contentUrl: string, url: string) => denied(evaluateRsl(ok('/license.xml', `<rsl xmlns="https://rslstandard.org/rsl"><content url="${contentUrl}"><license><prohibits type="usage">all</prohibits></license></content></rsl>`), url, AI));

  it('an absolute tdmrep.json location names the image whichever way its host is written', () => {
    expect(tdm('https://v.test/private/*', dotted)).toBe(true);
    expect(tdm('https://v.test/private/*', 'https://v.test../private/a.jpg')).toBe(true);
    expect(tdm('https://v.test./private/*', 'https://v.test/private/a.jpg')).toBe(true);
    expect(tdm('https://www.v.test/private/*', dotted)).toBe(true);
    expect(tdm('https://other.test/private/*', dotted)).toBe(false);
    expect(tdm('https://v.test/public/*', dotted)).toBe(false);
  });

  it('an absolute RSL <content url> names the image whichever way its host is written', () => {
    expect(rslDenies('https://v.test/private/', dotted)).toBe(true);
    expect(rslDenies('https://v.test./private/', 'https://v.test/private/a.jpg')).toBe(true);
    expect(rslDenies('https://other.test/private/', dotted)).toBe(false);
  });
});

describe('URL readings: an empty query', () => {
  // `/a.jpg?` is requested with its `?` (the URL parser keeps an empty query, though `search` reads
  // ''), and a robots.txt rule that names it (`Disallow: /*?`, the usual rule against URLs with a
  // query) matches it for Google's matcher (isAllowed) and for every crawler that sends it.
  const robots = (body: string, url: string) => denied(evaluateRobots({ url: `${ORIGIN}/robots.txt`, outcome: 'ok', body }, url, 'image', AI));

  it('robots.txt `Disallow: /*?` refuses /a.jpg? as it refuses /a.jpg?w=1, not /a.jpg', () => {
    const body = 'User-agent: *\nDisallow: /*?\n';
    expect([robots(body, `${ORIGIN}/a.jpg?`), robots(body, `${ORIGIN}/a.jpg?#top`), robots(body, `${ORIGIN}/a.jpg?w=1`), robots(body, `${ORIGIN}/a.jpg`), robots(body, `${ORIGIN}/a.jpg#?`)]).toEqual([true, true, true, false, false]);
    expect(isAllowed(parseRobotsTxt(body), 'heed', `${ORIGIN}/a.jpg?`)).toBe(false);
  });

  it('ai.txt, tdmrep.json and RSL patterns ending in `?` match the empty query too', () => {
    const url = `${ORIGIN}/private/a.jpg?`;
    expect(denied(evaluateAiTxt(ok('/ai.txt', 'User-Agent: *\nDisallow: /*.jpg?\n'), url, AI))).toBe(true);
    expect(denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', '[{"location":"/*?","tdm-reservation":1}]'), imageUrl: url, imageHeaders: {}, pageFallback: null }, AI))).toBe(true);
    expect(denied(evaluateRsl(ok('/license.xml', '<rsl xmlns="https://rslstandard.org/rsl"><content url="/*?"><license><prohibits type="usage">all</prohibits></license></content></rsl>'), url, AI))).toBe(true);
  });

  it('an absolute tdmrep.json location that ends in `?` and reserves still covers the path without it (read loosely)', () => {
    const rules = JSON.stringify([{ location: 'https://v.test/private/a.jpg?', 'tdm-reservation': 1 }]);
    expect(denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', rules), imageUrl: `${ORIGIN}/private/a.jpg`, imageHeaders: {}, pageFallback: null }, AI))).toBe(true);
  });

  it('an absolute tdmrep.json location that ends in `?` reserves nothing less: its 0 does not cover /private/a.jpg', () => {
    const rules = JSON.stringify([{ location: 'https://v.test/private/a.jpg?', 'tdm-reservation': 0 }, { location: '/private/*', 'tdm-reservation': 1 }]);
    expect(denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', rules), imageUrl: `${ORIGIN}/private/a.jpg`, imageHeaders: {}, pageFallback: null }, AI))).toBe(true);
  });
});

describe('URL readings: a path that starts with `//`', () => {
  // A request for `//cdn/private/a.jpg` is read by the common Node idiom
  // `new URL(req.url, base)` (and by other servers' URL parsers) as a network-path reference:
  // `cdn` becomes a host and the path served is /private/a.jpg. Merging the slashes reads
  // /cdn/private/a.jpg, which a rule for /private/ does not name.
  it.each(['//cdn/private/a.jpg', '///cdn/private/a.jpg', '//user@cdn/private/a.jpg', '//cdn:8080/private/a.jpg?w=1'])('its first segment read as a host: %s is refused', (path) => {
    expect(verdicts(`${ORIGIN}${path}`)).toEqual(ALL_REFUSE);
    expect(isAllowed(parseRobotsTxt('User-agent: *\nDisallow: /private/\n'), 'heed', `${ORIGIN}${path}`)).toBe(false);
  });

  it.each(['//cdn/public/a.jpg', '/cdn//private', '/public//private.jpg'])('nothing else is refused: %s', (path) => {
    expect(verdicts(`${ORIGIN}${path}`)).toEqual(NONE_REFUSE);
  });
});

describe('URL readings: reserved characters written either way', () => {
  // A server decodes every escape before it looks the path up: `/wiki/Special%3AFilePath/a.jpg`
  // is MediaWiki's Special:FilePath, `/%40alice/a.jpg` is /@alice/a.jpg. The browser keeps
  // `%3A` and `%40` as written, and keeps a raw `:` or `@`, so the page picks the spelling the
  // owner's rule does not use (Wikipedia's robots.txt lists `/wiki/Special:` and
  // `/wiki/Special%3A` both for that reason).
  const each = (rule: string, url: string) => {
    const body = (field: string) => `User-agent: *\n${field}`;
    const content = `<rsl xmlns="https://rslstandard.org/rsl"><content url="${rule}"><license><prohibits type="usage">all</prohibits></license></content></rsl>`;
    return {
      robots: denied(evaluateRobots({ url: `${ORIGIN}/robots.txt`, outcome: 'ok', body: body(`Disallow: ${rule}\n`) }, url, 'image', AI)),
      contentUsage: denied(evaluateRobots({ url: `${ORIGIN}/robots.txt`, outcome: 'ok', body: body(`Allow: /\nContent-Usage: ${rule} train-ai=n\n`) }, url, 'image', AI)),
      aiTxt: denied(evaluateAiTxt(ok('/ai.txt', body(`Disallow: ${rule}\n`)), url, AI)),
      tdmrep: denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', JSON.stringify([{ location: rule, 'tdm-reservation': 1 }])), imageUrl: url, imageHeaders: {}, pageFallback: null }, AI)),
      rsl: denied(evaluateRsl(ok('/license.xml', content), url, AI)),
    };
  };

  it.each([
    ['/wiki/Special:', '/wiki/Special%3AFilePath/a.jpg'],
    ['/wiki/Special%3A', '/wiki/Special:FilePath/a.jpg'],
    ['/wiki/Special%3a', '/wiki/Special:FilePath/a.jpg'],
    ['/@alice/', '/%40alice/a.jpg'],
    ['/%40alice/', '/@alice/a.jpg'],
    ["/o'brien/", '/o%27brien/a.jpg'],
    ['/a,b/', '/a%2Cb/a.jpg'],
    ['/a=b+c/', '/a%3Db%2Bc/a.jpg'],
  ])('a rule for %s refuses %s', (rule, path) => {
    expect(each(rule, `${ORIGIN}${path}`)).toEqual(ALL_REFUSE);
    expect(isAllowed(parseRobotsTxt(`User-agent: *\nDisallow: ${rule}\n`), 'heed', `${ORIGIN}${path}`)).toBe(false);
  });

  it.each([
    ['/wiki/Special:', '/wiki/Main_Page/a.jpg'],
    ['/@alice/', '/%40bob/a.jpg'],
    ['/a%3Fb/', '/a?b/a.jpg'],
    ['/a%23b/', '/a/a.jpg'],
  ])('a rule for %s does not refuse %s', (rule, path) => {
    expect(each(rule, `${ORIGIN}${path}`)).toEqual(NONE_REFUSE);
  });
});

describe('URL readings: characters the URL parser may encode', () => {
  // The URL parser encodes `{`, `}` and a backtick in a path (WHATWG path percent-encode set;
  // engines differ on `^`, `|`, `[`, `]`), so `/a{b}/x.jpg` is requested as `/a%7Bb%7D/x.jpg`,
  // which `Disallow: /a{b}/` as written does not name. (robots.txt and ai.txt: tdmrep.json and RSL
  // read the path through the URL parser again, which encodes them back.)
  it.each([
    ['/a{b}/', '/a{b}/x.jpg'],
    ['/a%7Bb%7D/', '/a{b}/x.jpg'],
    ['/a`b/', '/a`b/x.jpg'],
    ['/a^b|c[d]/', '/a%5Eb%7Cc%5Bd%5D/x.jpg'],
  ])('a rule for %s refuses %s', (rule, path) => {
    expect(isAllowed(parseRobotsTxt(`User-agent: *\nDisallow: ${rule}\n`), 'heed', `${ORIGIN}${path}`)).toBe(false);
    expect(denied(evaluateRobots({ url: `${ORIGIN}/robots.txt`, outcome: 'ok', body: `User-agent: *\nDisallow: ${rule}\n` }, `${ORIGIN}${path}`, 'image', AI))).toBe(true);
    expect(denied(evaluateAiTxt(ok('/ai.txt', `User-agent: *\nDisallow: ${rule}\n`), `${ORIGIN}${path}`, AI))).toBe(true);
  });
});

describe('URL readings: an absolute location with `*` in its host', () => {
  // `https://*.v.test/private/*` names the site's images on every host of its own (the owner's
  // cdn.v.test, img.v.test); read as one literal host `*.v.test`, it named none, and the
  // reservation or prohibition was lost for all of them.
  const tdm = (location: string, url: string) => denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', JSON.stringify([{ location, 'tdm-reservation': 1 }])), imageUrl: url, imageHeaders: {}, pageFallback: null }, AI));
  const rslDenies = (contentUrl: string, url: string) => denied(evaluateRsl(ok('/license.xml', `<rsl xmlns="https://rslstandard.org/rsl"><content url="${contentUrl}"><license><prohibits type="usage">all</prohibits></license></content></rsl>`), url, AI));

  it.each([
    ['https://*.v.test/private/*', 'https://cdn.v.test/private/a.jpg'],
    ['https://*.v.test/private/*', 'https://a.b.v.test./private/a.jpg'],
    ['https://*.v.test/private/*', 'https://v.test/private/a.jpg'],
    ['http://*.v.test/private/', 'https://img.v.test/private/a.jpg'],
    ['https://img*.v.test/', 'https://img2.v.test/private/a.jpg'],
  ])('%s covers %s', (pattern, url) => {
    expect(tdm(pattern, url)).toBe(true);
    expect(rslDenies(pattern, url)).toBe(true);
  });

  it.each([
    ['https://*.v.test/private/*', 'https://cdn.v.test/public/a.jpg'],
    ['https://*.v.test/private/*', 'https://cdn.other.test/private/a.jpg'],
    ['https://*.v.test/private/*', 'https://v.test.other.test/private/a.jpg'],
    ['https://img*.v.test/', 'https://cdn.v.test/private/a.jpg'],
  ])('%s does not cover %s', (pattern, url) => {
    expect(tdm(pattern, url)).toBe(false);
    expect(rslDenies(pattern, url)).toBe(false);
  });
});

describe('URL readings: a scheme-relative absolute location', () => {
  // `//v.test/private/*` is a URL without its scheme (a network-path reference, RFC 3986 §4.2):
  // read only as a path starting `//v.test/`, it named no image.
  const tdm = (location: string, url: string) => denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', JSON.stringify([{ location, 'tdm-reservation': 1 }])), imageUrl: url, imageHeaders: {}, pageFallback: null }, AI));
  const rslDenies = (contentUrl: string, url: string) => denied(evaluateRsl(ok('/license.xml', `<rsl xmlns="https://rslstandard.org/rsl"><content url="${contentUrl}"><license><prohibits type="usage">all</prohibits></license></content></rsl>`), url, AI));

  it('covers the image on that host, over either scheme', () => {
    for (const url of ['https://v.test/private/a.jpg', 'http://v.test/private/a.jpg', 'https://www.v.test/private/a.jpg']) {
      expect([tdm('//v.test/private/*', url), rslDenies('//v.test/private/', url)]).toEqual([true, true]);
    }
  });

  it('not another host or path', () => {
    for (const url of ['https://other.test/private/a.jpg', 'https://v.test/public/a.jpg']) {
      expect([tdm('//v.test/private/*', url), rslDenies('//v.test/private/', url)]).toEqual([false, false]);
    }
  });
});

describe('URL readings: a query added to a file a `$` rule names', () => {
  // `Disallow: /*.jpg$` (Google's own example for blocking a file type) names the JPEG files; the
  // server serves /a.jpg?x=1 and /a.jpg? as /a.jpg, but as written `$` anchors at the end of the
  // query, so a page that adds one got the file past the rule.
  const robots = (body: string, url: string) => denied(evaluateRobots({ url: `${ORIGIN}/robots.txt`, outcome: 'ok', body }, url, 'image', AI));

  it.each(['/a.jpg?x=1', '/a.jpg?', '/photos/a.jpg?w=800&h=600', '/a.jpg;v=1?x', '/a%2Ejpg?x'])('robots.txt `Disallow: /*.jpg$` refuses %s', (path) => {
    expect(robots('User-agent: *\nDisallow: /*.jpg$\n', `${ORIGIN}${path}`)).toBe(true);
    expect(isAllowed(parseRobotsTxt('User-agent: *\nDisallow: /*.jpg$\n'), 'heed', `${ORIGIN}${path}`)).toBe(false);
  });

  it('only an anchored Disallow reads the path without its query: an Allow that matched in the query, or a broader Disallow, does not', () => {
    // Google's vectors (GoogleOnly_...): `/index?f=filename.php/` is allowed by `Allow: /*.php`.
    expect(robots('User-agent: *\nDisallow: /\nAllow: /*.php\n', `${ORIGIN}/index?f=filename.php/`)).toBe(false);
    expect(robots('User-agent: *\nDisallow: /*.jpg$\n', `${ORIGIN}/a.png?x=1`)).toBe(false);
    expect(robots('User-agent: *\nDisallow: /*.jpg$\nAllow: /press/*.jpg$\n', `${ORIGIN}/press/a.jpg?x=1`)).toBe(false);
  });

  it('a tdmrep.json `$` location reserves the file with a query too', () => {
    const tdm = (rules: unknown[], path: string) => denied(resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', JSON.stringify(rules)), imageUrl: `${ORIGIN}${path}`, imageHeaders: {}, pageFallback: null }, AI));
    expect(tdm([{ location: '/*.jpg$', 'tdm-reservation': 1 }], '/a.jpg?x=1')).toBe(true);
    expect(tdm([{ location: '/*.jpg$', 'tdm-reservation': 1 }], '/a.png?x=1')).toBe(false);
    // Not a non-anchored rule that matched nothing but the path without its query.
    expect(tdm([{ location: '/*.php', 'tdm-reservation': 0 }, { location: '/', 'tdm-reservation': 1 }], '/index?f=a.php')).toBe(false);
  });
});

describe('URL readings: a query added to a file a `$` Content-Usage rule names', () => {
  const reasons = (body: string, url: string) => evaluateRobots({ url: `${ORIGIN}/robots.txt`, outcome: 'ok', body }, url, 'image', AI).filter((e) => e.effect === 'deny').map((e) => e.reason);
  it('Content-Usage: /*.jpg$ train-ai=n refuses /a.jpg?x=1', () => {
    expect(reasons('User-agent: *\nAllow: /\nContent-Usage: /*.jpg$ train-ai=n\n', `${ORIGIN}/a.jpg?x=1`)).toEqual(['content-usage-n']);
    expect(reasons('User-agent: *\nAllow: /\nContent-Usage: /*.jpg$ train-ai=n\n', `${ORIGIN}/a.png?x=1`)).toEqual([]);
    // A longer rule decides the path without its query as it does the path: /photos/ says y.
    expect(reasons('User-agent: *\nAllow: /\nContent-Usage: /*.jpg$ train-ai=n\nContent-Usage: /photos/ train-ai=y\n', `${ORIGIN}/photos/a.jpg?x=1`)).toEqual([]);
  });
});

describe('URL readings: a tdmrep.json 0 that speaks for one reading only', () => {
  // tdmrep.json says /public/ is not reserved; the page reserves its own images (its meta, the
  // fallback when the file is silent). `/public/..%2Fprivate/a.jpg` matches `/public/*` as
  // written, but the server serves /private/a.jpg, for which the file is silent and the page's
  // reservation applies. Read as 0, the file's rule superseded the page and the image was kept.
  const rules = JSON.stringify([{ location: '/public/*', 'tdm-reservation': 0 }]);
  const reserved = (path: string) =>
    resolveTdmReservation({ wellKnown: ok('/.well-known/tdmrep.json', rules), imageUrl: `${ORIGIN}${path}`, imageHeaders: {}, pageFallback: { reservation: '1', source: `${ORIGIN}/page.html` } }, AI).filter((e) => e.effect === 'deny').map((e) => e.reason);

  it.each(['/public/..%2Fprivate/a.jpg', '/public/..;/private/a.jpg', '//public/private/a.jpg', '/public%2F..%2Fprivate/a.jpg'])('%s is reserved by the page', (path) => {
    expect(reserved(path)).toEqual(['tdm-reserved']);
  });

  it('a path every reading of which meets the 0 rule is not reserved', () => {
    expect(reserved('/public/a.jpg')).toEqual([]);
    expect(reserved('/public//a.jpg')).toEqual([]);
    expect(reserved('/public%2Fa.jpg')).toEqual(['tdm-reserved']); // as written, /public%2Fa.jpg meets no rule
  });
});
