/**
 * The images an SVG file carries inside it as `data:` URLs (`<image href="data:image/jpeg;
 * base64,…">`, a CSS `url(data:…)`): the whole raster travels in the SVG, with its own XMP and
 * C2PA, so wrapping a photo in an SVG must not hide what its metadata says (signals/
 * svg-embedded-rights.ts reads them). Images the SVG only links to are not in the file.
 *
 * Decoded as browsers decode `data:` URLs (forgiving base64: ASCII whitespace ignored, padding
 * optional; otherwise percent-decoded), with character references in attribute values read.
 * An SVG embedded in one is read in turn, to MAX_DEPTH. Past MAX_EMBEDDED images, or a payload
 * that does not decode, the result says so (`unread`): the caller fails closed.
 */

/** Embedded images read per file, nested SVGs included. */
export const MAX_EMBEDDED = 16;
/** SVGs inside SVGs read. */
const MAX_DEPTH = 2;

export interface SvgEmbeddedImages {
  /** The embedded images' bytes, in file order (nested SVGs' images after their SVG). */
  images: Uint8Array[];
  /** Why some embedded image was not read, or null when every one was. */
  unread: string | null;
}

// `data:image/<subtype>[;params][;base64],<payload>`; the payload ends at a quote, `(`, `)`,
// `<` or `>`. The subtype is matched atomically (lookahead and backreference) and the parameters
// are capped, so a file of `data:image/…` with no comma costs linear time.
const DATA_URL = /data:\s*image\/(?=([a-z0-9.+-]+))\1([^,"'()<>]{0,256}),([^"'()<>]*)/gi;
const DATA_IMAGE = /data:\s*image\//gi;

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const NAMED: Record<string, number> = { amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27 };

/**
 * The octets of a `data:` payload (`raw`: its bytes in the file): `%XX` escapes decoded (others
 * kept as written), character references (`&#10;`, `&#xA;`, `&amp;`…, as an XML attribute value
 * holds them) as the UTF-8 of their character, every other byte as it is.
 */
function payloadBytes(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === 0x25 && i + 2 < raw.length && isHex(raw[i + 1]!) && isHex(raw[i + 2]!)) {
      out[n++] = parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16);
      i += 2;
      continue;
    }
    if (c === 0x26) {
      const semi = raw.subarray(i, i + 11).indexOf(0x3b); // the longest reference, `&#x10FFFF;`, is 10 bytes
      const end = semi > 0 ? i + semi : -1;
      const ref = end > i ? String.fromCharCode(...raw.subarray(i + 1, end)) : '';
      const m = /^(?:#x([0-9a-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos))$/i.exec(ref);
      const code = m ? (m[3] ? NAMED[m[3].toLowerCase()]! : m[1] ? parseInt(m[1], 16) : Number(m[2])) : 0;
      if (code > 0 && code <= 0x10ffff) {
        // A reference is never shorter than the UTF-8 it stands for, so `out` has room.
        const utf8 = new TextEncoder().encode(String.fromCodePoint(code));
        out.set(utf8, n);
        n += utf8.length;
        i = end;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Bytes as text, one character per byte (windows-1252, which the Encoding standard calls latin1). */
const asText = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

/** Forgiving base64 (WHATWG infra): whitespace dropped, `=` padding optional; null when it is not base64. */
function forgivingBase64(s: string): Uint8Array | null {
  let t = s.replace(/[\t\n\f\r ]+/g, '');
  if (t.length % 4 === 0 && t.endsWith('==')) t = t.slice(0, -2);
  else if (t.length % 4 === 0 && t.endsWith('=')) t = t.slice(0, -1);
  if (t.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(t)) return null;
  try {
    return Uint8Array.from(atob(t + '='.repeat((4 - (t.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The images embedded in SVG `bytes` (see the module note). Never throws. */
export function svgEmbeddedImages(bytes: Uint8Array): SvgEmbeddedImages {
  const images: Uint8Array[] = [];
  let unread: string | null = null;
  const visit = (file: Uint8Array, depth: number): void => {
    const text = asText(file);
    // Every `data:image/` must be one read: parameters past the cap, or no comma, would
    // otherwise hide an image from the reader (fails closed instead).
    const named = text.match(DATA_IMAGE)?.length ?? 0;
    let matched = 0;
    for (const m of text.matchAll(DATA_URL)) {
      matched++;
      if (unread) return;
      if (images.length >= MAX_EMBEDDED) {
        unread = `more than ${MAX_EMBEDDED} images embedded`;
        return;
      }
      const subtype = m[1]!.toLowerCase();
      const base64 = /;\s*base64\s*$/i.test(m[2] ?? '');
      // One character per byte: the payload's bytes are at the same offsets in the file.
      const end = m.index + m[0].length;
      const payload = payloadBytes(file.subarray(end - m[3]!.length, end));
      const decoded = base64 ? forgivingBase64(asText(payload)) : payload;
      if (!decoded) {
        unread = `an embedded image/${subtype} is not valid base64`;
        return;
      }
      images.push(decoded);
      if (subtype === 'svg+xml') {
        if (depth >= MAX_DEPTH) {
          unread = `SVG nested deeper than ${MAX_DEPTH} levels`;
          return;
        }
        visit(decoded, depth + 1);
      }
    }
    if (!unread && matched < named) unread = `${named - matched} embedded image${named - matched > 1 ? 's' : ''} written in a way Heed does not read`;
  };
  try {
    visit(bytes, 1);
  } catch (e) {
    unread = `embedded images: ${e instanceof Error ? e.message : String(e)}`;
  }
  return { images, unread };
}
