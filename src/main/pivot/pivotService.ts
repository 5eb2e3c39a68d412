import { createHash } from 'node:crypto';
import type { Column } from '../../shared/contracts/events';
import type { PageFilter } from '../../shared/contracts/pageView';
import { readLeftOut, type LeftOut } from '../../shared/explore/finiteValues';
import { appError, fail, ok, toAppError, type AppError, type Result } from '../../shared/contracts/errors';
import type { PivotPage } from '../../shared/pivot/pivotPage';
import { sumOverflowInWords } from '../../shared/pivot/pivotOverflow';
import { boundPivotSql, emptyCells, hasEmptyCells, pivotColumnNames, type PivotHead, type PivotHeadRange, type PivotSource } from '../../shared/pivot/pivotBound';
import { grainMismatch } from '../../shared/pivot/pivotGrain';
import { pivotRelation } from '../../shared/pivot/pivotRelation';
import { aggregateMismatch, findColumn, PIVOT_GROUPS, pivotKeysSql, pivotLeftOutSql, pivotPartialSql, type PivotKeySource } from '../../shared/pivot/pivotSql';
import type { PivotKeys, PivotSpec } from '../../shared/pivot/pivotSpec';
import type { AppView } from '../../shared/views/appView';
import { withFailureLogged } from '../platform/answeredFailure';
import { newErrorId } from '../platform/ids';
import { silentLogger, type Logger } from '../platform/logger';
import type { QueryRunner } from '../query/queryRunner';
import type { QueryWorker } from '../query/queryWorker';
import { completedIn, RerunWaits, type Kept } from '../query/rerunWaits';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { RESULTS_SCHEMA, resultTableId } from '../query/sql';

/** Pivots kept per result: a person flips between a few layouts, not dozens. */
const PIVOTS_PER_RESULT = 3;

/**
 * Pages ending within this many rows of a pivot whose table is not made yet are answered by the
 * pivot's query itself (a top-N), which is all a new pivot's first page waits for.
 */
const HEAD_ROWS = 1000;

/** A pivot materialised in DuckDB: its table (rows in display order, so rowids are its order), shape and keys. */
interface MadePivot {
  readonly table: string;
  readonly totalRows: number;
  /** PivotPage.groups. */
  readonly groups: number;
  readonly columns: readonly Column[];
  readonly keys: PivotKeys;
  /** PivotPage.leftOut. */
  readonly leftOut: LeftOut | undefined;
}

/** A new pivot's steps before its keys are known: where it reads, its table's name, the SQL of its partial groups and keys. */
interface PivotPlan {
  readonly name: string;
  /** The spec as the SQL reads it: its fields under the relation's own names (fieldsOf). */
  readonly sqlSpec: PivotSpec;
  readonly source: PivotSource;
  /** `CREATE TEMP TABLE` of the partial groups; undefined for Median. */
  readonly partialSql: string | undefined;
  /** The column keys' query; undefined without column fields. */
  readonly keysSql: string | undefined;
  /** The count of the NaNs and infinities the cells leave out (pivotLeftOutSql); undefined where none can be. */
  readonly leftOutSql: string | undefined;
}

/** A pivot whose keys are known and whose partial groups (if any) wait in a temp table: what its table is made from. */
interface PlannedPivot {
  readonly name: string;
  readonly sqlSpec: PivotSpec;
  readonly keys: PivotKeys;
  /** level, the row fields, the value columns. */
  readonly names: readonly string[];
  readonly source: PivotSource;
  readonly leftOut: LeftOut | undefined;
}

type Pool = Pick<QueryWorker, 'request'>;

/**
 * Pivots of complete results, computed by DuckDB and paged like results: a pivot reads the rows the
 * grid shows (those passing the result's view filters). The first request for a (result, spec,
 * filters) groups the rows once (the partial groups, in a temp table) and finds the column
 * keys in those groups; its first page is the pivot's query with a LIMIT (and a count of all its
 * rows), combined from the partial groups, and right after, the pivot is materialised from them
 * as a table beside the result (pivotSelectSql, ordered). Every later page is a rowid range read
 * of that table. Nothing but the page's cells crosses to JS. Pivots are kept per result's `rows`
 * object, which the runner replaces when the result is dropped or re-run, so they go with it.
 */
