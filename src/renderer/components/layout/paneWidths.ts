/**
 * How wide a person has dragged the resizable parts of the window: the two side panes (in px) and the
 * grid beside its panels (a share of their row, so it holds as the window is resized). A person's
 * taste for this browser, like the panes shown (paneMemory.ts): localStorage, never the event log.
 * Unset means the layout's own default, which differs by window width (styles/panels.css).
 */
export type Sized = 'datasets' | 'history' | 'grid';
export type Widths = Readonly<Partial<Record<Sized, number>>>;

/**
 * The range each can be kept in: a pane's px, the grid's share of its row. Stored values are held to
 * it; the room a window has left (`room`) narrows it further when a width is chosen.
 */
export const WIDTH_BOUNDS: Readonly<Record<Sized, { readonly min: number; readonly max: number }>> = {
  datasets: { min: 160, max: 560 },
  history: { min: 160, max: 560 },
  grid: { min: 0.2, max: 0.8 },
};

/** What the workspace keeps between the panes: below 680 px its panels stop fitting beside the grid (styles/panels.css). */
export const MIN_WORKSPACE = 700;
/** Beside the grid a panel keeps 300 px, and the grid 360 (styles/panels.css, `.grid-and-profile`). */
const PANEL_MIN = 300;
const GRID_MIN = 360;

/**
 * The window as a sash sees it when a width is chosen: its width, the other pane's, the grid's row
 * and the panels side by side in it (stacked in one column they count as one), and the width it
 * sized when the drag or key began.
 */
export interface Layout {
  readonly window: number;
  readonly otherPane: number;
  readonly row: number;
  readonly panels: number;
  readonly current: number;
}

/**
 * The px a width can take in this window: a pane at most 35% of it and never so wide that the
 * workspace between the panes drops under MIN_WORKSPACE (in a window already too narrow for that, no
 * narrower than it was when the drag began: widening it must not narrow it); the grid leaves each
 * panel beside it 300 px.
 */
export function room(sized: Sized, layout: Layout): { readonly min: number; readonly max: number } {
  if (sized === 'grid') {
    // its share is kept within 20–80% of the row, and each panel beside it keeps its 300 px
    const max = Math.max(0, Math.min(WIDTH_BOUNDS.grid.max * layout.row, layout.row - PANEL_MIN * Math.max(1, layout.panels)));
    return { min: Math.min(max, Math.max(WIDTH_BOUNDS.grid.min * layout.row, GRID_MIN)), max };
  }
  const { min, max } = WIDTH_BOUNDS[sized];
  const fits = Math.min(max, 0.35 * layout.window, layout.window - layout.otherPane - MIN_WORKSPACE);
  return { min, max: Math.max(min, fits, Math.min(max, layout.current)) };
}

/** A width dragged to `px`, held to the room there is, in the unit it is kept in (the grid's share of its row). */
export function chosenWidth(sized: Sized, px: number, layout: Layout): number {
  const { min, max } = room(sized, layout);
  const held = Math.min(max, Math.max(min, px));
  return clampWidth(sized, sized === 'grid' ? held / Math.max(1, layout.row) : held);
}

const SIZED: readonly Sized[] = ['datasets', 'history', 'grid'];
const key = (sized: Sized): string => `sextant.width.${sized}`;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const clampWidth = (sized: Sized, value: number): number => Math.min(WIDTH_BOUNDS[sized].max, Math.max(WIDTH_BOUNDS[sized].min, value));

/** What is remembered, each read back within its bounds; anything unreadable (edited by hand, a refusing store) is the default. */
export function storedWidths(store: Store | undefined = globalThis.localStorage): Widths {
  const widths: Partial<Record<Sized, number>> = {};
  for (const sized of SIZED) {
    try {
      const value = Number(store?.getItem(key(sized)) ?? NaN);
      if (Number.isFinite(value)) widths[sized] = clampWidth(sized, value);
    } catch {
      // not remembered: the default
    }
  }
  return widths;
}

/** Remembers a width, or forgets it (`undefined`: back to the default). */
export function rememberWidth(sized: Sized, value: number | undefined, store: Store | undefined = globalThis.localStorage): void {
  try {
    if (value === undefined) store?.removeItem(key(sized));
    else store?.setItem(key(sized), String(value));
  } catch {
    // not remembered; the width still holds for this page
  }
}

/** A separator's arrow keys, in px: 16 a press, 64 with Shift, as VS Code's sashes step. `undefined`: not a key it takes. */
export function keyStep(key: string, shift: boolean): number | undefined {
  const step = shift ? 64 : 16;
  if (key === 'ArrowLeft') return -step;
  if (key === 'ArrowRight') return step;
  return undefined;
}
