import { describe, expect, it } from 'vitest';
import { headerLines, headerLinesFromList } from '../../../utils/signals/header-lines';

describe('headerLinesFromList (webRequest gives each header line apart)', () => {
  it('keeps repeated lines apart, names lower-cased, in order', () => {
    expect(
      headerLinesFromList([
        { name: 'X-Robots-Tag', value: 'googlebot: noimageindex' },
        { name: 'Content-Type', value: 'text/html' },
        { name: 'x-robots-tag', value: 'noai, noimageai' },
        { name: 'Link' },
      ]),
    ).toEqual({ 'x-robots-tag': ['googlebot: noimageindex', 'noai, noimageai'], 'content-type': ['text/html'], link: [''] });
  });

  it('a header named like an Object property is still just a header', () => {
    expect(headerLinesFromList([{ name: '__proto__', value: 'x' }, { name: 'constructor', value: 'y' }])).toEqual(
      JSON.parse('{"__proto__":["x"],"constructor":["y"]}'),
    );
  });

  it('where the list may hold joined lines (Firefox), each header is one value read as possibly joined', () => {
    // Firefox's webRequest lists `X-Robots-Tag` sent on two lines once, its lines joined: were that
    // read as one line, `googlebot:` would address the second line's `noai` to googlebot only.
    const headers = headerLinesFromList(
      [
        { name: 'X-Robots-Tag', value: 'googlebot: noimageindex, noai, noimageai' },
        { name: 'Link', value: '<a>; rel="license"\n<b>; rel="license"' },
      ],
      { mayJoinLines: true },
    );
    expect(headers).toEqual({ 'x-robots-tag': 'googlebot: noimageindex, noai, noimageai', link: '<a>; rel="license", <b>; rel="license"' });
    expect(headerLines(headers, 'x-robots-tag')).toEqual({ lines: ['googlebot: noimageindex, noai, noimageai'], joined: true });
  });
});

describe('headerLines', () => {
  it('lines read apart are not joined; a string may have been (fetch joins with ", ")', () => {
    expect(headerLines({ 'x-robots-tag': ['a', 'b'] }, 'x-robots-tag')).toEqual({ lines: ['a', 'b'], joined: false });
    expect(headerLines({ 'x-robots-tag': 'a, b' }, 'x-robots-tag')).toEqual({ lines: ['a, b'], joined: true });
    expect(headerLines({}, 'x-robots-tag')).toEqual({ lines: [], joined: false });
    expect(headerLines(null, 'x-robots-tag')).toEqual({ lines: [], joined: false });
  });

  it('junk values are skipped, never thrown on', () => {
    expect(headerLines({ a: [1, 'x', null] as unknown as string[] }, 'a')).toEqual({ lines: ['x'], joined: false });
    expect(headerLines({ a: 5 as unknown as string }, 'a')).toEqual({ lines: [], joined: false });
    expect(headerLines({}, 'constructor')).toEqual({ lines: [], joined: false });
  });
});
