/** Typing pauses this long before a filter box is read and sent: one event per thought, not per key. */
export const FILTER_DEBOUNCE_MS = 300;

/**
 * Text typed into the grid's filter boxes that waits out its pause before it is sent, one column's
 * apart from another's. `settle` sends what still waits at once: an action on the rows the grid
 * shows (Export…, Profile) acts on the filters the boxes say, not on the view before the pause.
 */
export class FilterTyping {
  private readonly waiting = new Map<number, { readonly text: string; readonly timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly send: (column: number, text: string) => void,
    private readonly delayMs = FILTER_DEBOUNCE_MS,
  ) {}

  /** A keystroke: `text` is sent once typing in `column`'s box pauses (a newer keystroke replaces it). */
  type(column: number, text: string): void {
    this.drop(column);
    const timer = setTimeout(() => {
      this.waiting.delete(column);
      this.send(column, text);
    }, this.delayMs);
    this.waiting.set(column, { text, timer });
  }

  /** Forgets `column`'s waiting text (its filters were set another way). */
  drop(column: number): void {
    clearTimeout(this.waiting.get(column)?.timer);
    this.waiting.delete(column);
  }

  /** Forgets every waiting text (the view was cleared, or the grid is gone). */
  dropAll(): void {
    for (const column of [...this.waiting.keys()]) this.drop(column);
  }

  /** Sends every waiting text now, in the order it was typed; nothing is sent again when its pause would have ended. */
  settle(): void {
    const due = [...this.waiting].map(([column, { text }]) => [column, text] as const);
    this.dropAll();
    for (const [column, text] of due) this.send(column, text);
  }
}
