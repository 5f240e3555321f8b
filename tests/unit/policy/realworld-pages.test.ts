import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { carriedBy } from '../../../utils/model/shared-hosting';
import { ScannedPageSignalsSchema } from '../../../utils/messages/page-signals-schema';
import { parseSettings } from '../../../utils/model/settings';
import { readPageSignals } from '../../../utils/page/page-signals';
import { pageSignalsFromScan } from '../../../utils/page/received-signals';
import { assessImage, assessPage } from '../../../utils/policy/assess';
import type { SiteStatus } from '../../../utils/policy/site-status';
import { scanDocument } from '../../../utils/scan/scan-page';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import { AI_TOKENS, HEED_TOKEN } from '../../../utils/model/ai-tokens';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateRobots } from '../../../utils/signals/robots-txt';
import { carriedAddresses } from '../../../utils/model/shared-hosting';

/*
 * The five saved real pages (../shared/realworld/sites, SOURCES.md), each image decided under the
 * default settings (AI training, licensed mode) with the robots.txt saved for ITS host — a host
 * with none saved answers 404, as the local server does. Every row was read off the page by hand:
 * what the page states about the page and about each image, and where each image is hosted
 * (DESIGN.md §2: rule 2 robots.txt of the image's own origin; rule 4 licences, page licences
 * speaking only for the page's own registrable domain — and tenant, on shared hosting — and a
 * MediaWiki page's licence being the wiki text's). These pin Heed's reading where it is the
 * owner's; where it is not, the row says so and pins only what is right (see the Emden rows).
 */

const SITES = resolve(import.meta.dirname, '../../../../shared/realworld/sites');
const settings = parseSettings({});

const files = (origin: string): OriginFiles => {
  const saved = resolve(SITES, new URL(origin).host, 'robots.txt');
  return {
    origin,
    robots: existsSync(saved) ? { url: `${origin}/robots.txt`, outcome: 'ok', body: readFileSync(saved, 'utf8') } : { url: `${origin}/robots.txt`, outcome: 'unavailable', status: 404 },
    tdmrep: { url: `${origin}/.well-known/tdmrep.json`, outcome: 'absent' },
    aiTxt: { url: `${origin}/ai.txt`, outcome: 'absent' },
    rsl: [],
  };
};

/** Collect on a saved page: every image it shows, decided as the worker decides it (without its bytes). */
function collect(url: string, file: string, edit: (html: string) => string = (html) => html) {
  const doc = parseHTML(edit(readFileSync(resolve(SITES, file), 'utf8').replaceAll(':{{PORT}}', ''))).document as unknown as Document;
  const page = assessPage({ page: pageSignalsFromScan(ScannedPageSignalsSchema.parse(readPageSignals(doc, url))), headers: {}, origin: files(new URL(url).origin) }, settings);
  const candidates = scanDocument(doc, url, { resourceTiming: false, inFrame: false });
  const decide = (imageUrl: string) => {
    // By the rendition the page shows or the file it links to, whichever the scan kept as the candidate.
    const same = (a: string | null) => a !== null && decodeURI(a) === decodeURI(imageUrl);
    const c = candidates.find((x) => same(x.url) || same(x.thumbnailUrl));
    if (!c) throw new Error(`the scan found no image ${imageUrl}`);
    const d = assessImage(page, { url: imageUrl, finalUrl: imageUrl, headers: {}, redirects: [], origins: [...new Set([imageUrl, ...carriedAddresses(imageUrl)].map((u) => new URL(u).origin))].map(files), embedded: { evidence: [], licence: null } }, { ...c, url: imageUrl }, settings);
    return { decision: d.decision, reasons: d.reasons, licence: d.licence?.id ?? null, source: d.licence?.source ?? null, evidence: d.evidence, hints: c.elementLicences };
  };
  return { status: page.status, decide };
}

/** A row whose licence is not pinned: the owner's licence for it is one Heed records as evidence only (see the Emden rows). */
const NOT_PINNED = undefined;
type Row = [image: string, decision: 'permitted' | 'refused', reasons: string[], licence: string | null | typeof NOT_PINNED];

