/**
 * A non-validating reader for C2PA manifest stores: finds the store in the image container,
 * walks its JUMBF boxes (ISO/IEC 19566-5) and decodes the training-and-data-mining assertions
 * of every manifest, marking the active one. It checks no signature, hash or certificate: what
 * it returns is an unverified claim (SIGNALS.md §8).
 *
 * Embedding (C2PA 2.1 §A.3–A.4): JPEG APP11 segments carrying the store as JPEG XT boxes
 * (CI "JP", instance En, sequence Z; continuation segments repeat LBox/TBox); PNG `caBX`
 * chunk; WebP `C2PA` RIFF chunk; ISO-BMFF top-level `uuid` box d8fec3d6-1b0e-483c-9297-
 * 5828877ec481 (FullBox, purpose "manifest", 64-bit merkle offset, then the store).
 * Store layout (C2PA 2.1 §11.1): `jumb` "c2pa" → manifests (`jumb`, the last one active) →
 * `jumb` "c2pa.assertions" → one `jumb` per assertion, labelled e.g. `cawg.training-mining`
 * (with an optional `__N` instance suffix), whose content box is `cbor` (or `json`).
 *
 * CBOR: cbor2 (2.3.0, pinned; ESM, Uint8Array-only, no Node builtins), with `preferMap` so
 * hostile keys such as `__proto__` never touch an object prototype, and a depth cap.
 */
import { decode, Tag } from 'cbor2';
import { sniffImageType } from './image-bytes';
import { bytesEqual, fourCC, icoImages, indexOfAscii, joinBytes, jpegSegments, pngChunks, readBoxes, riffChunks, u16be, u32be, u32le, type Part } from './image-containers';
import { duplicateJsonKey } from '../model/json-keys';

export const TRAINING_MINING_LABELS = ['c2pa.training-mining', 'cawg.training-mining'] as const;

/**
 * The training-mining label a box label spells, or null. Decision (DESIGN.md §2 rules 3 and 5:
 * the reading that cannot keep a refusal): labels are matched case-insensitively, with `_`, `.`
 * or nothing for the hyphen, and a version suffix (`.v2`) — the spelling C2PA gives a revised
 * assertion — removed, so `CAWG.Training_Mining.v2` is read as `cawg.training-mining`.
 */
export function trainingMiningLabel(label: string): (typeof TRAINING_MINING_LABELS)[number] | null {
  const m = /^(c2pa|cawg)\.training[-_. ]?mining(?:\.v\d{1,4})?$/i.exec(label.trim());
  return m ? (`${m[1]!.toLowerCase()}.training-mining` as (typeof TRAINING_MINING_LABELS)[number]) : null;
}

export interface TrainingMiningEntry {
  use: string;
  constraintInfo: string | null;
}

export interface TrainingMiningAssertion {
  /** `c2pa.training-mining` or `cawg.training-mining` (instance suffix removed). */
  label: string;
  /** False for an assertion in an ingredient's manifest (the provenance chain), not the active one. */
  active: boolean;
  entries: Map<string, TrainingMiningEntry>;
}

/** plus:DataMining values a metadata assertion states (see metadataLabel). */
export interface MetadataDataMining {
  /** The assertion's label as read (`c2pa.metadata`, `cawg.metadata`, `stds.iptc`, …). */
  label: string;
  /** False for an assertion in an ingredient's manifest. */
  active: boolean;
  values: string[];
}

export type C2paReading =
  | { present: false }
  /** A store is there but could not be walked; `mentionsTrainingMining` from a byte search for the labels (and for `DataMining`, a rights field (mayHoldRefusal), and a `brob` box that may hide them). */
  | { present: true; readable: false; problem: string; mentionsTrainingMining: boolean }
  | {
    present: true; readable: true; assertions: TrainingMiningAssertion[]; unreadableAssertions: string[];
    /** plus:DataMining stated in metadata assertions; absent when there is none. */
    dataMining?: MetadataDataMining[];
    /** Free-text rights fields (usage terms, copyright notice, …) of metadata assertions; absent when there are none. */
    rightsTexts?: MetadataDataMining[];
    /** The other rights fields xmp.ts reads, as metadata assertions state them (MetadataRights); absent when there are none. */
    metadataRights?: MetadataRights[];
  };

/**
 * The rights fields of one metadata assertion that xmp.ts reads from the XMP (readEmbeddedRights
 * merges them into the image's own, withC2paMetadata), each as the strings its value holds
 * (text, numbers and Booleans written as text, `@id`/`@value` nodes, lists).
 */
export interface MetadataRights {
  label: string;
  /** False for an assertion in an ingredient's manifest. */
  active: boolean;
  /** xmpRights:WebStatement at the top level. */
  webStatements: string[];
  /** cc:license / dcterms:license / schema:license at the top level. */
  licences: string[];
  /** xmpRights:Marked at the top level. */
  marked: string[];
  /** plus:ModelReleaseStatus at the top level. */
  modelReleases: string[];
  /** plus:LicensorURL, at any depth (it is inside plus:Licensor). */
  licensorUrls: string[];
  /** tdm:reservation, at any depth. */
  tdmReservations: string[];
  /** tdm:policy (TDMRep's prefix or namespace only: `policy` alone is any vocabulary's word), at any depth. */
  tdmPolicies: string[];
  /** Iptc4xmpExt:EmbdEncRightsExpr, at any depth: one text per expression (its strings and keys). */
  embeddedRightsExprs: string[];
  /** Iptc4xmpExt:LinkedEncRightsExpr's LinkedRightsExpr URLs, else every word such a property holds, at any depth. */
  linkedRightsExprs: string[];
  /** dcterms:provenance, at any depth. */
  provenance: string[];
}

