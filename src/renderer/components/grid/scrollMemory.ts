/**
 * Where a grid was left: the first row and the first column on screen, each as a fractional index
 * (a row or a column can be partly scrolled past). Indexes, not the scroll position: a very tall
 * result's scroll height is compressed (scrollScale.ts), so the same `scrollTop` is another row once
 * the viewport or the row count differs; and columns are fitted again on mount (without kept pages
 * they are fitted to the header first), so the same `scrollLeft` may be another column.
 */
export interface ScrollPlace {
  readonly row: number;
  readonly column: number;
}

/** A horizontal scroll offset as a fractional column index over these widths (3.5: half of column 3 scrolled past). */
export function columnAt(left: number, widths: readonly number[]): number {
  let start = 0;
  for (let i = 0; i < widths.length; i++) {
    const width = widths[i]!;
    if (left < start + width) return i + (left - start) / width;
    start += width;
  }
  return widths.length;
}

/** The horizontal scroll offset, in whole pixels, that puts a fractional column index first, over these widths. */
export function leftOf(column: number, widths: readonly number[]): number {
  const whole = Math.min(Math.floor(column), widths.length);
  let left = 0;
  for (let i = 0; i < whole; i++) left += widths[i]!;
  // whole pixels: a fraction read back from a column index is float noise (250.99999… for 251)
  return Math.round(left + (column - whole) * (widths[whole] ?? 0));
}

interface Remembered {
  readonly view: string;
  readonly place: ScrollPlace;
}

/**
 * Where each open tab's grid was left, so a tab switched back to shows the rows it showed (as an
 * editor tab keeps its scroll). In memory only, by query id: a session's grid shows one result at a
 * time. One place per result, for the view (sort and filter) it was left in: another view puts
 * other rows at every index, so it starts at the top, and so does another result (a new run). The
 * caller `retain`s the results open tabs show, so a closed tab's or a replaced result's place goes.
 */
export class ScrollMemory {
  private readonly places = new Map<string, Remembered>();

  /** Remembers where the grid of a result in a view was left; the top is where a grid starts anyway. */
  remember(queryId: string, view: string, place: ScrollPlace): void {
    if (place.row <= 0 && place.column <= 0) this.places.delete(queryId);
    else this.places.set(queryId, { view, place });
  }

  /** Where the grid of this result and view was left, or undefined: start at the top. */
  recall(queryId: string, view: string): ScrollPlace | undefined {
    const remembered = this.places.get(queryId);
    if (remembered?.view === view) return remembered.place;
    // the result is shown in another view now: the old place means other rows
    this.places.delete(queryId);
    return undefined;
  }

  /** Keeps only the places of results an open tab shows. */
  retain(queryIds: ReadonlySet<string>): void {
    for (const queryId of this.places.keys()) if (!queryIds.has(queryId)) this.places.delete(queryId);
  }

  get size(): number {
    return this.places.size;
  }
}

/** The window's one memory, beside keptPages: grids of every tab share it. */
export const scrollMemory = new ScrollMemory();
