import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readPageSignals } from '../../../utils/page/page-signals';
import { pageSignalsFromRaw, pageSignalsFromScan } from '../../../utils/page/received-signals';
import { RAW_LIMITS, readRawPageSignals } from '../../../utils/page/raw-page-signals';
import { RawPageSignalsSchema, ScannedPageSignalsSchema } from '../../../utils/messages/page-signals-schema';
import { purposeProfile } from '../../../utils/model/purposes';
import { PURPOSES } from '../../../utils/model/evidence';
import type { PageSignals } from '../../../utils/page/page-signals';
import { evaluateMetaRobots, MAX_NAME_READ } from '../../../utils/signals/meta-robots';
import { REAL_PAGES, realPage } from '../fixtures/realworld';

/** What Collect's scanner reads of a page, as the worker checks it on arrival and reads it. */
const readPage = (d: Document, url: string) => pageSignalsFromScan(ScannedPageSignalsSchema.parse(readPageSignals(d, url)));

const URL_ = 'https://site.test/page';
const doc = (head: string, body = '') => parseHTML(`<!doctype html><html><head><title>T</title>${head}</head><body>${body}</body></html>`).document as unknown as Document;

describe('raw page signals (always-on script) → page signals (background)', () => {
  it.each([
    ['robots meta', '<meta name="robots" content="noai, noimageai"><meta name="viewport" content="width=device-width">'],
    ['bot-specific meta', '<meta name="GPTBot" content="noindex">'],
    ['TDM meta', '<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="https://site.test/p">'],
    ['TDM meta as a property', '<meta property="tdm-reservation" content="1">'],
    ['TDM meta in its EPUB spelling', '<meta name="tdm:reservation" content="1"><meta property="tdm:policy" content="https://site.test/p">'],
    ['rel=license', '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'],
    ['RSL link', '<link rel="license" type="application/rsl+xml" href="/license.xml">'],
    // The badge read an RSL link typed with parameters as a plain licence link, and dropped one
    // whose URL was too long: Collect failed both closed while the badge showed the site open.
    ['RSL link typed with parameters, in any case', '<link rel="license" type="Application/RSL+xml; charset=utf-8" href="/license.xml">'],
    ['RSL link whose URL is too long', `<link rel="license" type="application/rsl+xml" href="/${'l'.repeat(3000)}.xml"><link rel="license" href="https://creativecommons.org/licenses/by/4.0/">`],
    ['RSL link whose href is not a URL', '<link rel="license" type="application/rsl+xml" href="http://[oops">'],
    ['JSON-LD licence and ImageObject', '<script type="application/ld+json">{"@context":"https://schema.org","license":"https://creativecommons.org/publicdomain/zero/1.0/","image":{"@type":"ImageObject","contentUrl":"/a.jpg","license":"https://creativecommons.org/licenses/by-nc/4.0/"}}</script>'],
    ['malformed JSON-LD', '<script type="application/ld+json">{oops</script>'],
    // The badge read every rel=license outside a figure as the page's, where Collect reads one in
    // a quotation, a comment or one of several articles as that part's: the badge showed a site
    // permitted whose page states no licence (helper audit). The page's one article states it.
    ['a licence in a quoted post', '<blockquote><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></blockquote>'],
    ['a licence in a comment', '<ol id="comments"><li class="comment"><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></li></ol>'],
    ['a licence in one of two articles', '<article><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></article><article></article>'],
    ['a licence in the page\'s one article', '<article><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></article>'],
    ['a licence in the one article beside one outside it', '<article><a rel="license" href="https://creativecommons.org/licenses/by-nc/4.0/">CC BY-NC</a></article><footer><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></footer>'],
    ['inline RSL', '<script type="application/rsl+xml; charset=utf-8"><rsl xmlns="https://rslstandard.org/rsl"><content url="/"/></rsl></script>'],
  ])('%s: the same signals as the full reader', (_name, head) => {
    const d = doc(head);
    const full = readPage(d, URL_);
    const light = pageSignalsFromRaw(readRawPageSignals(d, URL_));
    expect(light.metas).toEqual(full.metas);
    expect(light.tdm).toEqual(full.tdm);
    expect(light.licence.rslLinks).toEqual(full.licence.rslLinks);
    expect(light.licence.rslUnread).toEqual(full.licence.rslUnread);
    expect(light.rsl).toEqual(full.rsl);
    expect(light.licence.imageObjects).toEqual(full.licence.imageObjects);
    expect(light.licence.unreadable).toEqual(full.licence.unreadable);
    expect(light.licence.licences.map((l) => l.url).sort()).toEqual(full.licence.licences.map((l) => l.url).sort());
  });

  // The badge read no `property` TDM meta (nor either reader the EPUB `tdm:reservation`): the
  // page's reservation was lost and the site shown open (DESIGN.md §2 rule 3; fail closed).
  it.each(['<meta property="tdm-reservation" content="1">', '<meta name="tdm:reservation" content="1">', '<meta property="TDM:Reservation" content="1">'])(
    '%s: both readers read the reservation',
    (head) => {
      expect(readPage(doc(head), URL_).tdm.reservation).toBe('1');
      expect(pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).tdm.reservation).toBe('1');
    },
  );

  // The badge read `property`/`itemprop` metas only as `robots`: `<meta property="GPTBot"
  // content="noai">` refused on Collect while the badge showed the site open. It now sends every
  // property's name and the background decides, as for `name` metas: the lists differ (the badge's
  // also holds `og:title`, which binds no one), what they decide must not.
  it.each([
    '<meta property="GPTBot" content="noai">',
    '<meta itemprop="CCBot" content="noindex, noimageindex">',
    '<meta property="og:title" itemprop="robots" content="noimageai">',
    '<meta property="og:title" content="noai"><meta property="og:image" content="/a.jpg"><meta itemprop="name" content="noimageai">',
  ])('%s: the badge decides as Collect does, for every purpose', (head) => {
    for (const purpose of PURPOSES) {
      const denies = (metas: PageSignals['metas']) => evaluateMetaRobots(metas, URL_, purposeProfile(purpose)).filter((e) => e.effect === 'deny').map((e) => e.reason);
      expect(denies(pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).metas)).toEqual(denies(readPage(doc(head), URL_).metas));
    }
  });

  it('a robots meta written inside <noscript>: the badge reads it as Collect does', () => {
    const d = doc('<noscript><meta name="robots" content="noai, noimageai"><meta property="robots" content="noimageindex"></noscript>');
    // As a browser with scripting enabled parses it: the noscript's content is text.
    for (const ns of Array.from(d.querySelectorAll('noscript'))) ns.textContent = ns.innerHTML;
    const light = pageSignalsFromRaw(readRawPageSignals(d, URL_));
    expect(light.metas).toEqual(readPage(d, URL_).metas);
    expect(light.metas.map((m) => m.name)).toEqual(['robots']);
  });

  it('a figure-scoped licence is not a page licence', () => {
    const d = doc('', '<figure><img src="a.jpg"><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></figure>');
    expect(pageSignalsFromRaw(readRawPageSignals(d, URL_)).licence.licences).toEqual([]);
  });

  it('caps what a hostile page can make it send', () => {
    const metas = '<meta name="x" content="y">'.repeat(5000);
    const scripts = `<script type="application/ld+json">${'{"a":1}'.padEnd(300_000, ' ')}</script>`.repeat(10);
    const raw = readRawPageSignals(doc(metas + scripts), URL_);
    expect(raw.metas.length).toBeLessThanOrEqual(1000);
    expect(raw.jsonLd.join('').length).toBeLessThanOrEqual(1_000_000);
    expect(raw.jsonLdTruncated).toBe(true);
  });

  it('reads inline RSL licences as text: any media-type parameters, at most 3 and one more (there were more), an oversized one cut just past the cap', () => {
    const script = (body: string, type = 'application/rsl+xml') => `<script type="${type}">${body}</script>`;
    const d = doc(script('<rsl/>', 'Application/RSL+XML; charset=utf-8') + script('two') + script('not rsl', 'application/ld+json') + script('three') + script('four'));
    expect(readRawPageSignals(d, URL_).rsl).toEqual(['<rsl/>', 'two', 'three', 'four']);
    expect(readPage(d, URL_).rsl).toEqual(['<rsl/>', 'two', 'three', 'four']);
    const big = readRawPageSignals(doc(script('x'.repeat(600 * 1024))), URL_).rsl;
    expect(big[0]!.length).toBe(512 * 1024 + 1); // over the cap: unreadable when assessed, never silently cut to fit
    expect(readRawPageSignals(doc(''), URL_).rsl).toEqual([]);
  });
});

