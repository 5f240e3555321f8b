import type { Manifest, ManifestItem } from '../model/manifest';
import { creditLine, creditOf, licenceOf } from './facts';
import { asAsync, jsonLine, localDateStamp, type ExportFormat } from './types';

/**
 * img2dataset-style URL list, one JSON object per line.
 *
 * Checked with the search tool against rom1504/img2dataset README.md and img2dataset/main.py:
 * `--input_format jsonl` "loads the urls and optional caption as a jsonl"; `--url_col` defaults
 * to `url`, `--caption_col` to None (so pass `--caption_col caption`);
 * `--save_additional_columns` copies further input columns into the output metadata, but
 * `arguments_validator` refuses any of IMG2DATASET_RESERVED_COLUMNS there ("img2dataset reserves
 * these columns for its own use"), so the size the page served is written as `source_width` /
 * `source_height`; `--compute_hash` defaults to `sha256` and `--verify_hash '["sha256","sha256"]'`
 * names the input column holding the expected hash. `--resize_mode no` still re-encodes (to
 * JPEG by default); `--disable_all_reencoding True` keeps the bytes as served, so the hashes
 * match. The command README.md gives (tests/unit/exports/tool-rules.test.ts reads it):
 *
 *   img2dataset --url_list heed-dataset-YYYY-MM-DD.jsonl --input_format jsonl \
 *     --url_col url --caption_col caption --output_format files --output_folder images \
 *     --save_additional_columns '["license","license_url","attribution","title","creator","source_url","page_url","source_width","source_height","faces","largest_face_px","model_release"]' \
 *     --verify_hash '["sha256","sha256"]' --disable_all_reencoding True
 */
export const IMG2DATASET_RESERVED_COLUMNS: readonly string[] = ['key', 'caption', 'url', 'width', 'height', 'original_width', 'original_height', 'status', 'error_message', 'exif', 'md5', 'sha256', 'sha512'];

export interface Img2datasetRow {
  url: string;
  caption: string;
  /** SPDX id (e.g. CC-BY-4.0), or null when unrecognised or unlicensed. */
  license: string | null;
  license_url: string | null;
  /** The TASL line: "Title" by Creator (source) is licensed under … (licence URL). */
  attribution: string | null;
  /** The work's credit (issue 18), null when unknown or collected before Heed recorded it. */
  title: string | null;
  creator: string | null;
  source_url: string | null;
  page_url: string;
  sha256: string;
  /** The image's size as Heed stored it (img2dataset writes its own `width`/`height`). */
  source_width: number | null;
  source_height: number | null;
  /** Faces the on-device detector found (DESIGN.md §2 rule 6); null when not checked. */
  faces: number | null;
  largest_face_px: number | null;
  /** plus:ModelReleaseStatus as read from the image (e.g. MR-UMR); null when absent or not checked. */
  model_release: string | null;
}

/** The img2dataset input row for one item (caption falls back to the alt text). */
export function img2datasetRow(item: ManifestItem): Img2datasetRow {
  const licence = licenceOf(item);
  const credit = creditOf(item);
  return {
    url: item.url,
    caption: item.caption.trim() || item.alt.trim(),
    license: licence?.id ?? null,
    license_url: licence?.url ?? null,
    attribution: creditLine(item),
    title: credit.title,
    creator: credit.creator,
    source_url: credit.sourceUrl,
    page_url: item.pageUrl,
    sha256: item.sha256,
    source_width: item.width,
    source_height: item.height,
    faces: item.people?.faces ?? null,
    largest_face_px: item.people?.largestFacePx ?? null,
    model_release: item.people?.modelRelease ?? null,
  };
}

/** The JSONL lines, one item at a time, in manifest order. */
export function* jsonlLines(manifest: Manifest): Generator<string> {
  for (const item of manifest.items) yield jsonLine(img2datasetRow(item));
}

/** heed-dataset-YYYY-MM-DD.jsonl on the local calendar day. */
export function jsonlFileName(date: Date): string {
  return `heed-dataset-${localDateStamp(date)}.jsonl`;
}

/** The img2dataset URL list export. */
export const jsonlExport: ExportFormat = {
  id: 'jsonl',
  label: 'URL list (img2dataset JSONL)',
  // JSON Lines has no IANA-registered type; the download only needs something that is not HTML.
  mime: 'application/jsonl',
  fileName: jsonlFileName,
  stream: (manifest) => asAsync(jsonlLines(manifest)),
};
