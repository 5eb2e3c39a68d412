import { quoteText } from '../explore/openAsSql';
import { pivotSelectSql } from './pivotSql';
import { valueColumnNames, type PivotKeys, type PivotSpec } from './pivotSpec';

/** The original SQL without what would break wrapping it: trailing semicolons and whitespace. */
const bare = (sql: string): string => sql.trim().replace(/[;\s]+$/, '');

/**
 * "Open as SQL" for a pivot: the same query the app runs, standalone, over the result's own SQL
 * (on lines of its own, so a trailing comment cannot swallow the parenthesis), with the column keys
 * the app found as escaped literals and every column under the name the grid shows.
 */
export function pivotOpenAsSql(spec: PivotSpec, sql: string, keys: PivotKeys): string {
  return pivotSelectSql(spec, `(\n${bare(sql)}\n) AS t`, keys, { value: quoteText, names: 'readable', valueNames: valueColumnNames(spec, keys) });
}
