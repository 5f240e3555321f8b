import type { Manifest } from '../model/manifest';
import { collectionFacts, otherPolicyNote, PURPOSE_LABELS, type CollectionFacts } from './facts';
import { DECODABLE, hfMetadataJsonl, imageExtension, SPLIT_DIR } from './hf-layout';
import { localDateStamp, type ExportFormat } from './types';

/*
 * Croissant 1.1 JSON-LD describing the unzipped Hugging Face export (README.md, train/…).
 * Checked with the search tool against mlcommons/croissant docs/croissant-spec-1.1.md:
 * - required on the Dataset: @context, @type sc:Dataset, dct:conformsTo
 *   (`http://mlcommons.org/croissant/1.1`), description, license (MANY, URL or CreativeWork),
 *   name, url, creator (MANY, Person/Organization), datePublished; distribution (FileObject /
 *   FileSet) is required too; the @context below is the spec's Appendix 1;
 * - FileObject: name, contentUrl, encodingFormat, sha256; FileSet: includes (glob),
 *   encodingFormat; a Field's source is {fileObject|fileSet, extract: {column | fileProperty}};
 *   `references` joins fields;
 * - mlcroissant (python/mlcroissant …/nodes/file_object.py) additionally refuses a top-level
 *   FileObject without md5 or sha256, and reads JSON Lines as `application/jsonlines`;
 * - mlcroissant 1.1 differs from the spec's text where the spec's Appendix 1 and examples still
 *   show older forms (issue 18, checked against python/mlcroissant/…/core/rdf.py and the Hub's
 *   own Croissant): its standard context (`make_context`) maps `@vocab` and `sc` to
 *   https://schema.org/ (with http its Dataset check fails: "The current JSON-LD doesn't extend
 *   https://schema.org/Dataset"), and also holds `path`, `repeated`, `replace`, `samplingRate`
 *   and the `name`/`description` language containers; a joined field is written
 *   `"source": {"field": {"@id": …}}` and a reference `"references": {"field": {"@id": …}}`;
 *   it warns when `citeAs` or `version` (MAJOR.MINOR.PATCH) is missing.
 * RAI vocabulary (docs/croissant-rai-spec.md, docs/croissant_rai.ttl, namespace
 * http://mlcommons.org/croissant/RAI/, conformance `http://mlcommons.org/croissant/RAI/1.0`):
 * rai:dataCollection (Text, ONE), rai:dataCollectionType (Text, MANY; recommended values include
 * "Web Scraping", "Manual Human Curator"), rai:dataCollectionRawData, rai:dataCollectionTimeframe
 * (DateTime, MANY: start and end), rai:dataPreprocessingProtocol, rai:personalSensitiveInformation,
 * rai:dataUseCases, rai:dataLimitations, rai:dataBiases (Text, MANY).
 */

export const CROISSANT_CONFORMS_TO = 'http://mlcommons.org/croissant/1.1';
export const CROISSANT_RAI_CONFORMS_TO = 'http://mlcommons.org/croissant/RAI/1.0';

/** The JSON-LD context: Croissant 1.1 Appendix 1 as mlcroissant 1.1 reads it (https schema.org, its extra terms). */
export const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  sc: 'https://schema.org/',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  dct: 'http://purl.org/dc/terms/',
  annotation: 'cr:annotation',
  arrayShape: 'cr:arrayShape',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  containedIn: 'cr:containedIn',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  description: { '@container': '@language' },
  equivalentProperty: 'cr:equivalentProperty',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  excludes: 'cr:excludes',
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isArray: 'cr:isArray',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  name: { '@container': '@language' },
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  readLines: 'cr:readLines',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  samplingRate: 'cr:samplingRate',
  sdVersion: 'cr:sdVersion',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
  unArchive: 'cr:unArchive',
  value: 'cr:value',
} as const;

/** The dataset's `version` (MAJOR.MINOR.PATCH, as mlcroissant asks). */
export const CROISSANT_DATASET_VERSION = '1.0.0';

/** `citeAs`: a BibTeX entry for the collection (the images' own credits are in ATTRIBUTION.md). */
function citeAs(facts: CollectionFacts): string {
  const year = (facts.lastCollectedAt ?? '').slice(0, 4);
  return `@misc{heed-image-collection, title = {Heed image collection: ${facts.count} images collected with Heed}, note = {Per-image credits in ATTRIBUTION.md}${/^\d{4}$/.test(year) ? `, year = {${year}}` : ''}}`;
}

