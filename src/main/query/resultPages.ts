import { fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { Page } from '../../shared/contracts/protocol';
import { pageable, type ResultEntry } from './resultState';
import type { QueryWorker } from './queryWorker';

/**
 * Rows [offset, offset + limit) of a result as it stands now, column-major DuckDB text. Never
 * waits: while the query runs it answers with what exists (`complete` false, `totalRows` the rows
 * so far), and the client asks again when a progress frame says more rows are ready. Pages inside
 * the head come from memory, the rest from a rowid range read on the worker.
 */
export async function readResultPage(queryWorker: QueryWorker, entry: ResultEntry, offset: number, limit: number): Promise<Result<Page>> {
  const now = pageable(entry.rows);
  if (!now.ok) return fail(now.error);
  const { columns, totalRows, complete, head, rerun } = now;
  const base = { queryId: entry.queryId, offset, totalRows, complete, columns, ...(rerun ? { rerun } : {}) };
  const end = Math.min(totalRows, offset + limit);
  if (end <= offset || columns.length === 0) return ok({ ...base, values: columns.map(() => []) });
  if (head && end <= (head[0]?.length ?? 0)) return ok({ ...base, values: head.map((col) => col.slice(offset, end)) });
  try {
    const values = await queryWorker.request({ type: 'page', resultTable: entry.table, columnCount: columns.length, offset, limit: end - offset });
    return ok({ ...base, values });
  } catch (e) {
    const error = e as AppError;
    // Dropped between our look and the read (evicted): say so; the next fetch re-runs it.
    if (/does not exist/.test(error.message) && entry.rows.kind === 'kept') entry.rows = { kind: 'evicted', columns, rowCount: entry.rows.rowCount };
    return fail(error);
  }
}
