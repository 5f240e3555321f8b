/**
 * Embedded rights metadata: XMP (IPTC Photo Metadata 2023.1+, PLUS LDF 1.2, XMP Part 1) and
 * legacy IPTC-IIM (IIM 4.2 datasets 2:80 By-line, 2:110 Credit, 2:116 Copyright Notice).
 * SIGNALS.md §7; DESIGN.md §2 rules 3 (plus:DataMining opt-out), 4 (embedded licence, the most
 * specific level) and 5 (present but unreadable fails closed); §3 (`synthetic`).
 *
 * Bytes → packet: `utils/media/embedded-xmp.ts` (exifr). Packet → properties, by namespace URI:
 * `utils/signals/xml/xmp-rdf.ts`. Properties → evidence: `evaluateEmbeddedRights` below.
 */
import { z } from 'zod';
import { lazily } from '../model/lazily';
import { readC2pa, type MetadataRights } from '../media/c2pa-store';
import { extractEmbedded, iimLegacyReadings, iimText, type RightsText } from '../media/embedded-xmp';
import type { Evidence, Licence } from '../model/evidence';
import { attributionLine, parseLicenceUrl } from '../model/licence-url';
import { MODEL_RELEASES_THAT_ALLOW, modelReleaseCode } from '../model/people';
import { plainLanguageRefusal } from './plain-refusal';
import { parseTdmReservation } from './tdmrep';
import type { PurposeProfile } from '../model/purposes';
import type { XmlElement } from './xml/parse';
import { allTextsOf, deepPropertyTexts, hasRdf, parseXmpPacket, propertyValues, readRdfProperties, structsOf, textsOf, type XmpProperty } from './xml/xmp-rdf';
import { clipText } from '../model/clip-text';

const NS = {
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
  dc: 'http://purl.org/dc/elements/1.1/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  plus: 'http://ns.useplus.org/ldf/xmp/1.0/',
  ext: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/',
} as const;

const MAX_TEXT = 2000;
const MAX_ITEMS = 50;

const Text = lazily(() => z.string().max(MAX_TEXT));
const Texts = lazily(() => z.array(Text).max(MAX_ITEMS));

/** What the image itself says about its rights (one image; absence proves nothing). */
export const EmbeddedRightsSchema = lazily(() => z.object({
  /** An XMP packet was found and parsed. */
  xmp: z.boolean(),
  /** IPTC-IIM (APP13) datasets were found. */
  iim: z.boolean(),
  webStatement: Text.nullable(),
  /** `cc:license` (Creative Commons' own XMP property): a licence statement as WebStatement is. */
  ccLicense: Text.nullable(),
  /** Further WebStatement / cc:license values (a second rdf:Description, an rdf:Alt): each is a licence statement too. */
  moreLicenceUrls: Texts.optional(),
  usageTerms: Text.nullable(),
  /** xmpRights:Marked: true = rights-managed, false = public domain, null = unknown. */
  marked: z.boolean().nullable(),
  rights: Text.nullable(),
  creators: Texts,
  title: Text.nullable(),
  credit: Text.nullable(),
  /** plus:DataMining values as written (full URI or bare ID). */
  dataMining: Texts,
  otherConstraints: Text.nullable(),
  modelReleaseStatus: Text.nullable(),
  propertyReleaseStatus: Text.nullable(),
  digitalSourceType: Text.nullable(),
  personsInImage: Texts,
  licensorUrls: Texts,
  iimCopyrightNotice: Text.nullable(),
  iimByline: Texts,
  iimCredit: Text.nullable(),
  /**
   * TDMRep `tdm:reservation` values (the XMP properties TDMRep defines for PDF), when any: an
   * image carrying them states its own reservation. Absent when there are none.
   */
  tdmReservations: Texts.optional(),
  /** `tdm:policy` values of the image's XMP (TDMRep), as written; absent when none. */
  tdmPolicies: Texts.optional(),
  /**
   * Rights text that refuses AI training or data mining in plain words (plain-refusal.ts), from
   * any language of XMP UsageTerms, dc:rights, photoshop:Instructions, plus:OtherConstraints, or
   * IPTC-IIM Copyright Notice / Special Instructions (as Latin-1, UTF-8, or a legacy East Asian
   * encoding: embedded-xmp.ts iimLegacyReadings). Absent when there is none.
   */
  /**
   * Creative Commons licence URLs written in the image's free-text rights fields (those of
   * plainRefusals, and photoshop:Credit / IIM Credit), distinct. Absent when there are none.
   */
  licenceUrlsInText: Texts.optional(),
  /**
   * Embedded Encoded Rights Expressions (Iptc4xmpExt:EmbdEncRightsExpr: ODRL, …) that state a
   * prohibition, as written (clipped). Absent when there are none.
   */
  prohibitingRightsExprs: Texts.optional(),
  /**
   * Every Embedded Encoded Rights Expression the image holds, prohibiting or not, as written
   * (clipped): the image's own licence statement (evaluateEmbeddedRights). Absent when there are none.
   */
  embeddedRightsExprs: Texts.optional(),
  /**
   * Linked Encoded Rights Expressions (Iptc4xmpExt:LinkedEncRightsExpr: the URL of an ODRL or
   * RightsML policy) the image points to, as written (their LinkedRightsExpr URLs, else every
   * word the property holds; clipped). Absent when there are none.
   */
  linkedRightsExprs: Texts.optional(),
  /**
   * C2PA manifest stores kept elsewhere that the image names (dcterms:provenance, C2PA's external
   * manifest reference), as written (clipped). Absent when there are none.
   */
  remoteManifests: Texts.optional(),
    // `field` names a rights field outside XMP and IIM (`EXIF Copyright`) for the evidence; `source` is then 'exif'.
    // `id`: what the whole text was read as, before clipping (a refusal past MAX_TEXT is not in `text`).
  plainRefusals: z.array(z.object({ source: z.enum(['xmp', 'iptc', 'exif']), field: z.string().max(40).optional(), id: z.enum(['DMI-PROHIBITED', 'DMI-PROHIBITED-AIMLTRAINING']).optional(), text: Text })).max(MAX_ITEMS).optional(),
}));
export type EmbeddedRights = z.infer<typeof EmbeddedRightsSchema>;
export type EmbeddedRightsResult = EmbeddedRights | { unreadable: string };

const clip = (s: string) => clipText(s, MAX_TEXT);
const first = (xs: string[]) => (xs[0] === undefined ? null : clip(xs[0]));
const list = (xs: string[]) => xs.slice(0, MAX_ITEMS).map(clip);

function texts(props: readonly XmpProperty[], ns: string, name: string): string[] {
  return propertyValues(props, ns, name).flatMap(textsOf);
}

/** The PLUS namespace URI as writers get it a little wrong: https, no trailing slash, any case. */
const PLUS_NS_LOOSE = /^https?:\/\/ns\.useplus\.org\/ldf\/xmp\/1\.0\/?$/i;

/**
 * Whether a name is plus:DataMining, read a little off too. Decision (DESIGN.md §2 rule 3, the
 * reading that cannot keep a refusal): XMP names are case-sensitive URIs, so `plus:dataMining` or
 * a PLUS namespace without its trailing slash is strictly another property; but the owner who
 * wrote `DMI-PROHIBITED` there refused, and the only thing such a spelling can do is refuse —
 * so it counts, as dataMiningId reads values written a little off. So does a `DataMining` whose
 * prefix is never declared (`plus:` without `xmlns:plus`; parse.ts gives it an
 * `urn:unbound-prefix:` namespace) or that is in no namespace: the writer meant PLUS's property,
 * and read as foreign its DMI-PROHIBITED was lost. A DataMining in a declared other namespace
 * stays foreign.
 */
