import { describe, expect, it } from 'vitest';
import { indexOfAscii } from '../../../utils/media/image-containers';

// Large buffers are searched as text decoded once (windows-1252 to TextDecoder: one unit per byte);
// the answers must be the byte search's, whatever the bytes.
describe('indexOfAscii finds an ASCII needle where the bytes hold it, small buffers and large', () => {
  const search = (b: Uint8Array, s: string, from = 0) => {
    let i = b.indexOf(s.charCodeAt(0), from);
    for (; i >= 0 && i + s.length <= b.length; i = b.indexOf(s.charCodeAt(0), i + 1)) if ([...s].every((c, k) => b[i + k] === c.charCodeAt(0))) return i;
    return -1;
  };
  it.each([100, 1 << 17])('%i bytes of every value, needles placed after bytes 0x80–0x9F', (size) => {
    const b = new Uint8Array(size);
    for (let i = 0; i < size; i++) b[i] = (i * 7919) % 256;
    const needle = '<?xpacket begin';
    const at = size - 40;
    b.set([0x80, 0x9f, 0x81], at - 3);
    b.set([...needle].map((c) => c.charCodeAt(0)), at);
    expect(indexOfAscii(b, needle)).toBe(at);
    expect(indexOfAscii(b, needle, at + 1)).toBe(-1);
    for (const n of ['JP', 'brob', '\0', 'c2pa']) for (const from of [0, 5, size - 50]) expect(indexOfAscii(b, n, from)).toBe(search(b, n, from));
  });
});
