import { describe, expect, it } from 'vitest';
import { parseSrcset, evaluateSizes } from '../../../utils/scan/srcset';
import { imageUrlsOfCssValue, queryableSelector, splitTopLevel } from '../../../utils/scan/css-value';
import { resolveNested } from '../../../utils/scan/css-rules';
import { cleanText, dataUrlBytes, joinPlainPath, looksLikeImageFile, resolveHttpUrl, resolveUrl } from '../../../utils/scan/text';
import { svgDataUrl } from '../../../utils/scan/svg';

describe('parseSrcset', () => {
  it('reads width and density descriptors', () => {
    expect(parseSrcset('a.jpg 400w, b.jpg 800w')).toEqual([
      { url: 'a.jpg', w: 400, x: null },
      { url: 'b.jpg', w: 800, x: null },
    ]);
    expect(parseSrcset('a.jpg, b.jpg 2x,c.jpg 1.5x')).toEqual([
      { url: 'a.jpg', w: null, x: 1 },
      { url: 'b.jpg', w: null, x: 2 },
      { url: 'c.jpg', w: null, x: 1.5 },
    ]);
  });
  it('keeps commas inside URLs (CDN transforms) and drops invalid candidates', () => {
    expect(parseSrcset('https://cdn.example/w_400,c_fill/a.jpg 400w, https://cdn.example/w_800,c_fill/a.jpg 800w').map((c) => c.url)).toEqual([
      'https://cdn.example/w_400,c_fill/a.jpg',
      'https://cdn.example/w_800,c_fill/a.jpg',
    ]);
    expect(parseSrcset('a.jpg 10q, b.jpg 0w, c.jpg 2x 3x, d.jpg 300w')).toEqual([{ url: 'd.jpg', w: 300, x: null }]);
  });
  it('never throws and caps hostile input', () => {
    expect(parseSrcset(null)).toEqual([]);
    expect(parseSrcset(',,,,')).toEqual([]);
    expect(parseSrcset(Array.from({ length: 500 }, (_, i) => `i${i}.jpg ${i + 1}w`).join(','))).toHaveLength(64);
  });
});

describe('parseSrcset follows the HTML algorithm', () => {
  it('h needs w, descriptors may hold parentheses, trailing commas end a URL', () => {
    expect(parseSrcset('a.jpg 100w 50h, b.jpg 50h, c.jpg 1x')).toEqual([{ url: 'a.jpg', w: 100, x: null }, { url: 'c.jpg', w: null, x: 1 }]);
    expect(parseSrcset('a.jpg foo(1, 2) 2x, b.jpg 3x')).toEqual([{ url: 'b.jpg', w: null, x: 3 }]);
    expect(parseSrcset('a.jpg,, b.jpg 1e1x')).toEqual([{ url: 'a.jpg', w: null, x: 1 }, { url: 'b.jpg', w: null, x: 10 }]);
    expect(parseSrcset('a.jpg 1.5w, b.jpg 1.x, c.jpg -1x')).toEqual([]);
  });
});

describe('evaluateSizes', () => {
  const view = { innerWidth: 1000, matchMedia: (q: string) => ({ matches: q.includes('min-width: 800px') }) };
  it('takes the first entry whose media condition matches', () => {
    expect(evaluateSizes('(max-width: 600px) 100vw, (min-width: 800px) 50vw, 300px', view)).toBe(500);
    expect(evaluateSizes('(max-width: 600px) 100vw, 300px', view)).toBe(300);
    expect(evaluateSizes('20em', view)).toBe(320);
  });
  it('reads the last component value as the size, whatever separates it', () => {
    expect(evaluateSizes('(min-width: 800px)50vw, 10px', view)).toBe(500);
    expect(evaluateSizes('(min-width: 800px) min(50vw, 300px), 10px', view)).toBeNull();
    expect(evaluateSizes('(min-width: 800px) 40vh, 10px', view)).toBeNull();
    expect(evaluateSizes('bogus, 0', view)).toBe(0);
    expect(evaluateSizes('(min-width: 800px) -5px, 10px', view)).toBe(10);
  });
  it('defaults to 100vw and answers null when it cannot know', () => {
    expect(evaluateSizes(null, view)).toBe(1000);
    expect(evaluateSizes('auto', view)).toBeNull();
    expect(evaluateSizes('calc(100vw - 2rem)', view)).toBeNull();
    expect(evaluateSizes('50vw', null)).toBeNull();
  });
});

describe('CSS values', () => {
  it('reads every layer, and only the best of an image-set()', () => {
    const urls = (v: string | undefined) => imageUrlsOfCssValue(v).map((i) => i.url);
    expect(urls('url("a.png"), linear-gradient(red, blue), url(b.png)')).toEqual(['a.png', 'b.png']);
    expect(imageUrlsOfCssValue('image-set(url("a.png") 1x, url("a@2x.png") 2x, url("a@3x.png") 3x)')).toEqual([{ url: 'a@3x.png', alternates: ['a.png', 'a@2x.png'] }]);
    expect(urls('-webkit-image-set("s.png" 1x, "l.png" 192dpi), url(\'c d.png\')')).toEqual(['l.png', 'c d.png']);
    expect(urls('image-set(url(x.avif) type("image/avif") 2x, url(x.jpg) 1x)')).toEqual(['x.avif']);
    expect(urls('none')).toEqual([]);
    expect(urls(undefined)).toEqual([]);
  });
  it('splits at top-level commas only', () => {
    expect(splitTopLevel('a(b,c), "d,e", f')).toEqual(['a(b,c)', ' "d,e"', ' f']);
  });
  it('makes selectors queryable: pseudo-elements stripped and remembered', () => {
    expect(queryableSelector('.card::before, .tile:after')).toEqual({ selector: '.card,.tile', before: true, after: true });
    expect(queryableSelector('a:hover > span')).toEqual({ selector: 'a:hover > span', before: false, after: false });
    expect(queryableSelector('::selection').selector).toBeNull();
  });
  it('resolves nested selectors against their parent', () => {
    expect(resolveNested('& .x, .y', '.card')).toBe(':is(.card) .x,:is(.card) .y');
    expect(resolveNested('&:hover', '.a')).toBe(':is(.a):hover');
    expect(resolveNested('.z', null)).toBe('.z');
  });
});

