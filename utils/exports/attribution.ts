import type { Manifest, ManifestItem } from '../model/manifest';
import { creditLine, itemTitle, licenceOf } from './facts';
import { escapeMarkdown, markdownUrl } from './markdown';
import { asAsync, type ExportFormat } from './types';

/** SHA-256 as inline code (hex only; anything else is escaped text). */
function hashCode(sha256: string): string {
  return /^[0-9a-f]{64}$/.test(sha256) ? `\`${sha256}\`` : escapeMarkdown(sha256);
}

function sourceLine(item: ManifestItem): string {
  return `Image: ${markdownUrl(item.url)} · Page: ${markdownUrl(item.pageUrl)} · SHA-256: ${hashCode(item.sha256)}`;
}

/**
 * The longest credit line written whole: the TASL line's title and creator are capped (300
 * characters each, model/credit.ts), its source and licence URLs at 2,048; cutting the line at the
 * 500 characters other page text gets would cut the licence out of a long-titled work's credit.
 */
const MAX_CREDIT_LINE = 6000;

/**
 * One Markdown list entry crediting an item: the credit line in the usual CC form ("Title" by
 * Creator is licensed under CC BY 4.0), then the licence link and where the image came from.
 * Every piece of page-supplied text is escaped, so hostile markup renders as text.
 */
export function attributionEntry(item: ManifestItem): string {
  const credit = creditLine(item);
  const licence = licenceOf(item);
  if (credit === null || licence === null) {
    return `- ${escapeMarkdown(`"${itemTitle(item)}"`)} — no licence recorded  \n  ${sourceLine(item)}\n`;
  }
  return `- ${escapeMarkdown(credit, MAX_CREDIT_LINE)}  \n  Licence: ${markdownUrl(licence.url)} (${escapeMarkdown(licence.label)}) · ${sourceLine(item)}\n`;
}

/** ATTRIBUTION.md, streamed one credit at a time: licensed items first, then any without a licence. */
export function* attributionLines(manifest: Manifest): Generator<string> {
  const licensed = manifest.items.filter((i) => i.licence !== null).length;
  const unlicensed = manifest.items.length - licensed;
  yield '# Attribution\n\n';
  yield `Credits for the ${manifest.items.length} image${manifest.items.length === 1 ? '' : 's'} in this Heed collection, in the form Creative Commons recommends: "Title" by Creator (source) is licensed under the licence, with a link to it. Each credit was recorded when the image was collected, from the image's own metadata or the page's markup; where nothing named the creator, the credit says so: add the creator before you share the image if you can find out who it is. Keep these credits with the images when you share them.\n`;
  if (licensed > 0) {
    yield `\n## Licensed images (${licensed})\n\n`;
    for (const item of manifest.items) if (item.licence !== null) yield attributionEntry(item);
  }
  if (unlicensed > 0) {
    yield `\n## Images without a recorded licence (${unlicensed})\n\n`;
    yield 'These were collected in opt-out mode: no opt-out applied to them, but no licence was found. Check their rights before reuse.\n\n';
    for (const item of manifest.items) if (item.licence === null) yield attributionEntry(item);
  }
  if (manifest.items.length === 0) yield '\nThe collection is empty.\n';
}

/** The Markdown text of ATTRIBUTION.md (for the ZIP and tests). */
export function attributionMarkdown(manifest: Manifest): string {
  return [...attributionLines(manifest)].join('');
}

/** ATTRIBUTION.md (the same name every day: it travels with the dataset). */
export function attributionFileName(_date: Date): string {
  return 'ATTRIBUTION.md';
}

/** The attribution export. */
export const attributionExport: ExportFormat = {
  id: 'attribution',
  label: 'Attribution (ATTRIBUTION.md)',
  mime: 'text/markdown',
  fileName: attributionFileName,
  stream: (manifest) => asAsync(attributionLines(manifest)),
};