// DESIGN.md §2 rule 4 and site status: a licence of the page's text only is no page licence,
// for the badge (the always-on script's raw material) as for Collect.
describe('text-only page licences, from the raw material too', () => {
  it.each([
    ['real desktop Wikipedia', REAL_PAGES.wikipediaDesktop],
    ['real mobile Wikipedia file page', REAL_PAGES.wikipediaMobileFile],
  ])('%s: no page licence on either path', (_name, saved) => {
    const { url, doc: d } = realPage(saved);
    expect(readPage(d, url).licence.licences).toEqual([]);
    const light = pageSignalsFromRaw(readRawPageSignals(d, url));
    expect(light.licence.licences).toEqual([]);
    expect(light.licence.mediaWiki).toBe(true);
    expect(light.licence.textLicences?.length).toBeGreaterThan(0);
  });

  it('CC REL markup typing the work as Text: no page licence from the raw material', () => {
    const d = doc('', `<p><span href="http://purl.org/dc/dcmitype/Text" rel="dct:type">Essay</span> <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></p>`);
    expect(pageSignalsFromRaw(readRawPageSignals(d, URL_)).licence.licences).toEqual([]);
    expect(readPage(d, URL_).licence.licences).toEqual([]);
  });

  it('a real WordPress.com blog keeps its page licence on the raw path', () => {
    const { url, doc: d } = realPage(REAL_PAGES.wordpressBlog);
    expect(pageSignalsFromRaw(readRawPageSignals(d, url)).licence.licences).toEqual([{ via: 'rel', url: 'http://creativecommons.org/licenses/by/3.0/at/' }]);
  });
});

