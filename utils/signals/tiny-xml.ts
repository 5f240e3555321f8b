/**
 * A tiny, safe XML reader for small documents (RSL licences). MV3 service workers have no
 * DOMParser, so this is a hand-written tokeniser instead. Safety by construction:
 * - no entity expansion beyond the five predefined entities and numeric character
 *   references, decoded in one pass; `<!DOCTYPE …>` (with any internal subset) is skipped, so
 *   entities it declares are never expanded (no "billion laughs");
 * - an explicit stack, no recursion, and caps on size, depth, element and attribute counts;
 * - no external resources, no processing instructions acted upon.
 * Namespaces are resolved (`xmlns`, `xmlns:p`); well-formedness is checked only as far as
 * needed (matching tags, one root, quoted attributes).
 */
import type { ParseResult } from './fetched-file';

export interface XmlElement {
  /** Local name (without prefix). */
  local: string;
  /** Namespace URI, or null when none is in scope. */
  ns: string | null;
  /** Attributes by name as written (`url`, `xml:lang`, …), values entity-decoded. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside this element (entity-decoded, capped). */
  text: string;
}

export interface XmlLimits {
  maxLength: number;
  maxDepth: number;
  maxElements: number;
  maxAttributes: number;
  maxText: number;
}

/** Limits sized for RSL licences (a few KiB in practice). */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxLength: 1024 * 1024, maxDepth: 64, maxElements: 20000, maxAttributes: 64, maxText: 65536 };

// A Map, not an object literal: `&constructor;` must not find Object.prototype.constructor.
const PREDEFINED: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);
const ENTITY = /&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9._-]{0,31});/g;
const NAME_END = /[\s/>]/;
const NO_NAMESPACES: ReadonlyMap<string, string> = new Map();

/** Decode the predefined entities and character references; anything else stays literal. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const ok = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
      return ok ? String.fromCodePoint(cp) : whole;
    }
    return PREDEFINED.get(ref) ?? whole;
  });
}

interface Frame {
  el: XmlElement;
  qname: string;
  scope: ReadonlyMap<string, string>;
}

/** Parse `xml` into its root element, or an error; never throws. */
export function parseXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): ParseResult<XmlElement> {
  try {
    return parse(xml, limits);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function parse(xml: string, limits: XmlLimits): ParseResult<XmlElement> {
  if (typeof xml !== 'string') return { ok: false, error: 'not text' };
  if (xml.length > limits.maxLength) return { ok: false, error: `larger than ${limits.maxLength} characters` };
  const fail = (error: string): ParseResult<XmlElement> => ({ ok: false, error });
  const stack: Frame[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) appendText(top.el, decodeEntities(text), limits);
      else if (text.trim() !== '') return fail('text outside the root element');
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
      if (!top) return fail('CDATA outside the root element');
      appendText(top.el, xml.slice(lt + 9, end), limits);
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return fail('unterminated processing instruction');
      i = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      if (root || stack.length > 0) return fail('declaration inside the document');
      const end = skipDeclaration(xml, lt + 2);
      if (end < 0) return fail('unterminated <!DOCTYPE> declaration');
      i = end;
    } else if (xml[lt + 1] === '/') {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) return fail('unterminated end tag');
      const qname = xml.slice(lt + 2, gt).trim();
      const top = stack.pop();
      if (!top || top.qname !== qname) return fail(`mismatched end tag </${qname.slice(0, 50)}>`);
      i = gt + 1;
    } else {
      if (root && stack.length === 0) return fail('content after the root element');
      if (++count > limits.maxElements) return fail(`more than ${limits.maxElements} elements`);
      if (stack.length >= limits.maxDepth) return fail(`nested deeper than ${limits.maxDepth} levels`);
      const tag = readStartTag(xml, lt + 1, limits);
      if (typeof tag === 'string') return fail(tag);
      const parentScope = stack[stack.length - 1]?.scope ?? NO_NAMESPACES;
      const scope = declareNamespaces(parentScope, tag.attrs);
      const colon = tag.qname.indexOf(':');
      const prefix = colon >= 0 ? tag.qname.slice(0, colon) : '';
      const el: XmlElement = {
        local: colon >= 0 ? tag.qname.slice(colon + 1) : tag.qname,
        ns: scope.get(prefix) || (prefix ? `urn:unbound-prefix:${prefix}` : null),
        attrs: tag.attrs,
        children: [],
        text: '',
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.el.children.push(el);
      else root = el;
      if (!tag.selfClosing) stack.push({ el, qname: tag.qname, scope });
      i = tag.end;
    }
  }
  if (stack.length > 0) return fail(`unclosed element <${stack[stack.length - 1]!.qname.slice(0, 50)}>`);
  if (!root) return fail('no root element');
  return { ok: true, value: root };
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

function readStartTag(xml: string, from: number, limits: XmlLimits): string | { qname: string; attrs: Record<string, string>; selfClosing: boolean; end: number } {
  let j = from;
  while (j < xml.length && !NAME_END.test(xml[j]!)) j++;
  const qname = xml.slice(from, j);
  if (qname === '' || qname.includes('<')) return 'malformed start tag';
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  let nAttrs = 0;
  for (;;) {
    while (j < xml.length && /\s/.test(xml[j]!)) j++;
    if (j >= xml.length) return 'unterminated start tag';
    if (xml[j] === '>') return { qname, attrs, selfClosing: false, end: j + 1 };
    if (xml.startsWith('/>', j)) return { qname, attrs, selfClosing: true, end: j + 2 };
    const nameStart = j;
    while (j < xml.length && !/[\s=/>]/.test(xml[j]!)) j++;
    const name = xml.slice(nameStart, j);
    while (j < xml.length && /\s/.test(xml[j]!)) j++;
    if (name === '' || xml[j] !== '=') return `attribute ${name.slice(0, 50) || '?'} without a value`;
    j++;
    while (j < xml.length && /\s/.test(xml[j]!)) j++;
    const quote = xml[j];
    if (quote !== '"' && quote !== "'") return `unquoted attribute ${name.slice(0, 50)}`;
    const close = xml.indexOf(quote, j + 1);
    if (close < 0) return 'unterminated attribute value';
    const raw = xml.slice(j + 1, close);
    if (raw.includes('<')) return `"<" in attribute ${name.slice(0, 50)}`;
    if (++nAttrs > limits.maxAttributes) return `more than ${limits.maxAttributes} attributes`;
    if (!(name in attrs)) attrs[name] = decodeEntities(raw);
    j = close + 1;
  }
}

function declareNamespaces(parent: ReadonlyMap<string, string>, attrs: Record<string, string>): ReadonlyMap<string, string> {
  let scope: Map<string, string> | null = null;
  for (const name of Object.keys(attrs)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === 'xmlns' ? '' : name.slice(6), attrs[name]!);
  }
  return scope ?? parent;
}

/** The child elements of `el` with this local name in one of `namespaces` (null = none). */
export function childrenNamed(el: XmlElement, local: string, namespaces: readonly (string | null)[]): XmlElement[] {
  return el.children.filter((c) => c.local === local && namespaces.includes(c.ns));
}
