import { Tag } from 'cbor2';
import { describe, expect, it } from 'vitest';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateC2pa } from '../../../utils/signals/c2pa';
import { evaluateEmbeddedRights, readEmbeddedRights, statedLicences } from '../../../utils/signals/xmp';
import { app11Segments, ascii, box, cborAssertion, concat, jpeg, manifestStore, superbox, xmpApp1, xmpPacket } from '../media/image-fixtures';

// C2PA metadata assertions carry the image's IPTC/XMP fields as JSON-LD. Heed read only
// plus:DataMining and the free-text rights fields there: a licence statement, a rights expression,
// a TDMRep reservation or a remote manifest stated only in the C2PA copy went unread, so the page's
// CC BY licensed an image whose own metadata says otherwise (and opt-out mode kept a reserved one).

const AI = purposeProfile('ai-training');
const jsonAssertion = (label: string, content: unknown) => superbox('json', label, box('json', ascii(JSON.stringify(content))));
const CONTEXT = { '@context': { xmpRights: 'http://ns.adobe.com/xap/1.0/rights/', cc: 'http://creativecommons.org/ns#', plus: 'http://ns.useplus.org/ldf/xmp/1.0/', Iptc4xmpExt: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/' } };
const withStore = (assertions: Uint8Array[], extraManifestsBefore: Uint8Array[][] = [], xmp?: string) =>
  jpeg({ segments: [...(xmp ? [xmpApp1(xmp)] : []), ...app11Segments(manifestStore(assertions, extraManifestsBefore))] });
const evaluate = async (bytes: Uint8Array) => evaluateEmbeddedRights(await readEmbeddedRights(bytes), AI);
const licenceIds = async (bytes: Uint8Array) => statedLicences(await evaluate(bytes)).map((l) => l.id ?? `unrecognised: ${l.url}`);
const denies = async (bytes: Uint8Array) => [...(await evaluate(bytes)).evidence, ...evaluateC2pa(bytes, AI)].filter((e) => e.effect === 'deny').map((e) => e.reason);

describe('a licence statement in a C2PA metadata assertion is the image’s own, as in its XMP', () => {
  it('xmpRights:WebStatement naming CC BY-NC is the image’s licence', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'xmpRights:WebStatement': 'https://creativecommons.org/licenses/by-nc/4.0/' })]);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-NC-4.0']);
  });

  it('a full-IRI key with an @id value, in CBOR (cawg.metadata), is read too', async () => {
    const bytes = withStore([cborAssertion('cawg.metadata', { 'http://creativecommons.org/ns#license': { '@id': 'https://creativecommons.org/licenses/by-nd/4.0/' } })]);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-ND-4.0']);
  });

  it('a stock licence page, or xmpRights:Marked true alone, is a licence statement not accepted', async () => {
    expect(await licenceIds(withStore([jsonAssertion('stds.iptc', { ...CONTEXT, 'xmpRights:WebStatement': 'https://stock.example/licence/123' })]))).toEqual(['unrecognised: https://stock.example/licence/123']);
    expect(await licenceIds(withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'xmpRights:Marked': true })]))).toEqual(['unrecognised: xmpRights:Marked=True']);
    expect(await licenceIds(withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'plus:Licensor': [{ 'plus:LicensorURL': 'https://stock.example/buy/123' }] })]))).toEqual(['unrecognised: https://stock.example/buy/123']);
  });

  it('an XMP CC BY beside a C2PA metadata CC BY-NC conflicts at the most specific level', async () => {
    const xmp = xmpPacket('<xmpRights:WebStatement>https://creativecommons.org/licenses/by/4.0/</xmpRights:WebStatement>');
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'xmpRights:WebStatement': 'https://creativecommons.org/licenses/by-nc/4.0/' })], [], xmp);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-4.0', 'CC-BY-NC-4.0']);
  });

  it('unchanged: the same CC BY in the XMP and in the C2PA copy (marked True) is one licence', async () => {
    const xmp = xmpPacket('<xmpRights:WebStatement>https://creativecommons.org/licenses/by/4.0/</xmpRights:WebStatement><xmpRights:Marked>True</xmpRights:Marked>');
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'xmpRights:WebStatement': 'https://creativecommons.org/licenses/by/4.0/', 'xmpRights:Marked': true })], [], xmp);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-4.0']);
    expect(await denies(bytes)).toEqual([]);
  });

  it('unchanged: a metadata assertion with only a creator and a notice states no licence', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'dc:creator': ['Jane'], 'dc:rights': '© 2024 Jane' })]);
    expect(await licenceIds(bytes)).toEqual([]);
    expect(await denies(bytes)).toEqual([]);
  });

  it('a CC licence URL in the C2PA copy’s usage terms is named as the XMP’s is', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'xmpRights:UsageTerms': 'Licensed under https://creativecommons.org/licenses/by-nc/4.0/.' })]);
    expect(((await evaluate(bytes)).named ?? []).map((l) => l.id)).toEqual(['CC-BY-NC-4.0']);
  });

  it('an ingredient manifest’s licence is another work’s: not the image’s licence', async () => {
    const ingredient = [jsonAssertion('c2pa.metadata', { ...CONTEXT, 'xmpRights:WebStatement': 'https://creativecommons.org/licenses/by/4.0/' })];
    expect(await licenceIds(withStore([cborAssertion('c2pa.actions', { actions: [] })], [ingredient]))).toEqual([]);
  });
});

