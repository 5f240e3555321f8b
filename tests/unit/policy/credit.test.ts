import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../utils/model/settings';
import { assessImage, assessPage } from '../../../utils/policy/assess';
import { imageCredit, withCredit } from '../../../utils/policy/credit';
import { LicenceSchema } from '../../../utils/model/evidence';
import { ManifestItemSchema } from '../../../utils/model/manifest';
import { readElementLicence, readPageLicenceSignals } from '../../../utils/signals/html-licence';
import type { OriginFiles } from '../../../utils/signals/origin-files';

const PAGE = 'https://photos.example/harbour/';
const BY_SA = 'https://creativecommons.org/licenses/by-sa/4.0/';

/** The credit Heed gives the image `#img` of `html`, as the scanner and the worker read it. */
function creditOf(html: string, opts: { pageUrl?: string; caption?: string; alt?: string; sameRegistrableDomain?: boolean; embedded?: Parameters<typeof imageCredit>[0]['embedded'] } = {}) {
  const pageUrl = opts.pageUrl ?? PAGE;
  const doc = parseHTML(html).document as unknown as Document;
  const img = doc.getElementById('img')!;
  const imageUrl = new URL(img.getAttribute('src')!, pageUrl).href;
  return imageCredit({
    imageUrl,
    pageUrl,
    page: readPageLicenceSignals(doc, pageUrl),
    element: readElementLicence(img, pageUrl),
    sameRegistrableDomain: opts.sameRegistrableDomain ?? true,
    caption: opts.caption ?? '',
    alt: opts.alt ?? img.getAttribute('alt') ?? '',
    embedded: opts.embedded ?? null,
  });
}

// What the CC licence chooser (chooser-v1) hands out for "Harbour at dawn" by Ana Ruiz.
const CHOOSER = `<p xmlns:cc="http://creativecommons.org/ns#" xmlns:dct="http://purl.org/dc/terms/"><a property="dct:title" rel="cc:attributionURL"
  href="https://photos.example/works/harbour">Harbour at dawn</a> by <a rel="cc:attributionURL dct:creator" property="cc:attributionName"
  href="https://photos.example/ana">Ana Ruiz</a> is licensed under <a href="https://creativecommons.org/licenses/by-sa/4.0/?ref=chooser-v1"
  target="_blank" rel="license noopener noreferrer" style="display:inline-block;">CC BY-SA 4.0</a></p>`;

