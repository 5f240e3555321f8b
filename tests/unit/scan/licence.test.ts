import { describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';

// The element-licence parser, made to throw for one test (it must not, but a hostile page's
// nesting must not turn a throw into "no licence here").
const parser = vi.hoisted(() => ({ throws: false }));
vi.mock('../../../utils/signals/html-licence/element', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../utils/signals/html-licence/element')>();
  return {
    ...real,
    readElementLicence: (...args: Parameters<typeof real.readElementLicence>) => {
      if (parser.throws) throw new RangeError('Maximum call stack size exceeded');
      return real.readElementLicence(...args);
    },
  };
});
const { ElementLicences } = await import('../../../utils/scan/licence');

const PAGE = 'https://museum.test/page';
const { document } = parseHTML(`<html><body>
  <figure><img id="a" src="/a.jpg"><figcaption><a rel="license" href="https://creativecommons.org/licenses/by-nc/4.0/">CC BY-NC</a></figcaption></figure>
  <p><img id="b" src="/b.jpg"></p>
</body></html>`);
const img = (id: string) => document.getElementById(id)!;

describe('element licence hints', () => {
  it('reads the figure licence around an image, none for an image outside any licence markup', () => {
    const licences = new ElementLicences(PAGE, document as unknown as Document);
    expect(licences.of(img('a'))).toMatchObject([{ via: 'figure', licences: ['https://creativecommons.org/licenses/by-nc/4.0/'] }]);
    expect(licences.of(img('b'))).toEqual([]);
  });

  it('markup the parser threw on is unread, never no licence (the page licence would speak for the image)', () => {
    parser.throws = true;
    try {
      const licences = new ElementLicences(PAGE, document as unknown as Document);
      expect(licences.of(img('a'))).toMatchObject([{ unread: true }]);
      // An image no licence markup can scope is not parsed at all.
      expect(licences.of(img('b'))).toEqual([]);
    } finally {
      parser.throws = false;
    }
  });
});

// An image inside a custom element's shadow root, the element inside a <figure> whose caption
// licenses it CC BY-NC: the licence parser walks parents, which stop at the shadow root, so the
// figure was never read and the page's CC BY licensed the image. Decision (DESIGN.md §2 rule 4,
// the reading that cannot keep what the owner refused): an image shown through a shadow host sits
// where its host sits, so the host's licence markup (its figure, the item or subject around it)
// speaks for it too, nested hosts included.
describe('an image inside a shadow root', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const shadowImg = (outer: string, inner = '<img id="s" src="/s.jpg">') => {
    const { document: d } = parseHTML(`<html><body>${outer}</body></html>`);
    const host = d.getElementById('host')!;
    const sr = (host as unknown as { attachShadow(o: object): ShadowRoot }).attachShadow({ mode: 'open' });
    sr.innerHTML = inner;
    return { d: d as unknown as Document, img: sr.querySelector('#s')! };
  };
  it('reads the licence of the figure its host sits in', () => {
    const { d, img } = shadowImg(`<figure><photo-card id="host"></photo-card><figcaption><a rel="license" href="${NC}">CC BY-NC</a></figcaption></figure>`);
    expect(new ElementLicences(PAGE, d).of(img).flatMap((h) => h.licences)).toEqual([NC]);
  });
  it('through nested shadow roots', () => {
    const { document: d } = parseHTML(`<html><body><figure><x-outer id="host"></x-outer><a rel="license" href="${NC}">CC BY-NC</a></figure></body></html>`);
    const outer = (d.getElementById('host') as unknown as { attachShadow(o: object): ShadowRoot }).attachShadow({ mode: 'open' });
    outer.innerHTML = '<x-inner id="inner"></x-inner>';
    const inner = (outer.querySelector('#inner') as unknown as { attachShadow(o: object): ShadowRoot }).attachShadow({ mode: 'open' });
    inner.innerHTML = '<img id="s" src="/s.jpg">';
    expect(new ElementLicences(PAGE, d as unknown as Document).of(inner.querySelector('#s')!).flatMap((h) => h.licences)).toEqual([NC]);
  });
  it('a host outside any licence markup adds nothing', () => {
    const { d, img } = shadowImg('<p><photo-card id="host"></photo-card></p>');
    expect(new ElementLicences(PAGE, d).of(img)).toEqual([]);
  });
});
