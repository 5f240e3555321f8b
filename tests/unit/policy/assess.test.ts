import { describe, expect, it } from 'vitest';
import { frameDocumentAddresses } from '../../../utils/policy/site-registry';
import { originFiles } from './fixtures/origin-files';
import { parseHTML } from 'linkedom';
import { assessImage, assessPage, type ImageInputs, type PageInputs } from '../../../utils/policy/assess';
import type { Evidence } from '../../../utils/model/evidence';
import { originOf, type OriginFiles } from '../../../utils/signals/origin-files';
import { carriedBy } from '../../../utils/model/shared-hosting';
import { carriedSiteOrigins, MAX_CARRIED_SITES } from '../../../utils/policy/pre-fetch';
import type { PageSignals } from '../../../utils/page/page-signals';
import { parseSettings } from '../../../utils/model/settings';
import type { FetchedFile } from '../../../utils/signals/fetched-file';
import { MAX_FRAMES_PER_IMAGE, withFrame, withReportOf, withSameImageReported, type FrameOfImage, type ImageCandidate } from '../../../utils/policy/verdict';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateEmbeddedRights, readEmbeddedRights } from '../../../utils/signals/xmp';
import { jpeg, xmpApp1, xmpPacket } from '../media/image-fixtures';
import { EMPTY_RIGHTS } from './fixtures/empty-rights';
import { readFrameSignals, readPageSignals } from '../../../utils/page/page-signals';
import { frameSignalsFrom, framesOfReport, framesOfReports, pageSignalsFromRaw, pageSignalsFromScan } from '../../../utils/page/received-signals';
import { readRawPageSignals } from '../../../utils/page/raw-page-signals';
import { REAL_PAGES, realPage } from '../fixtures/realworld';
import { ScannedFrameSignalsSchema, ScannedPageSignalsSchema } from '../../../utils/messages/page-signals-schema';
import { refusalBeforeRequest } from '../../../utils/policy/pre-fetch';
import { ElementLicenceHintSchema } from '../../../utils/signals/html-licence/schema';
import { ElementLicences } from '../../../utils/scan/licence';
import { carriedAddresses } from '../../../utils/model/shared-hosting';

/** What Collect's scanner reads of a page, as the worker checks it on arrival and reads it. */
const readPage = (d: Document, url: string) => pageSignalsFromScan(ScannedPageSignalsSchema.parse(readPageSignals(d, url)));

const settings = parseSettings({});
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

const files = originFiles;

const pageSignals = (over: Partial<PageSignals> = {}): PageSignals => ({
  url: 'https://museum.example/gallery',
  title: 'Gallery',
  metas: [],
  tdm: {},
  licence: { pageUrl: 'https://museum.example/gallery', licences: [{ via: 'rel', url: CC_BY }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
  rsl: [],
  ...over,
});

const page = (over: Partial<PageInputs> = {}) =>
  assessPage({ page: pageSignals(), headers: {}, origin: files('https://museum.example'), ...over }, settings);

const candidate = (url: string, over: Partial<ImageCandidate> = {}): ImageCandidate => ({
  url,
  thumbnailUrl: null,
  alt: '',
  title: '',
  caption: '',
  discovery: ['img'],
  width: 0,
  height: 0,
  elementLicences: [],
  ...over,
});

// The origins whose signal files the worker reads for an image URL: its own, and those of the
// addresses it carries (a proxy's `?url=`; gather-image.ts), each with no signal file by default.
const originsOf = (url: string): OriginFiles[] => [...new Set([url, ...carriedAddresses(url)].map((u) => new URL(u).origin))].map((o) => files(o));

// A final URL other than `url` without hops given: one redirect, straight from `url` to it.
// Signal files (none restricting) of the image's origin and of every site its URL carries, as
// the worker fetches them (gather-image.ts).
const image = (url: string, over: Partial<ImageInputs> = {}): ImageInputs => ({
  url,
  finalUrl: url,
  headers: {},
  redirects: over.finalUrl !== undefined && over.finalUrl !== url ? [{ url, location: over.finalUrl, headers: {} }] : [],
  origins: originsOf(url),
  embedded: { evidence: [], licence: null },
  ...over,
});

// The origins the worker reads for an image shown in frames: the image's, and each frame's (its robots.txt speaks for the frame's page).
const originsShownIn = (url: string, frameUrls: readonly (string | null)[]): OriginFiles[] => {
  const own = url.startsWith('data:') ? [] : originsOf(url);
  const frames = frameUrls.filter((u): u is string => u !== null && /^https?:/i.test(u)).map((u) => new URL(u).origin);
  return [...own, ...[...new Set(frames)].filter((o) => !own.some((f) => f.origin === o)).map((o) => files(o))];
};

const decideFor = (url: string, over: Partial<ImageInputs> = {}, cand: Partial<ImageCandidate> = {}, p = page()) =>
  assessImage(p, image(url, over), candidate(url, cand), settings);

const withImageObject = (contentUrl: string, license = CC_BY) =>
  page({
    page: pageSignals({
      licence: {
        ...pageSignals().licence,
        licences: [],
        imageObjects: [{ contentUrl, license: [license], acquireLicensePage: null, creditText: null, creator: 'Kim', copyrightNotice: null, name: 'Fox' }],
      },
    }),
  });

describe('assessPage', () => {
  it('an accepted page licence and no opt-out: permitted', () => {
    expect(page()).toMatchObject({ status: 'permitted', reasons: [] });
  });

  it.each<[string, Partial<PageInputs>, string, string[]]>([
    ['meta robots noai', { page: pageSignals({ metas: [{ name: 'robots', content: 'noai' }] }) }, 'blocked', ['meta-robots']],
    ['X-Robots-Tag on the page', { headers: { 'x-robots-tag': 'noimageai' } }, 'blocked', ['x-robots-tag']],
    ['robots.txt disallows GPTBot everywhere', { origin: files('https://museum.example', { robots: { url: 'https://museum.example/robots.txt', outcome: 'ok', body: 'User-agent: GPTBot\nDisallow: /' } }) }, 'blocked', ['robots-disallow']],
    ['robots.txt unreachable', { origin: files('https://museum.example', { robots: { url: 'https://museum.example/robots.txt', outcome: 'unreachable', detail: 'HTTP 503' } }) }, 'blocked', ['robots-unreachable']],
    ['robots.txt disallows GPTBot for some paths', { origin: files('https://museum.example', { robots: { url: 'https://museum.example/robots.txt', outcome: 'ok', body: 'User-agent: GPTBot\nDisallow: /private/' } }) }, 'restricted', ['robots-disallow']],
    ['a page TDM reservation header', { headers: { 'tdm-reservation': '1' } }, 'blocked', ['tdm-reserved']],
    ['a page TDM reservation meta', { page: pageSignals({ tdm: { reservation: '1' } }) }, 'blocked', ['tdm-reserved']],
    // DESIGN.md §2 Site status: Content-Usage and tdmrep.json rules for some paths make a site restricted.
    ...(
      [
        ['Content-Usage train-ai=n for some paths', 'User-agent: *\nContent-Usage: /photos/ train-ai=n', 'restricted', ['content-usage-n']],
        ['Content-Usage train-ai=n for some paths, in a GPTBot group', 'User-agent: GPTBot\nContent-Usage: /photos/ train-ai=n', 'restricted', ['content-usage-n']],
        ['an unreadable Content-Usage rule for some paths', 'User-agent: *\nContent-Usage: /photos/ TRAIN-AI=N', 'restricted', ['signal-unreadable']],
        ['Content-Usage train-ai=y for some paths', 'User-agent: *\nContent-Usage: /photos/ train-ai=y', 'permitted', []],
        ['Content-Usage search=n for some paths (not the purpose)', 'User-agent: *\nContent-Usage: /photos/ search=n', 'permitted', []],
        ['Content-Usage train-ai=n for the page path itself blocks', 'User-agent: *\nContent-Usage: /gallery train-ai=n', 'blocked', ['content-usage-n']],
        // A Content-Signal rule for some paths refuses the images there, as a Content-Usage one
        // does; the site was shown permitted.
        ['Content-Signal ai-train=no for some paths', 'User-agent: *\nContent-Signal: /photos/ ai-train=no', 'restricted', ['content-usage-n']],
        ['an unreadable Content-Signal for some paths', 'User-agent: *\nContent-Signal: /photos/ ai-train=n', 'restricted', ['signal-unreadable']],
        ['Content-Signal ai-train=yes for some paths', 'User-agent: *\nContent-Signal: /photos/ ai-train=yes', 'permitted', []],
      ] as const
    ).map(([name, body, status, reasons]): [string, Partial<PageInputs>, string, string[]] => [
      name,
      { origin: files('https://museum.example', { robots: { url: 'https://museum.example/robots.txt', outcome: 'ok', body } }) },
      status,
      [...reasons],
    ]),
    ...(
      [
        ['tdmrep.json reserves some paths', '[{"location":"/private/*","tdm-reservation":1}]', 'restricted', ['tdm-reserved']],
        ['tdmrep.json reserves some paths after one that leaves the page free', '[{"location":"/gallery","tdm-reservation":0},{"location":"/images/","tdm-reservation":1}]', 'restricted', ['tdm-reserved']],
        ['tdmrep.json has an unreadable rule for some paths', '[{"location":"/private/","tdm-reservation":"maybe"}]', 'restricted', ['signal-unreadable']],
        ['tdmrep.json leaves everything free', '[{"location":"/","tdm-reservation":0}]', 'permitted', []],
        ['a reservation behind a rule that matches every path never applies', '[{"location":"/","tdm-reservation":0},{"location":"/images/","tdm-reservation":1}]', 'permitted', []],
        ['tdmrep.json reserves the page path itself', '[{"location":"/gallery","tdm-reservation":1}]', 'blocked', ['tdm-reserved']],
      ] as const
    ).map(([name, body, status, reasons]): [string, Partial<PageInputs>, string, string[]] => [
      name,
      { origin: files('https://museum.example', { tdmrep: { url: 'https://museum.example/.well-known/tdmrep.json', outcome: 'ok', body } }) },
      status,
      [...reasons],
    ]),
    ['a housekeeping Disallow for * does not restrict', { origin: files('https://museum.example', { robots: { url: 'https://museum.example/robots.txt', outcome: 'ok', body: 'User-agent: *\nDisallow: /admin/' } }) }, 'permitted', []],
    // The site's ai.txt refuses its images (or cannot be read, which refuses them too): the site
    // was shown permitted while every image of it was refused (DESIGN.md §2 "Site status").
    ...(
      [
        ['ai.txt disallows image files', { outcome: 'ok', body: 'User-Agent: *\nDisallow: *.jpg\nDisallow: *.png' }, 'restricted', ['ai-txt-disallow']],
        // Disallowing the page's own path, or unreadable, is a page-level deny: blocked (site-status.test.ts; it read restricted).
        ['ai.txt disallows everything for GPTBot', { outcome: 'ok', body: 'User-Agent: GPTBot\nDisallow: /' }, 'blocked', ['ai-txt-disallow']],
        ['ai.txt unreadable', { outcome: 'error', detail: 'HTTP 503' }, 'blocked', ['signal-unreadable']],
        ['ai.txt allows everything', { outcome: 'ok', body: 'User-Agent: *\nAllow: /' }, 'permitted', []],
        ['an /ai.txt that is not the Spawning format', { outcome: 'ok', body: '# About this site\nWe like AI.' }, 'permitted', []],
        ['ai.txt disallowing for another crawler only', { outcome: 'ok', body: 'User-Agent: Googlebot\nDisallow: /\n\nUser-Agent: *\nAllow: /' }, 'permitted', []],
      ] as const
    ).map(([name, file, status, reasons]): [string, Partial<PageInputs>, string, string[]] => [
      name,
      { origin: files('https://museum.example', { aiTxt: { url: 'https://museum.example/ai.txt', ...file } as FetchedFile }) },
      status,
      [...reasons],
    ]),
  ])('%s → %s', (_name, over, status, reasons) => {
    const p = page(over);
    expect(p.status).toBe(status);
    expect(p.reasons).toEqual(reasons);
  });

  it('a Link rel=license header on the page is a page licence', () => {
    const p = page({ page: pageSignals({ licence: { ...pageSignals().licence, licences: [] } }), headers: { link: '<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"' } });
    expect(p.status).toBe('permitted');
    expect(p.licences).toEqual([expect.objectContaining({ id: 'CC0-1.0', source: 'page' })]);
  });

  it('a site in the registry is blocked with its citation', () => {
    const p = assessPage({ page: pageSignals({ url: 'https://www.pinterest.com/pin/1/' }), headers: {}, origin: files('https://www.pinterest.com') }, settings);
    expect(p.status).toBe('blocked');
    expect(p.evidence.find((e) => e.reason === 'site-blocked')?.source).toMatch(/^https:\/\/.*pinterest/);
  });
});

describe('assessImage', () => {
  it('own image under the page licence: permitted with CC BY', () => {
    const d = decideFor('https://museum.example/a.png');
    expect(d).toMatchObject({ decision: 'permitted', reasons: [] });
    expect(d.licence).toMatchObject({ id: 'CC-BY-4.0', source: 'page' });
  });

  it('a third-party image is not covered by the page licence', () => {
    expect(decideFor('https://cdn.other.example/a.png').reasons).toEqual(['no-licence']);
  });

  it('a redirect off the page domain loses the page licence', () => {
    expect(decideFor('https://museum.example/a.png', { finalUrl: 'https://cdn.other.example/a.png', origins: [files('https://museum.example'), files('https://cdn.other.example')] }).reasons).toEqual(['no-licence']);
  });

  it.each<[string, Partial<ImageInputs>, string[]]>([
    ['X-Robots-Tag noai', { headers: { 'x-robots-tag': 'noai' } }, ['x-robots-tag']],
    ['X-Robots-Tag for another bot only', { headers: { 'x-robots-tag': 'googlebot: noindex' } }, []],
    ['X-Robots-Tag addressed to GPTBot', { headers: { 'x-robots-tag': 'GPTBot: noimageai' } }, ['x-robots-tag']],
    ['Content-Usage train-ai=n', { headers: { 'content-usage': 'train-ai=n' } }, ['content-usage-n']],
    ['Content-Usage train-ai=y', { headers: { 'content-usage': 'train-ai=y' } }, []],
    // Cloudflare Content Signals sent as a response header (shared/data/README.md lists
    // "content-signal headers" among the signals Heed must honour; DESIGN.md §2 rule 3).
    ['Content-Signal ai-train=no on the image response', { headers: { 'content-signal': 'search=yes, ai-train=no' } }, ['content-usage-n']],
    ['Content-Signal with an unreadable ai-train value', { headers: { 'content-signal': 'ai-train=n' } }, ['signal-unreadable']],
    ['Content-Signal ai-train=yes', { headers: { 'content-signal': 'ai-train=yes' } }, []],
    ['image TDM header', { headers: { 'tdm-reservation': '1' } }, ['tdm-reserved']],
    ['unreadable image TDM header', { headers: { 'tdm-reservation': 'maybe' } }, ['signal-unreadable']],
    [
      'image origin robots.txt disallows the path for CCBot',
      { origins: [files('https://museum.example', { robots: { url: 'https://museum.example/robots.txt', outcome: 'ok', body: 'User-agent: CCBot\nDisallow: /a.png' } })] },
      ['robots-disallow'],
    ],
    [
      'ai.txt disallows images',
      { origins: [files('https://museum.example', { aiTxt: { url: 'https://museum.example/ai.txt', outcome: 'ok', body: 'User-Agent: *\nDisallow: *.png' } })] },
      ['ai-txt-disallow'],
    ],
    [
      'tdmrep.json reserves the path',
      { origins: [files('https://museum.example', { tdmrep: { url: 'https://museum.example/.well-known/tdmrep.json', outcome: 'ok', body: '[{"location":"/a.png","tdm-reservation":1}]' } })] },
      ['tdm-reserved'],
    ],
    [
      'the image header supersedes tdmrep.json',
      {
        headers: { 'tdm-reservation': '0' },
        origins: [files('https://museum.example', { tdmrep: { url: 'https://museum.example/.well-known/tdmrep.json', outcome: 'ok', body: '[{"location":"/a.png","tdm-reservation":1}]' } })],
      },
      [],
    ],
    ['an embedded prohibition', { embedded: { evidence: [{ kind: 'xmp', scope: 'image', source: 'xmp', value: 'DMI-PROHIBITED', effect: 'deny', reason: 'xmp-data-mining' }], licence: null } }, ['xmp-data-mining']],
  ])('%s → %j', (_name, over, reasons) => {
    expect(decideFor('https://museum.example/a.png', over).reasons).toEqual(reasons);
  });

  // DESIGN.md §2 rule 3: header lines are read apart; a value fetch joined fails closed.
  it.each<[string, Partial<ImageInputs>, string[]]>([
    ['X-Robots-Tag lines: googlebot: noimageindex / noai, noimageai', { headers: { 'x-robots-tag': ['googlebot: noimageindex', 'noai, noimageai'] } }, ['x-robots-tag']],
    ['X-Robots-Tag as fetch joins them', { headers: { 'x-robots-tag': 'googlebot: noimageindex, noai, noimageai' } }, ['x-robots-tag']],
    ['X-Robots-Tag one line for googlebot only', { headers: { 'x-robots-tag': ['googlebot: noindex, noai'] } }, []],
    ['Content-Usage lines n then y: any n wins', { headers: { 'content-usage': ['train-ai=n', 'train-ai=y'] } }, ['content-usage-n']],
    ['Content-Usage n then y as fetch joins them', { headers: { 'content-usage': 'train-ai=n, train-ai=y' } }, ['content-usage-n']],
    ['tdm-reservation lines 0 and 1: unreadable', { headers: { 'tdm-reservation': ['0', '1'] } }, ['signal-unreadable']],
    ['tdm-reservation lines 1 and 1', { headers: { 'tdm-reservation': ['1', '1'] } }, ['tdm-reserved']],
  ])('header lines: %s → %j', (_name, over, reasons) => {
    expect(decideFor('https://museum.example/a.png', over).reasons).toEqual(reasons);
  });

  it('page header lines: googlebot: noimageindex / noai → the page is blocked (x-robots-tag)', () => {
    expect(page({ headers: { 'x-robots-tag': ['googlebot: noimageindex', 'noai'] } })).toMatchObject({ status: 'blocked', reasons: ['x-robots-tag'] });
    expect(page({ headers: { 'x-robots-tag': 'googlebot: noimageindex, noai' } })).toMatchObject({ status: 'blocked', reasons: ['x-robots-tag'] });
  });

  it('every applicable reason is reported together', () => {
    const d = decideFor('https://cdn.other.example/a.png', { headers: { 'x-robots-tag': 'noai', 'content-usage': 'train-ai=n' } });
    expect(d.reasons).toEqual(['x-robots-tag', 'content-usage-n', 'no-licence']);
  });

  it('the page TDM reservation covers same-domain images only', () => {
    const p = page({ headers: { 'tdm-reservation': '1' } });
    expect(decideFor('https://img.museum.example/a.png', {}, {}, p).reasons).toContain('tdm-reserved');
    expect(decideFor('https://cdn.other.example/a.png', {}, {}, p).reasons).not.toContain('tdm-reserved');
  });

  it('an embedded XMP licence beats the page licence', () => {
    const xmp = { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'xmp' as const, attribution: null };
    const d = decideFor('https://cdn.other.example/a.png', { embedded: { evidence: [], licence: xmp } });
    expect(d).toMatchObject({ decision: 'permitted', licence: { id: 'CC0-1.0', source: 'xmp' } });
  });

  it('rights-managed XMP (a stock agency licence page) beats a CC BY page footer: licence-not-accepted', () => {
    const xmp = evaluateEmbeddedRights(
      { ...EMPTY_RIGHTS, xmp: true, marked: true, webStatement: 'https://stock.example/licence-agreement' },
      purposeProfile('ai-training'),
    );
    const d = decideFor('https://museum.example/a.png', { embedded: { evidence: xmp.evidence, licence: xmp.licence } });
    expect(d).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: { id: null, source: 'xmp' } });
  });

  it('element-level licences: the most specific level decides, conflicts refuse', () => {
    const hint = (url: string) => ({ via: 'figure' as const, licences: [url], creator: 'Lee', title: null, creditText: null });
    const nc = decideFor('https://museum.example/a.png', {}, { elementLicences: [hint('https://creativecommons.org/licenses/by-nc/4.0/')] });
    expect(nc.reasons).toEqual(['licence-not-accepted']);
    const conflict = decideFor('https://museum.example/a.png', {}, { elementLicences: [hint(CC_BY), hint('https://creativecommons.org/licenses/by-sa/4.0/')] });
    expect(conflict.reasons).toEqual(['licence-conflict']);
  });

  it('a JSON-LD ImageObject licence applies to its contentUrl on the page\'s own site', () => {
    const d = decideFor('https://img.museum.example/a.png', {}, {}, withImageObject('https://img.museum.example/a.png'));
    expect(d.licence).toMatchObject({ id: 'CC-BY-4.0', source: 'element' });
    expect(d.licence?.attribution).toContain('"Fox" by Kim');
  });

  it('an ImageObject licensing the file NC refuses the resized copy the page shows, whatever the page licence', () => {
    const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
    const withPageLicence = page({ page: pageSignals({ licence: { ...pageSignals().licence, imageObjects: withImageObject('https://museum.example/a.png', NC).licenceSignals.imageObjects } }) });
    const d = decideFor('https://museum.example/a.png?w=800', {}, {}, withPageLicence);
    expect(d).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: { id: 'CC-BY-NC-4.0', source: 'element' } });
  });
});

