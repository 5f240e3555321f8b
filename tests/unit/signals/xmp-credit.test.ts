import { describe, expect, it } from 'vitest';
import { readEmbeddedRights } from '../../../utils/signals/xmp';
import { embeddedCredit } from '../../../utils/signals/xmp-credit';
import { iptcApp13, jpeg, xmpApp1 } from '../media/image-fixtures';

// As Lightroom Classic writes it (element form, dc:title an rdf:Alt, dc:creator an rdf:Seq).
const LIGHTROOM = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0-c000 1.000000, 0000/00/00-00:00:00">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
   xmp:CreatorTool="Adobe Photoshop Lightroom Classic 13.0 (Macintosh)"
   photoshop:Credit="Ruiz Photo"
   xmpRights:Marked="True"
   xmpRights:WebStatement="https://creativecommons.org/licenses/by-sa/4.0/">
   <dc:creator><rdf:Seq><rdf:li>Ana Ruiz</rdf:li></rdf:Seq></dc:creator>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harbour at dawn</rdf:li></rdf:Alt></dc:title>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2025 Ana Ruiz, CC BY-SA 4.0</rdf:li></rdf:Alt></dc:rights>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;

describe('creator and title from embedded metadata', () => {
  it('Lightroom XMP: dc:creator and dc:title', async () => {
    expect(embeddedCredit(await readEmbeddedRights(jpeg({ segments: [xmpApp1(LIGHTROOM)] })))).toEqual({ title: 'Harbour at dawn', creator: 'Ana Ruiz', sourceUrl: null });
  });

  it('a camera IPTC preset (IIM By-line, Credit), no title', async () => {
    const camera = jpeg({ segments: [iptcApp13([[80, 'Ben Okafor'], [110, 'Okafor Studio']])] });
    expect(embeddedCredit(await readEmbeddedRights(camera))).toEqual({ title: null, creator: 'Ben Okafor', sourceUrl: null });
    const creditOnly = jpeg({ segments: [iptcApp13([[110, 'Okafor Studio']])] });
    expect(embeddedCredit(await readEmbeddedRights(creditOnly)).creator).toBe('Okafor Studio');
  });

  it('nothing embedded, or an unreadable packet: no credit', async () => {
    expect(embeddedCredit(await readEmbeddedRights(jpeg()))).toEqual({ title: null, creator: null, sourceUrl: null });
    expect(embeddedCredit({ unreadable: 'XMP: broken' })).toEqual({ title: null, creator: null, sourceUrl: null });
  });
});