/** Options for the Croissant document. */
export interface CroissantOptions {
  /** SHA-256 (hex) of the exact bytes of `train/metadata.jsonl`. */
  metadataSha256: string;
  /** Dataset creator's name (Heed does not know who its user is). */
  creatorName?: string;
}

type Json = Record<string, unknown>;

const METADATA_ID = 'metadata.jsonl';
const IMAGES_ID = 'image-files';

/** Metadata columns, their Croissant data types and descriptions (train/metadata.jsonl). */
const COLUMNS: [name: string, dataType: string, description: string][] = [
  ['file_name', 'sc:Text', 'Image file name, relative to train/ (the SHA-256 and an extension).'],
  ['caption', 'sc:Text', 'Caption from the page (figcaption), else the alt text.'],
  ['alt', 'sc:Text', 'The image element’s alt text.'],
  ['url', 'sc:URL', 'The image URL as found on the page.'],
  ['page_url', 'sc:URL', 'The page the image was collected from.'],
  ['page_title', 'sc:Text', 'Title of that page.'],
  ['license', 'sc:Text', 'SPDX id of the image’s licence (null if unrecognised or none).'],
  ['license_url', 'sc:URL', 'URL of the image’s licence.'],
  ['attribution', 'sc:Text', 'Credit line in the usual Creative Commons form: "Title" by Creator (source) is licensed under the licence (licence URL).'],
  ['title', 'sc:Text', 'Title of the work, from the source that states it (null if none).'],
  ['creator', 'sc:Text', 'Creator to credit, from the source that states it (null if none was stated).'],
  ['source_url', 'sc:URL', 'Where to credit the work: the licensor\u2019s attributionURL, else the page.'],
  ['sha256', 'sc:Text', 'SHA-256 of the image bytes.'],
  ['mime', 'sc:Text', 'MIME type sniffed from the bytes.'],
  ['width', 'sc:Integer', 'Width in pixels.'],
  ['height', 'sc:Integer', 'Height in pixels.'],
  ['collected_at', 'sc:DateTime', 'When Heed collected the image.'],
  ['synthetic', 'sc:Boolean', 'IPTC DigitalSourceType says AI-generated (null if unknown).'],
];

function dataLicense(facts: CollectionFacts): unknown[] {
  const out: unknown[] = facts.licences.map((l) => l.url);
  if (facts.unlicensed > 0 || out.length === 0) {
    out.push({ '@type': 'sc:CreativeWork', name: facts.count === 0 ? 'Empty collection' : `No licence recorded for ${facts.unlicensed} image(s) collected in opt-out mode; see ATTRIBUTION.md` });
  }
  return out;
}

/** The RAI properties, filled from what Heed knows about how the collection was made. */
/** What the on-device face check found, in one paragraph (shared by Croissant and the dataset card). */
export function peopleCheck(facts: CollectionFacts): string {
  const p = facts.people;
  const how = p.detectors.length > 0 ? `Faces were detected on the collector's device with ${p.detectors.join(', ')} (detection only: no recognition, identification or face embeddings).` : 'No image was checked for faces.';
  return `${how} ${p.withFaces} of ${p.checked} checked images show a face; ${p.released} carry a model release that allows use (plus:ModelReleaseStatus MR-UMR or MR-NAP); ${p.notChecked} image(s) were not checked (people check off, or stored before Heed checked). Each image's faces, largest face size and release status are in the faces, largest_face_px and model_release fields.`;
}

