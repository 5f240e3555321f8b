import { describe, expect, it } from 'vitest';
import { headerLines, headerLinesFromList } from '../../../utils/signals/header-lines';
import { evaluateXRobotsTag } from '../../../utils/signals/x-robots-tag';
import { purposeProfile } from '../../../utils/model/purposes';

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

// webRequest lists a header line that is not UTF-8 with `binaryValue` (its bytes) and no `value`:
// read as '', `X-Robots-Tag: noai, noimageai, © Künstler` saved in Latin-1 lost its opt-out.
describe('headerLinesFromList: a line given as bytes (binaryValue)', () => {
  const latin1 = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
  const line = 'noai, noimageai, \u00a9 K\u00fcnstler';

  it('is read as its bytes, Latin-1, as fetch shows it, from a number list or an ArrayBuffer', () => {
    expect(headerLinesFromList([{ name: 'X-Robots-Tag', binaryValue: latin1(line) }])).toEqual({ 'x-robots-tag': [line] });
    expect(headerLinesFromList([{ name: 'X-Robots-Tag', binaryValue: new Uint8Array(latin1(line)).buffer }])).toEqual({ 'x-robots-tag': [line] });
    expect(headerLinesFromList([{ name: 'Content-Usage', binaryValue: latin1('train-ai=n') }], { mayJoinLines: true })).toEqual({ 'content-usage': 'train-ai=n' });
  });

  it('its opt-out refuses the image (the page headers and redirects are read this way)', () => {
    const headers = headerLinesFromList([{ name: 'X-Robots-Tag', binaryValue: latin1(line) }]);
    const ev = evaluateXRobotsTag(headerLines(headers, 'x-robots-tag').lines, 'https://a.test/x.jpg', 'image', purposeProfile('ai-training'));
    expect(ev).toContainEqual(expect.objectContaining({ effect: 'deny', reason: 'x-robots-tag' }));
  });

  it('junk bytes never throw; no value at all is still empty', () => {
    expect(headerLinesFromList([{ name: 'a', binaryValue: { length: 2, 0: 'x', 1: 300 } as unknown as number[] }, { name: 'b' }])).toEqual({ a: ['\u0000,'], b: [''] });
  });
});

// A header entry without a string name (a damaged list, or a platform quirk) threw in the
// listener, and every header of that response, the page's X-Robots-Tag among them, went unread.
describe('headerLinesFromList: entries that are not headers', () => {
  it('are skipped, and the other lines still read', () => {
    const list = [null, { value: 'x' }, { name: 42, value: 'y' }, { name: 'X-Robots-Tag', value: 'noai' }] as never;
    const map = headerLinesFromList(list);
    expect(headerLines(map, 'x-robots-tag').lines).toEqual(['noai']);
    expect(evaluateXRobotsTag(headerLines(map, 'x-robots-tag').lines, 'https://site.test/a.jpg', 'image', purposeProfile('ai-training')).some((e) => e.effect === 'deny')).toBe(true);
  });
  it('a list that is not a list reads as no headers', () => {
    expect(headerLinesFromList(undefined as never)).toEqual({});
  });
});