// `<meta http-equiv="X-Robots-Tag" content="noai">`: the header written into the page, a common
// slip. Google ignores it; the owner's opt-out is plain (DESIGN.md §2 rule 3; fail closed).
describe('an X-Robots-Tag written as a meta http-equiv', () => {
  const AI = purposeProfile('ai-training');
  const head = '<meta http-equiv="X-Robots-Tag" content="noai, noimageai"><meta http-equiv="content-type" content="text/html; charset=utf-8">';
  it.each([
    ['the full reader (Collect, popup)', () => readPage(doc(head), URL_).metas],
    ['the always-on reader (badge)', () => pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).metas],
  ])('%s reads it as a robots meta that opts out', (_, metas) => {
    expect(evaluateMetaRobots(metas(), URL_, AI).some((e) => e.effect === 'deny' && e.reason === 'meta-robots')).toBe(true);
  });
});

// The IETF aipref Content-Usage header and Cloudflare's Content-Signal written into the page as a
// meta (`http-equiv`, or `name`), as owners who cannot set headers write X-Robots-Tag: neither was
// read, and the page's `train-ai=n` refused nothing. Only their refusals count: a meta is no header.
describe('a Content-Usage or Content-Signal written as a meta', () => {
  const AI = purposeProfile('ai-training');
  it.each([
    '<meta http-equiv="Content-Usage" content="train-ai=n">',
    '<meta name="content-usage" content="train-ai=n">',
    '<meta http-equiv="Content-Signal" content="search=yes, ai-train=no">',
    '<meta name="content-signal" content="ai-train=no">',
  ])('%s refuses on Collect and the badge alike', (head) => {
    for (const metas of [readPage(doc(head), URL_).metas, pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).metas]) {
      expect(evaluateMetaRobots(metas, URL_, AI).some((e) => e.effect === 'deny' && e.reason === 'content-usage-n')).toBe(true);
    }
  });
  it('an http-equiv Content-Usage saying train-ai=n refuses the page’s images', () => {
    const metas = pageSignalsFromRaw(readRawPageSignals(doc('<meta http-equiv="Content-Usage" content="train-ai=n">'), URL_)).metas;
    expect(evaluateMetaRobots(metas, URL_, AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['content-usage-n']);
  });
  it('more such metas than Heed reads: the page’s images fail closed', () => {
    const head = `${Array.from({ length: 16 }, (_, i) => `<meta name="content-usage" content="search=y, x${i}=y">`).join('')}<meta name="content-usage" content="train-ai=n">`;
    for (const metas of [readPage(doc(head), URL_).metas, pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).metas]) {
      expect(evaluateMetaRobots(metas, URL_, AI).some((e) => e.effect === 'deny')).toBe(true);
    }
  });
  it('unchanged: one that says yes, or a value Heed cannot read, neither grants nor refuses', () => {
    for (const head of ['<meta http-equiv="Content-Usage" content="train-ai=y">', '<meta name="content-signal" content="ai-train=yes">', '<meta name="content-usage" content="((">']) {
      const metas = pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).metas;
      expect(evaluateMetaRobots(metas, URL_, AI).filter((e) => e.effect !== 'info')).toEqual([]);
    }
  });
});