export function raiProperties(manifest: Manifest, facts: CollectionFacts): Json {
  const purpose = PURPOSE_LABELS[manifest.purpose];
  const hosts = new Set<string>();
  for (const p of facts.pages) {
    try {
      hosts.add(new URL(p.url).hostname);
    } catch {
      // unparseable page URL: not counted
    }
  }
  return {
    'rai:dataCollection': [
      `Collected with Heed, a consent-aware browser extension: a person browsing chose pages and pressed Collect; Heed found the images on each page and, for each, read every machine-readable rights signal of the site and the image before storing it.`,
      `Signals read: the curated site terms registry and the user's block list; robots.txt (RFC 9309) of the page and image origins for the tokens ${manifest.policy.robotsTokens.join(', ') || '(none)'}; Content-Usage and Content-Signal; X-Robots-Tag headers and robots meta tags; TDMRep (tdmrep.json, headers, meta); ai.txt; RSL; embedded XMP/IPTC (licence, PLUS DataMining, DigitalSourceType); C2PA/CAWG training-mining assertions; licences from embedded metadata, element markup (JSON-LD ImageObject, RDFa, rel=license in a figure) and page-level rel=license / JSON-LD.`,
      `Purpose: ${purpose} (${manifest.purpose}); mode: ${manifest.mode}${manifest.mode === 'licensed' ? ` (accepted licences: ${manifest.policy.acceptedLicences.join(', ') || 'none'})` : ''}. ${facts.otherPolicy > 0 ? `Images decided under that policy were stored only if it permitted them; ${otherPolicyNote(facts, 'plain')} Each image was stored with its evidence;` : 'Only images permitted under that policy were stored, each with its evidence;'} a present but unreadable signal refused the image. Across all collects ${facts.refusedTotal} refusal(s) were recorded${facts.refused.length > 0 ? `: ${facts.refused.map((r) => `${r.reason} ${r.count}`).join(', ')}` : ''}.`,
    ].join(' '),
    'rai:dataCollectionType': ['Web Scraping', 'Manual Human Curator'],
    'rai:dataCollectionRawData': `Images as served by ${facts.pages.length} web page(s) on ${hosts.size} host(s), stored byte for byte; each image's page is in the page_url column.`,
    'rai:dataCollectionTimeframe': facts.firstCollectedAt && facts.lastCollectedAt ? [facts.firstCollectedAt, facts.lastCollectedAt] : [],
    'rai:dataPreprocessingProtocol': [
      'None: image bytes are kept exactly as served (not resized or re-encoded); an image already stored (same SHA-256) is not stored twice; very small images (icons, tracking pixels) are skipped.',
    ],
    'rai:personalSensitiveInformation': [
      `Images may show people. ${peopleCheck(facts)}`,
      `Heed also records embedded IPTC metadata where present: ${facts.personInImage} image(s) name a person shown (IPTC PersonInImage) and ${facts.modelRelease} carry model-release information. Page titles, captions and alt text may contain names.`,
    ],
    'rai:dataUseCases': [
      `${purpose.charAt(0).toUpperCase()}${purpose.slice(1)}: the purpose the images were checked for (${manifest.purpose}); other uses were not checked.`,
    ],
    'rai:dataLimitations': [
      'Decisions are only as good as the signals sites publish: a licence or opt-out not in machine-readable markup, headers or files was not seen.',
      'CDNs often strip embedded XMP/IPTC metadata, so image-level licences, data-mining prohibitions and people information may be missing.',
      'Signals were read at collection time and may have changed since.',
      'This is a record of machine-readable signals, not legal advice.',
    ],
    'rai:dataBiases': [
      'Only sites that publish machine-readable permissions (or, in opt-out mode, publish no opt-out) contribute images, and only pages the collector chose to visit; sites and communities that do not use these conventions are under-represented.',
    ],
  };
}

/**
 * The Croissant document for a manifest (pure). Dates come from the collection itself (the
 * latest collection is when it reached its current content), never from the clock, so the same
 * store gives the same bytes.
 */
