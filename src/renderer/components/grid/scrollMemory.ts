/**
 * Where a grid was left: the first row on screen, in rows from the top of the result (fractional: a
 * row can be half scrolled past), and the horizontal scroll in pixels. Rows, not the scroll
 * position: a very tall result's scroll height is compressed (scrollScale.ts), so the same
 * `scrollTop` is another row once the viewport or the row count differs.
 */
export interface ScrollPlace {
  readonly row: number;
  readonly left: number;
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
    if (place.row <= 0 && place.left <= 0) this.places.delete(queryId);
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
