import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { cellCutSql } from '../query/sql';
import { itemText, typeTextInJs } from '../query/chunkText.worker';

/**
 * What a preview reads of its rows: each value as the grid draws it, cut in DuckDB to CELL_CHARS
 * characters and "…" (a preview of 101 values of 2,000,000 characters sent 200 M characters to the
 * window, which froze drawing them), and rows only while their text stays within
 * PREVIEW_TEXT_CHARS, so many wide columns cannot do the same.
 */

/** The most text (UTF-16 units) a preview's rows carry; the rows past it are left out, and the answer says so. */
export const PREVIEW_TEXT_CHARS = 1_000_000;

/**
 * The select list and table alias that read the statement's columns by position (`c0`, `c1`, …,
 * whatever their names, repeated ones too): text cut, other types DuckDB does not print as JS does
 * cast to text and cut; numbers, dates and the like read as they come.
 */
export function shownSelect(types: readonly DuckDBType[]): { select: string; alias: string } {
  const names = types.map((_, i) => quoteIdent(`c${i}`));
  const select = types.map((t, i) => {
    const name = names[i]!;
    if (t.typeId === DuckDBTypeId.VARCHAR) return cellCutSql(name);
    return typeTextInJs(t) ? name : cellCutSql(`${name}::VARCHAR`);
  });
  return names.length > 0 ? { select: select.join(', '), alias: `p(${names.join(', ')})` } : { select: '*', alias: 'p' };
}

/** What the reading needs of node-api's chunks: their size and each value (read one by one, never a whole column). */
export interface ShownChunk {
  readonly rowCount: number;
  readonly columnCount: number;
  getColumnVector(column: number): { readonly type: { readonly typeId: DuckDBTypeId }; getItem(row: number): unknown };
}

export interface ShownRows {
  /** Column-major text, at most `limit` rows. */
  readonly values: (string | null)[][];
  /** There are rows past those shown. */
  readonly more: boolean;
  /** Rows were left out because their text would pass the budget. */
  readonly overBudget: boolean;
}

/**
 * The first `limit` rows of `chunks` as DuckDB's text, row by row, stopping before the first row
 * whose text would pass `budget`; a row past `limit` only says there are more.
 */
export function shownRows(chunks: Iterable<ShownChunk>, columnCount: number, limit: number, budget = PREVIEW_TEXT_CHARS): ShownRows {
  const values: (string | null)[][] = Array.from({ length: columnCount }, () => []);
  let rows = 0;
  let chars = 0;
  for (const chunk of chunks) {
    const vectors = Array.from({ length: chunk.columnCount }, (_, c) => chunk.getColumnVector(c));
    const doubles = vectors.map((v) => v.type.typeId === DuckDBTypeId.DOUBLE);
    for (let r = 0; r < chunk.rowCount; r++) {
      if (rows === limit) return { values, more: true, overBudget: false };
      const row = vectors.map((v, c) => itemText(v.getItem(r), doubles[c]!));
      for (const v of row) chars += v?.length ?? 0;
      if (chars > budget) return { values, more: true, overBudget: true };
      row.forEach((v, c) => values[c]!.push(v));
      rows++;
    }
  }
  return { values, more: false, overBudget: false };
}
