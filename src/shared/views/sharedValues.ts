import type { Column } from '../contracts/events';

/** How many distinct column lists are kept per first column name: past it, a list is kept as it came. */
const LISTS_PER_FIRST_NAME = 16;

/**
 * Equal values one fold call keeps once. A long log repeats itself: queries over the same tables
 * finish with equal column lists, and re-runs repeat their SQL. Each event's JSON makes its own copy;
 * keeping the first and dropping the rest makes the view smaller and leaves the copies to die young,
 * which is most of what a rebuild of a long log costs (docs/store.md, "The view fold"). The view is
 * immutable, so sharing a value between entries cannot be seen, except in memory.
 */
export class SharedValues {
  private texts: Map<string, string> | undefined;
  /** Column lists by their first column's name (short, so cheap to look up), compared field by field. */
  private columnLists: Map<string, (readonly Column[])[]> | undefined;

  /**
   * The first text equal to `text` this call kept, else `text`, kept from now on. Given `likely` (a
   * kept text `text` often equals, such as the SQL its session ran last), that is compared first:
   * comparing stops at the length or the first differing character, where a map lookup hashes every
   * character of a fresh string (~95 ms of a 1M-event rebuild).
   */
  text(text: string, likely?: string): string {
    if (likely === text) return likely;
    const known = (this.texts ??= new Map()).get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }

  /** The first column list equal to `columns` this call kept, else `columns`, kept from now on (up to a bound). */
  columns(columns: readonly Column[]): readonly Column[] {
    const key = columns.length === 0 ? '' : columns[0]!.name;
    const lists = this.columnLists ??= new Map();
    let known = lists.get(key);
    if (!known) lists.set(key, (known = []));
    for (let i = 0; i < known.length; i++) if (sameColumns(known[i]!, columns)) return known[i]!;
    if (known.length < LISTS_PER_FIRST_NAME) known.push(columns);
    return columns;
  }
}

function sameColumns(a: readonly Column[], b: readonly Column[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.name !== b[i]!.name || a[i]!.type !== b[i]!.type) return false;
  return true;
}
