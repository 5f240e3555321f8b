/**
 * The RDF/XML subset XMP uses (XMP Specification Part 1, ISO 16684-1, §7.4–7.9: rdf:Description
 * attributes and child elements, rdf:Alt/Seq/Bag with rdf:li, rdf:parseType="Resource"
 * structs, rdf:resource URIs, rdf:value qualifier form), read from a packet parsed by
 * ./parse.ts.
 *
 * Why not exifr's parsed XMP: it keys properties by prefix, not namespace URI, leaves entities
 * undecoded (`&amp;`), and unwraps single-item arrays. Properties are therefore read here BY
 * NAMESPACE URI, whatever prefix a writer chose.
 */
import type { ParseResult } from '../fetched-file';
import { parseXmlFragment, XML_NS, type XmlAttr, type XmlElement, type XmlOptions } from './parse';

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

const MAX_CHARS = 8 * 1024 * 1024;
const MAX_NODES = 50_000;
const MAX_ATTRIBUTES = 200_000;
const MAX_DEPTH = 64;

// XML 1.0 strictly: no DTDs (XMP forbids them, Part 1 §7.3) and no undeclared entities. No
// per-element caps on attributes or text beyond the packet size: an rdf:Description in
// attribute form can carry hundreds of properties. The work is capped instead (elements,
// attributes in the packet, depth): a packet past a cap is unreadable, never slow.
const XMP_XML: XmlOptions = {
  limits: { maxLength: MAX_CHARS, maxDepth: MAX_DEPTH, maxElements: MAX_NODES, maxAttributes: MAX_CHARS, maxTotalAttributes: MAX_ATTRIBUTES, maxText: MAX_CHARS },
  entities: 'strict',
  doctype: 'refuse',
};

/**
 * Parse XMP packets into their top-level elements, ignoring the text around them (wrapper
 * padding). There can be several: exifr appends a JPEG's Extended XMP as a second packet.
 */
export function parseXmpPacket(text: string): ParseResult<XmlElement[]> {
  return parseXmlFragment(text, XMP_XML);
}

/** An XMP value (Part 1 §6.2): simple text (with its xml:lang), an array, or a struct. */
export type XmpValue =
  | { kind: 'simple'; text: string; lang: string | null }
  | { kind: 'array'; type: 'Alt' | 'Seq' | 'Bag'; items: XmpValue[] }
  | { kind: 'struct'; fields: XmpProperty[] };

export interface XmpProperty {
  /** Namespace URI; null for an element in no namespace (which no schema defines). */
  ns: string | null;
  name: string;
  value: XmpValue;
  /** The property element it was read from; absent for a property in attribute form. */
  element?: XmlElement;
}

const isRdf = (n: XmlElement, local: string): boolean => n.ns === RDF_NS && n.local === local;
const isSyntaxAttr = (a: XmlAttr) => a.ns === RDF_NS || a.ns === XML_NS || a.ns === null;

function attrValue(n: XmlElement, ns: string, local: string): string | null {
  return n.attrs.find((a) => a.ns === ns && a.local === local)?.value ?? null;
}

/** Properties of a node that holds them: rdf:Description or a parseType="Resource" element. */
function fieldsOf(n: XmlElement): XmpProperty[] {
  const fields: XmpProperty[] = n.attrs
    .filter((a) => !isSyntaxAttr(a))
    .map((a) => ({ ns: a.ns, name: a.local, value: { kind: 'simple', text: a.value, lang: null } }));
  for (const child of n.children) fields.push({ ns: child.ns, name: child.local, value: valueOf(child), element: child });
  return fields;
}

/** The value of a property element or an rdf:li (RDF/XML §2.2–2.11 as profiled by XMP §7). */
function valueOf(el: XmlElement): XmpValue {
  const resource = attrValue(el, RDF_NS, 'resource');
  if (resource !== null) return { kind: 'simple', text: resource, lang: attrValue(el, XML_NS, 'lang') };
  if (attrValue(el, RDF_NS, 'parseType') === 'Resource') {
    const rdfValue = el.children.find((c) => isRdf(c, 'value'));
    return rdfValue ? valueOf(rdfValue) : { kind: 'struct', fields: fieldsOf(el) };
  }
  const container = el.children.find((c) => isRdf(c, 'Alt') || isRdf(c, 'Seq') || isRdf(c, 'Bag'));
  if (container) {
    const items = container.children.filter((c) => isRdf(c, 'li')).map(valueOf);
    return { kind: 'array', type: container.local as 'Alt' | 'Seq' | 'Bag', items };
  }
  // Qualified value (§7.8): rdf:value inside the element, a parseType="Resource" or an rdf:Description.
  const holder = el.children.find((c) => isRdf(c, 'Description')) ?? el;
  const rdfValue = holder.children.find((c) => isRdf(c, 'value'));
  if (rdfValue) return valueOf(rdfValue);
  const valueAttr = attrValue(holder, RDF_NS, 'value');
  if (valueAttr !== null) return { kind: 'simple', text: valueAttr, lang: attrValue(holder, XML_NS, 'lang') };
  if (holder !== el) return { kind: 'struct', fields: fieldsOf(holder) };
  if (el.children.length > 0 || el.attrs.some((a) => !isSyntaxAttr(a))) return { kind: 'struct', fields: fieldsOf(el) };
  return { kind: 'simple', text: el.text, lang: attrValue(el, XML_NS, 'lang') };
}