/**
 * The metadata-assertion label a box label spells, or null: C2PA 1.4+ `c2pa.metadata`, CAWG
 * `cawg.metadata` (any XMP/IPTC field), and C2PA ≤ 1.3 `stds.iptc` / `stds.iptc.photo-metadata`,
 * each JSON-LD that may hold IPTC's `plus:DataMining` (C2PA 2.1 §18.13; CAWG metadata assertion
 * 1.0), and C2PA 1.x `stds.schema-org.CreativeWork` (schema.org JSON-LD about the asset: its
 * `license` is the image's own licence statement, read as a metadata assertion's WebStatement is,
 * DESIGN.md §2 rule 4), and C2PA 1.x `stds.exif` (the image's EXIF as JSON-LD: its Copyright is
 * read as xmp.ts reads the EXIF Copyright, any XMP rights field in it as the XMP's). Matched as trainingMiningLabel matches, without case and with a version suffix removed.
 */
export function metadataLabel(label: string): string | null {
  const m = /^(c2pa\.metadata|cawg\.metadata|stds\.iptc(?:\.photo[-_.]?metadata)?|stds\.schema[-_.]?org\.creativework|stds\.exif)(?:\.v\d{1,4})?$/i.exec(label.trim());
  return m ? m[1]!.toLowerCase() : null;
}

const BMFF_C2PA_UUID = [0xd8, 0xfe, 0xc3, 0xd6, 0x1b, 0x0e, 0x48, 0x3c, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7e, 0xc4, 0x81];
const MAX_LABEL = 256;
const MAX_ENTRIES = 64;

/** `raw`: bytes to search for the assertion labels when the store cannot be extracted. */
type Located = { found: false } | { found: true; jumbf: Uint8Array | null; problem?: string; raw?: Uint8Array };

/**
 * Framed APP11 JPEG XT segments past `from` (FF EB, a length, CI "JP"), where the segment walk does
 * not go: between a progressive JPEG's scans, after EOI. One cut short ends at the end of the file.
 */
function app11Beyond(b: Uint8Array, from: number): Part<number>[] {
  const found: Part<number>[] = [];
  for (let at = indexOfAscii(b, 'JP', from); at >= 0; at = indexOfAscii(b, 'JP', at + 1)) {
    const len = u16be(b, at - 2);
    if (at - 4 < from || b[at - 4] !== 0xff || b[at - 3] !== 0xeb || len < 2 + 16) continue;
    found.push({ type: 0xeb, offset: at - 4, start: at, end: Math.min(b.length, at - 2 + len) });
  }
  return found;
}

/** An APP11 segment's share of the JUMBF: past CI/En/Z, and past the LBox/TBox (+XLBox) a continuation repeats. */
function app11Payload(b: Uint8Array, s: Part<number>): Uint8Array {
  if (u32be(b, s.start + 4) === 1) return b.subarray(s.start + 8, s.end);
  return b.subarray(s.start + 8 + (u32be(b, s.start + 8) === 1 ? 16 : 8), s.end);
}

/**
 * The store's JUMBF bytes from JPEG XT APP11 segments (ISO/IEC 18477-3 §B; C2PA 2.1 §A.3.1).
 * Decision (DESIGN.md §2 rules 3 and 5): segments past the walk (between scans, after EOI) are
 * read too; found only by the byte search, a store there whose labels were split across segments
 * named no training-mining assertion and was read as provenance only, its notAllowed lost. A
 * store that cannot be put together keeps its payloads, joined without their headers, for the
 * label search.
 */
function fromJpeg(b: Uint8Array): Located {
  const walk = jpegSegments(b);
  const segments = [...walk.parts, ...app11Beyond(b, walk.parts[walk.parts.length - 1]?.end ?? 2)];
  const app11 = segments.filter((s) => s.type === 0xeb && s.end - s.start >= 16 && bytesEqual(b, s.start, 'JP') && fourCC(b, s.start + 12) === 'jumb');
  // The first segment of a C2PA store: Z = 1 and a jumd whose UUID starts with "c2pa".
  const starts = app11.filter((s) => u32be(b, s.start + 4) === 1 && fourCC(b, s.start + 20) === 'jumd' && fourCC(b, s.start + 24) === 'c2pa');
  const head = starts[0];
  if (!head) return { found: false };
  if (starts.length > 1) return { found: true, jumbf: null, problem: 'more than one manifest store', raw: joinBytes(app11.map((s) => app11Payload(b, s))) };
  const en = u16be(b, head.start + 2);
  const lbox = u32be(b, head.start + 8);
  const skip = lbox === 1 ? 16 : 8; // continuation segments repeat LBox+TBox (+XLBox)
  const pieces: Uint8Array[] = [b.subarray(head.start + 8, head.end)];
  let problem: string | null = null;
  let z = 1;
  for (const s of app11) {
    if (s === head || u16be(b, s.start + 2) !== en) continue;
    if (u32be(b, s.start + 4) !== ++z) problem ??= 'APP11 segments out of sequence';
    pieces.push(b.subarray(s.start + 8 + skip, s.end));
  }
  // Payloads joined in file order, headers stripped, so a label split across segments is found.
  const jumbf = joinBytes(pieces);
  const declared = lbox === 1 ? u32be(b, head.start + 16) * 0x100000000 + u32be(b, head.start + 20) : lbox;
  if (!problem && jumbf.length !== declared) problem = `JUMBF length ${jumbf.length} ≠ declared ${declared}`;
  // Broken: every APP11 box's payload is searched, not only this store's En (a continuation
  // written under another En is cut off the store, and the label it holds was not searched).
  return problem ? { found: true, jumbf: null, problem, raw: joinBytes(app11.map((s) => app11Payload(b, s))) } : { found: true, jumbf };
}

/**
 * Chunks of `type` past where the walk stopped (after PNG IEND, past the size a RIFF header
 * declares, or after a chunk cut short), framed whole by their length (`size` reads it at the
 * chunk type's offset; `header`: how far before its type a chunk starts). Decision (DESIGN.md §2 rules 3 and 5): writers append chunks there and
 * browsers still show the image; found only by the byte search, a store there whose manifest is
 * Brotli-compressed named no training-mining label and read as provenance only.
 */
function chunksBeyond(b: Uint8Array, walk: { parts: Part[] }, first: number, type: string, size: (at: number) => number, header: number): Part[] {
  const last = walk.parts[walk.parts.length - 1];
  const from = last ? last.end : first;
  const found: Part[] = [];
  for (let at = indexOfAscii(b, type, from); at >= 0; at = indexOfAscii(b, type, at + 1)) {
    const len = size(at);
    const offset = at - header;
    if (offset < from || len < 0 || offset + 8 + len > b.length) continue;
    found.push({ type, offset, start: offset + 8, end: offset + 8 + len });
  }
  return found;
}

