import { createHash } from 'node:crypto';
import type { Column } from '../../shared/contracts/events';
import type { PageFilter, PageView } from '../../shared/contracts/protocol';
import { ident, literal, RESULTS_SCHEMA, resultTableId } from './sql';

const COMPARE = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** True when a view asks for anything beyond the result as it is. */
export const isReordered = (view: PageView | undefined): view is PageView => (view?.orderBy?.length ?? 0) > 0 || (view?.filter?.length ?? 0) > 0;

/** A column index the result does not have, or undefined when every index is fine. */
export function badColumn(view: PageView, columnCount: number): number | undefined {
  const used = [...(view.orderBy ?? []).map((o) => o.column), ...(view.filter ?? []).map((f) => f.column)];
  return used.find((c) => c >= columnCount);
}

/** The table a sorted/filtered view of a result is kept in: one per (result, view). */
export function viewTableName(queryId: string, view: PageView): string {
  const key = createHash('sha256').update(JSON.stringify({ o: view.orderBy ?? [], f: view.filter ?? [] })).digest('hex').slice(0, 16);
  return `${RESULTS_SCHEMA}.${ident(`${resultTableId(queryId)}_v_${key}`)}`;
}

function condition(f: PageFilter, columns: readonly Column[]): string {
  const c = `c${f.column}`;
  switch (f.op) {
    case 'isNull':
      return `${c} IS NULL`;
    case 'notNull':
      return `${c} IS NOT NULL`;
    case 'contains':
      // on the text a person sees, case-insensitively
      return `contains(lower(CAST(${c} AS VARCHAR)), lower(${literal(f.value)}))`;
    default:
      // compared in the column's own type, so 10 > 9 and dates compare as dates; a value that is not
      // of that type matches nothing rather than failing
      return `${c} ${COMPARE[f.op]} TRY_CAST(${literal(f.value)} AS ${columns[f.column]!.type})`;
  }
}

/**
 * SQL that materialises a sorted/filtered copy of a result. Rows land in the copy in view order,
 * so paging it is a rowid range read like any result; ties keep the result's own order.
 */
export function viewTableSql(base: string, target: string, columns: readonly Column[], view: PageView): string {
  const where = (view.filter ?? []).map((f) => condition(f, columns));
  const order = [...(view.orderBy ?? []).map((o) => `c${o.column} ${o.descending ? 'DESC' : 'ASC'} NULLS LAST`), 'rowid'];
  return `CREATE OR REPLACE TABLE ${target} AS SELECT * FROM ${base}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order.join(', ')}`;
}
