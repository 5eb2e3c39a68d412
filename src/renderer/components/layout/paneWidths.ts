/**
 * How wide a person has dragged the resizable parts of the window: the two side panes (in px) and the
 * grid beside its panels (a share of their row, so it holds as the window is resized). A person's
 * taste for this browser, like the panes shown (paneMemory.ts): localStorage, never the event log.
 * Unset means the layout's own default, which differs by window width (styles.css).
 */
export type Sized = 'datasets' | 'history' | 'grid';
export type Widths = Readonly<Partial<Record<Sized, number>>>;

/**
 * The range each can be dragged to, and roughly where the layout puts it by default (a wide window's:
 * what a separator's value says until dragged). The CSS clamps again against the window, so a side
 * pane never takes the workspace.
 */
export const WIDTH_BOUNDS: Readonly<Record<Sized, { readonly min: number; readonly max: number; readonly usual: number }>> = {
  datasets: { min: 160, max: 560, usual: 240 },
  history: { min: 180, max: 560, usual: 280 },
  grid: { min: 0.2, max: 0.8, usual: 0.5 },
};

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
