/** The URL, normalised, when it is http(s) — the only kind the UI turns into a link; else null. */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 8192) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The link of an evidence source: its URL, without the note some sources carry after a space
 * ("https://site/page (tdm-reservation meta)"); null when not http(s).
 */
export function sourceUrl(source: unknown): string | null {
  return typeof source === 'string' ? httpUrl(source.trim().split(/\s/)[0]) : null;
}
