import { isCompleted, withoutResultSet } from '../../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../../shared/views/appView';
import { statementSpans } from '../../../shared/sql/statementSpans';
import { formatMs } from '../format';

/** Whether a completed query's last statement had no result set (withoutResultSet). */
export const ranWithoutResultSet = (query: Pick<HistoryEntry, 'phase' | 'columns'>): boolean => isCompleted(query.phase) && withoutResultSet(query.columns);

/** What a CREATE, DROP or ALTER made or changed, after the words that only qualify it. */
const OBJECTS = new Set(['TABLE', 'VIEW', 'SCHEMA', 'SEQUENCE', 'MACRO', 'FUNCTION', 'INDEX', 'TYPE', 'SECRET', 'DATABASE']);
const QUALIFIERS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'PERSISTENT', 'UNIQUE']);

/**
 * The kind of a script's last statement in DuckDB's words, from its text: "CREATE TABLE", "DROP
 * VIEW", "SET", "ATTACH"; undefined when its first word is not a keyword.
 */
export function statementKind(sql: string): string | undefined {
  const last = statementSpans(sql).at(-1);
  if (!last) return undefined;
  const text = sql.slice(last.from, last.to).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  const words = (text.match(/^\s*[A-Za-z]+(?:\s+[A-Za-z]+)*/)?.[0] ?? '').trim().toUpperCase().split(/\s+/).filter(Boolean);
  const [first, ...rest] = words;
  if (!first) return undefined;
  if (first !== 'CREATE' && first !== 'DROP' && first !== 'ALTER') return first;
  const object = rest.find((w) => !QUALIFIERS.has(w));
  return object && OBJECTS.has(object) ? `${first} ${object}` : first;
}

/** The status sentence of a statement without a result set: "Statement ran in 15 ms: CREATE TABLE". */
export function ranStatementText(query: Pick<HistoryEntry, 'sql' | 'durationMs'>): string {
  const kind = statementKind(query.sql);
  return `Statement ran in ${formatMs(query.durationMs ?? 0)}${kind ? `: ${kind}` : ''}`;
}
