import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/contracts/errors';
import { workerFromSource } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { QueryWorker } from './queryWorker';
import { RESULTS_SCHEMA } from './sql';

const noHooks = { onBegan: () => {}, onProgress: () => {}, onColumns: () => {}, onHead: () => {}, onRows: () => {} };

/**
 * Runs are independent, whichever session's they are: a run's connections are reused by the next
 * run (any tab's) only if nothing it ran can have left state on them (connectionState.worker.ts).
 */
describe('what a run leaves on its connection (real worker thread, real DuckDB)', () => {
  const dir = useTempDataDir<QueryWorker>();
  let n = 0;

  function worker(): QueryWorker {
    return dir.keep(
      new QueryWorker({
        ...workerFromSource,
        log: pino({ level: 'silent' }),
        config: { dbPath: join(dir.path(), 'w.duckdb'), protectedDir: dir.path(), duckdb: { memory_limit: '1GB' }, progressIntervalMs: 200, flushIntervalMs: 250 },
      }),
    );
  }
  /** One run, one after another as a person's would be; what its first cell reads as, or its error. */
  async function run(w: QueryWorker, sql: string): Promise<string> {
    const table = `${RESULTS_SCHEMA}.r${++n}`;
    try {
      const outcome = await w.run(sql, table, noHooks).done;
      if (!outcome.hasTable) return 'ran';
      const [row] = await w.request({ type: 'read', sql: `select c0::varchar as v from ${table}` });
      return String(row?.['v']);
    } catch (e) {
      return `failed: ${(e as AppError).message}`;
    }
  }

  it('given a BEGIN in one run and a statement that aborts its transaction, then the next runs (another tab’s) still run', async () => {
    const w = worker();
    expect(await run(w, 'begin; select 1 as x')).toBe('1');
    expect(await run(w, "select 'n/a'::integer")).toMatch(/^failed: Conversion Error/);
    expect(await run(w, 'select 42 as answer')).toBe('42');
  });

  it('given a BEGIN and an INSERT left uncommitted, then the run’s end rolls it back: the next run does not see it', async () => {
    const w = worker();
    expect(await run(w, 'create table ledger (v integer)')).toBe('ran');
    expect(await run(w, 'begin; insert into ledger values (1)')).toBe('1');
    expect(await run(w, 'select count(*) from ledger')).toBe('0');
  });

  it('given a SET or a TEMP table, then the next run starts without it', async () => {
    const w = worker();
    expect(await run(w, "set TimeZone = 'Asia/Tokyo'; select current_setting('TimeZone')")).toBe('Asia/Tokyo');
    expect(await run(w, "select current_setting('TimeZone')")).not.toBe('Asia/Tokyo');
    expect(await run(w, 'create temp table scratch as select 7 as v; select v from scratch')).toBe('7');
    expect(await run(w, 'select v from scratch')).toMatch(/^failed: Catalog Error: Table with name scratch does not exist/);
  });

  it('given a table created in the database, then every later run sees it: only the connection’s own state is dropped', async () => {
    const w = worker();
    expect(await run(w, 'create table kept as select 5 as v')).toBe('ran');
    expect(await run(w, 'select v from kept')).toBe('5');
  });
});
