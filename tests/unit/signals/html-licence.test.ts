import { repairSlips } from '../../../utils/signals/html-licence/json-ld';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  ElementLicenceHintSchema,
  PageLicenceSignalsSchema,
  elementLicenceUnread,
  licenceFindings,
  readElementLicence,
  readPageLicenceSignals,
  type PageLicenceSignals,
} from '../../../utils/signals/html-licence';
import { REAL_PAGES, realPage } from '../fixtures/realworld';
import { ElementLicences } from '../../../utils/scan/licence';

const PAGE = 'https://ex.test/gallery/page.html';
const BY = 'https://creativecommons.org/licenses/by/4.0/';
const BY_SA = 'https://creativecommons.org/licenses/by-sa/4.0/';
const BY_NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const PDM = 'https://creativecommons.org/publicdomain/mark/1.0/';

function doc(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}
function page(html: string, url = PAGE): PageLicenceSignals {
  const signals = readPageLicenceSignals(doc(html), url);
  // Every output must survive the message schema and a JSON round trip.
  expect(PageLicenceSignalsSchema.parse(JSON.parse(JSON.stringify(signals)))).toEqual(signals);
  return signals;
}
function hints(html: string, id = 'img') {
  const d = doc(html);
  const img = d.getElementById(id);
  if (!img) throw new Error(`no #${id}`);
  const out = readElementLicence(img, PAGE);
  for (const h of out) ElementLicenceHintSchema.parse(h);
  return out;
}
const EMPTY: Omit<PageLicenceSignals, 'pageUrl'> = { licences: [], rslLinks: [], imageObjects: [], unreadable: [], truncated: false };

