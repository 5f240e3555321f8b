/**
 * A small, bounded, namespace-aware XML reader (XML 1.0 + Namespaces in XML 1.0) for RSL
 * licences and XMP packets. MV3 service workers have no DOMParser, so this is a hand-written
 * tokeniser. Safety by construction:
 * - no entity expansion beyond the five predefined entities and numeric character references,
 *   decoded in one pass; a DOCTYPE is never read (skipped or refused, see XmlOptions), so
 *   entities it declares are never expanded (no "billion laughs");
 * - an explicit stack, no recursion, and caps on size, depth, element count, attributes and
 *   text per element, and name length;
 * - no external resources, no processing instructions acted upon.
 * Well-formedness is checked only as far as needed (matching tags, quoted attributes, names).
 */
import { neverThrow, type ParseResult } from '../fetched-file';

/** The namespace the `xml` prefix is bound to by definition (Namespaces in XML §3). */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlAttr {
  /** The name as written (`url`, `xml:lang`, …). */
  name: string;
  /** Namespace URI of a prefixed name; null for an unprefixed one (Namespaces in XML §6.2). */
  ns: string | null;
  local: string;
  /** The value, entity-decoded. */
  value: string;
}

export interface XmlElement {
  /** Local name (without prefix). */
  local: string;
  /** Namespace URI, or null when none is in scope. An undeclared prefix gets
   * `urn:unbound-prefix:<prefix>`, a namespace no real vocabulary uses. */
  ns: string | null;
  /** Attributes in document order, namespace declarations left out. */
  attrs: XmlAttr[];
  children: XmlElement[];
  /** Character data directly inside this element (entity-decoded, capped). */
  text: string;
}

export interface XmlLimits {
  maxLength: number;
  maxDepth: number;
  maxElements: number;
  /** Attributes on one element. */
  maxAttributes: number;
  /** Attributes in the whole document (namespace declarations included). */
  maxTotalAttributes: number;
  maxText: number;
}

export interface XmlOptions {
  limits: XmlLimits;
  /** `literal`: an unknown entity, a stray `&` or a reference to a non-character stays as
   * written. `strict`: an unknown entity or a stray `&` is an error (XML 1.0 §4.1, WFC: Entity
   * Declared), a reference to a non-character reads as U+FFFD. */
  entities: 'literal' | 'strict';
  /** `skip`: a `<!DOCTYPE …>` before the root is passed over unread. `refuse`: any `<!…>`
   * declaration is an error (XMP forbids DTDs, XMP Part 1 §7.3). */
  doctype: 'skip' | 'refuse';
}

/** Lenient reading, limits sized for small documents such as RSL licences (a few KiB in practice). */
export const DEFAULT_XML_OPTIONS: XmlOptions = {
  limits: { maxLength: 1024 * 1024, maxDepth: 64, maxElements: 20000, maxAttributes: 64, maxTotalAttributes: 100_000, maxText: 65536 },
  entities: 'literal',
  doctype: 'skip',
};

// Names longer than this are refused (no real vocabulary comes near).
const MAX_NAME_LENGTH = 256;

// A Map, not an object literal: `&constructor;` must not find Object.prototype.constructor.
const PREDEFINED: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);
const ENTITY = /&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9._-]{0,31});|&/g;
// A permissive XML Name (XML §2.3 allows non-ASCII letters) that stops at syntax characters.
const NAME = /[^\s<>/=!?'"&;:][^\s<>/=!?'"&;]*/y;
const SPACE = /\s/;
const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([['xml', XML_NS]]);

// Decode in one pass; null when `strict` and a reference is not one of the allowed ones.
function decode(s: string, strict: boolean): string | null {
  if (!s.includes('&')) return s;
  let bad = false;
  const out = s.replace(ENTITY, (whole, ref: string | undefined) => {
    if (ref?.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) return String.fromCodePoint(cp);
      return strict ? '\uFFFD' : whole;
    }
    const c = ref === undefined ? undefined : PREDEFINED.get(ref);
    if (c === undefined && strict) bad = true;
    return c ?? whole;
  });
  return bad ? null : out;
}

/** Decode the predefined entities and character references; anything else stays literal. */
export function decodeEntities(s: string): string {
  return decode(s, false)!;
}

interface Frame {
  el: XmlElement;
  qname: string;
  /** The bindings this element's declarations replaced, restored when it closes. */
  undo: Shadowed[] | null;
}

