/**
 * Bytes → embedded metadata packets: the raw XMP packet and the IPTC-IIM datasets of an image.
 * SIGNALS.md §7 "Where in the bytes".
 *
 * exifr 7.1.3 does the work for JPEG, PNG and TIFF (`xmp: {parse: false}` returns the raw
 * packet; `iptc` reads IIM from APP13; its `multiSegment` join of JPEG Extended XMP ignores the
 * GUID and offsets, so the pieces are put together here: jpegExtendedXmp). Its
 * default entry resolves to `dist/full.esm.mjs` under a bundler (package.json `module`), the
 * only bundle with PNG and IPTC; its Node-only branches (`fs`, `zlib`, `http`) sit behind a
 * runtime `process.versions.node` check and never run in a service worker. exifr has no WebP,
 * GIF or HEIF-XMP reader and does not inflate compressed PNG iTXt, so those packets are taken
 * from the container here: the RIFF `XMP ` chunk (WebP container spec "Metadata"), XMP Part 3
 * packet scanning, and DecompressionStream for zlib iTXt (PNG §11.3.3.4). A HEIF/AVIF `Exif`
 * item is located here (heif-items.ts heifItemData) and its TIFF given to exifr (heifExif). No XMP syntax is
 * read here; `utils/signals/xml/xmp-rdf.ts` does that.
 */
import exifr from 'exifr';
import { sniffImageType } from './image-bytes';
import { heifItemData } from './heif-items';
import { bytesEqual, fourCC, icoImages, indexOfAscii, joinBytes, jpegSegments, pngChunks, readBoxes, riffChunks, u16be, u32be, u32le, type Part } from './image-containers';

export const MAX_PACKET_BYTES = 8 * 1024 * 1024;

/** exifr decodes IIM as Latin-1 even when 1:90 declares UTF-8; recover UTF-8 when it is valid. */
export function iimText(v: unknown): string[] {
  const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return values.filter((x): x is string => typeof x === 'string').map((s) => {
    if (!/[\u0080-\u00ff]/.test(s) || /[^\u0000-\u00ff]/.test(s)) return s.trim();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(s, (c) => c.charCodeAt(0))).trim();
    } catch {
      return s.trim();
    }
  }).filter((s) => s !== '');
}

/**
 * The legacy East Asian encodings IIM text was written in without a 1:90 declaration: Shift_JIS
 * and EUC-JP by Japanese tools, GBK and Big5 by Chinese ones, EUC-KR by Korean ones.
 */
const LEGACY_IIM_ENCODINGS = ['shift_jis', 'euc-jp', 'gbk', 'big5', 'euc-kr'] as const;

/**
 * Each IIM text that is not UTF-8 (iimText leaves it as exifr's Latin-1), with its readings in
 * each legacy East Asian encoding it decodes in without error. Decision (DESIGN.md §2 rule 3):
 * the encoding is not declared, so every reading is tried; used only where a reading can only
 * refuse (xmp.ts plainRefusals): a Japanese owner's "AI学習禁止" in Shift_JIS is the refusal it
 * says, and Latin-1 text decoded in one of these by chance says nothing the matcher reads.
 */
export function iimLegacyReadings(v: unknown): { text: string; readings: string[] }[] {
  const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return values.filter((x): x is string => typeof x === 'string' && /[\u0080-\u00ff]/.test(x) && !/[^\u0000-\u00ff]/.test(x)).flatMap((text) => {
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return []; // UTF-8: iimText read it
    } catch {
      // not UTF-8: try the legacy encodings
    }
    const readings: string[] = [];
    for (const encoding of LEGACY_IIM_ENCODINGS) {
      try {
        readings.push(new TextDecoder(encoding, { fatal: true }).decode(bytes).trim());
      } catch {
        // not in this encoding
      }
    }
    return [{ text: text.trim(), readings }];
  });
}

/** Inflate a zlib stream (PNG iTXt compression method 0) with a size cap. */
async function inflate(data: Uint8Array, cap = MAX_PACKET_BYTES): Promise<Uint8Array | null> {
  try {
    const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
    return joinBytes(chunks);
  } catch {
    return null;
  }
}

const utf8 = (b: Uint8Array) => new TextDecoder('utf-8').decode(b.subarray(0, MAX_PACKET_BYTES));
const XMP_APP1 = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_APP1_LOOSE = 'http://ns.adobe.com/xap/1.0/';
const PNG_XMP_KEYWORD = 'XML:com.adobe.xmp\0';

/**
 * XMP Part 3 §1.1.2 packet scanning: `<?xpacket begin` … `<?xpacket end…?>`, the bare
 * `<x:xmpmeta>` … `</x:xmpmeta>`, and the bare `<rdf:RDF>` … `</rdf:RDF>` (SVG `<metadata>`
 * holds XMP so, SVG 1.1 §21.3). Every packet of every form is taken, not the first only, nor
 * one form only (a prohibition may be in the second, or in a bare packet beside a wrapped one;
 * DESIGN.md §2 rule 3), joined for xmp-rdf.ts, which reads them one after another. A packet
 * inside another (the x:xmpmeta of an xpacket, the rdf:RDF of either) is read once, in the
 * outer. Each form's search starts where its last packet ended: linear in the bytes.
 */
function scanPacket(b: Uint8Array): string | null {
  const packets = scanPackets(b);
  return packets.length > 0 ? packets.join('\n') : null;
}

/** Every packet scanPacket finds, one string each. */
function scanPackets(b: Uint8Array): string[] {
  const ranges: [number, number][] = [];
  const scan = (open: string, close: (from: number) => number) => {
    let from = 0;
    for (let at = indexOfAscii(b, open, from); at >= 0; at = indexOfAscii(b, open, from)) {
      const end = close(at);
      from = end >= 0 ? end : b.length;
      ranges.push([at, from]);
    }
  };
  scan('<?xpacket begin', (at) => {
    const end = indexOfAscii(b, '<?xpacket end', at);
    const close = end >= 0 ? indexOfAscii(b, '?>', end) : -1;
    return close >= 0 ? close + 2 : -1;
  });
  scan('<x:xmpmeta', (at) => {
    const end = indexOfAscii(b, '</x:xmpmeta>', at);
    return end >= 0 ? end + 12 : -1;
  });
  const bareFrom = ranges.length;
  scan('<rdf:RDF', (at) => {
    const end = indexOfAscii(b, '</rdf:RDF>', at);
    return end >= 0 ? end + 10 : -1;
  });
  const bare = new Set(ranges.slice(bareFrom));
  const inScope = bare.size > 0 ? rootNamespaces(b) : '';
  // Outer packets first (by start, then the longest), and those inside one already taken dropped.
  ranges.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const packets: string[] = [];
  let reach = -1;
  for (const range of ranges) {
    const [start, end] = range;
    if (end <= reach) continue;
    const text = utf8(b.subarray(start, end));
    // A bare rdf:RDF in an XML document (an SVG's <metadata>) is read with the namespaces its
    // root element declares in scope (its own declarations, inside, still win).
    packets.push(bare.has(range) && inScope !== '' ? `<heed:scope xmlns:heed="urn:heed:scope"${inScope}>${text}</heed:scope>` : text);
    reach = Math.max(reach, end);
  }
  return packets;
}

