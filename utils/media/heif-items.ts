import { fourCC, joinBytes, readBoxes, u16be, u32be, type Part } from './image-containers';

/**
 * The items of an AVIF/HEIF file (ISO/IEC 23008-12 §6, §9) and which of them make the picture a
 * browser shows: the primary item (`pitm`), the items it derives from (`dimg`: grid tiles,
 * overlays; `tbas`: HEVC tiles) and their alpha planes (`auxl` with an alpha `auxC`, which is
 * transparency: media/transparency.ts). Bounded: every read is of headers inside the `meta` box.
 */
export interface HeifItems {
  primary: number;
  /** Each item's type (`av01`, `grid`, `Exif`…). */
  types: Map<number, string>;
  refs: { type: string; from: number; to: number[] }[];
  /** Each item's properties, in the order `ipma` associates them. */
  properties: Map<number, Part[]>;
  /** The items the shown picture is made of. */
  shown: Set<number>;
}

/** `auxC` types of an alpha plane (MIAF / AV1-ISOBMFF §4; HEVC auxid 1), handled as transparency. */
const ALPHA_AUX_TYPES = new Set(['urn:mpeg:mpegB:cicp:systems:auxiliary:alpha', 'urn:mpeg:hevc:2015:auxid:1']);

/** The children of box `part` after a FullBox header (version and flags), or null when cut. */
function fullBoxChildren(b: Uint8Array, part: Part, skip = 4): Part[] | null {
  const walk = readBoxes(b, part.start + skip, part.end);
  return walk.complete ? walk.parts : null;
}

/** The file's items, or null when its `meta` box cannot be read. Never throws. */
export function readHeifItems(b: Uint8Array): HeifItems | null {
  const meta = readBoxes(b).parts.find((p) => p.type === 'meta');
  const boxes = meta && fullBoxChildren(b, meta);
  if (!boxes) return null;
  const child = (type: string) => boxes.find((p) => p.type === type);
  const pitm = child('pitm');
  const iinf = child('iinf');
  if (!pitm || !iinf) return null;
  const id = (at: number, wide: boolean) => (wide ? u32be(b, at) : u16be(b, at));
  const primary = id(pitm.start + 4, b[pitm.start] !== 0);
  // iinf: entry count (16 or 32 bits), then `infe` boxes of version 2 or 3 (id, protection, type).
  const entries = fullBoxChildren(b, iinf, b[iinf.start] === 0 ? 6 : 8);
  if (!entries || entries.length === 0) return null;
  const types = new Map<number, string>();
  for (const infe of entries) {
    const version = b[infe.start];
    if (infe.type !== 'infe' || version === undefined || version < 2) return null;
    const at = infe.start + 4;
    types.set(id(at, version === 3), fourCC(b, at + (version === 3 ? 4 : 2) + 2));
  }
  if (!types.has(primary)) return null;
  // iref: typed boxes, each from one item to several (16- or 32-bit ids).
  const refs: HeifItems['refs'] = [];
  const iref = child('iref');
  if (iref) {
    const wide = b[iref.start] !== 0;
    const size = wide ? 4 : 2;
    const list = fullBoxChildren(b, iref);
    if (!list) return null;
    for (const r of list) {
      const count = u16be(b, r.start + size);
      if (r.start + size + 2 + count * size > r.end) return null;
      refs.push({ type: r.type, from: id(r.start, wide), to: Array.from({ length: count }, (_, i) => id(r.start + size + 2 + i * size, wide)) });
    }
  }
  const properties = itemProperties(b, child('iprp'));
  if (!properties) return null;
  const alphaItems = new Set([...properties].filter(([, props]) => props.some((p) => isAlphaAux(b, p))).map(([item]) => item));
  // What the browser's picture is made of: the primary, what it derives from, their alpha planes.
  const shown = new Set([primary]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of refs) {
      const parts = (r.type === 'dimg' || r.type === 'tbas') && shown.has(r.from) ? r.to : r.type === 'auxl' && alphaItems.has(r.from) && r.to.some((t) => shown.has(t)) ? [r.from] : [];
      for (const item of parts) if (!shown.has(item)) { shown.add(item); grew = true; }
    }
  }
  return { primary, types, refs, properties, shown };
}

