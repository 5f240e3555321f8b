import { describe, expect, it } from 'vitest';
import { httpUrl, sourceUrl } from '../../../utils/ui/safe-url';

describe('httpUrl: only http(s) becomes a link', () => {
  it.each<[unknown, string | null]>([
    ['https://museum.example/a.png', 'https://museum.example/a.png'],
    ['http://museum.example', 'http://museum.example/'],
    ['  https://museum.example/x  ', 'https://museum.example/x'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox', null],
    ['file:///etc/passwd', null],
    ['chrome-extension://abc/options.html', null],
    ['xmp', null],
    ['html', null],
    ['//museum.example/a', null],
    ['', null],
    [null, null],
    [42, null],
    [`https://a.example/${'x'.repeat(9000)}`, null],
  ])('%j → %j', (input, expected) => expect(httpUrl(input)).toBe(expected));
});

describe('sourceUrl: an evidence source links to its URL, not to its note', () => {
  it.each<[unknown, string | null]>([
    ['https://site.example/robots.txt', 'https://site.example/robots.txt'],
    ['https://site.example/page (tdm-reservation meta)', 'https://site.example/page'],
    ['javascript:alert(1) (note)', null],
    ['xmp', null],
    [undefined, null],
  ])('%j → %j', (input, expected) => expect(sourceUrl(input)).toBe(expected));
});
