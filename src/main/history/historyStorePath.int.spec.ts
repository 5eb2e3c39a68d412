import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppErrorException } from '../../shared/contracts/errors';
import { useRunSlot } from '../../../test/support/useRunSlot';
import { runIntoTable, type RunCallbacks } from '../query/resultWriter.worker';
import { RESULTS_SCHEMA } from '../query/sql';
import { refuseHistoryWrites } from './historyGuard.worker';
import { HISTORY_STORE } from './historyStore.worker';

const cb: RunCallbacks = { progress: () => {}, columns: () => {}, head: () => {}, rows: () => {}, cancelled: () => false, stopped: () => {} };
const timing = { progressIntervalMs: 60_000, flushIntervalMs: 60_000, headRows: 100 };

/**
 * The history guard's second half, on a run's own slot: after a statement that leads the
 * connection to the store, the run is refused before its next statement (historyGuard.worker.ts).
 * The store here is what the worker attaches: an in-memory database of that name with a `queries`.
 */
describe('a run’s connection and the history store’s path', () => {
  const duck = useRunSlot();
  let n = 0;
  /** As the worker runs a person's SQL: the guard on a connection of its own, then the run. */
  const run = async (sql: string) => {
    const guard = await duck.instance().connect();
    try {
      await refuseHistoryWrites(guard, sql);
    } finally {
      guard.closeSync();
    }
    return runIntoTable(duck.slot(), { sql, resultTable: `${RESULTS_SCHEMA}.r${++n}` }, timing, cb);
  };
  const storeRows = async (): Promise<number> => {
    const reader = await duck.instance().connect();
    try {
      return Number((await reader.runAndReadAll(`SELECT count(*) FROM ${HISTORY_STORE}.queries`)).getRowsJS()[0]?.[0]);
    } finally {
      reader.closeSync();
    }
  };
  beforeEach(async () => {
    await duck.slot().writer.run(`ATTACH ':memory:' AS ${HISTORY_STORE}; CREATE TABLE ${HISTORY_STORE}.queries (sql VARCHAR)`);
  });

  // Each way a string, or a value built at run time, can make the store the connection's default:
  // the guard no longer reads strings, so each must be caught by asking the connection.
  it.each([
    ["set search_path = 'sextant_history_store.main'"],
    ["SET SESSION search_path = 'temp.main,Sextant_History_Store.main'"],
    ["set schema = 'sextant_history_store'"],
    ["use 'sextant_history_store'"],
    ["pragma search_path = 'sextant_history_store.main'"],
    // an EXPLAIN that sets: the statement's type says EXPLAIN, not SET
    ["explain analyze set search_path = concat('sextant_history', '_store.main')"],
    ["set variable p = 'sextant_history' || '_store.main'; set search_path = getvariable('p')"],
  ])('given %s, when an unqualified write follows, then the run is refused before it and the store is untouched', async (toStore) => {
    await run('create table mine (x integer)');
    const refused = await run(`${toStore}; insert into queries values ('forged'); insert into mine values (1)`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused instanceof AppErrorException && refused.error.code).toBe('HISTORY_READ_ONLY');
    expect(await storeRows()).toBe(0);
    // Reset as it was refused: the next run's unqualified name is the person's own again.
    await expect(run("insert into mine values (2); select count(*) from mine")).resolves.toMatchObject({ rowCount: 1 });
    const where = (await duck.slot().query.runAndReadAll('SELECT current_database() AS db')).getRowObjectsJS()[0]?.['db'];
    expect(where).toBe('memory');
  });

  it('given a string that names the store in a write of the person’s own, when it runs, then it is written (no false refusal)', async () => {
    await run('create table notes (t varchar)');
    await run("insert into notes values ('see sextant_history_store'); update notes set t = t || ', not sextant_history_store.main' where t like '%sextant_history_store%'");
    const t = (await duck.slot().query.runAndReadAll('SELECT t FROM notes')).getRowsJS();
    expect(t).toEqual([['see sextant_history_store, not sextant_history_store.main']]);
  });

  it('given a script of 1,000 INSERTs and one SET, when it runs, then the connection is asked where it leads after the SET only', async () => {
    const inserts = (from: number) => Array.from({ length: 500 }, (_, i) => `insert into t values (${from + i})`);
    const script = ['create table t (i integer)', ...inserts(0), 'set threads = 2', ...inserts(500), 'select count(*) from t'].join(';\n');
    const asked = vi.spyOn(duck.slot().query, 'runAndReadAll');
    try {
      const outcome = await run(script);
      expect(outcome.rowCount).toBe(1);
      expect(asked.mock.calls.filter(([sql]) => sql.includes('current_database()')).length).toBe(1);
    } finally {
      asked.mockRestore();
    }
  });

  it('given runs of queries alone, when they run, then the connection is never asked: no round trip before the first page', async () => {
    const asked = vi.spyOn(duck.slot().query, 'runAndReadAll');
    try {
      await run('select 1');
      await run('select 42 as answer; select 2');
      expect(asked.mock.calls.filter(([sql]) => sql.includes('current_database()'))).toEqual([]);
    } finally {
      asked.mockRestore();
    }
  });

  it('given a run cut off while the connection was asked where its SET led, when the next run writes an unqualified name, then it starts off the store and writes the person’s table', async () => {
    await run('create table queries (sql varchar)');
    const asking = vi.spyOn(duck.slot().query, 'runAndReadAll').mockRejectedValueOnce(new Error('INTERRUPT Error: Interrupted!'));
    try {
      await expect(run("set search_path = 'sextant_history_store.main'; select 1")).rejects.toThrow(/Interrupted/);
    } finally {
      asking.mockRestore();
    }
    await run("insert into queries values ('mine')");
    expect(await storeRows()).toBe(0);
    const mine = (await duck.slot().query.runAndReadAll('SELECT count(*) FROM memory.main.queries')).getRowsJS()[0]?.[0];
    expect(Number(mine)).toBe(1);
  });
});