describe('creator and title from the markup that states them', () => {
  it('the CC licence chooser snippet on the page: title, creator, attributionURL', () => {
    expect(creditOf(`<main><img id="img" src="/img/harbour.jpg" alt="Boats">${CHOOSER}</main>`)).toEqual({
      title: 'Harbour at dawn',
      creator: 'Ana Ruiz',
      sourceUrl: 'https://photos.example/works/harbour',
    });
  });

  it('the chooser snippet in the image figure speaks for that image only', () => {
    const html = `<figure><img id="img" src="/img/harbour.jpg"><figcaption>${CHOOSER}</figcaption></figure><figure><img id="other" src="/img/b.jpg"></figure>`;
    expect(creditOf(html)).toMatchObject({ title: 'Harbour at dawn', creator: 'Ana Ruiz' });
  });

  it('a news article: the photo ImageObject (creator, creditText) beats the article author', () => {
    const news = `<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Storm hits the coast",
      "author":[{"@type":"Person","name":"Lee Park"}],
      "image":[{"@type":"ImageObject","contentUrl":"https://photos.example/img/storm.jpg","url":"https://photos.example/img/storm.jpg",
        "creditText":"Ana Ruiz / Coast Post","creator":{"@type":"Person","name":"Ana Ruiz"},"copyrightNotice":"Ana Ruiz",
        "license":"${BY_SA}","acquireLicensePage":"https://photos.example/licensing"}]}</script></head>
      <body><figure><img id="img" src="/img/storm.jpg"><figcaption>Waves over the pier. Photo: Ana Ruiz, CC BY-SA 4.0</figcaption></figure>
      <img id="second" src="/img/map.jpg"></body>`;
    expect(creditOf(news, { caption: 'Waves over the pier. Photo: Ana Ruiz, CC BY-SA 4.0' })).toEqual({
      title: 'Waves over the pier. Photo: Ana Ruiz',
      creator: 'Ana Ruiz',
      sourceUrl: PAGE,
    });
    // The article's other image: only the page's own author is known for it.
    const doc = parseHTML(news).document as unknown as Document;
    const other = imageCredit({ imageUrl: 'https://photos.example/img/map.jpg', pageUrl: PAGE, page: readPageLicenceSignals(doc, PAGE), element: [], sameRegistrableDomain: true, caption: '', alt: '' });
    expect(other).toEqual({ title: null, creator: 'Lee Park', sourceUrl: PAGE });
  });

  it('a museum object page: the ImageObject name and author (photographer) beat the artwork creator', () => {
    const museum = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"VisualArtwork","name":"Blue vase","creator":{"@type":"Person","name":"Unknown potter"},"license":"https://creativecommons.org/publicdomain/zero/1.0/",
       "image":{"@id":"#photo"}},
      {"@type":"ImageObject","@id":"#photo","contentUrl":"/media/vase-1820.jpg","name":"Blue vase, 1820 (front)",
       "author":{"@type":"Organization","name":"Open Museum Photography"},"license":"https://creativecommons.org/publicdomain/zero/1.0/"}]}</script>
      <img id="img" src="/media/vase-1820.jpg" alt="Blue vase">`;
    expect(creditOf(museum, { pageUrl: 'https://museum.example/objects/17' })).toEqual({
      title: 'Blue vase, 1820 (front)',
      creator: 'Open Museum Photography',
      sourceUrl: 'https://museum.example/objects/17',
    });
  });

  it('microdata around the image, and <meta name="author"> as the page fallback', () => {
    const html = `<head><meta name="author" content="Site Editor"></head><body>
      <div itemscope itemtype="https://schema.org/ImageObject"><img id="img" itemprop="contentUrl" src="/a.jpg">
      <span itemprop="name">Old mill</span> by <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Bo Lind</span></span></div>
      <img id="plain" src="/b.jpg"></body>`;
    expect(creditOf(html)).toEqual({ title: 'Old mill', creator: 'Bo Lind', sourceUrl: PAGE });
    const doc = parseHTML(html).document as unknown as Document;
    expect(readPageLicenceSignals(doc, PAGE).credit).toEqual({ title: null, creator: 'Site Editor', attributionUrl: null });
  });

  it('embedded XMP is the most specific; the page speaks only for its own images', () => {
    const html = `<main><img id="img" src="https://cdn.other.example/x.jpg">${CHOOSER}</main>`;
    expect(creditOf(html, { sameRegistrableDomain: false, alt: 'Pier at night (CC BY 2.0)' })).toEqual({ title: 'Pier at night', creator: null, sourceUrl: PAGE });
    expect(creditOf(html, { embedded: { title: 'Pier', creator: 'Cam Era', sourceUrl: null } })).toEqual({ title: 'Pier', creator: 'Cam Era', sourceUrl: 'https://photos.example/works/harbour' });
  });

  it('hostile text stays capped, one-line text', () => {
    const long = `<b>${'x'.repeat(5000)}</b>\n\u202e`;
    const c = creditOf(`<img id="img" src="/a.jpg">`, { caption: long });
    expect(c.title!.length).toBeLessThanOrEqual(300);
    expect(c.title).not.toMatch(/[\n\u202e]/);
  });
});

describe('the stored licence carries its credit', () => {
  it('withCredit adds title, creator, source and the TASL line', () => {
    const l = withCredit({ id: 'CC-BY-SA-4.0', url: BY_SA, source: 'page', attribution: null }, { title: 'Harbour at dawn', creator: 'Ana Ruiz', sourceUrl: 'https://photos.example/works/harbour' });
    expect(l).toEqual({
      id: 'CC-BY-SA-4.0', url: BY_SA, source: 'page', title: 'Harbour at dawn', creator: 'Ana Ruiz', sourceUrl: 'https://photos.example/works/harbour',
      attribution: '"Harbour at dawn" by Ana Ruiz (https://photos.example/works/harbour) is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
    });
    expect(withCredit(null, { title: 'x', creator: null, sourceUrl: null })).toBeNull();
  });

  it('assessImage decides the licence and credits it from the page, the element and the image', () => {
    const settings = parseSettings({});
    const files = (origin: string): OriginFiles => ({
      origin, robots: { url: `${origin}/robots.txt`, outcome: 'unavailable', status: 404 }, tdmrep: { url: `${origin}/.well-known/tdmrep.json`, outcome: 'absent' }, aiTxt: { url: `${origin}/ai.txt`, outcome: 'absent' }, rsl: [],
    });
    const doc = parseHTML(`<main><img id="img" src="/img/harbour.jpg" alt="Boats">${CHOOSER}</main>`).document as unknown as Document;
    const page = assessPage({ page: { url: PAGE, title: 'Harbour', metas: [], tdm: {}, licence: readPageLicenceSignals(doc, PAGE), rsl: [] }, headers: {}, origin: files('https://photos.example') }, settings);
    const url = 'https://photos.example/img/harbour.jpg';
    const d = assessImage(page, { url, finalUrl: url, headers: {}, redirects: [], origins: [files('https://photos.example')], embedded: { evidence: [], licence: null } }, {
      url, thumbnailUrl: null, alt: 'Boats', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [],
    }, settings);
    expect(d.decision).toBe('permitted');
    expect(d.licence).toMatchObject({
      id: 'CC-BY-SA-4.0', title: 'Harbour at dawn', creator: 'Ana Ruiz', sourceUrl: 'https://photos.example/works/harbour',
      attribution: '"Harbour at dawn" by Ana Ruiz (https://photos.example/works/harbour) is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
    });
  });
});

// A page address over 2,048 characters (search parameters) is still the work's source: the cap for
// URLs a page writes dropped it, and the CC BY line of such an image named no source.
describe('the source of an image on a page with a long address', () => {
  it('is the page address, up to the page-address cap, and survives the stored schemas', () => {
    const pageUrl = `${PAGE}?q=${'x'.repeat(5_000)}`;
    const credit = creditOf('<img id="img" src="harbour.jpg" alt="Harbour">', { pageUrl });
    expect(credit.sourceUrl).toBe(pageUrl);
    const licence = withCredit({ id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'page' } as never, credit)!;
    expect(LicenceSchema.safeParse(licence).success).toBe(true);
    expect(ManifestItemSchema.shape.licence.unwrap().shape.sourceUrl.safeParse(pageUrl).success).toBe(true);
  });
});
