import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { Page, PageView } from '../../shared/contracts/protocol';
import { newErrorId } from '../platform/ids';
import { badColumn, viewTableName, viewTableSql } from './pageView';
import type { ResultCache } from './resultCache';
import type { ResultEntry } from './resultState';
import type { QueryWorker } from './queryWorker';

/** Sorted/filtered copies kept per result (a person flips between a few orders, not dozens). */
const VIEWS_PER_RESULT = 4;

/**
 * Sorted/filtered views of complete results. A view is materialised once in DuckDB (ordered, so
 * its rowids are its order) and kept beside the result, a few per result; later pages are rowid
 * range reads like any other.
 */
export class ResultViews {
  constructor(
    private readonly pool: QueryWorker,
    private readonly cache: ResultCache,
  ) {}

  async page(entry: ResultEntry, offset: number, limit: number, view: PageView): Promise<Result<Page>> {
    const rows = entry.rows;
    if (rows.kind === 'none') return fail(rows.error);
    if (rows.kind !== 'kept') {
      return fail(appError(newErrorId(), 'RESULT_INCOMPLETE', 'Sorting and filtering need the whole result; try again when the query has finished.'));
    }
    const bad = badColumn(view, rows.columns.length);
    if (bad !== undefined) return fail(appError(newErrorId(), 'INVALID_COMMAND', `The result has no column ${bad}.`, { details: { columns: rows.columns.length } }));
    const table = viewTableName(entry.queryId, view);
    const made = entry.views.get(table) ?? this.make(entry, table, view, rows.columns);
    entry.views.delete(table);
    entry.views.set(table, made);
    this.trim(entry);
    try {
      const totalRows = await made;
      const base = { queryId: entry.queryId, offset, totalRows, complete: true, columns: rows.columns };
      const end = Math.min(totalRows, offset + limit);
      if (end <= offset) return ok({ ...base, values: rows.columns.map(() => []) });
      const values = await this.pool.request({ type: 'page', resultTable: table, columnCount: rows.columns.length, offset, limit: end - offset });
      return ok({ ...base, values });
    } catch (e) {
      return fail(e as AppError);
    }
  }

  /**
   * The table holding a complete result as `view` shows it, made if needed (as `page` would), with
   * its row count: what an export reads. Marked most recently used, so paging elsewhere keeps it.
   */
  async viewTable(entry: ResultEntry, view: PageView): Promise<Result<{ table: string; rows: number }>> {
    const rows = entry.rows;
    if (rows.kind !== 'kept') return fail(rows.kind === 'none' ? rows.error : appError(newErrorId(), 'RESULT_INCOMPLETE', 'The whole result is needed; try again when the query has finished.'));
    const bad = badColumn(view, rows.columns.length);
    if (bad !== undefined) return fail(appError(newErrorId(), 'INVALID_COMMAND', `The result has no column ${bad}.`, { details: { columns: rows.columns.length } }));
    const table = viewTableName(entry.queryId, view);
    const made = entry.views.get(table) ?? this.make(entry, table, view, rows.columns);
    entry.views.delete(table);
    entry.views.set(table, made);
    this.trim(entry);
    return made.then(
      (n) => ok({ table, rows: n }),
      (e: unknown) => fail(e as AppError),
    );
  }

  /** Drops every view of a result (its rows are gone or about to be replaced). */
  dropAll(entry: ResultEntry): void {
    for (const table of entry.views.keys()) void this.cache.drop(table);
    entry.views.clear();
  }

  private make(entry: ResultEntry, table: string, view: PageView, columns: Parameters<typeof viewTableSql>[2]): Promise<number> {
    const made = this.pool
      .request({ type: 'exec', sql: viewTableSql(entry.table, table, columns, view) })
      .then(() => this.pool.request({ type: 'read', sql: `SELECT count(*)::BIGINT AS n FROM ${table}` }))
      .then((rows) => Number(rows[0]?.['n'] ?? 0));
    made.catch(() => entry.views.delete(table));
    return made;
  }

  /** Keeps the most recently used views of a result; older ones are dropped from DuckDB. */
  private trim(entry: ResultEntry): void {
    while (entry.views.size > VIEWS_PER_RESULT) {
      const [oldest] = entry.views.keys();
      entry.views.delete(oldest!);
      void this.cache.drop(oldest!);
    }
  }
}