export class PivotService {
  private readonly made = new WeakMap<object, Map<string, Promise<MadePivot>>>();
  private readonly reruns: RerunWaits;

  constructor(
    private readonly queryWorker: Pool,
    private readonly runner: Pick<QueryRunner, 'keptResult' | 'progressed'>,
    private readonly view: () => AppView,
    /** Where a failed pivot's error is written, so the id the window shows is found in the log. */
    private readonly log: Logger = silentLogger(),
  ) {
    this.reruns = new RerunWaits(runner);
  }

  /**
   * The result's table; a completed result being re-run on demand (evicted, or imported into a data
   * dir without its table) is waited for, as its grid, charts and profiles wait: refused as
   * incomplete, the window showed the pivot as failed and never asked again.
   */
  private async kept(queryId: string): Promise<Kept> {
    const kept = this.runner.keptResult(queryId);
    if (kept.ok || kept.error.code !== 'RESULT_INCOMPLETE' || !completedIn(this.view(), queryId)) return kept;
    return (await this.reruns.kept(queryId, () => true)) ?? kept;
  }

  /** Rows [offset, offset + limit) of the pivot of the result's rows that pass `filter` (the result's view filters). */
  page(queryId: string, spec: PivotSpec, offset: number, limit: number, filter: readonly PageFilter[] = []): Promise<Result<PivotPage>> {
    return withFailureLogged(this.log, this.answered(queryId, spec, offset, limit, filter), { queryId });
  }

  private async answered(queryId: string, spec: PivotSpec, offset: number, limit: number, filter: readonly PageFilter[]): Promise<Result<PivotPage>> {
    const kept = await this.kept(queryId);
    if (!kept.ok) return kept;
    const { table, rows } = kept.value;
    const bad = badSpec(spec, rows.columns) ?? badFilter(filter, rows.columns);
    if (bad !== undefined) return fail(appError(newErrorId(), 'INVALID_COMMAND', bad, { details: { queryId } }));
    // another filter is another pivot (and another table)
    // which chart drew a brush changes no row: the same condition from a brush or a box is one pivot
    const conditions = filter.map((f) => ('chart' in f ? { ...f, chart: undefined } : f));
    const key = createHash('sha256').update(JSON.stringify(filter.length > 0 ? { spec, filter: conditions } : spec)).digest('hex').slice(0, 16);
    const pivots = this.made.get(rows) ?? new Map<string, Promise<MadePivot>>();
    this.made.set(rows, pivots);
    const answer = (p: Pick<MadePivot, 'totalRows' | 'groups' | 'columns' | 'keys' | 'leftOut'>, values: PivotPage['values'], empty: PivotPage['empty']): Result<PivotPage> =>
      ok({ queryId, offset, totalRows: p.totalRows, groups: p.groups, rowFields: spec.rows.length, columns: p.columns, values, keys: { distinct: p.keys.distinct, values: p.keys.keys }, ...(empty ? { empty } : {}), ...(p.leftOut ? { leftOut: p.leftOut } : {}) });
    try {
      const known = pivots.get(key);
      const plan = known ? undefined : planOf(queryId, key, table, rows.columns, spec, filter);
      // the worker makes the partial groups, finds the keys and, near the top, answers the page in one
      // request; the pivot's table is made after it, so its write does not hold up the first page
      const planned = plan && this.plan(plan, spec, offset + limit <= HEAD_ROWS ? { offset, limit } : undefined);
      const made = known ?? planned!.then((p) => this.materialise(p.planned));
      if (!known) made.catch(() => pivots.get(key) === made && pivots.delete(key));
      this.remember(pivots, key, made);
      if (planned) {
        // older pivots are dropped only after the head, so a DROP TABLE does not queue ahead of it
        const { planned: p, head } = await planned.finally(() => this.trim(pivots));
        // the worker named the head's columns after the SQL's fields: a person reads the spec's
        if (head) return answer({ ...head, columns: head.columns.map((c, i) => ({ ...c, name: p.names[i] ?? c.name })), keys: p.keys, leftOut: p.leftOut }, head.values, head.empty);
      } else this.trim(pivots);
      const pivot = await made;
      const end = Math.min(pivot.totalRows, offset + limit);
      // with column fields the table's next column holds each row's keys with rows (PIVOT_PRESENT)
      const present = hasEmptyCells(spec);
      const read = end > offset ? await this.queryWorker.request({ type: 'page', resultTable: pivot.table, columnCount: pivot.columns.length + (present ? 1 : 0), offset, limit: end - offset }) : [];
      const values = end > offset ? read.slice(0, pivot.columns.length) : pivot.columns.map(() => []);
      return answer(pivot, values, present ? (read[pivot.columns.length] ?? []).map((mask) => emptyCells(mask, pivot.keys)) : undefined);
    } catch (e) {
      return fail(sumOverflowInWords(toAppError(e, newErrorId(), 'SQL_ERROR') as AppError, spec, findColumn(rows.columns, spec.values)!.type));
    }
  }

