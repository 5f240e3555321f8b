import { describe, expect, it } from 'vitest';
import { parseXmpPacket, propertyValues, readRdfProperties, textsOf } from '../../../../utils/signals/xml/xmp-rdf';

describe('xmp-rdf', () => {
  it('resolves prefixes per scope and reads lang-alt x-default first', () => {
    const xml = parseXmpPacket(`<a xmlns:r="${'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}"><r:RDF><r:Description xmlns:t="urn:t" t:k="1"><t:k><r:Alt><r:li xml:lang="en">en</r:li><r:li xml:lang="x-default">dflt</r:li></r:Alt></t:k></r:Description></r:RDF></a>`);
    expect(xml.ok).toBe(true);
    if (!xml.ok) return;
    const props = readRdfProperties(xml.value);
    expect(propertyValues(props, 'urn:t', 'k').flatMap(textsOf)).toEqual(['1', 'dflt', 'en']);
  });
  it.each([
    ['<a b=c/>', false],
    ['<a b="x<y"/>', false],
    ['<a><![CDATA[<b>]]></a>', true],
    ['<a>&#65;&#x42;&amp;</a>', true],
    ['<a><!-- c --></a>', true],
    ['<a></b>', false],
    ['<a', false],
  ])('parseXmpPacket(%j).ok = %j', (text, ok) => expect(parseXmpPacket(text).ok).toBe(ok));

  it('reads a main packet and an appended Extended XMP packet (two roots)', () => {
    const packet = (inner: string) => `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:t="urn:t">${inner}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>\n`;
    const xml = parseXmpPacket(packet('<t:a>1</t:a>') + packet('<t:b>2</t:b>'));
    expect(xml.ok && xml.value.length).toBe(2);
    if (!xml.ok) return;
    expect(readRdfProperties(xml.value).map((p) => [p.name, textsOf(p.value)])).toEqual([['a', ['1']], ['b', ['2']]]);
  });

  it('keeps the XMP bounds: 50 000 elements, 8 MiB, depth 64, and no per-element attribute cap', () => {
    const attrs = Array.from({ length: 500 }, (_, i) => `t:p${i}="v"`).join(' ');
    expect(parseXmpPacket(`<a xmlns:t="urn:t" ${attrs}/>`).ok).toBe(true);
    expect(parseXmpPacket(`<r>${'<l/>'.repeat(49_999)}</r>`).ok).toBe(true);
    expect(parseXmpPacket(`<r>${'<l/>'.repeat(50_000)}</r>`)).toEqual({ ok: false, error: 'more than 50000 elements' });
    expect(parseXmpPacket(`${'<a>'.repeat(65)}${'</a>'.repeat(65)}`)).toEqual({ ok: false, error: 'nested deeper than 64 levels' });
    expect(parseXmpPacket(`<a>${'x'.repeat(8 * 1024 * 1024 - 7)}</a>`).ok).toBe(true);
    expect(parseXmpPacket(`<a>${'x'.repeat(8 * 1024 * 1024 - 6)}</a>`)).toEqual({ ok: false, error: 'larger than 8388608 characters' });
  });
});