describe('text and URLs', () => {
  it('cleanText collapses whitespace, drops controls and caps', () => {
    expect(cleanText('  a \n\t b\u0000c  ')).toBe('a b c');
    expect(cleanText('x'.repeat(10_000), 20)).toHaveLength(20);
    expect(cleanText(undefined)).toBe('');
    expect(cleanText('<b onclick="x()">bold</b>')).toBe('<b onclick="x()">bold</b>'); // kept as text, never parsed
  });
  it('resolveUrl accepts http(s) and data:image only, strips fragments, refuses overlong URLs', () => {
    expect(resolveUrl('img/a.png#frag', 'https://s.example/p/')).toBe('https://s.example/p/img/a.png');
    expect(resolveUrl('javascript:alert(1)', 'https://s.example/')).toBeNull();
    expect(resolveUrl('data:text/html,<b>', 'https://s.example/')).toBeNull();
    expect(resolveUrl('data:image/gif;base64,R0lGOD', 'https://s.example/')).toBe('data:image/gif;base64,R0lGOD');
    expect(resolveUrl(`/${'a'.repeat(9000)}.png`, 'https://s.example/')).toBeNull();
    expect(resolveUrl('http://[bad', 'https://s.example/')).toBeNull();
  });
  it("resolveUrl keeps a web page's blob: URL (reported, though unreadable), never as an http URL", () => {
    expect(resolveUrl('blob:https://s.example/6f1c-42#x', 'https://s.example/')).toBe('blob:https://s.example/6f1c-42');
    expect(resolveUrl('blob:null/6f1c-42', 'https://s.example/')).toBeNull(); // an opaque origin's
    expect(resolveHttpUrl('blob:https://s.example/6f1c-42', 'https://s.example/')).toBeNull();
    expect(resolveHttpUrl('data:image/gif;base64,R0lGOD', 'https://s.example/')).toBeNull();
    expect(resolveHttpUrl('/a.png', 'https://s.example/')).toBe('https://s.example/a.png');
  });
  it('sizes data: URLs and recognises image file names', () => {
    expect(dataUrlBytes('data:image/gif;base64,' + 'A'.repeat(400))).toBe(300);
    expect(dataUrlBytes('data:image/svg+xml,%3Csvg%3E')).toBe(5);
    expect(looksLikeImageFile('https://s.example/a/photo.JPG?size=l')).toBe(true);
    expect(looksLikeImageFile('https://s.example/a/page.html')).toBe(false);
  });
  it('encodes SVG markup into a compact data: URL', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#f00"/><text>100% é</text></svg>');
    expect(url).toBe('data:image/svg+xml;charset=utf-8,<svg xmlns="http://www.w3.org/2000/svg"><rect fill="%23f00"/><text>100%25 %C3%A9</text></svg>');
    expect(decodeURIComponent(url.split(',')[1]!)).toContain('fill="#f00"');
  });
  it('joins plain paths exactly as the URL parser does, and leaves it everything else', () => {
    const bases = ['http://a.test/', 'https://a.test/x/y.html?q=1#f', 'http://a.test:8080/dir/', 'https://a.test', 'http://127.0.0.1:3000/a/b/c?x#y', 'HTTP://A.test/', 'http://u@a.test/', 'http://a.test:80/', 'https://a.test:443/x', 'http://a.test:080/', 'http://a.test:99999/'];
    const refs = ['/img/a.png', 'img/a.png', '/a b.png', '/a%20b.png', '/a/../b.png', './a.png', '../a.png', '/%2e%2e/x', '?q=1', '/p?q=1&r=2', "/p?q=a'b", 'img/a.png?x=1/2', 'c:/x', 'javascript:alert(1)', '//cdn.test/a.png', '/a"b', '/é.png', '/a\\b', '/a#b', 'a/b:c', '/..', '..', '/.x', '/x/..', '/a%zz', '/(a)*,;=!$&+@', '/a?b?c', '', 'a?'];
    let joined = 0;
    for (const base of bases) {
      for (const ref of refs) {
        const fast = joinPlainPath(ref, base);
        if (fast === null) continue;
        joined++;
        const u = new URL(ref, base);
        u.hash = '';
        expect(fast, `${ref} against ${base}`).toBe(u.href);
        expect(resolveUrl(ref, base)).toBe(u.href);
      }
    }
    expect(joined).toBeGreaterThan(40);
    expect(joinPlainPath('/a/../b.png', 'http://a.test/')).toBeNull();
    expect(joinPlainPath('//cdn.test/a.png', 'http://a.test/')).toBeNull();
    expect(joinPlainPath('/a.png', 'HTTP://A.test/')).toBeNull();
  });
});