describe('readPageLicenceSignals: rel=license, RDFa, microdata', () => {
  it('reads page-level statements and skips figure-, image- and media-scoped ones', () => {
    const html = `<!doctype html><html prefix="lic: http://creativecommons.org/ns#"><head>
      <base href="/gallery/sub/">
      <link rel="stylesheet License" href="${BY}">
      <link rel="license" type="application/rsl+xml" href="/license.xml">
      <meta property="dcterms:license" content="https://creativecommons.org/licenses/by-sa/4.0/deed.de">
    </head><body vocab="http://schema.org/">
      <footer><a rel="nofollow LICENSE" href="https://creativecommons.org/licenses/by/4.0/legalcode">CC BY</a>
        <span property="cc:license" resource="${BY}"></span>
        <a rel="xhv:license" href="../terms.html">Terms</a>
        <a rel="lic:license" href="${CC0}">CC0</a>
        <map><area rel="license" href="${PDM}" alt=""></map>
        <a rel="licence" href="https://example.com/typo">not a licence link</a>
        <a rel="license">no href</a>
        <a rel="license" href="javascript:alert(1)">js</a>
      </footer>
      <figure><img src="a.jpg"><a rel="license" href="${BY_NC}">in a figure</a></figure>
      <div about="b.jpg"><a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">about an image</a></div>
      <div itemscope itemtype="https://schema.org/WebPage"><link itemprop="license" href="https://creativecommons.org/licenses/by/3.0/">
        <div itemprop="primaryImageOfPage" itemscope itemtype="https://schema.org/ImageObject"><link itemprop="license" href="https://creativecommons.org/licenses/by-nc/3.0/"></div>
      </div>
      <div itemscope itemtype="https://schema.org/VideoObject"><link itemprop="license" href="https://creativecommons.org/licenses/by-nc-sa/4.0/"></div>
    </body></html>`;
    expect(page(html)).toEqual({
      pageUrl: PAGE,
      licences: [
        { via: 'rel', url: BY },
        { via: 'rdfa', url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.de' },
        { via: 'rel', url: 'https://creativecommons.org/licenses/by/4.0/legalcode' },
        { via: 'rdfa', url: BY },
        { via: 'rdfa', url: 'https://ex.test/gallery/terms.html' },
        { via: 'rdfa', url: CC0 },
        { via: 'rel', url: PDM },
        { via: 'microdata', url: 'https://creativecommons.org/licenses/by/3.0/' },
      ],
      rslLinks: ['https://ex.test/license.xml'],
      // `<a rel="license">no href</a>` and the javascript: link state a licence Heed cannot read:
      // marked, so the page licence licenses no image (they were dropped without a word before).
      licenceUnread: true,
      // The ccREL block about b.jpg is that image's own statement, wherever the image is shown.
      imageObjects: [
        {
          contentUrl: 'https://ex.test/gallery/sub/b.jpg', license: ['https://creativecommons.org/licenses/by-nd/4.0/'],
          acquireLicensePage: null, creditText: null, creator: null, copyrightNotice: null, name: null,
        },
      ],
      unreadable: [],
      truncated: false,
    });
  });

  it('reads the Creative Commons chooser snippets (old and new) as page licences', () => {
    const old = `<a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/"><img alt="Creative Commons Licence"
      src="https://i.creativecommons.org/l/by-sa/4.0/88x31.png" /></a><br />This work by <span xmlns:cc="http://creativecommons.org/ns#"
      property="cc:attributionName">Ann</span> is licensed under a <a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.`;
    const chooser = `<p xmlns:cc="http://creativecommons.org/ns#" xmlns:dct="http://purl.org/dc/terms/"><a property="dct:title"
      rel="cc:attributionURL" href="https://ex.test/work">Fox</a> by <a rel="cc:attributionURL dct:creator" property="cc:attributionName"
      href="https://ex.test/ann">Ann</a> is licensed under <a href="https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1"
      target="_blank" rel="license noopener noreferrer">CC BY 4.0<img src="https://mirrors.creativecommons.org/presskit/icons/cc.svg?ref=chooser-v1"></a></p>`;
    expect(page(old + chooser).licences).toEqual([
      { via: 'rel', url: 'http://creativecommons.org/licenses/by-sa/4.0/' },
      { via: 'rel', url: 'https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1' },
    ]);
    expect(hints(`<figure><img id="img" src="fox.jpg"><figcaption>${chooser}</figcaption></figure>`)).toEqual([
      { via: 'figure', licences: ['https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1'], creator: 'Ann', title: 'Fox', creditText: null, attributionUrl: 'https://ex.test/work' },
    ]);
  });

  it('treats about="" and about=<page URL> as the page, about="#frag" as something else', () => {
    const html = `<div about=""><a rel="license" href="${BY}">a</a></div>
      <div about="${PAGE}"><span property="cc:license" resource="${BY_SA}"></span></div>
      <div about="#photo"><a rel="license" href="${BY_NC}">c</a></div>`;
    expect(page(html).licences).toEqual([
      { via: 'rel', url: BY },
      { via: 'rdfa', url: BY_SA },
    ]);
  });

  it('honours a page-declared prefix over the default one', () => {
    const html = `<div prefix="cc: https://evil.example/ns#"><span property="cc:license" resource="${BY}"></span></div>
      <div xmlns:cc="http://creativecommons.org/ns#"><span property="cc:license" resource="${BY_SA}"></span></div>`;
    expect(page(html).licences).toEqual([{ via: 'rdfa', url: BY_SA }]);
  });

  it('keeps markup inside attributes as data, resolved and escaped by the URL parser', () => {
    const html = `<a rel="license" href="https://creativecommons.org/licenses/by/4.0/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</a>
      <a rel="license" href="  /licence?a=<b>  ">y</a>`;
    expect(page(html).licences).toEqual([
      { via: 'rel', url: 'https://creativecommons.org/licenses/by/4.0/%22%3E%3Cscript%3Ealert(1)%3C/script%3E' },
      { via: 'rel', url: 'https://ex.test/licence?a=%3Cb%3E' },
    ]);
  });

  it('returns an empty result for a page URL that is not http(s), and for an empty document', () => {
    expect(page(`<a rel="license" href="${BY}">x</a>`, 'not a url')).toEqual({ pageUrl: '', ...EMPTY });
    expect(page('')).toEqual({ pageUrl: PAGE, ...EMPTY });
  });
});

describe('readPageLicenceSignals: JSON-LD', () => {
  const ld = (json: string, type = 'application/ld+json') => `<script type="${type}">${json}</script>`;

  it('reads top-level licences and every ImageObject, through @graph, arrays and nesting', () => {
    const html = `<head><base href="https://cdn.ex.test/"></head>
      ${ld(`{"@context":"https://schema.org","@graph":[
        {"@type":"WebPage","@id":"${PAGE}#webpage","license":{"@id":"${BY}"},"primaryImageOfPage":{"@type":"ImageObject","contentUrl":"/img/fox.jpg",
          "license":"${BY_SA}","acquireLicensePage":"/licensing","creditText":"  Ann / Ex  ","creator":{"@type":"Person","name":"Ann"},
          "copyrightNotice":"© 2025 Ann","name":"Fox"}},
        {"@type":"Article","isPartOf":{"@id":"${PAGE}#webpage"},"schema:license":{"@type":"CreativeWork","url":"${CC0}"},
          "image":[{"@type":["ImageObject"],"contentUrl":["a.jpg","http://ex.test/b.jpg"],"license":["${PDM}","${BY}"],
            "creator":[{"@type":"Person","name":"Bo"},{"@type":"Organization","name":"Org"},"Cy"]}]}]}`)}
      ${ld(`[{"@type":"CreativeWork","http://schema.org/license":"${BY}"},{"@type":"VideoObject","license":"${BY_NC}"}]`, 'Application/LD+JSON; charset=utf-8')}
      ${ld(`<!--{"@type":"Photograph","contentUrl":"c.jpg","license":"${BY}"}-->`)}
      ${ld('   ')}
      ${ld('{"@type":"ImageObject","license":"https://creativecommons.org/licenses/by/4.0/"}')}`;
    expect(page(html)).toEqual({
      pageUrl: PAGE,
      licences: [
        { via: 'json-ld', url: BY },
        { via: 'json-ld', url: CC0 },
      ],
      rslLinks: [],
      imageObjects: [
        {
          contentUrl: 'https://cdn.ex.test/img/fox.jpg',
          license: [BY_SA],
          acquireLicensePage: 'https://cdn.ex.test/licensing',
          creditText: 'Ann / Ex',
          creator: 'Ann',
          copyrightNotice: '© 2025 Ann',
          name: 'Fox',
        },
        ...['https://cdn.ex.test/a.jpg', 'http://ex.test/b.jpg'].map((contentUrl) => ({
          contentUrl,
          license: [PDM, BY],
          acquireLicensePage: null,
          creditText: null,
          creator: 'Bo, Org, Cy',
          copyrightNotice: null,
          name: null,
        })),
        { contentUrl: 'https://cdn.ex.test/c.jpg', license: [BY], acquireLicensePage: null, creditText: null, creator: null, copyrightNotice: null, name: null },
      ],
      // The unlinked CreativeWork beside the WebPage node is another work; its licence is one of the page's (assess.ts).
      otherWorkLicences: [BY],
      unreadable: [],
      truncated: false,
    });
  });

  it('reads JSON-LD with a trailing comma or a raw line break in a string, as its author meant', () => {
    const html = ld(`{"@type":"ImageObject","contentUrl":"/a.jpg","description":"two\nlines\tand a tab","license":"${BY_NC}",}`) + ld(`[{"license":"${BY}"},]`);
    const out = page(html);
    expect(out.unreadable).toEqual([]);
    expect(out.imageObjects.map((o) => o.license)).toEqual([[BY_NC]]);
    expect(out.licences).toEqual([{ via: 'json-ld', url: BY }]);
  });

  it('records malformed JSON-LD as unreadable and keeps reading the rest', () => {
    const html = `${ld('{"license": ')}${ld(`{"license":"${BY}"}`)}${ld('{"a":1,,}')}${ld('<p>not json</p>')}`;
    expect(page(html)).toEqual({
      pageUrl: PAGE,
      ...EMPTY,
      licences: [{ via: 'json-ld', url: BY }],
      unreadable: [
        { via: 'json-ld', index: 0, reason: 'malformed' },
        { via: 'json-ld', index: 2, reason: 'malformed' },
        { via: 'json-ld', index: 3, reason: 'malformed' },
      ],
    });
  });

  it('keeps text as data: markup in JSON-LD strings is trimmed and capped, never interpreted', () => {
    const name = `<img src=x onerror=alert(1)>${'n'.repeat(600)}`;
    const html = ld(JSON.stringify({ '@type': 'ImageObject', contentUrl: 'javascript:alert(1)' }) + '') +
      ld(JSON.stringify({ '@type': 'ImageObject', contentUrl: '/x.jpg', name, license: ['data:,x', BY] }));
    const out = page(html);
    expect(out.imageObjects).toEqual([
      // The data: licence is not a URL Heed reads: unread, beside the CC BY that is (fails closed).
      { contentUrl: 'https://ex.test/x.jpg', license: [BY], licenseUnread: true, acquireLicensePage: null, creditText: null, creator: null, copyrightNotice: null, name: name.slice(0, 500) },
    ]);
  });

  it('refuses a 5,000-deep document quickly, without recursion', () => {
    const deep = `${'{"a":'.repeat(5000)}{"license":"${BY}"}${'}'.repeat(5000)}`;
    const arrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const d = doc(ld(deep) + ld(arrays) + ld(`{"license":"${BY_SA}"}`));
    const out = readPageLicenceSignals(d, PAGE);
    expect(out).toEqual({
      pageUrl: PAGE,
      ...EMPTY,
      licences: [{ via: 'json-ld', url: BY_SA }],
      unreadable: [
        { via: 'json-ld', index: 0, reason: 'too-deep' },
        { via: 'json-ld', index: 1, reason: 'too-deep' },
      ],
    });
  });

  it('reads a document nested to the depth limit (64)', () => {
    const json = `${'{"a":'.repeat(62)}{"@type":"ImageObject","contentUrl":"/d.jpg","license":"${BY}"}${'}'.repeat(62)}`;
    expect(page(ld(json)).imageObjects.map((io) => io.contentUrl)).toEqual(['https://ex.test/d.jpg']);
  });

  it('reads 1 MB of JSON-LD within the caps, and records a larger script as too large', () => {
    const item = (i: number) => `{"@type":"ImageObject","contentUrl":"/img/${i}.jpg","license":"${BY}","name":"Image number ${i}"}`;
    const items: string[] = [];
    let size = 2;
    for (let i = 0; size < 990_000; i++) size += (items[items.push(item(i)) - 1]?.length ?? 0) + 1;
    const big = `[${items.join(',')}]`;
    expect(big.length).toBeGreaterThan(980_000);
    const d = doc(ld(big) + ld(`${big} `.repeat(2)));
    const out = readPageLicenceSignals(d, PAGE);
    expect(out.imageObjects).toHaveLength(500);
    expect(out.imageObjects[499]?.contentUrl).toBe('https://ex.test/img/499.jpg');
    expect(out.unreadable).toEqual([{ via: 'json-ld', index: 1, reason: 'too-large' }]);
    expect(out.truncated).toBe(true);
  });
});

describe('readPageLicenceSignals: hostile documents', () => {
  it('caps 10,000 licence links at 100 entries, quickly', () => {
    const links = Array.from({ length: 10_000 }, (_, i) => `<a rel="license" href="/l/${i}">${i}</a>`).join('');
    const d = doc(`<body>${links}</body>`);
    const out = readPageLicenceSignals(d, PAGE);
    expect(out.licences).toHaveLength(100);
    expect(out.licences[99]).toEqual({ via: 'rel', url: 'https://ex.test/l/99' });
    expect(out.truncated).toBe(true);
  });

  it('examines at most 20,000 marked-up elements and says so', () => {
    const d = doc(`<link rel="license" href="${BY}">${'<br rel=x>'.repeat(20_000)}<link rel="license" href="${CC0}">`);
    expect(readPageLicenceSignals(d, PAGE)).toEqual({ pageUrl: PAGE, ...EMPTY, licences: [{ via: 'rel', url: BY }], truncated: true });
  });

  it('does not treat a licence nested deeper than the ancestor cap as page-level', () => {
    const d = doc(`<body>${'<div>'.repeat(300)}<a rel="license" href="${BY}">x</a>${'</div>'.repeat(300)}<link rel="license" href="${BY_SA}"></body>`);
    expect(readPageLicenceSignals(d, PAGE).licences).toEqual([{ via: 'rel', url: BY_SA }]);
  });

  it('never throws on arbitrary markup', () => {
    const piece = fc.constantFrom(
      '<a rel="license" href="', '<link rel="cc:license" href=', '<div about="', '<figure>', '</figure>', '<div itemscope itemtype="ImageObject">',
      '<span property="license" content="', '<script type="application/ld+json">', '</script>', '{"license":', '"@graph":[', '<img src="a.jpg" id="img">',
      '">', '"', "'", '<', '>', ']', '}', BY, 'http://[', '&quot;', '\u0000',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 30 }), (parts) => {
        const html = parts.join('');
        const d = doc(html);
        const out = readPageLicenceSignals(d, PAGE);
        PageLicenceSignalsSchema.parse(out);
        for (const img of Array.from(d.querySelectorAll('img'))) readElementLicence(img, PAGE);
      }),
      { numRuns: 100 },
    );
  });
});

