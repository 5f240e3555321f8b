import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { scanDocument } from '../../../utils/scan/scan-page';
import { originFiles } from './fixtures/origin-files';
import { assessPage } from '../../../utils/policy/assess';
import { hopNotSeen, refusalBeforeHop, refusalBeforeRequest, renditionSiteOrigins } from '../../../utils/policy/pre-fetch';
import type { RedirectHop } from '../../../utils/policy/assess';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import type { PageSignals } from '../../../utils/page/page-signals';
import { parseSettings, type Settings } from '../../../utils/model/settings';

const settings = parseSettings({});
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

const files = originFiles;

const pageSignals: PageSignals = {
  url: 'https://museum.example/gallery',
  title: 'Gallery',
  metas: [],
  tdm: {},
  licence: { pageUrl: 'https://museum.example/gallery', licences: [{ via: 'rel', url: CC_BY }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
  rsl: [],
};

const site = (s: Settings = settings) => assessPage({ page: pageSignals, headers: {}, origin: files('https://museum.example') }, s);
const robots = (origin: string, body: string) => files(origin, { robots: { url: `${origin}/robots.txt`, outcome: 'ok', body } });

describe('refusalBeforeRequest (DESIGN.md §2 rule 2: checked before an image is requested)', () => {
  it('lets an image nothing refuses be requested', () => {
    const url = 'https://museum.example/img/a.png';
    expect(refusalBeforeRequest(site(), url, files('https://museum.example'), settings)).toBeNull();
  });

  it('refuses, unrequested, an image under a path the image origin’s robots.txt disallows', () => {
    const url = 'https://museum.example/private/a.png';
    const r = refusalBeforeRequest(site(), url, robots('https://museum.example', 'User-agent: *\nDisallow: /private/\n'), settings);
    expect(r?.decision).toBe('refused');
    expect(r?.reasons).toEqual(['robots-disallow']);
    expect(r?.evidence.some((e) => e.kind === 'fetch' && e.value === 'not requested')).toBe(true);
  });

  it('refuses an image whose AI token is disallowed on a CDN', () => {
    const url = 'https://cdn.example/x/a.png';
    const r = refusalBeforeRequest(site(), url, robots('https://cdn.example', 'User-agent: GPTBot\nDisallow: /\n'), settings);
    expect(r?.reasons).toEqual(['robots-disallow']);
  });

  it('treats an unreachable robots.txt of the image origin as a complete disallow', () => {
    const url = 'https://cdn.example/x/a.png';
    const r = refusalBeforeRequest(site(), url, files('https://cdn.example', { robots: { url: 'https://cdn.example/robots.txt', outcome: 'unreachable', detail: 'HTTP 503' } }), settings);
    expect(r?.reasons).toEqual(['robots-unreachable']);
  });

  it('refuses an image on a domain the user blocked, and on a registry-blocked domain', () => {
    const blocking = parseSettings({ userBlock: ['cdn.example'] });
    expect(refusalBeforeRequest(site(blocking), 'https://img.cdn.example/a.png', files('https://img.cdn.example'), blocking)?.reasons).toEqual(['user-blocked']);
    expect(refusalBeforeRequest(site(), 'https://t4.ftcdn.net/a.png', files('https://t4.ftcdn.net'), settings)?.reasons).toContain('site-blocked');
  });

  it('gives every reason known before the request, not only the first', () => {
    const blocking = parseSettings({ userBlock: ['cdn.example'] });
    const r = refusalBeforeRequest(site(blocking), 'https://cdn.example/p/a.png', robots('https://cdn.example', 'User-agent: *\nDisallow: /p/\n'), blocking);
    expect(r?.reasons.sort()).toEqual(['robots-disallow', 'user-blocked']);
  });

  it('refuses an image whose page-level evidence denies (e.g. the page’s meta robots)', () => {
    const noai = assessPage({ page: { ...pageSignals, metas: [{ name: 'robots', content: 'noai' }] }, headers: {}, origin: files('https://museum.example') }, settings);
    expect(refusalBeforeRequest(noai, 'https://museum.example/img/a.png', files('https://museum.example'), settings)?.reasons).toContain('meta-robots');
  });

  it('refuses an image under a path the image origin’s ai.txt disallows', () => {
    const url = 'https://museum.example/private/a.png';
    const aiTxt = { url: 'https://museum.example/ai.txt', outcome: 'ok' as const, body: 'User-Agent: *\nDisallow: /private/\n' };
    expect(refusalBeforeRequest(site(), url, files('https://museum.example', { aiTxt }), settings)?.reasons).toEqual(['ai-txt-disallow']);
  });
});

describe('refusalBeforeHop (rule 2 on the way: each redirect target is judged before it is requested)', () => {
  const hop = (url: string, location: string, headers: RedirectHop['headers'] = {}): RedirectHop => ({ url, location, headers });

  it('lets a redirect to an open URL be followed', () => {
    const hops = [hop('https://museum.example/img/a.png', 'https://cdn.example/a.png')];
    expect(refusalBeforeHop(site(), hops, 'https://cdn.example/a.png', files('https://cdn.example'), settings)).toBeNull();
  });

  it('refuses, unrequested, a redirect target its origin’s robots.txt disallows, and says where the chain led', () => {
    const hops = [hop('https://museum.example/img/a.png', 'https://cdn.example/private/a.png')];
    const r = refusalBeforeHop(site(), hops, 'https://cdn.example/private/a.png', robots('https://cdn.example', 'User-agent: *\nDisallow: /private/\n'), settings);
    expect(r?.reasons).toEqual(['robots-disallow']);
    const note = r?.evidence.find((e) => e.kind === 'fetch');
    expect(note?.value).toBe('not requested: https://museum.example/img/a.png → https://cdn.example/private/a.png');
  });

  it('refuses before the next hop when a redirect’s own answer says noai (X-Robots-Tag on the 3xx)', () => {
    const hops = [hop('https://museum.example/img/a.png', 'https://cdn.example/a.png', { 'x-robots-tag': ['noai'] })];
    const r = refusalBeforeHop(site(), hops, 'https://cdn.example/a.png', files('https://cdn.example'), settings);
    expect(r?.reasons).toEqual(['x-robots-tag']);
    // The note names the redirect that said it, not "the image's" (whose response it is not).
    const said = r?.evidence.find((e) => e.kind === 'x-robots-tag');
    expect(said).toMatchObject({ scope: 'image', source: 'https://museum.example/img/a.png' });
    expect(said?.note).toMatch(/^The redirect's X-Robots-Tag \(https:\/\/museum\.example\/img\/a\.png\) says/);
  });

  it('names the redirect in Content-Usage and Content-Signal notes too', () => {
    const hops = [hop('https://museum.example/img/a.png', 'https://cdn.example/a.png', { 'content-usage': ['train-ai=n'], 'content-signal': ['ai-train=no'] })];
    const r = refusalBeforeHop(site(), hops, 'https://cdn.example/a.png', files('https://cdn.example'), settings);
    const notes = r?.evidence.filter((e) => e.effect === 'deny').map((e) => e.note) ?? [];
    expect(notes.length).toBe(2);
    for (const note of notes) expect(note).toContain("The redirect's Content-");
    expect(notes.join(' ')).toContain('(https://museum.example/img/a.png)');
  });

  it('refuses a redirect to a domain the user blocked or the registry blocks', () => {
    const blocking = parseSettings({ userBlock: ['cdn.example'] });
    const hops = [hop('https://museum.example/img/a.png', 'https://img.cdn.example/a.png')];
    expect(refusalBeforeHop(site(blocking), hops, 'https://img.cdn.example/a.png', files('https://img.cdn.example'), blocking)?.reasons).toEqual(['user-blocked']);
    expect(refusalBeforeHop(site(), hops, 'https://t4.ftcdn.net/a.png', files('https://t4.ftcdn.net'), settings)?.reasons).toContain('site-blocked');
  });

  it('an unseen redirect refuses the image (signal-unreadable), naming the hops answered before it', () => {
    const seen = [hop('https://museum.example/img/a.png', 'https://cdn.example/a.png')];
    const r = hopNotSeen(seen, 'https://cdn.example/a.png');
    expect(r.decision).toBe('refused');
    expect(r.reasons).toEqual(['signal-unreadable']);
    expect(r.evidence.map((e) => e.value)).toEqual(['redirect hop not seen', 'redirect chain: https://museum.example/img/a.png → https://cdn.example/a.png']);
  });
});

// DESIGN.md §2 rules 1–2: a frame is a page of its own, so a frame of a registry- or user-blocked
// site refuses the images shown in it before they are requested. Before, the image was requested
// (and, from an unlisted host, kept).
describe('refusalBeforeRequest for an image shown in a frame', () => {
  it('refuses, unrequested, an image in a frame of a registry-blocked or user-blocked site', () => {
    const url = 'https://cdn.example/a.png';
    const r = refusalBeforeRequest(site(), url, files('https://cdn.example'), settings, { frames: [{ url: 'https://www.pinterest.com/pin/1/' }] });
    expect(r?.reasons).toEqual(['site-blocked']);
    const blocking = parseSettings({ userBlock: ['other.example'] });
    expect(refusalBeforeRequest(site(blocking), url, files('https://cdn.example'), blocking, { frames: [{ url: 'https://embed.other.example/x' }] })?.reasons).toEqual(['user-blocked']);
    expect(refusalBeforeRequest(site(), url, files('https://cdn.example'), settings, { frames: [{ url: 'https://embed.other.example/x' }] })).toBeNull();
  });
});

// DESIGN.md §2 rule 2: "Heed never fetches what it already knows it must refuse". An image proxy's
// address names the file it serves (model/shared-hosting.ts carriedUrls); the decision after the
// fetch refused a blocked site's image carried so, but the proxy was asked for it first.
describe('refusalBeforeRequest for a proxy URL that carries a blocked site’s image', () => {
  it.each([
    'https://museum.example/_next/image?url=https%3A%2F%2Fi.pinimg.com%2F736x%2Fa.jpg&w=640',
    'https://images.weserv.nl/?url=https%253A%252F%252Fi.pinimg.com%252F736x%252Fa.jpg',
    'https://res.cloudinary.com/demo/image/fetch/https://pbs.twimg.com/media/a.jpg',
  ])('refuses %s unrequested', (url) => {
    const r = refusalBeforeRequest(site(), url, files(new URL(url).origin), settings);
    expect(r?.reasons).toEqual(['site-blocked']);
    expect(refusalBeforeHop(site(), [{ url: 'https://short.example/x', location: url, headers: {} }], url, files(new URL(url).origin), settings)?.reasons).toEqual(['site-blocked']);
  });
  it('and one carrying a site the user blocked', () => {
    const blocking = parseSettings({ userBlock: ['other.example'] });
    const url = 'https://museum.example/_next/image?url=https%3A%2F%2Fcdn.other.example%2Fa.jpg';
    expect(refusalBeforeRequest(site(blocking), url, files('https://museum.example'), blocking)?.reasons).toEqual(['user-blocked']);
  });
  it('a proxy URL carrying an unlisted site’s image may be requested', () => {
    const url = 'https://museum.example/_next/image?url=https%3A%2F%2Fcdn.other.example%2Fa.jpg';
    expect(refusalBeforeRequest(site(), url, files('https://museum.example'), settings)).toBeNull();
  });
});

// The rendition the page shows (the candidate's thumbnailUrl) is the same image: on a blocked
// site, its larger copy elsewhere is refused before it is requested.
describe('refusalBeforeRequest for an image shown from a blocked site', () => {
  it('refuses, unrequested, the large copy of an image the page shows from i.pinimg.com', () => {
    const url = 'https://museum.example/a-2000.jpg';
    expect(refusalBeforeRequest(site(), url, files('https://museum.example'), settings, { thumbnailUrl: 'https://i.pinimg.com/236x/a.jpg' })?.reasons).toEqual(['site-blocked']);
    expect(refusalBeforeRequest(site(), url, files('https://museum.example'), settings, { thumbnailUrl: 'https://museum.example/a-800.jpg' })).toBeNull();
  });
});

// wsrv.nl (images.weserv.nl) takes its `?url=` without a scheme — `?url=HOST/PATH`, or
// `?url=ssl:HOST/PATH` for https (weserv/images public/index.php) — which carriedUrls, reading
// http(s) addresses only, did not see: a page showing Pinterest's image through it had it
// requested and kept (in opt-out mode, with nothing else saying no).
describe('an image proxy URL carrying a blocked site’s image without a scheme', () => {
  it.each([
    'https://images.weserv.nl/?url=i.pinimg.com/736x/a.jpg',
    'https://wsrv.nl/?url=ssl:i.pinimg.com/736x/a.jpg&w=300',
    'https://wsrv.nl/?w=300&url=i.pinimg.com%2F736x%2Fa.jpg',
    'https://wsrv.nl/?url=I.PINIMG.COM/736x/a.jpg',
  ])('%s is refused before it is requested', (url) => {
    expect(refusalBeforeRequest(site(), url, files(new URL(url).origin), settings)?.reasons).toEqual(['site-blocked']);
  });
  it.each([
    'https://cdn.example/a.jpg?v=1.2.3/x',
    'https://cdn.example/a.jpg?file=photo.jpg',
    'https://cdn.example/a.jpg?ref=pinterest.com',
    'https://images.weserv.nl/?url=museum.example/a.jpg',
  ])('%s names no blocked site’s file: it may be requested', (url) => {
    expect(refusalBeforeRequest(site(), url, files(new URL(url).origin), settings)).toBeNull();
  });
});

describe('refusalBeforeRequest for an image on a blocked host of the page’s own site', () => {
  it('refuses it, unrequested, when the block list names its host', () => {
    const blocking = parseSettings({ userBlock: ['images.museum.example'] });
    expect(refusalBeforeRequest(site(blocking), 'https://images.museum.example/a.png', files('https://images.museum.example'), blocking)?.reasons).toEqual(['user-blocked']);
  });
});

// The proxy, not the browser, parses the address it carries, and parsers differ on `\` and `@`:
// `https://evil.test\@i.pinimg.com/a.jpg` is evil.test's to the URL Standard but i.pinimg.com's
// to an RFC 3986 parser (userinfo `evil.test\`), and wsrv.nl reads `?url=USER@HOST/PATH`. Only the
// URL Standard's reading was looked up, and a proxy reading the other fetched Pinterest's image.
// Both readings now count for the registry and the user's lists (refusing only more).
describe('a proxy URL whose carried address parsers read differently', () => {
  it.each([
    'https://proxy.example/img?url=https%3A%2F%2Fevil.test%5C%40i.pinimg.com%2Fa.jpg',
    'https://wsrv.nl/?url=anyone@i.pinimg.com/736x/a.jpg',
    'https://wsrv.nl/?url=evil.test%5C@i.pinimg.com/736x/a.jpg',
  ])('%s is refused before it is requested', (url) => {
    expect(refusalBeforeRequest(site(), url, files(new URL(url).origin), settings)?.reasons).toEqual(['site-blocked']);
  });
  it('an address whose every reading is another site’s may be requested', () => {
    const url = 'https://proxy.example/img?url=https%3A%2F%2Fi.pinimg.com%40evil.test%2Fa.jpg';
    expect(refusalBeforeRequest(site(), url, files('https://proxy.example'), settings)).toBeNull();
  });
});

// Image CDNs that take the file's host as a path segment without a scheme — Statically's
// `cdn.statically.io/img/HOST/PATH` (as Photon's `i0.wp.com/HOST/PATH`, which was read) — carried
// no address Heed saw, and Pinterest's image was requested through them and kept.
describe('an image CDN naming a blocked site’s file in its path without a scheme', () => {
  it('is refused before it is requested', () => {
    const url = 'https://cdn.statically.io/img/i.pinimg.com/w=300/736x/a.jpg';
    expect(refusalBeforeRequest(site(), url, files('https://cdn.statically.io'), settings)?.reasons).toEqual(['site-blocked']);
  });
  it.each(['https://cdn.example/2020.01/a.jpg', 'https://cdn.example/img/photo.jpg', 'https://cdn.example/v1.2/pinterest.com'])('%s names no blocked site’s file', (url) => {
    expect(refusalBeforeRequest(site(), url, files('https://cdn.example'), settings)).toBeNull();
  });
});

// imgproxy names its source as `/SIGNATURE/OPTIONS/BASE64URL.EXT`, the encoded URL split by `/`
// at will (imgproxy docs, "Generating the URL"): a page serving Pinterest's image through one
// had it requested and kept, the address it carries not being read.
describe('an image proxy naming a blocked site’s file in base64', () => {
  it.each([
    'https://imgproxy.example/sig/rs:fit:300:300/aHR0cHM6Ly9pLnBpbmltZy5jb20vNzM2eC9hLmpwZw.jpg',
    'https://imgproxy.example/sig/rs:fit:300:300/aHR0cHM6Ly9pLnBp/bmltZy5jb20vNzM2eC9hLmpwZw.webp',
    'https://proxy.example/img?src=aHR0cHM6Ly9pLnBpbmltZy5jb20vNzM2eC9hLmpwZw',
  ])('%s is refused before it is requested', (url) => {
    expect(refusalBeforeRequest(site(), url, files(new URL(url).origin), settings)?.reasons).toEqual(['site-blocked']);
  });
  it('one naming an unlisted site’s file, or base64 text that is no address, may be requested', () => {
    expect(refusalBeforeRequest(site(), 'https://imgproxy.example/sig/w:300/aHR0cHM6Ly9jZG4ub3RoZXIuZXhhbXBsZS9hLmpwZw.jpg', files('https://imgproxy.example'), settings)).toBeNull();
    expect(refusalBeforeRequest(site(), 'https://cdn.example/3f2a9c1be0d44a7f8e6b2c1d0a9f8e7d.jpg', files('https://cdn.example'), settings)).toBeNull();
  });
});

// A proxy's URL carries another site's file (wsrv.nl's `?url=HOST/PATH`, Photon's
// `i0.wp.com/HOST/PATH`): that site's robots.txt and ai.txt, known before the request, refuse the
// file before the proxy is asked for it (rule 2), as assess.ts refuses it after.
describe('the signal files of the site a proxy URL carries, before the request', () => {
  const OWNER = 'https://photos.owner.com';
  it('the owner’s robots.txt refuses its file through wsrv.nl and Photon, unrequested', () => {
    for (const url of ['https://wsrv.nl/?url=photos.owner.com/private/a.jpg', 'https://i0.wp.com/photos.owner.com/private/a.jpg']) {
      const r = refusalBeforeRequest(site(), url, files(new URL(url).origin), settings, {}, [robots(OWNER, 'User-agent: GPTBot\nDisallow: /private/')]);
      expect(r?.reasons, url).toEqual(['robots-disallow']);
      expect(r?.evidence.some((e) => e.value === 'not requested')).toBe(true);
      expect(r?.evidence.find((e) => e.reason === 'robots-disallow')?.note).toMatch(/^The image is served through a proxy from https:\/\/photos\.owner\.com\/private\/a\.jpg: /);
    }
    expect(refusalBeforeRequest(site(), 'https://wsrv.nl/?url=photos.owner.com/public/a.jpg', files('https://wsrv.nl'), settings, {}, [robots(OWNER, 'User-agent: GPTBot\nDisallow: /private/')])).toBeNull();
  });
  it('a proxy on the image’s own site carrying that site’s file: its robots.txt refuses the file, unrequested', () => {
    const url = 'https://museum.example/_next/image?url=%2F%2Fmuseum.example%2Fprivate%2Fa.jpg&w=640';
    const r = refusalBeforeRequest(site(), url, robots('https://museum.example', 'User-agent: GPTBot\nDisallow: /private/'), settings);
    expect(r?.reasons).toEqual(['robots-disallow']);
  });
  it('the owner’s ai.txt refuses its file, unrequested', () => {
    const owner = files(OWNER, { aiTxt: { url: `${OWNER}/ai.txt`, outcome: 'ok', body: 'User-Agent: *\nDisallow: /private/' } });
    expect(refusalBeforeRequest(site(), 'https://wsrv.nl/?url=photos.owner.com/private/a.jpg', files('https://wsrv.nl'), settings, {}, [owner])?.reasons).toEqual(['ai-txt-disallow']);
  });
  it('a redirect to a proxy URL: the carried site’s robots.txt refuses the next hop', () => {
    const hops: RedirectHop[] = [{ url: 'https://museum.example/a.jpg', location: 'https://wsrv.nl/?url=photos.owner.com/private/a.jpg', headers: {} }];
    const r = refusalBeforeHop(site(), hops, hops[0]!.location, files('https://wsrv.nl'), settings, [robots(OWNER, 'User-agent: *\nDisallow: /private/')]);
    expect(r?.reasons).toEqual(['robots-disallow']);
  });
});

// An image proxy Heed does not know names its source in its path or query as a URL parser reads
// it (WHATWG: `https:HOST/…` without slashes, tabs and newlines dropped, full-width letters mapped;
// a path segment `HOST:PORT` or `USER@HOST`; `%2F` a slash once the proxy decodes its path). Each
// such spelling carried no address Heed saw, and Pinterest's file was requested and kept.
describe('an unknown image proxy naming a blocked site’s file as a URL parser reads it', () => {
  const carrying = [
    'https://img.somecdn.net/fit/800/i.pinimg.com:443/736x/a.jpg',
    'https://img.somecdn.net/fit/800/anyone@i.pinimg.com/736x/a.jpg',
    'https://img.somecdn.net/fit/800/i.pinimg.com%2F736x%2Fa.jpg',
    'https://img.somecdn.net/fit/800/%2F%2Fi.pinimg.com%2F736x%2Fa.jpg',
    'https://img.somecdn.net/fit/800/%EF%BD%89.pinimg.com/736x/a.jpg',
    'https://img.somecdn.net/fit/800/https:i.pinimg.com/736x/a.jpg',
    'https://img.somecdn.net/?url=https:i.pinimg.com/736x/a.jpg',
    'https://img.somecdn.net/?url=https%3A%2F%2Fi.pin%09img.com%2F736x%2Fa.jpg',
    'https://img.somecdn.net/?url=https://i.pin%0Aimg.com/736x/a.jpg',
    'https://img.somecdn.net/?url=%EF%BD%89.pinimg.com/736x/a.jpg',
  ];
  it('is refused before it is requested, in each spelling', () => {
    for (const url of carrying) expect(refusalBeforeRequest(site(), url, files(new URL(url).origin), settings)?.reasons, url).toEqual(['site-blocked']);
  });
  const ordinary = [
    'https://cdn.example/fit/800/museum.example:443/a.jpg',
    'https://cdn.example/a.jpg?v=1.2:3/x',
    'https://cdn.example/img/2020.01%2Fa.jpg',
    'https://cdn.example/a.jpg?note=https:',
  ];
  it('an ordinary URL with a port, a colon or an encoded slash in its path names none: it may be requested', () => {
    for (const url of ordinary) expect(refusalBeforeRequest(site(), url, files(new URL(url).origin), settings), url).toBeNull();
  });
});

// A page names Pinterest's file as one rendition of its image (a srcset candidate a narrow screen
// shows, an image-set() option for 1x screens) and its own copy as the largest: Heed took the own
// copy and judged the shown rendition only (the one this browser loaded), so the Pinterest
// rendition other screens show was never looked up and the copy was kept.
describe('an image whose markup names a blocked site’s rendition besides the one taken', () => {
  const page = 'https://museum.example/gallery';
  const scanned = (body: string) => {
    const { document } = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`);
    return scanDocument(document as unknown as Document, page);
  };
  it('is refused before it is requested', () => {
    const [c] = scanned('<img src="/a-400.jpg" srcset="/a-2000.jpg 2000w, https://i.pinimg.com/736x/a.jpg 736w, /a-400.jpg 400w" sizes="50vw">');
    expect(c?.url).toBe('https://museum.example/a-2000.jpg');
    expect(refusalBeforeRequest(site(), c!.url, files('https://museum.example'), settings, c)?.reasons).toEqual(['site-blocked']);
  });
  it('one naming more renditions than Heed reads fails closed, unrequested (signal-unreadable)', () => {
    const many = Array.from({ length: 64 }, (_, i) => `/w${i}.jpg ${3000 + i}w`).join(', ');
    const [c] = scanned(`<img src="/a-400.jpg" srcset="${many}, https://i.pinimg.com/736x/a.jpg 736w">`);
    expect(refusalBeforeRequest(site(), c!.url, files('https://museum.example'), settings, c)?.reasons).toEqual(['signal-unreadable']);
  });
  it('one whose renditions are all on open sites may be requested', () => {
    const [c] = scanned('<img src="/a-400.jpg" srcset="/a-2000.jpg 2000w, https://cdn.example/736x/a.jpg 736w, /a-400.jpg 400w" sizes="50vw">');
    expect(refusalBeforeRequest(site(), c!.url, files('https://museum.example'), settings, c)).toBeNull();
  });
});

describe('renditionSiteOrigins with a rendition through an image proxy', () => {
  it('names the site the proxy serves the rendition from, so the worker reads its signal files', () => {
    const proxied = `https://museum.example/_next/image?url=${encodeURIComponent('https://photos.owner.example/a.jpg')}&w=640`;
    expect(renditionSiteOrigins({ renditions: [proxied] }, ['https://museum.example'])).toEqual(['https://photos.owner.example']);
    expect(renditionSiteOrigins({ thumbnailUrl: proxied }, ['https://museum.example'])).toEqual(['https://photos.owner.example']);
  });
  it('refuses the image unrequested once that site’s robots.txt refusing GPTBot is read', () => {
    const proxied = `https://museum.example/_next/image?url=${encodeURIComponent('https://photos.owner.example/a.jpg')}&w=640`;
    const owner = robots('https://photos.owner.example', 'User-agent: GPTBot\nDisallow: /\n');
    expect(refusalBeforeRequest(site(), 'https://museum.example/a-2000.jpg', files('https://museum.example'), settings, { renditions: [proxied] }, [], [], [owner])?.reasons).toEqual(['robots-disallow']);
    expect(refusalBeforeRequest(site(), 'https://museum.example/a-2000.jpg', files('https://museum.example'), settings, { renditions: [proxied] }, [], [], [files('https://photos.owner.example')])).toBeNull();
  });
});

// A frame is a page: its site's robots.txt refusing the frame's address refuses the images in it
// (assess.ts). That robots.txt was read only after the image had been requested: rule 2 says Heed
// never fetches what it already knows it must refuse.
describe('refusalBeforeRequest for an image in a frame whose site’s robots.txt refuses the frame', () => {
  const url = 'https://cdn.example/a.png';
  const frames = [{ url: 'https://embed.victim-example.com/gallery/1', metas: [], tdm: {} }];
  const victim = robots('https://embed.victim-example.com', 'User-agent: GPTBot\nDisallow: /gallery/\n');
  it('refuses it unrequested once the frame’s site’s files are read', () => {
    expect(refusalBeforeRequest(site(), url, files('https://cdn.example'), settings, { frames }, [], [victim])?.reasons).toEqual(['robots-disallow']);
  });
  it('a frame site allowing the frame’s address, or files not yet read, leave it to be requested and decided', () => {
    expect(refusalBeforeRequest(site(), url, files('https://cdn.example'), settings, { frames }, [], [robots('https://embed.victim-example.com', 'User-agent: GPTBot\nDisallow: /private/\n')])).toBeNull();
    expect(refusalBeforeRequest(site(), url, files('https://cdn.example'), settings, { frames })).toBeNull();
  });
});

// The renditions the page shows and names (thumbnailUrl, srcset and <picture><source>
// candidates) are this image too, and their origins’ robots.txt and ai.txt speak for it
// (assess.ts). Where the worker has read them before the request, a refusal there refuses the
// image unrequested (DESIGN.md §2 rule 2: Heed never fetches what it already knows it must refuse).
describe('refusalBeforeRequest for an image whose rendition’s site refuses it', () => {
  const url = 'https://museum.example/a-2000.jpg';
  const other = 'https://cdn.other.example';
  const refusing = robots(other, 'User-agent: GPTBot\nDisallow: /\n');
  it('a named rendition’s robots.txt refusing GPTBot refuses it unrequested', () => {
    const r = refusalBeforeRequest(site(), url, files('https://museum.example'), settings, { renditions: [`${other}/736/a.jpg`] }, [], [], [refusing]);
    expect(r?.reasons).toEqual(['robots-disallow']);
    expect(r?.evidence.some((e) => e.kind === 'fetch' && e.value === 'not requested')).toBe(true);
  });
  it('the shown rendition’s robots.txt refusing GPTBot refuses it unrequested', () => {
    expect(refusalBeforeRequest(site(), url, files('https://museum.example'), settings, { thumbnailUrl: `${other}/236/a.jpg` }, [], [], [refusing])?.reasons).toEqual(['robots-disallow']);
  });
  it('a rendition whose site allows it may be requested', () => {
    expect(refusalBeforeRequest(site(), url, files('https://museum.example'), settings, { renditions: [`${other}/736/a.jpg`] }, [], [], [files(other)])).toBeNull();
  });
});