// The scanner makes the largest srcset rendition (or the file the image links to) the candidate
// and keeps the rendition shown as its thumbnailUrl. A JSON-LD ImageObject licensing the shown
// rendition CC BY-NC was matched against the candidate's URL only, so it was missed and the page's
// CC BY licensed the larger copy of the same image. It is the image's own statement now.
describe('a JSON-LD ImageObject naming the rendition the page shows', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const ncForShown = page({ page: pageSignals({ licence: { ...pageSignals().licence, imageObjects: withImageObject('https://museum.example/a-800.jpg', NC).licenceSignals.imageObjects } }) });

  it('licenses the larger rendition collected: the page licence does not override it', () => {
    const d = decideFor('https://museum.example/a-1600.jpg', {}, { thumbnailUrl: 'https://museum.example/a-800.jpg' }, ncForShown);
    expect(d).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: { id: 'CC-BY-NC-4.0', source: 'element' } });
  });

  it('one stated for the URL the fetch was redirected to counts too', () => {
    const d = decideFor('https://museum.example/a-1600.jpg', { finalUrl: 'https://museum.example/a-800.jpg' }, {}, ncForShown);
    expect(d).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'] });
  });
});

// Element markup around the image not read in full (a cap was hit): what went unread may be the
// image's own licence (CC BY-NC), more specific than the page's CC BY. Neither the element
// licences read nor the page's are relied on for it then (scan and signals mark it `unread`).
describe('element licence markup not read in full', () => {
  it('neither the page licence nor the element licences read license the image', () => {
    const d = decideFor('https://museum.example/a.png', {}, { elementLicences: [{ via: 'figure', licences: [CC_BY], creator: null, title: null, creditText: null, unread: true }] });
    expect(d).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
    expect(d.evidence.some((e) => /not read in full/.test(e.note ?? ''))).toBe(true);
  });
  it('opt-out mode needs no licence: not affected', () => {
    const optOut = parseSettings({ mode: 'opt-out' });
    const d = assessImage(assessPage({ page: pageSignals(), headers: {}, origin: files('https://museum.example') }, optOut), image('https://museum.example/a.png'), candidate('https://museum.example/a.png', { elementLicences: [{ via: 'figure', licences: [], creator: null, title: null, creditText: null, unread: true }] }), optOut);
    expect(d.decision).toBe('permitted');
  });
});

// DESIGN.md §2 rule 4: element- and page-level markup speak only for the page's own site's images.
describe('licence scope: what a page says about another site\'s image is a claim, not a grant', () => {
  const figure = (url = CC_BY) => ({ elementLicences: [{ via: 'figure' as const, licences: [url], creator: 'Lee', title: null, creditText: null }] });
  const claim = (d: ReturnType<typeof decideFor>) => d.evidence.find((e) => e.kind === 'licence' && e.effect === 'info' && /licence stated by/i.test(e.note ?? ''));
  const noLicence = (d: ReturnType<typeof decideFor>) => d.evidence.find((e) => e.reason === 'no-licence');
  const twoOrigins = { origins: [files('https://museum.example'), files('https://b.example')] };

  it('a figure rel=license on the page licensing an image on another site: refused no-licence, claim kept as info', () => {
    const d = decideFor('https://b.example/a.png', {}, figure());
    expect(d).toMatchObject({ decision: 'refused', reasons: ['no-licence'], licence: null });
    expect(claim(d)).toMatchObject({ value: 'CC-BY-4.0', source: 'https://museum.example/gallery', note: expect.stringContaining('licence stated by museum.example') });
    expect(noLicence(d)?.note).toContain('licence stated by museum.example');
  });

  it('a JSON-LD ImageObject on the page for another site\'s image: refused no-licence', () => {
    const d = decideFor('https://b.example/a.png', {}, {}, withImageObject('https://b.example/a.png'));
    expect(d.reasons).toEqual(['no-licence']);
    expect(claim(d)?.note).toContain('licence stated by museum.example');
  });

  it('a redirect from the page\'s site to another site makes it the other site\'s image', () => {
    const d = decideFor('https://museum.example/a.png', { finalUrl: 'https://b.example/a.png', ...twoOrigins }, figure());
    expect(d).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
    expect(claim(d)).toBeDefined();
  });

  it('a candidate on another site (a srcset candidate, lazy attribute or linked original) gets no licence from the page', () => {
    // The worker reads the shown rendition's origin files too (gather-image.ts).
    const d = assessImage(page(), image('https://b.example/original.png', { origins: [files('https://b.example'), files('https://museum.example')] }), candidate('https://b.example/original.png', { thumbnailUrl: 'https://museum.example/thumb.png', ...figure() }), settings);
    expect(d.reasons).toEqual(['no-licence']);
  });

  it('every URL the bytes came through counts: the candidate URL as well as the fetched and final ones', () => {
    const d = assessImage(page(), image('https://museum.example/a.png'), candidate('https://b.example/a.png', figure()), settings);
    expect(d.reasons).toEqual(['no-licence']);
  });

  it('the page\'s own site, subdomains included, is still licensed by its markup', () => {
    expect(decideFor('https://img.museum.example/a.png', {}, figure()).decision).toBe('permitted');
    expect(decideFor('https://museum.example/a.png', { finalUrl: 'https://cdn.museum.example/a.png', origins: [files('https://museum.example'), files('https://cdn.museum.example')] }).decision).toBe('permitted');
  });

  it('in opt-out mode a third-party claim is not recorded as the licence', () => {
    const optOut = parseSettings({ mode: 'opt-out' });
    const d = assessImage(page(), image('https://b.example/a.png'), candidate('https://b.example/a.png', figure()), optOut);
    expect(d).toMatchObject({ decision: 'permitted', licence: null });
    expect(claim(d)).toBeDefined();
  });
});

describe('licence scope on shared hosting: a page speaks only for its own tenant', () => {
  const on = (pageUrl: string) => assessPage({ page: pageSignals({ url: pageUrl, licence: { ...pageSignals().licence, pageUrl } }), headers: {}, origin: files(new URL(pageUrl).origin) }, settings);

  it.each<[string, string, 'permitted' | 'refused']>([
    ['https://storage.googleapis.com/a/index.html', 'https://storage.googleapis.com/b/photo.jpg', 'refused'],
    ['https://storage.googleapis.com/a/index.html', 'https://storage.googleapis.com/a/photo.jpg', 'permitted'],
    ['https://storage.googleapis.com/a/index.html', 'https://a.storage.googleapis.com/photo.jpg', 'permitted'],
    ['https://s3.amazonaws.com/a/index.html', 'https://s3.amazonaws.com/b/photo.jpg', 'refused'],
    ['https://murdeltas.wordpress.com/2015/04/05/post/', 'https://onesongperday.files.wordpress.com/2015/04/x.jpg', 'refused'],
    ['https://murdeltas.wordpress.com/2015/04/05/post/', 'https://murdeltas.files.wordpress.com/2015/04/sp014.jpg', 'permitted'],
    ['https://murdeltas.wordpress.com/2015/04/05/post/', 'https://i0.wp.com/murdeltas.files.wordpress.com/2015/04/sp014.jpg', 'permitted'],
    ['https://murdeltas.wordpress.com/2015/04/05/post/', 'https://i0.wp.com/onesongperday.files.wordpress.com/x.jpg', 'refused'],
    ['https://staff.tumblr.com/post/1', 'https://64.media.tumblr.com/abc/x.jpg', 'refused'],
  ])('page %s, image %s → %s', (pageUrl, imageUrl, decision) => {
    const d = assessImage(on(pageUrl), image(imageUrl), candidate(imageUrl), settings);
    expect(d.decision).toBe(decision);
    if (decision === 'refused') expect(d.reasons).toContain('no-licence');
  });
});

describe('licence scope: an image proxy on the page’s own host serving another site’s image', () => {
  it.each([
    'https://museum.example/_next/image?url=https%3A%2F%2Fother.example%2Fa.jpg&w=1920&q=75',
    'https://img.museum.example/image/fetch/w_800/https://other.example/a.jpg',
    'https://museum.example/proxy?src=https%253A%252F%252Fother.example%252Fa.jpg',
    // As the registry reads them (model/shared-hosting.ts carriedAddresses): a query value
    // naming the file without a scheme (wsrv.nl's form), a path segment that is a host (Statically's),
    // an address in base64 (imgproxy's). The page's CC BY was relied on for the other site's file.
    'https://museum.example/resize?url=photos.other.com/a.jpg&w=640',
    'https://img.museum.example/img/photos.other.com/w=300/a.jpg',
    `https://img.museum.example/sig/rs:fit:300/${Buffer.from('https://other.example/a.jpg').toString('base64url')}.jpg`,
  ])('the page licence does not cover %s: refused no-licence', (url) => {
    const d = decideFor(url);
    expect(d).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
  });
  it('the page’s own image through its own optimiser is still licensed by the page', () => {
    expect(decideFor('https://museum.example/_next/image?url=%2Fimg%2Fa.jpg&w=640').decision).toBe('permitted');
    expect(decideFor('https://museum.example/_next/image?url=https%3A%2F%2Fcdn.museum.example%2Fa.jpg&w=640').decision).toBe('permitted');
  });
  it('the carried site’s block-list entry refuses the image (rule 1)', () => {
    const blocking = parseSettings({ userBlock: ['other.example'] });
    const url = 'https://museum.example/_next/image?url=https%3A%2F%2Fother.example%2Fa.jpg&w=640';
    expect(assessImage(page(), image(url), candidate(url), blocking).reasons).toContain('user-blocked');
  });
  it('so does the site Photon serves a file of (i0.wp.com/HOST/PATH)', () => {
    const blocking = parseSettings({ userBlock: ['other.example'] });
    const url = 'https://i0.wp.com/other.example/wp-content/a.jpg';
    expect(assessImage(page(), image(url), candidate(url), blocking).reasons).toContain('user-blocked');
  });
});

describe('RSL licences a page declares (inline or linked)', () => {
  const PAGE = 'https://museum.example/gallery';
  const xml = (inner: string) => `<rsl xmlns="https://rslstandard.org/rsl">${inner}</rsl>`;
  const noAiUnder = (path: string) => xml(`<content url="${path}"><license><prohibits type="usage">ai-train</prohibits></license></content>`);
  const withInline = (...docs: string[]) => page({ page: pageSignals({ rsl: docs }) });

  it('an inline licence refusing some paths: the site is restricted and those images refused, others not', () => {
    const p = withInline(noAiUnder('/private/*'));
    expect(p).toMatchObject({ status: 'restricted', reasons: ['rsl-prohibits'] });
    expect(p.evidence.find((e) => e.reason === 'rsl-prohibits')?.source).toBe(PAGE);
    expect(decideFor('https://museum.example/private/a.png', {}, {}, p)).toMatchObject({ decision: 'refused', reasons: ['rsl-prohibits'] });
    expect(decideFor('https://museum.example/public/a.png', {}, {}, p)).toMatchObject({ decision: 'permitted' });
    // Path patterns are the page's own site: another host of it is covered too (the reading that
    // keeps no refusal: rsl.ts), another site is not.
    expect(decideFor('https://cdn.museum.example/private/a.png', {}, {}, p).reasons).toContain('rsl-prohibits');
    expect(decideFor('https://cdn.other.example/private/a.png', {}, {}, p).reasons).not.toContain('rsl-prohibits');
  });

  it('an inline licence covering the page itself blocks the site', () => {
    expect(withInline(noAiUnder('/'))).toMatchObject({ status: 'blocked', reasons: ['rsl-prohibits'] });
  });

  // A fourth inline licence was never read (the page reader kept 3) and nothing said so: one
  // prohibiting AI training after three that permit it kept the images. The reader now keeps one
  // more, which tells that there were more, and the unread ones fail closed (DESIGN.md §2 rule 5).
  it('more inline licences than are read: the page reader says so, and the site fails closed', () => {
    const permits = xml('<content url="/"><license><permits type="usage">ai-train</permits></license></content>');
    const scripts = [permits, permits, permits, noAiUnder('/')].map((b) => `<script type="application/rsl+xml">${b}</script>`).join('');
    const d = parseHTML(`<!doctype html><html><head><title>T</title>${scripts}</head><body></body></html>`).document as unknown as Document;
    const read = readPage(d, PAGE).rsl;
    expect(read.length).toBeGreaterThan(3);
    const p = withInline(...read);
    expect(p.status).toBe('blocked');
    expect(decideFor('https://museum.example/a.png', {}, {}, p).decision).toBe('refused');
  });

  // A <link rel=license type=application/rsl+xml> whose href was longer than the reader keeps
  // (2,048 characters) was dropped without a word, and so was one past the element walk's cap:
  // the declared licence went unread and the page read as having none. Both fail closed now.
  it('a linked licence the page reader could not keep: the site fails closed', () => {
    const rslLink = (href: string) => `<link rel="license" type="application/rsl+xml" href="${href}">`;
    const read = (head: string, body = '') => readPage(parseHTML(`<!doctype html><html><head><title>T</title>${head}</head><body>${body}</body></html>`).document as unknown as Document, PAGE);
    const longHref = read(rslLink(`https://museum.example/${'a'.repeat(3000)}.xml`));
    expect(assessPage({ page: longHref, headers: {}, origin: files('https://museum.example') }, settings)).toMatchObject({ status: 'blocked', reasons: ['signal-unreadable'] });
    const pastWalk = read('', `${'<a rel="nofollow" href="/x">x</a>'.repeat(20_001)}${rslLink('https://museum.example/rsl.xml')}`);
    expect(pastWalk.licence.rslLinks).toEqual(['https://museum.example/rsl.xml']);
  });

  it('an unreadable or oversized inline licence fails closed', () => {
    expect(withInline('<rsl xmlns="https://rslstandard.org/rsl"><content')).toMatchObject({ status: 'blocked', reasons: ['signal-unreadable'] });
    expect(withInline(noAiUnder('/x/*') + ' '.repeat(512 * 1024))).toMatchObject({ status: 'blocked', reasons: ['signal-unreadable'] });
  });

  it('a linked licence counts like an inline one; one left unfetched fails closed', () => {
    const linked = (over: object) => page({ linkedRsl: [{ url: 'https://museum.example/rsl.xml', ...over } as FetchedFile] });
    const p = linked({ outcome: 'ok', body: noAiUnder('/private/*') });
    expect(p.status).toBe('restricted');
    expect(decideFor('https://museum.example/private/a.png', {}, {}, p).reasons).toEqual(['rsl-prohibits']);
    expect(linked({ outcome: 'error', detail: 'hosted on another site' })).toMatchObject({ status: 'blocked', reasons: ['signal-unreadable'] });
    expect(linked({ outcome: 'absent' }).status).toBe('permitted'); // 404: no licence terms
  });

  it('a free licence for the purpose changes nothing else', () => {
    const p = withInline(xml('<content url="/"><license><permits type="usage">all</permits><payment type="free"/></license></content>'));
    expect(p).toMatchObject({ status: 'permitted', reasons: [] });
    expect(decideFor('https://museum.example/a.png', {}, {}, p).decision).toBe('permitted');
  });

  it('a page assessment stored before page RSL existed (no pageRsl) still decides', () => {
    const { pageRsl: _, ...old } = page();
    expect(decideFor('https://museum.example/a.png', {}, {}, old).decision).toBe('permitted');
  });
});