describe('readElementLicence', () => {
  it('reads a licence link and credit inside the image figure', () => {
    const html = `<figure><img id="img" src="a.jpg"><figcaption>“Fox” by <span property="cc:attributionName">Ann</span>,
      <a rel="license" href="${BY_SA}">CC BY-SA 4.0</a> <span property="dc:title"> Fox </span></figcaption></figure>
      <a rel="license" href="${BY}">page licence</a>`;
    expect(hints(html)).toEqual([{ via: 'figure', licences: [BY_SA], creator: 'Ann', title: 'Fox', creditText: null }]);
  });

  it('leaves an RSL link in the figure out', () => {
    const html = `<figure><img id="img" src="a.jpg"><link rel="license" type="application/rsl+xml" href="/rsl.xml"><a rel="license" href="${BY}">x</a></figure>`;
    expect(hints(html)).toEqual([{ via: 'figure', licences: [BY], creator: null, title: null, creditText: null }]);
  });

  it('keeps a nested figure to its own image', () => {
    const html = `<figure><img id="outer" src="o.jpg"><a rel="license" href="${BY}">o</a>
      <figure><img id="img" src="i.jpg"><a rel="license" href="${CC0}">i</a></figure></figure>`;
    expect(hints(html)).toEqual([{ via: 'figure', licences: [CC0], creator: null, title: null, creditText: null }]);
    expect(hints(html, 'outer')).toEqual([{ via: 'figure', licences: [BY], creator: null, title: null, creditText: null }]);
  });

  it('reads ccREL about="<image>" on an ancestor or a sibling (SIGNALS.md §6.2)', () => {
    const ancestor = `<div about="/gallery/fox.jpg" xmlns:cc="http://creativecommons.org/ns#"><img id="img" src="fox.jpg">
      <a rel="license" href="${BY_SA}">CC BY-SA 4.0</a> by <a property="cc:attributionName" rel="cc:attributionURL" href="https://ex.test/ann">Ann</a></div>`;
    expect(hints(ancestor)).toEqual([{ via: 'rdfa', licences: [BY_SA], creator: 'Ann', title: null, creditText: null, attributionUrl: 'https://ex.test/ann' }]);
    const sibling = `<p><img id="img" src="http://ex.test/gallery/fox.jpg#x"><span about="https://ex.test/gallery/fox.jpg">
      <span rel="dcterms:license" resource="${CC0}"></span><span property="dcterms:creator" content="Bo"></span></span>
      <span about="other.jpg"><a rel="license" href="${BY_NC}">other</a></span></p>`;
    expect(hints(sibling)).toEqual([{ via: 'rdfa', licences: [CC0], creator: 'Bo', title: null, creditText: null }]);
  });

  it('reads a microdata ImageObject whose contentUrl is the image', () => {
    const html = `<figure itemscope itemtype="https://schema.org/ImageObject"><img id="img" itemprop="contentUrl" src="c.jpg">
      <link itemprop="license" href="${PDM}"><meta itemprop="creditText" content="Photo: Cy">
      <span itemprop="creator" itemscope itemtype="https://schema.org/Person"><span itemprop="name"> Cy </span></span>
      <span itemprop="name">Harbour</span></figure>`;
    expect(hints(html)).toEqual([{ via: 'microdata', licences: [PDM], creator: 'Cy', title: 'Harbour', creditText: 'Photo: Cy' }]);
  });

  it('a microdata ImageObject naming acquireLicensePage and no licence states that licence page (as JSON-LD does)', () => {
    const html = `<div itemscope itemtype="https://schema.org/ImageObject"><img id="img" itemprop="contentUrl" src="c.jpg">
      <link itemprop="acquireLicensePage" href="https://stock.test/buy/c"></div>`;
    expect(hints(html)).toEqual([{ via: 'microdata', licences: ['https://stock.test/buy/c'], creator: null, title: null, creditText: null }]);
  });

  it('matches microdata by contentUrl, srcset included, and not another image', () => {
    const html = `<div itemscope itemtype="http://schema.org/ImageObject"><meta itemprop="contentUrl" content="https://ex.test/gallery/large.jpg">
      <img id="img" src="small.jpg" srcset="small.jpg 1x, large.jpg 2x"><img id="other" src="other.jpg">
      <link itemprop="license" href="${BY}"><span itemprop="author">Dee</span></div>`;
    expect(hints(html)).toEqual([{ via: 'microdata', licences: [BY], creator: 'Dee', title: null, creditText: null }]);
    expect(hints(html, 'other')).toEqual([]);
  });

  it('accepts an ImageObject without contentUrl only when it holds just this image', () => {
    const one = `<div itemscope itemtype="https://schema.org/ImageObject"><img id="img" src="x.jpg"><link itemprop="license" href="${BY}"></div>`;
    expect(hints(one)).toEqual([{ via: 'microdata', licences: [BY], creator: null, title: null, creditText: null }]);
    const two = `<div itemscope itemtype="https://schema.org/ImageObject"><img id="img" src="x.jpg"><img src="y.jpg"><link itemprop="license" href="${BY}"></div>`;
    expect(hints(two).flatMap((h) => h.licences)).toEqual([]);
  });

  // An image item (ImageObject, Photograph) that names no contentUrl and holds this image beside
  // others, or holds it shown by another element than an <img> (a video poster, a CSS background):
  // its licence was dropped for every image in it, and the page's CC BY licensed photos the item
  // states CC BY-NC. Decision (DESIGN.md §2 rules 4 and 5, the reading that cannot keep what the
  // owner refused): its licence may be this image's own, so this image's element markup is unread
  // (no HTML licence is relied on for it); it is not taken as the image's licence, which could grant.
  describe('an image item with no contentUrl that holds this image and does not name it', () => {
    it.each([
      ['microdata, two images', `<div itemscope itemtype="https://schema.org/ImageObject"><img id="img" src="x.jpg"><img id="y" src="y.jpg"><link itemprop="license" href="${BY_NC}"></div>`],
      ['RDFa, two images', `<div vocab="https://schema.org/" typeof="Photograph"><img id="img" src="x.jpg"><img id="y" src="y.jpg"><link property="license" href="${BY_NC}"></div>`],
      ['a video poster', `<div itemscope itemtype="https://schema.org/ImageObject"><video id="img" poster="p.jpg"></video><link itemprop="license" href="${BY_NC}"></div>`],
      ['a CSS background', `<div itemscope itemtype="https://schema.org/ImageObject"><div id="img" style="background-image:url(b.jpg)"></div><link itemprop="license" href="${BY_NC}"></div>`],
    ])('%s: its markup is unread for the image', (_, html) => {
      expect(hints(html).some((h) => h.unread === true)).toBe(true);
      if (html.includes('id="y"')) expect(hints(html, 'y').some((h) => h.unread === true)).toBe(true);
    });
    it('an item that states no licence, or names another contentUrl, leaves the image alone', () => {
      expect(hints(`<div itemscope itemtype="https://schema.org/ImageObject"><img id="img" src="x.jpg"><img src="y.jpg"><span itemprop="creator">Ann</span></div>`).some((h) => h.unread === true)).toBe(false);
      expect(hints(`<div itemscope itemtype="https://schema.org/ImageObject"><meta itemprop="contentUrl" content="https://ex.test/gallery/y.jpg"><img id="img" src="x.jpg"><img src="y.jpg"><link itemprop="license" href="${BY_NC}"></div>`)).toEqual([]);
    });
  });

  it('reads an RDFa ImageObject (schema.org vocab, typeof) around the image', () => {
    const html = `<div vocab="https://schema.org/" typeof="ImageObject"><img id="img" property="contentUrl" src="r.jpg">
      <a property="license" href="${BY}">CC BY</a><span property="creator">Eve</span><span property="creditText">Eve / Ex</span></div>`;
    expect(hints(html)).toEqual([{ via: 'rdfa', licences: [BY], creator: 'Eve', title: null, creditText: 'Eve / Ex' }]);
  });

  it('returns nothing for an image with no scoped markup, a bad page URL, or hostile depth', () => {
    expect(hints(`<p><img id="img" src="a.jpg"></p><a rel="license" href="${BY}">page</a>`)).toEqual([]);
    const d = doc(`<figure><img id="img" src="a.jpg"><a rel="license" href="${BY}">x</a></figure>`);
    expect(readElementLicence(d.getElementById('img')!, 'javascript:1')).toEqual([]);
    const deep = doc(`<figure>${'<div>'.repeat(400)}<img id="img" src="a.jpg">${'</div>'.repeat(400)}<a rel="license" href="${BY}">x</a></figure>`);
    expect(readElementLicence(deep.getElementById('img')!, PAGE)).toEqual([]);
  });
});

