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