const PAGES: { name: string; url: string; file: string; status: SiteStatus; rows: Row[] }[] = [
  {
    // Footer: "Text is available under the Creative Commons Attribution-ShareAlike License" and
    // <link rel="license" href="//creativecommons.org/licenses/by-sa/3.0/">: the text's licence.
    // The photos are on upload.wikimedia.org (wikimedia.org: another site), each licensed on its
    // own File: page, which this page does not repeat. robots.txt of both hosts: no AI group, and
    // no rule for /wiki/Bob_Dylan, /static/ or /wikipedia/commons/.
    name: 'en.wikipedia.org Bob Dylan',
    url: 'https://en.wikipedia.org/wiki/Bob_Dylan',
    file: 'en.wikipedia.org/wiki/Bob_Dylan',
    status: 'unknown',
    rows: [
      ['https://upload.wikimedia.org/wikipedia/commons/thumb/0/02/Bob_Dylan_-_Azkena_Rock_Festival_2010_2.jpg/440px-Bob_Dylan_-_Azkena_Rock_Festival_2010_2.jpg', 'refused', ['no-licence'], null],
      ['https://upload.wikimedia.org/wikipedia/commons/thumb/3/33/Joan_Baez_Bob_Dylan.jpg/440px-Joan_Baez_Bob_Dylan.jpg', 'refused', ['no-licence'], null],
      // Hosted under /wikipedia/en/, not /commons/: an English Wikipedia upload (a non-free file used under fair use).
      ['https://upload.wikimedia.org/wikipedia/en/6/69/The_Byrds_Bob_Dylan_Ciro%27s.jpg', 'refused', ['no-licence'], null],
      ['https://en.wikipedia.org/static/images/poweredby_mediawiki_88x31.png', 'refused', ['no-licence'], null],
      // robots.txt of en.wikipedia.org: Disallow: /wiki/Special: (in the `*` group, so for heed too).
      ['https://en.wikipedia.org/wiki/Special:CentralAutoLogin/start?type=1x1', 'refused', ['robots-disallow', 'no-licence'], null],
    ],
  },
  {
    // A Commons file page on mobile Wikipedia: "I, the copyright holder of this work, hereby
    // publish it under ... CC BY-SA 4.0" — about the file on upload.wikimedia.org, another site
    // (wikimedia.org) than the page (wikipedia.org): a third-party claim (DESIGN.md §2 rule 4), and
    // written as text and a plain link, no licence markup. <link rel="license"> is MediaWiki's
    // text licence. <meta name="robots" content="max-image-preview:standard"> is no opt-out.
    name: 'en.m.wikipedia.org File:Enh_N_channel_Mosfet.svg',
    url: 'https://en.m.wikipedia.org/wiki/File:Enh_N_channel_Mosfet.svg',
    file: 'en.m.wikipedia.org/wiki/File:Enh_N_channel_Mosfet.svg',
    status: 'unknown',
    rows: [
      ['https://upload.wikimedia.org/wikipedia/commons/thumb/f/f8/Enh_N_channel_Mosfet.svg/420px-Enh_N_channel_Mosfet.svg.png', 'refused', ['no-licence'], null],
      ['https://en.m.wikipedia.org/static/images/footer/wikimedia-button.svg', 'refused', ['no-licence'], null],
      // robots.txt of en.m.wikipedia.org (the Wikipedia file): Disallow: /w/ (line 152).
      ['https://en.m.wikipedia.org/w/resources/assets/poweredby_mediawiki.svg', 'refused', ['robots-disallow', 'no-licence'], null],
    ],
  },
  {
    // Footer: <a rel="license" href="http://creativecommons.org/licenses/by-sa/3.0/"> "Dieses Werk
    // ist lizenziert unter ... CC BY-SA 3.0 Unported": the page licence, for the site's own files.
    // Each photo's credit line under it names its own licence ("Foto: BBKurt [CC BY-SA 3.0], via
    // Wikimedia Commons"); rows pin the licence only where that line and the page agree (below).
    // <meta name="robots" content="max-snippet:-1, max-image-preview:large, …"> is no opt-out.
    name: 'www.reisen-mit-dem-internet.de Emden',
    url: 'https://www.reisen-mit-dem-internet.de/europa/deutschland/niedersachsen/ostfriesland/emden-21416',
    file: 'www.reisen-mit-dem-internet.de/europa/deutschland/niedersachsen/ostfriesland/emden-21416',
    status: 'permitted',
    rows: [
      ['https://www.reisen-mit-dem-internet.de/images/remidi-logo-2014.jpg', 'permitted', [], 'CC-BY-SA-3.0'],
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-header.jpg', 'permitted', [], 'CC-BY-SA-3.0'], // "Foto: Marco Roepers [CC BY-SA 3.0]"
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-1.jpg', 'permitted', [], 'CC-BY-SA-3.0'], // "Foto: BBKurt [CC BY-SA 3.0]"
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-3.jpg', 'permitted', [], 'CC-BY-SA-3.0'], // "Foto: H.G.Graser [CC BY-SA 3.0]"
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-5.jpg', 'permitted', [], 'CC-BY-SA-3.0'], // "Foto: Carschten [CC BY-SA 3.0]"
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-9.jpg', 'permitted', [], 'CC-BY-SA-3.0'], // "[CC BY-SA 3.0]"
      // Credit lines naming another licence, every one accepted: kept either way, but the owner's
      // licence for these is the line's (Public domain, as text; CC BY-SA 2.5; CC BY 3.0; CC BY 3.0;
      // CC BY-SA 3.0 DE). A plain link in a line of prose grants nothing (DESIGN.md §2 rule 4 names
      // the markup that does), so Heed records the footer's licence and the line as evidence (see
      // the credit-line tests below). Only the decision is pinned.
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-2.jpg', 'permitted', [], NOT_PINNED],
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-4.jpg', 'permitted', [], NOT_PINNED],
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-6.jpg', 'permitted', [], NOT_PINNED],
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-7.jpg', 'permitted', [], NOT_PINNED],
      ['https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-8.jpg', 'permitted', [], NOT_PINNED],
      // Google static maps: another site, no licence (no robots.txt saved for it: 404).
      ['https://maps.googleapis.com/maps/api/staticmap?center=53.36671,7.20518&zoom=15&markers=color:red%7C53.36671,7.20518&size=400x300&key=AIzaSyBTtfbvxgpHfw13LJF8oUnYsFI7IjCVGJA', 'refused', ['no-licence'], null],
    ],
  },
  {
    // Sidebar widget "Lizenz": <a rel="license" href="http://creativecommons.org/licenses/by-sa/3.0/de/">
    // "Dieser Werk bzw. Inhalt ist unter einer Creative Commons-Lizenz lizenziert": CC BY-SA 3.0 DE.
    // The one photo (Angela Merkel, "Photographer: Armin Kübelbeck, CC-BY-SA, Wikimedia Commons")
    // is on upload.wikimedia.org: another site. The CC badge is on i0.wp.com, whose robots.txt
    // refuses GPTBot, CCBot, Google-Extended, FacebookBot, omgili, omgilibot and Amazonbot.
    name: 'ritinardo.wordpress.com',
    url: 'https://ritinardo.wordpress.com/2017/11/26/bundesregierung-2017-btw17-groko/',
    file: 'ritinardo.wordpress.com/2017/11/26/bundesregierung-2017-btw17-groko/index.html',
    status: 'permitted',
    rows: [
      ['https://upload.wikimedia.org/wikipedia/commons/thumb/8/8f/Angela_Merkel_10.jpg/256px-Angela_Merkel_10.jpg', 'refused', ['no-licence'], null],
      ['https://i0.wp.com/i.creativecommons.org/l/by-sa/3.0/de/88x31.png', 'refused', ['robots-disallow', 'no-licence'], null],
      ['https://i1.wp.com/api.flattr.com/button/button-static-50x60.png', 'refused', ['no-licence'], null],
    ],
  },
  {
    // Sidebar: <a rel="license" href="http://creativecommons.org/licenses/by/3.0/at/"> "Dieses Blog
    // steht unter einer Creative Commons Namensnennung 3.0 Österreich Lizenz": CC BY 3.0 AT, for
    // the blog's own files (murdeltas.files.wordpress.com: its tenant on wordpress.com), not for
    // another blog's (onesongperday), Gravatar's or Flickr's.
    name: 'murdeltas.wordpress.com',
    url: 'https://murdeltas.wordpress.com/2015/04/05/barcamp-graz-2015-politcamp-call-for-action/',
    file: 'murdeltas.wordpress.com/2015/04/05/barcamp-graz-2015-politcamp-call-for-action/index.html',
    status: 'permitted',
    rows: [
      ['https://murdeltas.files.wordpress.com/2015/04/sp014.jpg', 'permitted', [], 'CC-BY-3.0-AT'],
      ['https://murdeltas.files.wordpress.com/2015/04/bcg_2015_date.png', 'permitted', [], 'CC-BY-3.0-AT'],
      ['https://murdeltas.files.wordpress.com/2013/10/88x31.png', 'permitted', [], 'CC-BY-3.0-AT'],
      ['https://onesongperday.files.wordpress.com/2008/11/cropped-turntable-flickrcomphotos12119229n001.jpg', 'refused', ['no-licence'], null],
      ['https://1.gravatar.com/avatar/ad516503a11cd5ca435acc9bb6523536?s=25&d=monsterid&forcedefault=y', 'refused', ['no-licence'], null],
      ['https://live.staticflickr.com/4331/35634709043_a84aff38fc_s.jpg', 'refused', ['no-licence'], null],
    ],
  },
];

