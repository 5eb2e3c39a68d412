import type { AppError } from '../../shared/contracts/errors';
import type { Column } from '../../shared/contracts/events';
import type { Page } from '../../shared/contracts/protocol';

/**
 * Where a result's rows are (its query's phase is main's view's, not the runner's): being produced (the query runs, or an
 * evicted result re-runs), kept in DuckDB, evicted (re-runnable), or none at all.
 */
export type ResultRows =
  /** The first `available` rows are committed (or in `head`) and can be paged. `rerun`: by running a completed result's SQL again. */
  | { readonly kind: 'producing'; readonly columns?: readonly Column[]; readonly available: number; readonly head?: Page['values']; readonly rerun?: true }
  /** `rerun`: the rows came from running its SQL again (resultRerun.ts), not from the run the history records. */
  | { readonly kind: 'kept'; readonly columns: readonly Column[]; readonly rowCount: number; readonly rerun?: true }
  /**
   * Completed once, but its table is gone (evicted, or a new DuckDB file): the next fetchPage re-runs
   * it. Columns and row count as recorded: the re-run must give them again (resultRerun.ts).
   */
  | { readonly kind: 'evicted'; readonly columns: readonly Column[]; readonly rowCount: number }
  /** The query failed or was cancelled, or re-running it failed: there is nothing to page. */
  | { readonly kind: 'none'; readonly error: AppError };

export type KeptRows = Extract<ResultRows, { kind: 'kept' }>;

/** A query the runner knows of, and its rows. Its phase is read from main's view (queryEntry), never kept here. */
export interface ResultEntry {
  readonly queryId: string;
  readonly sessionId: string;
  readonly sql: string;
  readonly table: string;
  rows: ResultRows;
  /** Sorted/filtered copies of this result, by table name, most recently used last. */
  readonly views: Map<string, Promise<number>>;
}

export const producing = (columns?: readonly Column[]): Extract<ResultRows, { kind: 'producing' }> => ({ kind: 'producing', available: 0, ...(columns ? { columns } : {}) });

/** More rows committed: `available` only grows (commits and the head may report out of order). */
export function withAvailable(rows: ResultRows, available: number, head?: Page['values']): ResultRows {
  if (rows.kind !== 'producing') return rows;
  return { ...rows, available: Math.max(rows.available, available), ...(head ? { head } : {}) };
}

export function withColumns(rows: ResultRows, columns: readonly Column[]): ResultRows {
  return rows.kind === 'producing' ? { ...rows, columns } : rows;
}

/** Rows that can be paged right now, and whether that is all of them. */
export type Pageable =
  | { readonly ok: true; readonly columns: readonly Column[]; readonly totalRows: number; readonly complete: boolean; readonly head?: Page['values']; readonly rerun?: true }
  | { readonly ok: false; readonly error: AppError };

/** What a page of `rows` can hold now. An evicted result has none yet (its re-run starts). */
export function pageable(rows: ResultRows): Pageable {
  switch (rows.kind) {
    case 'producing':
      return { ok: true, columns: rows.columns ?? [], totalRows: rows.available, complete: false, ...(rows.head ? { head: rows.head } : {}), ...rerunOf(rows) };
    case 'kept':
      return { ok: true, columns: rows.columns, totalRows: rows.rowCount, complete: true, ...rerunOf(rows) };
    case 'evicted':
      return { ok: true, columns: rows.columns, totalRows: 0, complete: false };
    case 'none':
      return { ok: false, error: rows.error };
  }
}

/** A page's mark that its rows come from a re-run: present only then. */
export const rerunOf = (rows: { readonly rerun?: true }): { rerun?: true } => (rows.rerun ? { rerun: true } : {});
