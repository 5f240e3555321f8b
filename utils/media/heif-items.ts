import { fourCC, readBoxes, u16be, u32be, type Part } from './image-containers';

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