describe('the saved real pages, image by image (read by hand)', () => {
  describe.each(PAGES)('$name', ({ url, file, status, rows }) => {
    const { status: got, decide } = collect(url, file);
    it(`site status ${status}`, () => {
      expect(got).toBe(status);
    });
    it.each(rows)('%s: %s %j, licence %s', (image, decision, reasons, licence) => {
      const d = decide(image);
      expect({ decision: d.decision, reasons: d.reasons }).toEqual({ decision, reasons });
      if (licence !== undefined) expect(d.licence).toBe(licence);
      if (licence) expect(d.source).toBe('page');
    });
  });
});

/*
 * The image hosts' own robots.txt files (saved beside the pages), read by hand:
 * - upload.wikimedia.org: `User-agent: *` / `Disallow: /wikipedia/commons/archive/` — nothing else.
 * - i0.wp.com: no `*` group; GPTBot, CCBot, SentiBot, sentibot, Google-Extended, FacebookBot,
 *   omgili, omgilibot, Amazonbot, Bingbot: `Disallow: /`, each in a group of its own.
 * - en.wikipedia.org / en.m.wikipedia.org (one file): no group names an AI token; the `*` group
 *   allows /wiki/<article>, /static/ and disallows /w/ (but load.php and mobileview) and /api/.
 * An image is judged by its own host's file (DESIGN.md §2 rule 2; SIGNALS.md §1), never the page's.
 */