describe('RSL licences an image response links to', () => {
  it('decide that image (scope image); one left unfetched fails closed', () => {
    const url = 'https://museum.example/a.png';
    const doc = (over: object) => ({ url: 'https://museum.example/rsl.xml', ...over }) as FetchedFile;
    const prohibiting = doc({ outcome: 'ok', body: '<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><prohibits type="usage">ai-train</prohibits></license></content></rsl>' });
    const refused = decideFor(url, { linkedRsl: [prohibiting] });
    expect(refused).toMatchObject({ decision: 'refused', reasons: ['rsl-prohibits'] });
    expect(refused.evidence.find((e) => e.kind === 'rsl')?.scope).toBe('image');
    expect(decideFor(url, { linkedRsl: [doc({ outcome: 'error', detail: 'hosted on another site' })] }).reasons).toEqual(['signal-unreadable']);
    expect(decideFor(url, { linkedRsl: [] }).decision).toBe('permitted');
  });
});

// DESIGN.md §2 rule 4 and site status: a page licence covering only the text licenses no image.
describe('text-only page licences (real Wikipedia pages)', () => {
  const assessReal = (saved: { url: string; file: string }) => {
    const { url, doc } = realPage(saved);
    return assessPage({ page: readPage(doc, url), headers: {}, origin: files(new URL(url).origin) }, settings);
  };

  it('desktop Wikipedia: no accepted page licence (status unknown); a same-site image is no-licence, not licence-conflict', () => {
    const p = assessReal(REAL_PAGES.wikipediaDesktop);
    expect(p.status).toBe('unknown');
    expect(p.licences).toEqual([]);
    expect(p.evidence).toContainEqual(expect.objectContaining({ kind: 'licence', effect: 'info', value: 'CC-BY-SA-3.0', note: expect.stringContaining('text') }));
    const url = 'https://en.wikipedia.org/static/images/wikimedia-button.png';
    expect(assessImage(p, image(url), candidate(url), settings).reasons).toEqual(['no-licence']);
  });

  it('mobile Wikipedia file page: the donate banner on the same site is not stored as CC BY-SA', () => {
    const p = assessReal(REAL_PAGES.wikipediaMobileFile);
    expect(p.status).toBe('unknown');
    const url = 'https://en.wikipedia.org/static/images/donate/donate.gif';
    expect(assessImage(p, image(url), candidate(url), settings)).toMatchObject({ decision: 'refused', reasons: ['no-licence'], licence: null });
  });

  it('a Link rel=license header on a MediaWiki page is the wiki text\'s licence too', () => {
    const { url, doc } = realPage(REAL_PAGES.wikipediaMobileFile);
    const p = assessPage({ page: readPage(doc, url), headers: { link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' }, origin: files(new URL(url).origin) }, settings);
    expect(p.licences).toEqual([]);
    expect(p.status).toBe('unknown');
  });

  it('a real WordPress.com blog still licenses its own media (control)', () => {
    const p = assessReal(REAL_PAGES.wordpressBlog);
    expect(p.status).toBe('permitted');
    const own = 'https://murdeltas.files.wordpress.com/2015/04/sp014.jpg';
    expect(assessImage(p, image(own), candidate(own), settings).decision).toBe('permitted');
    const neighbour = 'https://onesongperday.files.wordpress.com/2015/04/x.jpg';
    expect(assessImage(p, image(neighbour), candidate(neighbour), settings).reasons).toEqual(['no-licence']);
  });
});

// The image's origin files are found by origin, not by the URL's spelling: an image URL handed
// over unnormalised (upper-case host, default port, userinfo) must still meet its robots.txt, and
// one whose origin files are missing altogether fails closed (DESIGN.md §2 rules 2 and 5).
describe('assessImage finds the origin files of every URL the bytes came through', () => {
  const disallowAll = files('https://museum.example', { robots: { url: 'https://museum.example/robots.txt', outcome: 'ok', body: 'User-agent: *\nDisallow: /' } });
  // A fully qualified host (`museum.example.`) is museum.example: its files are read there (origin-files.ts originOf).
  it.each(['https://MUSEUM.Example/a.png', 'https://museum.example:443/a.png', 'https://user@museum.example/a.png', 'https://museum.example./a.png', 'https://MUSEUM.example.:443/a.png'])('%s meets the origin’s robots.txt', (url) => {
    expect(decideFor(url, { origins: [disallowAll] }).reasons).toContain('robots-disallow');
  });
  it('no origin files for the image: refused, signal-unreadable', () => {
    expect(decideFor('https://museum.example/a.png', { origins: [] }).reasons).toContain('signal-unreadable');
  });
});

describe('assessImage: an image without an origin', () => {
  it('a data: URL has no signal files to miss: not refused for them', () => {
    const url = 'data:image/png;base64,iVBORw0KGgo=';
    expect(decideFor(url, { origins: [] }).reasons).not.toContain('signal-unreadable');
  });
});

describe('an inline (data:) image and a frame with no site of its own answer to the TDM reservation of the document showing them', () => {
  const DATA = 'data:image/png;base64,iVBORw0KGgo=';
  const ccByXmp = { evidence: [], licence: { id: 'CC-BY-4.0', url: CC_BY, source: 'xmp' as const, attribution: null } };
  const reserving = (tdm: { reservation?: string }) => page({ page: pageSignals({ tdm }) });
  it('a page whose tdm-reservation meta says 1 reserves its data: images, even one whose own XMP says CC BY', () => {
    const d = assessImage(reserving({ reservation: '1' }), image(DATA, { origins: [], embedded: ccByXmp }), candidate(DATA), settings);
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('tdm-reserved');
  });
  it('the page’s tdm-reservation header reserves them too', () => {
    const p = page({ headers: { 'tdm-reservation': '1' } });
    expect(assessImage(p, image(DATA, { origins: [], embedded: ccByXmp }), candidate(DATA), settings).reasons).toContain('tdm-reserved');
  });
  it('a page reserving nothing leaves a data: image with its own CC BY permitted, with no tdmrep.json noise', () => {
    const d = assessImage(reserving({ reservation: '0' }), image(DATA, { origins: [], embedded: ccByXmp }), candidate(DATA), settings);
    expect(d.decision).toBe('permitted');
    expect(d.evidence.some((e) => e.kind === 'tdmrep' && e.value === 'absent')).toBe(false);
  });
  const url = 'https://museum.example/a.png';
  const inFrame = (frameUrl: string, imageUrl = url) =>
    assessImage(page(), image(imageUrl, imageUrl.startsWith('data:') ? { origins: [] } : {}), candidate(imageUrl, { frames: [{ url: frameUrl, metas: [], tdm: { reservation: '1' } }] }), settings);
  it.each(['about:srcdoc', 'about:blank', 'data:text/html,<img>'])('a %s frame reserving TDM reserves the images in it', (frameUrl) => {
    expect(inFrame(frameUrl).reasons).toContain('tdm-reserved');
  });
  it('a blob: frame is its inner origin’s: it reserves its own site’s images, not another site’s', () => {
    expect(inFrame('blob:https://museum.example/5b1c').reasons).toContain('tdm-reserved');
    expect(inFrame('blob:https://other.example/5b1c').reasons).not.toContain('tdm-reserved');
  });
  it('a frame on another site still does not reserve the page’s images, but does reserve a data: image it shows', () => {
    expect(inFrame('https://other.example/embed.html').reasons).not.toContain('tdm-reserved');
    expect(inFrame('https://other.example/embed.html', DATA).reasons).toContain('tdm-reserved');
  });
});

describe('assessImage checks every redirect hop (A → B → C), not only the first and last URL', () => {
  const A = 'https://museum.example/img/a.png';
  const B = 'https://hop.example/go/b.png';
  const C = 'https://museum.example/img/c.png';
  const hops = (bHeaders: Record<string, string> = {}) => [
    { url: A, location: B, headers: {} },
    { url: B, location: C, headers: bHeaders },
  ];
  const three = (b: Partial<OriginFiles> = {}, bHeaders: Record<string, string> = {}, a: Partial<OriginFiles> = {}): Partial<ImageInputs> => ({
    finalUrl: C,
    redirects: hops(bHeaders),
    origins: [files('https://museum.example', a), files('https://hop.example', b)],
  });
  const ok = (body: string) => ({ url: 'x', outcome: 'ok' as const, body });

  it('a clean three-hop chain through a same-site page is judged on its evidence (the hop is not a licence site of the page)', () => {
    expect(decideFor(A, three()).reasons).toEqual(['no-licence']);
  });
  it("B's robots.txt disallowing B's path refuses", () => {
    const robots = { url: 'https://hop.example/robots.txt', outcome: 'ok' as const, body: 'User-agent: *\nDisallow: /go/' };
    expect(assessImage(page(), image(A, three({ robots })), candidate(A), parseSettings({ mode: 'opt-out' })).reasons).toContain('robots-disallow');
  });
  it("B's 3xx response answering X-Robots-Tag: noai refuses", () => {
    expect(assessImage(page(), image(A, three({}, { 'x-robots-tag': 'noai' })), candidate(A), parseSettings({ mode: 'opt-out' })).reasons).toContain('x-robots-tag');
  });
  it("B's 3xx response answering Content-Usage train-ai=n or tdm-reservation: 1 refuses", () => {
    const optOut = parseSettings({ mode: 'opt-out' });
    expect(assessImage(page(), image(A, three({}, { 'content-usage': 'train-ai=n' })), candidate(A), optOut).reasons).toContain('content-usage-n');
    expect(assessImage(page(), image(A, three({}, { 'tdm-reservation': '1' })), candidate(A), optOut).reasons).toContain('tdm-reserved');
  });
  // An RSL licence B's 3xx names in its Link header speaks for B's URL, as its other headers do;
  // only the final response's was read, so B's prohibition was lost.
  it("an RSL licence B's 3xx links to refuses", () => {
    const optOut = parseSettings({ mode: 'opt-out' });
    const rsl = { url: 'https://hop.example/rsl.xml', outcome: 'ok' as const, body: '<rsl xmlns="https://rslstandard.org/rsl"><content url="/go/*"><license><prohibits type="usage">ai-train</prohibits></license></content></rsl>' };
    const inputs = three();
    const redirects = inputs.redirects!.map((h) => (h.url === B ? { ...h, linkedRsl: [rsl] } : h));
    expect(assessImage(page(), image(A, { ...inputs, redirects }), candidate(A), optOut).reasons).toContain('rsl-prohibits');
  });
  it("B's ai.txt or tdmrep.json refusing B's path refuses", () => {
    const optOut = parseSettings({ mode: 'opt-out' });
    const aiTxt = { ...ok('User-Agent: *\nDisallow: /go/'), url: 'https://hop.example/ai.txt' };
    expect(assessImage(page(), image(A, three({ aiTxt })), candidate(A), optOut).reasons).toContain('ai-txt-disallow');
    const tdmrep = { ...ok(JSON.stringify([{ location: '/go/*', 'tdm-reservation': 1 }])), url: 'https://hop.example/.well-known/tdmrep.json' };
    expect(assessImage(page(), image(A, three({ tdmrep })), candidate(A), optOut).reasons).toContain('tdm-reserved');
  });
  it("A's tdmrep.json reserving the first URL refuses, though the bytes came from elsewhere", () => {
    const optOut = parseSettings({ mode: 'opt-out' });
    const tdmrep = { ...ok(JSON.stringify([{ location: '/img/a.png', 'tdm-reservation': 1 }])), url: 'https://museum.example/.well-known/tdmrep.json' };
    const d = assessImage(page(), image(A, { finalUrl: 'https://cdn.other.example/x.png', redirects: [{ url: A, location: 'https://cdn.other.example/x.png', headers: {} }], origins: [files('https://museum.example', { tdmrep }), files('https://cdn.other.example')] }), candidate(A), optOut);
    expect(d.reasons).toContain('tdm-reserved');
  });
  it("B on the user's block list refuses", () => {
    const blocking = parseSettings({ mode: 'opt-out', userBlock: ['hop.example'] });
    expect(assessImage(page(), image(A, three()), candidate(A), blocking).reasons).toContain('user-blocked');
  });
  it("B's signal files missing fails closed", () => {
    const d = assessImage(page(), image(A, { ...three(), origins: [files('https://museum.example')] }), candidate(A), parseSettings({ mode: 'opt-out' }));
    expect(d.reasons).toContain('signal-unreadable');
  });
  it('a redirected fetch whose hops could not be seen fails closed', () => {
    const d = assessImage(page(), image(A, { finalUrl: C, redirects: null, origins: [files('https://museum.example')] }), candidate(A), parseSettings({ mode: 'opt-out' }));
    expect(d.reasons).toContain('signal-unreadable');
  });
  it('hops that do not lead from the URL fetched to the final one fail closed (a hop is missing)', () => {
    const d = assessImage(page(), image(A, { finalUrl: C, redirects: [{ url: A, location: B, headers: {} }], origins: [files('https://museum.example'), files('https://hop.example')] }), candidate(A), parseSettings({ mode: 'opt-out' }));
    expect(d.reasons).toContain('signal-unreadable');
  });
  it('a fetch without a redirect needs no hops', () => {
    expect(decideFor(A, { redirects: [] })).toMatchObject({ decision: 'permitted' });
  });
});

describe("the page response's own opt-out headers, and TDM header and meta that disagree", () => {
  const optOut = parseSettings({ mode: 'opt-out' });
  const pageWith = (headers: Record<string, string | string[]>, over: Partial<PageSignals> = {}) =>
    assessPage({ page: pageSignals(over), headers, origin: files('https://museum.example') }, optOut);
  it.each<[string, Record<string, string>, string]>([
    ['Content-Usage: train-ai=n', { 'content-usage': 'train-ai=n' }, 'content-usage-n'],
    ['Content-Signal: ai-train=no', { 'content-signal': 'ai-train=no' }, 'content-usage-n'],
  ])('the page answering %s refuses its images', (_, headers, reason) => {
    const p = pageWith(headers);
    expect(p.reasons).toContain(reason);
    expect(assessImage(p, image('https://museum.example/a.png'), candidate('https://museum.example/a.png'), optOut).reasons).toContain(reason);
  });
  it('a page whose tdm-reservation header says 0 and meta says 1 reserves its images (the stricter reading)', () => {
    const p = pageWith({ 'tdm-reservation': '0' }, { tdm: { reservation: '1' } });
    expect(assessImage(p, image('https://museum.example/a.png'), candidate('https://museum.example/a.png'), optOut).reasons).toContain('tdm-reserved');
  });
  it.each<[string, string | string[]]>([
    ['sent on two lines', ['0', '0']],
    ['repeated in one line', '0, 0'],
  ])('a page whose tdm-reservation header says 0 (%s) and meta says 1 reserves its images', (_, value) => {
    const p = pageWith({ 'tdm-reservation': value }, { tdm: { reservation: '1' } });
    expect(p.reasons).toContain('tdm-reserved');
    expect(assessImage(p, image('https://museum.example/a.png'), candidate('https://museum.example/a.png'), optOut).reasons).toContain('tdm-reserved');
  });
  it('a page whose tdm-reservation header says 0 and meta 0 leaves its images free', () => {
    const p = pageWith({ 'tdm-reservation': ['0', '0'] }, { tdm: { reservation: '0' } });
    expect(assessImage(p, image('https://museum.example/a.png'), candidate('https://museum.example/a.png'), optOut).reasons).not.toContain('tdm-reserved');
  });
});

// For the HTML page itself TDMRep's header, then its meta, supersede tdmrep.json (SIGNALS.md §4.4):
// read file first, a rule `/` 0 set aside the page's own reservation and the site was not blocked.
describe("the page's own TDM header or meta against its origin's tdmrep.json", () => {
  const allFree = { url: 'https://museum.example/.well-known/tdmrep.json', outcome: 'ok' as const, body: '[{"location":"/","tdm-reservation":0}]' };
  const reservesPage = { ...allFree, body: '[{"location":"/gallery","tdm-reservation":1}]' };
  const pageWith = (tdmrep: FetchedFile, headers: Record<string, string>, tdm: PageSignals['tdm']) =>
    page({ page: pageSignals({ tdm }), headers, origin: files('https://museum.example', { tdmrep }) });
  it.each<[string, Record<string, string>, PageSignals['tdm'], string]>([
    ['meta 1', {}, { reservation: '1' }, 'tdm-reserved'],
    ['header 1', { 'tdm-reservation': '1' }, {}, 'tdm-reserved'],
    ['an unreadable meta', {}, { reservation: 'yes' }, 'signal-unreadable'],
  ])('tdmrep.json says 0 for every path and the page %s: the site is blocked (Collect refuses its images at once)', (_, headers, tdm, reason) => {
    const p = pageWith(allFree, headers, tdm);
    expect(p.status).toBe('blocked');
    expect(p.reasons).toContain(reason);
    expect(p.evidence.filter((e) => e.kind === 'tdmrep' && e.effect === 'allow')).toEqual([]);
  });
  it('tdmrep.json says 0 and the page says 0: not reserved', () => {
    expect(pageWith(allFree, { 'tdm-reservation': '0' }, { reservation: '0' }).reasons).not.toContain('tdm-reserved');
  });
  it('tdmrep.json reserves the page and its header says 0: still reserved (the stricter reading)', () => {
    expect(pageWith(reservesPage, { 'tdm-reservation': '0' }, {}).reasons).toContain('tdm-reserved');
  });
});

describe('two licences in the image’s own metadata', () => {
  it('conflict: refused licence-conflict, whatever the page says', () => {
    const by = { id: 'CC-BY-4.0', url: CC_BY, source: 'xmp' as const, attribution: null };
    const nc = { id: 'CC-BY-NC-4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/', source: 'xmp' as const, attribution: null };
    expect(decideFor('https://museum.example/a.png', { embedded: { evidence: [], licence: by, licences: [by, nc] } }).reasons).toEqual(['licence-conflict']);
  });
});

// The image's own XMP licence statement was ignored unless it was a recognised CC URL: the
// page's CC BY licensed an image whose XMP names a rights-managed licence (DESIGN.md §2 rule 4).
describe('an unrecognised licence statement in the image’s own XMP beats the page licence', () => {
  const CC_NS = 'xmlns:cc="http://creativecommons.org/ns#"';
  const STOCK = 'https://stock.example/licence';
  const fromXmp = async (packet: string) => {
    const rights = await readEmbeddedRights(jpeg({ segments: [xmpApp1(packet)] }));
    const { evidence, licence, licences } = evaluateEmbeddedRights(rights, purposeProfile('ai-training'));
    return decideFor('https://museum.example/a.jpg', { embedded: { evidence, licence, ...(licences ? { licences } : {}) } });
  };
  it.each([
    ['a rights-managed licence page', 'https://stock.example/licence/rights-managed'],
    ['plain text', 'CC BY-NC 4.0'],
    ['a CC version the parser does not know', 'https://creativecommons.org/licenses/by-nc/5.0/'],
  ])('cc:license %s → licence-not-accepted', async (_name, value) => {
    const d = await fromXmp(xmpPacket('', `${CC_NS} cc:license="${value}"`));
    expect(d).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: { id: null, url: value, source: 'xmp' } });
  });
  it('WebStatement CC BY and a stock cc:license → licence-conflict', async () => {
    const d = await fromXmp(xmpPacket('', `xmpRights:WebStatement="${CC_BY}" ${CC_NS} cc:license="${STOCK}"`));
    expect(d).toMatchObject({ decision: 'refused', reasons: ['licence-conflict'] });
  });
  it('WebStatement CC BY and a second WebStatement naming a stock licence page → licence-conflict', async () => {
    const d = await fromXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmpRights:WebStatement="${CC_BY}"/>
 <rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"><xmpRights:WebStatement>${STOCK}</xmpRights:WebStatement></rdf:Description>
</rdf:RDF></x:xmpmeta>`);
    expect(d).toMatchObject({ decision: 'refused', reasons: ['licence-conflict'] });
  });
  it('unchanged: a CC BY cc:license alone permits; a copyright notice, UsageTerms or Marked false leave the page licence', async () => {
    expect(await fromXmp(xmpPacket('', `${CC_NS} cc:license="${CC_BY}"`))).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0', source: 'xmp' } });
    const benign = await fromXmp(xmpPacket('<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© Stock Agency</rdf:li></rdf:Alt></dc:rights><xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">All rights reserved</rdf:li></rdf:Alt></xmpRights:UsageTerms>', 'xmpRights:Marked="False"'));
    expect(benign).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0', source: 'page' } });
  });
});

// A frame with its own site, nested inside another frame: the frames above it were looked up
// in the site lists only (their addresses), so an ad frame whose document says noai, or whose
// X-Robots-Tag does, showing a creative frame from a CDN that says nothing, had the creative's
// images kept. Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner
// refused): a document's robots metas and opt-out headers bind every image displayed on it, in a
// frame of another site too, as the top page's bind the images in all its frames; a frame above
// whose document Heed did not read fails them closed.
describe('an image in a frame nested inside another frame answers to that frame’s opt-outs too', () => {
  const optOut = parseSettings({ mode: 'opt-out' });
  const AD = 'https://ads.example/slot.html';
  const CREATIVE = 'https://cdn.example/creative.html';
  const IMG = 'https://cdn.example/a.png';
  const report = (url: string, metas: { name: string; content: string }[], ancestors: string[] | null, over: object = {}) =>
    ScannedFrameSignalsSchema.parse({ url, metas, ancestors, ...over });
  /** The image found in frame 2, judged as Collect's scan assembles its frames from every frame's report. */
  const judgedIn = (reports: Map<number, ReturnType<typeof report>>, headers: Record<string, Record<string, string>> = {}) => {
    const frames = (framesOfReports(reports).get(2) ?? []).map((f) => (headers[f.url] ? { ...f, headers: headers[f.url] } : f));
    return assessImage(page(), image(IMG, { origins: originsShownIn(IMG, frames.map((f) => f.url)) }), candidate(IMG, { discovery: ['img', 'iframe'], frames }), optOut);
  };
  const nested = (adMetas: { name: string; content: string }[], named = 'https://ads.example/') =>
    new Map([[1, report(AD, adMetas, [])], [2, report(CREATIVE, [], [named])]]);
  it('a cross-origin frame above, whose document says noai, refuses; saying nothing, nothing changes', () => {
    expect(judgedIn(nested([])).decision).toBe('permitted');
    const d = judgedIn(nested([{ name: 'robots', content: 'noai' }]));
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('meta-robots');
    expect(d.evidence.find((e) => e.reason === 'meta-robots')?.source).toBe(AD);
  });
  it('a same-origin frame above (named by its whole address) binds as well', () => {
    expect(judgedIn(nested([{ name: 'GPTBot', content: 'noimageai' }], AD)).reasons).toContain('meta-robots');
  });
  it('the frame above is named by its own address, so its response headers are read and its X-Robots-Tag refuses', () => {
    expect(judgedIn(nested([]), { [AD]: { 'x-robots-tag': 'noai' } }).reasons).toContain('x-robots-tag');
  });
  it('a siteless frame above (srcdoc) whose metas say noai refuses the images of a frame inside it', () => {
    const reports = new Map([
      [1, report(AD, [], [])],
      [3, report('about:srcdoc', [{ name: 'robots', content: 'noimageai' }], [AD], { owners: [AD, 'https://ads.example/'], writer: { url: AD, metas: [] } })],
      [2, report(CREATIVE, [], ['https://ads.example/'])],
    ]);
    expect(judgedIn(reports).reasons).toContain('meta-robots');
  });
  it('a frame above that did not answer the scan fails closed', () => {
    const d = judgedIn(new Map([[2, report(CREATIVE, [], ['https://ads.example/'])]]));
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('signal-unreadable');
  });
});

describe('an image found inside a frame answers to the frame document’s own opt-outs', () => {
  const url = 'https://museum.example/embed/a.png';
  const inFrame = (metas: { name: string; content: string }[], tdm: { reservation?: string } = {}) =>
    assessImage(page(), image(url), candidate(url, { frames: [{ url: 'https://museum.example/embed/gallery.html', metas, tdm }] }), settings);
  it('the frame’s <meta name="robots" content="noimageai"> refuses, though the top page licenses the image', () => {
    expect(inFrame([{ name: 'robots', content: 'noimageai' }]).reasons).toContain('meta-robots');
  });
  it('the frame’s tdm-reservation meta reserves its own site’s images', () => {
    expect(inFrame([], { reservation: '1' }).reasons).toContain('tdm-reserved');
  });
  it('a frame saying nothing changes nothing', () => {
    expect(inFrame([]).decision).toBe('permitted');
  });
  const withHeaders = (headers: Record<string, string | string[]>) =>
    assessImage(page(), image(url), candidate(url, { frames: [{ url: 'https://museum.example/embed/gallery.html', metas: [], tdm: {}, headers }] }), settings);
  it('the frame document’s X-Robots-Tag header refuses, as the page’s own does', () => {
    expect(withHeaders({ 'x-robots-tag': 'noimageai' }).reasons).toContain('x-robots-tag');
    expect(withHeaders({ 'x-robots-tag': ['googlebot: noindex', 'noai'] }).reasons).toContain('x-robots-tag');
  });
  it('the frame document’s Content-Usage header and tdm-reservation header refuse', () => {
    expect(withHeaders({ 'content-usage': 'train-ai=n' }).decision).toBe('refused');
    expect(withHeaders({ 'tdm-reservation': '1' }).reasons).toContain('tdm-reserved');
  });
  it('a frame whose headers were left unread (more frames than Heed requests) fails closed: a page cannot hide a frame behind decoys', () => {
    const d = assessImage(page(), image(url), candidate(url, { frames: [{ url: 'https://museum.example/embed/gallery.html', metas: [], tdm: {}, headersUnread: 'more than 20 frames' }] }), settings);
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('signal-unreadable');
  });
  it('an image shown in more frames than are kept fails closed: decoy frames cannot push out the one that refuses', () => {
    let frames: FrameOfImage[] | undefined;
    for (let i = 0; i <= MAX_FRAMES_PER_IMAGE; i++) frames = withFrame(frames, { url: `https://museum.example/embed/${i}.html`, metas: i === MAX_FRAMES_PER_IMAGE ? [{ name: 'robots', content: 'noimageai' }] : [], tdm: {} });
    expect(frames).toHaveLength(MAX_FRAMES_PER_IMAGE + 1);
    expect(withFrame(frames, { url: 'https://museum.example/embed/more.html', metas: [], tdm: {} })).toHaveLength(MAX_FRAMES_PER_IMAGE + 1);
    const d = assessImage(page(), image(url), candidate(url, { frames }), settings);
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('signal-unreadable');
  });
  it('frame headers that say nothing change nothing', () => {
    expect(withHeaders({ 'content-type': 'text/html' }).decision).toBe('permitted');
  });
});

describe('licence markup a frame wrote speaks only for its own site’s images', () => {
  const url = 'https://museum.example/a.png';
  const figure = { elementLicences: [{ via: 'figure' as const, licences: [CC_BY], creator: null, title: null, creditText: null }] };
  const noPageLicence = page({ page: pageSignals({ licence: { ...pageSignals().licence, licences: [] } }) });
  const fromFrame = (frameUrl: string | null, imageUrl = url) =>
    assessImage(noPageLicence, image(imageUrl, { origins: originsShownIn(imageUrl, [frameUrl]) }), candidate(imageUrl, { ...figure, discovery: ['img', 'iframe'], ...(frameUrl ? { frames: [{ url: frameUrl, metas: [], tdm: {} }] } : {}) }), settings);
  it('a frame from another site licensing the page’s image CC BY: a third-party claim, refused no-licence', () => {
    const d = fromFrame('https://ads.example/embed.html');
    expect(d).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
    expect(d.evidence.some((e) => e.effect === 'info' && e.value === 'CC-BY-4.0' && /licence stated by ads\.example/.test(e.note ?? ''))).toBe(true);
  });
  it('a frame on a neighbouring tenant of a shared host is another site too', () => {
    const img = 'https://alice.files.wordpress.com/a.png';
    const on = assessPage({ page: pageSignals({ url: 'https://alice.wordpress.com/p/', licence: { ...pageSignals().licence, pageUrl: 'https://alice.wordpress.com/p/', licences: [] } }), headers: {}, origin: files('https://alice.wordpress.com') }, settings);
    const d = assessImage(on, image(img, { origins: originsShownIn(img, ['https://mallory.wordpress.com/embed/']) }), candidate(img, { ...figure, discovery: ['img', 'iframe'], frames: [{ url: 'https://mallory.wordpress.com/embed/', metas: [], tdm: {} }] }), settings);
    expect(d.reasons).toEqual(['no-licence']);
  });
  it('a frame the candidate names no frame for speaks for nothing (fail closed)', () => {
    expect(fromFrame(null).reasons).toEqual(['no-licence']);
  });
  it('a frame on the image’s own site still licenses it, as the top page’s markup would', () => {
    expect(fromFrame('https://museum.example/embed/gallery.html')).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0', source: 'element' } });
  });
  it('markup the top document reported is the page’s, frames shown in or not', () => {
    const d = assessImage(noPageLicence, image(url, { origins: originsShownIn(url, ['https://ads.example/embed.html']) }), candidate(url, { ...figure, frames: [{ url: 'https://ads.example/embed.html', metas: [], tdm: {} }] }), settings);
    expect(d.decision).toBe('permitted');
  });
});

describe('a frame’s opt-outs are named as the frame’s in the notes, not as the page’s', () => {
  // The evidence of a frame's document keeps scope 'page' (DESIGN.md §3: scope is site|page|image)
  // and its URL as source; the note the user reads must say it was the frame, and which one.
  const url = 'https://museum.example/embed/a.png';
  const FRAME = 'https://museum.example/embed/gallery.html';
  const inFrame = (frame: Partial<FrameOfImage>) =>
    assessImage(page(), image(url), candidate(url, { frames: [{ url: FRAME, metas: [], tdm: {}, ...frame }] }), settings);
  const denied = (evidence: readonly Evidence[], kind: string) => evidence.filter((e) => e.kind === kind && e.effect === 'deny');
  it('the frame’s X-Robots-Tag header', () => {
    const d = inFrame({ headers: { 'x-robots-tag': 'noimageai' } });
    expect(denied(d.evidence, 'x-robots-tag')).toEqual([{
      kind: 'x-robots-tag', scope: 'page', source: FRAME, value: 'noimageai', effect: 'deny', reason: 'x-robots-tag',
      note: `The frame's X-Robots-Tag (${FRAME}) says noimageai (no use of images in AI datasets) to every crawler: the owner opts out.`,
    }]);
    const other = inFrame({ headers: { 'x-robots-tag': 'googlebot: noindex' } }).evidence.find((e) => e.kind === 'x-robots-tag');
    expect(other?.note).toBe(`The frame's X-Robots-Tag (${FRAME}) addresses googlebot only; recorded, not applied.`);
  });
  it('the frame’s Content-Usage and Content-Signal headers', () => {
    const d = inFrame({ headers: { 'content-usage': 'train-ai=n', 'content-signal': 'ai-train=no' } });
    expect(denied(d.evidence, 'content-usage')).toEqual([{
      kind: 'content-usage', scope: 'page', source: FRAME, value: 'train-ai=n', effect: 'deny', reason: 'content-usage-n',
      note: `The frame's Content-Usage header (${FRAME}) says train-ai=n: the owner opts out of train-ai`,
    }]);
    expect(denied(d.evidence, 'content-signal')).toEqual([{
      kind: 'content-signal', scope: 'page', source: FRAME, value: 'ai-train=no', effect: 'deny', reason: 'content-usage-n',
      note: `The frame's Content-Signal header (${FRAME}) says ai-train=no: the owner opts out`,
    }]);
  });
  it('the frame’s tdm-reservation header and meta', () => {
    const header = denied(inFrame({ headers: { 'tdm-reservation': '1' } }).evidence, 'tdmrep');
    expect(header).toEqual([{
      kind: 'tdmrep', scope: 'page', source: `${FRAME} (tdm-reservation header), a frame of the page`, value: 'tdm-reservation: 1', effect: 'deny', reason: 'tdm-reserved',
      note: `The frame's TDMRep header or meta (${FRAME}) reserves text and data mining rights (EU CDSM Art. 4 opt-out).`,
    }]);
    expect(denied(inFrame({ tdm: { reservation: '1' } }).evidence, 'tdmrep')[0]?.note).toBe(`The frame's TDMRep header or meta (${FRAME}) reserves text and data mining rights (EU CDSM Art. 4 opt-out).`);
  });
  it('the frame’s robots meta', () => {
    const d = inFrame({ metas: [{ name: 'robots', content: 'noimageai' }] });
    expect(denied(d.evidence, 'meta-robots')).toEqual([{
      kind: 'meta-robots', scope: 'page', source: FRAME, value: 'robots: noimageai', effect: 'deny', reason: 'meta-robots',
      note: `The frame's <meta name="robots"> (${FRAME}) says noimageai (no use of images in AI datasets): the owner opts out for the images in this frame.`,
    }]);
  });
  it('the frame’s unreadable headers name the frame too', () => {
    const d = inFrame({ headers: { 'content-usage': 'TRAIN-AI=N' } });
    expect(denied(d.evidence, 'content-usage')[0]).toMatchObject({ source: FRAME, reason: 'signal-unreadable' });
    expect(denied(d.evidence, 'content-usage')[0]?.note).toMatch(/^The frame's Content-Usage header \(https:\/\/museum\.example\/embed\/gallery\.html\) is not a valid Structured Fields dictionary/);
  });
  it('the page’s own notes are as before: the page’s, with no URL in them', () => {
    const p = assessPage({
      page: pageSignals({ metas: [{ name: 'robots', content: 'noimageai' }], tdm: { reservation: '1' } }),
      headers: { 'x-robots-tag': 'noimageai', 'content-usage': 'train-ai=n', 'content-signal': 'ai-train=no' },
      origin: files('https://museum.example'),
    }, settings);
    const notes = p.evidence.filter((e) => e.effect === 'deny').map((e) => [e.kind, e.scope, e.note]);
    expect(notes).toEqual([
      ['x-robots-tag', 'page', "The page's X-Robots-Tag says noimageai (no use of images in AI datasets) to every crawler: the owner opts out."],
      ['meta-robots', 'page', `The page's <meta name="robots"> says noimageai (no use of images in AI datasets): the owner opts out for the images on this page.`],
      ['content-usage', 'page', "The response's Content-Usage header says train-ai=n: the owner opts out of train-ai"],
      ['content-signal', 'page', "The response's Content-Signal header says ai-train=no: the owner opts out"],
      ['tdmrep', 'page', 'The page\'s TDMRep header or meta reserves text and data mining rights (EU CDSM Art. 4 opt-out).'],
    ]);
  });
});

describe('a licence the image response states in its Link header', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  it('one other than the licence found refuses (licence-conflict): the image’s own server speaks for it', () => {
    expect(decideFor('https://museum.example/a.png', { headers: { link: `<${NC}>; rel="license"` } }).reasons).toEqual(['licence-conflict']);
  });
  it('one whose relation is written a little off refuses too (licence-conflict)', () => {
    expect(decideFor('https://museum.example/a.png', { headers: { link: `<${NC}>; rel='license'` } }).reasons).toEqual(['licence-conflict']);
    expect(decideFor('https://museum.example/a.png', { headers: { link: `<${NC}>; rel="http://www.w3.org/1999/xhtml/vocab#license"` } }).reasons).toEqual(['licence-conflict']);
  });
  it('one written without angle brackets, or with rel*=, refuses too (licence-conflict)', () => {
    expect(decideFor('https://museum.example/a.png', { headers: { link: `${NC}; rel="license"` } }).reasons).toEqual(['licence-conflict']);
    expect(decideFor('https://museum.example/a.png', { headers: { link: `<${NC}>; rel*=UTF-8''license` } }).reasons).toEqual(['licence-conflict']);
  });
  it('the same licence changes nothing, and alone it grants nothing', () => {
    expect(decideFor('https://museum.example/a.png', { headers: { link: `<${CC_BY}>; rel="license"` } }).decision).toBe('permitted');
    expect(decideFor('https://b.example/a.png', { headers: { link: `<${CC_BY}>; rel="license"` } }).reasons).toEqual(['no-licence']);
  });
});

// `Link` header licences past the 64th link were dropped unread: a CC BY-NC after 64 preload
// links, or after 64 spellings of the licence found, left the image permitted under CC BY. Every
// link is now read; past 64 distinct licence links the header's licences are unread, which
// conflicts with any licence found (DESIGN.md §2 rules 4 and 5; fail closed).
describe('a Link header with more links than Heed reads', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const preloads = Array.from({ length: 64 }, (_, i) => `</s${i}.css>; rel="preload"`);
  const byVariants = (n: number) => Array.from({ length: n }, (_, i) => `<${CC_BY}?v=${i}>; rel="license"`);
  const link = (...parts: string[]) => ({ link: parts.join(', ') });

  it('image: a differing licence after 64 other links refuses (licence-conflict)', () => {
    expect(decideFor('https://museum.example/a.png', { headers: link(...preloads, `<${NC}>; rel="license"`) }).reasons).toEqual(['licence-conflict']);
  });

  it('image: a differing licence after 64 links to the licence found refuses (licence-conflict)', () => {
    expect(decideFor('https://museum.example/a.png', { headers: link(...byVariants(64), `<${NC}>; rel="license"`) }).reasons).toEqual(['licence-conflict']);
    expect(decideFor('https://museum.example/a.png', { headers: link(...byVariants(65)) }).reasons).toEqual(['licence-conflict']);
  });

  it('page: licence links past the cap leave the page licence relying on no image, and the site not shown permitted', () => {
    const p = page({ headers: link(...byVariants(65)) });
    expect(p.status).not.toBe('permitted');
    expect(decideFor('https://museum.example/a.png', {}, {}, p)).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
    expect(p.evidence).toContainEqual(expect.objectContaining({ value: expect.stringContaining('Link header') }));
  });

  it('within the cap nothing changes: 64 links to the licence found, or a licence after 64 preloads', () => {
    expect(decideFor('https://museum.example/a.png', { headers: link(...byVariants(64)) })).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0' } });
    expect(decideFor('https://museum.example/a.png', { headers: link(...preloads, `<${CC_BY}>; rel="license"`) }).decision).toBe('permitted');
    expect(page({ headers: link(...byVariants(64)) }).status).toBe('permitted');
  });
});

