import { describe, expect, it } from 'vitest';
import { columnsFor, computeWindow, moveActive, pagesForRange, rowsFor, scrollTopToReveal } from '../../../utils/ui/library-window';

describe('computeWindow', () => {
  const base = { rowHeight: 100, viewportHeight: 450, rowCount: 1000, overscan: 2 };

  it.each([
    [0, { startRow: 0, endRow: 7, totalHeight: 100_000, shift: 0 }],
    [250, { startRow: 0, endRow: 9, totalHeight: 100_000, shift: 0 }],
    [5_000, { startRow: 48, endRow: 57, totalHeight: 100_000, shift: 0 }],
    // Clamped to the last full screen.
    [1e9, { startRow: 993, endRow: 1000, totalHeight: 100_000, shift: 0 }],
    [-50, { startRow: 0, endRow: 7, totalHeight: 100_000, shift: 0 }],
    [Number.NaN, { startRow: 0, endRow: 7, totalHeight: 100_000, shift: 0 }],
  ])('scrollTop %s', (scrollTop, expected) => {
    expect(computeWindow({ ...base, scrollTop })).toEqual(expected);
  });

  it('renders a bounded number of rows at 100,000 items whatever the scroll position', () => {
    const rowCount = rowsFor(100_000, 5);
    for (const scrollTop of [0, 123_456, 2_000_000, 4_799_000]) {
      const w = computeWindow({ scrollTop, viewportHeight: 800, rowHeight: 240, rowCount, overscan: 3 });
      expect(w.endRow - w.startRow).toBeLessThanOrEqual(Math.ceil(800 / 240) + 1 + 6);
      expect(w.endRow).toBeGreaterThan(w.startRow);
    }
  });

  it('is empty for no rows or garbage counts', () => {
    expect(computeWindow({ ...base, rowCount: 0, scrollTop: 0 })).toEqual({ startRow: 0, endRow: 0, totalHeight: 0, shift: 0 });
    expect(computeWindow({ ...base, rowCount: -3, scrollTop: 10 }).endRow).toBe(0);
    expect(computeWindow({ ...base, rowCount: Number.POSITIVE_INFINITY, scrollTop: 10 }).endRow).toBe(0);
  });

  it('compresses past maxHeight: the last row is reachable and rows stay under the viewport', () => {
    const input = { rowHeight: 100, viewportHeight: 500, rowCount: 100_000, overscan: 0, maxHeight: 1_000_000 };
    const end = computeWindow({ ...input, scrollTop: 1_000_000 });
    expect(end.totalHeight).toBe(1_000_000);
    expect(end.endRow).toBe(100_000);
    // The last row's top, placed with the shift, sits inside the viewport at the bottom.
    const lastTop = 99_999 * 100 + end.shift;
    expect(lastTop - (1_000_000 - 500)).toBe(400);
    const mid = computeWindow({ ...input, scrollTop: 499_750 });
    expect(mid.startRow).toBeGreaterThan(49_000);
    expect(mid.startRow).toBeLessThan(51_000);
    expect(mid.startRow * 100 + mid.shift).toBeLessThanOrEqual(499_750);
    expect(mid.endRow * 100 + mid.shift).toBeGreaterThanOrEqual(499_750 + 500);
  });
});

describe('scrollTopToReveal', () => {
  const input = { rowHeight: 100, viewportHeight: 450, rowCount: 1000, scrollTop: 1000 };
  it.each([
    [10, null],
    [13, null],
    [14, 1050],
    [9, 900],
    [0, 0],
  ])('row %s', (row, expected) => expect(scrollTopToReveal(row, input)).toBe(expected));

  it('maps back through compression so the row lands in the window', () => {
    const big = { rowHeight: 100, viewportHeight: 500, rowCount: 100_000, scrollTop: 0, maxHeight: 1_000_000 };
    const top = scrollTopToReveal(70_000, big)!;
    const w = computeWindow({ ...big, scrollTop: top, overscan: 0 });
    expect(70_000).toBeGreaterThanOrEqual(w.startRow);
    expect(70_000).toBeLessThan(w.endRow);
  });
});

describe('grid geometry', () => {
  it.each([
    [1000, 180, 12, 5],
    [180, 180, 12, 1],
    [100, 180, 12, 1],
    [0, 180, 12, 1],
    [Number.NaN, 180, 12, 1],
    [1920, 180, 12, 10],
  ])('columnsFor(%s, %s, %s) = %s', (w, min, gap, cols) => expect(columnsFor(w, min, gap)).toBe(cols));

  it.each([
    [0, 5, 0],
    [1, 5, 1],
    [5, 5, 1],
    [6, 5, 2],
    [100_000, 6, 16_667],
    [7, 0, 7],
  ])('rowsFor(%s, %s) = %s', (n, c, r) => expect(rowsFor(n, c)).toBe(r));
});

describe('pagesForRange', () => {
  it.each([
    [0, 10, 50, [0]],
    [0, 50, 50, [0]],
    [0, 51, 50, [0, 1]],
    [49, 51, 50, [0, 1]],
    [120, 260, 50, [2, 3, 4, 5]],
    [10, 10, 50, []],
    [20, 10, 50, []],
    [-5, 3, 50, [0]],
    [0, 3, 0, [0, 1, 2]],
  ])('[%s, %s) by %s', (s, e, size, pages) => expect(pagesForRange(s, e, size)).toEqual(pages));
});

describe('moveActive', () => {
  const grid = { columns: 4, count: 10, pageRows: 2 };
  it.each([
    [0, 'ArrowRight', 1],
    [0, 'ArrowLeft', 0],
    [3, 'ArrowRight', 4],
    [5, 'ArrowDown', 9],
    [6, 'ArrowDown', 6],
    [5, 'ArrowUp', 1],
    [1, 'ArrowUp', 1],
    [9, 'ArrowRight', 9],
    [5, 'Home', 4],
    [5, 'End', 7],
    [9, 'End', 9],
    [0, 'PageDown', 8],
    [9, 'PageUp', 1],
    [2, 'PageUp', 0],
    [5, 'Ctrl+Home', 0],
    [0, 'Ctrl+End', 9],
    [42, 'ArrowUp', 5],
    [0, 'a', null],
    [0, 'Enter', null],
  ])('%s + %s → %s', (i, key, expected) => expect(moveActive(i, key, grid)).toBe(expected));

  it('does nothing in an empty grid', () => expect(moveActive(0, 'ArrowDown', { columns: 3, count: 0, pageRows: 2 })).toBeNull());
});
