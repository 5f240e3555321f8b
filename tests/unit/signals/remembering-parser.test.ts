import { describe, expect, it } from 'vitest';
import { rememberingParser } from '../../../utils/signals/fetched-file';

describe('rememberingParser', () => {
  it('parses each text once while it is among the last few, and tells texts apart', () => {
    const calls: string[] = [];
    const parse = rememberingParser((text: string) => {
      calls.push(text);
      return { words: text.split(' ') };
    }, 2);
    const a = parse('a b');
    expect(parse('a b')).toBe(a);
    expect(parse('c')).toEqual({ words: ['c'] });
    expect(calls).toEqual(['a b', 'c']);
    parse('d'); // the third text pushes out the oldest
    expect(parse('a b')).not.toBe(a);
    expect(parse('a b')).toEqual(a);
    expect(calls).toEqual(['a b', 'c', 'd', 'a b']);
  });

  it('remembers failures too (a malformed file is not re-read per image)', () => {
    let n = 0;
    const parse = rememberingParser((text: string) => (n++, text.startsWith('{') ? { ok: true as const } : { ok: false as const, error: 'not JSON' }));
    expect(parse('<html>')).toEqual({ ok: false, error: 'not JSON' });
    parse('<html>');
    expect(n).toBe(1);
  });
});