describe('ai.txt file types meet the type the bytes turned out to be', () => {
  it('a JPEG at an extension-less URL under Disallow: *.jpg is refused', () => {
    const aiTxt = { url: 'https://museum.example/ai.txt', outcome: 'ok' as const, body: 'User-Agent: *\nDisallow: *.jpg\n' };
    expect(decideFor('https://museum.example/image/123', { mime: 'image/jpeg', origins: [files('https://museum.example', { aiTxt })] }).reasons).toContain('ai-txt-disallow');
  });
});

// Licence markup present but not read in full (a JSON-LD block that does not parse, or a cap hit)
// may hold this image's own, more specific licence (an NC ImageObject beside the page's CC BY): the
// page licence cannot be relied on for any image, nor make the site `permitted` (DESIGN.md §2
// rules 4 and 5). Before, it licensed every same-site image and showed the site as permitted.
// The page's response headers could not be read (null: no record of them, and the request for
// them failed): an X-Robots-Tag, Content-Usage or tdm-reservation there went unread, and every
// image was judged as if the page had none. As a frame's unread headers do, they fail closed.
describe('page response headers that could not be read', () => {
  it('refuse every image, and the site is not shown open', () => {
    const p = page({ headers: null });
    expect(p).toMatchObject({ status: 'blocked', reasons: ['signal-unreadable'] });
    expect(decideFor('https://museum.example/a.png', {}, {}, p)).toMatchObject({ decision: 'refused', reasons: ['signal-unreadable'] });
  });
});

