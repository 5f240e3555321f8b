/**
 * A small, bounded reader for XMP packets (XMP Specification Part 1, ISO 16684-1): a
 * namespace-aware XML tokenizer (XML 1.0 + Namespaces in XML 1.0) and the RDF/XML subset XMP
 * uses (§7.4–7.9: rdf:Description attributes and child elements, rdf:Alt/Seq/Bag with rdf:li,
 * rdf:parseType="Resource" structs, rdf:resource URIs, rdf:value qualifier form).
 *
 * Why not DOMParser: it does not exist in an MV3 service worker. Why not exifr's parsed XMP:
 * it keys properties by prefix, not namespace URI, leaves entities undecoded (`&amp;`), and
 * unwraps single-item arrays. Properties are therefore read here BY NAMESPACE URI, whatever
 * prefix a writer chose. No DTDs (XMP forbids them, Part 1 §7.3), no entity expansion beyond
 * the five predefined entities and character references; node count and depth are capped.
 */

export interface XmlAttr {
  ns: string;
  local: string;
  value: string;
}

export interface XmlNode {
  ns: string;
  local: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  text: string;
}

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const MAX_CHARS = 8 * 1024 * 1024;
const MAX_NODES = 50_000;
const MAX_DEPTH = 64;
// Permissive XML Name (XML §2.3 allows non-ASCII letters); stops at syntax characters.
const NAME = /^[^\s<>/=!?'"&;:][^\s<>/=!?'"&;]*/;

export type XmlResult = { ok: true; roots: XmlNode[] } | { ok: false; error: string };

function decodeEntities(s: string): string | null {
  if (!s.includes('&')) return s;
  let bad = false;
  const out = s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);|&/g, (all, ref: string | undefined) => {
    if (ref === undefined) {
      bad = true;
      return all;
    }
    switch (ref) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
    }
    bad = true; // an undeclared entity: well-formedness error (XML §4.1 WFC: Entity Declared)
    return all;
  });
  return bad ? null : out;
}

interface Open {
  node: XmlNode;
  qname: string;
  scope: Map<string, string>;
}

/** Parse XML text into a forest of element trees (text outside elements is ignored). */
export function parseXml(text: string): XmlResult {
  if (text.length > MAX_CHARS) return { ok: false, error: 'XMP packet too large' };
  const roots: XmlNode[] = [];
  const stack: Open[] = [];
  const rootScope = new Map<string, string>([['xml', XML_NS]]);
  let nodes = 0;
  let at = 0;
  const fail = (error: string): XmlResult => ({ ok: false, error: `${error} at ${at}` });

  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const chunkEnd = lt < 0 ? text.length : lt;
    if (chunkEnd > at) {
      const top = stack[stack.length - 1];
      if (top) {
        const decoded = decodeEntities(text.slice(at, chunkEnd));
        if (decoded === null) return fail('bad entity reference');
        top.node.text += decoded;
      }
      at = chunkEnd;
      continue;
    }
    if (text.startsWith('<!--', at)) {
      const close = text.indexOf('-->', at + 4);
      if (close < 0) return fail('unterminated comment');
      at = close + 3;
    } else if (text.startsWith('<![CDATA[', at)) {
      const close = text.indexOf(']]>', at + 9);
      if (close < 0) return fail('unterminated CDATA');
      const top = stack[stack.length - 1];
      if (top) top.node.text += text.slice(at + 9, close);
      at = close + 3;
    } else if (text.startsWith('<?', at)) {
      const close = text.indexOf('?>', at + 2);
      if (close < 0) return fail('unterminated processing instruction');
      at = close + 2;
    } else if (text.startsWith('<!', at)) {
      return fail('DTD or declaration not allowed in XMP');
    } else if (text.startsWith('</', at)) {
      const m = NAME.exec(text.slice(at + 2, at + 2 + 256));
      const top = stack.pop();
      if (!m || !top || m[0] !== top.qname) return fail('mismatched end tag');
      const gt = text.indexOf('>', at + 2 + m[0].length);
      if (gt < 0 || text.slice(at + 2 + m[0].length, gt).trim() !== '') return fail('bad end tag');
      at = gt + 1;
    } else {
      // Start tag: name, attributes, then '>' or '/>'.
      const m = NAME.exec(text.slice(at + 1, at + 1 + 256));
      if (!m) return fail('bad tag name');
      if (++nodes > MAX_NODES) return fail('too many elements');
      if (stack.length >= MAX_DEPTH) return fail('too deeply nested');
      const qname = m[0];
      let p = at + 1 + qname.length;
      const raw: { qname: string; value: string }[] = [];
      let selfClosing = false;
      for (;;) {
        while (p < text.length && /\s/.test(text[p]!)) p++;
        if (p >= text.length) return fail('unterminated start tag');
        if (text[p] === '>') { p++; break; }
        if (text.startsWith('/>', p)) { p += 2; selfClosing = true; break; }
        const an = NAME.exec(text.slice(p, p + 256));
        if (!an) return fail('bad attribute name');
        p += an[0].length;
        while (p < text.length && /\s/.test(text[p]!)) p++;
        if (text[p] !== '=') return fail('attribute without value');
        p++;
        while (p < text.length && /\s/.test(text[p]!)) p++;
        const quote = text[p];
        if (quote !== '"' && quote !== "'") return fail('unquoted attribute value');
        const close = text.indexOf(quote, p + 1);
        if (close < 0) return fail('unterminated attribute value');
        const value = decodeEntities(text.slice(p + 1, close));
        if (value === null || value.includes('<')) return fail('bad attribute value');
        raw.push({ qname: an[0], value });
        p = close + 1;
      }
      const parentScope = stack[stack.length - 1]?.scope ?? rootScope;
      let scope = parentScope;
      for (const a of raw) {
        if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          scope.set(a.qname === 'xmlns' ? '' : a.qname.slice(6), a.value);
        }
      }
      const resolve = (q: string, isAttr: boolean): { ns: string; local: string } => {
        const colon = q.indexOf(':');
        if (colon < 0) return { ns: isAttr ? '' : (scope.get('') ?? ''), local: q };
        const prefix = q.slice(0, colon);
        // An undeclared prefix gets a namespace no real property uses, so it never matches.
        return { ns: scope.get(prefix) ?? `urn:heed:undeclared-prefix:${prefix}`, local: q.slice(colon + 1) };
      };
      const attrs: XmlAttr[] = raw
        .filter((a) => a.qname !== 'xmlns' && !a.qname.startsWith('xmlns:'))
        .map((a) => ({ ...resolve(a.qname, true), value: a.value }));
      const node: XmlNode = { ...resolve(qname, false), attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.node.children.push(node);
      else roots.push(node);
      if (!selfClosing) stack.push({ node, qname, scope });
      at = p;
    }
  }
  if (stack.length > 0) return { ok: false, error: `unclosed element <${stack[stack.length - 1]!.qname}>` };
  return { ok: true, roots };
}

