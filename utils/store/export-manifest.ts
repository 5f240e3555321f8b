import { openHeedDB } from './db';
import { readManifest } from './export-from-store';

/** Serialise the manifest of every stored item (deterministic for the same store and time). */
export async function exportManifestJson(version: string, now = new Date()): Promise<string> {
  const db = await openHeedDB();
  try {
    return `${JSON.stringify(await readManifest(db, version, now), null, 2)}\n`;
  } finally {
    db.close();
  }
}
