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