  /** Marks a pivot as the most recently used. */
  private remember(pivots: Map<string, Promise<MadePivot>>, key: string, made: Promise<MadePivot>): void {
    pivots.delete(key);
    pivots.set(key, made);
  }

  /**
   * A new pivot's first steps, in one request to the worker (pivotHead.worker.ts): one pass over
   * the result's rows puts its groups by every row and column field in a temp table (a few thousand
   * rows where the result has millions; Median has none, its keys and pivot each read the rows), the
   * column keys are counted from them, and, near the top, rows [offset, offset + limit) are answered
   * (the head is undefined past the pivot's end).
   */
  private async plan(plan: PivotPlan, spec: PivotSpec, head: PivotHeadRange | undefined): Promise<{ planned: PlannedPivot; head: PivotHead | undefined }> {
    try {
      const answering = this.queryWorker.request({
        type: 'pivotHead',
        spec: plan.sqlSpec,
        source: plan.source,
        ...(plan.partialSql === undefined ? {} : { partialSql: plan.partialSql }),
        ...(plan.keysSql === undefined ? {} : { keysSql: plan.keysSql }),
        ...(head ? { head } : {}),
      });
      // asked after the head, so it queues behind it; a count that failed leaves the pivot without its note
      const leftOut = plan.leftOutSql === undefined ? undefined : this.queryWorker.request({ type: 'read', sql: plan.leftOutSql, ...(plan.source.params.length > 0 ? { params: plan.source.params } : {}) }).then(([row]) => readLeftOut(row), () => undefined);
      const answered = await answering;
      return { planned: plannedOf(plan, spec, answered.keys, await leftOut), head: answered.head };
    } catch (e) {
      this.dropPartial(plan.source.partialTable);
      throw e;
    }
  }

  /** The planned pivot as a table, ordered; its temp table of partial groups is dropped after. */
  private async materialise(p: PlannedPivot): Promise<MadePivot> {
    try {
      const { sql, params } = boundPivotSql(p.sqlSpec, p.source, p.keys);
      const table = `${RESULTS_SCHEMA}.${quoteIdent(p.name)}`;
      await this.queryWorker.request({ type: 'exec', sql: `CREATE OR REPLACE TABLE ${table} AS ${sql}`, params });
      // every row carries the count of groups; the grand total's row always exists
      const counts = `(SELECT count(*) FROM ${table})::BIGINT AS n, (SELECT ${PIVOT_GROUPS} FROM ${table} LIMIT 1)::BIGINT AS groups`;
      const described = await this.queryWorker.request({ type: 'read', sql: `SELECT ${counts}, list(data_type ORDER BY column_index) AS types FROM duckdb_columns() WHERE schema_name = '${RESULTS_SCHEMA}' AND table_name = $1`, params: [p.name] });
      const types = (described[0]?.['types'] as readonly unknown[] | undefined)?.map(String) ?? [];
      return { table, totalRows: Number(described[0]?.['n'] ?? 0), groups: Number(described[0]?.['groups'] ?? 0), columns: p.names.map((name, i) => ({ name, type: types[i] ?? 'VARCHAR' })), keys: p.keys, leftOut: p.leftOut };
    } finally {
      this.dropPartial(p.source.partialTable);
    }
  }