describe('licenceFindings', () => {
  const signals: PageLicenceSignals = {
    pageUrl: PAGE,
    licences: [
      { via: 'rel', url: BY },
      { via: 'json-ld', url: 'https://creativecommons.org/licenses/by/4.0/deed.en' },
      { via: 'rdfa', url: 'https://ex.test/terms' },
    ],
    rslLinks: [],
    imageObjects: [
      { contentUrl: 'http://ex.test/img/fox.jpg', license: [BY_SA], acquireLicensePage: null, creditText: 'Ann / Ex', creator: null, copyrightNotice: null, name: 'Fox' },
      { contentUrl: 'https://ex.test/img/owl.jpg', license: [BY_NC], acquireLicensePage: null, creditText: null, creator: 'Bo', copyrightNotice: null, name: null },
    ],
    unreadable: [],
    truncated: false,
  };

  it('gives element-level licences from the matching ImageObject and hints, then page-level ones', () => {
    expect(
      licenceFindings({
        imageUrl: 'https://ex.test/img/fox.jpg#frag',
        pageUrl: PAGE,
        page: signals,
        element: [{ via: 'figure', licences: [CC0, 'https://ex.test/own-terms'], creator: null, title: null, creditText: null }],
      }),
    ).toEqual([
      { id: 'CC-BY-SA-4.0', url: BY_SA, source: 'element', attribution: `"Fox" by Ann / Ex is licensed under CC BY-SA 4.0 (${BY_SA})` },
      { id: 'CC0-1.0', url: CC0, source: 'element', attribution: `This image is marked with CC0 1.0 (${CC0})` },
      { id: null, url: 'https://ex.test/own-terms', source: 'element', attribution: null },
      { id: 'CC-BY-4.0', url: BY, source: 'page', attribution: `"Fox" by Ann / Ex is licensed under CC BY 4.0 (${BY})` },
      { id: null, url: 'https://ex.test/terms', source: 'page', attribution: null },
    ]);
  });

  it('gives what the page says about any image, whatever its site: scope is the policy\'s (assess.ts)', () => {
    expect(licenceFindings({ imageUrl: 'https://cdn.other.test/img/fox.jpg', pageUrl: PAGE, page: signals, element: [] }).map((l) => l.source)).toEqual(['page', 'page']);
  });

  it('resolves a relative image URL and survives junk input', () => {
    expect(licenceFindings({ imageUrl: '/img/owl.jpg', pageUrl: PAGE, page: signals, element: [] })[0]).toMatchObject({ id: 'CC-BY-NC-4.0', source: 'element' });
    expect(licenceFindings({ imageUrl: '::', pageUrl: '::', page: signals, element: [] }).every((l) => l.source === 'page')).toBe(true);
  });

  // The page's JSON-LD names the file (`owl.jpg`); the page shows a resized copy (`owl.jpg?w=800`,
  // as image CDNs and CMSs serve them). The ImageObject's licence was missed and the page's CC BY
  // licensed the copy the owner licensed NC (DESIGN.md §2 rule 4: the most specific level).
  it('matches an ImageObject naming the same image file with another query string', () => {
    for (const imageUrl of ['https://ex.test/img/owl.jpg?w=800', 'https://ex.test/img/owl.jpg?format=750w&v=2']) {
      expect(licenceFindings({ imageUrl, pageUrl: PAGE, page: signals, element: [] })[0]).toMatchObject({ id: 'CC-BY-NC-4.0', source: 'element' });
    }
    const withQuery: PageLicenceSignals = { ...signals, imageObjects: [{ ...signals.imageObjects[1]!, contentUrl: 'https://ex.test/img/owl.jpg?width=2000' }] };
    expect(licenceFindings({ imageUrl: 'https://ex.test/img/owl.jpg', pageUrl: PAGE, page: withQuery, element: [] })[0]).toMatchObject({ id: 'CC-BY-NC-4.0', source: 'element' });
  });

  it('but not a script that serves many images by query (`image.php?id=2` is not `?id=1`), nor another path', () => {
    const script: PageLicenceSignals = { ...signals, imageObjects: [{ ...signals.imageObjects[1]!, contentUrl: 'https://ex.test/image.php?id=1' }] };
    expect(licenceFindings({ imageUrl: 'https://ex.test/image.php?id=2', pageUrl: PAGE, page: script, element: [] }).map((l) => l.source)).toEqual(['page', 'page']);
    expect(licenceFindings({ imageUrl: 'https://ex.test/img/owl2.jpg?w=800', pageUrl: PAGE, page: signals, element: [] }).map((l) => l.source)).toEqual(['page', 'page']);
  });

  it('works end to end from a document', () => {
    const d = doc(`<head><link rel="license" href="${BY}"></head><body>
      <figure><img id="img" src="/img/p.jpg"><a rel="license" href="${PDM}">PDM</a> <span property="dc:creator">Flo</span></figure></body>`);
    const img = d.getElementById('img')!;
    expect(
      licenceFindings({
        imageUrl: 'https://ex.test/img/p.jpg',
        pageUrl: PAGE,
        page: readPageLicenceSignals(d, PAGE),
        element: readElementLicence(img, PAGE),
      }),
    ).toEqual([
      { id: 'CC-PDM-1.0', url: PDM, source: 'element', attribution: `This image by Flo is marked with Public Domain Mark 1.0 (${PDM})` },
      { id: 'CC-BY-4.0', url: BY, source: 'page', attribution: `This image by Flo is licensed under CC BY 4.0 (${BY})` },
    ]);
  });
});

describe('hostile attribute and script values', () => {
  it('stays linear on long whitespace, prefixes and token lists', () => {
    const spaces = ' '.repeat(400_000);
    const html = `<body prefix="${'a'.repeat(100_000)}" vocab="http://schema.org/">
      <script type="application/ld+json">${spaces}{"license":"${BY}"}${spaces}x</script>
      ${Array.from({ length: 1000 }, () => `<span property="cc:license dc:creator x:y" rel="${'license '.repeat(200)}" resource="${BY_SA}"></span>`).join('')}
      </body>`;
    const d = doc(html);
    const out = readPageLicenceSignals(d, PAGE);
    expect(out.licences).toEqual([{ via: 'rdfa', url: BY_SA }]);
    expect(out.unreadable).toEqual([{ via: 'json-ld', index: 0, reason: 'malformed' }]);
  });
});

// DESIGN.md §2 rule 4: a page licence that covers only the page's text licenses no image.
describe('page licences that cover only the text', () => {
  const TEXT = 'http://purl.org/dc/dcmitype/Text';
  const chooser = (type: string | null) => `<div xmlns:dct="http://purl.org/dc/terms/" xmlns:cc="http://creativecommons.org/ns#">
      <a rel="license" href="${BY}"><img alt="Creative Commons Licence" src="https://i.creativecommons.org/l/by/4.0/88x31.png"></a><br>
      ${type ? `<span href="${type}" property="dct:title" rel="dct:type">My essay</span>` : '<span property="dct:title">My essay</span>'}
      by <a href="https://ex.test/" property="cc:attributionName" rel="cc:attributionURL">Ann</a> is licensed under a
      <a rel="license" href="${BY}">Creative Commons Attribution 4.0 International License</a>.</div>`;

  it('CC REL markup whose dct:type is dcmitype:Text: its licence is the text\'s, not a page licence', () => {
    const out = page(chooser(TEXT));
    expect(out.licences).toEqual([]);
    expect(out.textLicences).toEqual([{ via: 'rel', url: BY, covers: 'dcmitype-text' }]);
  });

  it.each([
    ['an older dc:type (DC 1.1 elements)', `<p xmlns:dc="http://purl.org/dc/elements/1.1/"><span href="${TEXT}" rel="dc:type">Essay</span> <a rel="license" href="${BY}">CC BY</a></p>`],
    ['a typeof dcmitype:Text subject', `<div typeof="dcmitype:Text" prefix="dcmitype: http://purl.org/dc/dcmitype/"><a rel="license" href="${BY}">CC BY</a></div>`],
    ['a dct:type given as a property with a resource', `<p><span property="dct:type" resource="${TEXT}"></span><a rel="license" href="${BY}">CC BY</a></p>`],
  ])('%s is text-only too', (_name, html) => {
    const out = page(html);
    expect(out.licences).toEqual([]);
    expect(out.textLicences?.map((l) => l.url)).toEqual([BY]);
  });

  it('dct:type StillImage or Image, or no type at all: a page licence as before', () => {
    expect(page(chooser('http://purl.org/dc/dcmitype/StillImage')).licences).toEqual([{ via: 'rel', url: BY }]);
    expect(page(chooser(null)).licences).toEqual([{ via: 'rel', url: BY }]);
    expect(page(chooser(null)).textLicences).toBeUndefined();
  });

  it('a text type about another subject leaves the page licence alone', () => {
    const out = page(`<p about="#comment-1"><span rel="dct:type" href="${TEXT}"></span></p><a rel="license" href="${BY}">CC BY</a>`);
    expect(out.licences).toEqual([{ via: 'rel', url: BY }]);
  });

  it('a MediaWiki page (by its own markers, not its host): every page licence is the wiki text\'s', () => {
    for (const marker of ['<meta name="generator" content="MediaWiki 1.43.0">', '']) {
      const body = marker ? '<body>' : '<body class="mediawiki ltr skin-vector">';
      const out = page(`<html><head>${marker}<link rel="license" href="${BY_SA}"></head>${body}<a rel="license" href="https://wiki.ex.test/wiki/Project:Copyrights">text licence</a></body></html>`);
      expect(out.licences).toEqual([]);
      expect(out.mediaWiki).toBe(true);
      expect(out.textLicences?.map((l) => [l.url, l.covers])).toEqual([
        [BY_SA, 'mediawiki-text'],
        ['https://wiki.ex.test/wiki/Project:Copyrights', 'mediawiki-text'],
      ]);
    }
  });

  it('real desktop Wikipedia (Bob Dylan): no page licence, so no conflict with the footer link to the licence text page', () => {
    const { url, doc: d } = realPage(REAL_PAGES.wikipediaDesktop);
    const out = readPageLicenceSignals(d, url);
    expect(out.licences).toEqual([]);
    expect(out.mediaWiki).toBe(true);
    expect(out.textLicences?.map((l) => l.url)).toEqual(
      expect.arrayContaining(['https://creativecommons.org/licenses/by-sa/3.0/', 'https://en.wikipedia.org/wiki/Wikipedia:Text_of_Creative_Commons_Attribution-ShareAlike_3.0_Unported_License']),
    );
  });

  it('real mobile Wikipedia file page: no page licence (the file carries its own)', () => {
    const { url, doc: d } = realPage(REAL_PAGES.wikipediaMobileFile);
    const out = readPageLicenceSignals(d, url);
    expect(out.licences).toEqual([]);
    expect(out.textLicences?.map((l) => l.url)).toEqual(['https://creativecommons.org/licenses/by-sa/4.0/deed.en']);
  });

  it('a real WordPress.com blog is no MediaWiki: its footer CC BY stays a page licence', () => {
    const { url, doc: d } = realPage(REAL_PAGES.wordpressBlog);
    const out = readPageLicenceSignals(d, url);
    expect(out.licences).toEqual([{ via: 'rel', url: 'http://creativecommons.org/licenses/by/3.0/at/' }]);
    expect(out.mediaWiki).toBeUndefined();
  });
});

