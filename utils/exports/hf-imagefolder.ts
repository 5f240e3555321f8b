import { makeZip } from 'client-zip';
import type { Manifest, ManifestItem } from '../model/manifest';
import { REASON_LABELS } from '../model/reason-labels';
import { attributionLines } from './attribution';
import { croissantJson, peopleCheck } from './croissant';
import { cmp, collectionFacts, otherPolicyNote, PURPOSE_LABELS, type CollectionFacts } from './facts';
import { DECODABLE, hfMetadataJsonl, imagePath, OTHER_DIR, SPLIT_DIR } from './hf-layout';
import { escapeMarkdown, markdownUrl } from './markdown';
import { localDateStamp, type ExportContext, type ExportFormat } from './types';

/**
 * SPDX id → Hub licence identifier, from huggingface/hub-docs docs/hub/repositories-licenses.md
 * (checked with the search tool). Licences absent there (CC BY 1.0, CC BY-SA 1.0–2.5, ports, the
 * Public Domain Mark) have no Hub id and are declared as `other`.
 */
const HF_LICENCE_IDS: Record<string, string> = {
  'CC0-1.0': 'cc0-1.0',
  'CC-BY-2.0': 'cc-by-2.0',
  'CC-BY-2.5': 'cc-by-2.5',
  'CC-BY-3.0': 'cc-by-3.0',
  'CC-BY-4.0': 'cc-by-4.0',
  'CC-BY-SA-3.0': 'cc-by-sa-3.0',
  'CC-BY-SA-4.0': 'cc-by-sa-4.0',
  'CC-BY-NC-2.0': 'cc-by-nc-2.0',
  'CC-BY-NC-3.0': 'cc-by-nc-3.0',
  'CC-BY-NC-4.0': 'cc-by-nc-4.0',
  'CC-BY-ND-4.0': 'cc-by-nd-4.0',
  'CC-BY-NC-ND-3.0': 'cc-by-nc-nd-3.0',
  'CC-BY-NC-ND-4.0': 'cc-by-nc-nd-4.0',
  'CC-BY-NC-SA-2.0': 'cc-by-nc-sa-2.0',
  'CC-BY-NC-SA-3.0': 'cc-by-nc-sa-3.0',
  'CC-BY-NC-SA-4.0': 'cc-by-nc-sa-4.0',
};

/** The Hub licence id for an SPDX id, or null when the Hub has none. */
export function hfLicenceId(spdx: string | null): string | null {
  return spdx ? (HF_LICENCE_IDS[spdx] ?? null) : null;
}

/**
 * The card's licence metadata (hub-docs datasetcard.md: `license`, one id or a list of ids; with
 * `other`, `license_name` and `license_link`).
 */
export interface HfLicenceMeta {
  license: string | string[];
  license_name?: string;
  license_link?: string;
}

/**
 * One shared licence with a Hub id → that id; several licences, each with a Hub id → the list of
 * ids (sorted); nothing licensed → `unknown`; otherwise `other`, linked to the licence table.
 */
export function hfLicenceMeta(facts: CollectionFacts): HfLicenceMeta {
  const [only, ...rest] = facts.licences;
  const hubIds = facts.licences.map((l) => hfLicenceId(l.id));
  if (rest.length > 0 && facts.unlicensed === 0 && hubIds.every((id) => id !== null)) {
    return { license: [...new Set(hubIds as string[])].sort(cmp) };
  }
  if (only && rest.length === 0 && facts.unlicensed === 0) {
    const id = hfLicenceId(only.id);
    if (id) return { license: id };
    return { license: 'other', license_name: (only.id ?? 'custom').toLowerCase().replace(/[^a-z0-9.-]+/g, '-'), license_link: only.url };
  }
  if (facts.licences.length === 0) return { license: 'unknown' };
  return { license: 'other', license_name: 'mixed-per-image', license_link: 'ATTRIBUTION.md' };
}

/** Hub `size_categories` bucket for a number of rows. */
export function sizeCategory(n: number): string {
  if (n < 1_000) return 'n<1K';
  if (n < 10_000) return '1K<n<10K';
  if (n < 100_000) return '10K<n<100K';
  if (n < 1_000_000) return '100K<n<1M';
  return '1M<n<10M';
}

