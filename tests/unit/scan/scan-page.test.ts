import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { scanDocument, scanDocumentWithStats, scanDocumentYielding } from '../../../utils/scan/scan-page';
import { ImageCandidateSchema, type ImageCandidate } from '../../../utils/policy/verdict';

const PAGE = 'https://gallery.example/photos/index.html';

function scan(body: string, options = {}): ImageCandidate[] {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`);
  return scanDocument(document as unknown as Document, PAGE, options);
}
const urls = (cs: ImageCandidate[]) => cs.map((c) => c.url);
const byUrl = (cs: ImageCandidate[], url: string) => cs.find((c) => c.url === url);

describe('scanDocument: <img>', () => {
  it('resolves src against the page and <base href>', () => {
    expect(urls(scan('<img src="a.png">'))).toEqual(['https://gallery.example/photos/a.png']);
    expect(urls(scan('<base href="https://cdn.example/x/"><img src="a.png">'))).toEqual(['https://cdn.example/x/a.png']);
  });
  it('takes the largest srcset candidate and keeps the shown one as thumbnail', () => {
    const [c] = scan('<img src="s.jpg" srcset="s.jpg 400w, m.jpg 800w, l.jpg 1600w" sizes="50vw">');
    expect(c).toMatchObject({ url: 'https://gallery.example/photos/l.jpg', thumbnailUrl: 'https://gallery.example/photos/s.jpg', discovery: ['img', 'srcset'] });
    expect(urls(scan('<img src="a.jpg" srcset="a.jpg 1x, a@3x.jpg 3x, a@2x.jpg 2x">'))).toEqual(['https://gallery.example/photos/a@3x.jpg']);
  });
  it('reads <picture><source> and prefers the largest across sources', () => {
    const cs = scan(`<picture><source type="image/avif" srcset="p.avif 2000w, q.avif 1000w"><source type="video/mp4" srcset="v.mp4 9999w">
      <img src="p.jpg" srcset="p-1200.jpg 1200w"></picture>`);
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ url: 'https://gallery.example/photos/p.avif', discovery: ['img', 'picture'] });
  });
  it('finds lazy images: data-src over a placeholder, data-srcset, originals first', () => {
    const gif = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    expect(scan(`<img src="${gif}" data-src="real.jpg">`)).toMatchObject([{ url: 'https://gallery.example/photos/real.jpg', thumbnailUrl: null, discovery: ['img', 'lazy'] }]);
    expect(urls(scan('<img data-srcset="a-300.jpg 300w, a-900.jpg 900w" data-src="a-300.jpg">'))).toEqual(['https://gallery.example/photos/a-900.jpg']);
    expect(urls(scan('<img src="t.jpg" srcset="t2.jpg 2000w" data-orig-file="orig.jpg">'))).toEqual(['https://gallery.example/photos/orig.jpg']);
    expect(urls(scan('<img loading="lazy" src="later.jpg">'))).toEqual(['https://gallery.example/photos/later.jpg']);
  });
  it('keeps the largest rendition a linked thumbnail names, to judge if the link is no image', () => {
    const [c] = scan('<a href="/wiki/File:K.jpg"><img src="k-220.jpg" srcset="k-330.jpg 1.5x, k-440.jpg 2x" width="220"></a>');
    expect(c).toMatchObject({ url: 'https://gallery.example/wiki/File:K.jpg', thumbnailUrl: 'https://gallery.example/photos/k-440.jpg', discovery: ['link', 'img', 'srcset'] });
  });
  it('prefers the image file a thumbnail links to, keeping the thumbnail', () => {
    const cs = scan('<a href="/full/big.jpg" title="Open"><img src="thumb.jpg" alt="Kestrel"></a><img src="thumb.jpg">');
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ url: 'https://gallery.example/full/big.jpg', thumbnailUrl: 'https://gallery.example/photos/thumb.jpg', alt: 'Kestrel', title: 'Open', linkUrl: null });
    expect(cs[0]!.discovery).toEqual(['link', 'img']);
  });
  it('keeps a link to a page as context, not as the image', () => {
    expect(scan('<a href="/story/42"><img src="a.jpg"></a>')).toMatchObject([{ url: 'https://gallery.example/photos/a.jpg', linkUrl: 'https://gallery.example/story/42' }]);
  });
});

describe('scanDocument: other paths', () => {
  it('finds posters, image inputs, object/embed, text links and inline-style backgrounds', () => {
    const cs = scan(`<video poster="poster.jpg"></video><input type="image" src="go.png" alt="Go">
      <object data="o.svg" type="image/svg+xml"></object><object data="doc.pdf"></object><embed src="e.webp">
      <a href="raw/photo.tif">download</a><a href="page.html">page</a>
      <div style="background: url('bg1.jpg'), url(bg2.png)"></div><div data-bg="lazy-bg.jpg"></div>`);
    expect(cs.map((c) => [new URL(c.url).pathname.split('/').pop(), c.discovery.join('+')])).toEqual([
      ['lazy-bg.jpg', 'lazy+css'],
      ['poster.jpg', 'poster'],
      ['go.png', 'input'],
      ['o.svg', 'object'],
      ['e.webp', 'object'],
      ['bg1.jpg', 'css'],
      ['bg2.png', 'css'],
      ['photo.tif', 'link'],
    ]);
    expect(byUrl(cs, 'https://gallery.example/photos/go.png')?.alt).toBe('Go');
  });
  it('serialises inline SVG as a standalone data: URL without scripts, and skips icons', () => {
    const cs = scan(`<svg width="200" height="100" onload="steal()"><script>steal()</script><rect width="10" height="10" fill="#0a0"/><svg><circle r="1"/></svg></svg>
      <svg width="24" height="24" viewBox="0 0 24 24"><path d="M0 0h24"/></svg>`);
    expect(cs).toHaveLength(1);
    const svg = decodeURIComponent(cs[0]!.url.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('fill="#0a0"');
    expect(svg).not.toMatch(/script|onload|steal/);
    expect(cs[0]).toMatchObject({ discovery: ['svg'], width: 200, height: 100 });
  });
  it('skips tiny data: URLs but keeps real inline images', () => {
    const big = `data:image/png;base64,${'A'.repeat(2000)}`;
    expect(urls(scan(`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><img src="${big}">`))).toEqual([big]);
  });
});

describe('scanDocument: context', () => {
  it('reads alt, title, caption, aria-label, nearest heading and sizes; text stays text', () => {
    const [c] = scan(`<h1>Birds</h1><section><h2>  Raptors\n of <i>Europe</i></h2><p>intro</p>
      <figure><img src="k.jpg" width="640" height="480" alt="<script>alert(1)</script> Kestrel" title="A   kestrel" aria-label="Bird">
      <figcaption>Common <b>kestrel</b>, 2024</figcaption></figure></section>`);
    // (A following heading is covered in the browser test: linkedom's compareDocumentPosition
    // calls every node "following".)
    expect(c).toMatchObject({
      alt: '<script>alert(1)</script> Kestrel',
      title: 'A kestrel',
      caption: 'Common kestrel, 2024',
      ariaLabel: 'Bird',
      heading: 'Raptors of Europe',
      renderedWidth: 640,
      renderedHeight: 480,
    });
    expect(ImageCandidateSchema.safeParse(c).success).toBe(true);
  });
  it('caps every text field', () => {
    const [c] = scan(`<img src="a.jpg" alt="${'x'.repeat(50_000)}" title="${'y '.repeat(5000)}">`, { maxText: 100 });
    expect(c!.alt).toHaveLength(100);
    expect(c!.title.length).toBeLessThanOrEqual(100);
  });
  it('maps the figure rel=license to elementLicences', () => {
    const [c] = scan(`<figure><img src="vase.png"><figcaption>Vase by <span>Ana</span>,
      <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></figcaption></figure>`);
    expect(c!.elementLicences).toEqual([expect.objectContaining({ via: 'figure', licences: ['https://creativecommons.org/licenses/by/4.0/'] })]);
  });
  // One URL shown in several places is one candidate; only its first element's licence markup
  // was read, so a later figure licensing it CC BY-NC (or any figure after four plain copies)
  // was lost and the first figure's CC BY, or the page's, permitted it. Every occurrence speaks now.
  it('the same image in several figures: the licence markup of every occurrence is read', () => {
    const fig = (licence: string | null) => `<figure><img src="vase.png"><figcaption>Vase${licence ? ` <a rel="license" href="${licence}">licence</a>` : ''}</figcaption></figure>`;
    const BY = 'https://creativecommons.org/licenses/by/4.0/';
    const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
    const licencesOf = (body: string) => scan(body)[0]!.elementLicences.flatMap((h) => h.licences);
    expect(licencesOf(fig(BY) + fig(NC))).toEqual([BY, NC]);
    expect(licencesOf(fig(null) + fig(null) + fig(null) + fig(null) + fig(null) + fig(NC))).toEqual([NC]);
  });
  // Only the first 64 occurrences' markup is read (a hostile page's thousands of decoys must not
  // all be parsed). A CC BY-NC figure as the 70th copy was silently left out and the page's CC BY
  // permitted the image; now markup past the cap that could speak for it marks it unread (fails closed).
  it('an image shown more often than the markup Heed reads per image: a licence scope among the copies past the cap marks it unread', () => {
    const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
    const plain = '<p><img src="vase.png"></p>'.repeat(69);
    const hints = (body: string) => scan(body)[0]!.elementLicences;
    expect(hints(`${plain}<figure><img src="vase.png"><figcaption><a rel="license" href="${NC}">NC</a></figcaption></figure>`).some((h) => h.unread === true)).toBe(true);
    // Past the cap with no licence markup around any copy: nothing unread, nothing invented.
    expect(hints(`${plain}<p><img src="vase.png"></p>`)).toEqual([]);
    // Within the cap, the NC figure is simply read.
    expect(hints(`<p><img src="vase.png"></p><figure><img src="vase.png"><figcaption><a rel="license" href="${NC}">NC</a></figcaption></figure>`).flatMap((h) => h.licences)).toEqual([NC]);
  });
  // The image's copy written inside a <template> (a lightbox or card a script clones in), in a
  // figure licensing it CC BY-NC: inert for the browser, so the scan never read it, and the page's
  // CC BY licensed the image shown. Decision (DESIGN.md §2 rules 4 and 5, the reading that cannot
  // keep what the owner refused): the owner wrote that markup about this image; a copy in licence
  // markup inside a template marks the image's element markup unread (no HTML licence relied on).
  it('an image whose copy inside a <template> sits in licence markup: its element markup is unread', () => {
    const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
    const hints = (body: string) => scan(body)[0]!.elementLicences;
    const lightbox = (img: string) => `<template id="lightbox"><figure>${img}<figcaption><a rel="license" href="${NC}">CC BY-NC</a></figcaption></figure></template>`;
    expect(hints(`<img src="vase.png">${lightbox('<img src="vase.png">')}`).some((h) => h.unread === true)).toBe(true);
    // By the rendition shown, a srcset candidate, or in a nested template.
    expect(hints(`<img src="v-800.jpg" srcset="v-800.jpg 800w, v-1600.jpg 1600w">${lightbox('<img srcset="v-800.jpg 1x, v-1600.jpg 2x">')}`).some((h) => h.unread === true)).toBe(true);
    expect(hints(`<img src="vase.png"><template>${lightbox('<img src="/photos/vase.png">')}</template>`).some((h) => h.unread === true)).toBe(true);
    // A template copy in no licence markup, or a template about another image, changes nothing.
    expect(hints('<img src="vase.png"><template><p><img src="vase.png"></p></template>')).toEqual([]);
    expect(hints(`<img src="vase.png">${lightbox('<img src="other.png">')}`)).toEqual([]);
  });
  // A figure licensing the 800 px file CC BY-NC, and elsewhere an <img> whose srcset names that
  // file and a 1600 px rendition: the 800 px entry was dropped as the smaller rendition, with the
  // figure's licence, and the 1600 px candidate was licensed by the page. The licence goes with it now.
  it('a smaller rendition dropped for a larger one hands its licence markup to it', () => {
    const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
    const cs = scan(`<figure><img src="a-800.jpg"><figcaption><a rel="license" href="${NC}">CC BY-NC</a></figcaption></figure>
      <img src="a-800.jpg" srcset="a-800.jpg 800w, a-1600.jpg 1600w">`);
    expect(urls(cs)).toEqual(['https://gallery.example/photos/a-1600.jpg']);
    expect(cs[0]!.elementLicences.flatMap((h) => h.licences)).toEqual([NC]);
  });
});

describe('scanDocument: dedupe, caps and hostile pages', () => {
  it('merges the same URL found several ways', () => {
    const cs = scan('<img src="a.jpg" alt="first"><div style="background-image:url(a.jpg)" title="second"></div>');
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ alt: 'first', title: 'second', discovery: ['img', 'css'] });
  });
  it('marks frames and honours the candidate cap', () => {
    expect(scan('<img src="a.jpg">', { inFrame: true })[0]!.discovery).toEqual(['img', 'iframe']);
    const many = Array.from({ length: 300 }, (_, i) => `<img src="i${i}.jpg">`).join('');
    const { document } = parseHTML(`<html><body>${many}</body></html>`);
    const { candidates, stats } = scanDocumentWithStats(document as unknown as Document, PAGE, { maxCandidates: 100 });
    expect(candidates).toHaveLength(100);
    expect(stats.limit).toBe('candidates');
  });
  it('says which cap stopped it: elements, time; none on a page within them', () => {
    const many = Array.from({ length: 300 }, (_, i) => `<p><img src="i${i}.jpg"></p>`).join('');
    const { document } = parseHTML(`<html><body>${many}</body></html>`);
    const doc = document as unknown as Document;
    expect(scanDocumentWithStats(doc, PAGE, { maxElements: 50 }).stats.limit).toBe('elements');
    expect(scanDocumentWithStats(doc, PAGE, { maxMs: 0 }).stats.limit).toBe('time');
    const whole = scanDocumentWithStats(doc, PAGE);
    expect(whole.stats.limit).toBeNull();
    expect(whole.candidates).toHaveLength(300);
  });
  it('survives 5,000-deep nesting', () => {
    const { document } = parseHTML('<html><body></body></html>');
    let el: Element = document.body as unknown as Element;
    for (let i = 0; i < 5000; i++) el = el.appendChild(document.createElement(i % 2 ? 'div' : 'span') as unknown as Element);
    const fig = el.appendChild(document.createElement('figure') as unknown as Element);
    fig.innerHTML = '<img src="deep.jpg" alt="deep"><figcaption>bottom</figcaption>';
    const cs = scanDocument(document as unknown as Document, PAGE);
    expect(cs).toMatchObject([{ url: 'https://gallery.example/photos/deep.jpg', caption: 'bottom' }]);
  });
  it('survives elements whose properties throw, and bad input', () => {
    const { document } = parseHTML('<html><body><img id="bad" src="bad.jpg"><img src="good.jpg"></body></html>');
    Object.defineProperty(document.getElementById('bad'), 'currentSrc', { get: () => { throw new Error('hostile'); } });
    const { candidates, stats } = scanDocumentWithStats(document as unknown as Document, PAGE);
    expect(urls(candidates)).toEqual(['https://gallery.example/photos/good.jpg']);
    expect(stats.errors).toBe(1);
    expect(scanDocument({} as Document, PAGE)).toEqual([]);
    expect(scanDocument(document as unknown as Document, 'not a url')).toEqual([]);
  });
});

describe('scanDocumentYielding: the scan Collect runs, letting the page run between steps', () => {
  const body = `<h2>Gallery</h2>${Array.from({ length: 600 }, (_, i) => `<figure><img src="p${i}.jpg" alt="photo ${i}"><figcaption>c${i}</figcaption></figure>`).join('')}<div style="background-image:url(bg.jpg)"></div>`;

  it('finds what the synchronous scan finds, pausing between its steps and context batches', async () => {
    const { document } = parseHTML(`<html><body>${body}</body></html>`);
    const doc = document as unknown as Document;
    let pauses = 0;
    const yielding = await scanDocumentYielding(doc, PAGE, {}, { sliceMs: 0, pause: async () => void pauses++ });
    expect(yielding.candidates).toEqual(scanDocumentWithStats(doc, PAGE).candidates);
    expect(yielding.candidates).toHaveLength(601);
    // Every path over the tree, the sweep, Resource Timing, and context in batches of 256.
    expect(pauses).toBeGreaterThanOrEqual(12);
  });

  it('survives the page rewriting itself while it pauses', async () => {
    const { document } = parseHTML(`<html><body>${body}</body></html>`);
    const doc = document as unknown as Document;
    let n = 0;
    const churn = async () => {
      const figures = doc.querySelectorAll('figure');
      figures[n % figures.length]?.remove();
      doc.body.insertAdjacentHTML('beforeend', `<img src="late${n++}.jpg">`);
    };
    const { candidates, stats } = await scanDocumentYielding(doc, PAGE, {}, { sliceMs: 0, pause: churn });
    expect(candidates.length).toBeGreaterThan(500);
    for (const c of candidates) expect(ImageCandidateSchema.safeParse(c).success).toBe(true);
    expect(stats.limit).toBeNull();
  });
});

// A template Heed cannot read must not cost the scan its candidates: they are reported, each
// with its element markup unread (fail closed), instead of none at all.
it('a template whose content cannot be read: the images are still reported, their element markup unread', () => {
  const { document } = parseHTML('<!doctype html><html><head></head><body><img src="a.png"><template id="t"><img src="a.png"></template></body></html>');
  Object.defineProperty(document.getElementById('t')!, 'content', { get: () => { throw new Error('hostile'); } });
  const cs = scanDocument(document as unknown as Document, PAGE);
  expect(urls(cs)).toEqual(['https://gallery.example/photos/a.png']);
  expect(cs[0]!.elementLicences.some((h) => h.unread === true)).toBe(true);
});

describe('scanDocument: the other renditions the markup names travel with the candidate', () => {
  it('a srcset candidate, the src and an image-set() option besides the one taken', () => {
    const [img] = scan('<img src="s.jpg" srcset="l.jpg 2000w, https://i.pinimg.com/736x/a.jpg 736w, s.jpg 400w" sizes="50vw">');
    expect(img).toMatchObject({ url: 'https://gallery.example/photos/l.jpg', thumbnailUrl: 'https://gallery.example/photos/s.jpg', renditions: ['https://i.pinimg.com/736x/a.jpg'] });
    const css = byUrl(scan('<div style="background-image:image-set(url(https://i.pinimg.com/736x/a.jpg) 1x, url(big.jpg) 2x)"></div>'), 'https://gallery.example/photos/big.jpg');
    expect(css?.renditions).toEqual(['https://i.pinimg.com/736x/a.jpg']);
  });
  it('a lazy data-srcset candidate and a data-bg image-set() option besides the one taken', () => {
    const srcset = byUrl(scan('<div data-srcset="https://i.pinimg.com/736x/a.jpg 736w, big.jpg 2000w"></div>'), 'https://gallery.example/photos/big.jpg');
    expect(srcset?.renditions).toEqual(['https://i.pinimg.com/736x/a.jpg']);
    const bg = byUrl(scan('<div data-bg="image-set(url(https://i.pinimg.com/736x/a.jpg) 1x, url(big.jpg) 2x)"></div>'), 'https://gallery.example/photos/big.jpg');
    expect(bg?.renditions).toEqual(['https://i.pinimg.com/736x/a.jpg']);
  });
  it('a srcset naming more candidates than are read marks the renditions cut', () => {
    const many = Array.from({ length: 64 }, (_, i) => `w${i}.jpg ${100 + i}w`).join(', ');
    const [c] = scan(`<img src="a.jpg" srcset="${many}, https://i.pinimg.com/736x/a.jpg 50w">`);
    expect(c?.renditionsCut).toBe(true);
    expect(scan('<img src="a.jpg" srcset="a.jpg 400w, b.jpg 800w">')[0]?.renditionsCut).toBeUndefined();
  });
  it('none for an image that names one URL, and no data: URL', () => {
    expect(scan('<img src="a.jpg">')[0]?.renditions).toBeUndefined();
    const gif = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    expect(scan(`<img src="${gif}" data-src="real.jpg">`)[0]?.renditions).toBeUndefined();
  });
});
