import { appError, fail, ok, toAppError, type Result } from '../../shared/contracts/errors';
import { pivotColumnNames, type PivotHead, type PivotSource } from '../../shared/pivot/pivotBound';
import { pivotNumberText } from '../../shared/pivot/pivotCellText';
import { sumOverflowInWords } from '../../shared/pivot/pivotOverflow';
import { pivotRelation } from '../../shared/pivot/pivotRelation';
import { aggregateMismatch, findColumn, pivotKeysSql } from '../../shared/pivot/pivotSql';
import { pivotLayoutWords, type PivotKeys, type PivotSpec } from '../../shared/pivot/pivotSpec';
import type { HistoryEntry } from '../../shared/views/appView';
import { newErrorId } from '../platform/ids';
import type { QueryRunner } from '../query/queryRunner';
import type { QueryWorker } from '../query/queryWorker';
import { countText } from '../../shared/text/counts';
import { inline, table } from './markdownText';

/** A result's pivot as the notebook writes it: its first rows (the grid's first rows) and the column keys. */
export interface NotebookPivot {
  readonly spec: PivotSpec;
  readonly keys: PivotKeys;
  /** Its first rows: the level, the row fields, the value columns (column-major DuckDB text), with its row and group counts. */
  readonly head: PivotHead;
  /** Whether the pivot is of the rows the result's filters let through (the grid's), not all of them. */
  readonly filtered: boolean;
  /** The DuckDB type of the Values column: an Average of integers reads as the grid writes it (pivotNumberText). */
  readonly valueType?: string;
}

/**
 * The first `limit` rows of a result's pivot, computed by DuckDB with the app's own pivot SQL
 * (shared/pivot: the rows the grid shows, the same column keys, ROLLUP subtotals and the grand
 * total), in one worker request on the admin connection, as a new pivot's first page is
 * (pivotHead.worker.ts). No temp table of partial groups: the pivot reads the result's rows once.
 */
export async function notebookPivot(queryWorker: Pick<QueryWorker, 'request'>, runner: Pick<QueryRunner, 'keptResult'>, h: HistoryEntry, spec: PivotSpec, limit: number): Promise<Result<NotebookPivot>> {
  const kept = runner.keptResult(h.queryId);
  if (!kept.ok) return kept;
  const { table: base, rows } = kept.value;
  const value = findColumn(rows.columns, spec.values);
  const missing = [...spec.rows, ...spec.columns, spec.values].find((name) => !findColumn(rows.columns, name));
  if (missing !== undefined || !value) return fail(appError(newErrorId(), 'INVALID_COMMAND', `The result has no column ${JSON.stringify((missing ?? spec.values).slice(0, 40))}.`));
  const mismatch = aggregateMismatch(spec.aggregate, value.type);
  if (mismatch) return fail(appError(newErrorId(), 'INVALID_COMMAND', `${mismatch}; ${spec.values} is ${value.type}.`));
  const filter = h.view?.filter ?? [];
  const { relation, sqlSpec, params } = pivotRelation(base, rows.columns, spec, filter);
  const source: PivotSource = { relation, params, partialTable: undefined, valueType: value.type };
  try {
    const answer = await queryWorker.request({
      type: 'pivotHead',
      spec: sqlSpec,
      source,
      ...(spec.columns.length > 0 ? { keysSql: pivotKeysSql(sqlSpec, { kind: 'rows', relation }) } : {}),
      head: { offset: 0, limit },
    });
    if (!answer.head) return fail(appError(newErrorId(), 'SQL_ERROR', 'The pivot has no rows.'));
    // the worker named the columns after the SQL's fields: a person reads the spec's
    const names = pivotColumnNames(spec, answer.keys);
    const head = { ...answer.head, columns: answer.head.columns.map((c, i) => ({ ...c, name: names[i] ?? c.name })) };
    return ok({ spec, keys: answer.keys, head, filtered: filter.length > 0, valueType: value.type });
  } catch (e) {
    return fail(sumOverflowInWords(toAppError(e, newErrorId(), 'SQL_ERROR'), spec, value.type));
  }
}

/** A value cell as the pivot grid reads it; SQL NULL stays null, which the table writes as *NULL*. */
const numberOrNull = (text: string | null, duckdbType: string, valueType: string | undefined): string | null => (text === null ? null : pivotNumberText(text, duckdbType, valueType));

/** "Average of delay by origin across month", as the history names a pivot. */
const pivotTitle = (spec: PivotSpec): string => `${spec.aggregate} of ${spec.values}${pivotLayoutWords(spec)}`;

/**
 * The pivot as a Markdown table laid out as the grid shows it: the grand total first ("Total" in the
 * first row field's column, or in a column of its own without row fields), each group's subtotal
 * row before its children (a row field blank where rolled up), a column per column key (its values
 * joined by " · "), "Other" when the keys were capped, and "Total"; a cell with no rows empty, SQL NULL as NULL.
 */
export function pivotSection(pivot: Result<NotebookPivot>, spec: PivotSpec): string[] {
  if (!pivot.ok) return [`Pivot unavailable (${inline(pivotTitle(spec))}): ${inline(pivot.error.message)} (error id ${pivot.error.id}).`];
  const { keys, head, filtered, valueType } = pivot.value;
  const fields = spec.rows.length;
  const lead = fields === 0 ? [''] : [];
  const valueHeads = head.columns.slice(1 + fields).map((c, i) => (keys.keys[i] ? keys.keys[i].map((v) => v ?? 'NULL').join(' · ') : c.name));
  const header = [...lead, ...spec.rows, ...valueHeads];
  const shown = head.values[0]?.length ?? 0;
  const rows = Array.from({ length: shown }, (_, r) => {
    const level = Number(head.values[0]![r]);
    const labels = spec.rows.map((_, i) => (level === 0 ? (i === 0 ? 'Total' : '') : i >= level ? '' : (head.values[1 + i]![r] ?? null)));
    // a cell with no rows (a group without that column key) is drawn empty, as the grid draws it (PivotPage.empty)
    const empty = new Set(head.empty?.[r] ?? []);
    const cells = head.columns.slice(1 + fields).map((c, i) => (empty.has(i) ? '' : numberOrNull(head.values[1 + fields + i]![r] ?? null, c.type, valueType)));
    return [...(fields === 0 ? ['Total'] : []), ...labels, ...cells];
  });
  const count =
    fields === 0
      ? 'Totals only: one Total row'
      : `${shown < head.totalRows ? `The first ${countText(shown, 'row')} of ${countText(head.totalRows, 'row')}` : countText(head.totalRows, 'row')}: ${countText(head.groups, 'group')} of ${spec.rows.join(' › ')}${fields > 1 ? ', their subtotals' : ''} and the Total`;
  const across =
    spec.columns.length === 0
      ? ''
      : ` Columns: ${keys.distinct > keys.keys.length ? `the ${countText(keys.keys.length, 'most frequent value')} of ${countText(keys.distinct, 'value')} of ${spec.columns.join(' · ')}, the rest in Other` : `the values of ${spec.columns.join(' · ')}`}.`;
  return [
    `Pivot: ${inline(pivotTitle(spec))}${filtered ? ', of the rows its filters show' : ''}.`,
    '',
    `${inline(count)}.${inline(across)}`,
    '',
    table(header, rows),
  ];
}
