import { createHash } from 'node:crypto';
import type { Column } from '../../shared/contracts/events';
import { appError, fail, ok, toAppError, type AppError, type Result } from '../../shared/contracts/errors';
import type { PivotPage } from '../../shared/pivot/pivotPage';
import { aggregateMismatch, findColumn, pivotKeysSql, pivotPartialSql, pivotSelectSql, readPivotKeys, type PivotKeySource } from '../../shared/pivot/pivotSql';
import { valueColumnNames, type PivotKeys, type PivotSpec } from '../../shared/pivot/pivotSpec';
import { newErrorId } from '../platform/ids';
import type { QueryRunner } from '../query/queryRunner';
import type { QueryWorker } from '../query/queryWorker';
import { ident, RESULTS_SCHEMA, resultTableId } from '../query/sql';

/** Pivots kept per result: a person flips between a few layouts, not dozens. */
const PIVOTS_PER_RESULT = 3;

/** A pivot materialised in DuckDB: its table (rows in display order, so rowids are its order), shape and keys. */
interface MadePivot {
  readonly table: string;
  readonly totalRows: number;
  readonly columns: readonly Column[];
  readonly keys: PivotKeys;
}

type Pool = Pick<QueryWorker, 'request'>;

/**
 * Pivots of complete results, computed by DuckDB and paged like results: the first request for a
 * (result, spec) groups the rows once (the partial groups, in a temp table), finds the column keys
 * in those groups, materialises the pivot from them as a table beside the result (pivotSelectSql,
 * ordered), and every page is a rowid range read of it. Nothing
 * but the page's cells crosses to JS. Pivots are kept per result's `rows` object, which the runner
 * replaces when the result is dropped or re-run, so they go with it.
 */
export class PivotService {
  private readonly made = new WeakMap<object, Map<string, Promise<MadePivot>>>();

  constructor(
    private readonly pool: Pool,
    private readonly runner: Pick<QueryRunner, 'keptResult'>,
  ) {}

  async page(queryId: string, spec: PivotSpec, offset: number, limit: number): Promise<Result<PivotPage>> {
    const kept = this.runner.keptResult(queryId);
    if (!kept.ok) return kept;
    const { table, rows } = kept.value;
    const bad = badSpec(spec, rows.columns);
    if (bad !== undefined) return fail(appError(newErrorId(), 'INVALID_COMMAND', bad, { details: { queryId } }));
    const key = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
    const pivots = this.made.get(rows) ?? new Map<string, Promise<MadePivot>>();
    this.made.set(rows, pivots);
    let made = pivots.get(key);
    if (!made) {
      made = this.make(queryId, key, table, rows.columns, spec);
      made.catch(() => pivots.get(key) === made && pivots.delete(key));
    }
    // most recently used last; the oldest beyond the few kept are dropped once made
    pivots.delete(key);
    pivots.set(key, made);
    this.trim(pivots);
    try {
      const pivot = await made;
      const end = Math.min(pivot.totalRows, offset + limit);
      const values = end > offset ? await this.pool.request({ type: 'page', resultTable: pivot.table, columnCount: pivot.columns.length, offset, limit: end - offset }) : pivot.columns.map(() => []);
      return ok({
        queryId,
        offset,
        totalRows: pivot.totalRows,
        rowFields: spec.rows.length,
        columns: pivot.columns,
        values,
        keys: { distinct: pivot.keys.distinct, values: pivot.keys.keys },
      });
    } catch (e) {
      return fail(toAppError(e, newErrorId(), 'SQL_ERROR') as AppError);
    }
  }

  /**
   * One pass over the result's rows: its groups by every row and column field go to a temp table
   * (pivotPartialSql; a few thousand rows where the result has millions), the column keys are
   * counted from them, and the pivot is combined from them. Median has no parts: the keys and the
   * pivot each read the rows.
   */
  private async make(queryId: string, key: string, base: string, columns: readonly Column[], spec: PivotSpec): Promise<MadePivot> {
    const relation = relationOf(base, columns, spec);
    const name = `${resultTableId(queryId)}_p_${key}`;
    const partialSql = pivotPartialSql(spec, relation);
    // a temp table lives on the connection that made it: every step here runs on the worker's one admin connection
    const partial = partialSql === undefined ? undefined : `temp.main.${ident(`${name}_partial`)}`;
    if (partial !== undefined) await this.pool.request({ type: 'exec', sql: `CREATE OR REPLACE TEMP TABLE ${partial} AS ${partialSql}` });
    try {
      const source: PivotKeySource = partial === undefined ? { kind: 'rows', relation } : { kind: 'partial', table: partial };
      const keys = spec.columns.length > 0 ? readPivotKeys(spec, await this.pool.request({ type: 'read', sql: pivotKeysSql(spec, source) })) : { keys: [], distinct: 0 };
      const params: string[] = [];
      const select = pivotSelectSql(spec, relation, keys, {
        names: 'positional',
        value: (v) => {
          params.push(v);
          return `$${params.length}`;
        },
        ...(partial === undefined ? {} : { partialTable: partial }),
      });
      const table = `${RESULTS_SCHEMA}.${ident(name)}`;
      await this.pool.request({ type: 'exec', sql: `CREATE OR REPLACE TABLE ${table} AS ${select}`, params });
      const described = await this.pool.request({ type: 'read', sql: `SELECT (SELECT count(*) FROM ${table})::BIGINT AS n, list(data_type ORDER BY column_index) AS types FROM duckdb_columns() WHERE schema_name = '${RESULTS_SCHEMA}' AND table_name = $1`, params: [name] });
      const types = (described[0]?.['types'] as readonly unknown[] | undefined)?.map(String) ?? [];
      const names = ['level', ...spec.rows, ...valueColumnNames(spec, keys)];
      return { table, totalRows: Number(described[0]?.['n'] ?? 0), columns: names.map((n, i) => ({ name: n, type: types[i] ?? 'VARCHAR' })), keys };
    } finally {
      // not awaited: the first page need not wait for it
      if (partial !== undefined) void this.pool.request({ type: 'exec', sql: `DROP TABLE IF EXISTS ${partial}` }).catch(() => undefined);
    }
  }

  private trim(pivots: Map<string, Promise<MadePivot>>): void {
    while (pivots.size > PIVOTS_PER_RESULT) {
      const [oldest, pending] = pivots.entries().next().value!;
      pivots.delete(oldest);
      pending.then(
        (p) => void this.pool.request({ type: 'exec', sql: `DROP TABLE IF EXISTS ${p.table}` }).catch(() => undefined),
        () => undefined,
      );
    }
  }
}

/** The columns a pivot reads, under the names a person sees (a result table names them c0, c1, …). */
function relationOf(base: string, columns: readonly Column[], spec: PivotSpec): string {
  const used = [...new Set([...spec.rows, ...spec.columns, spec.values])];
  const picked = used.map((name) => `c${columns.findIndex((c) => c.name === name)} AS ${ident(name)}`);
  return `(SELECT ${picked.join(', ')} FROM ${base})`;
}

/** Why the spec does not fit the result's columns, or undefined. */
function badSpec(spec: PivotSpec, columns: readonly Column[]): string | undefined {
  const missing = [...spec.rows, ...spec.columns, spec.values].find((name) => !findColumn(columns, name));
  if (missing !== undefined) return `The result has no column ${JSON.stringify(missing.slice(0, 40))}.`;
  const value = findColumn(columns, spec.values)!;
  const mismatch = aggregateMismatch(spec.aggregate, value.type);
  return mismatch && `${mismatch}; ${spec.values} is ${value.type}.`;
}