/** Each item's properties (`ipco` boxes, by `ipma` association; §9.3), or null when cut. */
function itemProperties(b: Uint8Array, iprp: Part | undefined): Map<number, Part[]> | null {
  const items = new Map<number, Part[]>();
  if (!iprp) return items;
  const inside = readBoxes(b, iprp.start, iprp.end);
  const ipco = inside.parts.find((p) => p.type === 'ipco');
  if (!inside.complete || !ipco) return inside.complete ? items : null;
  const props = readBoxes(b, ipco.start, ipco.end);
  if (!props.complete) return null;
  for (const ipma of inside.parts.filter((p) => p.type === 'ipma')) {
    const version = b[ipma.start]!;
    const wideIndex = (b[ipma.start + 3]! & 1) === 1;
    const count = u32be(b, ipma.start + 4);
    let at = ipma.start + 8;
    for (let e = 0; e < count; e++) {
      if (at + (version < 1 ? 3 : 5) > ipma.end) return null;
      const item = version < 1 ? u16be(b, at) : u32be(b, at);
      at += version < 1 ? 2 : 4;
      const n = b[at]!;
      at += 1;
      for (let k = 0; k < n; k++) {
        if (at + (wideIndex ? 2 : 1) > ipma.end) return null;
        // 1-based; 0 means "no property".
        const index = wideIndex ? u16be(b, at) & 0x7fff : b[at]! & 0x7f;
        at += wideIndex ? 2 : 1;
        const prop = props.parts[index - 1];
        if (!prop) continue;
        const list = items.get(item);
        if (list) list.push(prop);
        else items.set(item, [prop]);
      }
    }
  }
  return items;
}

/** Whether `auxC` property `p` names an alpha plane. */
function isAlphaAux(b: Uint8Array, p: Part): boolean {
  if (p.type !== 'auxC') return false;
  const text = b.subarray(p.start + 4, p.end);
  const nul = text.indexOf(0);
  return ALPHA_AUX_TYPES.has(new TextDecoder('utf-8', { fatal: false }).decode(nul < 0 ? text : text.subarray(0, nul)));
}

/** A transformative property (§6.5.10 `irot`: a turn of `quarters` × 90° anticlockwise; §6.5.12 `imir`: a mirror about `axis`). */
export type HeifTransform = { kind: 'irot'; quarters: number } | { kind: 'imir'; axis: number };

/**
 * The transformative properties (`irot`, `imir`) of each item the shown picture is made of, each
 * in its `ipma` order: what a decoder applies to the stored picture to show it. An empty list for
 * a picture shown as stored; null when the file's items cannot be read. A property cut short
 * (no payload byte) is read as 0: its absence of a value is no turn Heed can know, and the
 * item's list still says a transform is there.
 */
export function heifTransforms(b: Uint8Array): HeifTransform[][] | null {
  const items = readHeifItems(b);
  if (!items) return null;
  const lists: HeifTransform[][] = [];
  for (const item of items.shown) {
    const list: HeifTransform[] = [];
    for (const p of items.properties.get(item) ?? []) {
      const value = p.start < p.end ? b[p.start]! : 0;
      if (p.type === 'irot') list.push({ kind: 'irot', quarters: value & 3 });
      else if (p.type === 'imir') list.push({ kind: 'imir', axis: value & 1 });
    }
    if (list.length > 0) lists.push(list);
  }
  return lists;
}

/** One item's bytes, put together from its `iloc` extents, or why they cannot be read. */
export type HeifItemData = { item: number; data: Uint8Array } | { item: number; lost: string; unlocated?: boolean };

/** An unsigned big-endian integer of 0, 4 or 8 bytes (iloc field sizes, ISO/IEC 14496-12 §8.11.3), or -1. */
function ilocUint(b: Uint8Array, at: number, size: number): number {
  if (size === 0) return 0;
  if (size === 4) return u32be(b, at);
  if (size !== 8) return -1;
  const hi = u32be(b, at);
  const lo = u32be(b, at + 4);
  return hi < 0 || lo < 0 || hi > 0x1fffff ? -1 : hi * 0x100000000 + lo;
}

