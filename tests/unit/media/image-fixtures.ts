/**
 * Builders for tiny image byte fixtures (JPEG, PNG, WebP, GIF, ISO-BMFF) with XMP, IPTC-IIM and
 * C2PA/JUMBF payloads, so tests state their input in code instead of shipping binaries.
 * Layouts: JPEG T.81 §B; PNG 3rd ed. §5; WebP RIFF container; JUMBF ISO/IEC 19566-5;
 * C2PA 2.1 §A.3 (JPEG APP11 as JPEG XT boxes, PNG caBX, WebP C2PA, BMFF uuid box).
 */
import { encode } from 'cbor2';

const enc = new TextEncoder();

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

export const ascii = (s: string): Uint8Array => enc.encode(s);
const be16 = (n: number) => [(n >> 8) & 255, n & 255];
const be32 = (n: number) => [(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >> 8) & 255];
const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];

// ---------- JPEG ----------

export function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  return concat([0xff, marker, ...be16(payload.length + 2)], payload);
}

/** SOI, the given segments, a baseline SOF0 frame header, SOS, one byte of scan data, EOI. */
export function jpeg(opts: { width?: number; height?: number; segments?: Uint8Array[]; sof?: number } = {}): Uint8Array {
  const { width = 20, height = 10, segments = [], sof = 0xc0 } = opts;
  const frame = jpegSegment(sof, Uint8Array.from([8, ...be16(height), ...be16(width), 1, 1, 0x11, 0]));
  const scan = jpegSegment(0xda, Uint8Array.from([1, 1, 0, 0, 63, 0]));
  return concat([0xff, 0xd8], ...segments, frame, scan, [0x00, 0xff, 0xd9]);
}

export function xmpApp1(xmp: string): Uint8Array {
  return jpegSegment(0xe1, concat(ascii('http://ns.adobe.com/xap/1.0/\0'), ascii(xmp)));
}

/**
 * APP13 Photoshop IRB 0x0404 with IIM record-2 datasets (IIM 4.2 §1.5; Photoshop file format),
 * UTF-8, declared by dataset 1:90 Coded Character Set = ESC % G (IIM 4.2 §1.6.3).
 */
export function iptcApp13(datasets: [number, string][]): Uint8Array {
  const iim = concat([0x1c, 1, 90, 0, 3, 0x1b, 0x25, 0x47], ...datasets.map(([ds, s]) => {
    const data = enc.encode(s);
    return concat([0x1c, 2, ds, ...be16(data.length)], data);
  }));
  const irb = concat(ascii('8BIM'), [0x04, 0x04, 0, 0, ...be32(iim.length)], iim, iim.length % 2 ? [0] : []);
  return jpegSegment(0xed, concat(ascii('Photoshop 3.0\0'), irb));
}

/** An EXIF APP1 holding only IFD0 with Orientation (TIFF 6.0 §2; EXIF 2.32 §4.5.4). */
export function exifOrientationApp1(orientation: number): Uint8Array {
  const tiff = concat(ascii('MM'), [0, 42], be32(8), be16(1), be16(274), be16(3), be32(1), be16(orientation), [0, 0], be32(0));
  return jpegSegment(0xe1, concat(ascii('Exif\0\0'), tiff));
}

// ---------- PNG ----------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concat(ascii(type), data);
  return concat(be32(data.length), typed, be32(crc32(typed)));
}

/** Signature, IHDR, extra chunks, an (empty) IDAT and IEND. */
export function png(opts: { width?: number; height?: number; chunks?: Uint8Array[] } = {}): Uint8Array {
  const { width = 3, height = 2, chunks = [] } = opts;
  const ihdr = pngChunk('IHDR', Uint8Array.from([...be32(width), ...be32(height), 8, 6, 0, 0, 0]));
  return concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ihdr, ...chunks, pngChunk('IDAT', new Uint8Array()), pngChunk('IEND', new Uint8Array()));
}

/** iTXt `XML:com.adobe.xmp`, uncompressed (XMP Part 3 §1.1.5). */
export function pngXmpChunk(xmp: string): Uint8Array {
  return pngChunk('iTXt', concat(ascii('XML:com.adobe.xmp'), [0, 0, 0, 0, 0], ascii(xmp)));
}

// ---------- WebP / GIF ----------

export function riffChunk(type: string, data: Uint8Array): Uint8Array {
  return concat(ascii(type), le32(data.length), data, data.length % 2 ? [0] : []);
}

