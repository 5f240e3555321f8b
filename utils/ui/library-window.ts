/**
 * Windowing math for the library grid: which rows of a very long grid to render, and where.
 * Browsers cap an element's height (Firefox near 17.9M px, Chromium near 33.5M px), so past
 * MAX_SCROLL_HEIGHT the scroll range is compressed and rows are placed relative to scrollTop.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan: number;
  maxHeight?: number;
}

export interface GridWindow {
  /** First row to render (inclusive) and last (exclusive). */
  startRow: number;
  endRow: number;
  /** Height of the scrollable spacer. */
  totalHeight: number;
  /** Add to `row * rowHeight` to get a row's top inside the spacer (0 unless compressed). */
  shift: number;
}

const finite = (n: number, fallback = 0) => (Number.isFinite(n) ? n : fallback);

/** The rows to render for a scroll position; any nonsense input gives an empty or clamped window. */
export function computeWindow(input: WindowInput): GridWindow {
  const rowHeight = Math.max(1, finite(input.rowHeight, 1));
  const rowCount = Math.max(0, Math.floor(finite(input.rowCount)));
  const viewport = Math.max(0, finite(input.viewportHeight));
  const overscan = Math.max(0, Math.floor(finite(input.overscan)));
  const maxHeight = Math.max(viewport + 1, finite(input.maxHeight ?? MAX_SCROLL_HEIGHT, MAX_SCROLL_HEIGHT));
  const natural = rowCount * rowHeight;
  const totalHeight = Math.min(natural, maxHeight);
  const scrollTop = Math.min(Math.max(0, finite(input.scrollTop)), Math.max(0, totalHeight - viewport));
  const virtualTop = toVirtual(scrollTop, natural, totalHeight, viewport);
  if (rowCount === 0) return { startRow: 0, endRow: 0, totalHeight: 0, shift: 0 };
  const first = Math.floor(virtualTop / rowHeight);
  const last = Math.ceil((virtualTop + viewport) / rowHeight);
  return {
    startRow: Math.max(0, first - overscan),
    endRow: Math.min(rowCount, Math.max(last, first + 1) + overscan),
    totalHeight,
    shift: scrollTop - virtualTop,
  };
}

function toVirtual(scrollTop: number, natural: number, total: number, viewport: number): number {
  if (natural <= total || total <= viewport) return scrollTop;
  return (scrollTop * (natural - viewport)) / (total - viewport);
}

/** The scrollTop that shows `row` fully, or null when it already is (keyboard moves only scroll when needed). */
export function scrollTopToReveal(row: number, input: Omit<WindowInput, 'overscan'>): number | null {
  const rowHeight = Math.max(1, finite(input.rowHeight, 1));
  const viewport = Math.max(0, finite(input.viewportHeight));
  const natural = Math.max(0, Math.floor(finite(input.rowCount))) * rowHeight;
  const total = Math.min(natural, Math.max(viewport + 1, finite(input.maxHeight ?? MAX_SCROLL_HEIGHT, MAX_SCROLL_HEIGHT)));
  const virtualTop = toVirtual(Math.max(0, finite(input.scrollTop)), natural, total, viewport);
  const top = row * rowHeight;
  let target: number;
  if (top < virtualTop) target = top;
  else if (top + rowHeight > virtualTop + viewport) target = top + rowHeight - viewport;
  else return null;
  const scale = natural <= total || total <= viewport ? 1 : (total - viewport) / (natural - viewport);
  return Math.max(0, Math.round(target * scale));
}

/** How many columns of at least `minCellWidth` fit (always at least one). */
export function columnsFor(width: number, minCellWidth: number, gap = 0): number {
  const w = finite(width);
  const cell = Math.max(1, finite(minCellWidth, 1));
  return Math.max(1, Math.floor((w + gap) / (cell + Math.max(0, gap))));
}

/** Rows needed for `count` items in `columns` columns. */
export function rowsFor(count: number, columns: number): number {
  return Math.ceil(Math.max(0, count) / Math.max(1, columns));
}

/** Page numbers (of `pageSize` items) covering item indexes [start, end). */
export function pagesForRange(start: number, end: number, pageSize: number): number[] {
  const size = Math.max(1, Math.floor(pageSize));
  const from = Math.max(0, Math.floor(start));
  if (!(end > from)) return [];
  const pages: number[] = [];
  for (let p = Math.floor(from / size); p <= Math.floor((end - 1) / size); p++) pages.push(p);
  return pages;
}

/** Where a grid key press moves the active item, or null for keys the grid does not handle. */
export function moveActive(index: number, key: string, grid: { columns: number; count: number; pageRows: number }): number | null {
  const { count } = grid;
  if (count <= 0) return null;
  const columns = Math.max(1, grid.columns);
  const page = Math.max(1, grid.pageRows) * columns;
  const i = Math.min(Math.max(0, index), count - 1);
  const rowStart = i - (i % columns);
  const next: Record<string, number> = {
    ArrowRight: i + 1,
    ArrowLeft: i - 1,
    ArrowDown: i + columns,
    ArrowUp: i - columns,
    PageDown: i + page,
    PageUp: i - page,
    Home: rowStart,
    End: rowStart + columns - 1,
    'Ctrl+Home': 0,
    'Ctrl+End': count - 1,
  };
  const target = next[key];
  if (target === undefined) return null;
  // Arrow keys stop at the edges; paging and Home/End clamp into range.
  if ((key === 'ArrowDown' || key === 'ArrowUp' || key === 'ArrowRight' || key === 'ArrowLeft') && (target < 0 || target >= count)) return i;
  return Math.min(Math.max(0, target), count - 1);
}
