/** Longest Heed waits before retrying one request, whatever the server asks. */
export const MAX_RETRY_WAIT_MS = 30_000;

/**
 * Milliseconds to wait from a Retry-After value (RFC 9110 §10.2.3: delay-seconds or an
 * HTTP-date), capped at MAX_RETRY_WAIT_MS; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_WAIT_MS);
  // An HTTP-date always names its weekday and month; Date.parse alone would take "-1" as a year.
  const date = /[A-Za-z]{3}/.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - now, 0), MAX_RETRY_WAIT_MS);
}

/** Exponential backoff for attempt 0, 1, 2…: 1 s, 2 s, 4 s… capped at MAX_RETRY_WAIT_MS. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** attempt, MAX_RETRY_WAIT_MS);
}