/** An extended WebP: VP8X canvas header plus the given chunks (no image data needed here). */
export function webp(opts: { width?: number; height?: number; chunks?: Uint8Array[] } = {}): Uint8Array {
  const { width = 5, height = 4, chunks = [] } = opts;
  const w = width - 1;
  const h = height - 1;
  const vp8x = riffChunk('VP8X', Uint8Array.from([0x04, 0, 0, 0, w & 255, (w >> 8) & 255, (w >> 16) & 255, h & 255, (h >> 8) & 255, (h >> 16) & 255]));
  const body = concat(ascii('WEBP'), vp8x, ...chunks);
  return concat(ascii('RIFF'), le32(body.length), body);
}

export function gif(width = 7, height = 6, tail: Uint8Array = new Uint8Array()): Uint8Array {
  return concat(ascii('GIF89a'), le16(width), le16(height), [0, 0, 0], tail, [0x3b]);
}

// ---------- JUMBF / C2PA ----------

export function box(type: string, payload: Uint8Array): Uint8Array {
  return concat(be32(payload.length + 8), ascii(type), payload);
}

/** A JUMBF UUID: 4-char type + the ISO-registered tail 0011-0010-8000-00AA00389B71. */
export function jumbfUuid(fourcc: string): Uint8Array {
  return concat(ascii(fourcc), [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]);
}

/** A JUMBF superbox: `jumd` (uuid, toggles = requestable + label, label) followed by children. */
export function superbox(fourcc: string, label: string, ...children: Uint8Array[]): Uint8Array {
  const jumd = box('jumd', concat(jumbfUuid(fourcc), [0x03], ascii(label), [0]));
  return box('jumb', concat(jumd, ...children));
}

export function cborAssertion(label: string, content: unknown): Uint8Array {
  return superbox('cbor', label, box('cbor', encode(content)));
}

/** A manifest store with one (active) manifest holding the given assertion boxes. */
export function manifestStore(assertions: Uint8Array[], extraManifestsBefore: Uint8Array[][] = []): Uint8Array {
  const manifest = (as: Uint8Array[], i: number) =>
    superbox('c2ma', `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, superbox('c2as', 'c2pa.assertions', ...as), superbox('c2cl', 'c2pa.claim', box('cbor', encode({ 'dc:format': 'image/jpeg' }))));
  return superbox('c2pa', 'c2pa', ...extraManifestsBefore.map((as, i) => manifest(as, i + 1)), manifest(assertions, 0));
}

/** The store split into APP11 JPEG XT segments (CI "JP", En, Z; continuation repeats LBox/TBox). */
export function app11Segments(jumbf: Uint8Array, maxPayload = 65533 - 8): Uint8Array[] {
  const segments: Uint8Array[] = [];
  const header = jumbf.subarray(0, 8);
  let at = 0;
  let z = 1;
  while (at < jumbf.length) {
    const room = z === 1 ? maxPayload : maxPayload - 8;
    const piece = jumbf.subarray(at, at + room);
    const prefix = concat(ascii('JP'), be16(0x0211), be32(z));
    segments.push(jpegSegment(0xeb, z === 1 ? concat(prefix, piece) : concat(prefix, header, piece)));
    at += piece.length;
    z++;
  }
  return segments;
}

/** An ISO-BMFF file: ftyp with `brand`, optional C2PA uuid box (C2PA 2.1 §A.4), nothing else. */
export function isoBmff(brand: string, c2pa?: Uint8Array, compatible: string[] = ['mif1']): Uint8Array {
  const ftyp = box('ftyp', concat(ascii(brand), be32(0), ...compatible.map(ascii)));
  if (!c2pa) return ftyp;
  const uuid = [0xd8, 0xfe, 0xc3, 0xd6, 0x1b, 0x0e, 0x48, 0x3c, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7e, 0xc4, 0x81];
  const payload = concat(uuid, [0, 0, 0, 0], ascii('manifest\0'), be32(0), be32(0), c2pa);
  return concat(ftyp, box('uuid', payload));
}

// ---------- XMP ----------

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
  dc: 'http://purl.org/dc/elements/1.1/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  plus: 'http://ns.useplus.org/ldf/xmp/1.0/',
  Iptc4xmpExt: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/',
};

/** Wrap rdf:Description content in the standard packet wrapper (XMP Part 1 §7.3). */
export function xmpPacket(description: string, attrs = '', xmlns = Object.entries(NS).filter(([p]) => p !== 'rdf').map(([p, u]) => `xmlns:${p}="${u}"`).join(' ')): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="${NS.rdf}">
  <rdf:Description rdf:about="" ${xmlns} ${attrs}>${description}</rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
