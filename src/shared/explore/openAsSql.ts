import type { Column } from '../contracts/events';
import type { PageFilter } from '../contracts/pageView';
import type { ResultView } from '../domain/resultView';
import { quoteIdent } from '../sql/sqlIdentifier';
import { statementSpans } from '../sql/statementSpans';
import { exactLiteral, filterCondition } from './filterSql';

/*
 * "Open as SQL": the query a sorted/filtered result amounts to, as text for a person to read, edit
 * and run. Unlike the app's own view SQL (bound parameters, main/query/pageView.ts), values are
 * written as SQL literals here, escaped, because this text is for the editor, not for DuckDB directly:
 * `"Horsepower" > 150` where that means what the app's cast does (exactLiteral), else the cast.
 */

/** A string literal; a NUL (which a literal cannot hold) is spliced in with chr(0). */
export function quoteText(value: string): string {
  const parts = value.split('\u0000').map((p) => `'${p.replaceAll("'", "''")}'`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' || chr(0) || ')})`;
}

/** A name as DuckDB compares names: ignoring the case of ASCII letters only (`é` and `É` are two). */
const nameKey = (name: string) => name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/**
 * Names to refer to the columns by, unique as DuckDB compares them. A query may return two columns
 * of one name (or `Name` and `name`), which a WHERE could not tell apart and JSON's COPY refuses as
 * one object's two keys: then the repeats become `name_1`, … (`renamed`: an alias list is needed).
 */
export function columnNames(columns: readonly Column[]): { names: string[]; renamed: boolean } {
  const seen = new Set<string>();
  const names = columns.map((c) => {
    let name = c.name;
    for (let n = 1; seen.has(nameKey(name)); n++) name = `${c.name}_${n}`;
    seen.add(nameKey(name));
    return name;
  });
  return { names, renamed: names.some((n, i) => n !== columns[i]!.name) };
}

function condition(f: PageFilter, names: readonly string[], columns: readonly Column[]): string {
  return filterCondition(f, quoteIdent(names[f.column] ?? `#${f.column}`), columns[f.column]?.type ?? 'VARCHAR', quoteText, exactLiteral);
}

/**
 * A run's text as its result came from it: DuckDB's result of a script is its last statement's, so
 * that statement (`query`, without the semicolons and comments after it, which would break wrapping
 * it) is what a view wraps; the statements before it (a SET, a CREATE TEMP TABLE) are the `prelude`,
 * kept in front as they ran. `select * from cars; -- done` gave `FROM ( … ; -- done ) AS t`.
 */
export function lastStatement(sql: string): { prelude: string; query: string } {
  const last = statementSpans(sql).at(-1);
  if (!last) return { prelude: '', query: sql.trim() };
  return { prelude: sql.slice(0, last.code.from).trim(), query: sql.slice(last.code.from, last.code.to) };
}

/** `sql` after the statements that ran before it, on lines of their own. */
export const afterPrelude = (prelude: string, sql: string): string => (prelude ? `${prelude}\n${sql}` : sql);

/** A run's text with its result sorted and filtered as `view` says: `SELECT * FROM (<its last statement>) WHERE … ORDER BY …` after the rest. */
export function openAsSql(sql: string, columns: readonly Column[], view: ResultView): string {
  const { prelude, query } = lastStatement(sql);
  return afterPrelude(prelude, viewOfQuery(query, columns, view));
}

/**
 * `SELECT * FROM (<query>) WHERE … ORDER BY …`, of one statement. The query sits on lines of its own
 * so a `-- comment` in it cannot swallow the closing parenthesis.
 */
export function viewOfQuery(query: string, columns: readonly Column[], view: ResultView): string {
  const { names, renamed } = columnNames(columns);
  const alias = renamed ? `t(${names.map(quoteIdent).join(', ')})` : 't';
  const lines = ['SELECT *', `FROM (\n${query}\n) AS ${alias}`];
  if (view.filter.length > 0) lines.push(`WHERE ${view.filter.map((f) => condition(f, names, columns)).join('\n  AND ')}`);
  if (view.orderBy.length > 0) lines.push(`ORDER BY ${view.orderBy.map((k) => `${quoteIdent(names[k.column] ?? '')} ${k.descending ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}`);
  return lines.join('\n');
}
