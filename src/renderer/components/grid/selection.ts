import { clamp } from './gridGeometry';

export interface Cell {
  readonly row: number;
  readonly col: number;
}

/** A rectangle of cells, bounds included. */
export interface Area {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** The rectangle between the anchor (where a selection started) and the active cell. */
export const areaBetween = (anchor: Cell, active: Cell): Area => ({
  top: Math.min(anchor.row, active.row),
  bottom: Math.max(anchor.row, active.row),
  left: Math.min(anchor.col, active.col),
  right: Math.max(anchor.col, active.col),
});

export const contains = (area: Area, row: number, col: number): boolean => row >= area.top && row <= area.bottom && col >= area.left && col <= area.right;

export const cellArea = (cell: Cell): Area => ({ top: cell.row, bottom: cell.row, left: cell.col, right: cell.col });

export const rowArea = (row: number, columns: number): Area => ({ top: row, bottom: row, left: 0, right: columns - 1 });

/**
 * Where a navigation key moves the active cell (ARIA grid keys; with Ctrl/Cmd to the edges), kept
 * inside the result; undefined for keys that do not navigate.
 */
export function keyMove(key: string, mod: boolean, active: Cell, size: { rows: number; columns: number; pageRows: number }): Cell | undefined {
  const { rows, columns, pageRows } = size;
  const moves: Record<string, () => Cell> = {
    ArrowDown: () => ({ ...active, row: mod ? rows - 1 : active.row + 1 }),
    ArrowUp: () => ({ ...active, row: mod ? 0 : active.row - 1 }),
    ArrowRight: () => ({ ...active, col: mod ? columns - 1 : active.col + 1 }),
    ArrowLeft: () => ({ ...active, col: mod ? 0 : active.col - 1 }),
    PageDown: () => ({ ...active, row: active.row + pageRows }),
    PageUp: () => ({ ...active, row: active.row - pageRows }),
    Home: () => (mod ? { row: 0, col: 0 } : { ...active, col: 0 }),
    End: () => (mod ? { row: rows - 1, col: columns - 1 } : { ...active, col: columns - 1 }),
  };
  const to = moves[key]?.();
  return to && { row: clamp(to.row, 0, rows - 1), col: clamp(to.col, 0, columns - 1) };
}

/**
 * The grid's selection: the rectangle between `anchor` and `corner`, and the `active` cell the keys
 * move from (aria-activedescendant, the ringed cell). Dragging or Shift+arrows move the corner with
 * the active cell; Select all and Shift+Space select around it and leave it where it is, as a
 * spreadsheet does, so Escape comes back to the cell the person was on.
 */
export interface Selection {
  readonly anchor: Cell;
  readonly corner: Cell;
  readonly active: Cell;
}

export const selectionAt = (cell: Cell): Selection => ({ anchor: cell, corner: cell, active: cell });

/** Shift+click or Shift+arrow: the rectangle from the anchor to `cell`, which becomes the active cell. */
export const extendedTo = (s: Selection, cell: Cell): Selection => ({ anchor: s.anchor, corner: cell, active: cell });

export const selectionArea = (s: Selection): Area => areaBetween(s.anchor, s.corner);

/** Ctrl/Cmd+A: every cell, the active one staying put. */
export const selectAll = (s: Selection, size: { rows: number; columns: number }): Selection => ({ anchor: { row: 0, col: 0 }, corner: { row: size.rows - 1, col: size.columns - 1 }, active: s.active });

/** Shift+Space: the active cell's row, the active one staying put. */
export const selectActiveRow = (s: Selection, columns: number): Selection => ({ anchor: { row: s.active.row, col: 0 }, corner: { row: s.active.row, col: columns - 1 }, active: s.active });

/** Escape: a selection of several cells collapses to its active cell; undefined when it is one cell already (nothing to do). */
export function collapsed(s: Selection): Selection | undefined {
  const { top, bottom, left, right } = selectionArea(s);
  return top === bottom && left === right && s.active.row === top && s.active.col === left ? undefined : selectionAt(s.active);
}
