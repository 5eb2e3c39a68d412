import { describe, expect, it } from 'vitest';
import { runProgress } from './runProgress.worker';

describe('runProgress: what the status bar is told of DuckDB’s progress', () => {
  it('given DuckDB says 0 % and 0 rows read (no estimate: a cross join it cannot size), when reported, then no percent goes out and the bar is indeterminate', () => {
    expect(runProgress(9000, { percentage: 0, rows_processed: 0n })).toEqual({ elapsedMs: 9000 });
  });

  it('given DuckDB tracks nothing (-1), when reported, then neither a percent nor rows read', () => {
    expect(runProgress(40, { percentage: -1, rows_processed: 0n })).toEqual({ elapsedMs: 40 });
  });

  it('given DuckDB has an estimate, when reported, then its percent and the rows read go out', () => {
    expect(runProgress(500, { percentage: 0.375, rows_processed: 225_280n })).toEqual({ elapsedMs: 500, rowsProcessed: 225_280, percent: 0.375 });
  });

  it('given rows read but still 0 %, when reported, then the rows read go out and the bar stays indeterminate', () => {
    expect(runProgress(700, { percentage: 0, rows_processed: 2048n })).toEqual({ elapsedMs: 700, rowsProcessed: 2048 });
  });

  it('given DuckDB overshoots, when reported, then the percent is at most 100', () => {
    expect(runProgress(10, { percentage: 100.4, rows_processed: 10n }).percent).toBe(100);
  });
});
