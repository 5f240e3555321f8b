import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesPathPattern, normalizePercentEncoding, pathAndQuery, patternLength } from '../../utils/signals/path-pattern';

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
    expect(normalizePercentEncoding('/%7euser/%2fa b/ü')).toBe('/~user/%2Fa%20b/%C3%BC');
    expect(normalizePercentEncoding('/\ud800')).toBe('/%EF%BF%BD');
  });

  it('pattern length counts normalised octets', () => {
    expect(patternLength('/a*')).toBe(3);
    expect(patternLength('*.jpg')).toBe(5);
    expect(patternLength('/ü')).toBe(7);
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
