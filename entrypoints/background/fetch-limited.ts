import { backoffMs, parseRetryAfter } from '@/utils/net/retry-after';

/** What a bounded fetch of a signal file or image produced. */
export type FetchOutcome =
  | { outcome: 'ok'; url: string; finalUrl: string; redirected: boolean; status: number; headers: Headers; bytes: Uint8Array; truncated: boolean }
  | { outcome: 'unavailable'; url: string; finalUrl: string; status: number; headers: Headers }
  | { outcome: 'unreachable'; url: string; detail: string; status?: number; headers?: Headers };

/**
 * Fetch without the user's cookies (only public resources are read), following redirects
 * (Chromium stops at 20; a loop fails and counts as unreachable), reading at most `maxBytes`.
 * 4xx → `unavailable`; 5xx, network errors and timeouts → `unreachable` (RFC 9309 §2.3.1).
 */
export async function fetchLimited(url: string, maxBytes: number, timeoutMs = 15_000): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { credentials: 'omit', redirect: 'follow', signal: controller.signal, cache: 'no-store' });
    const finalUrl = res.url || url;
    if (res.status >= 500 || res.status < 200) {
      await res.body?.cancel();
      return { outcome: 'unreachable', url, detail: `HTTP ${res.status}`, status: res.status, headers: res.headers };
    }
    if (res.status >= 400) {
      await res.body?.cancel();
      return { outcome: 'unavailable', url, finalUrl, status: res.status, headers: res.headers };
    }
    const { bytes, truncated } = await readCapped(res, maxBytes);
    return { outcome: 'ok', url, finalUrl, redirected: res.redirected || finalUrl !== url, status: res.status, headers: res.headers, bytes, truncated };
  } catch (err) {
    return { outcome: 'unreachable', url, detail: controller.signal.aborted ? 'timed out' : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!res.body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      parts.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      await reader.cancel();
      break;
    }
    parts.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.byteLength;
  }
  return { bytes, truncated };
}

/** Response headers as lower-cased name → value. fetch joins repeated lines with ", ", so each
 * value is a string, which the readers treat as possibly joined (utils/signals/header-lines.ts). */
export function headerMap(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/**
 * fetchLimited with polite retries: a 429 or 503 is retried up to `retries` times after the
 * server's Retry-After (capped), or exponential backoff when it gives none.
 */
export async function fetchWithRetry(url: string, maxBytes: number, retries = 3, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<FetchOutcome> {
  for (let attempt = 0; ; attempt++) {
    const r = await fetchLimited(url, maxBytes);
    const status = r.outcome === 'unavailable' || r.outcome === 'unreachable' ? r.status : undefined;
    if ((status !== 429 && status !== 503) || attempt >= retries) return r;
    const headers = r.outcome === 'unavailable' || r.outcome === 'unreachable' ? r.headers : undefined;
    await sleep(parseRetryAfter(headers?.get('retry-after') ?? null, Date.now()) ?? backoffMs(attempt));
  }
}
