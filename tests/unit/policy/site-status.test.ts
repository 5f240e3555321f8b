import { describe, expect, it } from 'vitest';
import { originFiles } from './fixtures/origin-files';
import { parseHTML } from 'linkedom';
import type { DecisionPolicy } from '../../../utils/policy/decide';
import type { Evidence, Licence, Purpose, RefusalReason } from '../../../utils/model/evidence';
import { siteStatus } from '../../../utils/policy/site-status';
import { assessImage, assessPage, type HeaderMap } from '../../../utils/policy/assess';
import { refusalBeforeRequest } from '../../../utils/policy/pre-fetch';
import { parseSettings } from '../../../utils/model/settings';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import type { FetchedFile } from '../../../utils/signals/fetched-file';
import { readPageSignals, type PageSignals } from '../../../utils/page/page-signals';
import { pageSignalsFromRaw, pageSignalsFromScan } from '../../../utils/page/received-signals';
import { readRawPageSignals } from '../../../utils/page/raw-page-signals';
import { ScannedPageSignalsSchema } from '../../../utils/messages/page-signals-schema';

const policy: DecisionPolicy = { purpose: 'ai-training', mode: 'licensed', acceptedLicences: ['CC0', 'CC-BY'] };
const ev = (reason: Evidence['reason'], effect: Evidence['effect'] = 'deny'): Evidence => ({ kind: 'meta-robots', scope: 'page', source: 'html', value: 'noai', effect, reason });
const page = (id: string): Licence => ({ id, url: 'u', source: 'page', attribution: null });

describe('siteStatus', () => {
  it.each<[string, Evidence[], Licence[], string, string[]]>([
    ['nothing decisive', [], [], 'unknown', []],
    ['accepted page licence', [], [page('CC-BY-4.0')], 'permitted', []],
    ['non-accepted page licence', [], [page('CC-BY-NC-4.0')], 'unknown', []],
    ['two different page licences, one accepted (each image is licence-conflict)', [], [page('CC-BY-4.0'), page('CC-BY-NC-4.0')], 'unknown', []],
    ['the same page licence twice', [], [page('CC-BY-4.0'), page('CC-BY-4.0')], 'permitted', []],
    ['page-level opt-out blocks despite a licence', [ev('meta-robots')], [page('CC0-1.0')], 'blocked', ['meta-robots']],
    // DESIGN.md §2 names the registry's `restricted` as a `restricted` site (every image is still refused: rule 1).
    ['registry restriction binding this purpose', [ev('site-restricted')], [], 'restricted', ['site-restricted']],
    ['registry restriction for another purpose', [ev('site-restricted', 'info')], [page('CC0-1.0')], 'restricted', ['site-restricted']],
    ['registry restriction plus an opt-out', [ev('site-restricted'), ev('robots-disallow')], [], 'blocked', ['site-restricted', 'robots-disallow']],
    ['partial opt-out', [ev('robots-disallow', 'info')], [page('CC0-1.0')], 'restricted', ['robots-disallow']],
    ['info without a reason is neutral', [{ ...ev(undefined, 'info') }], [page('CC0-1.0')], 'permitted', []],
  ])('%s → %s', (_n, evidence, licences, status, reasons) => {
    const r = siteStatus(evidence, licences, policy);
    expect(r.status).toBe(status);
    expect(r.reasons).toEqual(reasons);
  });
});

