import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenceLinksFromHeader, parseLinkHeader, readLicenceLinks } from '../../../utils/signals/link-header';

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

// Licence links past the 64th link were dropped unread (DESIGN.md §2 rule 5): every link of every
// value is now looked at, and past 64 distinct licence links the header's licences are unread.
describe('Link header licences past the caps', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  const preloads = Array.from({ length: 100 }, (_, i) => `</s${i}.css>; rel="preload"`).join(', ');

  it('a licence after 100 other links, or in the 65th value, or past 16 KB of one value, is read', () => {
    expect(readLicenceLinks([`${preloads}, <${NC}>; rel="license"`], BASE)).toEqual({ urls: [NC], unread: false });
    expect(readLicenceLinks([...Array.from({ length: 64 }, () => '</a>; rel=preload'), `<${NC}>; rel=license`], BASE)).toEqual({ urls: [NC], unread: false });
    expect(readLicenceLinks([`${' '.repeat(20_000)}<${NC}>; rel=license`], BASE)).toEqual({ urls: [NC], unread: false });
    expect(licenceLinksFromHeader([`${preloads}, <${NC}>; rel="license"`], BASE)).toEqual([NC]);
  });

  it('64 distinct licence links are read; a 65th makes them unread', () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `<https://l.test/${i}>; rel=license`).join(', ');
    expect(readLicenceLinks([links(64)], BASE)).toMatchObject({ unread: false, urls: expect.arrayContaining(['https://l.test/63']) });
    expect(readLicenceLinks([links(65)], BASE).unread).toBe(true);
    expect(readLicenceLinks([`${links(64)}, <https://l.test/0>; rel=license`], BASE).unread).toBe(false);
  });
});

// Parameters are read one by one (RFC 8288 §3): a `rel=` inside a quoted title is not the link's
// relation, and `anchor` (§3.2) sets the context a licence link speaks for.
describe('Link header parameters', () => {
  it('a rel inside a quoted parameter is not the link’s rel; the first rel counts', () => {
    expect(parseLinkHeader(['<https://x.test/a>; title="a; rel=license"; rel=preload'], BASE)[0]!.rels).toEqual(['preload']);
    expect(parseLinkHeader(['<https://x.test/a>; rel="license nofollow"; rel=preload'], BASE)[0]!.rels).toEqual(['license', 'nofollow']);
  });

  it('a licence link with an anchor to another resource is not the response’s own', () => {
    expect(readLicenceLinks([`<${CC}>; rel="license"; anchor="/other.html"`], BASE)).toEqual({ urls: [], unread: false, elsewhere: [{ url: CC, about: 'https://site.test/other.html' }] });
    expect(readLicenceLinks([`<${CC}>; rel="license"; anchor="#part"`], BASE).elsewhere).toEqual([{ url: CC, about: 'https://site.test/page#part' }]);
    expect(readLicenceLinks([`<${CC}>; rel="license"; anchor="http://[x"`], BASE).elsewhere).toEqual([{ url: CC, about: null }]);
    expect(readLicenceLinks([`<${CC}>; rel="license"; anchor=""`, `<${CC}>; rel=license; anchor="${BASE}"`], BASE)).toEqual({ urls: [CC], unread: false });
  });
});
const CC = 'https://creativecommons.org/licenses/by/4.0/';

