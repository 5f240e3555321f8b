import type { Manifest, ManifestItem } from '../model/manifest';
import { creditLine, licenceOf } from './facts';
import { asAsync, jsonLine, localDateStamp, type ExportFormat } from './types';

/**
 * img2dataset-style URL list, one JSON object per line.
 *
 * Checked with the search tool against rom1504/img2dataset README.md: `--input_format jsonl`
 * "loads the urls and optional caption as a jsonl"; `--url_col` defaults to `url`,
 * `--caption_col` defaults to None (so pass `--caption_col caption`); `--save_additional_columns`
 * copies further input columns into the output metadata; `--compute_hash` defaults to `sha256`
 * (output key `sha256`) and `--verify_hash '["sha256","sha256"]'` names the input column holding
 * the expected hash. img2dataset's own output metadata keys are url, caption, key, status,
 * error_message, width, height, original_width, original_height, exif, sha256: its downloader
 * writes the input columns first and then overwrites width/height/sha256 with what it fetched,
 * so our width/height are informative only. Recommended command:
 *
 *   img2dataset --url_list heed-dataset-YYYY-MM-DD.jsonl --input_format jsonl \
 *     --url_col url --caption_col caption \
 *     --save_additional_columns '["license","license_url","attribution","page_url"]' \
 *     --verify_hash '["sha256","sha256"]' --resize_mode no
 */
export interface Img2datasetRow {
  url: string;
  caption: string;
  /** SPDX id (e.g. CC-BY-4.0), or null when unrecognised or unlicensed. */
  license: string | null;
  license_url: string | null;
  attribution: string | null;
  page_url: string;
  sha256: string;
  width: number | null;
  height: number | null;
}

/** The img2dataset input row for one item (caption falls back to the alt text). */
export function img2datasetRow(item: ManifestItem): Img2datasetRow {
  const licence = licenceOf(item);
  return {
    url: item.url,
    caption: item.caption.trim() || item.alt.trim(),
    license: licence?.id ?? null,
    license_url: licence?.url ?? null,
    attribution: creditLine(item),
    page_url: item.pageUrl,
    sha256: item.sha256,
    width: item.width,
    height: item.height,
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