export function croissantMetadata(manifest: Manifest, options: CroissantOptions): Json {
  const facts = collectionFacts(manifest);
  const decodable = facts.mimes.filter((m) => DECODABLE.has(m.mime));
  const mimes = decodable.length > 0 ? decodable.map((m) => m.mime) : ['image/png'];
  const field = (recordSet: string, name: string, dataType: string, description: string, source: Json, extra: Json = {}): Json => ({
    '@type': 'cr:Field',
    '@id': `${recordSet}/${name}`,
    name,
    description,
    dataType,
    source,
    ...extra,
  });
  // A field of the metadata record set, joined in (mlcroissant's `{"field": {"@id": …}}` form).
  const joined = (name: string): Json => ({ field: { '@id': `metadata/${name}` } });
  return {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    name: 'heed-image-collection',
    description: `${facts.count} image(s) collected with Heed for ${PURPOSE_LABELS[manifest.purpose]} (${manifest.mode} mode), each kept only after every machine-readable rights signal of its site and of the image permitted it.${facts.otherPolicy > 0 ? ` ${otherPolicyNote(facts, 'plain')}` : ''} Images are in train/ (Hugging Face imagefolder layout) with train/metadata.jsonl; credits are in ATTRIBUTION.md. This file describes the unzipped Hugging Face export (it is croissant.json there): records load only from that folder, so a standalone copy must be placed in the unzipped folder first.`,
    conformsTo: [CROISSANT_CONFORMS_TO, CROISSANT_RAI_CONFORMS_TO],
    // A local collection has no release history: every export is the first version of itself.
    version: CROISSANT_DATASET_VERSION,
    citeAs: citeAs(facts),
    license: dataLicense(facts),
    // Heed has no web page for a local collection: the dataset card beside this file stands in.
    url: 'README.md',
    creator: { '@type': 'sc:Person', name: options.creatorName?.trim() || 'Heed user' },
    datePublished: facts.lastCollectedAt ?? manifest.exportedAt,
    ...(facts.firstCollectedAt ? { dateCreated: facts.firstCollectedAt } : {}),
    ...(facts.lastCollectedAt ? { dateModified: facts.lastCollectedAt } : {}),
    keywords: ['images', 'consent-aware', 'licensed', manifest.purpose],
    ...raiProperties(manifest, facts),
    distribution: [
      {
        '@type': 'cr:FileObject',
        '@id': METADATA_ID,
        name: METADATA_ID,
        description: 'One JSON object per image, keyed by file_name (relative to train/).',
        contentUrl: `${SPLIT_DIR}/metadata.jsonl`,
        encodingFormat: 'application/jsonlines',
        sha256: options.metadataSha256,
      },
      {
        '@type': 'cr:FileSet',
        '@id': IMAGES_ID,
        name: IMAGES_ID,
        description: 'The image files, named by SHA-256, bytes as served.',
        encodingFormat: mimes.length === 1 ? mimes[0] : mimes,
        includes: mimes.map((m) => `${SPLIT_DIR}/*${imageExtension(m)}`),
      },
    ],
    recordSet: [
      {
        '@type': 'cr:RecordSet',
        '@id': 'metadata',
        name: 'metadata',
        description: 'Per-image metadata from train/metadata.jsonl.',
        key: { '@id': 'metadata/sha256' },
        field: COLUMNS.map(([name, dataType, description]) => field('metadata', name, dataType, description, { fileObject: { '@id': METADATA_ID }, extract: { column: name } })),
      },
      {
        '@type': 'cr:RecordSet',
        '@id': 'images',
        name: 'images',
        description: 'Each image with its caption, licence and hash, joined from the metadata on file_name.',
        key: { '@id': 'images/file_name' },
        field: [
          field('images', 'image', 'sc:ImageObject', 'The image content.', { fileSet: { '@id': IMAGES_ID }, extract: { fileProperty: 'content' } }),
          field('images', 'file_name', 'sc:Text', 'The image file name.', { fileSet: { '@id': IMAGES_ID }, extract: { fileProperty: 'filename' } }, { references: joined('file_name') }),
          field('images', 'caption', 'sc:Text', 'Caption (or alt text).', joined('caption')),
          field('images', 'license', 'sc:Text', 'SPDX id of the licence.', joined('license')),
          field('images', 'license_url', 'sc:URL', 'Licence URL.', joined('license_url')),
          field('images', 'attribution', 'sc:Text', 'Credit line.', joined('attribution')),
          field('images', 'title', 'sc:Text', 'Title of the work.', joined('title')),
          field('images', 'creator', 'sc:Text', 'Creator to credit.', joined('creator')),
          field('images', 'source_url', 'sc:URL', 'Where to credit the work.', joined('source_url')),
          field('images', 'sha256', 'sc:Text', 'SHA-256 of the image bytes.', joined('sha256')),
        ],
      },
    ],
  };
}

/** Lower-case hex SHA-256 of UTF-8 text (Web Crypto). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The Croissant file's text; `metadataJsonl` is the exact train/metadata.jsonl it describes. */
export async function croissantJson(manifest: Manifest, metadataJsonl: string = hfMetadataJsonl(manifest), creatorName?: string): Promise<string> {
  const metadataSha256 = await sha256Hex(metadataJsonl);
  return `${JSON.stringify(croissantMetadata(manifest, { metadataSha256, ...(creatorName ? { creatorName } : {}) }), null, 2)}\n`;
}

/** heed-croissant-YYYY-MM-DD.json on the local calendar day. */
export function croissantFileName(date: Date): string {
  return `heed-croissant-${localDateStamp(date)}.json`;
}

/** The Croissant export (the same file as croissant.json inside the ZIP). */
export const croissantExport: ExportFormat = {
  id: 'croissant',
  label: 'Croissant metadata (JSON-LD)',
  mime: 'application/ld+json',
  fileName: croissantFileName,
  stream: async function* (manifest) {
    yield await croissantJson(manifest);
  },
};