const MAX_PAGE_ROWS = 200;

function accepted(manifest: Manifest): string {
  return manifest.policy.acceptedLicences.length > 0 ? manifest.policy.acceptedLicences.map((l) => escapeMarkdown(l)).join(', ') : 'none';
}

/**
 * The dataset card: YAML front matter (only values Heed controls, never page text) and a
 * Markdown body with the licence summary and the collection statement. Page-supplied text is
 * escaped. `missing` counts stored items left out because their bytes were missing.
 */
export function datasetCard(manifest: Manifest, facts: CollectionFacts = collectionFacts(manifest), missing = 0): string {
  const lic = hfLicenceMeta(facts);
  const other = manifest.items.filter((i) => !DECODABLE.has(i.mime)).length;
  const out: string[] = [];
  out.push('---\n');
  out.push(typeof lic.license === 'string' ? `license: ${lic.license}\n` : `license:\n${lic.license.map((id) => `- ${id}\n`).join('')}`);
  if (lic.license_name) out.push(`license_name: ${lic.license_name}\n`);
  if (lic.license_link) out.push(`license_link: ${JSON.stringify(lic.license_link)}\n`);
  out.push('pretty_name: Heed image collection\n');
  out.push(`size_categories:\n- ${sizeCategory(facts.count)}\n`);
  out.push('tags:\n- heed\n- consent-aware\n- image\n');
  out.push('---\n\n');

  const purpose = PURPOSE_LABELS[manifest.purpose];
  out.push('# Heed image collection\n\n');
  out.push(`${facts.count} image${facts.count === 1 ? '' : 's'} collected with Heed, a browser extension that reads the machine-readable rights signals of each site and image and keeps only images permitted for the collector's purpose.\n\n`);

  out.push('## Collection statement\n\n');
  out.push(`- **Purpose:** ${purpose} (\`${manifest.purpose}\`)\n`);
  out.push(
    manifest.mode === 'licensed'
      ? `- **Mode:** licensed: every image ${facts.otherPolicy > 0 ? 'decided under this policy ' : ''}had an accepted licence (${accepted(manifest)})\n`
      : '- **Mode:** opt-out: no licence was required, every opt-out was honoured, and the licence was recorded where one was found\n',
  );
  out.push(facts.firstCollectedAt && facts.lastCollectedAt ? `- **Collected:** ${facts.firstCollectedAt} to ${facts.lastCollectedAt}\n` : '- **Collected:** nothing yet\n');
  out.push(`- **Pages collected from:** ${facts.pages.length}\n`);
  out.push(`- **robots.txt tokens honoured:** ${manifest.policy.robotsTokens.map((t) => escapeMarkdown(t)).join(', ') || 'none'}\n`);
  out.push(`- **Generator:** Heed ${escapeMarkdown(manifest.generator.version)}, manifest schema \`${manifest.schema}\`\n\n`);

  out.push('### Policy\n\n');
  out.push(
    `${facts.otherPolicy > 0 ? `Every image in this dataset decided under this policy passed Heed's checks when it was collected` : "Every image in this dataset passed Heed's checks when it was collected"}: neither the page's nor the image's site was blocked or restricted for ${purpose}; robots.txt allowed the page and the image for Heed and for the AI crawlers of the purpose; no opt-out applied (Content-Usage, Content-Signal, X-Robots-Tag, robots meta tags, TDMRep, ai.txt, RSL, XMP data-mining, C2PA training-mining)${manifest.mode === 'licensed' ? '; an accepted licence covered the image' : ''}; and every signal present could be read (an unreadable signal refuses). Images that failed a check were refused and not stored.${facts.otherPolicy > 0 ? ` ${otherPolicyNote(facts, 'card')}` : ''}\n\n`,
  );
  if (facts.refused.length > 0) {
    out.push(`Refusals across all collects, by reason (an image refused for several reasons counts under each): ${facts.refusedTotal}.\n\n`);
    out.push('| Reason | Refused |\n| --- | ---: |\n');
    for (const r of facts.refused) out.push(`| \`${r.reason}\`: ${escapeMarkdown(REASON_LABELS[r.reason as keyof typeof REASON_LABELS] ?? r.reason)} | ${r.count} |\n`);
    out.push('\n');
  } else out.push('No image was refused.\n\n');
  if (facts.failed.length > 0) {
    out.push('Images that could not be fetched or read (failed, not stored):\n\n| Reason | Failed |\n| --- | ---: |\n');
    for (const r of facts.failed) out.push(`| \`${r.reason}\`: ${escapeMarkdown(REASON_LABELS[r.reason as keyof typeof REASON_LABELS] ?? r.reason)} | ${r.count} |\n`);
    out.push('\n');
  }

  if (facts.pages.length > 0) {
    out.push('### Pages\n\n| Page | Title | Images |\n| --- | --- | ---: |\n');
    for (const page of facts.pages.slice(0, MAX_PAGE_ROWS)) out.push(`| ${markdownUrl(page.url)} | ${escapeMarkdown(page.title, 200)} | ${page.count} |\n`);
    if (facts.pages.length > MAX_PAGE_ROWS) out.push(`\n…and ${facts.pages.length - MAX_PAGE_ROWS} more pages (each image's \`page_url\` is in \`train/metadata.jsonl\`).\n`);
    out.push('\n');
  }

  out.push('## Licences\n\n');
  const [only, ...rest] = facts.licences;
  if (only && rest.length === 0 && facts.unlicensed === 0) {
    out.push(`All ${facts.count} images are licensed under ${escapeMarkdown(only.label)} (${markdownUrl(only.url)}).\n\n`);
  } else if (facts.count > 0) {
    out.push('The images carry different licences; each image\'s licence is in `train/metadata.jsonl` (`license`, `license_url`).\n\n');
    out.push('| Licence | SPDX | Hub id | Images |\n| --- | --- | --- | ---: |\n');
    for (const l of facts.licences) out.push(`| ${escapeMarkdown(l.label, 200)} (${markdownUrl(l.url)}) | ${escapeMarkdown(l.id ?? 'unrecognised')} | ${escapeMarkdown(hfLicenceId(l.id) ?? 'other')} | ${l.count} |\n`);
    if (facts.unlicensed > 0) out.push(`| No licence recorded (opt-out mode) | | | ${facts.unlicensed} |\n`);
    out.push('\n');
  } else out.push('The collection is empty.\n\n');
  out.push('Credits for every image, in the usual Creative Commons form, are in `ATTRIBUTION.md`.\n\n');

  out.push('## People\n\n');
  out.push(`${escapeMarkdown(peopleCheck(facts), 2000)} Heed never recognises, identifies or compares faces.\n\n`);
  out.push(
    `Where an image embeds IPTC metadata Heed records it: ${facts.personInImage} image${facts.personInImage === 1 ? ' names' : 's name'} a person shown (IPTC PersonInImage) and ${facts.modelRelease} carr${facts.modelRelease === 1 ? 'ies' : 'y'} model-release information.\n\n`,
  );

  out.push('## Files\n\n');
  out.push(`- \`${SPLIT_DIR}/<sha256>.<ext>\`: the image bytes exactly as served (not re-encoded), named by their SHA-256.\n`);
  out.push(`- \`${SPLIT_DIR}/metadata.jsonl\`: one line per image, keyed by \`file_name\` (relative to \`${SPLIT_DIR}/\`), with \`caption\`, \`alt\`, \`url\`, \`page_url\`, \`page_title\`, \`license\`, \`license_url\`, \`attribution\` (the credit line), \`title\`, \`creator\`, \`source_url\`, \`sha256\`, \`mime\`, \`width\`, \`height\`, \`collected_at\`, \`synthetic\`.\n`);
  if (other > 0) out.push(`- \`${OTHER_DIR}/\`: ${other} image${other === 1 ? '' : 's'} in formats the \`imagefolder\` loader cannot decode (e.g. SVG, HEIC), without metadata rows.\n`);
  out.push('- `ATTRIBUTION.md`: a credit line per image.\n');
  out.push('- `croissant.json`: Croissant 1.1 metadata (with Responsible-AI fields) describing this folder.\n\n');
  if (missing > 0) out.push(`${missing} stored item${missing === 1 ? ' was' : 's were'} left out because ${missing === 1 ? 'its bytes were' : 'their bytes were'} missing from Heed's store.\n\n`);
  out.push('Load it with `datasets.load_dataset("imagefolder", data_dir="<unzipped folder>")`.\n\n');

  out.push('## Limitations\n\n');
  out.push("- Heed's decisions are only as good as the signals the sites publish: a licence or opt-out that is not in machine-readable markup, headers or files was not seen.\n");
  out.push('- CDNs often strip embedded XMP/IPTC metadata, so image-level licences, data-mining prohibitions and people information may be missing.\n');
  out.push('- Signals were read at collection time; sites may have changed them since.\n');
  out.push('- This is a record of machine-readable signals, not legal advice.\n');
  return out.join('');
}

