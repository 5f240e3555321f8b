/**
 * The text of a signal file (robots.txt, ai.txt, tdmrep.json, an RSL document) from its bytes.
 * RFC 9309 §2.2 makes robots.txt UTF-8, and so does every parser Heed was checked against; but
 * Windows tools save "Unicode" text as UTF-16, and such a robots.txt read as UTF-8 is NUL-strewn
 * noise with no rule in it: the owner's `Disallow: /` for GPTBot read as no rule at all.
 * Decision (DESIGN.md §2 rule 2, the reading that cannot keep what the owner refused): a file
 * with a UTF-16 byte order mark, or without one but whose first bytes are ASCII text in UTF-16
 * (a NUL at every other byte), is read as UTF-16; everything else as UTF-8 (its BOM dropped).
 * A file that is not valid UTF-8 was saved in a legacy 8-bit encoding (Latin-1, Windows-1252,
 * as older editors and servers do): read as UTF-8, `Disallow: /bücher/` became `/b\uFFFDcher/`,
 * which matches no path, and the rule was lost. It is read as Windows-1252 (Latin-1's superset,
 * as browsers read Latin-1), so the rule says what the owner wrote.
 */

export type SignalTextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Bytes looked at to recognise UTF-16 without a byte order mark. */
const SNIFF = 256;

/** The encoding of a signal file's bytes (see the module note). */
export function signalTextEncoding(bytes: Uint8Array): SignalTextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, SNIFF) & ~1;
  if (n < 4) return 'utf-8';
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.9 && evenZero <= pairs * 0.1) return 'utf-16le';
  if (evenZero >= pairs * 0.9 && oddZero <= pairs * 0.1) return 'utf-16be';
  return 'utf-8';
}

/** The bytes WHATWG MIME Sniffing looks at to tell text from binary (its resource header). */
const TEXT_SNIFF = 1445;

/**
 * Whether a signal file's bytes are not text at all: UTF-8 (or 8-bit) bytes whose first 1,445
 * hold a binary data byte (WHATWG MIME Sniffing §7.1: 0x00–0x08, 0x0B, 0x0E–0x1A, 0x1C–0x1F;
 * tab, line ends, form feed and ESC are text). A robots.txt or ai.txt still compressed with
 * Brotli or zstd (a pre-compressed file served without `Content-Encoding`; gzip is inflated,
 * these cannot be) read as text was noise with no rule: the owner's `Disallow: /` for GPTBot read
 * as no rule at all. Decision (DESIGN.md §2 rule 5): such a file is unreadable, as a gzip body
 * that does not inflate is. UTF-16, whose NULs are text, is text.
 */
export function isNotText(bytes: Uint8Array): boolean {
  // UTF-32 (byte order mark FF FE 00 00 or 00 00 FE FF): no browser decodes it (WHATWG Encoding
  // has no UTF-32), and its little-endian mark opens as UTF-16's, so it was read as UTF-16 with a
  // NUL between characters, no field name known, and the owner's `Disallow: /` lost. Decision
  // (rule 5, as for a Brotli body): unreadable, never an empty file. (Without a mark its NULs
  // make it binary below.)
  if (isUtf32Bom(bytes)) return true;
  // A zstd frame (RFC 8878 §3.1.1: magic 0xFD2FB528, little-endian) whose header holds no such byte.
  if (bytes[0] === 0x28 && bytes[1] === 0xb5 && bytes[2] === 0x2f && bytes[3] === 0xfd) return true;
  if (signalTextEncoding(bytes) !== 'utf-8') return false;
  const n = Math.min(bytes.length, TEXT_SNIFF);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) return true;
  }
  return false;
}

function isUtf32Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff);
}

const decoders = new Map<SignalTextEncoding, TextDecoder>();

/** `bytes` as text in `encoding` (malformed sequences as U+FFFD; a BOM dropped). */
export function decodeSignalText(bytes: Uint8Array, encoding: SignalTextEncoding = signalTextEncoding(bytes)): string {
  if (encoding === 'utf-8') {
    if (isUtf8(bytes)) return strictUtf8.decode(bytes);
    // Only its last line broken (a file cut mid-character): UTF-8 still, the broken end as U+FFFD.
    const lastLine = Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d));
    if (lastLine >= 0 && isUtf8(bytes.subarray(0, lastLine))) return new TextDecoder('utf-8').decode(bytes);
    return windows1252.decode(bytes); // not UTF-8: a legacy 8-bit file (see the module note)
  }
  let decoder = decoders.get(encoding);
  if (!decoder) decoders.set(encoding, (decoder = new TextDecoder(encoding, { fatal: false })));
  return decoder.decode(bytes);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
const windows1252 = new TextDecoder('windows-1252');

/**
 * Where a text in `encoding` may be cut at or before byte `cap` so that the cut ends a line:
 * just after the last line end (LF or CR) that ends within the first `cap` bytes; 0 when none does.
 */
export function lineCutIndex(bytes: Uint8Array, cap: number, encoding: SignalTextEncoding): number {
  if (encoding === 'utf-8') {
    let end = Math.min(cap, bytes.length);
    while (end > 0 && bytes[end - 1] !== 0x0a && bytes[end - 1] !== 0x0d) end--;
    return end;
  }
  const le = encoding === 'utf-16le';
  for (let end = Math.min(cap, bytes.length) & ~1; end >= 2; end -= 2) {
    const lo = le ? bytes[end - 2]! : bytes[end - 1]!;
    const hi = le ? bytes[end - 1]! : bytes[end - 2]!;
    if (hi === 0 && (lo === 0x0a || lo === 0x0d)) return end;
  }
  return 0;
}
