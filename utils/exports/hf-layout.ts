import type { Manifest, ManifestItem } from '../model/manifest';
import { creditLine, creditOf, licenceOf } from './facts';
import { jsonLine } from './types';

/*
 * Hugging Face `imagefolder` layout, checked with the search tool against huggingface/hub-docs
 * docs/hub/datasets-image.md and huggingface/datasets docs/source/image_dataset.mdx and
 * src/datasets/packaged_modules/folder_based_builder/folder_based_builder.py:
 * - images go in a directory named after the split (`train/`), and "the metadata files must be
 *   stored inside directories that provide the split name";
 * - `metadata.jsonl` "must have a `file_name` column which links image files with their
 *   metadata"; it is a path relative to the directory holding the metadata file ("the
 *   `file_name` column should be a full relative path to the file, not just the filename" when
 *   images sit in a subdirectory; the builder joins it onto the metadata file's directory);
 * - any other column named `file_name` or ending in `_file_name` also becomes an image
 *   feature, so no other column here ends that way;
 * - the loader decodes images with Pillow: files Pillow cannot open (SVG, HEIC) go to
 *   `other-formats/` (not a split name) without metadata rows, and the card lists them.
 */

/** File extension per stored MIME type (utils/media/image-bytes.ts sniffs these). */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/avif': '.avif',
  'image/bmp': '.bmp',
  'image/x-icon': '.ico',
  'image/tiff': '.tiff',
  'image/heic': '.heic',
  'image/heif': '.heif',
  'image/svg+xml': '.svg',
};

/** Types Pillow (and so the `imagefolder` loader) decodes. */
export const DECODABLE: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/x-icon', 'image/tiff']);

export const SPLIT_DIR = 'train';
export const OTHER_DIR = 'other-formats';

/** File extension with its dot for a MIME type (`.bin` when unknown). */
export function imageExtension(mime: string): string {
  return EXTENSIONS[mime] ?? '.bin';
}

/** `<sha256>.<ext>`. */
export function imageFileName(item: ManifestItem): string {
  return `${item.sha256}${imageExtension(item.mime)}`;
}

/** Path of the item's bytes inside the ZIP: `train/…` if the loader can decode it, else `other-formats/…`. */
export function imagePath(item: ManifestItem): string {
  return `${DECODABLE.has(item.mime) ? SPLIT_DIR : OTHER_DIR}/${imageFileName(item)}`;
}

/** One `train/metadata.jsonl` row: `file_name` relative to `train/`, then the item's facts. */
export interface HfMetadataRow {
  file_name: string;
  caption: string;
  alt: string;
  url: string;
  page_url: string;
  page_title: string;
  license: string | null;
  license_url: string | null;
  attribution: string | null;
  title: string | null;
  creator: string | null;
  source_url: string | null;
  sha256: string;
  mime: string;
  width: number | null;
  height: number | null;
  collected_at: string;
  synthetic: boolean | null;
}

/** The metadata row for one item (same column names as the JSONL export where they overlap). */
export function hfMetadataRow(item: ManifestItem): HfMetadataRow {
  const licence = licenceOf(item);
  const credit = creditOf(item);
  return {
    file_name: imageFileName(item),
    caption: item.caption.trim() || item.alt.trim(),
    alt: item.alt,
    url: item.url,
    page_url: item.pageUrl,
    page_title: item.pageTitle,
    license: licence?.id ?? null,
    license_url: licence?.url ?? null,
    attribution: creditLine(item),
    title: credit.title,
    creator: credit.creator,
    source_url: credit.sourceUrl,
    sha256: item.sha256,
    mime: item.mime,
    width: item.width,
    height: item.height,
    collected_at: item.collectedAt,
    synthetic: item.synthetic,
  };
}

/** `train/metadata.jsonl`: a row per item the loader can decode, in manifest order. */
export function hfMetadataJsonl(manifest: Manifest): string {
  let out = '';
  for (const item of manifest.items) if (DECODABLE.has(item.mime)) out += jsonLine(hfMetadataRow(item));
  return out;
}