/** A ZIP date whose DOS fields (client-zip writes local-time fields) equal the UTC time of `iso`, so the bytes do not depend on the machine's time zone. */
export function zipDate(iso: string | null): Date {
  const t = iso === null ? NaN : Date.parse(iso);
  const utc = Number.isFinite(t) && t >= Date.UTC(1980, 0, 1) && t < Date.UTC(2108, 0, 1) ? new Date(t) : new Date(Date.UTC(1980, 0, 1));
  const local = new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds());
  // A wall time that falls in a daylight-saving gap of this machine's zone: use noon that day.
  if (local.getHours() !== utc.getUTCHours() || local.getDate() !== utc.getUTCDate()) {
    return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), 12, 0, 0);
  }
  return local;
}

/** One entry for client-zip. */
export interface ZipEntry {
  name: string;
  lastModified: Date;
  input: string | Blob;
}

/**
 * The ZIP's entries, one blob at a time: images sorted by path (`other-formats/…`, then
 * `train/…`), then `train/metadata.jsonl`, `ATTRIBUTION.md`, `README.md` and `croissant.json`,
 * which describe only the images actually written. Pure given `getBlob`.
 */
export async function* hfZipEntries(manifest: Manifest, ctx: ExportContext): AsyncGenerator<ZipEntry> {
  const items = [...manifest.items].sort((a, b) => cmp(imagePath(a), imagePath(b)));
  const total = items.length;
  const written: ManifestItem[] = [];
  let missing = 0;
  ctx.onProgress?.(0, total);
  for (const [i, item] of items.entries()) {
    const blob = ctx.getBlob ? await ctx.getBlob(item.sha256) : undefined;
    if (blob) {
      yield { name: imagePath(item), lastModified: zipDate(item.collectedAt), input: blob };
      written.push(item);
    } else missing++;
    ctx.onProgress?.(i + 1, total);
  }
  const keep = new Set(written.map((i) => i.sha256));
  const shown: Manifest = { ...manifest, items: manifest.items.filter((i) => keep.has(i.sha256)) };
  const facts = collectionFacts(shown);
  const date = zipDate(facts.lastCollectedAt);
  const metadata = hfMetadataJsonl(shown);
  yield { name: `${SPLIT_DIR}/metadata.jsonl`, lastModified: date, input: metadata };
  yield { name: 'ATTRIBUTION.md', lastModified: date, input: [...attributionLines(shown)].join('') };
  yield { name: 'README.md', lastModified: date, input: datasetCard(shown, facts, missing) };
  yield { name: 'croissant.json', lastModified: date, input: await croissantJson(shown, metadata) };
}

/** Read a web stream as an async iterable (ReadableStream async iteration is not everywhere yet). */
async function* readAll(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** heed-dataset-YYYY-MM-DD.zip on the local calendar day. */
export function hfZipFileName(date: Date): string {
  return `heed-dataset-${localDateStamp(date)}.zip`;
}

/** The Hugging Face imagefolder ZIP export (stored, not compressed: images are compressed already). */
export const hfExport: ExportFormat = {
  id: 'hf',
  label: 'Hugging Face dataset (ZIP)',
  mime: 'application/zip',
  fileName: hfZipFileName,
  stream: (manifest, ctx) => readAll(makeZip(hfZipEntries(manifest, ctx))),
};