// A meta carries a name in several attributes at once; the readers read `name` alone when it was
// there: `<meta name="description" property="robots" content="noai">`, an `http-equiv="X-Robots-Tag"`
// beside an empty or other `name`, and `http-equiv="robots"` (the header's name written as the
// meta's) refused nothing. Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the
// owner refused): a meta speaks under every name it carries.
describe('a robots meta named in more than one attribute, or as http-equiv robots', () => {
  const AI = purposeProfile('ai-training');
  it.each([
    '<meta name="description" property="robots" content="noai">',
    '<meta name="x" itemprop="GPTBot" content="noimageai">',
    '<meta name="" http-equiv="X-Robots-Tag" content="noai">',
    '<meta name="description" http-equiv="X-Robots-Tag" content="noai">',
    '<meta http-equiv="robots" content="noai">',
  ])('%s refuses on Collect and the badge alike', (head) => {
    for (const metas of [readPage(doc(head), URL_).metas, pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).metas]) {
      expect(evaluateMetaRobots(metas, URL_, AI).some((e) => e.effect === 'deny' && e.reason === 'meta-robots')).toBe(true);
    }
  });
  it('a TDMRep reservation written as a property beside another name still reserves', () => {
    const head = '<meta name="x" property="tdm-reservation" content="1">';
    expect(readPage(doc(head), URL_).tdm.reservation).toBe('1');
    expect(pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).tdm.reservation).toBe('1');
  });
  it('a description and an Open Graph property that merely mention noai stay prose', () => {
    const head = '<meta name="description" property="og:description" content="noai art, made by hand">';
    expect(evaluateMetaRobots(readPage(doc(head), URL_).metas, URL_, AI).some((e) => e.effect === 'deny')).toBe(false);
  });
});

