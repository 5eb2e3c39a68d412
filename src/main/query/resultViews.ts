import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Column } from '../../shared/contracts/events';
import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { Page, PageView } from '../../shared/contracts/protocol';
import { newErrorId } from '../platform/ids';
import { badColumn, viewCountSql, viewHeadSql, viewTableName, viewTableSql, type BoundSql, type HeadSql } from './pageView';
import type { ResultCache } from './resultCache';
import { rerunOf, type ResultEntry } from './resultState';
import type { QueryWorker } from './queryWorker';

/** Sorted/filtered copies kept per result (a person flips between a few orders, not dozens). */
const VIEWS_PER_RESULT = 4;
/**
 * Pages ending within this many rows of a view not yet materialised are answered by a top-N query
 * on the result table: DuckDB keeps the best N rows instead of sorting all of them.
 */
const HEAD_ROWS = 1000;

/**
 * Sorted/filtered views of complete results. The first page of a new view is a top-N query plus a
 * count (what raw DuckDB would do for `ORDER BY … LIMIT`); then the view is materialised once in
 * DuckDB (ordered, so its rowids are its order) and kept beside the result, a few per result;
 * later pages are rowid range reads like any other.
 */
export class ResultViews {
  constructor(
    private readonly queryWorker: QueryWorker,
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
    const base = { queryId: entry.queryId, offset, complete: true, columns: rows.columns, ...rerunOf(rows) };
    try {
      const known = entry.views.get(table);
      if (!known && offset + limit <= HEAD_ROWS) return ok({ ...base, ...(await this.head(entry, table, view, rows, offset, limit)) });
      const made = known ?? this.make(entry, table, view, rows.columns, this.count(entry, view, rows));
      this.touch(entry, table, made);
      const totalRows = await made;
      const end = Math.min(totalRows, offset + limit);
      if (end <= offset) return ok({ ...base, totalRows, values: rows.columns.map(() => []) });
      const values = await this.queryWorker.request({ type: 'page', resultTable: table, columnCount: rows.columns.length, offset, limit: end - offset });
      return ok({ ...base, totalRows, values });
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
    const made = entry.views.get(table) ?? this.make(entry, table, view, rows.columns, this.count(entry, view, rows));
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

  /**
   * The first page of a view not materialised yet, by top-N and count, which is all a header click
   * waits for; the copy is made right after, for the pages beyond.
   */
  private async head(entry: ResultEntry, table: string, view: PageView, rows: KeptRows, offset: number, limit: number): Promise<Pick<Page, 'totalRows' | 'values'>> {
    const count = this.count(entry, view, rows);
    const read = this.readHead(viewHeadSql(entry.table, rows.columns, view, offset, limit), limit);
    const answered = Promise.all([count, read]);
    // The copy, and the drop of the oldest view, start a turn after the first page is answered: by
    // then the page is on its way to the client, and DuckDB's threads are not yet busy with a full
    // sort while main sends it. Known at once, so a second page waits for this view instead of
    // starting another; older views are dropped only after the first page, so a DROP TABLE does
    // not queue ahead of its read.
    const pageOut = answered.then(async ([n]) => {
      await nextTurn();
      this.trim(entry);
      return n;
    });
    entry.views.set(table, this.make(entry, table, view, rows.columns, pageOut));
    const [totalRows, found] = await answered;
    const values = rows.columns.map((_, c) => found.map((row) => row[`t${c}`] as string | null));
    return { totalRows, values };
  }

  /** The head's rows; a bounded head that came back short is read again without its bound. */
  private async readHead(head: HeadSql, limit: number): Promise<readonly Readonly<Record<string, unknown>>[]> {
    const read = (q: BoundSql) => this.queryWorker.request({ type: 'read', sql: q.sql, params: q.params });
    const found = await read(head.first);
    return found.length < limit && head.unbounded ? read(head.unbounded) : found;
  }

  /** Rows passing the view's filters; without filters the result's own count, known already. */
  private count(entry: ResultEntry, view: PageView, rows: KeptRows): Promise<number> {
    if ((view.filter?.length ?? 0) === 0) return Promise.resolve(rows.rowCount);
    const q = viewCountSql(entry.table, rows.columns, view);
    // On a connection of its own: the count scans every row while the first page's read, on
    // another, usually stops after a few row groups, so the two overlap instead of queueing.
    return this.queryWorker.request({ type: 'viewCount', sql: q.sql, params: q.params });
  }

  /** Materialises the view once `after` settles (so it does not compete with the first page); resolves to its row count. */
  private make(entry: ResultEntry, table: string, view: PageView, columns: readonly Column[], after: Promise<number>): Promise<number> {
    const q = viewTableSql(entry.table, table, columns, view);
    const made = after.then((n) => this.queryWorker.request({ type: 'copyView', sql: q.sql, params: q.params }).then(() => n));
    made.catch(() => {
      if (entry.views.get(table) === made) entry.views.delete(table);
    });
    return made;
  }

  /** Marks a view as the most recently used and keeps the newest few. */
  private touch(entry: ResultEntry, table: string, made: Promise<number>): void {
    entry.views.delete(table);
    entry.views.set(table, made);
    this.trim(entry);
  }

  /** Keeps the most recently used views of a result; older ones are dropped from DuckDB once made. */
  private trim(entry: ResultEntry): void {
    while (entry.views.size > VIEWS_PER_RESULT) {
      const [oldest, pending] = entry.views.entries().next().value!;
      entry.views.delete(oldest);
      // dropped once made: a copy still being written would otherwise outlive its drop
      const drop = () => void this.cache.drop(oldest);
      pending.then(drop, drop);
    }
  }
}

type KeptRows = Extract<ResultEntry['rows'], { kind: 'kept' }>;