/**
 * The bytes of the items `wanted` of one `meta` box, as its `iloc` locates them (ISO/IEC
 * 14496-12 §8.11.3): each extent in file order of the entry, in the file (construction_method 0)
 * or in the meta's `idat` (1), an extent_length of 0 meaning to the end of that resource. An item
 * whose entry is missing (`unlocated`: no iloc, or no entry in it), cut short, in another file (data_reference_index), located through
 * another item (construction_method 2), with an extent past the end of the bytes, or past `cap`
 * bytes in all, is `lost`: the bytes are not all there, and what is missing may be what it says.
 * Bounded: at most `cap` bytes are copied, and only for items of several extents.
 */
export function heifItemData(b: Uint8Array, meta: Part, wanted: ReadonlySet<number>, cap: number): HeifItemData[] {
  const found: HeifItemData[] = [];
  const seen = new Set<number>();
  const missing = (why: string, unlocated = false) => [...wanted].filter((item) => !seen.has(item)).map((item) => ({ item, lost: why, ...(unlocated ? { unlocated } : {}) }));
  if (wanted.size === 0) return found;
  const boxes = readBoxes(b, meta.start + 4, meta.end).parts;
  const iloc = boxes.find((p) => p.type === 'iloc');
  const idat = boxes.find((p) => p.type === 'idat');
  const version = iloc ? b[iloc.start]! : -1;
  if (!iloc) return missing('no item locations (iloc)', true);
  if (version > 2) return missing('item locations (iloc) of a version Heed cannot read');
  const v12 = version === 1 || version === 2;
  let at = iloc.start + 4;
  const offSize = (b[at] ?? 0) >> 4;
  const lenSize = (b[at] ?? 0) & 15;
  const baseSize = (b[at + 1] ?? 0) >> 4;
  const indexSize = v12 ? (b[at + 1] ?? 0) & 15 : 0;
  at += 2;
  const count = version < 2 ? u16be(b, at) : u32be(b, at);
  at += version < 2 ? 2 : 4;
  if ([offSize, lenSize, baseSize, indexSize].some((n) => n !== 0 && n !== 4 && n !== 8) || count < 0) return missing('item locations (iloc) in a form Heed cannot read');
  let budget = cap;
  for (let e = 0; e < count; e++) {
    const item = version < 2 ? u16be(b, at) : u32be(b, at);
    at += version < 2 ? 2 : 4;
    const method = v12 ? u16be(b, at) & 15 : 0;
    at += v12 ? 2 : 0;
    const reference = u16be(b, at);
    const base = ilocUint(b, at + 2, baseSize);
    at += 2 + baseSize;
    const extents = u16be(b, at);
    at += 2;
    const extentSize = indexSize + offSize + lenSize;
    if (item < 0 || reference < 0 || base < 0 || extents < 0 || at + extents * extentSize > iloc.end) return [...found, ...missing('item locations (iloc) cut short')];
    if (!wanted.has(item)) {
      at += extents * extentSize;
      continue;
    }
    seen.add(item);
    const [from, to] = method === 1 ? (idat ? [idat.start, idat.end] : [-1, -1]) : [0, b.length];
    const pieces: Uint8Array[] = [];
    let why: string | null = reference !== 0 ? 'its data is in another file' : method === 2 ? 'its data is located through another item' : method > 2 || from < 0 ? 'its data is in no place Heed can read' : extents === 0 ? 'it has no extent' : null;
    for (let x = 0; x < extents && why === null; x++) {
      const start = ilocUint(b, at + x * extentSize + indexSize, offSize);
      const length = ilocUint(b, at + x * extentSize + indexSize + offSize, lenSize);
      const begin = from + base + start;
      const end = length === 0 ? to : begin + length;
      if (start < 0 || length < 0 || begin > to || end > to) why = 'an extent past the end of the file (cut short)';
      else if (end - begin > budget) why = 'more item bytes than Heed reads';
      else {
        pieces.push(b.subarray(begin, end));
        budget -= end - begin;
      }
    }
    at += extents * extentSize;
    found.push(why !== null ? { item, lost: why } : { item, data: pieces.length === 1 ? pieces[0]! : joinBytes(pieces) });
  }
  return [...found, ...missing('no location (iloc entry) for it', true)];
}