// A robots meta written inside a <template> (a component's markup, a page shell a script clones
// in) is inert for the browser, but in the page's HTML for any crawler that reads it as written:
// neither reader saw it, and its noai refused nothing. Decision (DESIGN.md §2 rule 3, the owner
// wrote the opt-out; read as the metas inside <noscript> are): it counts, nested templates too;
// past the templates read, one more meta says some went unread, which refuses (rule 5).
describe('a robots meta written inside a <template>', () => {
  const AI = purposeProfile('ai-training');
  const refusesOnBoth = (head: string, body = '') =>
    [readPage(doc(head, body), URL_).metas, pageSignalsFromRaw(readRawPageSignals(doc(head, body), URL_)).metas].map((metas) =>
      evaluateMetaRobots(metas, URL_, AI).some((e) => e.effect === 'deny'));
  it('refuses on Collect and the badge alike, in the head, the body or a nested template', () => {
    expect(refusesOnBoth('<template><meta name="robots" content="noai"></template>')).toEqual([true, true]);
    expect(refusesOnBoth('', '<template id="card"><div><meta name="GPTBot" content="noimageai"></div></template>')).toEqual([true, true]);
    expect(refusesOnBoth('', '<template><template><meta name="robots" content="noai"></template></template>')).toEqual([true, true]);
  });
  it('a TDMRep reservation inside a template reserves', () => {
    expect(pageSignalsFromRaw(readRawPageSignals(doc('<template><meta name="tdm-reservation" content="1"></template>'), URL_)).tdm.reservation).toBe('1');
  });
  it('a template whose content cannot be read leaves its metas unread, which refuses; the page is still read', () => {
    const d = doc('<template id="t"><meta name="robots" content="index"></template><meta name="tdm-reservation" content="1">');
    Object.defineProperty(d.getElementById('t')!, 'content', { get: () => { throw new Error('hostile'); } });
    const raw = pageSignalsFromRaw(readRawPageSignals(d, URL_));
    expect(evaluateMetaRobots(raw.metas, URL_, AI).some((e) => e.effect === 'deny' && e.reason === 'signal-unreadable')).toBe(true);
    expect(raw.tdm.reservation).toBe('1');
  });
  it('templates past those read leave their metas unread, which refuses; templates without metas refuse nothing', () => {
    const many = Array.from({ length: 101 }, () => '<template><meta name="x" content="y"></template>').join('');
    expect(refusesOnBoth('', many)).toEqual([true, true]);
    expect(refusesOnBoth('', Array.from({ length: 300 }, () => '<template><p>card</p></template>').join(''))).toEqual([false, false]);
  });
});

// The badge (always-on reader) read the first 1000 metas and 4096 characters of each: a page
// that put 1000 other metas, or a long run of words, before its `noai` was shown open while
// Collect refused it (DESIGN.md §2 rule 3; the badge must read what Collect reads).
describe('the badge reads an opt-out however many metas or words come first', () => {
  const AI = purposeProfile('ai-training');
  const refuses = (head: string) => evaluateMetaRobots(pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).metas, URL_, AI).some((e) => e.effect === 'deny');
  it('a robots meta after 1000 others', () => {
    const junk = Array.from({ length: 1000 }, (_, i) => `<meta name="x${i}" content="y">`).join('');
    expect(refuses(`${junk}<meta name="robots" content="noai">`)).toBe(true);
    expect(refuses(`${junk}<meta name="GPTBot" content="noimageai">`)).toBe(true);
    expect(pageSignalsFromRaw(readRawPageSignals(doc(`${junk}<meta name="tdm-reservation" content="1">`), URL_)).tdm.reservation).toBe('1');
  });
  // The badge read `property`/`itemprop` metas only as `robots`: `<meta property="GPTBot"
  // content="noai">` refused on Collect and the badge showed the site open.
  it('a crawler token as a property or itemprop, after 1000 others', () => {
    const junk = Array.from({ length: 1000 }, (_, i) => `<meta property="og:x${i}" content="y">`).join('');
    expect(refuses(`${junk}<meta property="GPTBot" content="noai">`)).toBe(true);
    expect(refuses(`<meta itemprop="GPTBot" content="noimageai">`)).toBe(true);
  });
  it('a robots meta after 1000 others of the same name', () => {
    const many = Array.from({ length: 1100 }, (_, i) => `<meta name="robots" content="index ${i}">`).join('');
    expect(refuses(`${many}<meta name="robots" content="noai">`)).toBe(true);
  });
  it('an opt-out word past the first 4096 characters of content', () => {
    expect(refuses(`<meta name="robots" content="${'index, '.repeat(800)}noai">`)).toBe(true);
  });
  // The refusals meta-robots.ts reads since (made-up words, a use and a no, every-AI names) were
  // unknown to this reader's sorting: after 1000 other metas, or past 4096 characters, they were cut.
  it('a made-up refusal word, a use-and-no or a meta named AI or robot, after 1000 others or 4096 characters', () => {
    const junk = Array.from({ length: 1000 }, (_, i) => `<meta name="x${i}" content="y">`).join('');
    expect(refuses(`${junk}<meta name="AI" content="noml">`)).toBe(true);
    expect(refuses(`${junk}<meta name="robot" content="noindex">`)).toBe(true);
    expect(refuses(`${junk}<meta name="X-Robots-Tag" content="noindex">`)).toBe(true);
    expect(refuses(`<meta name="robots" content="${'index, '.repeat(800)}noml">`)).toBe(true);
    expect(refuses(`<meta name="robots" content="${'index, '.repeat(800)}ai-training=no">`)).toBe(true);
  });
  it('unchanged: 1000 other metas and a long content that refuse nothing refuse nothing', () => {
    const junk = Array.from({ length: 1000 }, (_, i) => `<meta name="x${i}" content="y">`).join('');
    expect(refuses(`${junk}<meta name="description" content="no">`)).toBe(false);
    expect(refuses(`<meta name="robots" content="${'index, '.repeat(800)}nofollow">`)).toBe(false);
  });
});


