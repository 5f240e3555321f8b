import { getRawSettings, getTally, listItems, openHeedDB } from './db';
import { buildManifest } from './manifest';
import { purposeProfile } from './purposes';
import { parseSettings } from './settings';

/** Serialise the manifest of every stored item (deterministic for the same store and time). */
export async function exportManifestJson(version: string, now = new Date()): Promise<string> {
  const db = await openHeedDB();
  try {
    const [items, tally, settings] = await Promise.all([listItems(db), getTally(db), getRawSettings(db).then(parseSettings)]);
    const manifest = buildManifest({
      items,
      tally,
      purpose: settings.purpose,
      mode: settings.mode,
      policy: { acceptedLicences: settings.acceptedLicences, robotsTokens: purposeProfile(settings.purpose).robotsTokens },
      version,
      exportedAt: now.toISOString(),
    });
    return `${JSON.stringify(manifest, null, 2)}\n`;
  } finally {
    db.close();
  }
}