describe('page licence markup not read in full', () => {
  const unread = (over: Partial<PageSignals['licence']>) => page({ page: pageSignals({ licence: { ...pageSignals().licence, ...over } }) });
  const broken: [string, Partial<PageSignals['licence']>][] = [
    ['a JSON-LD block that does not parse', { unreadable: [{ via: 'json-ld', index: 0, reason: 'malformed' }] }],
    ['a cap hit', { truncated: true }],
  ];

  it.each(broken)('%s: the page licence licenses no image, and the site is not shown permitted', (_, over) => {
    const p = unread(over);
    expect(p.status).toBe('unknown');
    const d = decideFor('https://museum.example/a.png', {}, {}, p);
    expect(d).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
    expect(d.evidence.some((e) => e.kind === 'licence' && /licence markup could not be read/.test(e.note ?? ''))).toBe(true);
  });

  it.each(broken)('%s: an element-level licence still applies, and opt-out mode needs none', (_, over) => {
    const p = unread(over);
    const figure = { elementLicences: [{ via: 'figure' as const, licences: [CC_BY], creator: 'Lee', title: null, creditText: null }] };
    expect(decideFor('https://museum.example/a.png', {}, figure, p)).toMatchObject({ decision: 'permitted', licence: { source: 'element' } });
    const optOut = parseSettings({ mode: 'opt-out' });
    expect(assessImage(p, image('https://museum.example/a.png'), candidate('https://museum.example/a.png'), optOut).decision).toBe('permitted');
  });
});

// A licence statement present but not read (not a URL Heed can resolve, too long, nested deeper
// than the reader went, past its cap) was dropped without a word: the image's own markup then
// read as stating no licence, and the page's CC BY licensed it — an ImageObject saying
// "Copyright: all rights reserved", a figure's rel="license" pointing at javascript: or mailto:,
// an RDFa literal "CC BY-NC 4.0". Now such a statement fails closed (DESIGN.md §2 rules 4 and 5):
// around an image, no HTML licence is relied on for it; at page level, the page licence licenses
// no image. End to end: the page's markup as the readers and the scanner read it.
describe('licence statements present but unreadable never vanish', () => {
  const O = 'https://museum.example';
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const pageBy = `<link rel="license" href="${CC_BY}">`;
  const run = (body: string, head = pageBy, pageUrl = `${O}/gallery`, mode: 'licensed' | 'opt-out' = 'licensed') => {
    const d = parseHTML(`<!doctype html><html><head><title>T</title>${head}</head><body>${body}</body></html>`).document as unknown as Document;
    const signals = readPage(d, pageUrl);
    const s = parseSettings({ mode });
    const p = assessPage({ page: signals, headers: {}, origin: files(O) }, s);
    const img = `${O}/owl.jpg`;
    const hints = new ElementLicences(pageUrl, d).ofAll([d.querySelector('img')!]);
    for (const h of hints) ElementLicenceHintSchema.parse(h);
    return { page: p, image: assessImage(p, image(img), candidate(img, { elementLicences: hints }), s) };
  };
  const imageObject = (license: unknown) =>
    `<img src="/owl.jpg"><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'ImageObject', contentUrl: `${O}/owl.jpg`, license })}</script>`;
  const refused = (r: ReturnType<typeof run>) => expect(r.image.decision).toBe('refused');

  it.each([
    ['a notice, not a URL', 'Copyright: all rights reserved'],
    ['a licence named in text with a colon', 'License: CC BY-NC 4.0'],
    ['a text longer than 2,048 characters', 'All rights reserved. '.repeat(120)],
    ['a URL longer than 2,048 characters', `${O}/licensing?terms=${'x'.repeat(2100)}`],
    ['a licence object with nothing Heed reads', { '@type': 'CreativeWork' }],
  ])('an ImageObject licence that is %s: refused, not licensed by the page', (_, license) => {
    const r = run(imageObject(license));
    expect(r.image).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
    expect(r.image.evidence.some((e) => /not read in full|could not be read/.test(e.note ?? ''))).toBe(true);
  });

  it('JSON-LD licence URLs nested in a CreativeWork url array, or in expanded form, are read', () => {
    expect(run(imageObject([{ '@type': 'CreativeWork', url: [NC] }])).image).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'] });
    const expanded = [{
      '@type': ['http://schema.org/ImageObject'],
      'http://schema.org/contentUrl': [{ '@id': `${O}/owl.jpg` }],
      'http://schema.org/license': [{ '@type': ['http://schema.org/CreativeWork'], 'http://schema.org/url': [{ '@id': NC }] }],
    }];
    const r = run(`<img src="/owl.jpg"><script type="application/ld+json">${JSON.stringify(expanded)}</script>`);
    expect(r.image).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'] });
  });

  it('JSON-LD licence values nested deeper than read, or more than are read, fail closed', () => {
    let deep: unknown = NC;
    for (let i = 0; i < 12; i++) deep = [deep];
    refused(run(imageObject(deep)));
    refused(run(imageObject([...Array.from({ length: 120 }, (_, i) => `${O}/licences/${i}`), NC])));
    // 21 values: past the old cap of 20, still read, the NC one among them.
    expect(run(imageObject([...Array.from({ length: 20 }, () => CC_BY), 'https://creativecommons.org/licenses/by/4.0/deed.en', NC])).image.reasons).toContain('licence-conflict');
  });

  it.each([
    ['javascript:', 'javascript:void(0)'],
    ['mailto:', 'mailto:licensing@museum.example'],
  ])('a figure rel="license" pointing at %s: refused', (_, href) => {
    expect(run(`<figure><img src="/owl.jpg"><a rel="license" href="${href}">All rights reserved</a></figure>`).image).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
  });

  it('a figure rel="license" href="#rights" on a page address over 2,048 characters: refused', () => {
    const r = run(`<figure><img src="/owl.jpg"><a rel="license" href="#rights">All rights reserved</a></figure>`, pageBy, `${O}/gallery?q=${'x'.repeat(3000)}`);
    expect(r.image).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
  });

  it('an RDFa literal licence, or a microdata licence text over 2,048 characters, around the image: refused', () => {
    refused(run(`<div vocab="https://schema.org/" typeof="ImageObject"><img property="contentUrl" src="/owl.jpg"><span property="license">CC BY-NC 4.0</span></div>`));
    refused(run(`<div itemscope itemtype="https://schema.org/ImageObject"><img itemprop="contentUrl" src="/owl.jpg"><span itemprop="license">${'All rights reserved. '.repeat(120)}</span></div>`));
  });

  it('a page-level licence statement Heed cannot read: the page licence licenses no image, and the site is not shown permitted', () => {
    for (const head of [
      `${pageBy}<meta property="dc:license" content="All rights reserved">`,
      `${pageBy}<script type="application/ld+json">{"@type":"WebPage","license":"Copyright: all rights reserved"}</script>`,
      `${pageBy}<link rel="license" href="${O}/licence?${'x'.repeat(2100)}">`,
    ]) {
      const r = run('<img src="/owl.jpg">', head);
      expect(r.page.status).toBe('unknown');
      expect(r.image).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
    }
  });

  it('benign pages are unchanged: a plain CC BY figure licenses its image, a page licence still licenses it, no markup is no licence, an empty value states nothing, opt-out needs none', () => {
    expect(run(`<figure><img src="/owl.jpg"><a rel="license" href="${CC_BY}">CC BY</a></figure>`, '').image).toMatchObject({ decision: 'permitted', licence: { source: 'element' } });
    expect(run('<img src="/owl.jpg">')).toMatchObject({ page: { status: 'permitted' }, image: { decision: 'permitted', licence: { source: 'page' } } });
    expect(run('<img src="/owl.jpg">', '')).toMatchObject({ page: { status: 'unknown' }, image: { decision: 'refused', reasons: ['no-licence'] } });
    expect(run(imageObject('')).image).toMatchObject({ decision: 'permitted', licence: { source: 'page' } });
    expect(run(imageObject('Copyright: all rights reserved'), pageBy, `${O}/gallery`, 'opt-out').image.decision).toBe('permitted');
  });
});

// A page's `Link: <licence>; rel="license"; anchor="…"` licenses the anchor's resource, not the
// page (RFC 8288 §3.2). It was read as the page's own licence: `anchor="/about.html"` licensed
// every image on the page.
describe('a licence the page response links with an anchor', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const noHtmlLicence = pageSignals({ licence: { ...pageSignals().licence, licences: [] } });
  const linked = (link: string, signals = noHtmlLicence) => page({ page: signals, headers: { link } });

  it('a licence for another resource licenses no other image, and the site is not shown permitted', () => {
    const p = linked(`<${CC_BY}>; rel="license"; anchor="/about.html"`);
    expect(p.status).not.toBe('permitted');
    expect(decideFor('https://museum.example/a.png', {}, {}, p)).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
    expect(p.evidence).toContainEqual(expect.objectContaining({ kind: 'licence', value: expect.stringContaining('https://museum.example/about.html') }));
  });

  it('a licence for a part of the page (or an anchor Heed cannot read) leaves the page licence licensing no image', () => {
    for (const anchor of ['#gallery', 'http://[bad']) {
      const p = linked(`<${CC_BY}>; rel="license"; anchor="${anchor}"`);
      expect(decideFor('https://museum.example/a.png', {}, {}, p).reasons).toEqual(['no-licence']);
      // The HTML's own CC BY is not relied on either: the anchored licence may be some images' own.
      const q = linked(`<${NC}>; rel="license"; anchor="${anchor}"`, pageSignals());
      expect(decideFor('https://museum.example/a.png', {}, {}, q).reasons).toEqual(['no-licence']);
    }
  });

  it('a licence for an image file is that image’s own (element level), as a JSON-LD ImageObject naming it', () => {
    const p = linked(`<${NC}>; rel="license"; anchor="https://museum.example/a.png"`, pageSignals());
    expect(decideFor('https://museum.example/a.png', {}, {}, p)).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: { source: 'element' } });
    expect(decideFor('https://museum.example/b.png', {}, {}, p)).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0', source: 'page' } });
  });

  it('an anchor naming the page itself is the page’s licence, as without one', () => {
    const p = linked(`<${CC_BY}>; rel="license"; anchor=""`);
    expect(decideFor('https://museum.example/a.png', {}, {}, p)).toMatchObject({ decision: 'permitted', licence: { source: 'page' } });
  });

  it('on the image response an anchored licence still conflicts with the licence found', () => {
    expect(decideFor('https://museum.example/a.png', { headers: { link: `<${NC}>; rel="license"; anchor="/other.png"` } }).reasons).toEqual(['licence-conflict']);
  });
});