/** An XMP value (Part 1 §6.2): simple text (with its xml:lang), an array, or a struct. */
export type XmpValue =
  | { kind: 'simple'; text: string; lang: string | null }
  | { kind: 'array'; type: 'Alt' | 'Seq' | 'Bag'; items: XmpValue[] }
  | { kind: 'struct'; fields: XmpProperty[] };

export interface XmpProperty {
  ns: string;
  name: string;
  value: XmpValue;
}

const isRdf = (n: XmlNode, local: string): boolean => n.ns === RDF_NS && n.local === local;
const isSyntaxAttr = (a: XmlAttr) => a.ns === RDF_NS || a.ns === XML_NS || a.ns === '';

function attrValue(n: XmlNode, ns: string, local: string): string | null {
  return n.attrs.find((a) => a.ns === ns && a.local === local)?.value ?? null;
}

/** Properties of a node that holds them: rdf:Description or a parseType="Resource" element. */
function fieldsOf(n: XmlNode): XmpProperty[] {
  const fields: XmpProperty[] = n.attrs
    .filter((a) => !isSyntaxAttr(a))
    .map((a) => ({ ns: a.ns, name: a.local, value: { kind: 'simple', text: a.value, lang: null } }));
  for (const child of n.children) fields.push({ ns: child.ns, name: child.local, value: valueOf(child) });
  return fields;
}

/** The value of a property element or an rdf:li (RDF/XML §2.2–2.11 as profiled by XMP §7). */
function valueOf(el: XmlNode): XmpValue {
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

/** Every top-level property of every rdf:Description inside rdf:RDF, in document order. */
export function readRdfProperties(roots: XmlNode[]): XmpProperty[] {
  const props: XmpProperty[] = [];
  const visit = (n: XmlNode, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isRdf(n, 'RDF')) {
      for (const d of n.children) if (isRdf(d, 'Description')) props.push(...fieldsOf(d));
      return;
    }
    for (const c of n.children) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return props;
}

/** Whether the parsed packet contains an rdf:RDF element at all. */
export function hasRdf(roots: XmlNode[]): boolean {
  const stack = [...roots];
  for (let guard = 0; stack.length > 0 && guard < MAX_NODES; guard++) {
    const n = stack.pop()!;
    if (isRdf(n, 'RDF')) return true;
    stack.push(...n.children);
  }
  return false;
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
