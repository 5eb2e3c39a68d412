/** Every column of a result table as DuckDB's own text (results have positional columns c0…cn). */
const textColumns = (columnCount: number): string => Array.from({ length: columnCount }, (_, i) => `c${i}::VARCHAR`).join(', ');

/**
 * SQL for rows [offset, offset + limit) of a result table. A result table is only ever appended to
 * by one appender, so its rowids are 0…n-1 in result order and a rowid range is a page (DuckDB
 * skips row groups outside it).
 */
export function pageSql(resultTable: string, columnCount: number, offset: number, limit: number): string {
  return `SELECT ${textColumns(columnCount)} FROM ${resultTable} WHERE rowid >= ${offset} AND rowid < ${offset + limit} ORDER BY rowid`;
}

/**
 * SQL for the first `limit` rows of a result table, read inside the transaction that is still
 * appending them. Rows not yet committed have no final rowids, so this relies on DuckDB keeping
 * insertion order for a plain LIMIT (preserve_insertion_order, on by default).
 */
export function headSql(resultTable: string, columnCount: number, limit: number): string {
  return `SELECT ${textColumns(columnCount)} FROM ${resultTable} LIMIT ${limit}`;
}

/** SQL for the characters rows [offset, offset + limit) hold (code points: what a refusal reports). */
export function pageCharsSql(resultTable: string, columnCount: number, offset: number, limit: number): string {
  const chars = Array.from({ length: columnCount }, (_, i) => `coalesce(sum(length(c${i}::VARCHAR)), 0)`).join(' + ');
  return `SELECT ${chars} FROM ${resultTable} WHERE rowid >= ${offset} AND rowid < ${offset + limit}`;
}
