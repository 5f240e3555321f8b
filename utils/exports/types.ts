import type { Manifest } from '../model/manifest';

/** The export formats of DESIGN.md §4 / issue 7 besides the JSON manifest. */
export type ExportId = 'jsonl' | 'hf' | 'croissant' | 'attribution';

/** What a format may read besides the manifest: stored bytes, and where to report progress. */
export interface ExportContext {
  /** Bytes of one stored image, read one at a time (never all at once); undefined when missing. */
  getBlob?: (sha256: string) => Promise<Blob | undefined>;
  /** Called as items are written: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * One export format. Every module in utils/exports/ exports one of these, built from pure
 * functions of the manifest (items sorted by collectedAt, then URL): the same store gives the
 * same bytes.
 */
export interface ExportFormat {
  id: ExportId;
  /** Button label. */
  label: string;
  /** MIME type of the downloaded file. */
  mime: string;
  /** Download file name on the user's local calendar day. */
  fileName(date: Date): string;
  /** The file's content in order, produced lazily. */
  stream(manifest: Manifest, ctx: ExportContext): AsyncIterable<Uint8Array | string>;
}

/** Local calendar day as YYYY-MM-DD (same rule as `manifestFileName`). */
export function localDateStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Yield every string of a synchronous generator as an async stream (for text formats). */
export async function* asAsync<T>(chunks: Iterable<T>): AsyncGenerator<T> {
  for (const chunk of chunks) yield chunk;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string value with each lone surrogate as U+FFFD, as UTF-8 would write it (String
 * toWellFormed, by hand). JSON.stringify writes one as the escape `\ud800`, which names no
 * character: strict readers (serde_json; pyarrow, which the Hugging Face loader reads JSON Lines
 * with) refuse it, so one hostile caption would stop the whole file loading. Dataset files only:
 * the stored evidence and the JSON manifest keep the text exactly as read.
 */
function wellFormed(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value;
}

/**
 * JSON text for one JSON Lines record: JSON.stringify, with U+0085 (NEL), U+2028 and U+2029
 * escaped so readers that split on Unicode line breaks (Python's str.splitlines) still see one
 * record per line (JSON.stringify already escapes every other break splitlines knows, all < U+0020),
 * and no lone surrogate (see wellFormed).
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value, wellFormed).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