// More rel="license" links than the badge reads: the rest may conflict with those read, so the
// page licence is not relied on (assess.ts) — as the full reader flags it. The badge did not flag
// it, and showed the site permitted on the first 100 links' CC BY.
it('more licence links than the badge reads: flagged truncated, as the full reader does', () => {
  const links = Array.from({ length: 100 }, (_, i) => `<link rel="license" href="https://creativecommons.org/licenses/by/4.0/?v=${i}">`).join('');
  const d = doc(`${links}<link rel="license" href="https://creativecommons.org/licenses/by-nc/4.0/">`);
  expect(readPage(d, URL_).licence.truncated).toBe(true);
  expect(pageSignalsFromRaw(readRawPageSignals(d, URL_)).licence.truncated).toBe(true);
});

// A licence link's `type` of any length: the message was refused whole when it passed 200
// characters, and the badge showed no status at all for the page (its robots meta unread).
describe('a licence link with a very long type', () => {
  const read = (head: string) => {
    const parsed = RawPageSignalsSchema.safeParse(readRawPageSignals(doc(head), URL_));
    expect(parsed.success).toBe(true);
    return pageSignalsFromRaw(parsed.data!);
  };
  it('the page\'s other signals still arrive', () => {
    const signals = read(`<link rel="license" type="${'x'.repeat(5000)}" href="https://creativecommons.org/licenses/by/4.0/"><meta name="robots" content="noai">`);
    expect(evaluateMetaRobots(signals.metas, URL_, purposeProfile('ai-training')).some((e) => e.effect === 'deny')).toBe(true);
  });
  it('an RSL type past the first 200 characters is still RSL, as the full reader reads it', () => {
    const head = `<link rel="license" type="${' '.repeat(300)}application/rsl+xml" href="/license.xml">`;
    expect(read(head).licence.rslLinks).toEqual(readPage(doc(head), URL_).licence.rslLinks);
    expect(read(head).licence.rslLinks).toEqual(['https://site.test/license.xml']);
  });
});