// A schema.org licence written as a node whose @id and url disagree names two licences; reading
// only the @id would keep an image whose markup also says NC (DESIGN.md §2 rule 4: different
// licences at one level conflict; fail closed).
describe('JSON-LD licence nodes naming more than one licence', () => {
  const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;
  it('an ImageObject licence node with @id and url: both are read', () => {
    const signals = page(ld(`{"@type":"ImageObject","contentUrl":"/img/a.jpg","license":{"@id":"${BY}","url":"${BY_NC}"}}`));
    const found = licenceFindings({ imageUrl: 'https://ex.test/img/a.jpg', pageUrl: PAGE, page: signals, element: [] });
    expect(found.map((l) => l.id).sort()).toEqual(['CC-BY-4.0', 'CC-BY-NC-4.0']);
  });
  it('a page licence node with @id and url: both are read', () => {
    const signals = page(ld(`{"@type":"WebPage","license":{"@type":"CreativeWork","@id":"${BY}","url":"${BY_NC}"}}`));
    expect(signals.licences.map((l) => l.url).sort()).toEqual([BY, BY_NC].sort());
  });
});

// JSON-LD licence statements Heed passed over, so the page's broader licence licensed the image
// (DESIGN.md §2 rule 4: the most specific level; fail closed where the markup reads two ways).
describe('JSON-LD licences written another way still speak for their image', () => {
  const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;
  const findings = (script: string) => {
    const signals = page(`<head><link rel="license" href="${BY}">${ld(script)}</head>`);
    return licenceFindings({ imageUrl: 'https://ex.test/a.png', pageUrl: PAGE, page: signals, element: [] }).map((l) => `${l.source}:${l.id ?? 'other'}`);
  };
  it('a property written twice, bare and prefixed: both are read (to conflict)', () => {
    expect(findings(`{"@type":"ImageObject","contentUrl":"/a.png","license":"${BY}","schema:license":"${BY_NC}"}`)).toEqual(['element:CC-BY-4.0', 'element:CC-BY-NC-4.0', 'page:CC-BY-4.0']);
    expect(findings(`{"@type":"ImageObject","contentUrl":"/b.png","https://schema.org/contentUrl":"/a.png","license":"${BY_NC}"}`)).toEqual(['element:CC-BY-NC-4.0', 'page:CC-BY-4.0']);
  });
  // As XMP's WebStatement naming a licensing page (DESIGN.md §2 rule 4): the image's own statement
  // that it is licensed elsewhere, so the page's broader CC BY does not license it.
  it('an ImageObject with acquireLicensePage and no licence states one Heed does not recognise', () => {
    expect(findings(`{"@type":"ImageObject","contentUrl":"/a.png","acquireLicensePage":"https://stock.test/buy/a"}`)).toEqual(['element:other', 'page:CC-BY-4.0']);
    expect(findings(`{"@type":"ImageObject","contentUrl":"/a.png","acquireLicensePage":"https://stock.test/buy/a","license":"${BY_SA}"}`)).toEqual(['element:CC-BY-SA-4.0', 'page:CC-BY-4.0']);
  });

  it('a licence object with a name and no URL is a licence Heed cannot recognise, not none', () => {
    expect(findings(`{"@type":"ImageObject","contentUrl":"/a.png","license":{"@type":"CreativeWork","name":"CC BY-NC 4.0"}}`)).toEqual(['element:other', 'page:CC-BY-4.0']);
  });
});

// A figure (or ImageObject item) with more elements carrying rel/property/itemprop than are
// examined (2,000) had the rest ignored without a word: a rel=license CC BY-NC past them was
// lost, and the page's CC BY licensed the image. The hint now says its markup was not read in full.
describe('readElementLicence: a scope past its element cap', () => {
  it('says the markup was not read in full', () => {
    const filler = '<a rel="nofollow" href="/x">x</a>'.repeat(2_001);
    const out = hints(`<figure><img id="img" src="a.png"><figcaption>${filler}<a rel="license" href="${BY_NC}">CC BY-NC</a></figcaption></figure>`);
    expect(out.some((h) => h.unread === true)).toBe(true);
  });
  it('a scope read in full says nothing of the kind', () => {
    const out = hints(`<figure><img id="img" src="a.png"><figcaption><a rel="license" href="${BY}">CC BY</a></figcaption></figure>`);
    expect(out.every((h) => h.unread === undefined)).toBe(true);
  });
});

describe('repairSlips', () => {
  it('escapes control characters inside strings and drops commas before a closing bracket, nothing else', () => {
    expect(repairSlips('{"a":"x\ny\tz\u0001",}')).toBe('{"a":"x\\ny\\tz\\u0001"}');
    expect(repairSlips('[1, 2 ,\n ]')).toBe('[1, 2 \n ]');
    expect(repairSlips('{"a":"q\\",}"}')).toBe('{"a":"q\\",}"}'); // an escaped quote: the comma is in the string
    expect(repairSlips('{"a":1,,}')).toBe('{"a":1,}'); // one comma dropped: still malformed
    expect(() => JSON.parse(repairSlips('{"a":1,,}'))).toThrow();
  });
});

describe('a page whose address is long (search parameters)', () => {
  const long = `${PAGE}?q=${'x'.repeat(12_000)}`;

  it('keeps its page licence and its figure licences: the address is the browser’s, not capped as markup URLs are', () => {
    // The cap for URLs the page writes (2,048) made the page URL vanish: a licensed page read as unlicensed.
    const signals = page(`<link rel="license" href="${BY}"><figure><img id="img" src="a.jpg"><a rel="license" href="${BY_NC}">NC</a></figure>`, long);
    expect(signals.pageUrl).toBe(long);
    expect(signals.licences).toEqual([{ via: 'rel', url: BY }]);
    const d = doc(`<figure><img id="img" src="a.jpg"><a rel="license" href="${BY_NC}">NC</a></figure>`);
    expect(readElementLicence(d.getElementById('img')!, long).map((h) => h.licences)).toEqual([[BY_NC]]);
  });

  it('past the page-address cap, or not http(s), reads nothing rather than a cut address', () => {
    expect(readPageLicenceSignals(doc(`<link rel="license" href="${BY}">`), `${PAGE}?q=${'x'.repeat(70_000)}`).licences).toEqual([]);
    expect(readPageLicenceSignals(doc(`<link rel="license" href="${BY}">`), 'ftp://ex.test/').licences).toEqual([]);
  });
});

