import { bytesEqual, indexOfAscii, joinBytes, jpegSegments, u32be } from './image-containers';

/** A picture an XMP packet carries as base64 text, as a file of its own for the browser to decode. */
export interface XmpPicture {
  bytes: Uint8Array;
  mime: string;
  what: string;
}

/**
 * XMP properties whose value is a whole picture, base64: Adobe's thumbnails (XMP Part 2
 * §8.2.1.12 `xmp:Thumbnails`, each `xmpGImg:image`), and Google's depth and portrait photos
 * (GDepth:Data, a depth map; GImage:Data, the original image, in JPEG Extended XMP).
 */
const PICTURE_PROPERTIES = [
  { ns: 'http://ns.adobe.com/xap/1.0/g/img/', name: 'image', what: 'the XMP thumbnail (xmpGImg:image)' },
  { ns: 'http://ns.google.com/photos/1.0/image/', name: 'Data', what: 'the picture in GImage:Data' },
  { ns: 'http://ns.google.com/photos/1.0/depthmap/', name: 'Data', what: 'the depth map in GDepth:Data' },
] as const;

/** The most prefixes one picture namespace may be bound to (real files bind one). */
const MAX_PREFIXES = 8;
/** The most `xmlns` declarations read in one file (real XMP has tens). */
const MAX_DECLARATIONS = 4096;

const XMP_EXTENSION = 'http://ns.adobe.com/xmp/extension/\0';

/**
 * The pictures the file's XMP carries as base64 text (PICTURE_PROPERTIES), or why Heed cannot
 * take them out. Each is in every copy of the file, and tools show them (a file browser shows
 * the XMP thumbnail; Google Photos the GImage original), so the people check examines them
 * (DESIGN.md §2 rule 6). Decision (fail closed) where the text can be read two ways: a file that
 * names one of these namespaces is searched for its properties under every prefix bound to it;
 * a namespace named without a prefix Heed finds, a property written in a form Heed does not take
 * out (more mentions of it than elements and attributes read), or a value that is not base64 of
 * a JPEG or PNG is a reason, never a skip. JPEG Extended XMP pieces are read joined (by GUID, in
 * offset order) as Google writes GImage and GDepth there. Never throws; linear in the bytes.
 */
