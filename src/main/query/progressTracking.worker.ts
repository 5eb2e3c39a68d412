import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Turns on DuckDB's tracking of a connection's query progress (`connection.progress`: percent and
 * rows read), printing nothing. Off, DuckDB reports -1 and 0 for every query: the status bar's
 * progress bar never had a percent nor "N rows read", though exports, which turned it on, had both.
 */
export async function trackProgress(c: DuckDBConnection): Promise<void> {
  await c.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
}