  /** Not awaited: nothing waits for it. */
  private dropPartial(partial: string | undefined): void {
    if (partial !== undefined) void this.queryWorker.request({ type: 'exec', sql: `DROP TABLE IF EXISTS ${partial}` }).catch(() => undefined);
  }

  private trim(pivots: Map<string, Promise<MadePivot>>): void {
    while (pivots.size > PIVOTS_PER_RESULT) {
      const [oldest, pending] = pivots.entries().next().value!;
      pivots.delete(oldest);
      pending.then(
        (p) => void this.queryWorker.request({ type: 'exec', sql: `DROP TABLE IF EXISTS ${p.table}` }).catch(() => undefined),
        () => undefined,
      );
    }
  }
}

/**
 * A new pivot's SQL before its keys are known. A temp table lives on the connection that made it:
 * every step runs on the worker's one admin connection.
 */
function planOf(queryId: string, key: string, base: string, columns: readonly Column[], spec: PivotSpec, filter: readonly PageFilter[]): PivotPlan {
  const { relation, sqlSpec, params } = pivotRelation(base, columns, spec, filter);
  const name = `${resultTableId(queryId)}_p_${key}`;
  // the Values column's type decides how an Average sums (a HUGEINT's as DOUBLEs)
  const valueType = findColumn(columns, spec.values)!.type;
  const partialSelect = pivotPartialSql(sqlSpec, relation, valueType);
  const partialTable = partialSelect === undefined ? undefined : `temp.main.${quoteIdent(`${name}_partial`)}`;
  const partialSql = partialTable === undefined ? undefined : `CREATE OR REPLACE TEMP TABLE ${partialTable} AS ${partialSelect}`;
  const keySource: PivotKeySource = partialTable === undefined ? { kind: 'rows', relation } : { kind: 'partial', table: partialTable };
  const keysSql = spec.columns.length > 0 ? pivotKeysSql(sqlSpec, keySource) : undefined;
  return { name, sqlSpec, source: { relation, params, partialTable, valueType }, partialSql, keysSql, leftOutSql: pivotLeftOutSql(sqlSpec, relation, valueType) };
}

const plannedOf = (plan: PivotPlan, spec: PivotSpec, keys: PivotKeys, leftOut: LeftOut | undefined): PlannedPivot => ({
  name: plan.name,
  sqlSpec: plan.sqlSpec,
  keys,
  names: pivotColumnNames(spec, keys),
  source: plan.source,
  leftOut,
});

/** Why the spec does not fit the result's columns, or undefined. */
function badSpec(spec: PivotSpec, columns: readonly Column[]): string | undefined {
  const missing = [...spec.rows, ...spec.columns, spec.values].find((name) => !findColumn(columns, name));
  if (missing !== undefined) return `The result has no column ${JSON.stringify(missing.slice(0, 40))}.`;
  const grains = grainMismatch(spec, (name) => findColumn(columns, name)?.type);
  if (grains !== undefined) return grains;
  const value = findColumn(columns, spec.values)!;
  const mismatch = aggregateMismatch(spec.aggregate, value.type);
  return mismatch && `${mismatch}; ${spec.values} is ${value.type}.`;
}

/** Why a filter does not fit the result's columns (as a chart's or a page's view would be refused), or undefined. */
function badFilter(filter: readonly PageFilter[], columns: readonly Column[]): string | undefined {
  const missing = filter.find((f) => f.column >= columns.length);
  return missing && `The result has no column ${missing.column + 1}.`;
}