describe("the image hosts' robots.txt files decide their own images", () => {
  const TRAINING = [HEED_TOKEN, ...AI_TOKENS.filter((t) => t.purposes.includes('ai-training')).map((t) => t.token)];
  const refusedTo = (imageUrl: string) => {
    const origin = files(new URL(imageUrl).origin);
    return TRAINING.filter((t) => evaluateRobots(origin.robots, imageUrl, 'image', { ...purposeProfile('ai-training'), robotsTokens: [t] }).some((e) => e.effect === 'deny'));
  };

  it.each([
    ['https://i0.wp.com/i.creativecommons.org/l/by-sa/3.0/de/88x31.png', ['GPTBot', 'CCBot', 'Google-Extended', 'FacebookBot', 'omgili', 'Omgilibot', 'Amazonbot']],
    ['https://upload.wikimedia.org/wikipedia/commons/thumb/8/8f/Angela_Merkel_10.jpg/256px-Angela_Merkel_10.jpg', []],
    ['https://upload.wikimedia.org/wikipedia/commons/archive/0/07/20100101000000%21Bob_Dylan_1996.jpg', TRAINING],
    ['https://en.wikipedia.org/static/images/poweredby_mediawiki_88x31.png', []],
    ['https://en.m.wikipedia.org/w/resources/assets/poweredby_mediawiki.svg', TRAINING],
    // No robots.txt saved for these hosts: 404, no restriction (RFC 9309 §2.3.1.3).
    ['https://live.staticflickr.com/4331/35634709043_a84aff38fc_s.jpg', []],
    ['https://murdeltas.files.wordpress.com/2015/04/sp014.jpg', []],
  ])('%s is refused to %j', (url, tokens) => {
    expect(new Set(refusedTo(url))).toEqual(new Set(tokens));
  });

  it("a Commons photo shown on a wordpress.com blog meets upload.wikimedia.org's file, not the blog's", () => {
    // The blog has no robots.txt saved (404); i0.wp.com refuses AI crawlers, upload.wikimedia.org only its archive/.
    const { decide } = collect(PAGES[3]!.url, PAGES[3]!.file);
    expect(decide('https://upload.wikimedia.org/wikipedia/commons/thumb/8/8f/Angela_Merkel_10.jpg/256px-Angela_Merkel_10.jpg').reasons).not.toContain('robots-disallow');
    expect(decide('https://i0.wp.com/i.creativecommons.org/l/by-sa/3.0/de/88x31.png').reasons).toContain('robots-disallow');
  });
});