/**
 * Every top-level property of every node element inside rdf:RDF, in document order: each
 * rdf:Description, and each typed node (`<cc:Work rdf:about="">`, RDF/XML §2.13: an
 * rdf:Description with a type). XMP allows only rdf:Description there, but RDF in an SVG's
 * `<metadata>` (Inkscape's, Wikimedia Commons') states the work and its `cc:license` in a
 * `cc:Work`: read as unreadable, every such SVG was refused; read as a Description, what it says
 * counts, a prohibition as much as a licence (DESIGN.md §2 rule 5: nothing in it goes unread).
 */
export function readRdfProperties(roots: XmlElement[]): XmpProperty[] {
  const props: XmpProperty[] = [];
  const visit = (n: XmlElement, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isRdf(n, 'RDF')) {
      // A loop, not push(...): an attribute-form Description can hold more fields than a call has arguments.
      for (const d of n.children) for (const f of fieldsOf(d)) props.push(f);
      return;
    }
    for (const c of n.children) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return props;
}

/** Whether the parsed packet contains an rdf:RDF element at all. */
export function hasRdf(roots: XmlElement[]): boolean {
  const stack = [...roots];
  for (let guard = 0; stack.length > 0 && guard < MAX_NODES; guard++) {
    const n = stack.pop()!;
    if (isRdf(n, 'RDF')) return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}

/**
 * Every word a property holds, wherever it is in the packet and however it is written: for each
 * element or attribute whose namespace and local name `matches`, at any depth (a top-level
 * property, or one inside a struct, a nested rdf:Description or an ingredient's metadata), the
 * text of every element under it and the value of every attribute on them but RDF syntax
 * (rdf:parseType, rdf:about, …; rdf:resource and rdf:value are values) and xml:lang, in document
 * order. readRdfProperties reads the XMP data model, and a value written outside it — text beside
 * an rdf:Bag, a second container or rdf:value, an rdf:_1 instead of rdf:li, parseType="Literal",
 * property attributes beside text, a property inside a misplaced rdf:Description — had no text
 * there. For a property that can only refuse, the caller reads these too (DESIGN.md §2 rule 3).
 * Bounded by the packet's node count (an explicit stack, no recursion).
 */
export function deepPropertyTexts(roots: XmlElement[], matches: (ns: string | null, local: string) => boolean): string[] {
  const out: string[] = [];
  const push = (s: string) => {
    const t = s.trim();
    if (t !== '') out.push(t);
  };
  const isValueAttr = (a: XmlAttr) => a.ns !== XML_NS && (a.ns !== RDF_NS || a.local === 'resource' || a.local === 'value');
  // [element, inside a matching property]; children pushed in reverse so they pop in document order.
  const stack: [XmlElement, boolean][] = [...roots].reverse().map((r) => [r, false]);
  for (let guard = 0; stack.length > 0 && guard < MAX_NODES * 2; guard++) {
    const [n, inside] = stack.pop()!;
    const here = inside || matches(n.ns, n.local);
    if (here) {
      push(n.text);
      for (const a of n.attrs) if (isValueAttr(a)) push(a.value);
    } else {
      for (const a of n.attrs) if (matches(a.ns, a.local)) push(a.value);
    }
    for (let k = n.children.length - 1; k >= 0; k--) stack.push([n.children[k]!, here]);
  }
  return out;
}

/**
 * Every word one property holds (deepPropertyTexts of its element): its data-model texts
 * (textsOf), then any it holds outside the data model. For a property in attribute form, its text.
 */
export function allTextsOf(prop: XmpProperty): string[] {
  const modelled = textsOf(prop.value);
  if (!prop.element) return modelled;
  const seen = new Set(modelled);
  return [...modelled, ...deepPropertyTexts([prop.element], () => true).filter((t) => !seen.has(t))];
}

/** The values of property `ns` + `name` among `props` (a property may repeat across Descriptions). */
export function propertyValues(props: readonly XmpProperty[], ns: string, name: string): XmpValue[] {
  return props.filter((p) => p.ns === ns && p.name === name).map((p) => p.value);
}

/** The text items of a value: simple → its text; arrays → items' texts (Alt: x-default first). */
export function textsOf(value: XmpValue): string[] {
  if (value.kind === 'simple') return value.text.trim() === '' ? [] : [value.text.trim()];
  if (value.kind === 'struct') return [];
  const items = value.type === 'Alt'
    ? [...value.items].sort((a, b) => Number(isDefaultLang(b)) - Number(isDefaultLang(a)))
    : value.items;
  return items.flatMap(textsOf);
}

function isDefaultLang(v: XmpValue): boolean {
  return v.kind === 'simple' && v.lang === 'x-default';
}

/** The structs in a value: a struct itself, or the struct items of an array. */
export function structsOf(value: XmpValue): XmpProperty[][] {
  if (value.kind === 'struct') return [value.fields];
  if (value.kind === 'array') return value.items.flatMap(structsOf);
  return [];
}