describe('a C2PA metadata assertion’s refusing rights fields fail closed as the XMP’s do', () => {
  it('a Linked Encoded Rights Expression is signal-unreadable', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'Iptc4xmpExt:LinkedEncRightsExpr': [{ 'Iptc4xmpExt:LinkedRightsExpr': 'https://rights.example/policy.odrl', 'Iptc4xmpExt:RightsExprLangId': 'http://www.w3.org/ns/odrl/2/' }] })]);
    expect(await denies(bytes)).toEqual(['signal-unreadable']);
  });

  it('an Embedded Encoded Rights Expression stating a prohibition (as JSON keys) is signal-unreadable', async () => {
    const bytes = withStore([cborAssertion('c2pa.metadata', { 'Iptc4xmpExt:EmbdEncRightsExpr': [{ 'Iptc4xmpExt:EncRightsExpr': { prohibition: [{ action: 'odrl:use' }] } }] })]);
    expect(await denies(bytes)).toEqual(['signal-unreadable']);
  });

  it('tdm:reservation 1 (a JSON number) is tdm-reserved', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { '@context': { tdm: 'http://www.w3.org/ns/tdmrep/' }, 'tdm:reservation': 1 })]);
    expect(await denies(bytes)).toEqual(['tdm-reserved']);
  });

  it('a tdm:policy with no tdm:reservation beside it is signal-unreadable, as in the XMP', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { '@context': { tdm: 'http://www.w3.org/ns/tdmrep/' }, 'tdm:policy': 'https://rights.example/tdm-policy.json' })]);
    expect(await denies(bytes)).toEqual(['signal-unreadable']);
  });

  it('unchanged: tdm:reservation 0 with a tdm:policy, or a policy key of another vocabulary, refuses nothing', async () => {
    expect(await denies(withStore([jsonAssertion('c2pa.metadata', { 'tdm:reservation': 0, 'tdm:policy': 'https://rights.example/tdm-policy.json' })]))).toEqual([]);
    expect(await denies(withStore([jsonAssertion('c2pa.metadata', { 'dc:creator': ['Jane'], 'privacy:policy': 'https://example.com/privacy' })]))).toEqual([]);
  });

  it('dcterms:provenance naming a remote manifest is signal-unreadable', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { 'dcterms:provenance': 'https://manifests.example/abc.c2pa' })]);
    expect(await denies(bytes)).toEqual(['signal-unreadable']);
  });

  it('an ingredient’s reservation binds, as its DataMining prohibition does', async () => {
    const ingredient = [jsonAssertion('c2pa.metadata', { 'tdm:reservation': '1' })];
    expect(await denies(withStore([cborAssertion('c2pa.actions', { actions: [] })], [ingredient]))).toEqual(['tdm-reserved']);
  });

  it('unchanged: tdm:reservation 0 and a self#jumbf provenance refuse nothing', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { 'tdm:reservation': 0, 'dcterms:provenance': 'self#jumbf=/c2pa/urn:uuid:1' })]);
    expect(await denies(bytes)).toEqual([]);
  });
});

describe('a C2PA metadata assertion’s model release counts as the XMP’s does', () => {
  it('an MR-NON in the C2PA copy beside an XMP MR-UMR is the release read', async () => {
    const xmp = xmpPacket('<plus:ModelReleaseStatus>http://ns.useplus.org/ldf/vocab/MR-UMR</plus:ModelReleaseStatus>');
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'plus:ModelReleaseStatus': { '@id': 'http://ns.useplus.org/ldf/vocab/MR-NON' } })], [], xmp);
    const rights = await readEmbeddedRights(bytes);
    expect('unreadable' in rights ? rights.unreadable : rights.modelReleaseStatus).toBe('http://ns.useplus.org/ldf/vocab/MR-NON');
  });
});