// A licence statement present but not read — not a URL Heed can resolve (a notice, javascript:,
// mailto:, an RDFa literal "CC BY-NC 4.0"), over 2,048 characters, nested deeper or past more
// values than were read — was dropped without a word: the image's own markup read as stating no
// licence, and the page's CC BY licensed it. The readers now say it went unread (DESIGN.md §2
// rules 4 and 5); assess.ts relies on no HTML licence for the image, or on no page licence.
describe('licence statements present but not read are marked, never dropped', () => {
  const ld = (json: unknown) => `<script type="application/ld+json">${JSON.stringify(json)}</script>`;
  const imageObject = (license: unknown) => page(ld({ '@type': 'ImageObject', contentUrl: '/a.png', license })).imageObjects[0]!;

  it('an ImageObject licence that is a notice, a licence named with a colon, or over 2,048 characters', () => {
    for (const license of ['Copyright: all rights reserved', 'License: CC BY-NC 4.0', 'x'.repeat(2100), `https://ex.test/l?${'x'.repeat(2100)}`, 42, { '@type': 'CreativeWork' }]) {
      expect(imageObject(license)).toMatchObject({ license: [], licenseUnread: true });
    }
    // One read and one not: both kept in view.
    expect(imageObject([BY, 'javascript:void(0)'])).toMatchObject({ license: [BY], licenseUnread: true });
  });

  it('JSON-LD licence URLs nested in a CreativeWork url array, or in expanded form, are read', () => {
    expect(imageObject([{ '@type': 'CreativeWork', url: [BY_NC] }])).toMatchObject({ license: [BY_NC] });
    const expanded = page(ld([{
      '@type': ['http://schema.org/ImageObject'],
      'http://schema.org/contentUrl': [{ '@id': 'https://ex.test/a.png' }],
      'http://schema.org/license': [{ '@type': ['http://schema.org/CreativeWork'], 'http://schema.org/url': [{ '@id': BY_NC }] }],
    }]));
    expect(expanded.imageObjects).toEqual([expect.objectContaining({ contentUrl: 'https://ex.test/a.png', license: [BY_NC] })]);
    expect(expanded.imageObjects[0]!.licenseUnread).toBeUndefined();
  });

  it('JSON-LD licence values nested deeper than read, or past the values read, are unread; 21 are read', () => {
    let deep: unknown = BY_NC;
    for (let i = 0; i < 12; i++) deep = [deep];
    expect(imageObject(deep)).toMatchObject({ licenseUnread: true });
    expect(imageObject(Array.from({ length: 101 }, (_, i) => `https://ex.test/licences/${i}`))).toMatchObject({ licenseUnread: true });
    const many = [...Array.from({ length: 20 }, (_, i) => `https://ex.test/licences/${i}`), BY_NC];
    expect(imageObject(many)).toMatchObject({ license: many });
  });

  it('a blank licence states nothing; a licence object with a name is still read as one Heed cannot recognise', () => {
    expect(imageObject('')).toEqual(expect.objectContaining({ license: [] }));
    expect(imageObject('').licenseUnread).toBeUndefined();
    expect(imageObject({ '@type': 'CreativeWork', name: 'CC BY-NC 4.0' }).licenseUnread).toBeUndefined();
  });

  it('an ImageObject that names a licensing page Heed cannot read, and no licence', () => {
    expect(page(ld({ '@type': 'ImageObject', contentUrl: '/a.png', acquireLicensePage: 'mailto:sales@ex.test' })).imageObjects[0]).toMatchObject({ licenseUnread: true });
  });

  it('page-level: rel=license to javascript:, an RDFa literal, a microdata text, a JSON-LD notice, a URL over the cap', () => {
    for (const html of [
      '<a rel="license" href="javascript:void(0)">All rights reserved</a>',
      '<a rel="license" href="mailto:rights@ex.test">Licensing</a>',
      '<meta property="dc:license" content="All rights reserved">',
      '<p vocab="https://schema.org/"><span property="license">CC BY-NC 4.0</span></p>',
      '<div itemscope itemtype="https://schema.org/WebPage"><span itemprop="license">License: CC BY-NC 4.0</span></div>',
      ld({ '@type': 'WebPage', license: 'Copyright: all rights reserved' }),
      `<link rel="license" href="https://ex.test/l?${'x'.repeat(2100)}">`,
    ]) {
      const out = page(`<link rel="license" href="${BY}">${html}`);
      expect(out.licences).toContainEqual({ via: 'rel', url: BY });
      expect(out.licenceUnread).toBe(true);
    }
  });

  it('page-level: a blank one, one inside a figure, or one that covers only the text does not mark the page', () => {
    expect(page(`<link rel="license" href="${BY}"><meta property="dc:license" content=" ">`).licenceUnread).toBeUndefined();
    expect(page(`<link rel="license" href="${BY}"><figure><img src="a.png"><a rel="license" href="javascript:0">x</a></figure>`).licenceUnread).toBeUndefined();
    expect(page(`<meta name="generator" content="MediaWiki 1.43.0"><a rel="license" href="javascript:0">x</a>`).licenceUnread).toBeUndefined();
    expect(page(`<link rel="license" href="${BY}">`).licenceUnread).toBeUndefined();
  });

  it('element-level: a figure rel=license to javascript: or mailto:, an RDFa literal, a microdata text over 2,048 characters', () => {
    for (const html of [
      '<figure><img id="img" src="a.png"><a rel="license" href="javascript:void(0)">All rights reserved</a></figure>',
      '<figure><img id="img" src="a.png"><a rel="license" href="mailto:rights@ex.test">Licensing</a></figure>',
      '<div vocab="https://schema.org/" typeof="ImageObject"><img id="img" property="contentUrl" src="a.png"><span property="license">CC BY-NC 4.0</span></div>',
      `<div itemscope itemtype="https://schema.org/ImageObject"><img id="img" itemprop="contentUrl" src="a.png"><span itemprop="license">${'All rights reserved. '.repeat(120)}</span></div>`,
    ]) {
      const out = hints(html);
      expect(out.length).toBeGreaterThan(0);
      expect(out.every((h) => h.unread === true)).toBe(true);
    }
  });

  it('element-level: a relative licence href resolved against a page address over 2,048 characters is unread, not dropped', () => {
    const long = `${PAGE}?q=${'x'.repeat(3000)}`;
    const d = doc('<figure><img id="img" src="a.jpg"><a rel="license" href="#rights">All rights reserved</a></figure>');
    const out = readElementLicence(d.getElementById('img')!, long);
    for (const h of out) ElementLicenceHintSchema.parse(h);
    expect(out).toEqual([expect.objectContaining({ unread: true })]);
  });

  it('element-level: a plain CC BY figure is read as before, with no unread mark', () => {
    expect(hints(`<figure><img id="img" src="a.png"><a rel="license" href="${BY}">CC BY</a></figure>`)).toEqual([{ via: 'figure', licences: [BY], creator: null, title: null, creditText: null }]);
  });
});

// Element-level statements about an image that the readers missed, so the page's broader CC BY
// licensed an image its own markup licenses CC BY-NC (DESIGN.md §2 rule 4: the most specific level).
describe('an image\'s own licence statement is read however it names the image', () => {
  /** The licences found for `imageUrl` on a page with CC BY as its page licence and `markup` in it. */
  const findingsFor = (markup: string, imageUrl = 'https://ex.test/img/owl.jpg') => {
    const d = doc(`<html><head>${markup}</head><body><p><img id="img" src="${imageUrl}"></p><footer><a rel="license" href="${BY}">CC BY</a></footer></body></html>`);
    const img = d.getElementById('img')!;
    return licenceFindings({ imageUrl, pageUrl: PAGE, page: page(d.documentElement.outerHTML), element: readElementLicence(img, PAGE) });
  };
  const jsonLd = (node: object) => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', ...node })}</script>`;

  it('a percent-encoded unreserved character or lower-case hex in an ImageObject\'s contentUrl (RFC 3986 §6.2.2)', () => {
    for (const [contentUrl, imageUrl] of [
      ['https://ex.test/img/%6Fwl.jpg', 'https://ex.test/img/owl.jpg'],
      ['https://ex.test/img/owl.jpg', 'https://ex.test/img/%6f%77l.jpg'],
      ['https://ex.test/img/%c3%a9t%c3%a9.jpg', 'https://ex.test/img/été.jpg'],
      ['https://ex.test/img/owl%2Djpg.png?v=%31', 'https://ex.test/img/owl-jpg.png?v=1'],
    ]) {
      expect(findingsFor(jsonLd({ '@type': 'ImageObject', contentUrl, license: BY_NC }), imageUrl)[0], contentUrl).toMatchObject({ id: 'CC-BY-NC-4.0', source: 'element' });
    }
  });

  it('but a reserved character percent-encoded stays another URL (`%2F` is not `/`)', () => {
    const found = findingsFor(jsonLd({ '@type': 'ImageObject', contentUrl: 'https://ex.test/img%2Fowl.jpg', license: BY_NC }));
    expect(found.map((l) => l.source)).toEqual(['page']);
  });

  it.each([
    ['url', { '@type': 'ImageObject', url: 'https://ex.test/img/owl.jpg' }],
    ['@id', { '@type': 'ImageObject', '@id': 'https://ex.test/img/owl.jpg' }],
    ['thumbnailUrl', { '@type': 'ImageObject', contentUrl: 'https://ex.test/img/owl-full.jpg', thumbnailUrl: 'https://ex.test/img/owl.jpg' }],
    ['a Photograph\'s image', { '@type': 'Photograph', image: 'https://ex.test/img/owl.jpg' }],
    ['a nested ImageObject\'s url', { '@type': 'Article', license: BY, image: { '@type': 'ImageObject', url: 'https://ex.test/img/owl.jpg', license: BY_NC } }],
  ])('a JSON-LD image node naming the image by %s', (_, node) => {
    const found = findingsFor(jsonLd({ license: BY_NC, ...node }));
    expect(found[0]).toMatchObject({ id: 'CC-BY-NC-4.0', source: 'element' });
  });

  it('an ImageObject whose url is the photo\'s page, or whose @id is a fragment, speaks for no image', () => {
    const found = findingsFor(jsonLd({ '@type': 'ImageObject', '@id': `${PAGE}#primaryimage`, url: 'https://ex.test/photos/owl', license: BY_NC }));
    expect(found.map((l) => l.source)).toEqual(['page']);
  });

  it.each([
    ['a microdata ImageObject elsewhere on the page', `<div itemscope itemtype="https://schema.org/ImageObject"><meta itemprop="contentUrl" content="/img/owl.jpg"><link itemprop="license" href="${BY_NC}"></div>`],
    ['a microdata ImageObject named by itemid', `<div itemscope itemtype="https://schema.org/ImageObject" itemid="/img/owl.jpg"><link itemprop="license" href="${BY_NC}"></div>`],
    ['a ccREL block about the image at the foot of the page', `<div about="/img/owl.jpg"><a rel="license" href="${BY_NC}">CC BY-NC</a></div>`],
    ['an RDFa ImageObject naming it by resource', `<div typeof="schema:ImageObject" resource="/img/owl.jpg"><a property="schema:license" href="${BY_NC}">CC BY-NC</a></div>`],
  ])('%s', (_, markup) => {
    // In the body, away from the image: element.ts reads only the markup around the <img>.
    const d = doc(`<html><body><p><img id="img" src="/img/owl.jpg"></p><section>${markup}</section><footer><a rel="license" href="${BY}">CC BY</a></footer></body></html>`);
    const signals = readPageLicenceSignals(d, PAGE);
    expect(PageLicenceSignalsSchema.parse(JSON.parse(JSON.stringify(signals)))).toEqual(signals);
    const found = licenceFindings({ imageUrl: 'https://ex.test/img/owl.jpg', pageUrl: PAGE, page: signals, element: readElementLicence(d.getElementById('img')!, PAGE) });
    expect(found[0]).toMatchObject({ id: 'CC-BY-NC-4.0', source: 'element' });
    // Another image on the page is not named by it: the page's licence speaks for it.
    expect(licenceFindings({ imageUrl: 'https://ex.test/img/fox.jpg', pageUrl: PAGE, page: signals, element: [] }).map((l) => l.source)).toEqual(['page']);
  });

  it('a licence stated there but not read marks the image\'s licence unread', () => {
    const d = doc(`<html><body><p><img id="img" src="/img/owl.jpg"></p><div about="/img/owl.jpg"><span property="cc:license">CC BY-NC 4.0</span></div><a rel="license" href="${BY}">CC BY</a></body></html>`);
    const signals = readPageLicenceSignals(d, PAGE);
    expect(elementLicenceUnread({ imageUrl: 'https://ex.test/img/owl.jpg', pageUrl: PAGE, page: signals, element: [] })).toBe(true);
    expect(elementLicenceUnread({ imageUrl: 'https://ex.test/img/fox.jpg', pageUrl: PAGE, page: signals, element: [] })).toBe(false);
  });
});