// The page describes another work (a data set, another document) in JSON-LD: its licence, if not
// one of the page's, makes the page licence license no image (that work may be its images). The
// comparison moved from the page reader to the worker (issue 17: no licence-URL parser injected
// into pages); it reads licences as what they are, and the badge now makes it too.
describe('another work the page describes, under its own licence', () => {
  const O = 'https://museum.example';
  const BY = 'https://creativecommons.org/licenses/by/4.0/';
  const html = (other: string) =>
    `<!doctype html><html><head><title>T</title><link rel="license" href="${BY}"><script type="application/ld+json">{"@context":"https://schema.org","@type":"Dataset","name":"Birds","license":"${other}"}</script></head><body></body></html>`;
  const statusOf = (other: string) => {
    const d = parseHTML(html(other)).document as unknown as Document;
    const collect = assessPage({ page: readPage(d, `${O}/gallery`), headers: {}, origin: files(O) }, settings).status;
    const badge = assessPage({ page: pageSignalsFromRaw(readRawPageSignals(d, `${O}/gallery`)), headers: {}, origin: files(O) }, settings).status;
    return { collect, badge };
  };

  it('another licence: the site is not shown permitted, on Collect or the badge', () => {
    expect(statusOf('https://creativecommons.org/licenses/by-nc/4.0/')).toEqual({ collect: 'unknown', badge: 'unknown' });
  });

  it('the page licence, in another form of its URL, takes nothing away', () => {
    expect(statusOf(BY)).toEqual({ collect: 'permitted', badge: 'permitted' });
    expect(statusOf('http://creativecommons.org/licenses/by/4.0/deed.de')).toEqual({ collect: 'permitted', badge: 'permitted' });
  });
});

// Several frames of one page report the same image: the scan kept the first report whole, so a
// same-site frame's figure stating CC BY-NC beside the top page's figure stating CC BY was lost,
// and the image was permitted under CC BY. A report whose markup says something the first's does
// not now leaves the image's element markup unread: no HTML licence is relied on for it.
describe('the same image reported by two frames whose markup differs', () => {
  const url = 'https://museum.example/owl.jpg';
  const hint = (licence: string) => ({ via: 'figure' as const, licences: [licence], creator: null, title: null, creditText: null });
  const top = candidate(url, { elementLicences: [hint(CC_BY)] });

  it('the differing report leaves the element markup unread, and the image is not permitted', () => {
    const nc = candidate(url, { elementLicences: [hint('https://creativecommons.org/licenses/by-nc/4.0/')] });
    expect(assessImage(page(), image(url), top, settings).decision).toBe('permitted');
    const merged = withSameImageReported(top, nc);
    expect(merged.elementLicences.at(-1)).toMatchObject({ unread: true });
    expect(assessImage(page(), image(url), merged, settings).decision).toBe('refused');
  });

  it('a report saying the same, or nothing, changes nothing', () => {
    expect(withSameImageReported(top, candidate(url, { elementLicences: [hint(CC_BY)] }))).toBe(top);
    expect(withSameImageReported(top, candidate(url))).toBe(top);
  });
});

// Every report of an image counts, from whichever frame and whenever it comes (Collect's scan and
// the scroll watch merge them alike: scan-tab.ts, collector.ts addCandidates).
describe('withReportOf: another report of an image the collect already has', () => {
  const url = 'https://cdn.example/x.jpg';
  // A frame showing the image from i.pinimg.com (its thumbnailUrl), or naming that rendition in
  // its srcset, reported the image after the top page had: only the first report's renditions
  // were kept, and the Pinterest rendition the frame shows was never looked up.
  it('keeps the renditions another report shows or names, and a blocked one among them refuses the image', () => {
    const url = 'https://museum.example/x.jpg';
    const known = candidate(url, { thumbnailUrl: 'https://museum.example/x-400.jpg' });
    expect(assessImage(page(), image(url), known, settings).decision).toBe('permitted');
    const shows = withReportOf(known, candidate(url, { thumbnailUrl: 'https://i.pinimg.com/236x/x.jpg' }));
    expect(assessImage(page(), image(url), shows, settings).reasons).toContain('site-blocked');
    const names = withReportOf(known, candidate(url, { renditions: ['https://i.pinimg.com/736x/x.jpg'] }));
    expect(assessImage(page(), image(url), names, settings).reasons).toContain('site-blocked');
    expect(withReportOf(shows, candidate(url, { thumbnailUrl: 'https://i.pinimg.com/236x/x.jpg' }))).toBe(shows);
  });
  const noai = { url: 'https://widgets.example/embed', metas: [{ name: 'robots', content: 'noai' }], tdm: {} };
  it('adds each frame it was found in, once, and returns the same candidate when the report adds nothing', () => {
    const known = candidate(url);
    const merged = withReportOf(known, candidate(url, { frames: [noai] }));
    expect(merged.frames).toEqual([noai]);
    expect(assessImage(page(), image(url), merged, settings).reasons).toContain('meta-robots');
    expect(withReportOf(merged, candidate(url, { frames: [{ ...noai }] }))).toBe(merged);
    expect(withReportOf(merged, candidate(url))).toBe(merged);
  });
});

// An image's credit line (html-licence/credit-line.ts: its figcaption, or the line written right
// after it opening with a credit word) that links to a licence without licence markup: the
// owner's word about the image that can only refuse (assess.ts creditLineRefusal).
describe('licences a credit line names with plain links', () => {
  const O = 'https://museum.example';
  const NC = 'https://creativecommons.org/licenses/by-nc/2.0/';
  const run = (body: string, head = `<link rel="license" href="${CC_BY}">`, mode: 'licensed' | 'opt-out' = 'licensed') => {
    const d = parseHTML(`<!doctype html><html><head><title>T</title>${head}</head><body>${body}</body></html>`).document as unknown as Document;
    const s = parseSettings({ mode });
    const p = assessPage({ page: readPage(d, `${O}/post`), headers: {}, origin: files(O) }, s);
    const img = `${O}/owl.jpg`;
    const hints = new ElementLicences(`${O}/post`, d).ofAll([d.querySelector('img')!]);
    for (const h of hints) ElementLicenceHintSchema.parse(h);
    return assessImage(p, image(img), candidate(img, { elementLicences: hints }), s);
  };

  it.each([
    ['a line after the image', `<img src="/owl.jpg"><p>Photo: Ann [<a href="${NC}">CC BY-NC 2.0</a>], via Flickr</p>`],
    ['a line after the link holding the image', `<a href="/owl-big.jpg"><img src="/owl.jpg"></a><br><small>Foto: Ann, <a href="${NC}">CC BY-NC</a></small>`],
    ['a figcaption', `<figure><img src="/owl.jpg"><figcaption>Ann, <a href="${NC}" rel="nofollow">CC BY-NC</a></figcaption></figure>`],
  ])('%s naming CC BY-NC under a CC BY page: refused licence-not-accepted', (_name, body) => {
    expect(run(body)).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: { id: 'CC-BY-NC-2.0', source: 'element' } });
  });

  it('CC BY-NC beside an accepted licence in the same line: licence-conflict', () => {
    expect(run(`<img src="/owl.jpg"><p>Photo: Ann (<a href="${NC}">CC BY-NC</a> or <a href="${CC_BY}">CC BY</a>)</p>`).reasons).toEqual(['licence-conflict']);
  });

  it('a line naming an accepted licence grants nothing on a page without one', () => {
    expect(run(`<img src="/owl.jpg"><p>Photo: Ann [<a href="${CC_BY}">CC BY 4.0</a>]</p>`, '').reasons).toEqual(['no-licence']);
  });

  it('text after the image that is no credit line, or holds another image, says nothing', () => {
    expect(run(`<img src="/owl.jpg"><p>Read the <a href="${NC}">licence of our text</a></p>`).decision).toBe('permitted');
    expect(run(`<img src="/owl.jpg"><p>Photo: <img src="/fox.jpg"> <a href="${NC}">CC BY-NC</a></p>`).decision).toBe('permitted');
  });

  it('a line with more links than Heed reads: its licence is unread, so no HTML licence is relied on (fail closed)', () => {
    const links = Array.from({ length: 2001 }, (_, i) => `<a href="/p${i}">${i}</a>`).join(' ');
    expect(run(`<img src="/owl.jpg"><p>Photo: ${links} <a href="${NC}">CC BY-NC</a></p>`).reasons).toEqual(['no-licence']);
  });

  it('opt-out mode records it and needs none', () => {
    expect(run(`<img src="/owl.jpg"><p>Photo: Ann [<a href="${NC}">CC BY-NC</a>]</p>`, undefined, 'opt-out').decision).toBe('permitted');
  });
});

// DESIGN.md §2 rule 1: a frame is a page of its own (its opt-outs bind the images in it), so a
// frame of a site the registry blocks, or the user blocked, refuses the images shown in it —
// whoever hosts them. Before, only the top page's and the image URL's sites were looked up: a
// Pinterest embed inside an unlisted page had its images kept when they were served from a host
// the registry does not list, or written into the frame as data: URLs.
describe('an image shown in a frame of a blocked site', () => {
  const url = 'https://museum.example/embed/a.png';
  const inFrame = (frameUrl: string, s = settings, imageUrl = url) =>
    assessImage(page(), image(imageUrl, { origins: originsShownIn(imageUrl, [frameUrl]) }), candidate(imageUrl, { frames: [{ url: frameUrl, metas: [], tdm: {} }] }), s);
  it.each(['https://www.pinterest.com/pin/1/', 'https://WWW.PINTEREST.COM./pin/1/', 'blob:https://www.pinterest.com/6f1c-uuid', 'https://www.pinterest.de/pin/1/'])(
    'a frame of a registry-blocked site (%s) refuses the image with site-blocked',
    (frameUrl) => {
      const d = inFrame(frameUrl);
      expect(d.decision).toBe('refused');
      expect(d.reasons).toContain('site-blocked');
      expect(d.evidence.find((e) => e.reason === 'site-blocked')?.note).toContain('frame');
    },
  );
  it('a data: image written into a blocked site’s frame is refused too', () => {
    expect(inFrame('https://www.pinterest.com/pin/1/', settings, 'data:image/png;base64,iVBORw0KGgo=').reasons).toContain('site-blocked');
  });
  it('a frame of a site the user blocked refuses with user-blocked; one the user allowed lifts only the registry', () => {
    expect(inFrame('https://widgets.other.example/embed', parseSettings({ userBlock: ['other.example'] })).reasons).toContain('user-blocked');
    expect(inFrame('https://www.pinterest.com/pin/1/', parseSettings({ userAllow: ['pinterest.com'] })).decision).toBe('permitted');
    expect(inFrame('https://www.pinterest.com/pin/1/', parseSettings({ userAllow: ['example.com'] })).reasons).toContain('site-blocked');
  });
  it('a frame of an unlisted site, or of the page’s own site, changes nothing', () => {
    expect(inFrame('https://widgets.other.example/embed').decision).toBe('permitted');
    expect(inFrame('https://museum.example/embed/gallery.html').decision).toBe('permitted');
  });
});

// A frame whose address names no site (about:srcdoc, about:blank, data:) is its maker's: the
// nearest frame above it with a real address. Before, such a frame was not looked up at all
// (site-registry.ts frameSiteEvidence skipped it), so a Pinterest frame that wrote its images into
// an <iframe srcdoc> inside itself had them kept: the scanner of the srcdoc frame reported only
// `about:srcdoc`, and the Pinterest frame was nowhere in the image's record.
describe('an image in a siteless frame nested in a frame of a blocked site', () => {
  const url = 'https://museum.example/embed/a.png';
  /** A frame document's window: its address, its origin and the windows above it (`null`: one the frame cannot read). */
  type Level = { href: string | null; origin?: string; head?: string };
  function frameWindow(levels: Level[], ancestorOrigins?: string[]): Window {
    const views: Record<string, unknown>[] = levels.map(() => ({}));
    views.forEach((v, i) => {
      const level = levels[i]!;
      const location: Record<string, unknown> = {};
      Object.defineProperty(location, 'href', { get: () => { if (level.href === null) throw new DOMException('Blocked a frame', 'SecurityError'); return level.href; } });
      if (i === 0 && ancestorOrigins) location.ancestorOrigins = ancestorOrigins;
      v.location = location;
      v.origin = level.origin ?? 'null';
      v.document = parseHTML(`<html><head>${level.head ?? ''}</head><body></body></html>`).document;
      v.parent = views[Math.min(i + 1, views.length - 1)];
      v.top = views[views.length - 1];
    });
    return views[0] as unknown as Window;
  }
  /** What the srcdoc frame's scanner reports of itself, as the worker receives it, and the image found in it judged. */
  function judged(levels: Level[], ancestorOrigins?: string[], s = settings) {
    const { document } = parseHTML('<html><head></head><body><img src="https://museum.example/embed/a.png"></body></html>');
    Object.defineProperty(document, 'defaultView', { value: frameWindow(levels, ancestorOrigins) });
    const sent = ScannedFrameSignalsSchema.parse(JSON.parse(JSON.stringify(readFrameSignals(document as unknown as Document, levels[0]!.href!))));
    const frames = [frameSignalsFrom(sent)];
    // The pages a frame is (its own address, its owners', the frames around it) have their origin's
    // files read, as the worker reads them (gather-image.ts: site-registry.ts frameDocumentAddresses).
    return { before: refusalBeforeRequest(page(), url, null, s, { frames }), after: assessImage(page(), image(url, { origins: originsShownIn(url, frames.flatMap(frameDocumentAddresses)) }), candidate(url, { frames }), s) };
  }
  const PIN = 'https://www.pinterest.com/pin/1/';
  const TOP = 'https://museum.example/gallery';

  it('an about:srcdoc frame nested inside a blocked site’s frame refuses its images with site-blocked, before and after the request', () => {
    const { before, after } = judged([{ href: 'about:srcdoc', origin: 'https://www.pinterest.com' }, { href: PIN, origin: 'https://www.pinterest.com' }, { href: TOP, origin: 'https://museum.example' }]);
    expect(before?.reasons ?? []).toContain('site-blocked');
    expect(after.reasons).toContain('site-blocked');
    expect(after.evidence.find((e) => e.reason === 'site-blocked')?.note).toContain('about:srcdoc');
  });
  it('all the way up: an about:blank frame in a srcdoc frame in a blocked site’s frame is that site’s', () => {
    const { after } = judged([{ href: 'about:blank', origin: 'https://www.pinterest.com' }, { href: 'about:srcdoc', origin: 'https://www.pinterest.com' }, { href: PIN }, { href: TOP }]);
    expect(after.reasons).toContain('site-blocked');
  });
  it('a sandboxed (opaque) srcdoc frame that cannot read its parent is tied to it by origin (location.ancestorOrigins)', () => {
    const { after } = judged([{ href: 'data:text/html,<img>' }, { href: null }, { href: null }], ['null', 'https://www.pinterest.com', 'https://museum.example']);
    expect(after.reasons).toContain('site-blocked');
  });
  it('a Wayback copy of a blocked site is that site’s for the frames it writes too', () => {
    const { after } = judged([{ href: 'about:srcdoc', origin: 'https://web.archive.org' }, { href: `https://web.archive.org/web/2020/${PIN}` }, { href: TOP }]);
    expect(after.reasons).toContain('site-blocked');
  });
  it('a siteless frame whose ancestry cannot be read fails closed (signal-unreadable), as a frame whose headers went unread', () => {
    const { before, after } = judged([{ href: 'about:srcdoc' }, { href: null }, { href: null }]);
    expect(after.reasons).toContain('signal-unreadable');
    expect(before?.reasons ?? []).toContain('signal-unreadable');
  });
  // The document that wrote a siteless frame (its nearest frame with a real address) is where its
  // images are shown: that frame's robots metas, response headers and TDMRep meta bind them as
  // they bind its own images. Before, only the siteless frame's own metas were sent: a frame whose
  // metas say noai (or whose X-Robots-Tag does) writing its images into an <iframe srcdoc> had them kept.
  describe('the frame that wrote it', () => {
    const WRITER = 'https://widgets.example/embed';
    const reported = (levels: Level[], ancestorOrigins?: string[]) => {
      const { document } = parseHTML('<html><head></head><body></body></html>');
      Object.defineProperty(document, 'defaultView', { value: frameWindow(levels, ancestorOrigins) });
      const sent = ScannedFrameSignalsSchema.parse(JSON.parse(JSON.stringify(readFrameSignals(document as unknown as Document, levels[0]!.href!))));
      return framesOfReport(sent);
    };
    const decide = (frames: FrameOfImage[]) => assessImage(page(), image(url), candidate(url, { frames }), settings);

    it('binds its images with its robots metas, and its address is among their frames (its response headers are read for them)', () => {
      const frames = reported([{ href: 'about:srcdoc', origin: 'https://widgets.example' }, { href: WRITER, head: '<meta name="robots" content="noai">' }, { href: TOP }]);
      expect(frames.map((f) => f.url)).toEqual(['about:srcdoc', WRITER]);
      expect(decide(frames).reasons).toContain('meta-robots');
      expect(decide(frames.map((f) => (f.url === WRITER ? { ...f, metas: [], headers: { 'x-robots-tag': 'noimageai' } } : f))).reasons).toContain('x-robots-tag');
    });
    it('one that cannot be read, other than the top page, fails its images closed', () => {
      const frames = reported([{ href: 'about:srcdoc' }, { href: null }, { href: null }], ['https://widgets.example', 'https://museum.example']);
      expect(decide(frames).reasons).toContain('signal-unreadable');
    });
    it('the top page adds nothing: its own signals bind every image on it', () => {
      const frames = reported([{ href: 'about:srcdoc' }, { href: null }], ['https://museum.example']);
      expect(frames.map((f) => f.url)).toEqual(['about:srcdoc']);
      expect(decide(frames).decision).toBe('permitted');
    });
  });

  it('a data: frame directly in the top page, which it cannot read (no ancestorOrigins, as in Firefox), is the page’s: nothing fails closed', () => {
    const { before, after } = judged([{ href: 'data:text/html,<img>' }, { href: null }]);
    expect(before).toBeNull();
    expect(after.decision).toBe('permitted');
  });

  it('a srcdoc frame the page itself wrote changes nothing', () => {
    const { before, after } = judged([{ href: 'about:srcdoc', origin: 'https://museum.example' }, { href: TOP, origin: 'https://museum.example' }]);
    expect(before).toBeNull();
    expect(after.decision).toBe('permitted');
  });

  // A frame WITH its own address nested inside a blocked site's frame is shown by that site too
  // (DESIGN.md §2 rule 1: every frame above it is a page the image is shown in). Before, only a
  // siteless frame named the frames above it: top page (unlisted) → Pinterest frame → an unlisted
  // CDN's frame showing images had them kept.
  describe('a frame with its own site inside a blocked site’s frame', () => {
    const CDN = 'https://cdn.other.example/embed/1';
    const cdn = (ancestorOrigins?: string[], above: Level[] = [{ href: null }, { href: null }], s = settings) => judged([{ href: CDN, origin: 'https://cdn.other.example' }, ...above], ancestorOrigins, s);

    it('Chromium: an unlisted site’s frame inside a Pinterest frame refuses its images with site-blocked, before and after the request', () => {
      const { before, after } = cdn(['https://www.pinterest.com', 'https://museum.example']);
      expect(before?.reasons ?? []).toContain('site-blocked');
      expect(after.reasons).toContain('site-blocked');
      expect(after.evidence.find((e) => e.reason === 'site-blocked')?.note).toContain('inside a frame of https://www.pinterest.com/');
    });
    it('a frame above it that it can read is read in full: a Wayback copy of a blocked site', () => {
      const { after } = judged([{ href: `https://web.archive.org/web/2020/https://cdn.other.example/x`, origin: 'https://web.archive.org' }, { href: `https://web.archive.org/web/2020/${PIN}` }, { href: null }]);
      expect(after.reasons).toContain('site-blocked');
    });
    it('a frame above it of a site on the user’s block list refuses with user-blocked; deeper ancestors count too', () => {
      expect(cdn(['https://widgets.mine.example', 'https://museum.example'], undefined, parseSettings({ userBlock: ['mine.example'] })).after.reasons).toContain('user-blocked');
      expect(cdn(['https://a.example', 'https://www.pinterest.com', 'https://museum.example'], [{ href: null }, { href: null }, { href: null }]).after.reasons).toContain('site-blocked');
    });
    it('an ancestor with an opaque origin (a sandboxed Pinterest frame, or one hidden by referrerpolicy) fails closed', () => {
      expect(cdn(['null', 'https://museum.example']).after.reasons).toContain('signal-unreadable');
    });
    it('Firefox (no ancestorOrigins): inside a cross-origin frame that is not the top page, it fails closed; directly in the page, nothing changes', () => {
      const nested = cdn(undefined);
      expect(nested.before?.reasons ?? []).toContain('signal-unreadable');
      expect(nested.after.reasons).toContain('signal-unreadable');
      const direct = cdn(undefined, [{ href: null }]);
      expect(direct.before).toBeNull();
      expect(direct.after.decision).toBe('permitted');
    });
    it('a report whose list of ancestors fails validation, or names none, reads as unread: its images fail closed', () => {
      const sent = ScannedFrameSignalsSchema.parse({ url: CDN, metas: [], ancestors: Array.from({ length: 40 }, () => 'https://a.example/') });
      expect(sent.ancestors).toBeNull();
      const decide = (frames: FrameOfImage[]) => assessImage(page(), image(url, { origins: originsShownIn(url, [CDN]) }), candidate(url, { frames }), settings);
      expect(decide(framesOfReport(sent)).reasons).toContain('signal-unreadable');
      expect(decide(framesOfReport({ url: CDN, metas: [] })).reasons).toContain('signal-unreadable');
    });
    it('inside frames of unlisted sites, or of the page’s own, nothing changes', () => {
      expect(cdn(['https://widgets.example', 'https://museum.example']).after.decision).toBe('permitted');
      expect(cdn(['https://museum.example', 'https://museum.example']).after.decision).toBe('permitted');
    });
  });
});

