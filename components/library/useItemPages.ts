import { useEffect, useRef, useState } from 'preact/hooks';
import { getItemsByKeys, type HeedDatabase } from '@/utils/store/db';
import { pagesForRange } from '@/utils/ui/library-window';
import type { ManifestItem } from '@/utils/model/manifest';

const PAGE_SIZE = 60;
/** Items kept in memory; past this, those far from the window are dropped. */
const CACHE_LIMIT = 3000;

/**
 * Item metadata for the rendered window, fetched by key a page at a time (plus one page either
 * side). One fetch runs at a time and only the latest window is fetched next, so a fast scroll
 * does not queue up pages the user has already passed.
 */
export function useItemPages(db: HeedDatabase | null, keys: readonly string[], start: number, end: number): (index: number) => ManifestItem | null | undefined {
  const cache = useRef(new Map<string, ManifestItem | null>());
  const busy = useRef(false);
  const wanted = useRef({ keys, start, end });
  const mounted = useRef(true);
  const [, setVersion] = useState(0);
  wanted.current = { keys, start, end };

  useEffect(() => () => void (mounted.current = false), []);

  useEffect(() => {
    if (!db) return;
    // A pump already running picks the new window up from `wanted` on its next turn.
    const pump = async () => {
      if (busy.current) return;
      busy.current = true;
      try {
        for (;;) {
          const { keys: ks, start: s, end: e } = wanted.current;
          const pages = pagesForRange(Math.max(0, s - PAGE_SIZE), Math.min(ks.length, e + PAGE_SIZE), PAGE_SIZE);
          const first = pages[0];
          const last = pages[pages.length - 1];
          if (first === undefined || last === undefined) return;
          const missing = ks.slice(first * PAGE_SIZE, (last + 1) * PAGE_SIZE).filter((k) => !cache.current.has(k));
          if (missing.length === 0) return;
          const items = await getItemsByKeys(db, missing);
          missing.forEach((k, i) => cache.current.set(k, items[i] ?? null));
          evict(cache.current, ks, s, e);
          if (mounted.current) setVersion((v) => v + 1);
        }
      } finally {
        busy.current = false;
      }
    };
    void pump().catch(() => undefined);
  }, [db, keys, start, end]);

  return (index) => {
    const key = keys[index];
    return key === undefined ? null : cache.current.get(key);
  };
}

function evict(cache: Map<string, ManifestItem | null>, keys: readonly string[], start: number, end: number): void {
  if (cache.size <= CACHE_LIMIT) return;
  const keep = new Set(keys.slice(Math.max(0, start - 500), end + 500));
  for (const k of cache.keys()) if (!keep.has(k)) cache.delete(k);
}
