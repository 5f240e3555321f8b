import { getBlob, getRawSettings, getTally, listItems, openHeedDB, type HeedDatabase } from './db';
import { buildManifest, manifestPolicy, type Manifest } from '../model/manifest';
import { loadSettings, readFieldByField, type Settings } from '../model/settings';
import type { ExportContext, ExportFormat } from '../exports/types';

/** Usable settings as loaded (migrated); unusable ones field by field, never wholesale defaults. */
function settingsAsWritten(raw: unknown): Settings {
  const loaded = loadSettings(raw);
  return loaded.problem === null ? loaded.settings : readFieldByField(raw);
}

/**
 * The manifest of everything stored (metadata only; blobs stay in the database). Its purpose,
 * mode and policy are the stored settings' as the user wrote them, field by field: settings a
 * newer Heed wrote (or partly invalid ones) must not make the header claim this version's
 * defaults. Each item carries the settings it was decided under in any case.
 */
export async function readManifest(db: HeedDatabase, version: string, now: Date): Promise<Manifest> {
  const [items, tally, settings] = await Promise.all([listItems(db), getTally(db), getRawSettings(db).then(settingsAsWritten)]);
  return buildManifest({
    items,
    tally,
    purpose: settings.purpose,
    mode: settings.mode,
    policy: manifestPolicy(settings),
    version,
    exportedAt: now.toISOString(),
  });
}

/** Turn an async stream of chunks into a web ReadableStream (pulled one chunk at a time). */
export function toReadableStream(chunks: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/**
 * Run one export against Heed's database and return the file as a Blob. Image bytes are read
 * one at a time as the ZIP writer asks for them; the browser's blob store (disk-backed for
 * large blobs) holds the output, not the JS heap.
 */
export async function exportToBlob(format: ExportFormat, options: { version: string; now: Date; onProgress?: ExportContext['onProgress'] }): Promise<Blob> {
  const db = await openHeedDB();
  try {
    const manifest = await readManifest(db, options.version, options.now);
    const ctx: ExportContext = { getBlob: (sha256) => getBlob(db, sha256) };
    if (options.onProgress) ctx.onProgress = options.onProgress;
    return await new Response(toReadableStream(format.stream(manifest, ctx)), { headers: { 'content-type': format.mime } }).blob();
  } finally {
    db.close();
  }
}
