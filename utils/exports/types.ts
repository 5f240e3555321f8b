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

/**
 * JSON text for one JSON Lines record: JSON.stringify, with U+0085 (NEL), U+2028 and U+2029
 * escaped so readers that split on Unicode line breaks (Python's str.splitlines) still see one
 * record per line (JSON.stringify already escapes every other break splitlines knows, all < U+0020).
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
