import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilePattern, compilePattern, decodeSegmentDelims, matchesPathPattern, matchesUrlPattern, matchPattern, normalisePercentEncoding, pathAndQuery, pathOfUrl, patternLength, slashReadings, urlSlashReadings } from '../../../../utils/signals/robots/pattern';

// Signal-file patterns (TDMRep location, ai.txt, RSL content url): the `rfc` reading.
describe('matchesPathPattern (RFC 9309 §2.2.2–2.2.3)', () => {
  it.each<[string, string, boolean]>([
    ['/', '/anything', true],
    ['/fish', '/fish.html', true],
    ['/fish', '/Fish.html', false],
    ['/fish/', '/fish', false],
    ['/*.php', '/folder/filename.php?parameters', true],
    ['/*.php$', '/filename.php', true],
    ['/*.php$', '/filename.php?x', false],
    ['/fish*.php', '/fishheads/catfish.php?parameters', true],
    ['*.jpg', '/a/b.jpg', true],
    ['*.jpg', '/a/b.jpeg', false],
    ['images/', '/images/a.png', true],
    ['/a/*/c', '/a/b/x/c', true],
    ['/a$', '/a', true],
    ['/a$', '/ab', false],
    ['/**$', '/', true],
    ['', '/a', false],
    ['/%62%61%7A', '/baz', true],
    ['/foo/bar?baz=quz', '/foo/bar?baz=quz', true],
    ['/%E3%83%84', '/ツ', true],
    ['/ツ', '/%e3%83%84', true],
    ['/a%2Fb', '/a/b', false],
    // Literal special characters are written percent-encoded (RFC 9309 §2.2.3, TDMRep example).
    ['/path/foo-%24', '/path/foo-$', true],
    ['/path/file-with-a-%2A.html', '/path/file-with-a-*.html', true],
    ['/path/file-with-a-%2A.html', '/path/file-with-a-x.html', false],
  ])('%j vs %j → %s', (pattern, target, expected) => {
    expect(matchesPathPattern(pattern, target)).toBe(expected);
  });

  it('normalises percent-encoding', () => {
    expect(normalisePercentEncoding('/%7euser/%2fa b/ü', 'rfc')).toBe('/~user/%2Fa%20b/%C3%BC');
    expect(normalisePercentEncoding('/\ud800', 'rfc')).toBe('/%EF%BF%BD');
  });

  it('pattern length counts normalised octets', () => {
    expect(patternLength('/a*')).toBe(3);
    expect(patternLength('*.jpg')).toBe(5);
    expect(patternLength('/ü')).toBe(7);
  });

  it.each<[string, string, boolean]>([
    ['/img/*.jpg', 'https://s.test/img/a.jpg', true],
    ['https://s.test/img/*.jpg$', 'https://s.test/img/a.jpg', true],
    ['HTTPS://s.test/img/', 'https://s.test/img/a.jpg', true],
    ['https://other.test/img/', 'https://s.test/img/a.jpg', false],
    ['https://s.test/my photos/ツ', 'https://s.test/my%20photos/%E3%83%84.jpg', true],
    ['https://s.test/%E3%83', 'https://s.test/x', false],
    // Escapes after the host are compared as written, like a path rule's (no decodeURI).
    ['https://s.test/caf%E9/*', 'https://s.test/caf%E9/a.jpg', true],
    ['https://s.test/100%25/*', 'https://s.test/100%25/a.jpg', true],
    ['https://s.test/100%25/*', 'https://s.test/100/a.jpg', false],
    ['https://s.test/a%2Ab', 'https://s.test/aXb', false], // %2A is a literal `*` (RFC 9309 §2.2.3)
    ['/img/', 'not a url', false],
  ])('matchesUrlPattern(%j, %j) → %s', (pattern, url, expected) => {
    expect(matchesUrlPattern(pattern, url)).toBe(expected);
  });

  it('an absolute pattern that cannot be read as a URL throws (callers fail closed), never "no match"', () => {
    expect(() => matchesUrlPattern('https://s.test:99999/img/', 'https://s.test/img/a.jpg')).toThrow();
    expect(() => matchesUrlPattern('https://s .test/img/', 'https://s.test/img/a.jpg')).toThrow();
  });

  it('slash readings: runs merged, and %2F decoded as a slash in the path only', () => {
    expect(slashReadings('/a/b?x=%2F')).toEqual([]);
    expect(slashReadings('//a//b')).toEqual(['/a/b', '//b', '/b']); // `a` read as a host too
    expect(slashReadings('//cdn/private/a.jpg?w=1')).toEqual(['/cdn/private/a.jpg?w=1', '/private/a.jpg?w=1']);
    expect(slashReadings('/private%2fa.jpg?u=%2F')).toEqual(['/private/a.jpg?u=%2F']);
    expect(slashReadings('//a%2F%2Fb')).toEqual(['/a%2F%2Fb', '/', '/a/b']);
    expect(urlSlashReadings('https://s.test/private%2Fa.jpg')).toEqual(['https://s.test/private/a.jpg']);
    expect(urlSlashReadings('https://s.test//a%2Fb?q=%2F')).toEqual(['https://s.test/a%2Fb?q=%2F', 'https://s.test/?q=%2F', 'https://s.test/a/b?q=%2F']);
  });

  it('pathAndQuery', () => {
    expect(pathAndQuery('https://a.test/x/y.jpg?w=1#frag')).toBe('/x/y.jpg?w=1');
    expect(pathAndQuery('nope')).toBeNull();
  });

  it('hostile patterns stay linear', () => {
    expect(matchesPathPattern(`/${'*a'.repeat(2000)}$`, `/${'a'.repeat(16000)}b`)).toBe(false);
  });

  it('property: never throws; a literal path matches itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), (p, t) => {
        expect(typeof matchesPathPattern(p, t)).toBe('boolean');
        const literal = `/${t.replace(/[*$%]/g, '')}`;
        expect(matchesPathPattern(literal, literal)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

// The two readings of RFC 9309 §2.2.2 differ only in normalisation; the matcher is one.
describe('readings: google (robots.txt) vs rfc (signal files)', () => {
  const robots = (pattern: string, url: string) => matchPattern(compilePattern(pattern), pathOfUrl(url));
  it.each<[string, string, boolean, boolean]>([
    // robots_test.cc ID_Encoding lines 441-443 vs RFC 9309 §2.2.2 text (SIGNALS.md §1.3).
    ['/foo/bar/%62%61%7A', '/foo/bar/baz', false, true],
    ['/foo/bar/%62%61%7A', '/foo/bar/%62%61%7A', true, true],
    // Google takes the URL as sent (line 419); the signal files normalise the target.
    ['/foo/bar/ツ', '/foo/bar/ツ', false, true],
    ['/foo/bar/ツ', '/foo/bar/%E3%83%84', true, true],
    // A literal `*` in the URL is matched by `%2A` only in the rfc reading (§2.2.3 table) …
    ['/path/file-with-a-%2A.html', '/path/file-with-a-*.html', false, true],
    // … where, in turn, a `$` inside a pattern never meets a raw `$` of the target.
    ['/a$b', '/a$bc', true, false],
    // `"`, `<`, `>` are encoded in Google patterns only.
    ['/a<b', '/a%3Cb', true, false],
    // Unrooted patterns are rooted for the signal files only.
    ['images/', '/images/a.png', false, true],
  ])('%j vs %j: google %s, rfc %s', (pattern, target, google, rfc) => {
    expect([robots(pattern, target), matchesPathPattern(pattern, target)]).toEqual([google, rfc]);
  });

  it('property: on plain paths both readings compile to the same pattern and agree', () => {
    const small = (chars: string[], max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((cs) => cs.join(''));
    const pattern = small(['a', 'b', '/', '*', '.'], 6).chain((p) => fc.constantFrom(`/${p}`, `/${p}$`));
    const target = small(['a', 'b', '/', '.'], 8).map((p) => `/${p}`);
    fc.assert(
      fc.property(pattern, target, (p, t) => {
        const file = compileFilePattern(p)!;
        expect(file.source).toBe(compilePattern(p).source);
        expect(matchesPathPattern(p, t)).toBe(matchPattern(compilePattern(p), t));
      }),
    );
  });
});

describe('decodeSegmentDelims (the reading in which `/wiki/X%3AY` is `/wiki/X:Y`)', () => {
  it('decodes `:`, `@` and the sub-delims in the path, after the unreserved escapes', () => {
    expect(decodeSegmentDelims('/wiki/Wikipedia%3AL%C3%B6schkandidaten/')).toBe('/wiki/Wikipedia:L%C3%B6schkandidaten/');
    expect(decodeSegmentDelims('/wiki/Ciro%27s_%28band%29%2C%40x%3b%3D%2B%21%26')).toBe("/wiki/Ciro's_(band),@x;=+!&");
    expect(decodeSegmentDelims('/%61%3Ab')).toBe('/a:b');
  });
  it('keeps `*` and `$` (wildcards in a pattern), other reserved escapes, and the query as written', () => {
    expect(decodeSegmentDelims('/a%2A%24%2F%3F%23b')).toBe('/a%2A%24%2F%3F%23b');
    expect(decodeSegmentDelims('/a%3Ab?x=%3A&y%3D1')).toBe('/a:b?x=%3A&y%3D1');
  });
});