// A licence link whose relation is written a little off — in single quotes, spelt `licence`, or
// as the relation's IRI (`http://www.w3.org/1999/xhtml/vocab#license`, what `license` expands
// to in RDFa; `http://creativecommons.org/ns#license`, `cc:license`) — was no licence link: a
// CC BY-NC the image's own server stated went unread, and the page's CC BY licensed the image.
// Decision (DESIGN.md §2 rules 4 and 5): such a link is a licence statement Heed does not rely
// on — the header's licences are unread, which conflicts with the licence found for an image and
// leaves a page's licence licensing no image; it never grants.
describe('licence links whose relation is written a little off', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  it.each([
    `<${NC}>; rel='license'`,
    `<${NC}>; rel="licence"`,
    `<${NC}>; rel="http://www.w3.org/1999/xhtml/vocab#license"`,
    `<${NC}>; rel="https://creativecommons.org/ns#license"`,
    `<${NC}>; rel="cc:license"`,
    `<${NC}>; rel="dcterms:license"`,
    `<${NC}>; rel="http://purl.org/dc/terms/license"`,
    `<https://img.test/terms>; rel="preload", <${NC}>; rel="LICENCE"`,
  ])('%s leaves the header\'s licences unread', (value) => {
    expect(readLicenceLinks([value], 'https://img.test/a.jpg')).toEqual({ urls: [], unread: true });
  });
  it('other relations stay other; rel="license" reads as before', () => {
    for (const rel of ['licensee', 'license-info', 'copyright', 'https://example.test/licenses']) {
      expect(readLicenceLinks([`<${NC}>; rel="${rel}"`], 'https://img.test/a.jpg')).toEqual({ urls: [], unread: false });
    }
    expect(readLicenceLinks([`<${NC}>; rel="license"`], 'https://img.test/a.jpg')).toEqual({ urls: [NC], unread: false });
  });
});

// A licence link Heed cannot read as RFC 8288 writes it was skipped, so the response stated no
// licence: `https://…/by-nc/4.0/; rel="license"` (no angle brackets, alone or after a link in the
// same value) and `<…>; rel*=UTF-8''license` (RFC 8187's form, which RFC 8288 does not define for
// rel). A CC BY-NC stated so left the page's CC BY licensing the image. Decision (DESIGN.md §2
// rules 4 and 5): a licence statement that cannot be read is never a grant; the header's licences
// are unread (a conflict for an image; a page licence licensing no image).
describe('licence links Heed cannot read as written', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  it.each([
    `${NC}; rel="license"`,
    `<https://img.test/style.css>; rel="preload", ${NC}; rel="license"`,
    `<https://img.test/style.css>; rel="preload", ${NC}; rel=license, <https://img.test/x>; rel="next"`,
    `<${NC}>; rel*=UTF-8''license`,
    `<${NC}>; REL*=utf-8'en'licen%63e`,
    `<ftp://licences.example/by-nc.txt>; rel="license"`,
    `<urn:cc:by-nc:4.0>; rel="license"`,
  ])('%s leaves the header\'s licences unread', (value) => {
    expect(readLicenceLinks([value], 'https://img.test/a.jpg').unread).toBe(true);
  });
  it('well-formed values read as before, commas inside quotes and targets included', () => {
    expect(readLicenceLinks([`<https://img.test/a,b.css>; rel="preload"; title="a, license"`, `<${NC}>; rel="license"`], 'https://img.test/a.jpg')).toEqual({ urls: [NC], unread: false });
    expect(readLicenceLinks(['<https://img.test/x>; rel="next", <https://img.test/y>; rel=prev'], 'https://img.test/a.jpg')).toEqual({ urls: [], unread: false });
  });
});

// `rel="ｌｉｃｅｎｓｅ"` (full-width) or `rel="li<soft hyphen>cense"` shows `license` and was read as
// another relation: the licence it names went unread and the page's licensed the image. Read as
// its reader sees it (lookalikes.ts), it is a licence relation written off: the licences are unread.
describe('licence relations written with look-alike or invisible characters', () => {
  const NC = 'https://creativecommons.org/licenses/by-nc/4.0/';
  it.each([`<${NC}>; rel="ｌｉｃｅｎｓｅ"`, `<${NC}>; rel="li\u00adcense"`, `<${NC}>; rel="\u200blicense"`])('%s leaves the header\'s licences unread', (value) => {
    expect(readLicenceLinks([value], 'https://img.test/a.jpg').unread).toBe(true);
  });
});