function isDataMining(ns: string | null, name: string): boolean {
  return name.toLowerCase() === 'datamining' && (ns === null || ns.startsWith('urn:unbound-prefix:') || PLUS_NS_LOOSE.test(ns) || PLUS_HOST.test(ns));
}

/**
 * Any namespace of PLUS's own site (its vocabulary's `…/ldf/vocab/`, another LDF version): a
 * `DataMining` there is PLUS's property bound under the wrong URI, not another schema's.
 */
const PLUS_HOST = /^https?:\/\/(?:[a-z0-9-]+\.)*useplus\.(?:org|com)(?:[/#]|$)/i;

/** A PLUS vocabulary prohibition URI (`http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED…`) anywhere in a text. */
const PLUS_PROHIBITION_URI = /https?:\/\/ns\.useplus\.org\/ldf\/vocab\/DMI[-_]?PROHIBITED/i;

/**
 * Decision (DESIGN.md §2 rule 3): a `DataMining` in a declared other namespace stays foreign
 * (isDataMining) — unless its value is a PLUS vocabulary prohibition URI, which names PLUS's
 * refusal unmistakably; read as foreign, that refusal was lost. Its allowing URIs are not read.
 */
const foreignProhibitions = (roots: XmlElement[]) =>
  deepPropertyTexts(roots, (ns, local) => local.toLowerCase() === 'datamining' && !isDataMining(ns, local)).filter((t) => PLUS_PROHIBITION_URI.test(t));

/**
 * plus:DataMining values: those the XMP data model reads (in its order), then every other word
 * any DataMining in the packet holds (deepPropertyTexts: a value written outside the data model,
 * or a DataMining inside a struct, a misplaced rdf:Description or an ingredient's metadata).
 * Decision (DESIGN.md §2 rule 3): a prohibition the data model does not reach still refuses —
 * a DataMining anywhere in the image's metadata is the owner's, or the owner of content it is
 * made from (as c2pa.ts reads an ingredient's refusal); an allowing word found so only adds
 * `allow` evidence, which permits nothing.
 */
function dataMiningTexts(props: readonly XmpProperty[], roots: XmlElement[]): string[] {
  const modelled = props.filter((p) => isDataMining(p.ns, p.name)).flatMap((p) => textsOf(p.value));
  const seen = new Set(modelled);
  const deep = [...deepPropertyTexts(roots, isDataMining), ...foreignProhibitions(roots)];
  return [...modelled, ...deep.filter((t) => !seen.has(t))];
}

/** TDMRep's XMP namespace (SIGNALS.md §4.2: `http://www.w3.org/ns/tdmrep/`), with the `#` of its EPUB 3 prefix, any case. */
const TDMREP_NS_LOOSE = /^https?:\/\/www\.w3\.org\/ns\/tdmrep[/#]?$/i;

/**
 * `tdm:reservation` values of the image's XMP. TDMRep defines XMP properties for PDF and no
 * embedding for JPEG or PNG (SIGNALS.md §4.2), but a tool that writes them into an image states
 * the owner's reservation all the same. Decision (DESIGN.md §2 rule 3, the reading that cannot
 * keep a refusal): a `1` there reserves the image (evaluateEmbeddedRights); it only ever adds a
 * refusal, never lifts one found elsewhere. Its `tdm:policy` values too (a policy with no
 * reservation fails closed there).
 */
function tdmReservations(props: readonly XmpProperty[]): { tdmReservations?: string[]; tdmPolicies?: string[] } {
  const named = (name: string) => list(props.filter((p) => p.ns !== null && TDMREP_NS_LOOSE.test(p.ns) && p.name.toLowerCase() === name).flatMap((p) => textsOf(p.value)));
  const values = named('reservation');
  const policies = named('policy').filter((v) => v.trim() !== '');
  return { ...(values.length > 0 ? { tdmReservations: values } : {}), ...(policies.length > 0 ? { tdmPolicies: policies } : {}) };
}

/**
 * One plus:ModelReleaseStatus from the values the image states: the first that does not release
 * (MR-UMR / MR-NAP release, model/people.ts), else the first. Decision (DESIGN.md §2 rule 6, fail
 * closed): two statements that disagree (two rdf:Descriptions, an array, two packets) cannot both
 * hold, and the first alone let an MR-UMR before an MR-NON waive the people rule.
 */
function leastReleasing(values: string[]): string | null {
  return first(values.filter((v) => !releasesModel(v))) ?? first(values);
}

const releasesModel = (v: string) => (MODEL_RELEASES_THAT_ALLOW as readonly string[]).includes(modelReleaseCode(v));

/**
 * plus:ModelReleaseStatus values: those in PLUS's namespace as written, then those that do not
 * release from a ModelReleaseStatus written a little off (`plus:modelReleaseStatus`, a PLUS
 * namespace without its trailing slash or over https, a prefix never declared, no namespace).
 * Decision (DESIGN.md §2 rule 6, fail closed), as isDataMining reads the opt-out: read strictly,
 * such an MR-NON or MR-LMR beside an MR-UMR in the right namespace was another property and the
 * MR-UMR waived the people rule; read loosely, a misspelt MR-UMR could waive it. So a loose
 * spelling counts only when it does not release.
 */
function modelReleaseTexts(props: readonly XmpProperty[]): string[] {
  const isStrict = (p: XmpProperty) => p.ns === NS.plus && p.name === 'ModelReleaseStatus';
  const isLoose = (p: XmpProperty) => !isStrict(p) && p.name.toLowerCase() === 'modelreleasestatus' && (undeclared(p.ns) || (p.ns !== null && PLUS_NS_LOOSE.test(p.ns)));
  const loose = props.filter(isLoose).flatMap((p) => textsOf(p.value)).filter((v) => !releasesModel(v));
  return [...texts(props, NS.plus, 'ModelReleaseStatus'), ...loose];
}

/** xmpRights's namespace as writers get it a little wrong: https, no trailing slash, any case. */
const XMP_RIGHTS_NS_LOOSE = /^https?:\/\/ns\.adobe\.com\/xap\/1\.0\/rights\/?$/i;

/**
 * Namespaces whose `license` property states a licence: Creative Commons' (`cc:`, http or https,
 * and its first, `http://web.resource.org/cc/`, which older CC tools wrote), DCMI Terms
 * (`dcterms:license`), the XHTML vocabulary and schema.org (whose `license` CC REL and Google read).
 */
const LICENCE_NS_LOOSE = /^https?:\/\/(?:creativecommons\.org\/ns#?|web\.resource\.org\/cc\/?|purl\.org\/dc\/terms\/?|www\.w3\.org\/1999\/xhtml\/vocab#?|schema\.org\/?)$/i;

/** A prefix the packet never declares (parse.ts), or no namespace at all. */
const undeclared = (ns: string | null) => ns === null || ns.startsWith('urn:unbound-prefix:');

/**
 * The image's own licence statements, read a little off too. Decision (DESIGN.md §2 rule 4, the
 * most specific level, read so it cannot keep what the owner refused): an xmpRights:WebStatement
 * or a `license` written in a namespace variant, under a prefix never declared, or in a form
 * outside the XMP data model (text beside attributes, a second container: allTextsOf) is still the
 * image's own statement — read strictly, a CC BY-NC stated so was lost and the page's CC BY
 * permitted the image. Each is a statement like cc:license, so a licence not accepted refuses and
 * two that differ conflict. Only top-level properties: a licence inside a struct (an ingredient's
 * metadata in xmpMM:Pantry) is another work's.
 */
const isWebStatement = (p: XmpProperty) => p.name.toLowerCase() === 'webstatement' && (undeclared(p.ns) || (p.ns !== null && XMP_RIGHTS_NS_LOOSE.test(p.ns)));
const isLicence = (p: XmpProperty) => (p.name.toLowerCase() === 'license' || p.name.toLowerCase() === 'licence') && (undeclared(p.ns) || (p.ns !== null && LICENCE_NS_LOOSE.test(p.ns)));
/**
 * xmpRights:Marked written a little off: the namespace over https or without its trailing slash,
 * a prefix never declared, or none. Decision (DESIGN.md §2 rule 4, read as isWebStatement reads
 * the licence URL): a True stated so is the owner's rights-managed statement, and read strictly
 * the page's CC BY licensed the image; a loose False is not read (it can only lift a statement).
 */
const isLooseMarked = (p: XmpProperty) => p.name.toLowerCase() === 'marked' && !(p.ns === NS.xmpRights && p.name === 'Marked') && (undeclared(p.ns) || (p.ns !== null && XMP_RIGHTS_NS_LOOSE.test(p.ns)));
const statementTexts = (props: readonly XmpProperty[], is: (p: XmpProperty) => boolean) => props.filter(is).flatMap(allTextsOf);

/** WebStatement and cc:license values after the first of each (absent when there are none). */
function moreLicenceUrls(webStatements: string[], licences: string[]): { moreLicenceUrls?: string[] } {
  const more = list([...webStatements.slice(1), ...licences.slice(1)]);
  return more.length > 0 ? { moreLicenceUrls: more } : {};
}

/**
 * The image's free-text rights fields by lower-case name, each with its namespace as writers get
 * it a little wrong (https, no trailing slash, any case). Decision (DESIGN.md §2 rule 3, as
 * isWebStatement reads the licence URL): what is read from them can only refuse (plain-refusal.ts,
 * a licence named that assess.ts reads as a credit line's), so one written a little off, under a
 * prefix never declared, or outside the data model (allTextsOf) counts too.
 */
const FREE_TEXT_RIGHTS: ReadonlyMap<string, RegExp> = new Map([
  ['usageterms', XMP_RIGHTS_NS_LOOSE],
  ['rights', /^https?:\/\/purl\.org\/dc\/elements\/1\.1\/?$/i],
  ['instructions', /^https?:\/\/ns\.adobe\.com\/photoshop\/1\.0\/?$/i],
  ['otherconstraints', PLUS_NS_LOOSE],
]);
const isFreeTextRights = (p: XmpProperty) => {
  const ns = FREE_TEXT_RIGHTS.get(p.name.toLowerCase());
  return ns !== undefined && (undeclared(p.ns) || (p.ns !== null && ns.test(p.ns)));
};

/**
 * The texts that refuse in plain words (plain-refusal.ts), each searched whole before clipping.
 * Decision (DESIGN.md §2 rule 3): every language alternative is read, not only x-default (which
 * is all the evidence shows): an `en` item saying "AI training prohibited" beside an x-default
 * "Editorial use only" is the owner's refusal all the same.
 */
function plainRefusals(xmpTexts: string[], iimTexts: string[], otherTexts: RightsText[] = []): Pick<EmbeddedRights, 'plainRefusals'> {
  const found = [
    ...xmpTexts.map((text) => ({ source: 'xmp' as const, text })),
    ...iimTexts.map((text) => ({ source: 'iptc' as const, text })),
    // `exif` stands for every rights field outside XMP and IIM (EXIF Copyright, PNG Copyright/Disclaimer); `field` names it.
    ...otherTexts.map(({ field, text }) => ({ source: 'exif' as const, field, text })),
  ].flatMap((t) => {
    const id = plainLanguageRefusal(t.text);
    return id === null ? [] : [{ ...t, id }];
  });
  // The id is kept beside the clipped text: evaluateEmbeddedRights read the clipped text again, so
  // a refusal past its first MAX_TEXT characters (after a long notice, or padding) was lost there.
  return found.length > 0 ? { plainRefusals: found.slice(0, MAX_ITEMS).map((t) => ({ ...t, text: clip(t.text) })) } : {};
}

/** A Creative Commons licence or public-domain tool URL in text (scheme and `www.` optional). */
// Quotes written \x22 \x27: a quote character in the literal reads as a string to the source checks (conventions/worker-startup.test.ts).
const CC_URL_IN_TEXT = /(?:https?:\/\/)?(?:www\.)?creativecommons\.org\/(?:licenses|publicdomain)\/[^\s\x22\x27<>()[\]{},;]+/gi;
/** More distinct licence URLs in an image's rights text than any credit states. */
const MAX_TEXT_LICENCES = 16;
export const TEXT_LICENCES_UNREAD = 'licences named in the rights text (not read in full)';

/**
 * The licence URLs the image's rights text names (CC_URL_IN_TEXT), distinct, a trailing `.` of
 * the sentence dropped. Past MAX_TEXT_LICENCES the rest is unread: TEXT_LICENCES_UNREAD stands
 * for it (a licence no one accepts: it may be the one that refuses; DESIGN.md §2 rule 5).
 */
function licenceUrlsInText(textsToSearch: string[]): Pick<EmbeddedRights, 'licenceUrlsInText'> {
  const urls = [...new Set(textsToSearch.flatMap((t) => t.match(CC_URL_IN_TEXT) ?? []).map((u) => u.replace(/\.+$/, '')))];
  if (urls.length === 0) return {};
  return { licenceUrlsInText: urls.length > MAX_TEXT_LICENCES ? [...urls.slice(0, MAX_TEXT_LICENCES).map(clip), TEXT_LICENCES_UNREAD] : urls.map(clip) };
}

/**
 * The image's Embedded Encoded Rights Expressions that speak of a prohibition (ODRL's
 * `prohibition`). Decision (DESIGN.md §2 rule 5, as a plus:DataMining value that speaks of a
 * prohibition Heed cannot read): Heed does not evaluate rights expressions, and one that states a
 * prohibition may prohibit this use, so it fails closed; one that states none stays unread
 * (it grants nothing). Read wherever the packet holds it (deepPropertyTexts), any namespace.
 */
function prohibitingRightsExprs(roots: XmlElement[]): Pick<EmbeddedRights, 'prohibitingRightsExprs' | 'embeddedRightsExprs'> {
  const all = deepPropertyTexts(roots, (_ns, local) => local.toLowerCase() === 'embdencrightsexpr').filter((t) => t.trim() !== '');
  const found = all.filter((t) => /prohibit/i.test(t));
  return { ...(found.length > 0 ? { prohibitingRightsExprs: list(found) } : {}), ...(all.length > 0 ? { embeddedRightsExprs: list(all) } : {}) };
}

/**
 * The rights expressions the image links to (Iptc4xmpExt:LinkedEncRightsExpr), wherever the packet
 * holds one (deepPropertyTexts), any namespace: each one's LinkedRightsExpr URL, or, when it names
 * none Heed can find, every word it holds. evaluateEmbeddedRights fails closed on them.
 */
function linkedRightsExprs(roots: XmlElement[]): Pick<EmbeddedRights, 'linkedRightsExprs'> {
  const urls = deepPropertyTexts(roots, (_ns, local) => local.toLowerCase() === 'linkedrightsexpr');
  const found = urls.length > 0 ? urls : deepPropertyTexts(roots, (_ns, local) => local.toLowerCase() === 'linkedencrightsexpr');
  return found.length > 0 ? { linkedRightsExprs: list(found) } : {};
}

/** DCMI Terms' namespace as writers get it a little wrong: https, no trailing slash, any case. */
const DCTERMS_NS_LOOSE = /^https?:\/\/purl\.org\/dc\/terms\/?$/i;

/**
 * The C2PA manifest stores the image names by URL (dcterms:provenance, C2PA's external manifest),
 * wherever the packet holds one, under DCMI Terms' namespace (a little off too) or a prefix never
 * declared. evaluateEmbeddedRights fails closed on them (c2pa.ts remoteManifestEvidence: the same
 * decision for the response's Link header). Only an http(s) URL is one: C2PA writes
 * `self#jumbf=/c2pa/…` there for the store embedded in the file (which c2pa.ts reads), and
 * dcterms:provenance is also DCMI's prose statement of custody ("Gift of the artist, 1950"),
 * neither of which points at a manifest kept elsewhere.
 */
function remoteManifests(roots: XmlElement[]): Pick<EmbeddedRights, 'remoteManifests'> {
  const found = deepPropertyTexts(roots, (ns, local) => local.toLowerCase() === 'provenance' && (undeclared(ns) || (ns !== null && DCTERMS_NS_LOOSE.test(ns))))
    .filter((t) => /^https?:\/\/\S+$/i.test(t.trim()));
  return found.length > 0 ? { remoteManifests: list(found) } : {};
}

function fromXmp(props: readonly XmpProperty[], roots: XmlElement[]): Omit<EmbeddedRights, 'xmp' | 'iim' | 'iimCopyrightNotice' | 'iimByline' | 'iimCredit'> {
  // Any True wins (fail closed): a False before it would read as public domain, no rights statement.
  // A Marked written a little off (isLooseMarked) counts only when True, as a loose release counts only when it releases nothing.
  // XMP Booleans are `True`/`False` (Part 1 §8.2.1.1); a `1` or `yes` was meant as True and a `0`
  // or `no` as False (read as unknown, a `1` stated no rights and the page licence applied).
  const booleanOf = (v: string) => (/^(?:true|1|yes)$/i.test(v) ? 'true' : /^(?:false|0|no)$/i.test(v) ? 'false' : v.toLowerCase());
  const looseTrue = props.filter(isLooseMarked).flatMap((p) => textsOf(p.value)).filter((v) => booleanOf(v) === 'true');
  const markedValues = [...texts(props, NS.xmpRights, 'Marked'), ...looseTrue].map(booleanOf);
  const marked = markedValues.includes('true') ? 'true' : markedValues[0];
  const webStatements = statementTexts(props, isWebStatement);
  const licences = statementTexts(props, isLicence);
  const licensorUrls = propertyValues(props, NS.plus, 'Licensor')
    .flatMap(structsOf)
    .flatMap((fields) => fields.filter((f) => f.ns === NS.plus && f.name === 'LicensorURL').flatMap((f) => textsOf(f.value)));
  return {
    webStatement: first(webStatements),
    ccLicense: first(licences),
    ...moreLicenceUrls(webStatements, licences),
    usageTerms: first(texts(props, NS.xmpRights, 'UsageTerms')),
    marked: marked === 'true' ? true : marked === 'false' ? false : null,
    rights: first(texts(props, NS.dc, 'rights')),
    creators: list(texts(props, NS.dc, 'creator')),
    title: first(texts(props, NS.dc, 'title')),
    credit: first(texts(props, NS.photoshop, 'Credit')),
    dataMining: list(dataMiningTexts(props, roots)),
    otherConstraints: first(texts(props, NS.plus, 'OtherConstraints')),
    modelReleaseStatus: leastReleasing(modelReleaseTexts(props)),
    propertyReleaseStatus: first(texts(props, NS.plus, 'PropertyReleaseStatus')),
    digitalSourceType: first(texts(props, NS.ext, 'DigitalSourceType')),
    personsInImage: list(texts(props, NS.ext, 'PersonInImage')),
    licensorUrls: list(licensorUrls),
    ...tdmReservations(props),
    ...prohibitingRightsExprs(roots),
    ...linkedRightsExprs(roots),
    ...remoteManifests(roots),
  };
}

/**
 * The image's rights fields as its C2PA metadata assertions state them (c2pa-store.ts
 * MetadataRights: `c2pa.metadata`, `cawg.metadata`, `stds.iptc`, JSON-LD in CBOR or JSON), merged
 * into its XMP's. Decision (DESIGN.md §2 rules 3–5, the reading that cannot keep what the owner
 * refused): those assertions carry the image's own IPTC/XMP metadata, so what they state is read
 * as the same field in the XMP is, by evaluateEmbeddedRights — before, only their DataMining and
 * free-text rights were read (c2pa.ts), and a CC BY-NC WebStatement, Marked True, a LicensorURL,
 * a rights expression, a tdm:reservation 1 or a remote manifest stated only there was lost: the
 * page's CC BY licensed the image, or opt-out mode kept a reserved one.
 * - Licence statements (WebStatement, cc:license, Marked True, LicensorURL, an Embedded Encoded
 *   Rights Expression) of the active manifest are further statements beside the XMP's
 *   (moreLicenceUrls, …): the same licence twice is one, a different one conflicts (rule 4). An
 *   ingredient's are another work's, as a licence in xmpMM:Pantry is in the XMP: not read.
 * - Fields that can only refuse (a prohibiting or linked rights expression, a remote manifest,
 *   tdm:reservation) bind from every manifest, as c2pa.ts reads an ingredient's DataMining refusal.
 * - plus:ModelReleaseStatus of the active manifest counts with the XMP's (leastReleasing, rule 6).
 * - CC licence URLs in the active manifest's free-text rights fields are `named` as the XMP's are.
 * A metadata assertion that cannot be decoded is failed closed by c2pa.ts (c2pa-store.ts readMetadata).
 */
function withC2paMetadata(rights: EmbeddedRights, bytes: Uint8Array): EmbeddedRights {
  const reading = readC2pa(bytes);
  if (!reading.present || !reading.readable) return rights;
  const every = reading.metadataRights ?? [];
  const own = every.filter((m) => m.active);
  const from = (ms: MetadataRights[], f: (m: MetadataRights) => string[]) => ms.flatMap(f).filter((t) => t.trim() !== '');
  const extend = (xs: string[] | undefined, add: string[]) => {
    const all = [...(xs ?? []), ...add.filter((t) => !(xs ?? []).includes(t))];
    return all.length > 0 ? all : undefined;
  };
  const optional = <K extends string>(key: K, xs: string[] | undefined) => (xs === undefined ? {} : { [key]: xs } as Record<K, string[]>);
  const statements = from(own, (m) => [...m.webStatements, ...m.licences]).map(clip);
  const marked = from(own, (m) => m.marked).some((v) => /^(?:true|1|yes)$/i.test(v.trim())) ? true : rights.marked;
  const exprs = from(own, (m) => m.embeddedRightsExprs);
  // A prohibition is looked for before clipping (as prohibitingRightsExprs reads the XMP's).
  const prohibiting = from(every, (m) => m.embeddedRightsExprs).filter((t) => /prohibit/i.test(t)).map(clip);
  const releases = [...(rights.modelReleaseStatus === null ? [] : [rights.modelReleaseStatus]), ...from(own, (m) => m.modelReleases)];
  const textUrls = licenceUrlsInText((reading.rightsTexts ?? []).filter((t) => t.active).flatMap((t) => t.values)).licenceUrlsInText ?? [];
  return {
    ...rights,
    ...optional('moreLicenceUrls', extend(rights.moreLicenceUrls, statements)),
    marked,
    licensorUrls: extend(rights.licensorUrls, from(own, (m) => m.licensorUrls).map(clip)) ?? [],
    modelReleaseStatus: leastReleasing(releases),
    ...optional('tdmReservations', extend(rights.tdmReservations, from(every, (m) => m.tdmReservations).map(clip))),
    ...optional('tdmPolicies', extend(rights.tdmPolicies, from(every, (m) => m.tdmPolicies).map(clip))),
    ...optional('embeddedRightsExprs', extend(rights.embeddedRightsExprs, exprs.map(clip))),
    ...optional('prohibitingRightsExprs', extend(rights.prohibitingRightsExprs, prohibiting)),
    ...optional('linkedRightsExprs', extend(rights.linkedRightsExprs, from(every, (m) => m.linkedRightsExprs).map(clip))),
    ...optional('remoteManifests', extend(rights.remoteManifests, from(every, (m) => m.provenance).filter((t) => /^https?:\/\/\S+$/i.test(t.trim())).map(clip))),
    ...optional('licenceUrlsInText', extend(rights.licenceUrlsInText, textUrls)),
  };
}

/**
 * Read XMP and IPTC-IIM rights fields from image bytes. `{unreadable}` when an XMP packet is
 * present but cannot be parsed (DESIGN.md §2 rule 5); all-empty fields when there is none.
 */
export async function readEmbeddedRights(bytes: Uint8Array): Promise<EmbeddedRightsResult> {
  try {
    const raw = await extractEmbedded(bytes);
    let props: XmpProperty[] = [];
    let roots: XmlElement[] = [];
    if (raw.xmpDeclared) {
      if (raw.xmp === null) return { unreadable: `XMP present but could not be extracted${raw.why ? `: ${raw.why}` : ''}` };
      const xml = parseXmpPacket(raw.xmp);
      if (!xml.ok) return { unreadable: `XMP: ${xml.error}` };
      if (!hasRdf(xml.value)) return { unreadable: 'XMP: no rdf:RDF in packet' };
      roots = xml.value;
      props = readRdfProperties(roots);
      const pastCap = dataMiningPastCap(dataMiningTexts(props, roots));
      if (pastCap !== null) return { unreadable: `XMP: plus:DataMining ${pastCap}` };
    }
    if (raw.rightsLost !== undefined) return { unreadable: raw.rightsLost };
    const iim = raw.iim ?? {};
    const freeXmp = props.filter(isFreeTextRights).flatMap(allTextsOf);
    const freeIim = [...iimText(iim.CopyrightNotice), ...iimText(iim.SpecialInstructions)];
    // A text in a legacy East Asian encoding refuses as the first reading that refuses says
    // (once, and only where its Latin-1 reading did not already refuse).
    const legacyIim = [...iimLegacyReadings(iim.CopyrightNotice), ...iimLegacyReadings(iim.SpecialInstructions)]
      .flatMap(({ text, readings }) => (plainLanguageRefusal(text) !== null ? [] : readings.filter((r) => plainLanguageRefusal(r) !== null).slice(0, 1)));
    const credits = [...texts(props, NS.photoshop, 'Credit'), ...iimText(iim.Credit)];
    const rights: EmbeddedRights = {
      xmp: raw.xmpDeclared,
      iim: Object.keys(iim).length > 0,
      ...fromXmp(props, roots),
      iimCopyrightNotice: first(iimText(iim.CopyrightNotice)),
      iimByline: list(iimText(iim.Byline)),
      iimCredit: first(iimText(iim.Credit)),
      // EXIF Copyright (embedded-xmp.ts exifCopyrights) refuses as IIM Copyright Notice does. Not
      // searched for licence URLs (licenceUrlsInText): that is licence reading, left as it was.
      ...plainRefusals(freeXmp, [...freeIim, ...legacyIim], raw.rightsTexts ?? []),
      ...licenceUrlsInText([...freeXmp, ...freeIim, ...credits]),
    };
    const checked = EmbeddedRightsSchema.safeParse(withC2paMetadata(rights, bytes));
    return checked.success ? checked.data : { unreadable: 'embedded metadata out of bounds' };
  } catch (e) {
    // A bug, not bad input (every reader above is bounded and non-throwing): fail closed.
    return { unreadable: `embedded metadata: ${e instanceof Error ? e.message : String(e)}` };
  }
}


// ---------- evaluation ----------

/** The nine PLUS Data Mining IDs (ns.useplus.org/ldf/vocab/, IPTC 2023.1; SIGNALS.md §7.2). */
export const DMI_IDS = [
  'DMI-UNSPECIFIED',
  'DMI-ALLOWED',
  'DMI-PROHIBITED-AIMLTRAINING',
  'DMI-PROHIBITED-GENAIMLTRAINING',
  'DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING',
  'DMI-PROHIBITED',
  'DMI-PROHIBITED-SEECONSTRAINT',
  'DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR',
  'DMI-PROHIBITED-SEELINKEDRIGHTSEXPR',
] as const;
const PLUS_VOCAB = /^https?:\/\/ns\.useplus\.org\/ldf\/vocab\//i;

const lettersOnly = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '');
const DMI_BY_LETTERS: ReadonlyMap<string, string> = new Map(DMI_IDS.map((id) => [lettersOnly(id), id]));

/**
 * A plus:DataMining value (full vocabulary URI, bare ID or `plus:` QCode) → its ID, or null if
 * unknown. Spellings a little off (a trailing slash, `_` or extra `-`: `DMI-PROHIBITED-AI-ML-
 * TRAINING`) are the ID they spell; any other prohibition (`DMI-PROHIBITED-SEE-CONSTRAINT`, the
 * label "Prohibited for AI/ML training") reads as DMI-PROHIBITED — every DMI-PROHIBITED* value
 * restricts (SIGNALS.md §7.2), and the owner's prohibition must not fall through as unknown
 * (DESIGN.md §2 rule 3; fail closed).
 */
export function dataMiningId(value: string): string | null {
  const bare = value.trim().replace(PLUS_VOCAB, '').replace(/^plus:/i, '').replace(/\/+$/, '');
  const id = bare.toUpperCase();
  if ((DMI_IDS as readonly string[]).includes(id)) return id;
  const letters = lettersOnly(bare.slice(0, 200));
  const known = DMI_BY_LETTERS.get(letters);
  if (known) return known;
  // DMI-UNSPECIFIED's PLUS label ("Unspecified - no prohibition defined") is that ID, not prose
  // about a prohibition (speaksOfProhibition).
  if (letters === 'UNSPECIFIED' || letters === 'UNSPECIFIEDNOPROHIBITIONDEFINED') return 'DMI-UNSPECIFIED';
  return letters.startsWith('DMIPROHIBITED') || letters.startsWith('PROHIBITED') ? 'DMI-PROHIBITED' : null;
}

/** A DMI ID as written in a list: the vocabulary URI, a `plus:` QCode or bare. */
const DMI_TOKEN = /^(?:https?:\/\/ns\.useplus\.org\/ldf\/vocab\/|plus:)?DMI/i;

/** A prohibiting DMI ID written anywhere, even inside other text: `DMI-PROHIBITED…`, any case, `-`, `_` or a blank. */
const PROHIBITING_ANYWHERE = /DMI[-_ ]?PROHIBITED[A-Z_-]*/gi;

/**
 * The IDs one plus:DataMining value holds. The property takes one; a value listing several
 * (`DMI-ALLOWED DMI-PROHIBITED`) is read as each of them (DESIGN.md §2 rule 3: read as one, the
 * prohibition after another ID was lost). A value with other text in it (`junk DMI-PROHIBITED`,
 * `see http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING`) is read as the prohibiting
 * IDs found anywhere in it, each keeping its scope — the stricter reading (DESIGN.md §2 rule 3):
 * read as one unknown value, the prohibition had no effect. Prose never grants: an allowing ID
 * in it is not read. A value with none is one value (an ID, a label, or unknown).
 */
export function dataMiningValues(value: string): string[] {
  const pieces = value.split(/[\s,;]+/).filter(Boolean);
  const tokens = pieces.filter((t) => DMI_TOKEN.test(t));
  if (tokens.length > 0 && tokens.length === pieces.length) return tokens.length > 1 ? tokens : [value];
  const prohibiting = new Set((value.match(PROHIBITING_ANYWHERE) ?? []).map((m) => dataMiningId(m) ?? 'DMI-PROHIBITED'));
  return prohibiting.size > 0 ? [...prohibiting] : [value];
}

const dmiTokens = (value: string) => value.split(/[\s,;]+/).filter((t) => DMI_TOKEN.test(t));

/**
 * A plus:DataMining value that no ID or label reading understands. Decision: SIGNALS.md §7.2
 * says an unknown value is unknown (DMI-UNSPECIFIED: no prohibition defined), so a value that
 * names no prohibition (`DMI-SEE-CONSTRAINT`, free text) stays info. One that speaks of a
 * prohibition in words Heed cannot read (`Data mining prohibited`, a PLUS label after prose) may
 * be the owner's refusal: it fails closed (`signal-unreadable`, DESIGN.md §2 rule 5).
 */
const speaksOfProhibition = (value: string) => /prohibit/i.test(value);

/** More DMI IDs in one plus:DataMining value than any writer puts there. */
const MAX_DMI_IDS = 20;

/**
 * Why plus:DataMining is past what Heed reads, or null. Decision (DESIGN.md §2 rule 5, fail
 * closed): a value past the 50th, an ID past the 20th in one value or a value's text past its
 * 2,000th character would go unread, and it may be the prohibition; the packet is unreadable.
 */
function dataMiningPastCap(values: string[]): string | null {
  if (values.length > MAX_ITEMS) return `has more than ${MAX_ITEMS} values`;
  if (values.some((v) => v.length > MAX_TEXT)) return `has a value longer than ${MAX_TEXT} characters`;
  if (values.some((v) => dmiTokens(v).length > MAX_DMI_IDS)) return `has a value listing more than ${MAX_DMI_IDS} IDs`;
  return null;
}

// IPTC Digital Source Type NewsCodes (cv.iptc.org/newscodes/digitalsourcetype, release
// 2024-10-23: 20 codes). Machine-generated media → synthetic; captures, digitisations and
// human-made or human-edited media → not synthetic. `dataDrivenMedia`, `virtualRecording`,
// `composite` and the retired `softwareImage` say too little either way → unknown (null).
const SYNTHETIC_CODES = ['trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia', 'compositeSynthetic', 'algorithmicMedia'];
const CAPTURED_CODES = [
  'digitalCapture', 'computationalCapture', 'negativeFilm', 'positiveFilm', 'print', 'minorHumanEdits',
  'humanEdits', 'algorithmicallyEnhanced', 'compositeCapture', 'screenCapture', 'digitalArt', 'digitalCreation',
];
const DST_VOCAB = /^(?:https?:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\/|digsrctype:)/i;

/** A DigitalSourceType value (URI, `digsrctype:` QCode or bare code) → its code; null for other vocabularies. */
export function digitalSourceTypeCode(value: string): string | null {
  const v = value.trim();
  const code = v.replace(DST_VOCAB, '').replace(/\/$/, '');
  if (code === v && /[/:]/.test(v)) return null;
  return /^[A-Za-z]{1,64}$/.test(code) ? code : null;
}

/** true for generated media, false for captured or human-made media, null when unknown or absent. */
export function isSyntheticSourceType(value: string | null): boolean | null {
  const code = value === null ? null : digitalSourceTypeCode(value)?.toLowerCase();
  if (!code) return null;
  if (SYNTHETIC_CODES.some((c) => c.toLowerCase() === code)) return true;
  if (CAPTURED_CODES.some((c) => c.toLowerCase() === code)) return false;
  return null;
}

// PLUS LDF release-status codes (ns.useplus.org/ldf/vocab/MR-*, PR-*).
const RELEASE_LABELS: Record<string, string> = {
  'MR-NON': 'no model release', 'MR-NAP': 'model release not applicable',
  'MR-UMR': 'unlimited model releases', 'MR-LMR': 'limited or incomplete model releases',
  'PR-NON': 'no property release', 'PR-NAP': 'property release not applicable',
  'PR-UPR': 'unlimited property releases', 'PR-LPR': 'limited or incomplete property releases',
};

export interface EmbeddedRightsEvaluation {
  evidence: Evidence[];
  /**
   * Licence from xmpRights:WebStatement (or cc:license), source `xmp`, with attribution; or, when
   * the image states rights without a recognised licence, that statement (id null: not accepted).
   */
  licence: Licence | null;
  /**
   * Every distinct licence statement of the image's own metadata, given when there is more than
   * one (the first is `licence`): more than one is a conflict at the most specific level (DESIGN.md §2 rule 4), which the decision refuses.
   */
  licences?: Licence[];
  /** From Iptc4xmpExt:DigitalSourceType; null when absent or not decisive. */
  synthetic: boolean | null;
  /**
   * Licences the image's free-text rights fields name by URL (source `xmp`): not licence
   * statements of themselves — assess.ts reads them as a credit line's plain links (they can
   * only refuse). Absent when there are none.
   */
  named?: Licence[];
}

/**
 * Every licence an image's own metadata states, from its evaluation: `licences` when given (more
 * than one), else its one `licence`, else none.
 */
export function statedLicences(evaluation: { licence: Licence | null; licences?: Licence[] }): Licence[] {
  return evaluation.licences?.length ? evaluation.licences : evaluation.licence ? [evaluation.licence] : [];
}

/**
 * Evidence for plus:DataMining values under a purpose, wherever the image states them (its XMP;
 * a C2PA metadata assertion, c2pa.ts): a prohibition for the purpose denies (`xmp-data-mining`),
 * prose speaking of a prohibition Heed cannot read denies (`signal-unreadable`), the rest is info
 * (DMI-ALLOWED: allow, which permits nothing by itself). `where` names the statement in the notes.
 */
export function dataMiningEvidence(
  values: readonly string[],
  profile: PurposeProfile,
  at: { kind: 'xmp' | 'c2pa'; source: string; otherConstraints?: string | null; where?: string },
): Evidence[] {
  const evidence: Evidence[] = [];
  const where = at.where ?? "The image's own metadata";
  const base = { kind: at.kind, scope: 'image' as const, source: at.source };
  const info = (value: string, note: string, effect: Evidence['effect'] = 'info') => evidence.push({ ...base, value: clip(value), effect, note });
  for (const raw of values.flatMap(dataMiningValues)) {
    const id = dataMiningId(raw);
    const value = `plus:DataMining=${id ?? raw}`;
    if (id === null && speaksOfProhibition(raw)) {
      evidence.push({
        ...base, value: clip(value), effect: 'deny', reason: 'signal-unreadable',
        note: 'Not a PLUS Data Mining ID, but it speaks of a prohibition Heed cannot read (fails closed).',
      });
    } else if (id === null) {
      info(value, 'Not a PLUS Data Mining ID; no effect.');
    } else if (profile.dataMiningProhibited.includes(id)) {
      const see = id === 'DMI-PROHIBITED-SEECONSTRAINT' && at.otherConstraints ? ` Other constraints: "${at.otherConstraints}".` : '';
      evidence.push({
        ...base, value: clip(value), effect: 'deny', reason: 'xmp-data-mining',
        note: clip(`${where} prohibits data mining for this purpose (${id}).${see}`),
      });
    } else if (id === 'DMI-ALLOWED') {
      info(value, `${where} allows data mining.`, 'allow');
    } else {
      info(value, id === 'DMI-UNSPECIFIED' ? 'Data mining: no prohibition stated.' : `${id} does not bind ${profile.purpose}.`);
    }
  }
  return evidence;
}

/**
 * Evidence for one image's embedded metadata under a purpose: a DataMining prohibition denies
 * (`xmp-data-mining`), an unreadable packet denies (`signal-unreadable`), the rest is info.
 */
export function evaluateEmbeddedRights(rights: EmbeddedRightsResult, profile: PurposeProfile): EmbeddedRightsEvaluation {
  if ('unreadable' in rights) {
    return {
      evidence: [{
        kind: 'xmp', scope: 'image', source: 'xmp', value: clip(rights.unreadable), effect: 'deny', reason: 'signal-unreadable',
        note: 'The image carries XMP metadata that cannot be read, so any opt-out in it cannot be ruled out (fails closed).',
      }],
      licence: null,
      synthetic: null,
    };
  }
  const evidence: Evidence[] = [];
  const add = (kind: 'xmp' | 'iptc', value: string, note: string, effect: Evidence['effect'] = 'info') =>
    evidence.push({ kind, scope: 'image', source: kind, value: clip(value), effect, note });

  evidence.push(...dataMiningEvidence(rights.dataMining, profile, { kind: 'xmp', source: 'xmp', otherConstraints: rights.otherConstraints }));
  for (const raw of rights.tdmReservations ?? []) {
    const value = `tdm:reservation=${raw}`;
    // Read as the header, meta and tdmrep.json values are (tdmrep.ts parseTdmReservation). Decision
    // (DESIGN.md §2 rule 5, as tdmrep.ts deviates from the spec's "unset"): a value other than 0 or 1
    // (`true`, `yes`, `1.0`) is present but unreadable, and fails closed. Read as unset here, it kept
    // an image whose header saying the same would have refused it.
    const said = parseTdmReservation(raw);
    if (said === 1) {
      evidence.push({ kind: 'tdmrep', scope: 'image', source: 'xmp', value: clip(value), effect: 'deny', reason: 'tdm-reserved', note: "The image's own metadata reserves text and data mining rights (TDMRep tdm:reservation 1; EU CDSM Art. 4 opt-out)." });
    } else if (said === 'invalid') {
      evidence.push({ kind: 'tdmrep', scope: 'image', source: 'xmp', value: clip(value), effect: 'deny', reason: 'signal-unreadable', note: "The image's own tdm:reservation is not 0 or 1 (a TDMRep protocol error): it may be a reservation written another way, so Heed fails closed." });
    } else {
      evidence.push({ kind: 'tdmrep', scope: 'image', source: 'xmp', value: clip(value), effect: 'info', note: said === 0 ? "The image's own metadata says text and data mining rights are not reserved (it lifts no reservation found elsewhere)." : 'Empty: no reservation stated.' });
    }
  }
  // A tdm:policy with no tdm:reservation 0 or 1 beside it: TDMRep defines a policy only beside a
  // reservation, so the value is missing. Decision (DESIGN.md §2 rules 3 and 5), as tdmrep.ts
  // policyOnly reads a header, meta or tdmrep.json rule written so: it fails closed.
  const reservationStated = (rights.tdmReservations ?? []).some((v) => v.trim() === '0' || v.trim() === '1');
  if (!reservationStated && rights.tdmPolicies?.[0] !== undefined) {
    evidence.push({
      kind: 'tdmrep', scope: 'image', source: 'xmp', value: clip(`tdm:policy=${rights.tdmPolicies[0]} (no tdm:reservation)`), effect: 'deny', reason: 'signal-unreadable',
      note: "The image's own metadata gives a TDM policy but no tdm:reservation: whether text and data mining rights are reserved cannot be read, so Heed fails closed.",
    });
  }
  for (const expr of rights.prohibitingRightsExprs ?? []) {
    evidence.push({
      kind: 'xmp', scope: 'image', source: 'xmp', value: clip(`Iptc4xmpExt:EmbdEncRightsExpr=${expr}`), effect: 'deny', reason: 'signal-unreadable',
      note: "The image's own rights expression states a prohibition Heed cannot evaluate: it may prohibit this use (fails closed).",
    });
  }
  // Decision (DESIGN.md §2 rule 5, the reading that cannot keep what the owner refused): a Linked
  // Encoded Rights Expression is the image's own machine-readable rights, stated in a document
  // Heed does not read — so they are unread, which fails closed (`signal-unreadable`) for every
  // purpose and mode, as a declared RSL licence left unread does. It is never a grant, and never
  // "no statement" either: read as nothing, the page's CC BY kept the image (licensed mode), and
  // in opt-out mode a policy prohibiting the use was never looked at. Heed does not fetch it,
  // even on the image's own site within the signal files' politeness rules: it carries no ODRL or
  // RightsML evaluator, so fetching would add a request and still leave the terms unread (and a
  // policy on a rights registry's host is another site, which DESIGN.md §1 never contacts).
  for (const url of rights.linkedRightsExprs ?? []) {
    evidence.push({
      kind: 'xmp', scope: 'image', source: 'xmp', value: clip(`Iptc4xmpExt:LinkedEncRightsExpr=${url}`), effect: 'deny', reason: 'signal-unreadable',
      note: "The image's own rights are stated in a linked rights expression (ODRL, RightsML) that Heed does not read: it may prohibit this use, so Heed fails closed.",
    });
  }
  // Decision (DESIGN.md §2 rules 3 and 5), as c2pa.ts remoteManifestEvidence reads the Link header:
  // a C2PA manifest kept elsewhere may hold a training-mining notAllowed Heed never reads (or an
  // updated version of the embedded one), so it fails closed for every purpose and mode.
  for (const url of rights.remoteManifests ?? []) {
    evidence.push({
      kind: 'c2pa', scope: 'image', source: 'xmp', value: clip(`dcterms:provenance=${url}`), effect: 'deny', reason: 'signal-unreadable',
      note: "The image's C2PA manifest is kept at another address (XMP dcterms:provenance) that Heed does not read: it may state that this use is not allowed (fails closed).",
    });
  }
  for (const { source, field, id: read, text } of rights.plainRefusals ?? []) {
    const id = read ?? plainLanguageRefusal(text);
    if (id === null) continue;
    const value = clip(`${field ?? (source === 'xmp' ? 'XMP rights text' : 'IPTC-IIM rights text')}: ${text}`);
    // EXIF has no signal kind of its own: its rights text is the image's embedded metadata, as
    // XMP's is, so it is kind `xmp` with source `exif` (the value names the field).
    const kind = source === 'exif' ? 'xmp' : source;
    evidence.push(profile.dataMiningProhibited.includes(id)
      ? { kind, scope: 'image', source, value, effect: 'deny', reason: 'xmp-data-mining', note: `The image's own rights text refuses ${id === 'DMI-PROHIBITED' ? 'data mining' : 'AI training'} in plain words (read as ${id}).` }
      : { kind, scope: 'image', source, value, effect: 'info', note: `The image's own rights text refuses AI training in plain words (read as ${id}), which does not bind ${profile.purpose}.` });
  }
  if (rights.otherConstraints && !rights.dataMining.flatMap(dataMiningValues).some((v) => dataMiningId(v) === 'DMI-PROHIBITED-SEECONSTRAINT')) {
    add('xmp', `plus:OtherConstraints=${rights.otherConstraints}`, 'Free-text constraints (not evaluated).');
  }

  const creator = rights.creators.length > 0 ? rights.creators.join(', ') : rights.iimByline.length > 0 ? rights.iimByline.join(', ') : null;
  let licence: Licence | null = null;
  // Decision (DESIGN.md §2 rule 4, "different licences at the most specific level → refused"):
  // every licence the image's own metadata states counts, not only the first; two different
  // ones conflict (a WebStatement CC BY beside a cc:license CC BY-NC keeps nothing).
  const licences: Licence[] = [];
  // Statements that are no licence Heed recognises (a rights page, plain text, an unknown CC version).
  const unrecognised: string[] = [];
  const statements: (readonly [string, string | null])[] = [
    ['xmpRights:WebStatement', rights.webStatement],
    ['cc:license', rights.ccLicense],
    ...(rights.moreLicenceUrls ?? []).map((u) => ['xmpRights:WebStatement or cc:license', u] as const),
  ];
  for (const [property, url] of statements) {
    if (!url) continue;
    // parseLicenceUrl gives family `other` for any non-CC URL: a rights page, not a licence.
    const found = parseLicenceUrl(url);
    const parsed = found && found.family !== 'other' ? found : null;
    if (parsed) {
      const stated: Licence = {
        id: parsed.id,
        url,
        source: 'xmp',
        attribution: parsed.id ? attributionLine({ title: rights.title, creator, licenceId: parsed.id, licenceUrl: url }) : null,
      };
      const again = licences.some((l) => l.id !== null && l.id === stated.id);
      if (!again) licences.push(stated);
      licence ??= stated;
      add('xmp', `${property}=${url}`, again || licence === stated ? `Licence stated in the image's own metadata: ${parsed.name}.` : `A second licence stated in the image's own metadata (${parsed.name}): it conflicts with the first.`);
    } else {
      unrecognised.push(url);
      add('xmp', `${property}=${url}`, "Rights statement (not a recognised licence): the image's own licence statement, which is not accepted.");
    }
  }
  // DESIGN.md §2 rule 4: XMP that states rights without a licence Heed recognises — Marked true,
  // or any WebStatement or cc:license that is no recognised licence (a stock agency's licence page,
  // plain text `CC BY-NC 4.0`, a CC version parseLicenceUrl does not know) — is the image's own
  // licence statement, the most specific there is: it becomes an xmp licence with no id, which
  // the decision refuses (`licence-not-accepted`) whatever the page says. A recognised licence
  // (any URL form: parseLicenceUrl reads deed, legal code, http and https) is that licence even
  // when Marked is true: Creative Commons' own XMP guidance marks licensed works True. A bare
  // copyright notice, UsageTerms alone and Marked false stay info (CC works carry a notice too).
  // Every unrecognised statement counts, not only the first WebStatement: beside a recognised
  // licence (a WebStatement CC BY and a stock cc:license or second WebStatement) it is a second
  // licence at the most specific level, which conflicts (`licence-conflict`).
  // So does plus:Licensor's LicensorURL when the image states no licence at all: it names where
  // the image's licence is obtained (Google reads it as schema.org acquireLicensePage), a pointer
  // to terms Heed does not read. Decision (DESIGN.md §2 rule 4, the reading that cannot grant what
  // the owner sells), as html-licence/findings.ts reads an ImageObject naming only an
  // acquireLicensePage: it is the image's own statement, not a licence Heed recognises, so no page
  // licence speaks for it (`licence-not-accepted`). Before, it was info and the page's CC BY kept
  // an image its metadata says is licensed from a stock agency. Beside a recognised licence it
  // stays info (where to obtain other terms), as acquireLicensePage beside a `license` does.
  // So does an Embedded Encoded Rights Expression (an ODRL policy in the image) that states no
  // prohibition: Heed does not evaluate rights expressions, and one that grants some uses (ODRL
  // `permission` for `display`, say) grants no other — under ODRL what a policy does not permit is
  // not granted. Decision (rule 4, as LicensorURL): it is the image's own licence statement, the
  // most specific there is, so no page licence speaks for the image (`licence-not-accepted` in
  // licensed mode). Before, it granted nothing and the page's CC BY licensed the image. Beside a
  // recognised licence it stays info. One that states a prohibition fails closed (above).
  const expression = rights.embeddedRightsExprs?.[0];
  const statement = licence ? null : unrecognised[0] ?? (rights.marked === true ? 'xmpRights:Marked=True' : null) ?? (rights.licensorUrls[0] ?? null) ?? (expression !== undefined ? clip(`Iptc4xmpExt:EmbdEncRightsExpr=${expression}`) : null);
  if (statement !== null) {
    licence = { id: null, url: statement, source: 'xmp', attribution: null };
    licences.push(licence);
  }
  for (const url of unrecognised) {
    if (!licences.some((l) => l.url === url)) licences.push({ id: null, url, source: 'xmp', attribution: null });
  }
  if (rights.marked !== null) {
    add('xmp', `xmpRights:Marked=${rights.marked ? 'True' : 'False'}`, rights.marked ? 'Marked as rights-managed.' : 'Marked as public domain (not a licence by itself).');
  }
  if (statement !== null) {
    add('xmp', `rights statement=${statement}`, "The image's own metadata says it is rights-managed without a recognised licence: its own licence statement, which no page licence overrides.");
  }
  if (rights.usageTerms) add('xmp', `xmpRights:UsageTerms=${rights.usageTerms}`, 'Usage terms (free text, not evaluated).');
  if (rights.rights) add('xmp', `dc:rights=${rights.rights}`, 'Copyright notice.');
  if (rights.iimCopyrightNotice) add('iptc', `CopyrightNotice=${rights.iimCopyrightNotice}`, 'Copyright notice (IPTC-IIM).');
  for (const [property, code] of [['plus:ModelReleaseStatus', rights.modelReleaseStatus], ['plus:PropertyReleaseStatus', rights.propertyReleaseStatus]] as const) {
    if (!code) continue;
    const id = code.trim().replace(PLUS_VOCAB, '').toUpperCase();
    add('xmp', `${property}=${id}`, RELEASE_LABELS[id] ? `Release status: ${RELEASE_LABELS[id]}.` : 'Release status (unrecognised code).');
  }
  if (rights.personsInImage.length > 0) {
    add('xmp', `Iptc4xmpExt:PersonInImage=${rights.personsInImage.join('; ')}`, `Shows ${rights.personsInImage.length} named person(s): personal data; consider consent.`);
  }
  for (const url of rights.licensorUrls) add('xmp', `plus:LicensorURL=${url}`, 'Where to obtain a licence.');

  const synthetic = isSyntheticSourceType(rights.digitalSourceType);
  if (rights.digitalSourceType) {
    const code = digitalSourceTypeCode(rights.digitalSourceType) ?? rights.digitalSourceType;
    add('xmp', `Iptc4xmpExt:DigitalSourceType=${code}`, synthetic === true ? 'Generated media (synthetic).' : synthetic === false ? 'Captured or human-made media.' : 'Source type not decisive.');
  }
  const named = (rights.licenceUrlsInText ?? []).map((url): Licence => ({ id: url === TEXT_LICENCES_UNREAD ? null : parseLicenceUrl(url)?.id ?? null, url, source: 'xmp', attribution: null }));
  for (const l of named) add('xmp', `licence named in rights text=${l.url}`, "A licence the image's own rights text names (not licence metadata): it can only refuse, as a credit line's link does.");
  return { evidence, licence, ...(licences.length > 1 ? { licences } : {}), synthetic, ...(named.length > 0 ? { named } : {}) };
}
