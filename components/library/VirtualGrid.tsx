import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { columnsFor, computeWindow, moveActive, rowsFor, scrollTopToReveal } from '@/utils/ui/library-window';

export interface VirtualGridProps {
  count: number;
  rowHeight: number;
  minCellWidth: number;
  gap: number;
  label: string;
  activeIndex: number;
  onActiveChange(index: number): void;
  onOpen(index: number): void;
  /** Told which item indexes are rendered, whenever that changes. */
  onRangeChange(start: number, end: number): void;
  renderCell(index: number, active: boolean): ComponentChildren;
  cellId(index: number): string;
  testId?: string;
}

const OVERSCAN = 3;

function keyName(e: KeyboardEvent): string {
  return (e.ctrlKey || e.metaKey) && (e.key === 'Home' || e.key === 'End') ? `Ctrl+${e.key}` : e.key;
}

/**
 * A windowed ARIA grid: only the rows in view (plus OVERSCAN) exist in the DOM. The grid is one
 * tab stop and moves an active cell with the arrow keys (aria-activedescendant), because a
 * roving tabindex would lose focus whenever the focused cell scrolls out and is unmounted.
 */
export function VirtualGrid(props: VirtualGridProps) {
  const { count, rowHeight, minCellWidth, gap, activeIndex } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Also re-read scrollTop: a grid hidden with display:none comes back scrolled to the top.
    const measure = () => {
      setSize({ width: el.clientWidth, height: el.clientHeight });
      setScrollTop(el.scrollTop);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const columns = columnsFor(size.width - gap, minCellWidth, gap);
  const rowCount = rowsFor(count, columns);
  const win = computeWindow({ scrollTop, viewportHeight: size.height, rowHeight, rowCount, overscan: OVERSCAN });
  const start = win.startRow * columns;
  const end = Math.min(count, win.endRow * columns);

  useEffect(() => props.onRangeChange(start, end), [start, end]);

  // Scroll events arrive once per frame; re-render only when the set of rows (or, past the
  // height cap, their offset) changes — most frames only move pixels the compositor already has.
  const current = useRef(win);
  current.current = win;
  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    const next = computeWindow({ scrollTop: el.scrollTop, viewportHeight: el.clientHeight, rowHeight, rowCount, overscan: OVERSCAN });
    const cur = current.current;
    if (next.startRow !== cur.startRow || next.endRow !== cur.endRow || next.shift !== cur.shift) setScrollTop(el.scrollTop);
  };

  const reveal = (index: number) => {
    const el = ref.current;
    if (!el) return;
    const top = scrollTopToReveal(Math.floor(index / columns), { scrollTop: el.scrollTop, viewportHeight: el.clientHeight, rowHeight, rowCount });
    if (top !== null) {
      el.scrollTop = top;
      setScrollTop(el.scrollTop);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (count > 0) props.onOpen(Math.min(activeIndex, count - 1));
      return;
    }
    const pageRows = Math.max(1, Math.floor(size.height / rowHeight));
    const next = moveActive(activeIndex, keyName(e), { columns, count, pageRows });
    if (next === null) return;
    e.preventDefault();
    props.onActiveChange(next);
    reveal(next);
  };

  // Keyboard users who scrolled with the mouse start from what they see, not from far away.
  const onFocus = () => {
    if (count > 0 && (activeIndex < start || activeIndex >= end)) props.onActiveChange(Math.min(count - 1, start + OVERSCAN * columns));
  };

  const rows = [];
  for (let r = win.startRow; r < win.endRow; r++) {
    const cells = [];
    for (let i = r * columns; i < Math.min(count, (r + 1) * columns); i++) cells.push(props.renderCell(i, i === activeIndex));
    rows.push(
      <div key={r} role="row" aria-rowindex={r + 1} class="vgrid__row" style={{ transform: `translateY(${r * rowHeight + win.shift}px)`, height: `${rowHeight}px`, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: `${gap}px`, padding: `0 ${gap}px` }}>
        {cells}
      </div>,
    );
  }
  const activeRendered = activeIndex >= start && activeIndex < end;

  return (
    <div
      ref={ref}
      class="vgrid"
      role="grid"
      tabIndex={0}
      aria-label={props.label}
      aria-rowcount={rowCount}
      aria-colcount={columns}
      aria-activedescendant={activeRendered ? props.cellId(activeIndex) : undefined}
      data-testid={props.testId}
      data-row-count={rowCount}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div role="rowgroup" class="vgrid__space" style={{ height: `${win.totalHeight + gap}px` }}>
        {rows}
      </div>
    </div>
  );
}
