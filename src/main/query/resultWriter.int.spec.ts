import { describe, expect, it } from 'vitest';
import { useRunSlot } from '../../../test/support/useRunSlot';
import { CANCELLED_UNDO_DELAY_MS, runIntoTable, type RunCallbacks } from './resultWriter.worker';
import { RESULTS_SCHEMA } from './sql';

/** What the writer told its caller, in order: the head's row count, and each `rows` report. */
type Told = ['head', number] | ['rows', number];

describe('runIntoTable: when a result is committed', () => {
  const duck = useRunSlot();
  let n = 0;

  async function run(sql: string, flushIntervalMs: number): Promise<{ told: Told[]; rowCount: number; stored: number }> {
    const told: Told[] = [];
    const cb: RunCallbacks = {
      progress: () => {},
      columns: () => {},
      head: (values) => told.push(['head', values[0]?.length ?? 0]),
      rows: (rows) => told.push(['rows', rows]),
      cancelled: () => false,
      stopped: () => {},
    };
    const table = `${RESULTS_SCHEMA}.r${++n}`;
    const outcome = await runIntoTable(duck.slot(), { sql, resultTable: table }, { progressIntervalMs: 60_000, flushIntervalMs, headRows: 100 }, cb);
    const other = await duck.instance().connect();
    const stored = Number((await other.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJS()[0]?.[0]);
    other.closeSync();
    return { told, rowCount: outcome.rowCount, stored };
  }

  it('a result that is all there within the flush interval commits once, at the end, with its head sent first', async () => {
    const { told, rowCount, stored } = await run('select * from range(10000)', 60_000);
    expect(told).toEqual([
      ['head', 100],
      ['rows', 10_000],
    ]);
    expect([rowCount, stored]).toEqual([10_000, 10_000]);
  });

  it('a head DuckDB must write as text (a LIST) is also read before any commit', async () => {
    const { told, stored } = await run('select [i, i + 1] as l from range(5000) t(i)', 60_000);
    expect(told).toEqual([
      ['head', 100],
      ['rows', 5000],
    ]);
    expect(stored).toBe(5000);
  });

  it('a result still arriving after the flush interval is committed as it goes, so pages can be read while it runs', async () => {
    const { told, stored } = await run('select * from range(10000)', 0);
    expect(told[0]).toEqual(['head', 100]);
    const reports = told.filter(([k]) => k === 'rows').map(([, r]) => r);
    expect(reports.length).toBeGreaterThan(1);
    expect(reports[0]).toBeLessThan(10_000);
    expect(reports.at(-1)).toBe(10_000);
    expect(stored).toBe(10_000);
  });

  it('an interrupted run tells `stopped` the interruption, waits before its undo, rejects with it, and leaves no table once it has', async () => {
    const table = `${RESULTS_SCHEMA}.r${++n}`;
    const told: string[] = [];
    const at: number[] = [];
    let interrupted = false;
    const run = runIntoTable(duck.slot(), { sql: 'select count(*) from range(20000000000) t(x) where x % 7 = 3', resultTable: table }, { progressIntervalMs: 10, flushIntervalMs: 60_000, headRows: 100 }, {
      progress: (p) => {
        // Once DuckDB is busy with the statement, as a person's cancel would find it.
        if (interrupted || p.elapsedMs < 100) return;
        interrupted = true;
        duck.slot().query.interrupt();
      },
      columns: () => {},
      head: () => {},
      rows: () => {},
      cancelled: () => interrupted,
      stopped: (e) => (at.push(performance.now()), told.push(`stopped: ${(e as Error).message}`)),
    }).catch((e: unknown) => (at.push(performance.now()), told.push(`rejected: ${(e as Error).message}`)));
    await run;
    expect(told, told.join('; ')).toHaveLength(2);
    // The undo waited while main stored the cancel (less a timer's rounding).
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(CANCELLED_UNDO_DELAY_MS - 1);
    expect(told[0]).toMatch(/^stopped: .*INTERRUPT/i);
    expect(told[1]).toBe(told[0]!.replace('stopped', 'rejected'));
    const other = await duck.instance().connect();
    const left = (await other.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = '${RESULTS_SCHEMA}'`)).getRowsJS()[0]?.[0];
    other.closeSync();
    expect(Number(left)).toBe(0);
  });
});
