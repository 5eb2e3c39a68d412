interface Remembered {
  readonly columns: string;
  readonly widths: readonly number[];
}

/**
 * Column widths a person set (dragged, nudged with the keyboard or fitted), per result, so a tab
 * switched back to shows the columns as they were left; a grid mounts anew on every switch and
 * would fit them again. In memory only, by query id, for the columns they were set for (the key
 * `columnsKey` makes). The caller `retain`s the results open tabs show, as for scroll places.
 */
export class WidthMemory {
  private readonly results = new Map<string, Remembered>();

  remember(queryId: string, columns: string, widths: readonly number[]): void {
    this.results.set(queryId, { columns, widths });
  }

  /** The widths set for this result's columns, or undefined: fit them as usual. */
  recall(queryId: string, columns: string): readonly number[] | undefined {
    const remembered = this.results.get(queryId);
    return remembered?.columns === columns ? remembered.widths : undefined;
  }

  /** Keeps only the widths of results an open tab shows. */
  retain(queryIds: ReadonlySet<string>): void {
    for (const queryId of this.results.keys()) if (!queryIds.has(queryId)) this.results.delete(queryId);
  }

  get size(): number {
    return this.results.size;
  }
}

/** A key for a list of columns: the same names and types in the same order (JSON: any character may be in a name). */
export function columnsKey(columns: readonly { readonly name: string; readonly type: string }[]): string {
  return JSON.stringify(columns.map((c) => [c.name, c.type]));
}

/** The window's one memory, beside scrollMemory: grids of every tab share it. */
export const widthMemory = new WidthMemory();
