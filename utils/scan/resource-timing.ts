import { emit, httpUrlIn, type ScanEnv, type ScanScope } from './scope';
import { looksLikeImageFile } from './text';

/** Chrome's default resource timing buffer: a list this long may have dropped entries. */
const DEFAULT_BUFFER = 250;
const NOT_IMAGE = /\.(?:woff2?|ttf|otf|eot|css|js|mjs|json|html?|mp4|webm|mp3|wasm)$/i;

const SERIALISED = /^https?:\/\/[a-z0-9.:[\]-]+(\/[^?#\s\\]*)?(?:[?#][^\s\\]*)?$/i;

/** The path of an entry's URL: sliced from the browser's serialisation, parsed only if odd. */
function pathOf(name: string): string | null {
  const m = SERIALISED.exec(name);
  if (m) return m[1] ?? '/';
  try {
    return new URL(name).pathname;
  } catch {
    return null;
  }
}

interface ResourceEntryLike {
  name: string;
  initiatorType: string;
  decodedBodySize?: number;
  responseStatus?: number;
}

/** Image-like resource entries the page loaded (img, css, svg image), or null when unavailable. */
export function imageResourceEntries(env: ScanEnv): { entries: ResourceEntryLike[]; complete: boolean } | null {
  let list: ResourceEntryLike[];
  try {
    const perf = env.view?.performance;
    if (!perf || typeof perf.getEntriesByType !== 'function') return null;
    list = perf.getEntriesByType('resource') as unknown as ResourceEntryLike[];
  } catch {
    return null;
  }
  const entries: ResourceEntryLike[] = [];
  for (const e of list) {
    if (e.initiatorType !== 'img' && e.initiatorType !== 'css' && e.initiatorType !== 'image') continue;
    if (typeof e.name !== 'string') continue;
    const path = pathOf(e.name);
    if (path !== null && !NOT_IMAGE.test(path)) entries.push(e);
  }
  return { entries, complete: list.length < DEFAULT_BUFFER };
}

/** CSS-loaded images not yet found; null when Resource Timing cannot tell (absent, or its buffer full). */
export function cssImagesNotFound(env: ScanEnv): Set<string> | null {
  const rt = imageResourceEntries(env);
  if (!rt || !rt.complete) return null;
  const missing = new Set<string>();
  for (const e of rt.entries) {
    const url = httpUrlIn(env, e.name, true);
    if (e.initiatorType === 'css' && url && !env.collector.known.has(url)) missing.add(url);
  }
  return missing;
}

/**
 * Images the page loaded that the DOM no longer shows (removed carousel slides, replaced
 * feed items, JS-created images), from Resource Timing, marked `resource-timing`. Beacons
 * (known body under `minResourceBytes`, non-2xx/204 status) are left out. Runs on the document.
 */
export function findResourceTiming(scope: ScanScope): void {
  const { env } = scope;
  if (!env.options.resourceTiming || scope.shadow) return;
  const rt = imageResourceEntries(env);
  for (const e of rt?.entries ?? []) {
    const url = httpUrlIn(env, e.name, true);
    if (!url || env.collector.known.has(url)) continue;
    const status = typeof e.responseStatus === 'number' ? e.responseStatus : 0;
    if (status && (status < 200 || status > 299 || status === 204)) continue;
    const bytes = typeof e.decodedBodySize === 'number' ? e.decodedBodySize : 0;
    if (bytes > 0 && bytes < env.options.minResourceBytes) continue;
    // A CSS-initiated entry for a non-image file name is most likely a font or cursor we missed.
    if (e.initiatorType === 'css' && !looksLikeImageFile(url) && /\.[a-z0-9]{2,5}$/i.test(url)) continue;
    emit(scope, { url, discovery: ['resource-timing'], el: null });
  }
}