/*
 * The Emden page writes a credit line under each photo, in the form Wikimedia Commons gives for
 * reuse: `<img …emden-7.jpg>` then `<p class="breadcrumb2">Foto: Matthias Süßen [<a
 * href="https://creativecommons.org/licenses/by/3.0">CC BY 3.0</a>], <a href="…commons…">via
 * Wikimedia Commons</a></p>` — plain links, no rel="license". The owner's licence for each photo
 * is its line's, not the footer's CC BY-SA 3.0 (which covers "Dieses Werk", the site's text).
 */
describe('credit lines under the photos (the real Emden page)', () => {
  const EMDEN = PAGES[2]!;
  const photo = (n: number | 'header') => `https://www.reisen-mit-dem-internet.de/wp-content/uploads/2019/05/emden-${n}.jpg`;

  it.each([
    ['header', ['https://creativecommons.org/licenses/by-sa/3.0']], // div.breadcrumb2 > p after the <img>
    [1, ['http://creativecommons.org/licenses/by-sa/3.0/']],
    [2, []], // "Foto: Max Liebermann [Public domain]": no link
    [4, ['https://creativecommons.org/licenses/by-sa/2.5']],
    [6, ['https://creativecommons.org/licenses/by/3.0']],
    [7, ['https://creativecommons.org/licenses/by/3.0']],
    [8, ['https://creativecommons.org/licenses/by-sa/3.0/de/deed.en']],
  ] as const)('emden-%s: its credit line links to %j', (n, urls) => {
    const { decide } = collect(EMDEN.url, EMDEN.file);
    expect(decide(photo(n)).hints.flatMap((h) => h.credited ?? [])).toEqual(urls);
  });

  it('a credit line naming an accepted licence grants nothing more and refuses nothing: emden-7 (CC BY 3.0) stays permitted, its line recorded', () => {
    const { decide } = collect(EMDEN.url, EMDEN.file);
    const d = decide(photo(7));
    expect(d.decision).toBe('permitted');
    expect(d.evidence).toContainEqual(expect.objectContaining({ kind: 'licence', effect: 'info', value: 'credit line: CC-BY-3.0' }));
  });

  it('the same page with emden-7 credited CC BY-NC 3.0: refused licence-not-accepted, not stored as the footer\'s CC BY-SA', () => {
    const nc = (html: string) => html.replace('<a href="https://creativecommons.org/licenses/by/3.0">CC BY 3.0</a>], <a href="https://commons.wikimedia.org/wiki/File:Innenraum', '<a href="https://creativecommons.org/licenses/by-nc/3.0">CC BY-NC 3.0</a>], <a href="https://commons.wikimedia.org/wiki/File:Innenraum');
    const { decide } = collect(EMDEN.url, EMDEN.file, nc);
    expect(decide(photo(7))).toMatchObject({ decision: 'refused', reasons: ['licence-not-accepted'], licence: 'CC-BY-NC-3.0', source: 'element' });
    // Its neighbours keep their own lines' accepted licences: permitted as before.
    expect(decide(photo(6)).decision).toBe('permitted');
  });
});