describe('an undecodable C2PA metadata assertion that names a rights field', () => {
  it('a broken assertion naming WebStatement is unreadable (fails closed)', () => {
    const broken = superbox('json', 'c2pa.metadata', box('json', ascii('{"xmpRights:WebStatement": "https://stock.example/licence/1"')));
    expect(evaluateC2pa(withStore([broken]), AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['signal-unreadable']);
  });

  it('unchanged: a broken assertion naming no rights field stays provenance only', () => {
    const broken = superbox('json', 'c2pa.metadata', box('json', ascii('{"dc:creator": "Jane"')));
    expect(evaluateC2pa(withStore([broken]), AI).filter((e) => e.effect === 'deny')).toEqual([]);
  });
});

describe('JSON-LD forms of a C2PA metadata assertion’s licence statement', () => {
  it('expanded JSON-LD (a top-level list of nodes, full IRIs, @id values) is read', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', [{ '@id': '', 'http://ns.adobe.com/xap/1.0/rights/WebStatement': [{ '@id': 'https://creativecommons.org/licenses/by-nc/4.0/' }] }])]);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-NC-4.0']);
  });

  it('a node of an @graph is read', async () => {
    const bytes = withStore([jsonAssertion('cawg.metadata', { ...CONTEXT, '@graph': [{ '@id': '', 'xmpRights:WebStatement': 'https://creativecommons.org/licenses/by-nc/4.0/' }] })]);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-NC-4.0']);
  });

  it('a licence written as a node with @type, or a value with @language, is that one licence (no false conflict)', async () => {
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'schema:license': { '@type': 'CreativeWork', url: 'https://creativecommons.org/licenses/by/4.0/' }, 'xmpRights:WebStatement': { '@value': 'https://creativecommons.org/licenses/by/4.0/', '@language': 'x-default' } })]);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-4.0']);
  });

  it('a schema.org CreativeWork assertion’s license (stds.schema-org.CreativeWork) is the image’s licence statement', async () => {
    const bytes = withStore([jsonAssertion('stds.schema-org.CreativeWork', { '@context': 'https://schema.org', '@type': 'CreativeWork', author: [{ '@type': 'Person', name: 'Jane' }], license: 'https://creativecommons.org/licenses/by-nc/4.0/' })]);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-NC-4.0']);
  });

  it('a schema.org CreativeWork assertion’s acquireLicensePage alone is a licence statement not accepted', async () => {
    const bytes = withStore([jsonAssertion('stds.schema-org.CreativeWork', { '@context': 'https://schema.org', '@type': 'CreativeWork', acquireLicensePage: 'https://stock.example/buy/9' })]);
    expect(await licenceIds(bytes)).toEqual(['unrecognised: https://stock.example/buy/9']);
  });

  it('unchanged: a schema.org CreativeWork assertion naming only its author states no licence and refuses nothing', async () => {
    const bytes = withStore([jsonAssertion('stds.schema-org.CreativeWork', { '@context': 'https://schema.org', '@type': 'CreativeWork', author: [{ '@type': 'Person', name: 'Jane' }] })]);
    expect(await licenceIds(bytes)).toEqual([]);
    expect(await denies(bytes)).toEqual([]);
  });
});

