import type { z } from 'zod';
import { MAX_SORT_KEYS, type pageOrderSchema } from '../contracts/protocol';

/** A page view's sort keys, most significant first (the protocol's own shape). */
export type SortKeys = z.infer<typeof pageOrderSchema>;
type SortKey = SortKeys[number];

/** How a click on a column header changes the sort: the state of that column steps none → ascending → descending → off. */
export interface HeaderClick {
  readonly column: number;
  /** Shift+click: keep the other keys and add or step this one as a further key. */
  readonly shift: boolean;
}

function step(key: SortKey | undefined, column: number): SortKey | undefined {
  if (!key) return { column };
  return key.descending ? undefined : { column, descending: true };
}

export function nextSort(keys: SortKeys, click: HeaderClick): SortKeys {
  const at = keys.findIndex((k) => k.column === click.column);
  const next = step(keys[at], click.column);
  if (!click.shift) return next ? [next] : [];
  if (at < 0) return keys.length < MAX_SORT_KEYS && next ? [...keys, next] : keys;
  // a key keeps its rank while it steps, so a secondary key does not jump ahead of the primary
  return next ? keys.map((k, i) => (i === at ? next : k)) : keys.filter((_, i) => i !== at);
}

/**
 * The header's `aria-sort`. WAI-ARIA asks for it on one header at a time, so only the primary key
 * says its direction; further keys show their rank with sortRank instead.
 */
export function ariaSort(keys: SortKeys, column: number): 'ascending' | 'descending' | 'none' {
  const primary = keys[0];
  if (primary?.column !== column) return 'none';
  return primary.descending ? 'descending' : 'ascending';
}

/** 1 for the primary key, 2 for the next, …; undefined when the column is not sorted. */
export function sortRank(keys: SortKeys, column: number): number | undefined {
  const at = keys.findIndex((k) => k.column === column);
  return at < 0 ? undefined : at + 1;
}

/** The accessible name of a header's sort button. */
export const sortButtonName = (columnName: string): string => `Sort by ${columnName}`;