function pngParts(b: Uint8Array): Part[] {
  const walk = pngChunks(b);
  // PNG: length (4, big-endian) before the type; the payload after it.
  return [...walk.parts, ...chunksBeyond(b, walk, 8, 'caBX', (at) => u32be(b, at - 4), 4)];
}

function riffParts(b: Uint8Array): Part[] {
  const walk = riffChunks(b);
  // RIFF: the type, then the size (4, little-endian), then the payload.
  return [...walk.parts, ...chunksBeyond(b, walk, 12, 'C2PA', (at) => u32le(b, at + 4), 0)];
}

function fromParts(b: Uint8Array, parts: Part[], type: string): Located {
  const hits = parts.filter((p) => p.type === type);
  const only = hits[0];
  if (!only) return { found: false };
  if (hits.length > 1) return { found: true, jumbf: null, problem: 'more than one manifest store' };
  return { found: true, jumbf: b.subarray(only.start, only.end) };
}

function fromBmff(b: Uint8Array): Located {
  // After the UUID: version+flags (4), purpose (NUL-terminated), then for "manifest" a 64-bit
  // merkle offset and the store; "merkle" boxes (fragmented media) carry no store.
  const boxes = readBoxes(b).parts.filter(
    (p) => p.type === 'uuid' && BMFF_C2PA_UUID.every((v, i) => b[p.start + i] === v) && bytesEqual(b, p.start + 20, 'manifest\0'),
  );
  const box = boxes[0];
  if (!box) return { found: false };
  if (boxes.length > 1) return { found: true, jumbf: null, problem: 'more than one manifest store' };
  return { found: true, jumbf: b.subarray(box.start + 20 + 9 + 8, box.end) };
}

/** GIF (C2PA 2.1 §A.3): application extension `C2PA_GIF` + auth code, the store in data sub-blocks. */
function fromGif(b: Uint8Array): Located {
  const heads: number[] = [];
  for (let at = indexOfAscii(b, 'C2PA_GIF'); at >= 0; at = indexOfAscii(b, 'C2PA_GIF', at + 1)) {
    if (b[at - 3] === 0x21 && b[at - 2] === 0xff && b[at - 1] === 0x0b) heads.push(at);
  }
  const head = heads[0];
  if (head === undefined) return { found: false };
  if (heads.length > 1) return { found: true, jumbf: null, problem: 'more than one manifest store' };
  const pieces: Uint8Array[] = [];
  for (let at = head + 11; ; ) {
    const len = b[at];
    if (len === undefined || at + 1 + len > b.length) {
      return { found: true, jumbf: null, problem: 'C2PA_GIF extension cut short', raw: joinBytes([...pieces, b.subarray(at + 1)]) };
    }
    if (len === 0) break;
    pieces.push(b.subarray(at + 1, at + 1 + len));
    at += 1 + len;
  }
  // Sub-block length bytes stripped, so a label split across sub-blocks is found too.
  return { found: true, jumbf: joinBytes(pieces) };
}

const TIFF_C2PA_TAG = 0xcd41; // 52545, C2PA 2.1 §A.3 (TIFF/DNG)
const MAX_IFD_ENTRIES = 4096;

/** TIFF: the store is the value of tag 52545 in IFD0 (type UNDEFINED or BYTE). */
function fromTiff(b: Uint8Array): Located {
  const le = b[0] === 0x49;
  const u16 = (at: number) => (at + 2 <= b.length ? (le ? b[at]! | (b[at + 1]! << 8) : u16be(b, at)) : -1);
  const u32 = (at: number) => (at + 4 <= b.length ? (le ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000 : u32be(b, at)) : -1);
  const ifd = u32(4);
  const n = ifd >= 8 ? u16(ifd) : -1;
  if (n < 0 || n > MAX_IFD_ENTRIES) return { found: false };
  const hits: number[] = [];
  for (let i = 0; i < n; i++) if (u16(ifd + 2 + 12 * i) === TIFF_C2PA_TAG) hits.push(ifd + 2 + 12 * i);
  const entry = hits[0];
  if (entry === undefined) return { found: false };
  if (hits.length > 1) return { found: true, jumbf: null, problem: 'more than one manifest store' };
  const count = u32(entry + 4);
  const start = count <= 4 ? entry + 8 : u32(entry + 8);
  if (count < 0 || start < 0 || start + count > b.length) return { found: true, jumbf: null, problem: 'TIFF C2PA tag points outside the file' };
  return { found: true, jumbf: b.subarray(start, start + count) };
}