// schema.org's usageInfo (acquireLicensePage is its sub-property) names where a work's terms are:
// read as saying nothing, a page of restrictive terms left the page's CC BY to license the work.
describe('a page of terms (usageInfo, acquireLicensePage) stated instead of a licence', () => {
  const TERMS = 'https://ex.test/terms-of-use';
  const sources = (html: string, imageUrl = 'https://ex.test/img/owl.jpg') => {
    const d = doc(html);
    const img = d.getElementById('img');
    return licenceFindings({ imageUrl, pageUrl: PAGE, page: readPageLicenceSignals(d, PAGE), element: img ? readElementLicence(img, PAGE) : [] }).map((l) => `${l.source} ${l.url}`);
  };

  it('an ImageObject\'s usageInfo is the image\'s own statement (JSON-LD and microdata)', () => {
    const footer = `<a rel="license" href="${BY}">CC BY</a>`;
    const jsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"ImageObject","contentUrl":"/img/owl.jpg","usageInfo":"${TERMS}"}</script>`;
    expect(sources(`<html><head>${jsonLd}</head><body><img id="img" src="/img/owl.jpg">${footer}</body></html>`)).toEqual([`element ${TERMS}`, `page ${BY}`]);
    const microdata = `<div itemscope itemtype="https://schema.org/ImageObject"><img id="img" itemprop="contentUrl" src="/img/owl.jpg"><link itemprop="usageInfo" href="${TERMS}"></div>`;
    expect(sources(`<html><body>${microdata}${footer}</body></html>`)).toEqual([`element ${TERMS}`, `page ${BY}`]);
  });

  it('an ImageObject with a licence keeps it: its terms page is not a second licence', () => {
    const jsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"ImageObject","contentUrl":"/img/owl.jpg","license":"${BY_SA}","usageInfo":"${TERMS}"}</script>`;
    expect(sources(`<html><head>${jsonLd}</head><body><img id="img" src="/img/owl.jpg"></body></html>`)).toEqual([`element ${BY_SA}`]);
  });

  it.each(['usageInfo', 'acquireLicensePage'])('a page work\'s %s with no licence is a page licence, beside the page\'s CC BY', (prop) => {
    const jsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","${prop}":"${TERMS}"}</script>`;
    const signals = page(`<html><head>${jsonLd}</head><body><a rel="license" href="${BY}">CC BY</a></body></html>`);
    expect(signals.licences).toEqual([{ via: 'rel', url: BY }, { via: 'json-ld', url: TERMS }]);
    // With a licence of its own, the terms page adds nothing.
    const licensed = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","license":"${BY}","${prop}":"${TERMS}"}</script>`;
    expect(page(`<html><head>${licensed}</head><body></body></html>`).licences).toEqual([{ via: 'json-ld', url: BY }]);
  });
});

// SIGNALS.md §6.1: a licence speaks for the document's main content. A page's structured data also
// describes its software, its publisher, a data set, the posts it links to: each licence there was
// read as the page's, and a software project's CC BY, or a related post's, licensed every photo.
describe('JSON-LD and item licences of something other than the page', () => {
  const ld = (node: object) => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', ...node })}</script>`;
  const read = (head: string, body = '') => page(`<html><head>${head}</head><body>${body}</body></html>`);

  it.each(['SoftwareApplication', 'SoftwareSourceCode', 'Organization', 'Person', 'Product', 'Event', 'WebApplication'])('a %s\'s licence is no page licence', (type) => {
    expect(read(ld({ '@type': type, name: 'x', license: BY }))).toMatchObject({ licences: [] });
    expect(read(ld({ '@type': type, name: 'x', license: BY }))).not.toHaveProperty('licenceUnread');
    // Nor in microdata or RDFa.
    expect(read('', `<div itemscope itemtype="https://schema.org/${type}"><link itemprop="license" href="${BY}"></div>`).licences).toEqual([]);
    expect(read('', `<div vocab="https://schema.org/" typeof="${type}"><a property="license" href="${BY}">CC BY</a></div>`).licences).toEqual([]);
  });

  it('a node naming another document (url, @id, mainEntityOfPage) is another work: it licenses nothing, and when it differs the page licence licenses no image', () => {
    for (const node of [
      { '@type': 'BlogPosting', url: 'https://ex.test/gallery/other.html', license: BY_NC },
      { '@type': 'CreativeWork', '@id': 'https://themes.test/sunny#theme', license: BY_NC },
      { '@type': 'Article', mainEntityOfPage: { '@id': 'https://ex.test/elsewhere/' }, license: BY_NC },
      { '@type': 'Dataset', name: 'Birds', license: BY_NC },
    ]) {
      expect(read(ld(node)).licences, JSON.stringify(node)).toEqual([]);
      // Its licence goes to the worker, which compares it with the page's (assess.ts otherWorkDiffers).
      expect(read(ld(node), `<a rel="license" href="${BY}">CC BY</a>`), JSON.stringify(node)).toMatchObject({ licences: [{ via: 'rel', url: BY }], otherWorkLicences: [BY_NC] });
    }
  });

  it('with a WebPage node, a node that is neither it, the site, nor linked to it is another work', () => {
    const graph = (...nodes: object[]) => ld({ '@graph': [{ '@type': 'WebPage', '@id': `${PAGE}#webpage`, url: PAGE }, ...nodes] });
    expect(read(graph({ '@type': 'CreativeWork', name: 'Widget', license: BY })).licences).toEqual([]);
    for (const linked of [
      { '@type': 'Article', isPartOf: { '@id': `${PAGE}#webpage` }, license: BY },
      { '@type': 'Article', mainEntityOfPage: PAGE, license: BY },
      { '@type': 'WebSite', '@id': 'https://ex.test/#website', url: 'https://ex.test/', license: BY },
      { '@type': 'CollectionPage', '@id': `${PAGE}#gallery`, license: BY },
    ]) {
      expect(read(graph(linked)).licences, JSON.stringify(linked)).toEqual([{ via: 'json-ld', url: BY }]);
    }
    // The WebPage naming its main entity claims it.
    const claimed = ld({ '@graph': [{ '@type': 'WebPage', url: PAGE, mainEntity: { '@id': 'https://ex.test/works/42' } }, { '@type': 'VisualArtwork', '@id': 'https://ex.test/works/42', license: BY }] });
    expect(read(claimed).licences).toEqual([]); // its @id names another document
    const claimedHere = ld({ '@graph': [{ '@type': 'WebPage', url: PAGE, mainEntity: { '@id': `${PAGE}#work` } }, { '@type': 'VisualArtwork', '@id': `${PAGE}#work`, license: BY }] });
    expect(read(claimedHere).licences).toEqual([{ via: 'json-ld', url: BY }]);
  });

  it('a page work with no link, no WebPage beside it and no other URL is still the page\'s, as before', () => {
    expect(read(ld({ '@type': 'BlogPosting', headline: 'Owls', license: BY })).licences).toEqual([{ via: 'json-ld', url: BY }]);
    expect(read(ld({ '@type': 'Article', url: `${PAGE}?utm_source=feed`, '@id': `${PAGE}#article`, license: BY })).licences).toEqual([{ via: 'json-ld', url: BY }]);
  });
});

