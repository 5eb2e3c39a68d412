/** Where focus is in a list of rows whose controls sit side by side: the row, and the control in it. */
export interface RovingSpot {
  readonly row: number;
  readonly col: number;
}

/**
 * Where a key moves focus in a roving list of `count` rows (the history, the Timeline), after the
 * WAI-ARIA grid pattern's keys: Up/Down step a row, PageUp/PageDown a screenful (`page` rows),
 * Home/End go to the first and last row, all keeping the control (column) the person is on, none
 * wrapping. With `across` (rows of several controls), Left/Right step between a row's `cols`
 * controls. `from.row` -1: no row focused yet (a key from the panel's header), so Down is the first.
 * undefined: the key is not the list's (Enter and Space press the control itself, Tab leaves).
 */
export function rovingTarget(key: string, from: RovingSpot, count: number, options: { page: number; cols: number; across: boolean }): RovingSpot | undefined {
  if (count === 0) return undefined;
  const { row, col } = from;
  const last = count - 1;
  const to =
    key === 'ArrowDown' ? row + 1
    : key === 'ArrowUp' ? row - 1
    : key === 'PageDown' ? row + Math.max(1, options.page)
    : key === 'PageUp' ? row - Math.max(1, options.page)
    : key === 'Home' ? 0
    : key === 'End' ? last
    : undefined;
  if (to !== undefined) return { row: Math.max(0, Math.min(last, to)), col };
  if (!options.across || row < 0 || (key !== 'ArrowRight' && key !== 'ArrowLeft')) return undefined;
  return { row, col: Math.max(0, Math.min(options.cols - 1, col + (key === 'ArrowRight' ? 1 : -1))) };
}

/**
 * How many rows PageUp/PageDown step: those wholly in view (rows of `start`..`end` px in a scroller
 * showing `height` px from `offset`), less one so the row left stays in sight, at least one.
 */
export function rowsPerPage(rows: readonly { start: number; end: number }[], offset: number, height: number): number {
  const inView = rows.filter((r) => r.start >= offset - 1 && r.end <= offset + height + 1).length;
  return Math.max(1, inView - 1);
}