/** Base64 with whitespace (and a CDATA wrapper) removed: the bytes, or null when it is not base64. */
function base64Bytes(text: string, lenient: boolean): Uint8Array | null {
  let t = text.replace(/<!\[CDATA\[|\]\]>/g, '').replace(/\s+/g, '');
  if (lenient) {
    t = t.replace(/[^A-Za-z0-9+/]/g, '');
    t = t.slice(0, t.length - (t.length % 4));
  }
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t)) return null;
  try {
    return Uint8Array.from(atob(t), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** SVG (C2PA 2.1 §A.3): `<c2pa:manifest>` in `<metadata>`, the store in base64. */
function fromSvg(b: Uint8Array): Located {
  const text = new TextDecoder('latin1').decode(b);
  // `c2pa:manifest`, or a `manifest` element under another prefix when the file names C2PA.
  const c2paNamed = /c2pa/i.test(text);
  const opens = [...text.matchAll(/<(?:[A-Za-z_][\w.-]*:)?manifest(?:\s[^>]*)?>/gi)].filter((m) => c2paNamed || /^<c2pa:/i.test(m[0]));
  const open = opens[0];
  if (!open) return { found: false };
  if (opens.length > 1) return { found: true, jumbf: null, problem: 'more than one manifest store' };
  const from = open.index + open[0].length;
  const close = text.slice(from).search(/<\/(?:[A-Za-z_][\w.-]*:)?manifest\s*>/i);
  const body = close >= 0 ? text.slice(from, from + close) : text.slice(from);
  const jumbf = close >= 0 ? base64Bytes(body, false) : null;
  if (jumbf) return { found: true, jumbf };
  // Decoded as far as it goes, so the labels can still be searched for (fail closed).
  return { found: true, jumbf: null, problem: close >= 0 ? 'manifest is not valid base64' : 'manifest element not closed', raw: base64Bytes(body, true) ?? b };
}

const MAX_ICO_PNGS = 64;

/**
 * ICO: no C2PA embedding is defined, but each PNG image may carry its own `caBX` chunk; the icon
 * is its images (as embedded-xmp.ts reads their XMP), so that store is the icon's. Stores in two
 * images are read as more than one store (unread).
 */
function fromIco(b: Uint8Array): Located {
  // Each distinct image once (entries may share one), and no more than embedded-xmp.ts reads.
  const images = [...new Map(icoImages(b).parts.filter((p) => p.type === 'png').map((p) => [`${p.start}:${p.end}`, p])).values()];
  if (images.length > MAX_ICO_PNGS) return { found: true, jumbf: null, problem: `more than ${MAX_ICO_PNGS} PNG images` };
  const found = images.map((p) => fromParts(b.subarray(p.start, p.end), pngParts(b.subarray(p.start, p.end)), 'caBX')).filter((l) => l.found);
  const only = found[0];
  if (!only) return { found: false };
  return found.length > 1 ? { found: true, jumbf: null, problem: 'more than one manifest store' } : only;
}

/**
 * A store no locator found, in any format: the JUMBF description of a C2PA store (`jumd` and
 * a UUID starting "c2pa") or a GIF/SVG C2PA marker still in the bytes. Decision (DESIGN.md §2
 * rule 5, fail closed): such a store is present but unread, and its bytes are searched for the
 * training-mining labels, so an opt-out in a container Heed cannot walk is never read as none.
 */
function unlocated(b: Uint8Array): Located {
  const marked = indexOfAscii(b, 'jumdc2pa') >= 0 || indexOfAscii(b, 'C2PA_GIF') >= 0 || indexOfAscii(b, 'c2pa:manifest') >= 0;
  return marked ? { found: true, jumbf: null, problem: 'C2PA store in the bytes but not located in the container' } : { found: false };
}

function located(b: Uint8Array): Located {
  switch (sniffImageType(b)) {
    case 'image/jpeg': return fromJpeg(b);
    case 'image/png': return fromParts(b, pngParts(b), 'caBX');
    case 'image/webp': return fromParts(b, riffParts(b), 'C2PA');
    case 'image/avif': case 'image/heic': case 'image/heif': return fromBmff(b);
    case 'image/gif': return fromGif(b);
    case 'image/tiff': return fromTiff(b);
    case 'image/svg+xml': return fromSvg(b);
    case 'image/x-icon': return fromIco(b);
    default: return { found: false };
  }
}

function locate(b: Uint8Array): Located {
  const found = located(b);
  return found.found ? found : unlocated(b);
}

interface Superbox {
  label: string | null;
  uuid4: string;
  /** Boxes after the description box. */
  children: Part[];
}

/** A `jumb` superbox: its `jumd` description (UUID, toggles, label; ISO/IEC 19566-5 §A.3) and children. */
function superbox(b: Uint8Array, box: Part): Superbox | null {
  if (box.type !== 'jumb') return null;
  const walk = readBoxes(b, box.start, box.end);
  const [jumd, ...children] = walk.parts;
  if (!walk.complete || !jumd || jumd.type !== 'jumd' || jumd.end - jumd.start < 17) return null;
  const toggles = b[jumd.start + 16]!;
  let label: string | null = null;
  if (toggles & 0x02) {
    const from = jumd.start + 17;
    const nul = b.subarray(from, Math.min(jumd.end, from + MAX_LABEL)).indexOf(0);
    if (nul < 0) return null;
    label = new TextDecoder().decode(b.subarray(from, from + nul));
  }
  return { label, uuid4: fourCC(b, jumd.start), children };
}

/** An assertion Heed declines to read, with why (kept in the evidence). */
class UnreadAssertion extends Error {}

const asText = (v: unknown) => (typeof v === 'string' ? v : null);

/** A CBOR map (decoded with `preferMap`) or a JSON object; not a list, bytes or a tag. */
const isMap = (v: unknown): boolean =>
  v instanceof Map || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype);

/** Entries from an assertion's content: `{entries: {...}}`, or the entries at top level (early drafts). */
function toAssertion(label: string, content: unknown, active: boolean): TrainingMiningAssertion | null {
  // A CBOR map key that is not text (an integer, a byte string) is a key Heed cannot read: the
  // entry, `use` or `entries` field it holds may be the refusal, and skipping it read the rest as
  // all there is. Decision (DESIGN.md §2 rule 5, fail closed): the assertion is unreadable (the
  // caller's catch), as past the entry cap. Only the maps read here are checked (the content, its
  // entries and each entry), so a `metadata` field's own keys do not matter.
  const keys = (m: unknown): string[] => {
    if (m instanceof Map) {
      const all: unknown[] = [...m.keys()];
      if (!all.every((k) => typeof k === 'string')) throw new UnreadAssertion('a map key that is not text');
      return all as string[];
    }
    return m && typeof m === 'object' ? Object.keys(m) : [];
  };
  // Field names are read case-insensitively (`Use`, `Entries`): a refusal spelt so still refuses.
  // A field written twice so (`use` and `Use`) says two things: which is meant cannot be known,
  // so the assertion is unreadable (the caller's catch; DESIGN.md §2 rule 5), as for a repeated key.
  const get = (m: unknown, k: string): unknown => {
    const matching = keys(m).filter((key) => key.trim().toLowerCase() === k.trim().toLowerCase());
    if (matching.length > 1) throw new Error(`field ${k} is given twice`);
    const found = matching[0];
    return found === undefined ? undefined : m instanceof Map ? m.get(found) : (m as Record<string, unknown>)[found];
  };
  if (!isMap(content)) return null;
  // `entries` that is not a map (text, a number, a list) names no use Heed can read: unreadable.
  const listed = get(content, 'entries');
  if (listed !== undefined && !isMap(listed)) throw new UnreadAssertion('`entries` is not a map');
  const source = listed ?? content;
  const entries = new Map<string, TrainingMiningEntry>();
  // Decision (DESIGN.md §2 rule 3, the reading that cannot keep a refusal): beside `entries`, a
  // top-level field shaped as an entry (a map with a `use`, as early drafts wrote every entry)
  // is an entry too — read from `entries` only, its notAllowed went unread beside an allowed.
  // Other top-level fields (a version, a date) are not entries.
  const entryShaped = (key: string) => {
    const v = get(content, key);
    return isMap(v) && get(v, 'use') !== undefined;
  };
  const beside = listed === undefined ? [] : keys(content).filter((key) => !['entries', 'metadata'].includes(key.trim().toLowerCase()) && entryShaped(key));
  // Past the cap an entry would go unread, and it may be the one that refuses: the whole
  // assertion is unreadable instead (the caller's catch; DESIGN.md §2 rule 5, fail closed).
  const entryKeys = keys(source).filter((key) => key.trim().toLowerCase() !== 'metadata');
  if (entryKeys.length + beside.length > MAX_ENTRIES) throw new UnreadAssertion(`more than ${MAX_ENTRIES} entries`);
  for (const [from, key] of [...entryKeys.map((k) => [source, k] as const), ...beside.map((k) => [content, k] as const)]) {
    const entry = get(from, key);
    // A bare word stands for its `use`; a `use` that is missing or not text is kept as written,
    // which no reading accepts, so it fails closed (DESIGN.md §2 rule 5) instead of vanishing.
    const raw = typeof entry === 'string' ? entry : get(entry, 'use');
    const use = asText(raw) ?? (raw === undefined ? '(no use given)' : `(not text: ${typeof raw})`);
    // The same entry in `entries` and beside it says two things: unreadable, never the last word.
    if (entries.has(key)) throw new UnreadAssertion(`entry ${key} is given twice`);
    // CAWG spells it `constraints_info`; C2PA 1.x `constraint_info`.
    entries.set(key, { use, constraintInfo: asText(get(entry, 'constraints_info')) ?? asText(get(entry, 'constraint_info')) });
  }
  return { label, active, entries };
}

/**
 * A training-mining assertion's content. A map that gives one key twice (an entry, or `use` in
 * one) is refused, not read as its last word (`notAllowed` then `allowed` would read as allowed):
 * which the writer meant cannot be known, so the assertion is unreadable (DESIGN.md §2 rule 5).
 */
function decodeContent(b: Uint8Array, box: Part): unknown {
  const bytes = b.subarray(box.start, box.end);
  if (box.type === 'cbor') return decode(bytes, { preferMap: true, maxDepth: 32, rejectDuplicateKeys: true });
  if (box.type === 'json') {
    const text = new TextDecoder().decode(bytes);
    const parsed = JSON.parse(text) as unknown;
    if (duplicateJsonKey(text) !== null) throw new Error('a key is given twice');
    return parsed;
  }
  throw new Error(`unsupported content box ${box.type}`);
}

/**
 * Whether the bytes hold a `brob` box (C2PA 2.x Brotli-compressed JUMBF: LBox, `brob`, the
 * original box type, the compressed bytes) that fits in them. Decision (DESIGN.md §2 rule 5):
 * compressed, a manifest's or assertion's labels are not in the bytes, so no byte search can
 * clear it; a store Heed cannot walk (found by no locator: a `uuid` box inside `meta`) that holds
 * one read as provenance only, its notAllowed hidden. Such a store fails closed.
 */
function brotliBox(b: Uint8Array): boolean {
  for (let at = indexOfAscii(b, 'brob'); at >= 0; at = indexOfAscii(b, 'brob', at + 1)) {
    const size = u32be(b, at - 4);
    if (size >= 12 && at - 4 + size <= b.length) return true;
  }
  return false;
}

/**
 * Labels are plain UTF-8 in `jumd` boxes, so a byte search finds them even in a broken store;
 * so is a metadata assertion's `DataMining` key (CBOR and JSON keep map keys as text). `store`
 * false: `b` is the whole file, not the store, and a `DataMining` there may be the image's own
 * XMP (xmp.ts reads it), so only the training-mining labels count.
 */
function labelsInBytes(b: Uint8Array, store = true): boolean {
  if (TRAINING_MINING_LABELS.some((l) => indexOfAscii(b, l) >= 0)) return true;
  if (brotliBox(b)) return true;
  // The label in another case or with another separator (trainingMiningLabel): one folded copy,
  // one search per spelling — linear in the bytes.
  const folded = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    folded[i] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  return FOLDED_LABEL_SPELLINGS.some((l) => (store || l !== 'datamining') && indexOfAscii(folded, l) >= 0);
}
// `datamining`: a metadata assertion's plus:DataMining (metadataLabel), which may be the opt-out too.
const FOLDED_LABEL_SPELLINGS = ['training-mining', 'training_mining', 'training.mining', 'trainingmining', 'training mining', 'datamining'];

/**
 * Unambiguous spellings of the rights fields a metadata assertion may state (metadataRights),
 * folded: what a byte search of a store, a manifest or an assertion Heed cannot walk looks for,
 * beside the training-mining labels. Decision (DESIGN.md §2 rules 4 and 5, fail closed): such a
 * store may hold the image's own licence statement or a rights expression that refuses, which
 * the XMP would have stated; before, it was provenance only and the page's CC BY applied. Only
 * the forms no signature or certificate writes (not a bare `license` or `provenance`), so an
 * ordinary camera store Heed cannot walk stays info.
 */
const STATED_RIGHTS_SPELLINGS = ['webstatement', 'rightsexpr', 'licensorurl', 'acquirelicensepage', 'modelreleasestatus', 'tdm:reservation', 'cc:license', 'creativecommons.org/ns#license'];

function mayHoldRefusal(b: Uint8Array): boolean {
  if (labelsInBytes(b)) return true;
  const folded = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    folded[i] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  return STATED_RIGHTS_SPELLINGS.some((l) => indexOfAscii(folded, l) >= 0);
}

/**
 * Readings by the bytes they were read from: each image is read for its embedded rights (xmp.ts,
 * its metadata assertions) and for its C2PA evidence (c2pa.ts), from the same bytes (issue 17:
 * read once). Weak: a reading lives only as long as its bytes.
 */
const readings = new WeakMap<Uint8Array, C2paReading>();

/** Find the image's C2PA store and read every manifest's training-mining assertions (the last manifest is the active one); never throws. */
export function readC2pa(bytes: Uint8Array): C2paReading {
  let reading = readings.get(bytes);
  if (reading === undefined) {
    try {
      reading = read(bytes);
    } catch (e) {
      // A bug, not bad input (every step is bounded and checked): report the store as unread.
      reading = { present: true, readable: false, problem: e instanceof Error ? e.message : String(e), mentionsTrainingMining: labelsInBytes(bytes, false) };
    }
    readings.set(bytes, reading);
  }
  return reading;
}

/** The training-mining assertions of one manifest's assertion store. */
function readAssertions(j: Uint8Array, assertionStore: Superbox, active: boolean, assertions: TrainingMiningAssertion[], unreadable: string[], dataMining: MetadataDataMining[], rightsTexts: MetadataDataMining[], rights: MetadataRights[]): void {
  const where = active ? '' : ' (ingredient manifest)';
  for (const part of assertionStore.children) {
    const a = superbox(j, part);
    const written = a?.label?.replace(/__\d+$/, '') ?? null;
    if (!a || written === null) {
      if (part.type === 'jumb' && mayHoldRefusal(j.subarray(part.offset, part.end))) unreadable.push(`training-mining${where}`);
      continue;
    }
    const metadata = metadataLabel(written);
    if (metadata !== null) {
      readMetadata(j, part, a, metadata, active, unreadable, dataMining, rightsTexts, rights);
      continue;
    }
    const label = trainingMiningLabel(written);
    if (label === null) continue;
    const content = a.children[0];
    if (content?.type === 'brob') {
      unreadable.push(`${label}${where}: Brotli-compressed (brob; Heed has no Brotli decoder)`);
      continue;
    }
    try {
      const parsed = content ? toAssertion(label, decodeContent(j, content), active) : null;
      if (parsed) assertions.push(parsed);
      else unreadable.push(`${label}${where}`);
    } catch (e) {
      unreadable.push(e instanceof UnreadAssertion ? `${label}${where}: ${e.message}` : `${label}${where}`);
    }
  }
}

/**
 * A CBOR-tagged value as what it tags: a tag 32 URI (which cbor2 decodes to a URL) as its text,
 * another tag (a Tag) as its contents, a tag 0/1 date as its ISO text. Decision (DESIGN.md §2
 * rules 3–5): a WebStatement written as a tag 32 URI is the same licence statement as its text;
 * skipped as no text, a CC BY-NC so written was lost (and a tagged DataMining read as unreadable).
 */
function untagged(v: unknown): unknown {
  for (let i = 0; i < 32 && v instanceof Tag; i++) v = v.contents; // a tag inside a tag
  if (v instanceof URL) return v.href;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  return v;
}

/** More strings under DataMining keys, or more nodes, than any metadata assertion holds. */
const MAX_METADATA_NODES = 20_000;

/**
 * Every string under a `DataMining` key of a decoded metadata assertion, at any depth: the key
 * as JSON-LD writes it (`plus:DataMining`, the full PLUS IRI, any prefix — the `@context` is not
 * resolved; a key spelt so can only refuse, as xmp.ts reads a DataMining under an undeclared
 * prefix), its value a string, a list, or an `@id`/`@value` node. Bounded: past the node cap or
 * 32 levels the assertion is unreadable (UnreadAssertion).
 */
function dataMiningStrings(content: unknown): string[] {
  return stringsUnder(content, /(?:^|[:#/])datamining$/i);
}

/**
 * Every string under a free-text rights key (IPTC's Rights Usage Terms, Copyright Notice,
 * Instructions, Other Constraints: `xmpRights:UsageTerms`, `dc:rights`, `photoshop:Instructions`,
 * `plus:OtherConstraints`, any prefix or full IRI), as dataMiningStrings reads DataMining. Also
 * `copyrightNotice` — schema.org's (a `stds.schema-org.CreativeWork` assertion) and IPTC's JSON
 * name for the notice XMP writes as dc:rights — and `Copyright` (a `stds.exif` assertion's
 * tiff:/exif:Copyright, which xmp.ts reads in the EXIF as a rights text too). Decision (DESIGN.md §2 rule 3): "No AI training"
 * written there is the owner's refusal as in dc:rights; before, it went unread and was kept.
 */
function rightsTextStrings(content: unknown): string[] {
  return stringsUnder(content, /(?:^|[:#/])(?:usageterms|rights|instructions|otherconstraints|copyrightnotice|copyright)$/i);
}

/** Whether a key names a field (`prefix:Name`, a full IRI, `Name`), without case. */
const keyNamed = (name: string) => new RegExp(`(?:^|[:#/])${name}$`, 'i');
/** `tdm:policy`, or the policy property under TDMRep's namespace IRI (`…/ns/tdmrep/policy`, `#policy`). */
const TDM_POLICY_KEY = /^(?:tdm:|https?:\/\/www\.w3\.org\/ns\/tdmrep[/#])policy$/i;

/** A map's entries (a CBOR map, a JSON object), else none. */
const mapEntries = (v: unknown): [unknown, unknown][] => (v instanceof Map ? [...v.entries()] : isMap(v) ? Object.entries(v as object) : []);
/** A decoded value's children for the bounded walks below: a map's entries, a list's items (keyed null), nothing for a scalar. */
const childEntries = (v: unknown): [unknown, unknown][] => (Array.isArray(v) ? v.map((x) => [null, x]) : mapEntries(v));

/**
 * The values under the top-level keys of a decoded metadata assertion that `named` matches. Its
 * top level is the content map, and each node JSON-LD puts there: a list of nodes (expanded form)
 * or the nodes of an `@graph`. Decision (DESIGN.md §2 rule 4, the reading that cannot keep what
 * the owner refused): those are the same image described, only written in another JSON-LD form;
 * read as the map alone, a CC BY-NC WebStatement in expanded form was lost and the page's CC BY
 * licensed the image.
 */
function topLevel(content: unknown, named: RegExp): unknown[] {
  const graph = mapEntries(content).filter(([k]) => typeof k === 'string' && k.trim() === '@graph').flatMap(([, v]) => (Array.isArray(v) ? v : [v]));
  const nodes = Array.isArray(content) ? content : [content, ...graph];
  return nodes.map(untagged).flatMap(mapEntries).filter(([k]) => typeof k === 'string' && named.test(k.trim())).map(([, v]) => v);
}

/** JSON-LD keywords that say what a value is, not what it states (a licence node's `@type` CreativeWork, a text's `@language`). */
const DESCRIBING_KEYWORDS = ['@type', '@language', '@direction', '@context', '@index'];

/**
 * Every value under a key `named` matches, at any depth (a match inside another is one too);
 * bounded as stringsUnder is.
 */
function subtreesUnder(content: unknown, named: RegExp): unknown[] {
  const out: unknown[] = [];
  const stack: [unknown, number][] = [[content, 0]];
  for (let steps = 0; stack.length > 0; steps++) {
    if (steps > MAX_METADATA_NODES) throw new UnreadAssertion(`more than ${MAX_METADATA_NODES} nodes`);
    const [tagged, depth] = stack.pop()!;
    const v = untagged(tagged);
    if (depth > 32) throw new UnreadAssertion('nested deeper than 32 levels');
    const entries = childEntries(v);
    for (const [k, x] of entries) {
      // A JSON-LD `@context` defines terms (`provenance: dcterms:provenance`): it states no value,
      // and read as one its IRIs were a remote manifest or a rights expression (a false refusal).
      if (typeof k === 'string' && k.trim() === '@context') continue;
      if (typeof k === 'string' && named.test(k.trim())) out.push(x);
      stack.push([x, depth + 1]);
    }
  }
  return out;
}

/** The scalars a value holds (text, and numbers and Booleans as text), with its keys too when `withKeys`; bounded. */
function scalarsOf(value: unknown, withKeys = false): string[] {
  const out: string[] = [];
  const stack: [unknown, number][] = [[value, 0]];
  for (let steps = 0; stack.length > 0; steps++) {
    if (steps > MAX_METADATA_NODES) throw new UnreadAssertion(`more than ${MAX_METADATA_NODES} nodes`);
    const [tagged, depth] = stack.pop()!;
    const v = untagged(tagged);
    if (depth > 32) throw new UnreadAssertion('nested deeper than 32 levels');
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out.push(String(v));
    const entries = childEntries(v);
    for (const [k, x] of entries.reverse()) {
      // Without keys (a licence URL, Marked, a release): a `@type` or `@language` is no value of the
      // field — read as one, a licence node `{@type: CreativeWork, url}` was a second licence.
      if (!withKeys && typeof k === 'string' && DESCRIBING_KEYWORDS.includes(k.trim())) continue;
      if (withKeys && typeof k === 'string') out.push(k);
      stack.push([x, depth + 1]);
    }
  }
  return out;
}

/**
 * The rights fields xmp.ts reads, from a decoded metadata assertion (MetadataRights), or null when
 * it states none. Licence statements, Marked and the model release are read at the top level only
 * (as xmp.ts reads them from top-level properties: one nested is another work's, and a licence read
 * so could grant); the fields that can only refuse are read at any depth, as xmp.ts reads them
 * wherever the packet holds them.
 */
function metadataRights(content: unknown, label: string, active: boolean): MetadataRights | null {
  const top = (name: string) => topLevel(content, keyNamed(name)).flatMap((v) => scalarsOf(v));
  const deep = (name: string) => subtreesUnder(content, keyNamed(name)).flatMap((v) => scalarsOf(v));
  const linked = deep('linkedrightsexpr');
  const found: MetadataRights = {
    label, active,
    webStatements: top('webstatement'),
    licences: [...top('license'), ...top('licence')],
    marked: top('marked'),
    modelReleases: top('modelreleasestatus'),
    // schema.org's acquireLicensePage (a CreativeWork assertion) names where the licence is
    // obtained, as plus:LicensorURL does (xmp.ts reads it so, as html-licence reads it on a page).
    licensorUrls: [...deep('licensorurl'), ...top('acquirelicensepage')],
    tdmReservations: deep('reservation'),
    // Decision (DESIGN.md §2 rule 3, as xmp.ts reads the XMP's): a TDMRep policy stated with no
    // reservation beside it fails closed there; the C2PA copy's went unread, so it permitted.
    tdmPolicies: subtreesUnder(content, TDM_POLICY_KEY).flatMap((v) => scalarsOf(v)).filter((v) => v.trim() !== ''),
    embeddedRightsExprs: subtreesUnder(content, keyNamed('embdencrightsexpr')).map((v) => scalarsOf(v, true).join(' ')).filter((t) => t.trim() !== ''),
    linkedRightsExprs: linked.length > 0 ? linked : deep('linkedencrightsexpr'),
    provenance: deep('provenance'),
  };
  return Object.values(found).some((v) => Array.isArray(v) && v.length > 0) ? found : null;
}

/**
 * Folded (lower-case) key names of the rights fields metadataRights reads: a metadata assertion
 * that cannot be decoded and whose bytes name one may hold the image's own licence statement or a
 * rights expression that refuses (readMetadata).
 */
const RIGHTS_KEY_SPELLINGS = ['webstatement', 'license', 'licence', 'marked', 'licensor', 'reservation', 'tdm:policy', 'tdmrep/policy', 'rightsexpr', 'provenance', 'modelrelease'];

function namesRightsFields(b: Uint8Array): boolean {
  const folded = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    folded[i] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  return RIGHTS_KEY_SPELLINGS.some((l) => indexOfAscii(folded, l) >= 0);
}

/** Every string under a key `named` matches, at any depth (see dataMiningStrings; bounded likewise). */
function stringsUnder(content: unknown, named: RegExp): string[] {
  const out: string[] = [];
  const stack: [unknown, number, boolean][] = [[content, 0, false]];
  for (let steps = 0; stack.length > 0; steps++) {
    if (steps > MAX_METADATA_NODES) throw new UnreadAssertion(`more than ${MAX_METADATA_NODES} nodes`);
    const [tagged, depth, under] = stack.pop()!;
    const v = untagged(tagged);
    if (depth > 32) throw new UnreadAssertion('nested deeper than 32 levels');
    if (typeof v === 'string') {
      if (under) out.push(v);
      continue;
    }
    const entries = childEntries(v);
    for (const [k, x] of entries) {
      stack.push([x, depth + 1, under || (typeof k === 'string' && named.test(k.trim()))]);
    }
  }
  return out;
}

/**
 * A metadata assertion's plus:DataMining. Decision (DESIGN.md §2 rules 3 and 5, fail closed):
 * C2PA carries the image's IPTC metadata here too, and a DMI-PROHIBITED in it is the owner's
 * refusal as in the XMP (read as xmp.ts reads it, c2pa.ts); one that cannot be decoded
 * (Brotli-compressed, broken CBOR/JSON, past the caps) is unreadable when its bytes name
 * DataMining, or when compressed (no byte search can clear it).
 */
function readMetadata(j: Uint8Array, part: Part, a: Superbox, label: string, active: boolean, unreadable: string[], dataMining: MetadataDataMining[], rightsTexts: MetadataDataMining[], rights: MetadataRights[]): void {
  const where = active ? '' : ' (ingredient manifest)';
  const content = a.children[0];
  if (!content) return;
  if (content.type === 'brob') {
    unreadable.push(`${label}${where}: Brotli-compressed (brob; Heed has no Brotli decoder)`);
    return;
  }
  const namesDataMining = labelsInBytes(j.subarray(part.offset, part.end));
  try {
    const decoded = decodeContent(j, content);
    // Its free-text rights fields (c2pa.ts reads a plain-language refusal there, as xmp.ts does).
    const texts = rightsTextStrings(decoded);
    if (texts.length > 0) rightsTexts.push({ label, active, values: texts });
    // Its other rights fields, which xmp.ts reads from the XMP (withC2paMetadata merges them).
    const stated = metadataRights(decoded, label, active);
    if (stated !== null) rights.push(stated);
    if (!namesDataMining) return; // names no DataMining: nothing more to read
    const values = dataMiningStrings(decoded);
    if (values.length > 0) dataMining.push({ label, active, values });
    else unreadable.push(`${label}${where}: DataMining named but no value read`);
  } catch (e) {
    // Undecodable: unreadable when its bytes name DataMining (as before), or a rights field
    // metadataRights reads. Decision (DESIGN.md §2 rules 4 and 5, fail closed): such an assertion
    // may hold the image's own licence statement (a CC BY-NC that the page's CC BY must not
    // override) or a rights expression that refuses; before, it was skipped and the page licence
    // applied. One whose bytes name neither holds nothing Heed reads: provenance only, as before.
    if (namesDataMining || namesRightsFields(j.subarray(part.offset, part.end))) unreadable.push(e instanceof UnreadAssertion ? `${label}${where}: ${e.message}` : `${label}${where}`);
  }
}

function read(bytes: Uint8Array): C2paReading {
  const located = locate(bytes);
  if (!located.found) return { present: false };
  const unread = (problem: string): C2paReading => ({
    // A store's bytes (not the whole file, whose XMP xmp.ts reads) are searched for rights fields too.
    present: true, readable: false, problem, mentionsTrainingMining: (located.jumbf ?? located.raw) !== undefined ? mayHoldRefusal((located.jumbf ?? located.raw)!) : labelsInBytes(bytes, false),
  });
  if (!located.jumbf) return unread(located.problem ?? 'manifest store not extractable');
  const j = located.jumbf;
  const top = readBoxes(j);
  const store = top.parts[0] ? superbox(j, top.parts[0]) : null;
  if (!store || store.uuid4 !== 'c2pa') return unread('not a C2PA manifest store');
  // Every manifest is read (C2PA 2.1 §11.1: the store's manifests, the last one active; the
  // others are the ingredients' provenance chain). A `brob` child is a Brotli-compressed
  // manifest (C2PA 2.x): Heed has no Brotli decoder, so it fails closed (see below).
  const manifests = store.children.filter((p) => p.type === 'jumb' || p.type === 'brob');
  if (manifests.length === 0) return unread('no readable manifest');
  const assertions: TrainingMiningAssertion[] = [];
  const unreadableAssertions: string[] = [];
  const dataMining: MetadataDataMining[] = [];
  const rightsTexts: MetadataDataMining[] = [];
  const metadataRights: MetadataRights[] = [];
  for (let m = 0; m < manifests.length; m++) {
    const part = manifests[m]!;
    const active = m === manifests.length - 1;
    const whose = active ? 'active manifest' : 'ingredient manifest';
    if (part.type === 'brob') {
      // Its labels are compressed too, so no byte search can clear it (DESIGN.md §2 rule 5).
      unreadableAssertions.push(`Brotli-compressed ${whose} (brob; Heed has no Brotli decoder)`);
      continue;
    }
    const manifest = superbox(j, part);
    const assertionStore = manifest?.children.map((p) => superbox(j, p)).find((s) => s?.label === 'c2pa.assertions');
    if (!assertionStore) {
      if (active && !manifest) return unread('no readable manifest');
      if (active) return unread('no assertion store in the active manifest');
      if (mayHoldRefusal(j.subarray(part.offset, part.end))) unreadableAssertions.push(`training-mining in an unreadable ${whose}`);
      continue;
    }
    readAssertions(j, assertionStore, active, assertions, unreadableAssertions, dataMining, rightsTexts, metadataRights);
  }
  return { present: true, readable: true, assertions, unreadableAssertions, ...(dataMining.length > 0 ? { dataMining } : {}), ...(rightsTexts.length > 0 ? { rightsTexts } : {}), ...(metadataRights.length > 0 ? { metadataRights } : {}) };
}