// The badge's reading, as Collect's: a page-level licence link whose URL Heed cannot read, or a
// JSON-LD licence stated but not read, means the page licence licenses no image (licenceUnread).
describe('the badge marks a page licence statement it cannot read, as Collect does', () => {
  const BY = 'https://creativecommons.org/licenses/by/4.0/';
  const read = (head: string) => {
    const d = parseHTML(`<!doctype html><html><head><title>T</title>${head}</head><body></body></html>`).document as unknown as Document;
    return { light: pageSignalsFromRaw(readRawPageSignals(d, 'https://ex.test/p')).licence, full: readPage(d, 'https://ex.test/p').licence };
  };
  it.each([
    ['a rel=license link to javascript:', `<link rel="license" href="${BY}"><a rel="license" href="javascript:void(0)">All rights reserved</a>`],
    ['a JSON-LD licence written as a notice', `<link rel="license" href="${BY}"><script type="application/ld+json">{"@type":"WebPage","license":"Copyright: all rights reserved"}</script>`],
  ])('%s', (_, head) => {
    const { light, full } = read(head);
    expect(light.licenceUnread).toBe(true);
    expect(full.licenceUnread).toBe(true);
  });
  it('a readable page licence alone is not marked', () => {
    expect(read(`<link rel="license" href="${BY}">`).light.licenceUnread).toBeUndefined();
  });
});
// Caps that cut a refusal (a name list over 200 characters, opt-outs spelt another way past the
// content budget, metas inside <noscript> past what is read): the badge dropped them as Collect
// did. Both now keep the refusal or fail closed, and decide alike, for every purpose.
describe('the badge and Collect keep a refusal past their caps, and decide alike', () => {
  const crawlers = ['GPTBot', 'ChatGPT-User', 'OAI-SearchBot', 'CCBot', 'Google-Extended', 'anthropic-ai', 'ClaudeBot', 'Claude-Web', 'Bytespider', 'PerplexityBot', 'Applebot-Extended', 'Meta-ExternalAgent', 'FacebookBot', 'cohere-ai', 'Diffbot', 'Omgilibot', 'ImagesiftBot', 'Timpibot', 'YouBot', 'Amazonbot', 'AI2Bot', 'img2dataset'].join(', ');
  const longList = `${Array.from({ length: 2000 }, (_, i) => `bot${i}`).join(', ')}, CCBot`;
  const filler = Array.from({ length: 200 }, (_, i) => `max-snippet: ${i}`).join(', ');
  const noscripts = (n: number, inner: string) => `<noscript>${inner}</noscript>`.repeat(n);
  const scripted = (d: Document) => {
    for (const ns of Array.from(d.querySelectorAll('noscript'))) ns.textContent = ns.innerHTML;
    return d;
  };
  const badge = (d: Document) => {
    const parsed = RawPageSignalsSchema.safeParse(readRawPageSignals(d, URL_));
    expect(parsed.success).toBe(true);
    return pageSignalsFromRaw(parsed.data!).metas;
  };
  const denies = (metas: PageSignals['metas'], purpose: (typeof PURPOSES)[number]) =>
    [...new Set(evaluateMetaRobots(metas, URL_, purposeProfile(purpose)).filter((e) => e.effect === 'deny').map((e) => e.reason))];
  it.each<[string, string, string[]]>([
    ['a name list of 22 AI crawlers', `<meta name="${crawlers}" content="noai, noimageai">`, ['meta-robots']],
    ['a name list too long to read', `<meta name="${longList}" content="noai">`, ['meta-robots']],
    ['a benign name list too long to read', `<meta name="${longList}" content="index, follow">`, []],
    ['no-ai past the content budget', `<meta name="robots" content="${filler}, no-ai">`, ['meta-robots']],
    ['CCBot: noai past the content budget', `<meta name="robots" content="${filler}, CCBot: noai">`, ['meta-robots']],
    ['a passed unavailable_after past the content budget', `<meta name="robots" content="${filler}, unavailable_after: 2001-01-01">`, ['meta-robots']],
    ['metas in a <noscript> past the 100th', `${noscripts(100, '<meta name="description" content="x">')}${noscripts(1, '<meta name="robots" content="noai">')}`, ['signal-unreadable']],
    ['a meta past 64 KiB of a <noscript>', noscripts(1, `${'<p>x</p>'.repeat(9000)}<meta name="robots" content="noai">`), ['signal-unreadable']],
    // The badge sent the first 1,000 metas that may refuse: a page writing 1,200 other crawlers'
    // `noindex` (or 1,000 benign robots metas before its TDMRep reservation) crowded out the one
    // that binds Heed, and an `unavailable_after` past the 4 KiB content cap was cut off. Collect's
    // scanner now sends the same metas: the left-out ones read as unread, the date is kept.
    ['1,200 other crawlers\' opt-outs before the robots meta', `${Array.from({ length: 1200 }, (_, i) => `<meta name="bot${i}" content="noindex">`).join('')}<meta name="robots" content="noai">`, ['signal-unreadable']],
    ['1,000 robots metas before a TDMRep reservation', `${Array.from({ length: 1000 }, (_, i) => `<meta name="robots" content="w${i}">`).join('')}<meta name="tdm-reservation" content="1">`, ['signal-unreadable']],
    ['a passed unavailable_after past 4 KiB', `<meta name="robots" content="${'a, '.repeat(2000)}unavailable_after: 2001-01-01">`, ['meta-robots']],
    ['full-width ＮＯＡＩ', '<meta name="robots" content="ＮＯＡＩ">', ['meta-robots']],
    ['full-width ＮＯＡＩ past 4 KiB', `<meta name="robots" content="${'a, '.repeat(2000)}ＮＯＡＩ">`, ['meta-robots']],
    ['no­ai with a soft hyphen past 4 KiB', `<meta name="robots" content="${'a, '.repeat(2000)}no\u00adai">`, ['meta-robots']],
    ['a future unavailable_after past 4 KiB', `<meta name="robots" content="${'a, '.repeat(2000)}unavailable_after: 2999-01-01">`, []],
    ['300 <noscript> images, then a benign robots meta', `${noscripts(300, '<img src="a.jpg">')}${noscripts(1, '<meta name="robots" content="index, follow">')}`, []],
  ])('%s', (_name, head, expected) => {
    const d = scripted(doc(head));
    const full = readPage(d, URL_).metas;
    const light = badge(d);
    for (const purpose of PURPOSES) {
      expect(denies(full, purpose), purpose).toEqual(expected);
      expect(denies(light, purpose), purpose).toEqual(expected);
    }
  });
});