describe('a plain-language refusal in a C2PA schema.org or IPTC JSON copyright notice', () => {
  it('copyrightNotice refusing AI training refuses, as dc:rights does', () => {
    const bytes = withStore([jsonAssertion('stds.schema-org.CreativeWork', { '@context': 'https://schema.org', '@type': 'CreativeWork', copyrightNotice: '© Jane Doe. No AI training.' })]);
    expect(evaluateC2pa(bytes, AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['xmp-data-mining']);
  });

  it('unchanged: an ordinary copyrightNotice refuses nothing', () => {
    const bytes = withStore([jsonAssertion('stds.schema-org.CreativeWork', { '@context': 'https://schema.org', '@type': 'CreativeWork', copyrightNotice: '© 2024 Jane Doe' })]);
    expect(evaluateC2pa(bytes, AI).filter((e) => e.effect === 'deny')).toEqual([]);
  });
});

describe('a C2PA metadata assertion’s @context defines terms, it states nothing', () => {
  it('terms for provenance, rights expressions, reservation and the licensor defined in @context refuse nothing and state no licence', async () => {
    const context = { '@context': { provenance: 'http://purl.org/dc/terms/provenance', LinkedEncRightsExpr: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/LinkedEncRightsExpr', EmbdEncRightsExpr: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/EmbdEncRightsExpr', reservation: 'http://www.w3.org/ns/tdmrep/reservation', LicensorURL: 'http://ns.useplus.org/ldf/xmp/1.0/LicensorURL' } };
    const bytes = withStore([jsonAssertion('c2pa.metadata', { ...context, 'dc:creator': ['Jane'] })]);
    expect(await licenceIds(bytes)).toEqual([]);
    expect(await denies(bytes)).toEqual([]);
  });
});

describe('a CBOR-tagged value in a C2PA metadata assertion (a tag 32 URI, another tag)', () => {
  it('plus:DataMining written as a tag 32 URI, or inside an unknown tag, refuses', () => {
    const uri = withStore([cborAssertion('c2pa.metadata', { 'plus:DataMining': new Tag(32, 'http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED') })]);
    expect(evaluateC2pa(uri, AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['xmp-data-mining']);
    const other = withStore([cborAssertion('c2pa.metadata', { 'plus:DataMining': new Tag(9999, 'DMI-PROHIBITED') })]);
    expect(evaluateC2pa(other, AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['xmp-data-mining']);
  });

  it('xmpRights:WebStatement written as a tag 32 URI is the image’s licence', async () => {
    const bytes = withStore([cborAssertion('c2pa.metadata', { 'xmpRights:WebStatement': new Tag(32, 'https://creativecommons.org/licenses/by-nc/4.0/') })]);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-NC-4.0']);
  });

  it('unchanged: a tagged DMI-ALLOWED or date refuses nothing', () => {
    const bytes = withStore([cborAssertion('c2pa.metadata', { 'plus:DataMining': new Tag(32, 'http://ns.useplus.org/ldf/vocab/DMI-ALLOWED'), 'xmp:CreateDate': new Tag(0, '2024-01-01T00:00:00Z') })]);
    expect(evaluateC2pa(bytes, AI).filter((e) => e.effect === 'deny')).toEqual([]);
  });
});

describe('a C2PA stds.exif assertion’s copyright and rights fields', () => {
  it('a Copyright refusing AI training refuses, as the EXIF Copyright does', () => {
    const bytes = withStore([jsonAssertion('stds.exif', { '@context': { tiff: 'http://ns.adobe.com/tiff/1.0/' }, 'tiff:Copyright': '© Jane Doe. Not for AI training.' })]);
    expect(evaluateC2pa(bytes, AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['xmp-data-mining']);
  });

  it('a WebStatement there is the image’s licence statement', async () => {
    const bytes = withStore([jsonAssertion('stds.exif', { 'xmpRights:WebStatement': 'https://creativecommons.org/licenses/by-nc/4.0/', 'exif:DateTimeOriginal': '2024-01-01T00:00:00Z' })]);
    expect(await licenceIds(bytes)).toEqual(['CC-BY-NC-4.0']);
  });

  it('unchanged: an ordinary camera stds.exif assertion refuses nothing and states no licence', async () => {
    const bytes = withStore([jsonAssertion('stds.exif', { 'tiff:Make': 'Leica', 'tiff:Copyright': '© 2024 Jane Doe', 'exif:GPSLatitude': '39,21.102N' })]);
    expect(await licenceIds(bytes)).toEqual([]);
    expect(await denies(bytes)).toEqual([]);
  });
});

describe('a C2PA store Heed cannot walk whose bytes name a rights field', () => {
  const unwalkable = (content: unknown) => jpeg({ segments: app11Segments(superbox('c2pa', 'c2pa', superbox('c2ma', 'urn:uuid:1', superbox('c2as', 'c2pa.assertion-store-misnamed', jsonAssertion('c2pa.metadata', content))))) });

  it('a WebStatement or a rights expression there fails closed (signal-unreadable)', () => {
    expect(evaluateC2pa(unwalkable({ 'xmpRights:WebStatement': 'https://stock.example/licence/1' }), AI).map((e) => e.reason ?? e.effect)).toEqual(['signal-unreadable']);
    expect(evaluateC2pa(unwalkable({ 'Iptc4xmpExt:LinkedEncRightsExpr': [{ 'Iptc4xmpExt:LinkedRightsExpr': 'https://rights.example/p' }] }), AI).map((e) => e.reason ?? e.effect)).toEqual(['signal-unreadable']);
  });

  it('unchanged: one naming no rights field is provenance only (info)', () => {
    expect(evaluateC2pa(unwalkable({ 'dc:creator': ['Jane'] }), AI).map((e) => e.reason ?? e.effect)).toEqual(['info']);
  });
});
