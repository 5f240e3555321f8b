import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenceLinksFromHeader, parseLinkHeader } from '../../../utils/signals/link-header';

const BASE = 'https://site.test/page';

describe('Link header', () => {
  it.each<[string, string[]]>([
    ['<https://creativecommons.org/licenses/by/4.0/>; rel="license"', ['https://creativecommons.org/licenses/by/4.0/']],
    ['</terms>; rel=license', ['https://site.test/terms']],
    ['<https://a.test/l.xml>; rel="license"; type="application/rsl+xml"', []],
    ['<https://a.test/l.xml>; rel="license"; type="application/rsl+xml; charset=utf-8"', []],
    ['<https://a.test/x>; rel="preload", <https://creativecommons.org/publicdomain/zero/1.0/>; rel="license alternate"', ['https://creativecommons.org/publicdomain/zero/1.0/']],
    ['<javascript:alert(1)>; rel=license', []],
    ['garbage', []],
    ['', []],
  ])('%s', (value, expected) => {
    expect(licenceLinksFromHeader([value], BASE)).toEqual(expected);
  });

  it('reads rel and type case-insensitively', () => {
    expect(parseLinkHeader(['<https://x.test/a>; REL="License"; Type="Application/RSL+XML"'], BASE)).toEqual([
      { url: 'https://x.test/a', rels: ['license'], type: 'application/rsl+xml' },
    ]);
  });

  it('never throws and stays bounded', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 5 }), (values) => Array.isArray(parseLinkHeader(values, BASE))));
    expect(parseLinkHeader([`${'<https://x.test/a>; rel=license, '.repeat(10_000)}`], BASE).length).toBeLessThanOrEqual(64);
  });
});