/** A prefix binding an element's declaration replaced (`previous` undefined: it was unbound). */
type Shadowed = { prefix: string; previous: string | undefined };

/** Parse a document: exactly one root element (XML 1.0 §2.1), or an error; never throws. */
export function parseXml(xml: string, options: XmlOptions = DEFAULT_XML_OPTIONS): ParseResult<XmlElement> {
  const r = neverThrow(() => parse(xml, options, false), (error): ParseResult<XmlElement[]> => ({ ok: false, error }));
  if (!r.ok) return r;
  return r.value[0] ? { ok: true, value: r.value[0] } : { ok: false, error: 'no root element' };
}

/** Parse a fragment: any number of top-level elements, text between them ignored; never throws. */
export function parseXmlFragment(xml: string, options: XmlOptions = DEFAULT_XML_OPTIONS): ParseResult<XmlElement[]> {
  return neverThrow(() => parse(xml, options, true), (error) => ({ ok: false, error }));
}

function parse(xml: string, options: XmlOptions, fragment: boolean): ParseResult<XmlElement[]> {
  const { limits } = options;
  const fail = (error: string): ParseResult<XmlElement[]> => ({ ok: false, error });
  if (typeof xml !== 'string') return fail('not text');
  if (xml.length > limits.maxLength) return fail(`larger than ${limits.maxLength} characters`);
  const strict = options.entities === 'strict';
  const roots: XmlElement[] = [];
  const stack: Frame[] = [];
  // The namespaces in scope: one map, changed as elements open and restored as they close.
  // Copying it per element that declares one would cost O(bindings) each, quadratic on a
  // packet whose root declares thousands of prefixes and whose children each declare one.
  const scope = new Map(ROOT_SCOPE);
  let count = 0;
  let attributes = 0;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) {
        const decoded = decode(text, strict);
        if (decoded === null) return fail('undeclared entity reference');
        appendText(top.el, decoded, limits);
      } else if (!fragment && text.trim() !== '') return fail('text outside the root element');
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return fail('unterminated comment');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return fail('unterminated CDATA section');
      const top = stack[stack.length - 1];
      if (top) appendText(top.el, xml.slice(lt + 9, end), limits);
      else if (!fragment) return fail('CDATA outside the root element');
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return fail('unterminated processing instruction');
      i = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      if (options.doctype === 'refuse') return fail('DOCTYPE or other declaration not allowed');
      if (roots.length > 0 || stack.length > 0) return fail('declaration inside the document');
      const end = skipDeclaration(xml, lt + 2);
      if (end < 0) return fail('unterminated <!DOCTYPE> declaration');
      i = end;
    } else if (xml[lt + 1] === '/') {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) return fail('unterminated end tag');
      // XML 1.0 §3.1 ETag: '</' Name S? '>'.
      const qname = xml.slice(lt + 2, gt).trimEnd();
      const top = stack.pop();
      if (!top || top.qname !== qname) return fail(`mismatched end tag </${qname.slice(0, 50)}>`);
      restore(scope, top.undo);
      i = gt + 1;
    } else {
      if (!fragment && roots.length > 0 && stack.length === 0) return fail('content after the root element');
      if (++count > limits.maxElements) return fail(`more than ${limits.maxElements} elements`);
      if (stack.length >= limits.maxDepth) return fail(`nested deeper than ${limits.maxDepth} levels`);
      const tag = readStartTag(xml, lt + 1, limits, strict);
      if (typeof tag === 'string') return fail(tag);
      attributes += tag.attrs.length;
      if (attributes > limits.maxTotalAttributes) return fail(`more than ${limits.maxTotalAttributes} attributes in the document`);
      const undo = declareNamespaces(scope, tag.attrs);
      const el: XmlElement = { ...resolve(tag.qname, scope, true), attrs: [], children: [], text: '' };
      for (const a of tag.attrs) {
        if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) el.attrs.push({ name: a.name, ...resolve(a.name, scope, false), value: a.value });
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.el.children.push(el);
      else roots.push(el);
      if (tag.selfClosing) restore(scope, undo);
      else stack.push({ el, qname: tag.qname, undo });
      i = tag.end;
    }
  }
  if (stack.length > 0) return fail(`unclosed element <${stack[stack.length - 1]!.qname.slice(0, 50)}>`);
  return { ok: true, value: roots };
}

