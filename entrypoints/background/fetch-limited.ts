import { backoffMs, parseRetryAfter } from '@/utils/net/retry-after';
import { hiddenByBrowser } from '@/utils/net/response-access';

/** What a bounded fetch of a signal file or image produced. */
export type FetchOutcome =
  | { outcome: 'ok'; url: string; finalUrl: string; redirected: boolean; status: number; headers: Headers; bytes: Uint8Array; truncated: boolean }
  | { outcome: 'unavailable'; url: string; finalUrl: string; status: number; headers: Headers }
  | { outcome: 'unreachable'; url: string; detail: string; status?: number; headers?: Headers };

/** A request answered with a redirect, not followed: where it leads, fetch does not say (redirect-hops.ts does). */
export type Redirected = { outcome: 'redirect'; url: string };

/**
 * Fetch without the user's cookies (only public resources are read), following redirects
 * (Chromium stops at 20; a loop fails and counts as unreachable), reading at most `maxBytes`.
 * 4xx → `unavailable`; 5xx, network errors and timeouts → `unreachable` (RFC 9309 §2.3.1).
 */
export function fetchLimited(url: string, maxBytes: number, timeoutMs = 15_000): Promise<FetchOutcome> {
  return fetchOnce(url, maxBytes, timeoutMs, 'follow') as Promise<FetchOutcome>; // followed: never `redirect`
}

/** One hop of a request: fetchLimited, but a redirect is answered (`redirect`), not followed. */
export function fetchHop(url: string, maxBytes: number, timeoutMs = 15_000): Promise<FetchOutcome | Redirected> {
  return fetchOnce(url, maxBytes, timeoutMs, 'manual');
}

async function fetchOnce(url: string, maxBytes: number, timeoutMs: number, redirect: 'follow' | 'manual'): Promise<FetchOutcome | Redirected> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { credentials: 'omit', redirect, signal: controller.signal, cache: 'no-store' });
    if (res.type === 'opaqueredirect') return { outcome: 'redirect', url };
    // Without host access to the site (Firefox lets the user withhold it) the browser hides the
    // response's headers (response-access.ts): unread, never read as "no header" or "no file"
    // (DESIGN.md §2 rule 5, fail closed).
    const hidden = hiddenByBrowser(res.type);
    if (hidden !== null) {
      await res.body?.cancel();
      return { outcome: 'unreachable', url, detail: hidden };
    }
    const finalUrl = res.url || url;
    // A 3xx that fetch handed back was not followed (no usable Location): it is not the file or
    // document asked for, so it reads as unreachable (RFC 9309 §2.3.1: only a 2xx is the file),
    // not as an empty file that allows everything (DESIGN.md §2 rule 5; fail closed).
    // A 206 answers a Range request, and Heed sends none: it is part of the file, whose rest may
    // hold the rule or the rights statement that refuses (a robots.txt's `Disallow`, an image's
    // XMP), so it reads as unreachable too, never as the whole file.
    if (res.status >= 500 || res.status < 200 || (res.status >= 300 && res.status < 400) || res.status === 206) {
      await res.body?.cancel();
      return { outcome: 'unreachable', url, detail: `HTTP ${res.status}`, status: res.status, headers: res.headers };
    }
    if (res.status >= 400) {
      await res.body?.cancel();
      return { outcome: 'unavailable', url, finalUrl, status: res.status, headers: res.headers };
    }
    const { bytes, truncated } = await readCapped(res, maxBytes);
    // The response's URL has no fragment (Fetch): `page#top` answered at `page` was not redirected.
    return { outcome: 'ok', url, finalUrl, redirected: res.redirected || finalUrl !== url.split('#')[0], status: res.status, headers: res.headers, bytes, truncated };
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

/** Whether `bytes` open as a gzip member does (RFC 1952 §2.3.1: ID1 0x1f, ID2 0x8b, CM 8 = deflate). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

/**
 * A body as its owner wrote it: a gzip-compressed one (served without `Content-Encoding`, or
 * compressed twice) inflated, reading at most `maxBytes` of it (`truncated` past them, as
 * fetchLimited reads); any other body as it is. null when it opens as gzip but does not inflate
 * (corrupt, or cut by the fetch's own cap before its end): the caller fails closed.
 */
export async function inflatedIfGzip(bytes: Uint8Array, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean } | null> {
  if (!isGzip(bytes)) return { bytes, truncated: false };
  try {
    // Fed 1 KiB at a time, as the output is read: a bomb (1 KiB of deflate inflates to ~1 MB)
    // stops at the cap instead of inflating a whole input chunk into memory first.
    let at = 0;
    const source = new ReadableStream<BufferSource>({
      pull(controller) {
        if (at >= bytes.length) controller.close();
        else controller.enqueue(bytes.slice(at, (at += 1024)));
      },
    });
    const stream = source.pipeThrough(new DecompressionStream('gzip'));
    return await readCapped(new Response(stream), maxBytes);
  } catch {
    return null;
  }
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
 * server's Retry-After (capped), or exponential backoff when it gives none. Redirects are
 * answered, not followed (`redirect: 'manual'`): the caller judges each hop first.
 */
export async function fetchWithRetry(url: string, maxBytes: number, retries = 3, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<FetchOutcome | Redirected> {
  for (let attempt = 0; ; attempt++) {
    const r = await fetchHop(url, maxBytes);
    const status = r.outcome === 'unavailable' || r.outcome === 'unreachable' ? r.status : undefined;
    if ((status !== 429 && status !== 503) || attempt >= retries) return r;
    const headers = r.outcome === 'unavailable' || r.outcome === 'unreachable' ? r.headers : undefined;
    await sleep(parseRetryAfter(headers?.get('retry-after') ?? null, Date.now()) ?? backoffMs(attempt));
  }
}
