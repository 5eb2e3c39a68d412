import type { RunProgress } from './workerProtocol';

/** What this reads of DuckDB's `connection.progress`. */
export interface DuckdbProgress {
  readonly percentage: number;
  readonly rows_processed: bigint;
}

/**
 * A running query's progress as the status bar shows it. DuckDB says -1 when it tracks nothing, and
 * 0 both before its first estimate and, all along, for a plan it cannot estimate (a cross join with
 * `range(400)` over flights_3m said 0 %, 0 rows read, for the whole 9 s). 0 says nothing, so a percent
 * goes out only once it is above 0: until then the bar is indeterminate, not stuck at 0 %.
 */
export function runProgress(elapsedMs: number, p: DuckdbProgress): RunProgress {
  return {
    elapsedMs,
    ...(p.rows_processed > 0n ? { rowsProcessed: Number(p.rows_processed) } : {}),
    ...(p.percentage > 0 ? { percent: Math.min(100, p.percentage) } : {}),
  };
}
