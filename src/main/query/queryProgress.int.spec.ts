import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { noRunCallbacks } from '../../../test/support/noRunCallbacks';
import { useRunSlot } from '../../../test/support/useRunSlot';
import { runIntoTable } from './resultWriter.worker';
import type { RunProgress } from './workerProtocol';
import { RESULTS_SCHEMA } from './sql';

const FLIGHTS = resolve('node_modules/vega-datasets/data/flights-3m.parquet');

const duck = useRunSlot();

it("a query's progress reports say how far DuckDB is (percent, rows read), as the status bar shows them (real DuckDB, flights-3m read four times)", async () => {
  const reports: RunProgress[] = [];
  const files = Array.from({ length: 4 }, () => `'${FLIGHTS}'`).join(', ');
  const sql = `select origin, destination, count(distinct date) d, avg(delay) a from read_parquet([${files}]) group by all`;
  await runIntoTable(duck.slot(), { sql, resultTable: `${RESULTS_SCHEMA}.r1` }, { progressIntervalMs: 20, flushIntervalMs: 60_000, headRows: 100 }, { ...noRunCallbacks, progress: (p) => reports.push(p) });
  const told = reports.filter((p) => p.percent !== undefined && p.percent > 0 && (p.rowsProcessed ?? 0) > 0);
  expect(told.length, `${reports.length} reports: ${JSON.stringify(reports.slice(0, 5))}`).toBeGreaterThan(0);
  // never backwards
  const percents = told.map((p) => p.percent!);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
});

it('a plan DuckDB cannot size (a cross join with range) says 0 % all along: no percent is reported, so the bar is indeterminate rather than stuck at 0 % (real DuckDB)', async () => {
  const reports: RunProgress[] = [];
  /** DuckDB's own figure, read as each report goes out. */
  const duckdbSaid: number[] = [];
  const sql = `select origin, avg(delay + range) from read_parquet('${FLIGHTS}'), range(20) group by all`;
  // On several threads DuckDB says either 0 or -1 for this plan, by a race; on one, always 0.
  await duck.slot().query.run('SET threads = 1');
  await runIntoTable(duck.slot(), { sql, resultTable: `${RESULTS_SCHEMA}.r2` }, { progressIntervalMs: 20, flushIntervalMs: 60_000, headRows: 100 }, {
    ...noRunCallbacks,
    progress: (p) => {
      reports.push(p);
      duckdbSaid.push(duck.slot().query.progress.percentage);
    },
  });
  expect(duckdbSaid).toContain(0);
  expect(duckdbSaid.filter((p) => p > 0)).toEqual([]);
  expect(reports.filter((p) => p.percent !== undefined)).toEqual([]);
});
