import { clamp } from './gridGeometry';

/**
 * Where focus is in the grid, which is one Tab stop: a cell (the grid itself focused, its active
 * cell by aria-activedescendant), or one of the header's controls, reached by arrows (roving
 * tabindex, as DataGrip and TablePlus do, and the ARIA grid pattern).
 */
export type GridSpot = { readonly kind: 'cell'; readonly col: number } | { readonly kind: 'sort'; readonly col: number } | { readonly kind: 'filter'; readonly col: number };

/** What the header offers: sort buttons (a live grid), filter boxes (when shown), over `columns` columns. */
export interface HeaderShape {
  readonly columns: number;
  readonly sortable: boolean;
  readonly filters: boolean;
}

type Key = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/**
 * Where a key moves focus between the rows and the header, top to bottom: sort buttons, filter
 * boxes, the first row. ↑ on the first row goes up into the header of the active cell's column
 * (row → filter box → sort button); ↓ comes back down (sort button → filter box → the column's
 * first row). On the sort buttons ←/→ and Home/End move along the header (Enter sorts, Shift+Enter
 * adds a further key: the button's own). In a filter box only ↑/↓ leave it: ←/→, Home/End are the
 * caret's. Undefined: not a move, the key is the grid's (or the control's) as before.
 */
export function headerMove(e: Key, from: GridSpot, row: number, shape: HeaderShape): GridSpot | undefined {
  if (e.altKey || e.shiftKey || shape.columns === 0) return undefined;
  const mod = e.ctrlKey || e.metaKey;
  const col = clamp(from.col, 0, shape.columns - 1);
  // the lowest control of the header: its filter box when shown, else its sort button
  const lowest = (c: number): GridSpot | undefined => (shape.filters ? { kind: 'filter', col: c } : shape.sortable ? { kind: 'sort', col: c } : undefined);
  switch (from.kind) {
    case 'cell':
      return e.key === 'ArrowUp' && !mod && row === 0 ? lowest(col) : undefined;
    case 'filter':
      if (mod) return undefined;
      if (e.key === 'ArrowUp') return shape.sortable ? { kind: 'sort', col } : undefined;
      return e.key === 'ArrowDown' ? { kind: 'cell', col } : undefined;
    case 'sort': {
      const along: Record<string, number> = { ArrowLeft: col - 1, ArrowRight: col + 1, Home: 0, End: shape.columns - 1 };
      const to = along[e.key];
      if (to !== undefined) return mod && e.key.startsWith('Arrow') ? { kind: 'sort', col: e.key === 'ArrowLeft' ? 0 : shape.columns - 1 } : { kind: 'sort', col: clamp(to, 0, shape.columns - 1) };
      if (e.key !== 'ArrowDown' || mod) return undefined;
      return shape.filters ? { kind: 'filter', col } : { kind: 'cell', col };
    }
  }
}

/** The header control a key was pressed on, read from its data attributes (`data-grid-control`, `data-col`). */
export function spotOf(el: { readonly dataset: Record<string, string | undefined> }): GridSpot | undefined {
  const { gridControl: kind, col } = el.dataset;
  if ((kind !== 'sort' && kind !== 'filter') || col === undefined) return undefined;
  return { kind, col: Number(col) };
}
