import type { Column } from '../contracts/events';
import type { PageFilter } from '../contracts/pageView';
import { afterPrelude, columnNames, lastStatement, quoteText, viewOfQuery } from '../explore/openAsSql';
import { quoteIdent } from '../sql/sqlIdentifier';
import { renamedGrains } from './pivotGrain';
import { SIGNED_ZERO } from './pivotRelation';
import { pivotSelectSql } from './pivotSql';
import { valueColumnNames, type PivotKeys, type PivotSpec } from './pivotSpec';

/**
 * "Open as SQL" for a pivot: the same query the app runs, standalone, over the result's own SQL
 * (on lines of its own, so a trailing comment cannot swallow the parenthesis), with the column keys
 * the app found as escaped literals and every column under the name the grid shows. Columns whose
 * names DuckDB cannot tell apart (`n` and `N`: it binds names ignoring case) are renamed in an
 * alias list first, as the grid's "Open as SQL" does, so each field reads the column it names.
 * With the result's view filters, it reads the grid's own "Open as SQL" of them (its WHERE, the
 * same conditions as literals; no ORDER BY, which a pivot does not need), so it gives the app's numbers.
 */
export function pivotOpenAsSql(spec: PivotSpec, sql: string, keys: PivotKeys, columns: readonly Column[], filter: readonly PageFilter[] = []): string {
  const { names, renamed } = columnNames(columns);
  // the filtered query already names its columns by `names`, renamed where they repeat
  const alias = renamed && filter.length === 0 ? `t(${names.map(quoteIdent).join(', ')})` : 't';
  // the run's last statement gave the result: the statements before it stay in front, as they ran
  const { prelude, query } = lastStatement(sql);
  const rows = filter.length > 0 ? viewOfQuery(query, columns, { orderBy: [], filter: [...filter] }) : query;
  const field = (name: string) => names[columns.findIndex((c) => c.name === name)] ?? name;
  const valueType = columns.find((c) => c.name === spec.values)?.type;
  const sqlSpec: PivotSpec = { ...spec, rows: spec.rows.map(field), columns: spec.columns.map(field), values: field(spec.values), ...renamedGrains(spec.grains, field) };
  // the app's fields read -0.0 as 0.0 (pivotRelation): so do these
  const zeroed = [...new Set([...spec.rows, ...spec.columns])].filter((n) => SIGNED_ZERO.has(columns.find((c) => c.name === n)?.type ?? '')).map((n) => quoteIdent(field(n)));
  const relation = zeroed.length === 0 ? `(\n${rows}\n) AS ${alias}` : `(SELECT * REPLACE (${zeroed.map((f) => `${f} + 0 AS ${f}`).join(', ')}) FROM (\n${rows}\n) AS ${alias}) AS t`;
  return afterPrelude(prelude, pivotSelectSql(sqlSpec, relation, keys, {
    value: quoteText,
    names: 'readable',
    valueNames: valueColumnNames(spec, keys),
    // the app's own sums: an Average of a HUGEINT as DOUBLEs, so the editor gives its numbers
    ...(valueType === undefined ? {} : { valueType }),
  }));
}