// The rendition of an image shown on the page (the candidate's thumbnailUrl: the rendition the
// <img> shows when Heed takes its largest srcset candidate or the original it links to) is the
// same image — assess.ts reads an ImageObject naming it as the image's own statement. A shown
// rendition on a blocked site makes the image that site's (DESIGN.md §2 rule 1, the reading that
// cannot keep what the owner refused). Before, only the URL fetched was looked up: a page showing
// i.pinimg.com's 236 px file, with a 2000w srcset candidate (or a link) on its own host, had the
// large copy kept.
describe('an image whose rendition shown on the page is on a blocked site', () => {
  const big = 'https://museum.example/a-2000.jpg';
  it.each([
    'https://i.pinimg.com/236x/a.jpg',
    'https://museum.example/_next/image?url=https%3A%2F%2Fi.pinimg.com%2F236x%2Fa.jpg&w=256',
  ])('shown from %s: refused site-blocked', (shown) => {
    const d = decideFor(big, {}, { thumbnailUrl: shown });
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('site-blocked');
  });
  it('shown from a site the user blocked: refused user-blocked; shown from an unlisted site: unchanged', () => {
    const blocking = parseSettings({ userBlock: ['other.example'] });
    expect(assessImage(page(), image(big), candidate(big, { thumbnailUrl: 'https://cdn.other.example/a.jpg' }), blocking).reasons).toContain('user-blocked');
    expect(decideFor(big, {}, { thumbnailUrl: 'https://museum.example/a-800.jpg' }).decision).toBe('permitted');
  });
});

// The other renditions the page names for the image (srcset candidates, the src, image-set()
// options: the candidate's renditions) are the same image too: on another screen the page shows
// one of them. Only the rendition this browser loaded was looked up: a page naming i.pinimg.com's
// file as its 736w candidate beside its own 2000w copy had the copy kept.
describe('an image whose markup names a blocked site’s rendition besides the one taken', () => {
  const big = 'https://museum.example/a-2000.jpg';
  it('a rendition on a blocked site refuses it site-blocked, in opt-out mode too', () => {
    const named = { thumbnailUrl: 'https://museum.example/a-400.jpg', renditions: ['https://museum.example/a-800.jpg', 'https://i.pinimg.com/736x/a.jpg'] };
    expect(decideFor(big, {}, named).reasons).toContain('site-blocked');
    expect(assessImage(page(), image(big), candidate(big, named), parseSettings({ mode: 'opt-out' })).reasons).toContain('site-blocked');
  });
  it('renditions on the page’s own or unlisted sites change nothing', () => {
    // The worker reads the signal files of the renditions' origins too (gather-image.ts).
    expect(decideFor(big, { origins: [files('https://museum.example'), files('https://cdn.example')] }, { renditions: ['https://museum.example/a-800.jpg', 'https://cdn.example/a.jpg'] }).decision).toBe('permitted');
  });
});

// A rendition the page names (srcset, <picture><source>) on another origin is this image too, as
// the shown one is: that origin's robots.txt, ai.txt and tdmrep.json speak for it. Only its site's
// registry entry was read: a page naming cdn.other.example's 736w file, whose robots.txt refuses
// GPTBot, beside its own 2000w copy had the copy kept.
describe('an image whose markup names a rendition on another origin that refuses it', () => {
  const big = 'https://museum.example/a-2000.jpg';
  const other = 'https://cdn.other.example';
  const rendition = `${other}/736/a.jpg`;
  const refusing = files(other, { robots: { url: `${other}/robots.txt`, outcome: 'ok', body: 'User-agent: GPTBot\nDisallow: /\n' } });
  it('its robots.txt refusing GPTBot refuses the image robots-disallow', () => {
    const d = assessImage(page(), image(big, { origins: [files('https://museum.example'), refusing] }), candidate(big, { renditions: [rendition] }), settings);
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('robots-disallow');
  });
  it('its origin’s signal files not read: refused signal-unreadable', () => {
    const d = assessImage(page(), image(big), candidate(big, { renditions: [rendition] }), settings);
    expect(d.reasons).toContain('signal-unreadable');
  });
  it('its origin allowing it changes nothing', () => {
    const d = assessImage(page(), image(big, { origins: [files('https://museum.example'), files(other)] }), candidate(big, { renditions: [rendition] }), settings);
    expect(d.decision).toBe('permitted');
  });
});

// A rendition the page names or shows may itself come through an image proxy
// (`/_next/image?url=https://owner.example/a.jpg`): the file it serves is the owner's, whose
// robots.txt speaks for it as it does for the image's own proxied file. Only that site's
// registry entry was read: a page naming its proxied rendition of a GPTBot-refusing site's file
// beside its own full-size copy had the copy kept.
describe('an image whose rendition comes through a proxy from a site that refuses it', () => {
  const big = 'https://museum.example/a-2000.jpg';
  const owner = 'https://photos.owner.example';
  const proxied = `https://museum.example/_next/image?url=${encodeURIComponent(`${owner}/a.jpg`)}&w=640`;
  const refusing = files(owner, { robots: { url: `${owner}/robots.txt`, outcome: 'ok', body: 'User-agent: GPTBot\nDisallow: /\n' } });
  it('a named rendition through a proxy: the proxied site’s robots.txt refusing GPTBot refuses the image', () => {
    const d = assessImage(page(), image(big, { origins: [files('https://museum.example'), refusing] }), candidate(big, { renditions: [proxied] }), settings);
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('robots-disallow');
  });
  it('the shown rendition through a proxy: the proxied site’s robots.txt refusing GPTBot refuses the image', () => {
    const d = assessImage(page(), image(big, { origins: [files('https://museum.example'), refusing] }), candidate(big, { thumbnailUrl: proxied }), settings);
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('robots-disallow');
  });
  it('the proxied site’s signal files not read: refused signal-unreadable', () => {
    const d = assessImage(page(), image(big, { origins: [files('https://museum.example')] }), candidate(big, { renditions: [proxied] }), settings);
    expect(d.reasons).toContain('signal-unreadable');
  });
  it('the proxied site allowing it changes nothing', () => {
    const d = assessImage(page(), image(big, { origins: [files('https://museum.example'), files(owner)] }), candidate(big, { renditions: [proxied] }), settings);
    expect(d.decision).toBe('permitted');
  });
});

// wsrv.nl takes `?url=HOST/PATH` without a scheme (weserv/images): the file it serves is HOST's.
describe('an image through a proxy naming a blocked site’s file without a scheme', () => {
  it('is refused site-blocked, in opt-out mode too', () => {
    const url = 'https://wsrv.nl/?url=ssl:i.pinimg.com/736x/a.jpg&w=300';
    expect(decideFor(url).reasons).toContain('site-blocked');
    expect(assessImage(page(), image(url), candidate(url), parseSettings({ mode: 'opt-out' })).reasons).toContain('site-blocked');
  });
});

// The registry and the user's lists match hosts (an entry covers a host and its subdomains), but
// an image on the page's own registrable domain was not looked up at all: the page's answer was
// taken for it. A block-list entry naming one host of the site (stored lists hold any text) or a
// registry entry naming a subdomain then never refused images from that host. Now such an image
// is looked up too; only what differs from the page's own answer is added.
describe('an image on a blocked host of the page’s own site', () => {
  it('is refused when the block list names its host', () => {
    const blocking = parseSettings({ userBlock: ['images.museum.example'] });
    const url = 'https://images.museum.example/a.png';
    expect(assessImage(page(), image(url), candidate(url), blocking).reasons).toContain('user-blocked');
    expect(assessImage(page(), image('https://museum.example/a.png'), candidate('https://museum.example/a.png'), blocking).decision).toBe('permitted');
  });
  it('the page’s own registry answer is not repeated for its images', () => {
    const p = page({ page: pageSignals({ url: 'https://www.flickr.com/photos/alice/1' }), origin: files('https://www.flickr.com') });
    const url = 'https://www.flickr.com/photos/alice/1/a.png';
    const d = assessImage(p, image(url), candidate(url), settings);
    expect(d.evidence.filter((e) => e.kind === 'site-registry')).toHaveLength(1);
  });
});

describe('an image through imgproxy naming a blocked site’s file in base64', () => {
  it('is refused site-blocked', () => {
    expect(decideFor('https://imgproxy.example/sig/rs:fit:300/aHR0cHM6Ly9pLnBp/bmltZy5jb20vNzM2eC9hLmpwZw.jpg').reasons).toContain('site-blocked');
  });
});

// A Wayback Machine snapshot (web.archive.org/web/TIMESTAMP/URL) is URL's own site's page —
// model/shared-hosting.ts reads it so for licences — but the registry was asked about
// web.archive.org only: an archived Pinterest page showed no warning, and its images Wayback
// had not rewritten to carry their address (inline ones, say) were kept. The archived site's
// registry and block-list entries now speak for the page.
describe('a Wayback Machine snapshot of a blocked site', () => {
  const snapshot = (url: string, s = settings) =>
    assessPage({ page: pageSignals({ url, licence: { ...pageSignals().licence, pageUrl: url } }), headers: {}, origin: files('https://web.archive.org') }, s);
  it.each([
    'https://web.archive.org/web/20200101000000/https://www.pinterest.com/pin/1/',
    'https://web.archive.org/web/2020id_/http://i.pinimg.com/736x/a.jpg',
    'https://web.archive.org/web/2020/pinterest.com/pin/1/',
  ])('%s is blocked, as the site it archives', (url) => {
    const p = snapshot(url);
    expect(p.status).toBe('blocked');
    expect(p.reasons).toContain('site-blocked');
  });
  it('a snapshot of a site the user blocked is blocked; of an unlisted site, unchanged', () => {
    expect(snapshot('https://web.archive.org/web/2020/https://museum.example/', parseSettings({ userBlock: ['museum.example'] })).reasons).toContain('user-blocked');
    expect(snapshot('https://web.archive.org/web/2020/https://museum.example/').status).not.toBe('blocked');
  });
});

// Google Translate's proxy serves a site's pages and files from HOST-ENCODED.translate.goog: a
// translated Pinterest page was translate.goog's own (no registry entry), and its images, served
// through the proxy too, were kept. The copied site's entries and signal files now speak for them.
describe('a Google Translate proxy copy of a blocked site', () => {
  const translated = (url: string, s = settings) =>
    assessPage({ page: pageSignals({ url, licence: { ...pageSignals().licence, pageUrl: url } }), headers: {}, origin: files(new URL(url).origin) }, s);
  it('the page is blocked, as the site it copies', () => {
    const p = translated('https://www-pinterest-com.translate.goog/pin/1/?_x_tr_sl=auto&_x_tr_tl=en&_x_tr_hl=en');
    expect(p.status).toBe('blocked');
    expect(p.reasons).toContain('site-blocked');
    expect(translated('https://museum-example.translate.goog/?_x_tr_sl=de', parseSettings({ userBlock: ['museum.example'] })).reasons).toContain('user-blocked');
    expect(translated('https://museum-example.translate.goog/?_x_tr_sl=de').status).not.toBe('blocked');
  });
  it('an image served through the proxy is refused site-blocked, and its site’s robots.txt speaks for it', () => {
    expect(decideFor('https://i-pinimg-com.translate.goog/736x/a.jpg?_x_tr_sl=auto').reasons).toContain('site-blocked');
    const url = 'https://photos-owner-com.translate.goog/private/a.jpg?_x_tr_sl=auto&_x_tr_tl=en';
    const owner = files('https://photos.owner.com', { robots: { url: 'https://photos.owner.com/robots.txt', outcome: 'ok', body: 'User-agent: GPTBot\nDisallow: /private/' } });
    const d = assessImage(page(), image(url, { origins: [files(new URL(url).origin), owner] }), candidate(url), settings);
    expect(d.reasons).toContain('robots-disallow');
  });
});

describe('an image in a frame that is a Wayback Machine snapshot of a blocked site', () => {
  it('is refused site-blocked', () => {
    const url = 'https://museum.example/embed/a.png';
    const d = assessImage(page(), image(url), candidate(url, { frames: [{ url: 'https://web.archive.org/web/2020/https://www.pinterest.com/pin/1/', metas: [], tdm: {} }] }), settings);
    expect(d.reasons).toContain('site-blocked');
  });
});