// SIGNALS.md §6.1: rel=license speaks for the document's main content. A licence inside an
// <article> of a page listing several, a quoted post (<blockquote>, <q>) or a comment was read as
// the page's, and licensed every same-site image on it.
describe('a licence inside an article, a quotation or a comment', () => {
  /** Sources and ids of the licences found for each image, read as Collect's scanner reads them. */
  const licencesOf = (body: string): Record<string, string[]> => {
    const d = doc(`<html><body>${body}</body></html>`);
    const signals = page(d.documentElement.outerHTML);
    const scan = new ElementLicences(PAGE, d);
    const out: Record<string, string[]> = {};
    for (const img of Array.from(d.querySelectorAll('img'))) {
      const imageUrl = new URL(img.getAttribute('src')!, PAGE).href;
      out[img.getAttribute('src')!] = licenceFindings({ imageUrl, pageUrl: PAGE, page: signals, element: scan.of(img) }).map((l) => `${l.source} ${l.id}`);
    }
    return out;
  };

  it.each([
    ['a quoted post', `<blockquote class="twitter-tweet"><p>Look <a rel="license" href="${BY}">CC BY</a></p></blockquote>`],
    ['an inline quotation', `<p><q>shared <a rel="license" href="${BY}">CC BY</a></q></p>`],
    ['a comment', `<section id="comments"><ol class="comment-list"><li class="comment"><p><a rel="license" href="${BY}">mine is CC BY</a></p></li></ol></section>`],
    ['another article', `<article><h2>Other post</h2><a rel="license" href="${BY}">CC BY</a></article>`],
    ['microdata in another article', `<article><link itemprop="license" href="${BY}"></article>`],
  ])('%s is no page licence: it licenses no image outside it', (_, markup) => {
    expect(licencesOf(`<article><img src="/img/owl.jpg"></article>${markup}<img src="/img/fox.jpg">`)).toEqual({ '/img/owl.jpg': [], '/img/fox.jpg': [] });
  });

  it('it licenses the images in the same article or quotation, more specifically than the page', () => {
    expect(licencesOf(`<article><img src="/img/owl.jpg"><footer><a rel="license" href="${BY_NC}">CC BY-NC</a></footer></article>
      <blockquote><img src="/img/fox.jpg"><a rel="license" href="${BY_SA}">CC BY-SA</a></blockquote>
      <img src="/img/bat.jpg"><footer><a rel="license" href="${BY}">CC BY</a></footer>`)).toEqual({
      '/img/owl.jpg': ['element CC-BY-NC-4.0', 'page CC-BY-4.0'],
      '/img/fox.jpg': ['element CC-BY-SA-4.0', 'page CC-BY-4.0'],
      '/img/bat.jpg': ['page CC-BY-4.0'],
    });
  });

  it('a nested comment article\'s licence is not the post\'s, nor the post\'s the comment\'s images\'', () => {
    expect(licencesOf(`<article><img src="/img/owl.jpg"><a rel="license" href="${BY}">CC BY</a>
      <article class="comment"><img src="/img/fox.jpg"><a rel="license" href="${BY_NC}">CC BY-NC</a></article></article>`)).toEqual({
      '/img/owl.jpg': ['element CC-BY-4.0', 'page CC-BY-4.0'],
      '/img/fox.jpg': ['element CC-BY-NC-4.0', 'page CC-BY-4.0'],
    });
  });

  // A blog post's "CC BY" line inside the page's one <article> was read as the article's only: the
  // site showed `unknown`, and its header and sidebar images had no licence, where the page says
  // CC BY. The page's one article is its main work: its licence is the page's when nothing outside
  // it states one; beside one outside it, or on a page of several articles, it stays the article's.
  it('the page\'s one article states the page\'s licence when nothing outside it does', () => {
    expect(licencesOf(`<header><img src="/img/logo.png"></header><article><h1>Post</h1><img src="/img/owl.jpg"><p><a rel="license" href="${BY}">CC BY</a></p></article>`)).toEqual({
      '/img/logo.png': ['page CC-BY-4.0'],
      '/img/owl.jpg': ['element CC-BY-4.0', 'page CC-BY-4.0'],
    });
    expect(licencesOf(`<img src="/img/logo.png"><article><img src="/img/owl.jpg"><a rel="license" href="${BY}">CC BY</a></article><article><img src="/img/fox.jpg"></article>`)).toEqual({
      '/img/logo.png': [], '/img/owl.jpg': ['element CC-BY-4.0'], '/img/fox.jpg': [],
    });
    const status = readPageLicenceSignals(doc(`<html><body><article><img src="/img/owl.jpg"><a rel="license" href="${BY}">CC BY</a></article></body></html>`), PAGE);
    expect(status.licences).toEqual([{ via: 'rel', url: BY }]);
  });

  it('a class that merely contains "comment" is no comment, and the page licence is read as before', () => {
    expect(licencesOf(`<img src="/img/owl.jpg"><div class="nocomments-footer"><a rel="license" href="${BY}">CC BY</a></div>`)).toEqual({ '/img/owl.jpg': ['page CC-BY-4.0'] });
  });
});

describe('a work nested in the page\'s JSON-LD that states a licence speaks for the images it shows', () => {
  const findingsFor = (node: object, imageUrl = 'https://ex.test/img/owl.jpg') => {
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', ...node })}</script></head><body><a rel="license" href="${BY}">CC BY</a></body></html>`;
    return licenceFindings({ imageUrl, pageUrl: PAGE, page: page(html), element: [] }).map((l) => `${l.source} ${l.id ?? l.url}`);
  };

  it.each([
    ['hasPart', { '@type': 'WebPage', hasPart: { '@type': 'CreativeWork', image: 'https://ex.test/img/owl.jpg', license: BY_NC } }],
    ['a review', { '@type': 'Product', review: [{ '@type': 'Review', image: { '@id': 'https://ex.test/img/owl.jpg' }, license: BY_NC }] }],
    ['a thumbnail', { '@type': 'ItemList', itemListElement: [{ '@type': 'CreativeWork', thumbnailUrl: '/img/owl.jpg', license: BY_NC }] }],
  ])('%s', (_, node) => {
    expect(findingsFor(node)).toEqual(['element CC-BY-NC-4.0', 'page CC-BY-4.0']);
    // Another image is not the part's.
    expect(findingsFor(node, 'https://ex.test/img/fox.jpg')).toEqual(['page CC-BY-4.0']);
  });

  it('a nested work stating no licence, or a top-level one (the page\'s own), adds no image statement', () => {
    expect(findingsFor({ '@type': 'WebPage', hasPart: { '@type': 'CreativeWork', image: 'https://ex.test/img/owl.jpg' } })).toEqual(['page CC-BY-4.0']);
    expect(findingsFor({ '@type': 'Article', image: 'https://ex.test/img/owl.jpg', license: BY })).toEqual(['page CC-BY-4.0']);
  });
});

// Each image of an article read the whole article's licence markup again: a long post of 500
// images and as many marked elements was walked 500 times on Collect's first scan (issue 17). What
// the article states is now read once per article, and every image in it gets the same hint.
describe('an article\'s licence is read once for all the images in it', () => {
  it('one walk of the article\'s markup, the same hint for each image', () => {
    const imgs = Array.from({ length: 50 }, (_, i) => `<p><img src="/img/${i}.jpg"><span property="dc:title">Photo ${i}</span></p>`).join('');
    const d = doc(`<html><body><article>${imgs}<footer><a rel="license" href="${BY}">CC BY</a></footer></article><article><img src="/img/other.jpg"></article></body></html>`);
    const article = d.querySelector('article')!;
    let walks = 0;
    const query = article.querySelectorAll.bind(article);
    article.querySelectorAll = ((selector: string) => {
      if (selector.includes('[rel]')) walks++;
      return query(selector);
    }) as typeof article.querySelectorAll;
    const scan = new ElementLicences(PAGE, d);
    const hints = Array.from(article.querySelectorAll('img')).map((img) => scan.of(img));
    expect(walks).toBe(1);
    expect(hints.every((h) => h.some((x) => x.licences.includes(BY)))).toBe(true);
    expect(scan.of(d.querySelectorAll('article')[1]!.querySelector('img')!)).toEqual([]);
  });
});
