import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { deleteItem, getItemsByKeys, type HeedDatabase } from '@/utils/store/db';
import { announceItemsRemoved, onLibraryEvent } from '@/utils/messages/library-events';
import { EMPTY_FILTER, parseFilter, type LibraryFilter } from '@/utils/ui/library-filter';
import type { ManifestItem } from '@/utils/model/manifest';
import { mainThreadScanner, workerScanner } from './facet-scanner';
import { FilterBar } from './FilterBar';
import { formatCount, itemLabel } from './format';
import { ItemCard } from './ItemCard';
import { ItemDetails } from './ItemDetails';
import { StoragePanel } from './StoragePanel';
import { useItemPages } from './useItemPages';
import { useLibraryIndex } from './useLibraryIndex';
import { VirtualGrid } from './VirtualGrid';

const NO_KEYS: string[] = [];
const cellId = (i: number) => `item-${i}`;

function filterFromUrl(): LibraryFilter {
  const parsed = parseFilter(Object.fromEntries(new URLSearchParams(location.search)));
  return JSON.stringify(parsed) === JSON.stringify(EMPTY_FILTER) ? EMPTY_FILTER : parsed;
}

/** Filters, storage, and the windowed grid of stored items with a details dialog. */
export function LibraryView({ db, hidden, announce, createFacetWorker }: { db: HeedDatabase; hidden: boolean; announce(text: string): void; createFacetWorker?: () => Worker }) {
  const [filter, setFilter] = useState<LibraryFilter>(filterFromUrl);
  const scan = useMemo(() => (createFacetWorker ? workerScanner(createFacetWorker, mainThreadScanner(db)) : mainThreadScanner(db)), [db, createFacetWorker]);
  const index = useLibraryIndex(db, filter, scan);
  const keys = index.keys ?? NO_KEYS;
  const [range, setRange] = useState({ start: 0, end: 0 });
  const itemAt = useItemPages(db, keys, range.start, range.end);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState<ManifestItem | null>(null);
  const [storageKey, setStorageKey] = useState(0);

  // Keep the filter in the address so a reload (or a shared link) shows the same view.
  useEffect(() => {
    const params = new URLSearchParams(Object.entries(filter).filter(([k, v]) => v !== '' && v !== false && !(k === 'synthetic' && v === 'any')).map(([k, v]) => [k, String(v)]));
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    follow.current = undefined; // a new filter starts at the top, whatever was added
    setActive(0);
  }, [filter]);

  // Items a running collect stores appear as they land: keys arrive from the background, the
  // items are read in one batch per half second (a fast collect stores several a second).
  const { add, remove: drop } = index;
  /** The key of the active cell when items were added: the cell moves with it. */
  const follow = useRef<string | undefined>(undefined);
  const current = useRef({ keys, active });
  current.current = { keys, active };
  useEffect(() => {
    let pending: string[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Screen readers hear one summary once items stop arriving, not one line per batch.
    let unannounced = 0;
    let quiet: ReturnType<typeof setTimeout> | null = null;
    const tell = () => {
      quiet = null;
      announce(`${formatCount(unannounced)} new ${unannounced === 1 ? 'item' : 'items'} in the library`);
      unannounced = 0;
    };
    const flush = () => {
      timer = null;
      const keys = pending;
      pending = [];
      getItemsByKeys(db, keys)
        .then((items) => {
          const stored = items.filter((i): i is ManifestItem => !!i);
          if (stored.length === 0) return;
          follow.current = current.current.keys[current.current.active];
          add(stored);
          setStorageKey((k) => k + 1);
          unannounced += stored.length;
          if (quiet) clearTimeout(quiet);
          quiet = setTimeout(tell, 2000);
        })
        .catch(() => undefined);
    };
    const stop = onLibraryEvent((event) => {
      if (event.type === 'items-removed') {
        // Withdrawn by a collect (or deleted elsewhere): gone from the page at once, and not read if still to be.
        const gone = new Set(event.keys);
        pending = pending.filter((k) => !gone.has(k));
        for (const key of event.keys) drop(key);
        setOpen((o) => (o && gone.has(o.sha256) ? null : o));
        setStorageKey((k) => k + 1);
        return;
      }
      pending.push(...event.keys);
      timer ??= setTimeout(flush, 500);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
      if (quiet) clearTimeout(quiet);
    };
  }, [db, add, drop, announce]);

  // The active cell follows its item when new items are put ahead of it (see the flush above).
  useEffect(() => {
    const key = follow.current;
    follow.current = undefined;
    if (key === undefined || keys[active] === key) return;
    const moved = keys.indexOf(key);
    if (moved >= 0) setActive(moved);
  }, [keys]);

  const onRangeChange = useCallback((start: number, end: number) => setRange({ start, end }), []);
  const onOpen = useCallback(
    (i: number) => {
      setActive(i);
      const key = keys[i];
      if (key === undefined) return;
      const cached = itemAt(i);
      if (cached) return setOpen(cached);
      getItemsByKeys(db, [key]).then(([item]) => item && setOpen(item)).catch(() => undefined);
    },
    [db, keys, itemAt],
  );
  // ItemCard is memoised; a stable callback keeps scrolling from re-rendering every cell.
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const openRef = useCallback((i: number) => onOpenRef.current(i), []);

  const remove = async (key: string) => {
    const label = open ? itemLabel(open) : 'item';
    await deleteItem(db, key);
    announceItemsRemoved([key]); // other open library pages drop it too
    setOpen(null);
    index.remove(key);
    setStorageKey((k) => k + 1);
    announce(`Deleted “${label}”`);
  };

  const count = keys.length;
  const filtered = index.keys !== null && index.total !== null && count !== index.total;
  return (
    <div class="library" hidden={hidden}>
      <aside class="library__side" aria-label="Filters and storage">
        <FilterBar filter={filter} onChange={setFilter} facets={index.facets} progress={index.progress} />
        <StoragePanel refreshKey={storageKey} />
      </aside>
      <main class="library__main" id={hidden ? undefined : 'main'} tabIndex={-1}>
        <div class="library__bar">
          <h2 class="library__count" data-testid="library-count" data-count={index.keys === null ? '' : String(count)} data-total={index.total ?? ''}>
            {index.keys === null ? 'Loading…' : filtered ? `${formatCount(count)} of ${formatCount(index.total ?? 0)} items` : `${formatCount(count)} items`}
          </h2>
          <button type="button" onClick={index.reload}>Refresh</button>
        </div>
        {index.error ? <p role="alert" class="error">{index.error}</p> : null}
        {index.keys !== null && count === 0 ? (
          <p class="empty" data-testid="library-empty">
            {index.total === 0 ? 'No items yet. Open a page, click Heed’s toolbar button and press Collect; permitted images appear here.' : 'No items match these filters.'}
          </p>
        ) : (
          <VirtualGrid
            count={count}
            rowHeight={256}
            minCellWidth={200}
            gap={12}
            label="Collected images"
            activeIndex={active}
            onActiveChange={setActive}
            onOpen={openRef}
            onRangeChange={onRangeChange}
            cellId={cellId}
            testId="library-grid"
            renderCell={(i, isActive) => <ItemCard key={keys[i]} db={db} index={i} id={cellId(i)} itemKey={keys[i] ?? ''} item={itemAt(i)} active={isActive} onOpen={openRef} />}
          />
        )}
      </main>
      {open ? <ItemDetails key={open.sha256} db={db} item={open} onClose={() => setOpen(null)} onDelete={remove} /> : null}
    </div>
  );
}