function appendText(el: XmlElement, text: string, limits: XmlLimits): void {
  if (el.text.length < limits.maxText) el.text += text.slice(0, limits.maxText - el.text.length);
}

/** Index just past the `>` closing a `<!…>` declaration (brackets and quotes respected), or -1. */
function skipDeclaration(xml: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let j = from; j < xml.length; j++) {
    const c = xml[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return j + 1;
  }
  return -1;
}

function readName(xml: string, at: number): string {
  NAME.lastIndex = at;
  return NAME.exec(xml)?.[0] ?? '';
}

type StartTag = { qname: string; attrs: { name: string; value: string }[]; selfClosing: boolean; end: number };

function readStartTag(xml: string, from: number, limits: XmlLimits, strict: boolean): string | StartTag {
  const qname = readName(xml, from);
  if (qname === '') return 'malformed start tag';
  if (qname.length > MAX_NAME_LENGTH) return `name longer than ${MAX_NAME_LENGTH} characters`;
  const attrs: StartTag['attrs'] = [];
  let j = from + qname.length;
  for (;;) {
    while (j < xml.length && SPACE.test(xml[j]!)) j++;
    if (j >= xml.length) return 'unterminated start tag';
    if (xml[j] === '>') return { qname, attrs, selfClosing: false, end: j + 1 };
    if (xml.startsWith('/>', j)) return { qname, attrs, selfClosing: true, end: j + 2 };
    const name = readName(xml, j);
    if (name.length > MAX_NAME_LENGTH) return `name longer than ${MAX_NAME_LENGTH} characters`;
    j += name.length;
    while (j < xml.length && SPACE.test(xml[j]!)) j++;
    if (name === '' || xml[j] !== '=') return `attribute ${name.slice(0, 50) || '?'} without a value`;
    j++;
    while (j < xml.length && SPACE.test(xml[j]!)) j++;
    const quote = xml[j];
    if (quote !== '"' && quote !== "'") return `unquoted attribute ${name.slice(0, 50)}`;
    const close = xml.indexOf(quote, j + 1);
    if (close < 0) return 'unterminated attribute value';
    const value = decode(xml.slice(j + 1, close), strict);
    if (value === null) return `undeclared entity reference in attribute ${name.slice(0, 50)}`;
    // XML 1.0 §3.1 WFC: No < in Attribute Values; a decoded `&lt;` is refused as well.
    if (value.includes('<')) return `"<" in attribute ${name.slice(0, 50)}`;
    if (attrs.length >= limits.maxAttributes) return `more than ${limits.maxAttributes} attributes`;
    attrs.push({ name, value });
    j = close + 1;
  }
}

/** Bind this element's namespace declarations in `scope`; what they replaced, to restore later. */
function declareNamespaces(scope: Map<string, string>, attrs: StartTag['attrs']): Shadowed[] | null {
  let undo: Shadowed[] | null = null;
  for (const { name, value } of attrs) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    (undo ??= []).push({ prefix, previous: scope.get(prefix) });
    scope.set(prefix, value);
  }
  return undo;
}

/** Undo an element's declarations, last first (a prefix declared twice restores its first value). */
function restore(scope: Map<string, string>, undo: Shadowed[] | null): void {
  if (!undo) return;
  for (let k = undo.length - 1; k >= 0; k--) {
    const { prefix, previous } = undo[k]!;
    if (previous === undefined) scope.delete(prefix);
    else scope.set(prefix, previous);
  }
}

// Namespaces in XML §6.2: an unprefixed element is in the default namespace, an unprefixed
// attribute in none. `xmlns=""` undeclares the default; an empty prefixed one is not allowed
// (§3, NSC: No Prefix Undeclaring) and reads as unbound.
function resolve(qname: string, scope: ReadonlyMap<string, string>, isElement: boolean): { ns: string | null; local: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { ns: (isElement && scope.get('')) || null, local: qname };
  const prefix = qname.slice(0, colon);
  return { ns: scope.get(prefix) || `urn:unbound-prefix:${prefix}`, local: qname.slice(colon + 1) };
}

/** The value of the attribute written `name` (the first, if repeated), or undefined. */
export function attribute(el: XmlElement, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** The child elements of `el` with this local name in one of `namespaces` (null = none). */
export function childrenNamed(el: XmlElement, local: string, namespaces: readonly (string | null)[]): XmlElement[] {
  return el.children.filter((c) => c.local === local && namespaces.includes(c.ns));
}