it('a name list cut where a space falls is still read as cut, by both readers', () => {
  const name = `${'x'.repeat(9_999)} ${'GPTBot '.repeat(10)}`;
  const head = `<meta name="${name}" content="noai">`;
  const AI = purposeProfile('ai-training');
  const refuses = (metas: PageSignals['metas']) => evaluateMetaRobots(metas, URL_, AI).some((e) => e.effect === 'deny');
  expect(refuses(readPage(doc(head), URL_).metas)).toBe(true);
  expect(refuses(pageSignalsFromRaw(readRawPageSignals(doc(head), URL_)).metas)).toBe(true);
});

it('the badge sends as much of a meta name as the background reads as a list', () => {
  expect(RAW_LIMITS.name).toBe(MAX_NAME_READ);
});

describe("Collect's scan sends JSON-LD unparsed; the worker reads it (issue 17)", () => {
  const BY = 'https://creativecommons.org/licenses/by/4.0/';
  const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;

  it('reads the same licence and ImageObjects from the texts as from the page', () => {
    const d = doc(ld(`{"@type":"WebPage","license":"${BY}"}`) + ld(`{"@type":"ImageObject","contentUrl":"/a.jpg","license":"https://creativecommons.org/licenses/by-nc/4.0/"}`));
    const scanned = ScannedPageSignalsSchema.parse(readPageSignals(d, URL_));
    expect(scanned.licence.jsonLd).toHaveLength(2);
    const { licence } = pageSignalsFromScan(scanned);
    expect(licence.licences).toEqual([{ via: 'json-ld', url: BY }]);
    expect(licence.imageObjects.map((io) => [io.contentUrl, io.license])).toEqual([['https://site.test/a.jpg', ['https://creativecommons.org/licenses/by-nc/4.0/']]]);
  });

  it('sends a script too large to read as null, which reads as too large, and the message passes its check', () => {
    const d = doc(ld(`{"@type":"WebPage","license":"${BY}","x":"${'y'.repeat(1_100_000)}"}`) + ld(`{"@type":"WebPage","license":"${BY}"}`));
    const sent = readPageSignals(d, URL_);
    expect(sent.licence.jsonLd[0]).toBeNull();
    const { licence } = pageSignalsFromScan(ScannedPageSignalsSchema.parse(sent));
    expect(licence.unreadable).toEqual([{ via: 'json-ld', index: 0, reason: 'too-large' }]);
  });

  it('past the scripts it sends, the page licence reads as truncated (a licence may be in those not sent)', () => {
    const d = doc(ld('{}').repeat(1_000) + ld(`{"@type":"WebPage","license":"https://example.test/all-rights-reserved"}`), `<a rel="license" href="${BY}">CC BY</a>`);
    const sent = readPageSignals(d, URL_);
    expect(sent.licence.jsonLd).toHaveLength(1_000);
    const { licence } = pageSignalsFromScan(ScannedPageSignalsSchema.parse(sent));
    expect(licence.truncated).toBe(true);
  });
});