// An image proxy serves another site's file under its own address (wsrv.nl's `?url=HOST/PATH`,
// Photon's `i0.wp.com/HOST/PATH`, a CDN's `fetch/https://…`). The file's owner says in its own
// robots.txt, ai.txt, tdmrep.json and RSL what may be done with it; read at the proxy's origin
// only, `Disallow: /private/` on the owner's site let its file through the proxy. Now the
// signal files of every site an image URL carries are read, and unread ones fail closed.
describe('an image through a proxy: the carried site’s own signal files', () => {
  const OWNER = 'https://photos.owner.com';
  const cc0 = { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'xmp' as const, attribution: null };
  const proxied = (url: string, owner: Partial<OriginFiles>, over: Partial<ImageInputs> = {}) =>
    assessImage(page(), image(url, { origins: [files(new URL(url).origin), files(OWNER, owner)], embedded: { evidence: [], licence: cc0 }, ...over }), candidate(url), settings);
  const robots = (body: string) => ({ robots: { url: `${OWNER}/robots.txt`, outcome: 'ok' as const, body } });

  it('the owner’s robots.txt refuses its file through wsrv.nl, a CDN fetch and Photon; its other files pass', () => {
    const disallow = robots('User-agent: GPTBot\nDisallow: /private/');
    for (const url of [
      'https://wsrv.nl/?url=photos.owner.com/private/a.jpg&w=300',
      'https://res.cloudinary.com/demo/image/fetch/https://photos.owner.com/private/a.jpg',
      'https://i0.wp.com/photos.owner.com/private/a.jpg?w=300',
    ]) {
      expect(proxied(url, disallow).reasons, url).toContain('robots-disallow');
    }
    expect(proxied('https://wsrv.nl/?url=photos.owner.com/public/a.jpg', disallow)).toMatchObject({ decision: 'permitted', licence: { id: 'CC0-1.0' } });
    // The refusal names the file it is about: the URL the user sees is the proxy's.
    const refusal = proxied('https://wsrv.nl/?url=photos.owner.com/private/a.jpg', disallow).evidence.find((e) => e.reason === 'robots-disallow');
    expect(refusal?.note).toMatch(/^The image is served through a proxy from https:\/\/photos\.owner\.com\/private\/a\.jpg: /);
  });
  it('the owner’s ai.txt and tdmrep.json refuse its file through a proxy', () => {
    const url = 'https://wsrv.nl/?url=photos.owner.com/private/a.jpg';
    expect(proxied(url, { aiTxt: { url: `${OWNER}/ai.txt`, outcome: 'ok', body: 'User-Agent: *\nDisallow: /private/' } }).reasons).toContain('ai-txt-disallow');
    expect(proxied(url, { tdmrep: { url: `${OWNER}/.well-known/tdmrep.json`, outcome: 'ok', body: '[{"location":"/private/*","tdm-reservation":1}]' } }).reasons).toContain('tdm-reserved');
  });
  it('an owner’s robots.txt that could not be fetched refuses as for the image’s own origin', () => {
    const url = 'https://wsrv.nl/?url=photos.owner.com/public/a.jpg';
    expect(proxied(url, { robots: { url: `${OWNER}/robots.txt`, outcome: 'unreachable', detail: 'HTTP 503' } }).reasons).toContain('robots-unreachable');
  });
  it('the carried site’s signal files not read at all: refused signal-unreadable', () => {
    const url = 'https://wsrv.nl/?url=photos.owner.com/public/a.jpg';
    const d = assessImage(page(), image(url, { origins: [files('https://wsrv.nl')], embedded: { evidence: [], licence: cc0 } }), candidate(url), settings);
    expect(d.reasons).toContain('signal-unreadable');
    expect(d.evidence.some((e) => e.reason === 'signal-unreadable' && e.source === `${OWNER}/public/a.jpg`)).toBe(true);
  });
  it('a host guessed from a path segment is looked up in the registry but its files are not asked for; Statically’s path form is read', () => {
    // `/videos/clip.mov/poster.jpg` names clip.mov only by chance (.mov is a TLD): no request there, no refusal for its silence.
    const own = 'https://museum.example/videos/clip.mov/poster.jpg';
    expect(carriedSiteOrigins([own])).toEqual([]);
    const d = assessImage(page(), image(own, { origins: [files('https://museum.example')] }), candidate(own), settings);
    // (The page's licence does not speak for it: licence scope keeps the wide reading, which only withholds a licence.)
    expect(d.reasons).toEqual(['no-licence']);
    const statically = 'https://cdn.statically.io/img/photos.owner.com/private/a.jpg';
    expect(carriedSiteOrigins([statically])).toEqual([OWNER]);
    expect(proxied(statically, robots('User-agent: GPTBot\nDisallow: /private/')).reasons).toContain('robots-disallow');
  });
  it('a URL carrying more sites than Heed reads: the sites past the cap refuse it, unread', () => {
    const sites = Array.from({ length: MAX_CARRIED_SITES + 1 }, (_, i) => `https://s${i}.example/a.jpg`);
    const url = `https://wsrv.nl/?${sites.map((s, i) => `u${i}=${encodeURIComponent(s)}`).join('&')}`;
    const fetched = carriedSiteOrigins([url]);
    expect(fetched).toHaveLength(MAX_CARRIED_SITES);
    const d = assessImage(page(), image(url, { origins: [files('https://wsrv.nl'), ...fetched.map((o) => files(o))], embedded: { evidence: [], licence: cc0 } }), candidate(url), settings);
    expect(d.reasons).toEqual(['signal-unreadable']);
    expect(d.evidence.filter((e) => e.reason === 'signal-unreadable').map((e) => e.source)).toEqual([sites[MAX_CARRIED_SITES]]);
  });
  it('the carried site’s RSL licence prohibiting AI training refuses its file', () => {
    const url = 'https://wsrv.nl/?url=photos.owner.com/private/a.jpg';
    const rsl = `<rsl xmlns="https://rslstandard.org/rsl"><content url="/private/*"><license><prohibits type="usage">ai-train</prohibits></license></content></rsl>`;
    expect(proxied(url, { rsl: [{ url: `${OWNER}/license.xml`, outcome: 'ok', body: rsl }] }).reasons).toContain('rsl-prohibits');
  });
});

// An image's own rights text (XMP UsageTerms, dc:rights, photoshop:Credit; IIM Copyright Notice
// and Credit) naming a Creative Commons licence by its URL: the owner's word about this image,
// read as a credit line's plain link is. Before, "Licensed under …/by-nc/4.0/" in the usage
// terms was info and the page's CC BY licensed the image (or the XMP's own CC BY did).
describe('a licence the image’s own rights text names', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const decideWith = async (description: string, p = page()) => {
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(xmpPacket(description))] })), purposeProfile('ai-training'));
    return decideFor('https://museum.example/a.png', { embedded: { evidence: ev.evidence, licence: ev.licence, ...(ev.licences ? { licences: ev.licences } : {}), ...(ev.named ? { named: ev.named } : {}) } }, {}, p);
  };
  const terms = (text: string) => `<xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">${text}</rdf:li></rdf:Alt></xmpRights:UsageTerms>`;

  it('usage terms naming CC BY-NC under a CC BY page: refused licence-not-accepted', async () => {
    expect(await decideWith(terms(`Licensed under ${NC}`))).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'] });
  });

  it('usage terms naming CC BY-NC beside a WebStatement CC BY: licence-conflict', async () => {
    expect((await decideWith(`${terms(`Licence: ${NC}`)}<xmpRights:WebStatement>${CC_BY}</xmpRights:WebStatement>`)).reasons).toEqual(['licence-conflict']);
  });

  it('usage terms naming an accepted licence grant nothing on their own, and change nothing beside the same licence', async () => {
    const noPageLicence = page({ page: pageSignals({ licence: { ...pageSignals().licence, licences: [] } }) });
    const none = await decideWith(terms(`Licensed under ${CC_BY}`), noPageLicence);
    expect(none.reasons).toEqual(['no-licence']);
    const same = await decideWith(`${terms(`Licensed under ${CC_BY}`)}<xmpRights:WebStatement>${CC_BY}</xmpRights:WebStatement>`);
    expect(same).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0', source: 'xmp' } });
  });
});

// An image whose XMP carries a Linked Encoded Rights Expression (IPTC Iptc4xmpExt:LinkedEncRightsExpr:
// the URL of an ODRL or RightsML policy) states its own rights in a document Heed does not read.
// Before, the link was not read at all: on a CC BY page the image was kept under the page's CC BY,
// and in opt-out mode it was kept though the policy it points to may prohibit the use.
describe('an image whose own metadata links to a rights expression', () => {
  const linked = (url: string, type = 'http://www.w3.org/ns/odrl/2/') => `<Iptc4xmpExt:LinkedEncRightsExpr><rdf:Bag><rdf:li rdf:parseType="Resource">
    <Iptc4xmpExt:LinkedRightsExpr>${url}</Iptc4xmpExt:LinkedRightsExpr><Iptc4xmpExt:RightsExprEncType>${type}</Iptc4xmpExt:RightsExprEncType>
  </rdf:li></rdf:Bag></Iptc4xmpExt:LinkedEncRightsExpr>`;
  const decideWith = async (description: string, s = settings) => {
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(xmpPacket(description))] })), purposeProfile(s.purpose));
    const url = 'https://museum.example/a.png';
    return assessImage(assessPage({ page: pageSignals(), headers: {}, origin: files('https://museum.example') }, s), image(url, { embedded: { evidence: ev.evidence, licence: ev.licence, ...(ev.licences ? { licences: ev.licences } : {}) } }), candidate(url), s);
  };

  it('a linked policy alone under a CC BY page is refused signal-unreadable, not kept under the page licence', async () => {
    const d = await decideWith(linked('https://museum.example/policies/a.json'));
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('signal-unreadable');
  });

  it('in opt-out mode a linked policy is refused signal-unreadable too', async () => {
    const d = await decideWith(linked('https://museum.example/policies/a.json'), parseSettings({ mode: 'opt-out' }));
    expect(d.reasons).toEqual(['signal-unreadable']);
  });

  it('a linked policy beside the image’s own CC BY WebStatement still refuses', async () => {
    const d = await decideWith(`${linked('https://rights.example/odrl/7')}<xmpRights:WebStatement>${CC_BY}</xmpRights:WebStatement>`);
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('signal-unreadable');
  });

  it('unchanged: the image’s own CC BY WebStatement with no linked policy is kept', async () => {
    expect(await decideWith(`<xmpRights:WebStatement>${CC_BY}</xmpRights:WebStatement>`)).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0', source: 'xmp' } });
  });
});

// A `tdm-policy` with no `tdm-reservation` (SIGNALS.md §4.1: the policy says how to obtain a TDM
// licence): before, the image's header or the page's meta giving only the policy was read as no
// TDMRep at all, and in opt-out mode the image was kept.
describe('a TDM policy given without a reservation', () => {
  const optOut = parseSettings({ mode: 'opt-out' });
  const A = 'https://museum.example/a.png';
  it('on the image response, in opt-out mode: refused signal-unreadable', () => {
    const d = assessImage(assessPage({ page: pageSignals(), headers: {}, origin: files('https://museum.example') }, optOut), image(A, { headers: { 'tdm-policy': 'https://museum.example/tdm-policy.json' } }), candidate(A), optOut);
    expect(d.reasons).toEqual(['signal-unreadable']);
  });
  it('in the page’s meta, in opt-out mode: the page’s own images are refused signal-unreadable', () => {
    const p = assessPage({ page: pageSignals({ tdm: { policy: 'https://museum.example/tdm-policy.json' } }), headers: {}, origin: files('https://museum.example') }, optOut);
    expect(assessImage(p, image(A), candidate(A), optOut).reasons).toEqual(['signal-unreadable']);
  });
});

// An image whose XMP names only where its licence is obtained (plus:Licensor's LicensorURL, which
// Google reads as schema.org acquireLicensePage) and states no licence. Before, the URL was info
// and the page's CC BY licensed the image, while an ImageObject naming only an acquireLicensePage
// was already the image's own statement (html-licence/findings.ts).
describe('an image whose own metadata points only at where to obtain a licence', () => {
  const licensor = '<plus:Licensor><rdf:Seq><rdf:li rdf:parseType="Resource"><plus:LicensorName>Acme Images</plus:LicensorName><plus:LicensorURL>https://acme.example/buy/123</plus:LicensorURL></rdf:li></rdf:Seq></plus:Licensor>';
  const decideWith = async (description: string) => {
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(xmpPacket(description))] })), purposeProfile('ai-training'));
    return decideFor('https://museum.example/a.png', { embedded: { evidence: ev.evidence, licence: ev.licence, ...(ev.licences ? { licences: ev.licences } : {}) } });
  };

  it('a LicensorURL alone under a CC BY page is refused licence-not-accepted', async () => {
    expect(await decideWith(licensor)).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: { url: 'https://acme.example/buy/123', source: 'xmp' } });
  });

  it('unchanged: beside the image’s own CC BY WebStatement it is where to obtain other terms, and the image is kept', async () => {
    expect(await decideWith(`${licensor}<xmpRights:WebStatement>${CC_BY}</xmpRights:WebStatement>`)).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0', source: 'xmp' } });
  });
});

// An image whose own metadata holds a rights expression (IPTC Iptc4xmpExt:EmbdEncRightsExpr: an
// ODRL policy) that states permissions only — `display`, say, and nothing about mining. Heed does
// not evaluate rights expressions; under ODRL what a policy does not permit is not granted, and
// the expression is the image's own licence statement, the most specific there is. Before, it
// granted nothing and refused nothing, and the page's CC BY licensed the image.
describe('an image whose own metadata states its rights in a rights expression granting only some uses', () => {
  const odrl = (policy: string) => `<Iptc4xmpExt:EmbdEncRightsExpr><rdf:Bag><rdf:li rdf:parseType="Resource"><Iptc4xmpExt:EncRightsExpr>${policy}</Iptc4xmpExt:EncRightsExpr><Iptc4xmpExt:RightsExprEncType>application/odrl+json</Iptc4xmpExt:RightsExprEncType></rdf:li></rdf:Bag></Iptc4xmpExt:EmbdEncRightsExpr>`;
  const displayOnly = odrl('{"@context":"http://www.w3.org/ns/odrl.jsonld","@type":"Set","permission":[{"action":"display"}]}');
  const decideWith = async (description: string) => {
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(xmpPacket(description))] })), purposeProfile('ai-training'));
    return decideFor('https://museum.example/a.png', { embedded: { evidence: ev.evidence, licence: ev.licence, ...(ev.licences ? { licences: ev.licences } : {}) } });
  };

  it('under a CC BY page it is refused licence-not-accepted', async () => {
    expect(await decideWith(displayOnly)).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: { id: null, source: 'xmp' } });
  });

  it('unchanged: beside the image’s own CC BY WebStatement the image is kept under that licence', async () => {
    expect(await decideWith(`${displayOnly}<xmpRights:WebStatement>${CC_BY}</xmpRights:WebStatement>`)).toMatchObject({ decision: 'permitted', licence: { id: 'CC-BY-4.0', source: 'xmp' } });
  });
});

// An image that points at a C2PA manifest store kept elsewhere (its response's `Link: <…>;
// rel="c2pa-manifest"`, or XMP dcterms:provenance: C2PA's external manifest), which Heed does not
// fetch: a cawg.training-mining notAllowed there was never read. Before, the pointer was ignored
// and opt-out mode kept the image.
describe('an image whose C2PA manifest is kept elsewhere', () => {
  const optOut = parseSettings({ mode: 'opt-out' });
  const A = 'https://museum.example/a.png';
  const decideWith = (over: Partial<ImageInputs>) => assessImage(assessPage({ page: pageSignals(), headers: {}, origin: files('https://museum.example') }, optOut), image(A, over), candidate(A), optOut);

  it('a Link header naming a c2pa-manifest: refused signal-unreadable in opt-out mode', () => {
    expect(decideWith({ headers: { link: '<https://museum.example/manifests/a.c2pa>; rel="c2pa-manifest"' } }).reasons).toEqual(['signal-unreadable']);
  });

  it('XMP dcterms:provenance naming a manifest: refused signal-unreadable in opt-out mode', async () => {
    const packet = xmpPacket('<dcterms:provenance>https://cai-manifests.example/manifests/urn:uuid:1234</dcterms:provenance>', '', `xmlns:dcterms="http://purl.org/dc/terms/"`);
    const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(packet)] })), purposeProfile('ai-training'));
    expect(decideWith({ embedded: { evidence: ev.evidence, licence: ev.licence } }).reasons).toEqual(['signal-unreadable']);
  });

  it('unchanged: dcterms:provenance naming the embedded store (self#jumbf=), or written as prose, refuses nothing', async () => {
    for (const value of ['self#jumbf=/c2pa/adobe:urn:uuid:1234/c2pa.assertions', 'Gift of the artist, 1950']) {
      const packet = xmpPacket(`<dcterms:provenance>${value}</dcterms:provenance>`, '', `xmlns:dcterms="http://purl.org/dc/terms/"`);
      const ev = evaluateEmbeddedRights(await readEmbeddedRights(jpeg({ segments: [xmpApp1(packet)] })), purposeProfile('ai-training'));
      expect(decideWith({ embedded: { evidence: ev.evidence, licence: ev.licence } }).decision).toBe('permitted');
    }
  });

  it('unchanged: other Link relations on the image refuse nothing', () => {
    expect(decideWith({ headers: { link: '<https://museum.example/a.webp>; rel="alternate"' } }).decision).toBe('permitted');
  });
});
