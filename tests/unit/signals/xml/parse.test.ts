import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, decodeEntities, parseXml, parseXmlFragment, XML_NS, type XmlOptions } from '../../../../utils/signals/xml/parse';

describe('decodeEntities', () => {
  it.each([
    ['a &lt;b&gt; &amp;amp; &quot;&apos;', `a <b> &amp; "'`],
    ['&#65;&#x42;&#0;&#xD800;&#x110000;', 'AB&#0;&#xD800;&#x110000;'],
    ['&lol9; & &unknown', '&lol9; & &unknown'],
    // Names of Object.prototype members are unknown entities, not inherited properties.
    ['&constructor; &toString; &__proto__;', '&constructor; &toString; &__proto__;'],
  ])('%j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('parseXml', () => {
  it('builds a namespaced tree', () => {
    const r = parseXml('<?xml version="1.0"?><!-- c --><a xmlns="urn:a" xmlns:b="urn:b" k=\'v &amp; w\'><b:c/>t<d xmlns="">x</d></a>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.local).toBe('a');
    expect(r.value.ns).toBe('urn:a');
    expect(attribute(r.value, 'k')).toBe('v & w');
    expect(r.value.text).toBe('t');
    expect(r.value.children.map((c) => [c.local, c.ns, c.text])).toEqual([['c', 'urn:b', ''], ['d', null, 'x']]);
  });

  it('unbound and prototype-named prefixes are not resolved from Object.prototype', () => {
    const r = parseXml('<__proto__:a><constructor:b/></__proto__:a>');
    expect(r.ok && [r.value.ns, r.value.children[0]!.ns]).toEqual(['urn:unbound-prefix:__proto__', 'urn:unbound-prefix:constructor']);
  });

  it.each([
    ['<a>', 'unclosed element <a>'],
    ['<a></b>', 'mismatched end tag </b>'],
    ['<a/><b/>', 'content after the root element'],
    ['<a x="1" x2></a>', 'attribute x2 without a value'],
    ['<a x="<"/>', '"<" in attribute x'],
    ['<a><!-- x</a>', 'unterminated comment'],
    ['<!DOCTYPE a [ <!ENTITY x "y">', 'unterminated <!DOCTYPE> declaration'],
    ['text', 'text outside the root element'],
  ])('%j → %s', (xml, error) => {
    expect(parseXml(xml)).toEqual({ ok: false, error });
  });

  it('caps text per element', () => {
    const r = parseXml(`<a>${'x'.repeat(100000)}</a>`);
    expect(r.ok && r.value.text.length).toBe(65536);
  });

  it('property: never throws', () => {
    const parts = fc.constantFrom('<a>', '</a>', '<b x="1"/>', '<!--', '-->', '<![CDATA[', ']]>', '<?p?>', '<!DOCTYPE a [', ']>', '&amp;', '&', '"', "'", '=', ' ', 'x');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.array(parts, { maxLength: 50 }).map((a) => a.join(''))), (xml) => {
        expect(typeof parseXml(xml).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});

describe('checks the RSL and XMP readers used to apply only one of', () => {
  it.each([
    ['<a></ a>', 'mismatched end tag </ a>'], // XML 1.0 §3.1: no space after `</`
    ['<a&b/>', 'attribute ? without a value'], // not a Name
    ['<a b"c="1"/>', 'attribute b without a value'],
    [`<${'n'.repeat(257)}/>`, 'name longer than 256 characters'],
    ['<a x="&lt;"/>', '"<" in attribute x'], // the XMP reader refused a decoded `<` too
  ])('%j → %s', (xml, error) => {
    expect(parseXml(xml)).toEqual({ ok: false, error });
  });

  it('binds the xml prefix (Namespaces in XML §3) and keeps repeated attributes, first one read', () => {
    const r = parseXml('<xml:a xml:lang="en" k="1" k="2"/>');
    expect(r.ok && [r.value.ns, r.value.attrs.map((a) => [a.ns, a.local, a.value])]).toEqual([XML_NS, [[XML_NS, 'lang', 'en'], [null, 'k', '1'], [null, 'k', '2']]]);
    expect(r.ok && attribute(r.value, 'k')).toBe('1');
  });
});

describe('parseXmlFragment with strict options (as for XMP)', () => {
  const strict: XmlOptions = { limits: { maxLength: 100, maxDepth: 3, maxElements: 4, maxAttributes: 100, maxTotalAttributes: 100, maxText: 100 }, entities: 'strict', doctype: 'refuse' };

  it('reads several top-level elements and ignores the text around them', () => {
    const r = parseXmlFragment('<?xpacket?>junk<a>1</a> & more <![CDATA[x]]><b/>', strict);
    expect(r.ok && r.value.map((e) => [e.local, e.text])).toEqual([['a', '1'], ['b', '']]);
    expect(parseXmlFragment('just text', strict)).toEqual({ ok: true, value: [] });
  });

  it('decodes a reference to a non-character as U+FFFD', () => {
    const r = parseXmlFragment('<a>&#0;&#xD800;&#65;</a>', strict);
    expect(r.ok && r.value[0]!.text).toBe('\uFFFD\uFFFDA');
  });

  it.each([
    ['<a>&nbsp;</a>', 'undeclared entity reference'],
    ['<a>a & b</a>', 'undeclared entity reference'],
    ['<a x="&lol;"/>', 'undeclared entity reference in attribute x'],
    ['<!DOCTYPE a [<!ENTITY lol "lol">]><a>&lol;</a>', 'DOCTYPE or other declaration not allowed'],
    ['<a><!ELEMENT a ANY></a>', 'DOCTYPE or other declaration not allowed'],
    [`<a>${'x'.repeat(100)}</a>`, 'larger than 100 characters'],
    ['<a><a><a><a/></a></a></a>', 'nested deeper than 3 levels'],
    ['<a/><a/><a/><a/><a/>', 'more than 4 elements'],
  ])('%j → %s', (xml, error) => {
    expect(parseXmlFragment(xml, strict)).toEqual({ ok: false, error });
  });
});