// The popup's status and reasons, and what Collect then decides (judge-image.ts: a `blocked` site
// refuses every image at once with the site's reasons; otherwise refusalBeforeRequest, then
// assessImage), through the real functions, for every purpose and mode.
describe('site status agrees with what Collect decides', () => {
  const O = 'https://museum.example';
  const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
  const files = originFiles;
  const signals = (url: string): PageSignals => ({
    url, title: 'T', metas: [], tdm: {}, rsl: [],
    licence: { pageUrl: url, licences: [{ via: 'rel', url: CC_BY }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
  });
  const PURPOSES = ['ai-training', 'genai-training', 'research-tdm'] as const;
  const MODES = ['licensed', 'opt-out'] as const;
  const assessed = (pageUrl: string, purpose: Purpose, mode: 'licensed' | 'opt-out', over: Partial<OriginFiles> = {}) => {
    const settings = parseSettings({ purpose, mode });
    const origin = files(new URL(pageUrl).origin, over);
    return { settings, origin, page: assessPage({ page: signals(pageUrl), headers: {}, origin }, settings) };
  };
  /** What Collect decides for one image, as judge-image.ts reaches it (the image's origin files as given). */
  const collect = (a: ReturnType<typeof assessed>, imageUrl: string): RefusalReason[] => {
    const { page, settings } = a;
    if (page.status === 'blocked') return page.reasons;
    const own = new URL(imageUrl).origin === a.origin.origin ? a.origin : files(new URL(imageUrl).origin);
    const known = refusalBeforeRequest(page, imageUrl, own, settings);
    if (known) return known.reasons;
    const image = { url: imageUrl, finalUrl: imageUrl, headers: {}, redirects: [], origins: [own], embedded: { evidence: [], licence: null } };
    const candidate = { url: imageUrl, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img' as const], width: 0, height: 0, elementLicences: [] };
    return assessImage(page, image, candidate, settings).reasons;
  };

  // DESIGN.md §2: a registry entry `restricted` for this purpose refuses every image on the page
  // (rule 1, the page's registrable domain), and the site status names it `restricted` ("registry
  // `restricted`"), the registry's own word, with its reason; one that does not bind the purpose
  // reads `restricted` too, and refuses nothing.
  describe.each(MODES)('a registry restriction, mode %s', (mode) => {
    it.each<[string, Purpose]>([
      ['https://www.deviantart.com/kim/art/fox-1', 'ai-training'],
      ['https://www.deviantart.com/kim/art/fox-1', 'genai-training'],
      ['https://giphy.com/gifs/fox-1', 'research-tdm'],
    ])('binding the purpose (%s, %s): restricted, site-restricted, and Collect refuses every image for it', (pageUrl, purpose) => {
      const a = assessed(pageUrl, purpose, mode);
      expect(a.page).toMatchObject({ status: 'restricted', reasons: ['site-restricted'] });
      expect(collect(a, 'https://cdn.other.example/a.png')).toEqual(['site-restricted']);
    });

    it.each<[string, Purpose]>([
      ['https://www.deviantart.com/kim/art/fox-1', 'research-tdm'],
      ['https://github.com/kim/fox', 'ai-training'],
    ])('not binding it (%s, %s): restricted, site-restricted, and Collect does not refuse for it', (pageUrl, purpose) => {
      const a = assessed(pageUrl, purpose, mode);
      expect(a.page).toMatchObject({ status: 'restricted', reasons: ['site-restricted'] });
      expect(collect(a, 'https://cdn.other.example/a.png')).not.toContain('site-restricted');
    });
  });

  // DESIGN.md §2 rule 3 ("ai.txt disallowing the image path") and "Site status": an ai.txt that
  // disallows the page's own path, or cannot be read, is a page-level deny (as robots.txt
  // disallowing the page URL is): `blocked`. It read `restricted` while Collect refused the site's
  // own images for it. File-type and other-path rules still restrict.
  const AI_TXT = `${O}/ai.txt`;
  describe.each(MODES)('the site’s ai.txt, mode %s', (mode) => {
    it.each<[string, FetchedFile, Purpose[], string, RefusalReason[]]>([
      ['Disallow: / for GPTBot', { url: AI_TXT, outcome: 'ok', body: 'User-Agent: GPTBot\nDisallow: /' }, ['ai-training', 'genai-training'], 'blocked', ['ai-txt-disallow']],
      ['Disallow: / for GPTBot (not a research-tdm token)', { url: AI_TXT, outcome: 'ok', body: 'User-Agent: GPTBot\nDisallow: /' }, ['research-tdm'], 'permitted', []],
      ['Disallow: /gallery for *', { url: AI_TXT, outcome: 'ok', body: 'User-Agent: *\nDisallow: /gallery' }, [...PURPOSES], 'blocked', ['ai-txt-disallow']],
      ['Disallow: * for heed', { url: AI_TXT, outcome: 'ok', body: 'User-Agent: heed\nDisallow: *' }, [...PURPOSES], 'blocked', ['ai-txt-disallow']],
      ['unreadable (HTTP 503)', { url: AI_TXT, outcome: 'error', detail: 'HTTP 503' }, [...PURPOSES], 'blocked', ['signal-unreadable']],
      ['Disallow: *.png (file types)', { url: AI_TXT, outcome: 'ok', body: 'User-Agent: *\nDisallow: *.png' }, [...PURPOSES], 'restricted', ['ai-txt-disallow']],
      ['Disallow: /private/ (other paths)', { url: AI_TXT, outcome: 'ok', body: 'User-Agent: *\nDisallow: /private/' }, [...PURPOSES], 'restricted', ['ai-txt-disallow']],
    ])('%s', (_name, aiTxt, purposes, status, reasons) => {
      for (const purpose of purposes) {
        const a = assessed(`${O}/gallery`, purpose, mode, { aiTxt });
        expect({ purpose, status: a.page.status, reasons: a.page.reasons }).toEqual({ purpose, status, reasons });
        if (status === 'blocked') expect(collect(a, `${O}/a.png`)).toEqual(reasons);
      }
    });
  });
});

/** A page at https://museum.example/gallery with `body`, as the badge reads it (the always-on script's raw signals) and as the popup and Collect do. */
function readings(body: string): { badge: PageSignals; popup: PageSignals } {
  const d = parseHTML(`<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`).document as unknown as Document;
  const url = 'https://museum.example/gallery';
  return { badge: pageSignalsFromRaw(readRawPageSignals(d, url)), popup: pageSignalsFromScan(ScannedPageSignalsSchema.parse(readPageSignals(d, url))) };
}

// DESIGN.md §2 rule 4 and "Site status": a page licence that covers only the text is not an
// accepted page-level licence. RDFa `typeof="dcmitype:Text"` on the element whose `about` names
// the page types the page itself a Text, as a typed item's `typeof` or a `dct:type` does; it was
// missed, so the popup read `permitted` (the badge `unknown`) and Collect licensed the page's
// images with the text's licence.
describe('a page licence typed as text by RDFa typeof on the page’s own subject', () => {
  const O = 'https://museum.example';
  const BY = 'https://creativecommons.org/licenses/by/4.0/';
  const files = () => originFiles(O);
  const readers = (body: string, mode: 'licensed' | 'opt-out' = 'licensed') => {
    const settings = parseSettings({ mode });
    const read = readings(body);
    const popup = assessPage({ page: read.popup, headers: {}, origin: files() }, settings);
    const badge = assessPage({ page: read.badge, headers: {}, origin: files() }, settings);
    const img = `${O}/a.png`;
    const image = { url: img, finalUrl: img, headers: {}, redirects: [], origins: [files()], embedded: { evidence: [], licence: null } };
    const candidate = { url: img, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img' as const], width: 0, height: 0, elementLicences: [] };
    return { popup: popup.status, badge: badge.status, collect: assessImage(popup, image, candidate, settings) };
  };
  const PREFIX = 'prefix="dcmitype: http://purl.org/dc/dcmitype/"';

  it.each([
    ['about="" typeof="dcmitype:Text" around the licence link', `<div about="" typeof="dcmitype:Text" ${PREFIX}><a rel="license" href="${BY}">CC BY</a></div>`],
    ['the page URL as about, typeof the full DCMI IRI', `<div about="${O}/gallery" typeof="http://purl.org/dc/dcmitype/Text"><a rel="license" href="${BY}">CC BY</a></div>`],
    ['typeof on the licence link itself, with about=""', `<a about="" typeof="dcmitype:Text" ${PREFIX} rel="license" href="${BY}">CC BY</a>`],
  ])('%s: unknown on the popup and the badge; Collect refuses its image no-licence', (_name, body) => {
    const r = readers(body);
    expect({ popup: r.popup, badge: r.badge }).toEqual({ popup: 'unknown', badge: 'unknown' });
    expect(r.collect).toMatchObject({ decision: 'refused', reasons: ['no-licence'] });
  });

  it('unchanged: typed StillImage, or typing another resource, the licence stays the page’s: permitted', () => {
    expect(readers(`<div about="" typeof="dcmitype:StillImage" ${PREFIX}><a rel="license" href="${BY}">CC BY</a></div>`)).toMatchObject({ popup: 'permitted', collect: { decision: 'permitted' } });
    expect(readers(`<div about="/essay.html" typeof="dcmitype:Text" ${PREFIX}>Essay</div><a rel="license" href="${BY}">CC BY</a>`)).toMatchObject({ popup: 'permitted', collect: { decision: 'permitted' } });
  });
});

// Already so (kept by these tests): every page-level signal, for every purpose and mode, gives the
// status and reason codes DESIGN.md §2 names, and Collect refuses for exactly those: at once on a
// blocked site, and — judged in full, as if not blocked — an image under the page's path too.
describe('each page-level signal: its status, its reason codes, and Collect', () => {
  const O = 'https://museum.example';
  const PAGE = `${O}/gallery`;
  const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
  const files = originFiles;
  interface Case { files?: Partial<OriginFiles>; page?: Partial<PageSignals>; headers?: HeaderMap | null; lists?: { userBlock?: string[] }; url?: string }
  const run = (c: Case, purpose: Purpose, mode: 'licensed' | 'opt-out') => {
    const url = c.url ?? PAGE;
    const settings = parseSettings({ purpose, mode, ...c.lists });
    const origin = files(new URL(url).origin, c.files);
    const page = assessPage({
      page: { url, title: 'T', metas: [], tdm: {}, rsl: [], licence: { pageUrl: url, licences: [{ via: 'rel', url: CC_BY }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false }, ...c.page },
      headers: c.headers === undefined ? {} : c.headers,
      origin,
    }, settings);
    /** The full judgement of an image (no blocked shortcut), as assessImage makes it. */
    const judged = (imageUrl: string) => {
      const own = new URL(imageUrl).origin === origin.origin ? origin : files(new URL(imageUrl).origin);
      const image = { url: imageUrl, finalUrl: imageUrl, headers: {}, redirects: [], origins: [own], embedded: { evidence: [], licence: null } };
      const candidate = { url: imageUrl, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img' as const], width: 0, height: 0, elementLicences: [] };
      return assessImage(page, image, candidate, settings);
    };
    return { page, judged };
  };
  const robots = (body: string): Partial<OriginFiles> => ({ robots: { url: `${O}/robots.txt`, outcome: 'ok', body } });
  const RSL = (usage: string) => `<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><prohibits type="usage">${usage}</prohibits></license></content></rsl>`;
  const ALL = ['ai-training', 'genai-training', 'research-tdm'] as const;
  const TRAINING = ['ai-training', 'genai-training'] as const;

  it.each<[string, Case, readonly Purpose[], RefusalReason[]]>([
    ['the user’s block list', { lists: { userBlock: ['museum.example'] } }, ALL, ['user-blocked']],
    ['the registry: blocked', { url: 'https://www.pinterest.com/pin/1/' }, ALL, ['site-blocked']],
    ['robots.txt disallowing the page for heed', { files: robots('User-agent: heed\nDisallow: /gallery') }, ALL, ['robots-disallow']],
    ['robots.txt disallowing the page for GPTBot', { files: robots('User-agent: GPTBot\nDisallow: /') }, TRAINING, ['robots-disallow']],
    ['robots.txt disallowing the page for CCBot', { files: robots('User-agent: CCBot\nDisallow: /') }, ALL, ['robots-disallow']],
    ['robots.txt `*` disallowing the page (no group names the tokens)', { files: robots('User-agent: *\nDisallow: /gallery') }, ALL, ['robots-disallow']],
    ['robots.txt unreachable (429)', { files: { robots: { url: `${O}/robots.txt`, outcome: 'unreachable', detail: 'HTTP 429' } } }, ALL, ['robots-unreachable']],
    ['X-Robots-Tag noai on the page', { headers: { 'x-robots-tag': 'noai' } }, ALL, ['x-robots-tag']],
    ['X-Robots-Tag `googlebot: noindex, noai` as fetch joins it', { headers: { 'x-robots-tag': 'googlebot: noindex, noai' } }, ALL, ['x-robots-tag']],
    ['meta robots noimageai', { page: { metas: [{ name: 'robots', content: 'noimageai' }] } }, ALL, ['meta-robots']],
    ['meta heed none', { page: { metas: [{ name: 'heed', content: 'none' }] } }, ALL, ['meta-robots']],
    ['meta GPTBot noindex', { page: { metas: [{ name: 'GPTBot', content: 'noindex' }] } }, TRAINING, ['meta-robots']],
    ['Content-Usage train-ai=n on the page response', { headers: { 'content-usage': 'train-ai=n' } }, TRAINING, ['content-usage-n']],
    ['Content-Signal ai-train=no on the page response', { headers: { 'content-signal': 'ai-train=no' } }, TRAINING, ['content-usage-n']],
    ['robots.txt Content-Usage train-ai=n for the page path', { files: robots('User-agent: *\nContent-Usage: /gallery train-ai=n') }, TRAINING, ['content-usage-n']],
    ['robots.txt Content-Signal ai-train=no', { files: robots('User-agent: *\nContent-Signal: ai-train=no') }, TRAINING, ['content-usage-n']],
    ['a TDM reservation meta', { page: { tdm: { reservation: '1' } } }, ALL, ['tdm-reserved']],
    ['a TDM reservation header, with a policy', { headers: { 'tdm-reservation': '1', 'tdm-policy': `${O}/policy.json` } }, ALL, ['tdm-reserved']],
    ['tdmrep.json reserving the page path', { files: { tdmrep: { url: `${O}/.well-known/tdmrep.json`, outcome: 'ok', body: '[{"location":"/gallery","tdm-reservation":1}]' } } }, ALL, ['tdm-reserved']],
    ['ai.txt disallowing the page path', { files: { aiTxt: { url: `${O}/ai.txt`, outcome: 'ok', body: 'User-Agent: *\nDisallow: /gallery' } } }, ALL, ['ai-txt-disallow']],
    ['an inline RSL licence prohibiting ai-train', { page: { rsl: [RSL('ai-train')] } }, TRAINING, ['rsl-prohibits']],
    ['an inline RSL licence prohibiting all', { page: { rsl: [RSL('all')] } }, ALL, ['rsl-prohibits']],
    ['the page’s headers not read', { headers: null }, ALL, ['signal-unreadable']],
    ['tdmrep.json unreadable (503)', { files: { tdmrep: { url: `${O}/.well-known/tdmrep.json`, outcome: 'error', detail: 'HTTP 503' } } }, ALL, ['signal-unreadable']],
    ['ai.txt unreadable (503)', { files: { aiTxt: { url: `${O}/ai.txt`, outcome: 'error', detail: 'HTTP 503' } } }, ALL, ['signal-unreadable']],
    ['the robots.txt RSL licence unreadable', { files: { rsl: [{ url: `${O}/license.xml`, outcome: 'error', detail: 'HTTP 503' }] } }, ALL, ['signal-unreadable']],
    ['an unreadable TDM meta', { page: { tdm: { reservation: 'maybe' } } }, ALL, ['signal-unreadable']],
    ['an unreadable Content-Usage header', { headers: { 'content-usage': 'train-ai=' } }, TRAINING, ['signal-unreadable']],
    ['meta noai and X-Robots-Tag noai together (each reason once, in order)', { page: { metas: [{ name: 'robots', content: 'noai' }, { name: 'GPTBot', content: 'noai' }] }, headers: { 'x-robots-tag': ['noai', 'noimageai'] } }, ALL, ['x-robots-tag', 'meta-robots']],
  ])('%s → blocked with its reason code', (_name, c, purposes, reasons) => {
    for (const purpose of purposes) {
      for (const mode of ['licensed', 'opt-out'] as const) {
        const { page, judged } = run(c, purpose, mode);
        expect({ purpose, mode, status: page.status, reasons: page.reasons }).toEqual({ purpose, mode, status: 'blocked', reasons });
        // Every reason listed is a deny Collect makes for the page's images (reason codes only, once each).
        const under = judged(`${new URL(page.pageUrl).origin}/gallery/a.png`);
        expect(under.decision).toBe('refused');
        for (const r of reasons) expect(under.reasons).toContain(r);
      }
    }
  });

  it.each<[string, Case, readonly Purpose[], 'restricted' | 'permitted' | 'unknown', RefusalReason[]]>([
    ['a group naming heed disallows some paths', { files: robots('User-agent: heed\nDisallow: /private/') }, ALL, 'restricted', ['robots-disallow']],
    ['a group naming GPTBot disallows some paths', { files: robots('User-agent: GPTBot\nDisallow: /private/') }, TRAINING, 'restricted', ['robots-disallow']],
    ['a `*` group’s housekeeping Disallow', { files: robots('User-agent: *\nDisallow: /cgi-bin/') }, ALL, 'permitted', []],
    ['Content-Usage train-ai=n for some paths', { files: robots('User-agent: *\nContent-Usage: /photos/ train-ai=n') }, TRAINING, 'restricted', ['content-usage-n']],
    ['tdmrep.json reserving some paths', { files: { tdmrep: { url: `${O}/.well-known/tdmrep.json`, outcome: 'ok', body: '[{"location":"/photos/","tdm-reservation":1}]' } } }, ALL, 'restricted', ['tdm-reserved']],
    ['an RSL content set refusing some paths', { page: { rsl: ['<rsl xmlns="https://rslstandard.org/rsl"><content url="/photos/*"><license><prohibits type="usage">all</prohibits></license></content></rsl>'] } }, ALL, 'restricted', ['rsl-prohibits']],
    ['ai.txt file-type rules', { files: { aiTxt: { url: `${O}/ai.txt`, outcome: 'ok', body: 'User-Agent: *\nDisallow: *.png' } } }, ALL, 'restricted', ['ai-txt-disallow']],
    ['several partial opt-outs: each reason once, in a stable order', {
      files: {
        ...robots('User-agent: GPTBot\nDisallow: /private/\n\nUser-agent: heed\nDisallow: /private/\nDisallow: /drafts/'),
        tdmrep: { url: `${O}/.well-known/tdmrep.json`, outcome: 'ok', body: '[{"location":"/photos/","tdm-reservation":1},{"location":"/more/","tdm-reservation":1}]' },
        aiTxt: { url: `${O}/ai.txt`, outcome: 'ok', body: 'User-Agent: *\nDisallow: *.png' },
      },
    }, TRAINING, 'restricted', ['robots-disallow', 'tdm-reserved', 'ai-txt-disallow']],
    ['a registry entry that does not bind the purpose', { url: 'https://medium.com/@kim/fox-1' }, ['research-tdm'], 'restricted', ['site-restricted']],
    ['an accepted page licence and no opt-out', {}, ALL, 'permitted', []],
    ['no page licence', { page: { licence: { pageUrl: PAGE, licences: [], rslLinks: [], imageObjects: [], unreadable: [], truncated: false } } }, ALL, 'unknown', []],
    ['a page licence outside the accepted set', { page: { licence: { pageUrl: PAGE, licences: [{ via: 'rel', url: 'https://creativecommons.org/licenses/by-nc/4.0/' }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false } } }, ALL, 'unknown', []],
    ['a MediaWiki page’s licence (the text’s)', { page: { licence: { pageUrl: PAGE, licences: [], textLicences: [{ via: 'rel', url: CC_BY, covers: 'mediawiki-text' }], mediaWiki: true, rslLinks: [], imageObjects: [], unreadable: [], truncated: false } } }, ALL, 'unknown', []],
    ['a licence typed dcmitype:Text', { page: { licence: { pageUrl: PAGE, licences: [], textLicences: [{ via: 'rdfa', url: CC_BY, covers: 'dcmitype-text' }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false } } }, ALL, 'unknown', []],
  ])('%s → %s (the same in both modes)', (_name, c, purposes, status, reasons) => {
    for (const purpose of purposes) {
      for (const mode of ['licensed', 'opt-out'] as const) {
        const { page } = run(c, purpose, mode);
        expect({ purpose, mode, status: page.status, reasons: page.reasons }).toEqual({ purpose, mode, status, reasons });
      }
    }
  });
});

// The badge reads the always-on script's raw signals; the popup and Collect the full reader's.
// An RSL licence link is read wherever it sits (html-licence/page.ts): inside a <figure> too. The
// raw reader dropped it there with the figure's licence links, so the badge showed a site open
// whose RSL licence the popup and Collect read as refusing every image.
describe('the badge, the popup and Collect read the same RSL licence links', () => {
  const O = 'https://museum.example';
  const PROHIBITS = '<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><prohibits type="usage">all</prohibits></license></content></rsl>';
  const files = () => originFiles(O);
  /** The status from each reader's page signals, the RSL documents they link fetched as the shell does (site-assessment.ts). */
  const statuses = (body: string) => {
    const settings = parseSettings({});
    const of = (page: PageSignals) => {
      const linkedRsl: FetchedFile[] = page.licence.rslLinks.map((u) => ({ url: u, outcome: 'ok', body: PROHIBITS }));
      const a = assessPage({ page, headers: {}, origin: files(), linkedRsl }, settings);
      return `${a.status} ${a.reasons.join(' ')}`;
    };
    const read = readings(body);
    return { badge: of(read.badge), popup: of(read.popup) };
  };

  it.each([
    ['inside a <figure>', '<figure><img src="/a.png"><figcaption><a rel="license" type="application/rsl+xml" href="/licence.xml">Licence</a></figcaption></figure>'],
    ['in the page’s body', '<p><a rel="license" type="application/rsl+xml" href="/licence.xml">Licence</a></p>'],
    ['in a quotation', '<blockquote><a rel="license" type="application/rsl+xml" href="/licence.xml">Licence</a></blockquote>'],
  ])('an RSL licence link %s: blocked on the badge as on the popup', (_where, body) => {
    expect(statuses(body)).toEqual({ badge: 'blocked rsl-prohibits', popup: 'blocked rsl-prohibits' });
  });

  it('unchanged: a figure’s own licence link (not RSL, whatever its type says) is not the page’s, on either', () => {
    const BY = 'https://creativecommons.org/licenses/by/4.0/';
    expect(statuses(`<figure><img src="/a.png"><a rel="license" type="text/rsl-ish" href="${BY}">CC BY</a></figure>`)).toEqual({ badge: 'unknown ', popup: 'unknown ' });
    expect(statuses(`<figure><img src="/a.png"><a rel="license" href="${BY}">CC BY</a></figure>`)).toEqual({ badge: 'unknown ', popup: 'unknown ' });
  });
});

// The always-on script cannot read RDFa subjects, but a rel="license" link whose RDFa subject is
// another resource (an `about` or `resource` naming it, an `href`/`src` around it, a typed item)
// is that resource's licence, not the page's (html-licence/statements.ts rdfaSubject). Read as
// the page's, the badge showed OK (permitted) where the popup read `unknown` and Collect refused
// every image of the page `no-licence`. The badge now reads such a link as a page licence it
// could not read: never permitted on it (the popup reads it in full).
describe('the badge never reads another resource’s RDFa licence as the page’s', () => {
  const O = 'https://museum.example';
  const BY = 'https://creativecommons.org/licenses/by/4.0/';
  const files = () => originFiles(O);
  const statuses = (body: string) => {
    const settings = parseSettings({});
    const of = (page: PageSignals) => assessPage({ page, headers: {}, origin: files() }, settings);
    const read = readings(body);
    const popup = of(read.popup);
    const img = `${O}/a.png`;
    const image = { url: img, finalUrl: img, headers: {}, redirects: [], origins: [files()], embedded: { evidence: [], licence: null } };
    const candidate = { url: img, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img' as const], width: 0, height: 0, elementLicences: [] };
    return { badge: of(read.badge).status, popup: popup.status, collect: assessImage(popup, image, candidate, settings).decision };
  };

  it.each([
    ['about another file', `<div about="/other.png"><a rel="license" href="${BY}">CC BY</a></div>`],
    ['about a part of the page', `<div about="#photo"><a rel="license" href="${BY}">CC BY</a></div>`],
    ['about on the link itself', `<a about="/other.png" rel="license" href="${BY}">CC BY</a>`],
    ['resource naming another file', `<div resource="/other.png"><a rel="license" href="${BY}">CC BY</a></div>`],
    ['a typed RDFa item (an ImageObject)', `<div vocab="https://schema.org/" typeof="ImageObject"><a rel="license" href="${BY}">CC BY</a></div>`],
  ])('%s: not permitted on the badge, as on the popup', (_name, body) => {
    expect(statuses(body)).toEqual({ badge: 'unknown', popup: 'unknown', collect: 'refused' });
  });

  it('unchanged: about="" or the page’s own URL, a typed item that is the page (a WebPage), and a link outside any RDFa subject, are the page’s licence on both', () => {
    for (const body of [
      `<div about=""><a rel="license" href="${BY}">CC BY</a></div>`,
      `<div about="${O}/gallery"><a rel="license" href="${BY}">CC BY</a></div>`,
      `<div vocab="https://schema.org/" typeof="WebPage"><a rel="license" href="${BY}">CC BY</a></div>`,
      `<p><a rel="license" href="${BY}">CC BY</a></p>`,
    ]) {
      expect(statuses(body)).toEqual({ badge: 'permitted', popup: 'permitted', collect: 'permitted' });
    }
  });
});

// Licence statements the always-on script does not read — RDFa `rel="cc:license"`,
// `rel="dcterms:license"`, `property="license"`, microdata `itemprop="license"` — beside the
// page's `rel="license"` CC BY: the popup read CC BY-NC too (a conflict: `unknown`, every image
// refused licence-conflict) while the badge read the CC BY alone and showed the site OK
// (permitted). Decision (the badge is never more open than the popup, DESIGN.md §2 "Site
// status"): such a statement outside any figure is a page licence the badge could not read, so
// the badge never shows the site permitted on the rest (the popup reads them in full).
describe('the badge never shows permitted beside licence markup it cannot read', () => {
  const O = 'https://museum.example';
  const BY = 'https://creativecommons.org/licenses/by/4.0/';
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const statusOf = (page: PageSignals) => assessPage({ page, headers: {}, origin: originFiles(O) }, parseSettings({})).status;
  it.each([
    ['rel="cc:license"', `<a rel="cc:license" href="${NC}">CC BY-NC</a>`],
    ['rel="dcterms:license"', `<a rel="dcterms:license" href="${NC}">CC BY-NC</a>`],
    ['RDFa property="license"', `<div vocab="http://schema.org/"><a property="license" href="${NC}">CC BY-NC</a></div>`],
    ['microdata itemprop="license" of the page', `<div itemscope itemtype="https://schema.org/WebPage"><link itemprop="license" href="${NC}"></div>`],
  ])('%s beside rel="license" CC BY: not permitted on the badge, as on the popup', (_name, markup) => {
    const read = readings(`${markup}<p><a rel="license" href="${BY}">CC BY</a></p>`);
    expect(statusOf(read.popup)).not.toBe('permitted');
    expect(statusOf(read.badge)).not.toBe('permitted');
  });
  it('unchanged: such markup inside a figure (the image’s own), and a plain rel="license" page, read alike', () => {
    const fig = readings(`<figure><img src="/a.png"><a rel="cc:license" href="${NC}">CC BY-NC</a></figure><p><a rel="license" href="${BY}">CC BY</a></p>`);
    expect([statusOf(fig.badge), statusOf(fig.popup)]).toEqual(['permitted', 'permitted']);
  });
});

// JSON-LD written inside a <template> (a card or lightbox a script clones in) is inert for the
// browser, and neither reader looked there: an ImageObject licensing a shown photo CC BY-NC was
// lost, and the page's rel="license" CC BY licensed it. Decision (DESIGN.md §2 rules 4 and 5, the
// reading that cannot keep what the owner refused): it is licence markup Heed does not read, so
// the page's licence markup reads as not read in full — relied on for no image, on the badge and
// Collect alike — rather than read as the page's (a template may describe another page's work).
describe('JSON-LD inside a <template>', () => {
  const O = 'https://museum.example';
  const BY = 'https://creativecommons.org/licenses/by/4.0/';
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const json = `{"@context":"https://schema.org","@type":"ImageObject","contentUrl":"${O}/a.png","license":"${NC}"}`;
  const decide = (page: PageSignals) => {
    const settings = parseSettings({});
    const assessed = assessPage({ page, headers: {}, origin: originFiles(O) }, settings);
    const img = `${O}/a.png`;
    const image = { url: img, finalUrl: img, headers: {}, redirects: [], origins: [originFiles(O)], embedded: { evidence: [], licence: null } };
    const candidate = { url: img, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img' as const], width: 0, height: 0, elementLicences: [] };
    return { status: assessed.status, image: assessImage(assessed, image, candidate, settings).decision };
  };
  it('the page licence is relied on for no image, and the site not shown permitted, on the badge and the popup', () => {
    const read = readings(`<img src="/a.png"><template><script type="application/ld+json">${json}</script></template><p><a rel="license" href="${BY}">CC BY</a></p>`);
    for (const page of [read.badge, read.popup]) expect(decide(page)).toEqual({ status: 'unknown', image: 'refused' });
  });
  it('unchanged: a template without JSON-LD', () => {
    const read = readings(`<img src="/a.png"><template><p>card</p></template><p><a rel="license" href="${BY}">CC BY</a></p>`);
    for (const page of [read.badge, read.popup]) expect(decide(page)).toEqual({ status: 'permitted', image: 'permitted' });
  });
});
