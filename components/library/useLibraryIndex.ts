import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { listItemKeysNewestFirst, type HeedDatabase } from '@/utils/store/db';
import { createSiteResolver, dateBounds, facetsOf, filterKeys, needsFacets, newestFirst, type ItemFacets, type LibraryFilter } from '@/utils/ui/library-filter';
import type { ManifestItem } from '@/utils/model/manifest';
import type { FacetScanner } from './facet-scanner';

export interface LibraryIndex {
  /** Keys matching the filter, newest first; null while they are being worked out. */
  keys: string[] | null;
  /** Items in the store. */
  total: number | null;
  /** Every item's filter facets, once the background pass is done (null before). */
  facets: ItemFacets[] | null;
  /** 0..1 progress of that pass. */
  progress: number;
  error: string | null;
  remove(key: string): void;
  /** Items stored since the index was read (a collect running while the library is open). */
  add(items: readonly ManifestItem[]): void;
  reload(): void;
}

/** `fresh` (newest first) ahead of `keys`, without the ones `keys` already holds. */
function prepend(keys: string[], fresh: readonly ItemFacets[]): string[] {
  const known = new Set(keys);
  const added = fresh.filter((f) => !known.has(f.key)).map((f) => f.key);
  return added.length ? [...added, ...keys] : keys;
}

/** Facets of `extra` not already in `facets`. */
function merged(facets: ItemFacets[], extra: readonly ItemFacets[]): ItemFacets[] {
  const known = new Set(facets.map((f) => f.key));
  const added = extra.filter((f) => !known.has(f.key));
  return added.length ? [...facets, ...added] : facets;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The library's key lists. The unfiltered list and date ranges come straight from the
 * collectedAt index (keys only, fast at 100k); the other filters need each item's site,
 * licence, purpose and synthetic flag, read once in batches after the first paint.
 */
export function useLibraryIndex(db: HeedDatabase | null, filter: LibraryFilter, scan: FacetScanner): LibraryIndex {
  const [generation, setGeneration] = useState(0);
  const [allKeys, setAllKeys] = useState<string[] | null>(null);
  const [facets, setFacets] = useState<ItemFacets[] | null>(null);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [dateKeys, setDateKeys] = useState<{ filter: LibraryFilter; keys: string[] } | null>(null);
  // Items announced while the index is being read: merged in when each part of the read ends.
  const addedDuringRead = useRef<ItemFacets[]>([]);
  const reading = useRef(false);
  const siteOf = useMemo(() => createSiteResolver(), []);

  useEffect(() => {
    if (!db) return;
    const abort = new AbortController();
    setFacets(null);
    setProgress(0);
    setError(null);
    addedDuringRead.current = [];
    reading.current = true;
    (async () => {
      const read = await listItemKeysNewestFirst(db);
      if (abort.signal.aborted) return;
      const keys = prepend(read, addedDuringRead.current);
      setAllKeys(keys);
      const seen: ItemFacets[] = [];
      await scan((batch) => {
        for (const f of batch) seen.push(f);
        setProgress(keys.length ? Math.min(1, seen.length / keys.length) : 1);
      }, abort.signal);
      if (!abort.signal.aborted) {
        setFacets(merged(seen, addedDuringRead.current));
        setProgress(1);
        reading.current = false;
        addedDuringRead.current = [];
      }
    })().catch((err: unknown) => {
      reading.current = false;
      if (!abort.signal.aborted) setError(`Could not read the library: ${message(err)}`);
    });
    return () => abort.abort();
  }, [db, generation, scan]);

  const dateOnly = !needsFacets(filter) && (filter.from !== '' || filter.to !== '');
  // Before the facet pass ends, a date range is answered by the index itself.
  useEffect(() => {
    if (!db || !dateOnly || facets) return;
    let alive = true;
    listItemKeysNewestFirst(db, dateBounds(filter))
      .then((keys) => alive && setDateKeys({ filter, keys }))
      .catch((err: unknown) => alive && setError(message(err)));
    return () => {
      alive = false;
    };
  }, [db, dateOnly, facets, filter]);

  const keys = useMemo(() => {
    if (!needsFacets(filter) && !dateOnly) return allKeys;
    if (facets) return filterKeys(facets, filter);
    return dateOnly && dateKeys?.filter === filter ? dateKeys.keys : null;
  }, [allKeys, facets, filter, dateOnly, dateKeys]);

  const remove = useCallback((key: string) => {
    setAllKeys((k) => k && k.filter((x) => x !== key));
    setFacets((f) => f && f.filter((x) => x.key !== key));
    setDateKeys((d) => d && { filter: d.filter, keys: d.keys.filter((x) => x !== key) });
  }, []);
  const add = useCallback(
    (items: readonly ManifestItem[]) => {
      const fresh = items.map((item) => facetsOf(item, siteOf));
      fresh.sort(newestFirst); // as the collectedAt index reversed orders the rest
      if (reading.current) addedDuringRead.current.push(...fresh);
      setAllKeys((k) => k && prepend(k, fresh));
      setFacets((f) => f && merged(f, fresh));
      setDateKeys(null); // a date-only view re-reads its range from the index
    },
    [siteOf],
  );
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const total = allKeys ? allKeys.length : null;
  return { keys, total, facets, progress, error, remove, add, reload };
}
