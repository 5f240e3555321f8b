import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, parseXml } from '../../utils/signals/tiny-xml';

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
    expect(r.value.attrs.k).toBe('v & w');
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
