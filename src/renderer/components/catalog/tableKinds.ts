import type { DatasetTable } from '../../../shared/contracts/events';
import { countOf } from '../format';

type Kinded = Pick<DatasetTable, 'kind' | 'unreadable'>;

/** Whether a database file's entry is a view (older logs say nothing: a table). */
export const isView = (t: Kinded): boolean => t.kind === 'view';

/**
 * What a database file holds, as its catalog entry says it: "2 tables, 1 view", "1 table", "3 views";
 * views counted apart, as a person reading the file in DuckDB tells them apart. Nothing: "0 tables".
 */
export function tablesSummary(tables: readonly Kinded[]): string {
  const views = tables.filter(isView).length;
  const plain = tables.length - views;
  if (views === 0) return countOf(plain, 'table');
  return plain === 0 ? countOf(views, 'view') : `${countOf(plain, 'table')}, ${countOf(views, 'view')}`;
}

/** "1 view cannot be read" when some of a file's views do not bind (a table gone, another database's), else undefined. */
export function unreadableNote(tables: readonly Kinded[]): string | undefined {
  const n = tables.filter((t) => t.unreadable !== undefined).length;
  return n === 0 ? undefined : `${countOf(n, 'view')} cannot be read`;
}

/** What a table's row says of it to a screen reader and in its title: "view", or why a view cannot be read. */
export function kindDescription(t: Kinded): string {
  if (t.unreadable !== undefined) return `view that cannot be read: ${t.unreadable}`;
  return isView(t) ? 'view' : 'table';
}
