import { describe, expect, it } from 'vitest';
import { decodeSignalText, isNotText, signalTextEncoding } from '../../../utils/signals/text-encoding';

const le = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));

describe('signal file text', () => {
  it('reads UTF-16 by its byte order mark, or by NULs at every other byte of ASCII text', () => {
    expect(signalTextEncoding(Uint8Array.from([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le');
    expect(signalTextEncoding(Uint8Array.from([0xfe, 0xff, 0, 0x61]))).toBe('utf-16be');
    expect(signalTextEncoding(le('{"policies": []}'))).toBe('utf-16le');
    expect(decodeSignalText(Uint8Array.from([0xff, 0xfe, ...le('User-agent: *')]))).toBe('User-agent: *');
    expect(decodeSignalText(le('[{"location": "/", "tdm-reservation": 1}]'))).toBe('[{"location": "/", "tdm-reservation": 1}]');
  });

  it('everything else is UTF-8, its BOM dropped; a stray NUL does not make it UTF-16', () => {
    const utf8 = new TextEncoder().encode('User-agent: *\nDisallow: /é\n');
    expect(signalTextEncoding(utf8)).toBe('utf-8');
    expect(decodeSignalText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toBe('User-agent: *\nDisallow: /é\n');
    expect(signalTextEncoding(Uint8Array.from([0x55, 0, 0x73, 0x65, 0x72, 0x2d, 0x61, 0x67]))).toBe('utf-8');
    expect(signalTextEncoding(new Uint8Array(0))).toBe('utf-8');
  });

  // A robots.txt saved in Latin-1 / Windows-1252 (older editors and servers): read as UTF-8,
  // `Disallow: /bücher/` became `/b\uFFFDcher/`, which matches no path, and the rule was lost.
  it('a file that is not UTF-8 is read as Windows-1252; one cut inside its last character stays UTF-8', () => {
    const latin1 = Uint8Array.from([...'User-agent: *\nDisallow: /b'].map((c) => c.charCodeAt(0)).concat([0xfc], [...'cher/\n'].map((c) => c.charCodeAt(0))));
    expect(decodeSignalText(latin1)).toBe('User-agent: *\nDisallow: /bücher/\n');
    const cut = new TextEncoder().encode('User-agent: *\nDisallow: /é\nDisallow: /é').subarray(0, -1);
    expect(decodeSignalText(cut)).toBe('User-agent: *\nDisallow: /é\nDisallow: /\uFFFD');
  });
});

// WHATWG MIME Sniffing §7.1 (binary data bytes, in the resource header): a signal file that is
// not text at all (still compressed, an image, junk) is unreadable, never read as noise.
describe('signal file bytes that are not text', () => {
  it('a body with binary data bytes in its first 1,445 bytes, or a zstd frame, is not text', () => {
    expect(isNotText(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x2c]))).toBe(true);
    expect(isNotText(Uint8Array.from([0x1b, 0xe3, 0x02, 0xf8]))).toBe(true);
    expect(isNotText(Uint8Array.from([0x55, 0x73, 0x00, 0x72]))).toBe(true);
    expect(isNotText(new TextEncoder().encode(`${'#'.repeat(1440)}\u0001`))).toBe(true);
  });
  it('text is text: tabs, line ends, form feeds, ESC, a BOM, UTF-16, Latin-1, a binary byte past the header', () => {
    expect(isNotText(new TextEncoder().encode('User-agent:\t*\r\nDisallow: /\f\n\u001b'))).toBe(false);
    expect(isNotText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x55]))).toBe(false);
    expect(isNotText(Uint8Array.from([0xff, 0xfe, ...le('User-agent: *')]))).toBe(false);
    expect(isNotText(le('User-agent: *\nDisallow: /\n'))).toBe(false);
    expect(isNotText(Uint8Array.from([0x2f, 0x62, 0xfc, 0x63]))).toBe(false);
    expect(isNotText(new TextEncoder().encode(`${'#'.repeat(1445)}\u0001`))).toBe(false);
    expect(isNotText(new Uint8Array(0))).toBe(false);
  });
});
