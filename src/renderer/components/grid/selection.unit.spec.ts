import { describe, expect, it } from 'vitest';
import { areaBetween, collapsed, contains, extendedTo, keyMove, selectActiveRow, selectAll, selectionArea, selectionAt } from './selection';

describe('grid selection and keys', () => {
  const size = { rows: 100, columns: 5, pageRows: 20 };

  it('moves the active cell by arrows and pages, never outside the result', () => {
    expect(keyMove('ArrowDown', false, { row: 0, col: 0 }, size)).toEqual({ row: 1, col: 0 });
    expect(keyMove('ArrowUp', false, { row: 0, col: 0 }, size)).toEqual({ row: 0, col: 0 });
    expect(keyMove('PageDown', false, { row: 90, col: 2 }, size)).toEqual({ row: 99, col: 2 });
    expect(keyMove('ArrowRight', false, { row: 3, col: 4 }, size)).toEqual({ row: 3, col: 4 });
  });

  it('with Ctrl/Cmd goes to the edges; Home/End to the row’s ends, or the result’s corners', () => {
    expect(keyMove('ArrowDown', true, { row: 5, col: 1 }, size)).toEqual({ row: 99, col: 1 });
    expect(keyMove('ArrowLeft', true, { row: 5, col: 3 }, size)).toEqual({ row: 5, col: 0 });
    expect(keyMove('End', false, { row: 5, col: 1 }, size)).toEqual({ row: 5, col: 4 });
    expect(keyMove('End', true, { row: 5, col: 1 }, size)).toEqual({ row: 99, col: 4 });
    expect(keyMove('Home', true, { row: 5, col: 1 }, size)).toEqual({ row: 0, col: 0 });
    expect(keyMove('a', false, { row: 5, col: 1 }, size)).toBeUndefined();
  });

  it('a selection is the rectangle between anchor and active cell, whichever way it was dragged', () => {
    const area = areaBetween({ row: 9, col: 3 }, { row: 2, col: 1 });
    expect(area).toEqual({ top: 2, bottom: 9, left: 1, right: 3 });
    expect([contains(area, 2, 1), contains(area, 9, 3), contains(area, 10, 3), contains(area, 5, 0)]).toEqual([true, true, false, false]);
  });
});

describe('Select all and Escape, as in a spreadsheet', () => {
  const size = { rows: 100, columns: 5 };
  const on = selectionAt({ row: 7, col: 2 });

  it('given the active cell on row 7, when Ctrl+A, then every cell is selected and the active cell stays', () => {
    const all = selectAll(on, size);
    expect(selectionArea(all)).toEqual({ top: 0, bottom: 99, left: 0, right: 4 });
    expect(all.active).toEqual({ row: 7, col: 2 });
  });
  it('given Select all, when Escape, then the selection is the cell it was pressed on', () => {
    expect(collapsed(selectAll(on, size))).toEqual(on);
    expect(collapsed(selectActiveRow(on, 5))).toEqual(on);
  });
  it('given a Shift+arrow rectangle, when Escape, then its active cell alone; given one cell, nothing to do', () => {
    const dragged = extendedTo(on, { row: 9, col: 4 });
    expect(selectionArea(dragged)).toEqual({ top: 7, bottom: 9, left: 2, right: 4 });
    expect(collapsed(dragged)).toEqual(selectionAt({ row: 9, col: 4 }));
    expect(collapsed(on)).toBeUndefined();
  });
});
