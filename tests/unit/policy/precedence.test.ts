import { describe, expect, it } from 'vitest';
import { originFiles } from './fixtures/origin-files';
import { assessImage, assessPage, type ImageInputs, type PageInputs } from '../../../utils/policy/assess';
import type { Evidence, Licence } from '../../../utils/model/evidence';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import type { PageSignals } from '../../../utils/page/page-signals';
import { parseSettings, type Settings } from '../../../utils/model/settings';
import type { ImageCandidate } from '../../../utils/policy/verdict';
import { chosenImage } from '../../../utils/policy/image-to-judge';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateEmbeddedRights } from '../../../utils/signals/xmp';
import { EMPTY_RIGHTS } from './fixtures/empty-rights';
import { tdmMetaFrom } from '../../../utils/signals/tdmrep';

const settings = parseSettings({});
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const CC_BY_NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const PAGE = 'https://museum.example/gallery';
const IMG = 'https://museum.example/photos/a.png';

const files = originFiles;
const robots = (origin: string, body: string) => ({ robots: { url: `${origin}/robots.txt`, outcome: 'ok' as const, body } });

const pageSignals = (over: Partial<PageSignals> = {}): PageSignals => ({
  url: PAGE,
  title: 'Gallery',
  metas: [],
  tdm: {},
  licence: { pageUrl: PAGE, licences: [{ via: 'rel', url: CC_BY }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
  rsl: [],
  ...over,
});

const page = (over: Partial<PageInputs> = {}, s: Settings = settings) =>
  assessPage({ page: pageSignals(), headers: {}, origin: files('https://museum.example'), ...over }, s);

const candidate = (url: string, over: Partial<ImageCandidate> = {}): ImageCandidate => ({
  url, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [], ...over,
});

const image = (url: string, over: Partial<ImageInputs> = {}): ImageInputs => ({
  url,
  finalUrl: url,
  headers: {},
  redirects: over.finalUrl !== undefined && over.finalUrl !== url ? [{ url, location: over.finalUrl, headers: {} }] : [],
  origins: [files(new URL(url).origin)],
  embedded: { evidence: [], licence: null },
  ...over,
});

const decideFor = (url: string, over: Partial<ImageInputs> = {}, cand: Partial<ImageCandidate> = {}, p = page(), s: Settings = settings) =>
  assessImage(p, image(url, over), candidate(url, cand), s);

const xmpLicence = (url: string, id: string): Licence => ({ id, url, source: 'xmp', attribution: null });

describe('site status: two different page licences are no accepted page licence', () => {
  const withLicences = (...urls: string[]) => page({ page: pageSignals({ licence: { ...pageSignals().licence, licences: urls.map((url) => ({ via: 'rel' as const, url })) } }) });
  it('CC BY beside CC BY-NC: the site is not shown permitted while its images are refused licence-conflict', () => {
    const p = withLicences(CC_BY, CC_BY_NC);
    expect(decideFor(IMG, {}, {}, p).reasons).toEqual(['licence-conflict']);
    expect(p).toMatchObject({ status: 'unknown', reasons: [] });
  });
  it('CC BY beside CC0 (both accepted, still two licences): unknown, as each image is licence-conflict', () => {
    const p = withLicences(CC_BY, CC0);
    expect(decideFor(IMG, {}, {}, p).reasons).toEqual(['licence-conflict']);
    expect(p.status).toBe('unknown');
  });
  it('one licence written twice, or in its http and https forms, is one licence: permitted', () => {
    expect(withLicences(CC_BY, CC_BY).status).toBe('permitted');
    expect(withLicences(CC_BY, CC_BY.replace('https:', 'http:')).status).toBe('permitted');
    expect(decideFor(IMG, {}, {}, withLicences(CC_BY, CC_BY.replace('https:', 'http:'))).decision).toBe('permitted');
  });
});

describe('a frame’s TDM reservation covers an image any URL of which is on the frame’s site', () => {
  const url = 'https://museum.example/embed/a.png';
  const frame = (tdm: PageSignals['tdm']) => ({ url: 'https://museum.example/embed/gallery.html', metas: [], tdm });
  const cc0 = { evidence: [], licence: xmpLicence(CC0, 'CC0-1.0') };
  const through = (from: string, to: string, tdm: PageSignals['tdm']) =>
    assessImage(page(), image(from, { finalUrl: to, origins: [...new Set([from, to, frame(tdm).url].map((u) => new URL(u).origin))].map((o) => files(o)), embedded: cc0 }), candidate(from, { frames: [frame(tdm)] }), settings);
  it('the frame’s own /embed/a.png redirecting to a CDN on another site is still reserved', () => {
    expect(through(url, 'https://cdn.other.example/a.png', { reservation: '1' }).reasons).toEqual(['tdm-reserved']);
  });
  it('a CDN address redirecting to the frame’s site is reserved too: the bytes are its site’s', () => {
    expect(through('https://cdn.other.example/a.png', url, { reservation: '1' }).reasons).toEqual(['tdm-reserved']);
  });
  it('unchanged: no URL on the frame’s site is not reserved by it; a frame reserving nothing changes nothing', () => {
    expect(through('https://cdn.other.example/a.png', 'https://cdn2.other.example/a.png', { reservation: '1' }).decision).toBe('permitted');
    expect(through(url, 'https://cdn.other.example/a.png', { reservation: '0' }).decision).toBe('permitted');
  });
});

describe('RSL licences the page’s site declares reach every URL its images came through', () => {
  const prohibits = (url: string) => `<rsl xmlns="https://rslstandard.org/rsl"><content url="${url}"><license><prohibits type="usage">ai-train</prohibits></license></content></rsl>`;
  const siteLicence = (url: string) => files('https://museum.example', { rsl: [{ url: 'https://museum.example/license.xml', outcome: 'ok', body: prohibits(url) }] });
  const cc0 = { evidence: [], licence: xmpLicence(CC0, 'CC0-1.0') };
  it('the page origin’s robots.txt License naming its image host’s photos: the site is restricted and that image refused', () => {
    const p = page({ origin: siteLicence('https://img.museum.example/photos/*') });
    expect(p.status).toBe('restricted');
    expect(decideFor('https://img.museum.example/photos/a.png', { embedded: cc0 }, {}, p).reasons).toEqual(['rsl-prohibits']);
  });
  it('a path pattern in it reaches the images of the page’s own site on its other hosts', () => {
    const p = page({ origin: siteLicence('/photos/*') });
    expect(decideFor('https://img.museum.example/photos/a.png', { embedded: cc0 }, {}, p).reasons).toEqual(['rsl-prohibits']);
  });
  it('a page’s inline licence refusing /photos/ refuses its /photos/a.png that redirects to a CDN', () => {
    const p = page({ page: pageSignals({ rsl: [prohibits('/photos/*')] }) });
    const d = decideFor(IMG, { finalUrl: 'https://cdn.other.example/a.png', origins: [files('https://museum.example'), files('https://cdn.other.example')], embedded: cc0 }, {}, p);
    expect(d.reasons).toEqual(['rsl-prohibits']);
  });
  it('unchanged: another site’s image is not reached by the page site’s path patterns; images elsewhere on the site are free', () => {
    const p = page({ origin: siteLicence('/photos/*') });
    expect(decideFor('https://cdn.other.example/photos/a.png', { embedded: cc0 }, {}, p).decision).toBe('permitted');
    expect(decideFor('https://img.museum.example/other/a.png', { embedded: cc0 }, {}, p).decision).toBe('permitted');
  });
});

// A re-host launders an image through an image proxy (Next.js's optimiser on its own host, wsrv.nl,
// Photon): the bytes are the carried site's file, so that site's opt-outs for it still bind.
describe('an image served through a proxy answers to the opt-outs of the site it carries', () => {
  const VICTIM = 'https://photos.victim-example.com';
  const proxied = `https://museum.example/_next/image?url=${encodeURIComponent(`${VICTIM}/a.jpg`)}&w=800`;
  const cc0 = { evidence: [], licence: xmpLicence(CC0, 'CC0-1.0') };
  const optOut = parseSettings({ mode: 'opt-out' });
  const via = (url: string, victim: Partial<OriginFiles> | null, s: Settings = settings) =>
    decideFor(url, { origins: [files(new URL(url).origin), ...(victim ? [files(VICTIM, victim)] : [])], embedded: cc0 }, {}, page({}, s), s);
  it.each<[string, Partial<OriginFiles>, string]>([
    ['robots.txt disallowing GPTBot', robots(VICTIM, 'User-agent: GPTBot\nDisallow: /'), 'robots-disallow'],
    ['tdmrep.json reserving the file', { tdmrep: { url: `${VICTIM}/.well-known/tdmrep.json`, outcome: 'ok', body: '[{"location":"/a.jpg","tdm-reservation":1}]' } }, 'tdm-reserved'],
    ['ai.txt disallowing *.jpg', { aiTxt: { url: `${VICTIM}/ai.txt`, outcome: 'ok', body: 'User-Agent: *\nDisallow: *.jpg' } }, 'ai-txt-disallow'],
    ['robots.txt Content-Usage train-ai=n', robots(VICTIM, 'User-agent: *\nContent-Usage: train-ai=n'), 'content-usage-n'],
    [
      'RSL licence prohibiting ai-train',
      { rsl: [{ url: `${VICTIM}/license.xml`, outcome: 'ok', body: '<rsl xmlns="https://rslstandard.org/rsl"><content url="/a.jpg"><license><prohibits type="usage">ai-train</prohibits></license></content></rsl>' }] },
      'rsl-prohibits',
    ],
  ])('the carried site’s %s refuses the copy the proxy serves, in both modes', (_name, victim, reason) => {
    expect(via(proxied, victim).reasons).toEqual([reason]);
    expect(via(proxied, victim, optOut).reasons).toEqual([reason]);
    expect(via(`https://wsrv.nl/?url=${VICTIM.slice('https://'.length)}/a.jpg`, victim).reasons).toEqual([reason]);
  });
  it('the carried site’s signal files not read: refused, signal-unreadable (fail closed)', () => {
    expect(via(proxied, null).reasons).toEqual(['signal-unreadable']);
  });
  it('unchanged: a carried site with no opt-out leaves the image to its own licence; the page’s own files through its own optimiser need nothing more', () => {
    expect(via(proxied, {})).toMatchObject({ decision: 'permitted', licence: { source: 'xmp' } });
    const own = `https://museum.example/_next/image?url=${encodeURIComponent('/photos/a.png')}&w=800`;
    expect(decideFor(own).decision).toBe('permitted');
  });
});

// "Collect this image" (the context menu) judges the scan's record of the image; an image the scan
// did not report — shown in a frame that did not answer — has no record of its frame's opt-outs.
describe('“Collect this image” on an image the scan did not report', () => {
  const url = 'https://museum.example/embed/a.png';
  const judged = (c: ImageCandidate) => assessImage(page(), image(url, { embedded: { evidence: [], licence: xmpLicence(CC0, 'CC0-1.0') } }), c, settings);
  const reported = candidate(url, { frames: [{ url: 'https://museum.example/embed/gallery.html', metas: [{ name: 'robots', content: 'noimageai' }], tdm: {} }] });
  it('chosen in a frame: that frame’s signals were not read, so it fails closed (signal-unreadable)', () => {
    const chosen = chosenImage([], url, { frameId: 7, frameUrl: 'https://museum.example/embed/gallery.html' });
    expect(judged(chosen).reasons).toEqual(['signal-unreadable']);
  });
  it('chosen where the menu did not say which frame: fails closed too', () => {
    expect(judged(chosenImage([], url)).reasons).toEqual(['signal-unreadable']);
  });
  it('unchanged: the scan’s record is judged with its frame’s opt-outs; chosen in the top document, a bare record is the page’s image', () => {
    expect(judged(chosenImage([reported], url, { frameId: 7, signals: reported.frames })).reasons).toEqual(['meta-robots']);
    // Chosen in a frame whose scan answer Heed does not have: that frame was not read, whatever else the scan reported.
    expect(judged(chosenImage([reported], url, { frameId: 7 })).reasons).toEqual(['signal-unreadable', 'meta-robots']);
    expect(judged(chosenImage([], url, { frameId: 0 })).decision).toBe('permitted');
  });
});

describe('an image shown in a frame answers to the frame site’s robots.txt for the frame’s address', () => {
  const url = 'https://cdn.museum.example/a.png';
  const FRAME = 'https://embed.victim-example.com/gallery/1';
  const cc0 = { evidence: [], licence: xmpLicence(CC0, 'CC0-1.0') };
  const inFrame = (frameFiles: OriginFiles | null, s: Settings = settings) =>
    assessImage(page({}, s), image(url, { origins: [files('https://cdn.museum.example'), ...(frameFiles ? [frameFiles] : [])], embedded: cc0 }), candidate(url, { frames: [{ url: FRAME, metas: [], tdm: {} }] }), s);
  const victim = (body: string) => files('https://embed.victim-example.com', robots('https://embed.victim-example.com', body));
  it('its robots.txt disallowing GPTBot for /gallery/ refuses the image (robots-disallow), in both modes', () => {
    expect(inFrame(victim('User-agent: GPTBot\nDisallow: /gallery/')).reasons).toEqual(['robots-disallow']);
    expect(inFrame(victim('User-agent: GPTBot\nDisallow: /gallery/'), parseSettings({ mode: 'opt-out' })).reasons).toEqual(['robots-disallow']);
  });
  it('its robots.txt Content-Usage train-ai=n for the frame’s path refuses it (content-usage-n)', () => {
    expect(inFrame(victim('User-agent: *\nContent-Usage: /gallery/ train-ai=n')).reasons).toEqual(['content-usage-n']);
  });
  it('its robots.txt not read fails closed (signal-unreadable); unreachable refuses (robots-unreachable)', () => {
    expect(inFrame(null).reasons).toEqual(['signal-unreadable']);
    expect(inFrame(files('https://embed.victim-example.com', { robots: { url: 'https://embed.victim-example.com/robots.txt', outcome: 'unreachable', detail: 'HTTP 503' } })).reasons).toEqual(['robots-unreachable']);
  });
  // A frame at `blob:https://embed.victim-example.com/UUID` is a document the site's scripts made:
  // its robots.txt was not read for it at all (the address is not http(s)), and the images in it
  // were kept past the site's GPTBot Disallow.
  it('a blob: frame is its inner site’s page: that site’s robots.txt refuses the image, and not read fails closed', () => {
    const BLOB = 'blob:https://embed.victim-example.com/5d1f3c2a-8e0b-4f5e-9a7c-1b2d3e4f5a6b';
    const inBlob = (frameFiles: OriginFiles | null) =>
      assessImage(page(), image(url, { origins: [files('https://cdn.museum.example'), ...(frameFiles ? [frameFiles] : [])], embedded: cc0 }), candidate(url, { frames: [{ url: BLOB, metas: [], tdm: {} }] }), settings);
    expect(inBlob(victim('User-agent: GPTBot\nDisallow: /')).reasons).toEqual(['robots-disallow']);
    expect(inBlob(null).reasons).toEqual(['signal-unreadable']);
    expect(inBlob(victim('User-agent: GPTBot\nDisallow: /private/')).decision).toBe('permitted');
  });
  // An `<iframe srcdoc>` the site's frame wrote has no address of its own: it is its owner's page
  // (page/frame-owner.ts), whose registry entry already bound it, but not its robots.txt.
  it('a frame with no address of its own answers to its owner’s robots.txt for the owner’s address', () => {
    const inSrcdoc = (frameFiles: OriginFiles | null) =>
      assessImage(page(), image(url, { origins: [files('https://cdn.museum.example'), ...(frameFiles ? [frameFiles] : [])], embedded: cc0 }), candidate(url, { frames: [{ url: 'about:srcdoc', metas: [], tdm: {}, owners: [FRAME] }] }), settings);
    expect(inSrcdoc(victim('User-agent: GPTBot\nDisallow: /gallery/')).reasons).toEqual(['robots-disallow']);
    expect(inSrcdoc(null).reasons).toEqual(['signal-unreadable']);
    expect(inSrcdoc(victim('User-agent: GPTBot\nDisallow: /private/')).decision).toBe('permitted');
  });
  // A frame of an unlisted CDN inside the site's frame: the site's frame shows the image too, but
  // only its registry entry bound it (site-registry.ts frameSiteEvidence), not its robots.txt.
  it('a frame inside the site’s frame answers to the site’s robots.txt for the origin the browser names', () => {
    const nested = (frameFiles: OriginFiles | null) =>
      assessImage(page(), image(url, { origins: [files('https://cdn.museum.example'), files('https://widgets-example.net'), ...(frameFiles ? [frameFiles] : [])], embedded: cc0 }), candidate(url, { frames: [{ url: 'https://widgets-example.net/f', metas: [], tdm: {}, ancestors: ['https://embed.victim-example.com'] }] }), settings);
    expect(nested(victim('User-agent: GPTBot\nDisallow: /')).reasons).toEqual(['robots-disallow']);
    expect(nested(null).reasons).toEqual(['signal-unreadable']);
    expect(nested(victim('User-agent: GPTBot\nDisallow: /gallery/')).decision).toBe('permitted');
  });
  it('unchanged: a frame site allowing the purpose, or disallowing other paths only, changes nothing', () => {
    expect(inFrame(victim('User-agent: GPTBot\nDisallow: /private/')).decision).toBe('permitted');
    expect(inFrame(files('https://embed.victim-example.com')).decision).toBe('permitted');
  });
});

// A page shows the owner's rendition and links its full-size copy on a mirror: the scanner judges
// the linked copy, with the rendition shown as its thumbnailUrl (the same image, verdict.ts).
describe('an image whose rendition shown on the page is on a site that opts out', () => {
  const FULL = 'https://mirror-example.com/full/a.jpg';
  const SHOWN = 'https://photos.victim-example.com/a-800.jpg';
  const cc0 = { evidence: [], licence: xmpLicence(CC0, 'CC0-1.0') };
  const judged = (victim: Partial<OriginFiles> | null, s: Settings = settings) =>
    assessImage(page({}, s), image(FULL, { origins: [files('https://mirror-example.com'), ...(victim ? [files('https://photos.victim-example.com', victim)] : [])], embedded: cc0 }), candidate(FULL, { thumbnailUrl: SHOWN, discovery: ['link', 'img'] }), s);
  it.each<[string, Partial<OriginFiles>, string]>([
    ['robots.txt disallowing GPTBot', robots('https://photos.victim-example.com', 'User-agent: GPTBot\nDisallow: /'), 'robots-disallow'],
    ['tdmrep.json reserving it', { tdmrep: { url: 'https://photos.victim-example.com/.well-known/tdmrep.json', outcome: 'ok', body: '[{"location":"/","tdm-reservation":1}]' } }, 'tdm-reserved'],
    ['ai.txt disallowing *.jpg', { aiTxt: { url: 'https://photos.victim-example.com/ai.txt', outcome: 'ok', body: 'User-Agent: *\nDisallow: *.jpg' } }, 'ai-txt-disallow'],
  ])('the shown rendition’s site’s %s refuses the linked copy, in both modes', (_name, victim, reason) => {
    expect(judged(victim).reasons).toEqual([reason]);
    expect(judged(victim, parseSettings({ mode: 'opt-out' })).reasons).toEqual([reason]);
  });
  it('its signal files not read: refused, signal-unreadable (fail closed)', () => {
    expect(judged(null).reasons).toEqual(['signal-unreadable']);
  });
  it('unchanged: a shown rendition on a site with no opt-out leaves the copy to its own signals', () => {
    expect(judged({}).decision).toBe('permitted');
  });
});

// Combinations that were already read as the strictest; kept so a change that lets a permission
// at one scope lift a refusal at another fails here (DESIGN.md §2: permitted only if every rule holds).
describe('a permission at one scope never lifts a refusal at another (already so)', () => {
  const cc0 = { evidence: [], licence: xmpLicence(CC0, 'CC0-1.0') };
  const withRobots = (body: string) => files('https://museum.example', robots('https://museum.example', body));
  it('the image’s own XMP CC0 does not lift the page’s X-Robots-Tag: noai; the page’s CC BY does not lift the image’s', () => {
    const p = page({ headers: { 'x-robots-tag': 'noai' } });
    expect(p.status).toBe('blocked');
    expect(decideFor(IMG, { embedded: cc0 }, {}, p).reasons).toEqual(['x-robots-tag']);
    expect(decideFor(IMG, { headers: { 'x-robots-tag': 'noai' } }).reasons).toEqual(['x-robots-tag']);
  });
  it.each([
    ['a GPTBot group allowing all does not lift `*` Disallow for heed', 'User-agent: GPTBot\nAllow: /\n\nUser-agent: *\nDisallow: /', 'robots-disallow'],
    ['a heed group allowing all does not lift `*` Disallow for the AI tokens', 'User-agent: heed\nAllow: /\n\nUser-agent: *\nDisallow: /', 'robots-disallow'],
    ['GPTBot groups split across the file are merged', 'User-agent: GPTBot\nAllow: /photos/b\n\nUser-agent: *\nAllow: /\n\nUser-agent: GPTBot\nDisallow: /photos/', 'robots-disallow'],
    ['`*` groups split across the file are merged', 'User-agent: *\nAllow: /\n\nUser-agent: *\nDisallow: /photos/', 'robots-disallow'],
    ['Content-Usage train-ai=y in a GPTBot group does not lift `*`’s train-ai=n', 'User-agent: *\nContent-Usage: train-ai=n\n\nUser-agent: GPTBot\nContent-Usage: train-ai=y', 'content-usage-n'],
    ['a narrower Content-Usage n beats a wider y', 'User-agent: *\nContent-Usage: train-ai=y\nContent-Usage: /photos/ train-ai=n', 'content-usage-n'],
    ['two Content-Usage rules for the identical path: n wins', 'User-agent: *\nContent-Usage: /photos/ train-ai=y\nContent-Usage: /photos/ train-ai=n', 'content-usage-n'],
    ['Content-Signal yes in `*` does not lift no in heed', 'User-agent: *\nContent-Signal: ai-train=yes\n\nUser-agent: heed\nContent-Signal: ai-train=no', 'content-usage-n'],
    ['two Content-Signal lines: no wins', 'User-agent: *\nContent-Signal: ai-train=no\nContent-Signal: ai-train=yes', 'content-usage-n'],
  ])('robots.txt: %s', (_name, body, reason) => {
    const origin = withRobots(body);
    expect(decideFor(IMG, { origins: [origin], embedded: cc0 }, {}, page({ origin })).reasons).toContain(reason);
  });
  it('ai.txt Allow does not lift a robots.txt Disallow; an ai.txt heed group allowing all does not lift its `*` Disallow', () => {
    const both = files('https://museum.example', { ...robots('https://museum.example', 'User-agent: GPTBot\nDisallow: /photos/'), aiTxt: { url: 'https://museum.example/ai.txt', outcome: 'ok', body: 'User-Agent: *\nAllow: /' } });
    expect(decideFor(IMG, { origins: [both] }).reasons).toEqual(['robots-disallow']);
    const ai = files('https://museum.example', { aiTxt: { url: 'https://museum.example/ai.txt', outcome: 'ok', body: 'User-Agent: heed\nAllow: /\n\nUser-Agent: *\nDisallow: *.png' } });
    expect(decideFor(IMG, { origins: [ai] }).reasons).toEqual(['ai-txt-disallow']);
  });
  it('tdmrep.json `0` does not lift the image response’s tdm-reservation: 1', () => {
    const origin = files('https://museum.example', { tdmrep: { url: 'https://museum.example/.well-known/tdmrep.json', outcome: 'ok', body: '[{"location":"/","tdm-reservation":0}]' } });
    expect(decideFor(IMG, { origins: [origin], headers: { 'tdm-reservation': '1' } }).reasons).toEqual(['tdm-reserved']);
  });
  it('Content-Usage y in robots.txt does not lift the image header’s n, nor the header’s y robots.txt’s n', () => {
    const y = withRobots('User-agent: *\nContent-Usage: train-ai=y');
    expect(decideFor(IMG, { origins: [y], headers: { 'content-usage': 'train-ai=n' } }).reasons).toEqual(['content-usage-n']);
    const n = withRobots('User-agent: *\nContent-Usage: /photos/ train-ai=n');
    expect(decideFor(IMG, { origins: [n], headers: { 'content-usage': 'train-ai=y' } }).reasons).toEqual(['content-usage-n']);
  });
  it('an RSL licence permitting every use for free does not lift a robots.txt Disallow', () => {
    const rsl = '<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><permits type="usage">all</permits><payment type="free"/></license></content></rsl>';
    const origin = files('https://museum.example', { ...robots('https://museum.example', 'User-agent: GPTBot\nDisallow: /photos/'), rsl: [{ url: 'https://museum.example/license.xml', outcome: 'ok', body: rsl }] });
    expect(decideFor(IMG, { origins: [origin] }).reasons).toEqual(['robots-disallow']);
  });
  it('a C2PA “allowed” does not lift the XMP’s DMI-PROHIBITED-AIMLTRAINING', () => {
    const xmp = evaluateEmbeddedRights({ ...EMPTY_RIGHTS, xmp: true, dataMining: ['http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING'] }, purposeProfile('ai-training'));
    const c2pa: Evidence = { kind: 'c2pa', scope: 'image', source: 'c2pa', value: 'cawg.ai_training=allowed', effect: 'allow' };
    expect(decideFor(IMG, { embedded: { evidence: [c2pa, ...xmp.evidence], licence: cc0.licence } }).reasons).toEqual(['xmp-data-mining']);
  });
  it('licences: the image’s XMP CC BY-NC beats the page’s CC BY; two ImageObjects, or a figure and an ImageObject, that differ conflict', () => {
    expect(decideFor(IMG, { embedded: { evidence: [], licence: xmpLicence(CC_BY_NC, 'CC-BY-NC-4.0') } }).reasons).toEqual(['licence-not-accepted']);
    const obj = (license: string) => ({ contentUrl: IMG, license: [license], acquireLicensePage: null, creditText: null, creator: null, copyrightNotice: null, name: null });
    const two = page({ page: pageSignals({ licence: { ...pageSignals().licence, imageObjects: [obj(CC_BY), obj(CC_BY_NC)] } }) });
    expect(decideFor(IMG, {}, {}, two).reasons).toEqual(['licence-conflict']);
    const one = page({ page: pageSignals({ licence: { ...pageSignals().licence, imageObjects: [obj(CC_BY_NC)] } }) });
    expect(decideFor(IMG, {}, { elementLicences: [{ via: 'figure', licences: [CC_BY], creator: null, title: null, creditText: null }] }, one).reasons).toEqual(['licence-conflict']);
  });
  it('a robots meta `all`, or one addressed to heed, does not lift a general or GPTBot noai', () => {
    expect(page({ page: pageSignals({ metas: [{ name: 'robots', content: 'all' }, { name: 'GPTBot', content: 'noai' }] }) }).status).toBe('blocked');
    expect(page({ page: pageSignals({ metas: [{ name: 'robots', content: 'noai' }, { name: 'heed', content: 'all' }] }) }).status).toBe('blocked');
  });
  it('X-Robots-Tag lines `all` or `heed: all` beside `noai`, in either order, refuse', () => {
    for (const lines of [['all', 'noai'], ['heed: all', 'noai'], ['noai', 'heed: all']]) expect(decideFor(IMG, { headers: { 'x-robots-tag': lines } }).reasons).toEqual(['x-robots-tag']);
  });
  it('two tdm-reservation metas, 0 and 1 in either order: the page is not open', () => {
    for (const values of [['0', '1'], ['1', '0']]) {
      const tdm = tdmMetaFrom(values.map((content) => ({ name: 'tdm-reservation', content })));
      expect(page({ page: pageSignals({ tdm }) }).status).toBe('blocked');
    }
  });
  it('the user’s allow list lifts no signal, and their block list wins over it', () => {
    expect(page({ headers: { 'x-robots-tag': 'noai' } }, parseSettings({ userAllow: ['museum.example'] })).status).toBe('blocked');
    expect(page({}, parseSettings({ userAllow: ['museum.example'], userBlock: ['museum.example'] })).reasons).toEqual(['user-blocked']);
  });
  it('research-tdm still honours tdm-reservation; an opt-out for some paths only shows the site restricted', () => {
    const s = parseSettings({ purpose: 'research-tdm' });
    expect(decideFor(IMG, { headers: { 'tdm-reservation': '1' } }, {}, page({}, s), s).reasons).toEqual(['tdm-reserved']);
    expect(page({ origin: withRobots('User-agent: GPTBot, CCBot\nDisallow: /photos/') }).status).toBe('restricted');
    expect(page({ origin: withRobots('User-agent: heed\nContent-Usage: /photos/ train-ai=n') }).status).toBe('restricted');
    expect(page({ origin: files('https://museum.example', { tdmrep: { url: 'https://museum.example/.well-known/tdmrep.json', outcome: 'ok', body: '[{"location":"/photos/","tdm-reservation":1},{"location":"/","tdm-reservation":0}]' } }) }).status).toBe('restricted');
  });
});

describe('the page site’s ai.txt speaks for the site’s images on its other hosts', () => {
  const aiTxt = (body: string) => files('https://museum.example', { aiTxt: { url: 'https://museum.example/ai.txt', outcome: 'ok', body } });
  const cc0 = { evidence: [], licence: xmpLicence(CC0, 'CC0-1.0') };
  it('ai.txt on the page’s host disallowing *.png: the site is restricted and its PNG on img.museum.example refused', () => {
    const p = page({ origin: aiTxt('User-Agent: *\nDisallow: *.png') });
    expect(p.status).toBe('restricted');
    expect(decideFor('https://img.museum.example/a.png', { embedded: cc0 }, {}, p).reasons).toEqual(['ai-txt-disallow']);
  });
  it('unchanged: another site’s image is not the page site’s to opt out; a JPEG there is not covered', () => {
    const p = page({ origin: aiTxt('User-Agent: *\nDisallow: *.png') });
    expect(decideFor('https://cdn.other.example/a.png', { embedded: cc0 }, {}, p).decision).toBe('permitted');
    expect(decideFor('https://img.museum.example/a.jpg', { embedded: cc0 }, {}, p).decision).toBe('permitted');
  });
});