export function xmpPictures(b: Uint8Array): { pictures: XmpPicture[] } | { why: string } {
  const referenced = namespaceByReference(b);
  if (referenced) return { why: referenced };
  const named = PICTURE_PROPERTIES.filter((p) => indexOfAscii(b, p.ns) >= 0);
  if (named.length === 0) return { pictures: [] };
  const extended = extendedXmp(b);
  // The file outside its Extended XMP pieces, and each extension joined: a value split over pieces is read whole.
  const texts = [latin1(extended.rest), ...extended.texts];
  const pictures: XmpPicture[] = [];
  for (const property of named) {
    for (const text of texts) {
      if (!text.includes(property.ns)) continue;
      const prefixes = new Set([...text.matchAll(new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escape(property.ns)}["']`, 'g'))].map((m) => m[1]!));
      // Each prefix is a search of the whole text: a file binding hundreds would cost that many (fail closed past a few).
      if (prefixes.size > MAX_PREFIXES) return { why: `the file's XMP binds ${property.what.replace(/^the /, 'a ')} namespace to more than ${MAX_PREFIXES} prefixes` };
      if (prefixes.size === 0) return { why: `the file's XMP names ${property.what.replace(/^the /, 'a ')} namespace in a form Heed does not read` };
      for (const prefix of prefixes) {
        const qname = escape(`${prefix}:${property.name}`);
        const elements = [...text.matchAll(new RegExp(`<${qname}(?:\\s[^<>]*)?>([^<]*)</${qname}\\s*>`, 'g'))].map((m) => m[1]!);
        const attributes = [...text.matchAll(new RegExp(`\\s${qname}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))].map((m) => m[1] ?? m[2]!);
        const mentions = [...text.matchAll(new RegExp(`(?<![\\w.:-])${qname}(?![\\w.:-])`, 'g'))].length;
        if (mentions !== 2 * elements.length + attributes.length) return { why: `the file's XMP holds ${property.what} in a form Heed does not take out` };
        for (const value of [...elements, ...attributes]) {
          const picture = decodePicture(value);
          if (!picture) return { why: `the file's XMP holds ${property.what}, which is not base64 of a JPEG or PNG Heed can decode` };
          pictures.push({ ...picture, what: property.what });
        }
      }
    }
  }
  return { pictures };
}

/**
 * Why a picture property's namespace may be bound where the search for its text does not see it
 * — a declaration naming it with character references (XML 1.0 §4.1: `…/g/img&#47;` is
 * `…/g/img/` to any XMP reader), or more declarations than Heed reads — or null. Each `xmlns` is
 * read within a bounded window, at most MAX_DECLARATIONS of them: linear in the bytes.
 */
function namespaceByReference(b: Uint8Array): string | null {
  let declarations = 0;
  for (let at = indexOfAscii(b, 'xmlns'); at >= 0; at = indexOfAscii(b, 'xmlns', at + 5)) {
    if (++declarations > MAX_DECLARATIONS) return `the file holds more than ${MAX_DECLARATIONS} XML namespace declarations, more than Heed reads for pictures its XMP may carry`;
    const value = /^xmlns(?::[\w.-]+)?\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(latin1(b.subarray(at, Math.min(b.length, at + 1024))));
    const name = value?.[1] ?? value?.[2];
    if (!name?.includes('&')) continue;
    const decoded = name.replace(/&#x([0-9a-fA-F]{1,6});|&#([0-9]{1,7});|&(amp|lt|gt|quot|apos);/g, (_, hex: string | undefined, dec: string | undefined, entity: string | undefined) =>
      hex ? String.fromCodePoint(Math.min(0x10ffff, parseInt(hex, 16))) : dec ? String.fromCodePoint(Math.min(0x10ffff, parseInt(dec, 10))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity!]!);
    const property = PICTURE_PROPERTIES.find((p) => p.ns === decoded);
    if (property) return `the file's XMP names ${property.what.replace(/^the /, 'a ')} namespace with character references, which Heed does not take out`;
  }
  return null;
}

const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Base64 text (XML character references for line breaks and white space allowed) as a JPEG or PNG, or null. */
function decodePicture(value: string): { bytes: Uint8Array; mime: string } | null {
  const text = value.replace(/&#(?:x0*[aAdD9]|0*(?:10|13|9));|\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return null;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return { bytes, mime: 'image/jpeg' };
  if (bytesEqual(bytes, 0, '\x89PNG\r\n\x1a\n')) return { bytes, mime: 'image/png' };
  return null;
}

/**
 * A JPEG's Extended XMP pieces joined per GUID in offset order, as text (the reader proper is
 * embedded-xmp.ts), and the file's bytes without those segments.
 */
function extendedXmp(b: Uint8Array): { rest: Uint8Array; texts: string[] } {
  if (b[0] !== 0xff || b[1] !== 0xd8) return { rest: b, texts: [] };
  const byGuid = new Map<string, { offset: number; data: Uint8Array }[]>();
  const rest: Uint8Array[] = [];
  let kept = 0;
  for (const s of jpegSegments(b).parts) {
    if (s.type !== 0xe1 || !bytesEqual(b, s.start, XMP_EXTENSION) || s.end - s.start < XMP_EXTENSION.length + 40) continue;
    const at = s.start + XMP_EXTENSION.length;
    const guid = latin1(b.subarray(at, at + 32));
    const pieces = byGuid.get(guid) ?? [];
    pieces.push({ offset: u32be(b, at + 36), data: b.subarray(at + 40, s.end) });
    byGuid.set(guid, pieces);
    rest.push(b.subarray(kept, s.offset));
    kept = s.end;
  }
  if (byGuid.size === 0) return { rest: b, texts: [] };
  rest.push(b.subarray(kept));
  return { rest: joinBytes(rest), texts: [...byGuid.values()].map((pieces) => latin1(joinBytes(pieces.sort((x, y) => x.offset - y.offset).map((p) => p.data)))) };
}