/**
 * The namespace declarations of an XML document's root element (` xmlns:rdf="…" xmlns:cc="…"`),
 * or '' when the bytes are not an XML document. Inkscape and Illustrator declare `rdf`, `cc`
 * and `dc` on the `<svg>` root, and the `<rdf:RDF>` in its `<metadata>` declares none: cut out
 * alone, the packet had unbound prefixes and was unreadable, so every such SVG was refused.
 * Only the root's (not any element's before the packet): a sibling's declaration is not in scope.
 */
export function rootNamespaces(b: Uint8Array): string {
  const head = new TextDecoder('utf-8').decode(b.subarray(0, 64 * 1024));
  // Past the prolog (the XML declaration, processing instructions, comments, the doctype and its
  // internal subset), by searching forward only: linear in the bytes, whatever they hold.
  let at = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  const skipTo = (close: string, from: number) => {
    const end = head.indexOf(close, from);
    return end < 0 ? -1 : end + close.length;
  };
  while (at >= 0 && at < head.length) {
    const c = head[at]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') at++;
    else if (head.startsWith('<?', at)) at = skipTo('?>', at);
    else if (head.startsWith('<!--', at)) at = skipTo('-->', at);
    else if (head.startsWith('<!', at)) {
      // A doctype's internal subset (`[ <!ENTITY …> ]`) holds `>`: past its `]` first. Each search
      // starts where the last ended, and the `[` is looked for before the next `>` only.
      const gt = head.indexOf('>', at);
      const bracket = gt < 0 ? -1 : head.slice(at, gt).indexOf('[');
      const close = bracket < 0 ? -1 : head.indexOf(']', at + bracket);
      at = close >= 0 ? skipTo('>', close) : skipTo('>', at);
    } else break;
  }
  if (at < 0 || head[at] !== '<') return '';
  const end = head.indexOf('>', at);
  const rootTag = head.slice(at, end < 0 ? head.length : end);
  return (rootTag.match(/\sxmlns(?::[A-Za-z_][\w.-]*)?\s*=\s*(?:"[^"]*"|'[^']*')/g) ?? []).join('');
}

/** One XMP packet of a PNG: its text bytes, zlib-compressed or not. */
interface PngPacket {
  data: Uint8Array;
  compressed: boolean;
}

/**
 * Every XMP packet of a PNG: iTXt chunks keyed `XML:com.adobe.xmp` (XMP Part 3 §1.1.5), and
 * tEXt / zTXt chunks under the same keyword, which some writers use. Decision (DESIGN.md §2
 * rule 3, fail closed): all of them are read, not the first iTXt only, so a prohibition in any
 * of them counts.
 */
function pngXmpPackets(bytes: Uint8Array): { packets: PngPacket[]; lost: boolean } {
  const packets: PngPacket[] = [];
  const walk = pngChunks(bytes);
  for (const c of walk.parts) {
    const packet = pngPacket(bytes, c);
    if (packet) packets.push(packet);
  }
  // Past the walk: chunks after IEND, or after a chunk cut short or broken (see Beyond).
  const last = walk.parts[walk.parts.length - 1];
  let lost = false;
  for (const at of occurrences(bytes, PNG_XMP_KEYWORD, last ? last.end + 4 : 8)) {
    const len = u32be(bytes, at - 8);
    const packet = len >= 0 && at + len <= bytes.length ? pngPacket(bytes, { type: fourCC(bytes, at - 4), offset: at - 8, start: at, end: at + len }) : null;
    if (packet) packets.push(packet);
    else lost = true;
  }
  return { packets, lost };
}

/** The XMP packet of one PNG chunk keyed `XML:com.adobe.xmp`, or null for any other chunk. */
function pngPacket(bytes: Uint8Array, c: Part): PngPacket | null {
  if (!bytesEqual(bytes, c.start, PNG_XMP_KEYWORD)) return null;
  const after = PNG_XMP_KEYWORD.length;
  if (c.type === 'iTXt') {
    // iTXt: keyword\0, compression flag, method, language\0, translated keyword\0, text (PNG §11.3.3.4).
    let at = c.start + after + 2;
    for (let nul = 0; nul < 2 && at < c.end; at++) if (bytes[at] === 0) nul++;
    return { data: bytes.subarray(at, c.end), compressed: bytes[c.start + after] === 1 };
  }
  if (c.type === 'tEXt') return { data: bytes.subarray(c.start + after, c.end), compressed: false };
  // zTXt: keyword\0, compression method, zlib stream (PNG §11.3.3.3).
  if (c.type === 'zTXt') return { data: bytes.subarray(c.start + after + 1, c.end), compressed: true };
  return null;
}

/** All the text PNG's compressed text chunks may inflate to, together: past it, what is left is unread. */
const MAX_INFLATED_TEXT = 4 * MAX_PACKET_BYTES;
/** ImageMagick's raw profile (png.c): `\n<type>\n<length, padded to 8>\n<hex, 72 digits a line>`. */
const RAW_PROFILE = /^Raw profile type (\S+)$/i;
const RAW_PROFILE_BODY = /^\r?\n?([\w.-]*)\r?\n[ \t]*(\d{1,9})\r?\n([\s\S]*)$/;

/** A raw profile's bytes, or null when it is not hex of its declared length. */
function rawProfile(text: string): Uint8Array | null {
  const m = RAW_PROFILE_BODY.exec(text);
  const hex = m?.[3]!.replace(/\s+/g, '') ?? '';
  if (!m || !/^(?:[0-9a-fA-F]{2})*$/.test(hex) || hex.length / 2 !== Number(m[2])) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Text chunks past the PNG walk (after IEND, or after a chunk cut short), framed whole by their length. */
function textChunksBeyond(b: Uint8Array, walk: { parts: Part[] }): Part[] {
  const last = walk.parts[walk.parts.length - 1];
  const from = last ? last.end + 4 : 8;
  return (['tEXt', 'zTXt', 'iTXt'] as const).flatMap((type) => occurrences(b, type, from + 4).flatMap((at) => {
    const len = u32be(b, at - 4);
    return len >= 0 && at + 4 + len <= b.length ? [{ type, offset: at - 4, start: at + 4, end: at + 4 + len }] : [];
  }));
}

/**
 * A PNG text chunk's text after its keyword (whose terminating NUL is at `keywordEnd`), and
 * whether it is compressed: zTXt's after its method byte; iTXt's after its compression flag,
 * method, language\0 and translated keyword\0 (PNG §11.3.3.4).
 */
function pngTextBody(b: Uint8Array, c: { type: string; end: number }, keywordEnd: number): { data: Uint8Array; compressed: boolean } {
  if (c.type === 'iTXt') {
    let at = keywordEnd + 2;
    for (let nul = 0; nul < 2 && at < c.end; at++) if (b[at] === 0) nul++;
    return { data: b.subarray(at, c.end), compressed: b[keywordEnd] === 1 };
  }
  const compressed = c.type === 'zTXt';
  return { data: b.subarray(keywordEnd + (compressed ? 1 : 0), c.end), compressed };
}

/**
 * XMP in a PNG's other text chunks, which the packet scan of the file cannot see: a zTXt or a
 * compressed iTXt under any keyword (inflated, then scanned), and ImageMagick's `Raw profile type
 * xmp` (or `exif`, `APP1`, `8bim`, `iptc`, which may hold XMP too), hex in a tEXt, zTXt or iTXt
 * (decoded, then scanned; an xmp profile is the packet itself). Decision (DESIGN.md §2 rules 3
 * and 5, fail closed): ImageMagick 6 writes an image's XMP so, compressed, and its DataMining
 * went unread; a compressed chunk that does not inflate (or past MAX_INFLATED_TEXT in all), or a
 * raw profile that is not hex of its length, may hide a packet: the XMP is unreadable.
 */
async function pngTextPackets(b: Uint8Array): Promise<{ packets: string[]; lost: boolean }> {
  const walk = pngChunks(b);
  const packets: string[] = [];
  let budget = MAX_INFLATED_TEXT;
  for (const c of [...walk.parts, ...textChunksBeyond(b, walk)]) {
    if ((c.type !== 'tEXt' && c.type !== 'zTXt' && c.type !== 'iTXt') || bytesEqual(b, c.start, PNG_XMP_KEYWORD)) continue;
    const keyword = cString(b, c.start, Math.min(c.end, c.start + 80));
    if (!keyword) continue;
    const { data, compressed } = pngTextBody(b, c, keyword[1]);
    const profile = RAW_PROFILE.exec(keyword[0]);
    if (!compressed && !profile) continue; // plain text: the packet scan of the file reads it
    const text = compressed ? await inflate(data, budget) : data;
    if (!text) return { packets, lost: true };
    budget -= text.length;
    const bytes = profile ? rawProfile(new TextDecoder('latin1').decode(text)) : text;
    if (!bytes) return { packets, lost: true };
    const found = scanPackets(bytes);
    packets.push(...(found.length === 0 && profile?.[1]!.toLowerCase() === 'xmp' ? [utf8(bytes)] : found));
  }
  return { packets, lost: false };
}

/** Every index of `s` in `b` at or after `from`. */
function occurrences(b: Uint8Array, s: string, from: number): number[] {
  const found: number[] = [];
  for (let at = indexOfAscii(b, s, from); at >= 0; at = indexOfAscii(b, s, at + 1)) found.push(at);
  return found;
}

/**
 * XMP the container walk did not reach: the packets found there, and whether one was seen that
 * could not be taken out (cut short, not framed as a segment or chunk). Decision (DESIGN.md §2
 * rules 3 and 5, fail closed): the walks stop at the first JPEG SOS, at PNG IEND, at the end the
 * RIFF header declares, or at a part cut short or broken; but a progressive JPEG may carry APPn
 * segments between its scans (T.81 §B.2.4), images are appended after EOI (MPF), writers put
 * chunks after IEND or lie about the RIFF size, and a file cut inside its XMP still displays the
 * pixels before it. An XMP signature past the walk is read when it is framed whole, and makes the
 * XMP unreadable when it is not: read as absent, its prohibition was lost.
 */
interface Beyond {
  packets: string[];
  lost: boolean;
}

const XMP_EXTENSION_APP1 = 'http://ns.adobe.com/xmp/extension/\0';

/** JPEG APP1 XMP segments after `from` (T.81 §B.1.1.4: FF E1, then a length that counts itself). */
function jpegXmpBeyond(b: Uint8Array, from: number): Beyond {
  const packets: string[] = [];
  let lost = false;
  for (const at of occurrences(b, XMP_APP1, from)) {
    const len = u16be(b, at - 2);
    const framed = at - 4 >= from && b[at - 4] === 0xff && b[at - 3] === 0xe1 && len >= 2 + XMP_APP1.length;
    if (framed && at - 2 + len <= b.length) packets.push(utf8(b.subarray(at + XMP_APP1.length, at - 2 + len)));
    else lost = true;
  }
  // Extended XMP there: exifr reassembles only the segments before SOS.
  if (indexOfAscii(b, XMP_EXTENSION_APP1, from) >= 0) lost = true;
  return { packets, lost };
}

/** Where an Extended XMP segment's GUID, full length, offset and data start (XMP Part 3 §1.1.3.1). */
const EXT_GUID = XMP_EXTENSION_APP1.length;
const EXT_DATA = EXT_GUID + 32 + 8;

/** `xmpNote:HasExtendedXMP` as an attribute or element: the GUID of the extension the packet says it has. */
const HAS_EXTENDED = /HasExtendedXMP\s*(?:=\s*["']|>)\s*([0-9A-Fa-f]{32})/g;

/**
 * JPEG Extended XMP (XMP Part 3 §1.1.3.1): APP1 segments `http://ns.adobe.com/xmp/extension/\0`,
 * a 32-character GUID, the full length and this piece's offset, then the piece. Pieces are put
 * together by GUID and offset, every GUID's (not only the one `xmpNote:HasExtendedXMP` names).
 * Decision (DESIGN.md §2 rules 3 and 5, fail closed): exifr joins every XMP segment in file order,
 * ignoring GUID and offset, and stops looking by a guess at the piece count (a byte of the full
 * length); so pieces written out of order were read as broken XMP, and a second piece after a
 * first that seemed to be the last went unread, its DataMining with it. Pieces that do not cover
 * the full length exactly, or an extension the standard packet names but the file lacks, make the
 * XMP unreadable: read as absent, what it held was lost.
 */
function jpegExtendedXmp(b: Uint8Array, segments: Part<number>[], standard: string[]): { present: boolean; packets: string[]; lost: boolean } {
  const byGuid = new Map<string, { full: number; offset: number; data: Uint8Array }[]>();
  let lost = false;
  for (const s of segments) {
    if (s.type !== 0xe1 || !bytesEqual(b, s.start, XMP_EXTENSION_APP1)) continue;
    if (s.end - s.start < EXT_DATA) {
      lost = true;
      continue;
    }
    const guid = new TextDecoder('latin1').decode(b.subarray(s.start + EXT_GUID, s.start + EXT_GUID + 32)).toUpperCase();
    const pieces = byGuid.get(guid) ?? [];
    pieces.push({ full: u32be(b, s.start + EXT_GUID + 32), offset: u32be(b, s.start + EXT_GUID + 36), data: b.subarray(s.start + EXT_DATA, s.end) });
    byGuid.set(guid, pieces);
  }
  const packets: string[] = [];
  for (const pieces of byGuid.values()) {
    pieces.sort((x, y) => x.offset - y.offset);
    const full = pieces[0]!.full;
    const parts: Uint8Array[] = [];
    let covered = 0;
    let previous: { offset: number; data: Uint8Array } | null = null;
    for (const p of pieces) {
      if (p.full !== full) lost = true;
      // The same piece written twice is read once; any other overlap, or a gap, is lost.
      if (previous && p.offset === previous.offset && p.data.length === previous.data.length && p.data.every((v, i) => v === previous!.data[i])) continue;
      if (p.offset !== covered) lost = true;
      parts.push(p.data);
      covered = p.offset + p.data.length;
      previous = p;
    }
    if (covered !== full) lost = true;
    packets.push(utf8(joinBytes(parts)));
  }
  for (const text of standard) {
    for (const m of text.matchAll(HAS_EXTENDED)) if (!byGuid.has(m[1]!.toUpperCase())) lost = true;
  }
  return { present: byGuid.size > 0 || lost, packets, lost };
}

/** WebP `XMP ` chunks after `from` (past the declared RIFF size, or cut short). */
function riffXmpBeyond(b: Uint8Array, from: number): Beyond {
  const packets: string[] = [];
  let lost = false;
  for (const at of occurrences(b, 'XMP ', from)) {
    const size = u32le(b, at + 4);
    if (size >= 0 && at + 8 + size <= b.length) packets.push(utf8(b.subarray(at + 8, at + 8 + size)));
    else lost = true;
  }
  return { packets, lost };
}

/** GIF XMP application extension: introducer, label, block size 11, "XMP DataXMP" (XMP Part 3 §1.1.2). */
const GIF_XMP_EXTENSION = 'XMP DataXMP';

/** A NUL-terminated string in `[at, end)` and the index after its NUL, or null when there is none. */
function cString(b: Uint8Array, at: number, end: number): [string, number] | null {
  const nul = b.subarray(at, end).indexOf(0);
  return nul < 0 ? null : [new TextDecoder('latin1').decode(b.subarray(at, at + nul)), at + nul + 1];
}

/** Boxes that hold a `meta` box below the top level (ISO/IEC 14496-12 §8.11.1: file, movie, track). */
const META_HOLDERS = new Set(['moov', 'trak', 'udta']);

/** Every `meta` box at the top level or inside moov/trak/udta (four levels at most). */
function metaBoxes(b: Uint8Array, from = 0, to = b.length, depth = 0): Part[] {
  const found: Part[] = [];
  for (const p of readBoxes(b, from, to).parts) {
    if (p.type === 'meta') found.push(p);
    else if (META_HOLDERS.has(p.type) && depth < 4) found.push(...metaBoxes(b, p.start, p.end, depth + 1));
  }
  return found;
}

/** The item info entries (`infe`) of every `iinf` of one HEIF/AVIF `meta` box (ISO/IEC 14496-12 §8.11.6). */
function infeBoxes(b: Uint8Array, meta: Part): Part[] {
  return readBoxes(b, meta.start + 4, meta.end).parts.filter((p) => p.type === 'iinf').flatMap((iinf) =>
    readBoxes(b, iinf.start + 4 + (b[iinf.start] === 0 ? 2 : 4), iinf.end).parts.filter((p) => p.type === 'infe'));
}

/** The XMP items of a HEIF/AVIF file: how many, whether one is encoded, and each meta box's uncompressed ones. */
interface HeifXmpItems {
  count: number;
  encoded: boolean;
  plain: { meta: Part; ids: Set<number> }[];
}

/**
 * HEIF/AVIF XMP items (ISO/IEC 23008-12 §6.4.2, A.2: an `infe` of item_type `mime`, content_type
 * `application/rdf+xml`, then an optional content_encoding such as libheif's `deflate`; ISO/IEC
 * 14496-12 §8.11.6: an `infe` of version 0 or 1 has no item_type, its content_type follows the
 * item_name). Every `meta` box's `iinf` is read: the file's, and a movie's or track's (an image
 * sequence). Decision (DESIGN.md §2 rule 5): a version 0/1 entry, or a `meta` below the top
 * level, declaring compressed XMP was not seen, so its packet was read as absent.
 */
function heifXmpItems(b: Uint8Array): HeifXmpItems {
  let count = 0;
  let encoded = false;
  const plain: HeifXmpItems['plain'] = [];
  for (const meta of metaBoxes(b)) {
    const ids = new Set<number>();
    plain.push({ meta, ids });
    for (const infe of infeBoxes(b, meta)) {
      const version = b[infe.start] ?? 0;
      let nameAt: number;
      if (version >= 2) {
        const typeAt = infe.start + 4 + (version === 3 ? 4 : 2) + 2;
        if (fourCC(b, typeAt) !== 'mime') continue;
        nameAt = typeAt + 4;
      } else {
        nameAt = infe.start + 4 + 2 + 2;
      }
      const name = cString(b, nameAt, infe.end);
      const type = name && cString(b, name[1], infe.end);
      // A content_type cut short may be the XMP's: counted, and encoded (unreadable). An old
      // entry with none at all (item_name only) names no type.
      if (!type) {
        if (version < 2 && name && name[1] >= infe.end) continue;
        count++;
        encoded = true;
        continue;
      }
      if (!/rdf\+xml|xmp/i.test(type[0])) continue;
      count++;
      const encoding = type[1] < infe.end ? cString(b, type[1], infe.end) : ['', type[1]] as const;
      if (!encoding || encoding[0] !== '') encoded = true;
      else ids.add(version === 3 ? u32be(b, infe.start + 4) : u16be(b, infe.start + 4));
    }
  }
  return { count, encoded, plain };
}

/**
 * The XMP a GIF or HEIF/AVIF file says it holds, before the packet scan: how many packets it
 * declares, and whether one is stored encoded. Decision (DESIGN.md §2 rule 5, fail closed): XMP
 * the container declares but the scan does not find (a deflate-compressed HEIF item, a UTF-16
 * packet, a packet under another prefix) or stores encoded is unreadable, not absent — read as
 * absent, its prohibition was lost.
 */
function declaredXmp(b: Uint8Array, mime: string | null): HeifXmpItems {
  if (mime === 'image/gif') {
    const count = occurrences(b, GIF_XMP_EXTENSION, 0).filter((at) => b[at - 3] === 0x21 && b[at - 2] === 0xff && b[at - 1] === 0x0b).length;
    return { count, encoded: false, plain: [] };
  }
  if (mime === 'image/avif' || mime === 'image/heic' || mime === 'image/heif') return heifXmpItems(b);
  return { count: 0, encoded: false, plain: [] };
}

/** More XMP item bytes, all items together, than Heed reads from a HEIF/AVIF file. */
const MAX_HEIF_XMP_BYTES = 4 * MAX_PACKET_BYTES;

/**
 * The packets of each uncompressed HEIF/AVIF XMP item, its bytes put together as `iloc` locates
 * them (heifItemData): the packets the scan finds there, or the item's whole text when it finds
 * none (the item is the packet, as ImageMagick's xmp raw profile is). Decision (DESIGN.md §2
 * rules 3 and 5, fail closed): read by the packet scan of the file alone, an item whose extents
 * are stored out of order (or whose packet is in a form the scan does not find, beside one it
 * does) went unread while other bytes read as a packet of their own — a DataMining the item
 * holds was lost and the image kept. An item Heed cannot put together (cut short, located where
 * Heed cannot read, past MAX_HEIF_XMP_BYTES) makes the XMP unreadable.
 */
function heifXmpItemPackets(b: Uint8Array, items: HeifXmpItems['plain']): { packets: string[]; lost: string | null } {
  const packets: string[] = [];
  let budget = MAX_HEIF_XMP_BYTES;
  for (const { meta, ids } of items) {
    for (const item of heifItemData(b, meta, ids, budget)) {
      // An item with no location at all is left to the packet scan of the file, as before (no
      // reader can find its bytes; one the scan does not find either is declared, not found).
      if ('lost' in item && item.unlocated) continue;
      if ('lost' in item) return { packets, lost: `an XMP item cannot be read: ${item.lost}` };
      budget -= item.data.length;
      const found = scanPackets(item.data);
      packets.push(...(found.length > 0 ? found : [utf8(item.data)]));
    }
  }
  return { packets, lost: null };
}

/**
 * `xmp` with every packet the XMP Part 3 scan finds in `b` that it does not already hold.
 * Decision (DESIGN.md §2 rule 3): a packet is the image's own wherever the file holds it, not
 * only where the container's XMP slot is — Photoshop's image resource 0x0424 in a JPEG APP13,
 * tag 700 in the EXIF of a JPEG APP1, a PNG eXIf or a WebP EXIF chunk, a comment or an unknown
 * APPn segment, a chunk under another keyword. Those went unread, and a DataMining there with
 * them; exifr reads tag 700 in TIFF only. A packet cut short fails to parse (unreadable).
 */
function withScanned(xmp: string | null, b: Uint8Array): string | null {
  const more = scanPackets(b).filter((t) => xmp === null || !xmp.includes(t.trim()));
  return more.length > 0 ? [...(xmp !== null ? [xmp] : []), ...more].join('\n') : xmp;
}

/** A copy of `b` with the given parts (header and payload) zeroed, or `b` itself when there are none. */
function blanked(b: Uint8Array, parts: Part<number>[]): Uint8Array {
  if (parts.length === 0) return b;
  const copy = b.slice();
  for (const p of parts) copy.fill(0, p.offset, p.end);
  return copy;
}

/** What the container holds, before any XMP parsing. */
export interface RawEmbedded {
  xmp: string | null;
  /** The container declares XMP (APP1 signature, iTXt keyword, RIFF chunk) whatever exifr made of it. */
  xmpDeclared: boolean;
  /** Why XMP declared could not be taken out (xmp null), for the evidence; absent when not known. */
  why?: string;
  iim: Record<string, unknown> | null;
  /** The image's own rights text outside XMP and IIM (EXIF Copyright), each with the field it is in; absent when none. */
  rightsTexts?: RightsText[];
  /** Why a rights text the image holds could not be read (it may refuse: unreadable); absent when none. */
  rightsLost?: string;
}

/** A free-text rights field outside XMP and IIM: `field` names it for the evidence (`EXIF Copyright`). */
export interface RightsText {
  field: string;
  text: string;
}

/** PNG text keywords that hold rights statements (PNG §11.3.4.2: "Copyright notice", "Legal disclaimer"). */
const PNG_RIGHTS_KEYWORDS = new Map([['copyright', 'PNG Copyright'], ['disclaimer', 'PNG Disclaimer']]);
/** More inflated rights text than any notice holds, all chunks together. */
const MAX_PNG_RIGHTS_TEXT = 1024 * 1024;

/**
 * The PNG's Copyright and Disclaimer text (tEXt Latin-1, zTXt inflated, iTXt UTF-8; PNG §11.3.3),
 * `lost` when one is compressed and does not inflate within MAX_PNG_RIGHTS_TEXT. Decision
 * (DESIGN.md §2 rule 3): these are the PNG's own rights fields, what IPTC Copyright Notice is to
 * a JPEG, so a refusal there refuses (xmp.ts plainRefusals); the keyword is read in any case
 * ("copyright" is the same field written a little off). Title, Author, Description, Comment,
 * Warning (of the nature of the content), Source and Software are not rights fields: "No AI
 * training" in a Description or Comment may be what the picture shows. Rule 5: a Copyright or
 * Disclaimer that does not inflate may hold a refusal, so it makes the metadata unreadable.
 */
async function pngRightsTexts(b: Uint8Array): Promise<{ texts: RightsText[]; lost: boolean }> {
  const walk = pngChunks(b);
  const texts: RightsText[] = [];
  let budget = MAX_PNG_RIGHTS_TEXT;
  for (const c of [...walk.parts, ...textChunksBeyond(b, walk)]) {
    if (c.type !== 'tEXt' && c.type !== 'zTXt' && c.type !== 'iTXt') continue;
    const keyword = cString(b, c.start, Math.min(c.end, c.start + 80));
    const field = keyword ? PNG_RIGHTS_KEYWORDS.get(keyword[0].trim().toLowerCase()) : undefined;
    if (!keyword || field === undefined) continue;
    const { data, compressed } = pngTextBody(b, c, keyword[1]);
    const text = compressed ? await inflate(data, budget) : data;
    if (!text) return { texts, lost: true };
    budget -= compressed ? text.length : 0;
    const decoded = new TextDecoder(c.type === 'iTXt' ? 'utf-8' : 'latin1').decode(text).trim();
    if (decoded !== '') texts.push({ field, text: decoded });
  }
  return { texts, lost: false };
}

/** exifr's options for IFD0's Copyright alone: no EXIF sub-IFD, GPS, thumbnail, XMP or IPTC. */
const copyrightOnly = () => ({ tiff: true, ifd0: { pick: ['Copyright'] }, exif: false, gps: false, interop: false, ifd1: false, makerNote: false, userComment: false, xmp: false, iptc: false, icc: false, jfif: false, ihdr: false, mergeOutput: false });

/**
 * The EXIF Copyright of each WebP `EXIF` chunk (WebP container spec "Metadata": a TIFF
 * structure; some writers put JPEG's `Exif\0\0` before it). exifr has no WebP reader, so the
 * chunk's payload is given to it as the TIFF it is. Read as a JPEG's is (exifCopyrights).
 */
async function webpExifCopyrights(b: Uint8Array, parts: Part<string>[]): Promise<RightsText[]> {
  const found: RightsText[] = [];
  for (const c of parts.filter((p) => p.type === 'EXIF')) {
    let tiff = b.subarray(c.start, c.end);
    if (bytesEqual(tiff, 0, 'Exif\0\0')) tiff = tiff.subarray(6);
    try {
      found.push(...exifCopyrights((await exifr.parse(tiff.slice(), copyrightOnly())) as Record<string, unknown> | undefined));
    } catch {
      // cut short or not TIFF: nothing read from it (its XMP, if any, is read by the packet scan)
    }
  }
  return found;
}

/**
 * The EXIF Copyright tag (0x8298, TIFF 6.0 / EXIF 2.32 §4.6.5) as exifr reads it from IFD0.
 * Decision (DESIGN.md §2 rule 3): photographers set their camera's copyright field to
 * "© Jane Doe – No AI training", the same words an IPTC Copyright Notice holds, so it is read as
 * that is (xmp.ts plainRefusals; only a refusal is taken from it, never a permission). EXIF says
 * ASCII but writers put UTF-8 or Latin-1 there; exifr's string is read as iimText reads IIM
 * (UTF-8 when valid). Copyright may hold photographer and editor notices separated by NUL
 * (EXIF §4.6.5): each is read. ImageDescription, UserComment and the XP* tags are captions and
 * comments, not rights fields (XMP's dc:description, which Heed does not search for refusals
 * either): "No AI training" there may be what the picture shows, so they are not read.
 */
function exifCopyrights(parsed: Record<string, unknown> | undefined): RightsText[] {
  const ifd0 = parsed?.ifd0;
  if (!ifd0 || typeof ifd0 !== 'object') return [];
  const raw = (ifd0 as Record<string, unknown>).Copyright;
  // Searched whole, not cut at a length (a refusal after padding must not go unread), as IIM text
  // is; the file's own size bounds it. Only the clipped text reaches the evidence (xmp.ts clip).
  const value = raw instanceof Uint8Array ? new TextDecoder('latin1').decode(raw) : typeof raw === 'string' ? raw : null;
  if (value === null) return [];
  return value.split('\0').flatMap((part) => iimText(part)).map((text) => ({ field: 'EXIF Copyright', text }));
}

/** More EXIF items than any HEIF/AVIF file holds (one, for the primary image; a few for a burst or its thumbnails). */
const MAX_HEIF_EXIF_ITEMS = 32;
/** More EXIF bytes, all items together, than any HEIF/AVIF file holds (its thumbnails are items of their own). */
const MAX_HEIF_EXIF_BYTES = MAX_PACKET_BYTES;

/** The ids of the items of one `meta` box whose `infe` (version 2 or 3) has item_type `Exif` (ISO/IEC 23008-12 §A.2.1). */
function heifExifIds(b: Uint8Array, meta: Part): Set<number> {
  const ids = new Set<number>();
  for (const infe of infeBoxes(b, meta)) {
    const version = b[infe.start] ?? 0;
    if (version < 2) continue;
    const at = infe.start + 4;
    if (fourCC(b, at + (version === 3 ? 4 : 2) + 2) === 'Exif') ids.add(version === 3 ? u32be(b, at) : u16be(b, at));
  }
  return ids;
}

/** The TIFF structure of a HEIF `Exif` item: after its 4-byte exif_tiff_header_offset (ISO/IEC 23008-12 §A.2.1), or null. */
function heifExifTiff(data: Uint8Array): Uint8Array | null {
  const isTiff = (at: number) => bytesEqual(data, at, 'II*\0') || bytesEqual(data, at, 'MM\0*');
  const offset = u32be(data, 0);
  if (offset >= 0 && offset <= data.length - 8 && isTiff(4 + offset)) return data.subarray(4 + offset);
  // Writers that leave out the offset: the TIFF, or JPEG's `Exif\0\0` before it, at the start.
  if (isTiff(0)) return data;
  if (bytesEqual(data, 0, 'Exif\0\0') && isTiff(6)) return data.subarray(6);
  // And those that write an offset of 0 with JPEG's `Exif\0\0` after it, before the TIFF.
  if (offset === 0 && bytesEqual(data, 4, 'Exif\0\0') && isTiff(10)) return data.subarray(10);
  return null;
}

/**
 * The EXIF Copyright (and IPTC-IIM in its tag 33723, and the XMP packets in it) of every `Exif` item of a HEIF/AVIF file,
 * in every `meta` box (the file's, a sequence's track's), located by `iloc` (heifItemData) and
 * given to exifr as the TIFF it is, as a WebP's EXIF chunk is (exifr reads only the first Exif
 * item of a file whose ftyp lists `heic` or `avif` among its compatible brands, only its first
 * extent, not in `idat`). Decision (DESIGN.md §2 rule 3): "© Jane Doe – No AI training" there is
 * the owner's as it is in a JPEG (exifCopyrights); the file returned early before, and it went
 * unread. Rule 5 (fail closed): an Exif item cut short, located where Heed cannot read, not a
 * TIFF, that exifr cannot read up to its Copyright, or past MAX_HEIF_EXIF_ITEMS or
 * MAX_HEIF_EXIF_BYTES, may hold a refusal: the rights text is lost (unreadable).
 */
async function heifExif(b: Uint8Array): Promise<{ texts: RightsText[]; iim: Record<string, unknown> | null; packets: string[]; lost: string | null }> {
  const texts: RightsText[] = [];
  const packets: string[] = [];
  const iim: Record<string, unknown[]> = {};
  let items = 0;
  let budget = MAX_HEIF_EXIF_BYTES;
  const lost = (why: string) => ({ texts, iim: null, packets, lost: `an EXIF item ${why}` });
  for (const meta of metaBoxes(b)) {
    const found = heifItemData(b, meta, heifExifIds(b, meta), budget);
    for (const item of found) {
      if ('lost' in item) return lost(`cannot be read: ${item.lost}`);
      if (++items > MAX_HEIF_EXIF_ITEMS) return lost(`past the ${MAX_HEIF_EXIF_ITEMS} Heed reads`);
      budget -= item.data.length;
      // Its XMP (tag 700) as the item's extents put it together: the scan of the file sees them apart.
      packets.push(...scanPackets(item.data));
      const tiff = heifExifTiff(item.data);
      if (!tiff) return lost('is not a TIFF structure');
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = (await exifr.parse(tiff.slice(), { ...copyrightOnly(), iptc: true })) as Record<string, unknown> | undefined;
      } catch {
        return lost('exifr cannot read');
      }
      const copyright = exifCopyrights(parsed);
      const errors = parsed?.errors;
      if (Array.isArray(errors) && errors.length > 0 && copyright.length === 0) return lost('is cut short or broken before its Copyright');
      texts.push(...copyright);
      const datasets = parsed?.iptc;
      if (datasets && typeof datasets === 'object') {
        // Appended one by one: a spread of a dataset repeated a few hundred thousand times overflows the stack.
        for (const [k, v] of Object.entries(datasets as Record<string, unknown>)) {
          const into = (iim[k] ??= []);
          for (const x of Array.isArray(v) ? v : [v]) into.push(x);
        }
      }
    }
  }
  return { texts, iim: Object.keys(iim).length > 0 ? iim : null, packets, lost: null };
}

/** More distinct PNG images than any icon holds (Windows icons carry up to about ten sizes). */
const MAX_ICO_PNGS = 64;

/**
 * An ICO's XMP: the packet scan of the file, and each PNG image's XMP read as a PNG's (a
 * compressed iTXt, a raw profile). Decision (DESIGN.md §2 rule 3): the icon is its images, so
 * what their own metadata says is the icon's, as an SVG's wrapped images are the SVG's; read
 * only by the scan, a PNG image's compressed XMP went unread, its DataMining with it. An image
 * whose XMP is unreadable, or more than MAX_ICO_PNGS of them, makes the icon's unreadable.
 */
async function icoEmbedded(bytes: Uint8Array): Promise<RawEmbedded> {
  const scanned = scanPacket(bytes);
  const images = icoImages(bytes).parts.filter((p) => p.type === 'png');
  const starts = [...new Set(images.map((p) => `${p.start}:${p.end}`))];
  if (starts.length > MAX_ICO_PNGS) return { xmp: null, xmpDeclared: true, iim: null, why: `more than ${MAX_ICO_PNGS} PNG images in the icon` };
  const texts = scanned !== null ? [scanned] : [];
  for (const key of starts) {
    const [start, end] = key.split(':').map(Number) as [number, number];
    const inner = await extractEmbedded(bytes.subarray(start, end));
    if (inner.xmpDeclared && inner.xmp === null) return { xmp: null, xmpDeclared: true, iim: null, why: `an icon image: ${inner.why ?? 'XMP present but could not be extracted'}` };
    if (inner.xmp !== null && !texts.some((t) => t.includes(inner.xmp!.trim()))) texts.push(inner.xmp);
  }
  return { xmp: texts.length > 0 ? texts.join('\n') : null, xmpDeclared: texts.length > 0, iim: null };
}

/** `s` in UTF-16 or UTF-32 (`unit` bytes a character, big- or little-endian), as Latin-1 text for indexOfAscii. */
function wide(s: string, unit: 2 | 4, bigEndian: boolean): string {
  const pad = '\0'.repeat(unit - 1);
  return [...s].map((c) => (bigEndian ? pad + c : c + pad)).join('');
}

/** Each wide mark with how many bytes before its `<` it starts (the NULs of a big-endian `<`). */
const WIDE_PACKET_MARKS = (['<?xpacket begin', '<x:xmpmeta'] as const).flatMap((mark) =>
  ([[2, false], [2, true], [4, false], [4, true]] as const).map(([unit, be]) => ({ text: wide(mark, unit, be) })));

/**
 * Whether the bytes hold an XMP packet in UTF-16 or UTF-32 (XMP Part 3 §1.1.2 allows both; a
 * packet's header is recognisable in either). Decision (DESIGN.md §2 rule 5, fail closed): the
 * packet scan looks for UTF-8 only, so such a packet in a JPEG comment, an EXIF tag 700, a PNG
 * chunk or a BMP went unseen and read as absent; it makes the XMP unreadable, as a UTF-16 packet
 * a GIF declares does (declaredXmp).
 */
function widePacket(b: Uint8Array): boolean {
  // One substring search per mark (indexOfAscii searches a large file as text): a loop over every
  // `<` took ~0.85 s on a hostile 20 MB file of them.
  return WIDE_PACKET_MARKS.some((m) => indexOfAscii(b, m.text) >= 0);
}

/** The raw XMP packet (null when none or not extractable) and IIM datasets of an image; never throws. */
export async function extractEmbedded(bytes: Uint8Array): Promise<RawEmbedded> {
  const found = await extractContained(bytes);
  return widePacket(bytes) ? { xmp: null, xmpDeclared: true, iim: found.iim, why: 'an XMP packet in UTF-16 or UTF-32' } : found;
}

async function extractContained(bytes: Uint8Array): Promise<RawEmbedded> {
  const mime = sniffImageType(bytes);
  if (mime === 'image/webp') {
    // Every `XMP ` chunk, not the first only (see scanPacket), and those past the walk (Beyond).
    const walk = riffChunks(bytes);
    const last = walk.parts[walk.parts.length - 1];
    const beyond = riffXmpBeyond(bytes, last ? last.end + ((last.end - last.start) & 1) : 12);
    const packets = [...walk.parts.filter((p) => p.type === 'XMP ').map((c) => utf8(bytes.subarray(c.start, c.end))), ...beyond.packets];
    if (beyond.lost) return { xmp: null, xmpDeclared: true, iim: null, why: 'an XMP chunk cut short' };
    const xmp = withScanned(packets.length > 0 ? packets.join('\n') : null, bytes);
    const rightsTexts = await webpExifCopyrights(bytes, walk.parts);
    return { xmp, xmpDeclared: xmp !== null, iim: null, ...(rightsTexts.length > 0 ? { rightsTexts } : {}) };
  }
  if (mime === 'image/x-icon') return icoEmbedded(bytes);
  if (mime !== 'image/jpeg' && mime !== 'image/png' && mime !== 'image/tiff') {
    const scanned = scanPacket(bytes);
    const declared = declaredXmp(bytes, mime);
    // HEIF/AVIF XMP items as iloc puts them together, beside what the scan of the file finds.
    const items = heifXmpItemPackets(bytes, declared.plain);
    // HEIF/AVIF: the EXIF items' Copyright, IPTC-IIM and tag 700 XMP (heifExif), which returned unread here before.
    const exif = mime === 'image/avif' || mime === 'image/heic' || mime === 'image/heif' ? await heifExif(bytes) : { texts: [], iim: null, packets: [], lost: null };
    const more = [...new Set([...items.packets, ...exif.packets])].filter((t) => scanned === null || !scanned.includes(t.trim()));
    const xmp = more.length > 0 ? [...(scanned !== null ? [scanned] : []), ...more].join('\n') : scanned;
    // Declared but not found by the scan, or stored encoded, or not put together: unreadable (see declaredXmp).
    const unread = declared.encoded || items.lost !== null || (declared.count > 0 && xmp === null);
    const why = declared.encoded ? 'an XMP item stored compressed (content_encoding) or its entry cut short' : items.lost ?? 'XMP the file declares is not in a form the packet scan reads (UTF-16, another prefix)';
    return {
      xmp: unread ? null : xmp,
      xmpDeclared: xmp !== null || declared.count > 0,
      iim: exif.iim,
      ...(unread ? { why } : {}),
      ...(exif.texts.length > 0 ? { rightsTexts: exif.texts } : {}),
      ...(exif.lost !== null ? { rightsLost: exif.lost } : {}),
    };
  }
  let xmpDeclared = false;
  // The JPEG's standard XMP APP1 packets, each read here (see below), and the PNG packets.
  let jpegPackets: string[] = [];
  let pngPackets: PngPacket[] = [];
  // XMP seen past the container walk that could not be taken out (Beyond): unreadable.
  let lost = false;
  let why: string | null = null;
  let inWalk = false;
  // JPEG Extended XMP, put together here (jpegExtendedXmp), not by exifr.
  let extended: { present: boolean; packets: string[]; lost: boolean } = { present: false, packets: [], lost: false };
  let extendedSegments: Part<number>[] = [];
  if (mime === 'image/jpeg') {
    const walk = jpegSegments(bytes);
    // The signature without its NUL: exifr takes an APP1 whose NUL is missing or another byte for
    // XMP too, and reads the first XMP APP1 only (all of them with Extended XMP).
    const app1 = walk.parts.filter((s) => s.type === 0xe1 && bytesEqual(bytes, s.start, XMP_APP1_LOOSE));
    // A segment cut short, between scans or after EOI is not in the walk; its signature still says XMP was there.
    const beyond = jpegXmpBeyond(bytes, walk.parts[walk.parts.length - 1]?.end ?? 2);
    xmpDeclared = app1.length > 0 || beyond.packets.length > 0 || beyond.lost;
    jpegPackets = [...app1.map((s) => utf8(bytes.subarray(s.start + XMP_APP1_LOOSE.length + (bytes[s.start + XMP_APP1_LOOSE.length] === 0 ? 1 : 0), s.end))), ...beyond.packets];
    extended = jpegExtendedXmp(bytes, walk.parts, jpegPackets);
    extendedSegments = walk.parts.filter((p) => p.type === 0xe1 && bytesEqual(bytes, p.start, XMP_EXTENSION_APP1));
    lost = beyond.lost || extended.lost;
    if (extended.lost) why = 'Extended XMP incomplete: a piece is missing, or the extension the packet names is absent';
    else if (beyond.lost) why = 'an XMP segment past the image data is cut short or unframed';
    inWalk = app1.length > 0;
    xmpDeclared ||= extended.present;
  } else if (mime === 'image/png') {
    const found = pngXmpPackets(bytes);
    pngPackets = found.packets;
    lost = found.lost;
    if (lost) why = 'an XMP chunk cut short';
    xmpDeclared = pngPackets.length > 0 || lost;
  }
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = (await exifr.parse(bytes, {
      xmp: { parse: false, multiSegment: true },
      iptc: true,
      // IFD0 only, and in a JPEG or PNG only its Copyright (exifCopyrights): no EXIF sub-IFD, GPS or
      // thumbnail is parsed. A TIFF keeps its whole IFD0 (its XMP tag 700 and IPTC are read there).
      tiff: true,
      ...(mime === 'image/tiff' ? {} : { ifd0: { pick: ['Copyright'] } }),
      exif: false,
      gps: false,
      interop: false,
      ifd1: false,
      makerNote: false,
      userComment: false,
      icc: false,
      jfif: false,
      ihdr: false,
      mergeOutput: false,
    })) as Record<string, unknown> | undefined;
  } catch {
    parsed = undefined;
  }
  let xmp = typeof parsed?.xmp === 'string' ? parsed.xmp : null;
  // Every packet counts (DESIGN.md §2 rule 3: a prohibition in the second must not go unread);
  // xmp-rdf.ts reads several packets one after another. exifr gives the first XMP APP1 (with
  // Extended XMP, every XMP segment joined) — not necessarily the one the walk finds first (an
  // APP1 whose signature lacks its NUL is exifr's first), so every standard packet is added here
  // unless exifr's text already holds it; it reads nothing past SOS (Beyond). XMP the walk finds
  // that exifr could not read at all keeps the XMP unreadable (xmp null).
  if (extended.present) {
    // exifr's text joins the pieces in file order (a misjoin when they are not in order, or one
    // is written twice): the standard packets and the extensions put together here are read instead.
    xmp = null;
    inWalk = false;
    jpegPackets = [...jpegPackets, ...extended.packets];
  }
  if (jpegPackets.length > 0 && (xmp !== null || !inWalk)) {
    const base = xmp;
    xmp = [...(base !== null ? [base] : []), ...jpegPackets.filter((t) => base === null || !base.includes(t.trim()))].join('\n');
  }
  if (pngPackets.length > 0) {
    const texts: string[] = [];
    for (const p of pngPackets) {
      const inflated = p.compressed ? await inflate(p.data) : p.data;
      if (!inflated) {
        why ??= 'a compressed XMP chunk does not inflate';
        texts.length = 0;
        break; // a packet that does not inflate makes the whole unreadable (xmpDeclared, no xmp)
      }
      texts.push(utf8(inflated));
    }
    xmp = texts.length === pngPackets.length ? texts.join('\n') : null;
  }
  if (mime === 'image/png' && !(xmpDeclared && xmp === null)) {
    const found = await pngTextPackets(bytes);
    const base = xmp;
    const more = found.packets.filter((t) => base === null || !base.includes(t.trim()));
    if (more.length > 0) xmp = [...(base !== null ? [base] : []), ...more].join('\n');
    if (found.lost) why ??= 'a compressed PNG text chunk does not inflate, or a raw profile is not hex of its length';
    lost ||= found.lost;
    xmpDeclared ||= found.lost || more.length > 0;
  }
  if (lost) xmp = null; // declared, not extractable: unreadable
  // Packets no container reader took out (masked: the Extended XMP pieces, read by GUID above).
  if (!(xmpDeclared && xmp === null)) {
    const masked = mime === 'image/jpeg' ? blanked(bytes, extendedSegments) : bytes;
    xmp = withScanned(xmp, masked);
    xmpDeclared ||= xmp !== null;
  }
  const iim = parsed?.iptc && typeof parsed.iptc === 'object' ? (parsed.iptc as Record<string, unknown>) : null;
  if (xmpDeclared && xmp === null) why ??= inWalk ? 'an XMP segment exifr could not read' : null;
  const pngRights = mime === 'image/png' ? await pngRightsTexts(bytes) : { texts: [], lost: false };
  const rightsTexts = [...exifCopyrights(parsed), ...pngRights.texts];
  return { xmp, xmpDeclared: xmpDeclared || xmp !== null, iim, ...(rightsTexts.length > 0 ? { rightsTexts } : {}), ...(pngRights.lost ? { rightsLost: 'a compressed PNG Copyright or Disclaimer does not inflate' } : {}), ...(xmpDeclared && xmp === null && why !== null ? { why } : {}) };
}

