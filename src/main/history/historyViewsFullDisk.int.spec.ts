import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { smallDisk } from '../../../test/support/smallDisk';
import { HISTORY_SCHEMA, openHistoryStore } from './historyStore.worker';

/** Writes `file` until the disk refuses (ENOSPC): the disk is then full to the last byte. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

const noRows = { reset: false, events: [], queries: [], sessions: [], datasets: [] };

describe('the history views on a full disk (a real 16 MiB tmpfs)', () => {
  const undo: (() => void)[] = [];
  afterEach(() => {
    for (const u of undo.splice(0).reverse()) u();
  });

  it('DuckDB starts without them, none is left writable, and the first batch after space is freed makes them', async (t) => {
    const disk = smallDisk('16m');
    if (!disk) return t.skip();
    undo.push(() => disk.undo());
    const dbPath = join(disk.dir, 'workspace.duckdb');
    const instance = await DuckDBInstance.create(dbPath);
    const conn = await instance.connect();
    undo.push(() => {
      conn.closeSync();
      instance.closeSync();
    });
    await conn.run('CHECKPOINT');
    fillDisk(join(disk.dir, 'filler'));

    const history = await openHistoryStore(instance, dbPath);
    const attached = async (): Promise<unknown[][]> =>
      (await conn.runAndReadAll(`SELECT readonly FROM duckdb_databases() WHERE database_name = '${HISTORY_SCHEMA}'`)).getRowsJS();
    // Not there at all (never there writable): a query on them says so.
    expect(await attached()).toEqual([]);
    await expect(conn.run(`SELECT * FROM ${HISTORY_SCHEMA}.queries`)).rejects.toThrow(/Catalog Error/);
    // While the disk is still full, a batch is applied all the same.
    await expect(history.apply(noRows)).resolves.toBeNull();

    rmSync(join(disk.dir, 'filler'));
    await history.apply(noRows);
    expect(await attached()).toEqual([[true]]);
    expect((await conn.runAndReadAll(`SELECT count(*) FROM ${HISTORY_SCHEMA}.queries`)).getRowsJS()).toEqual([[0n]]);
    await expect(conn.run(`CREATE TABLE ${HISTORY_SCHEMA}.mine (x INTEGER)`)).rejects.toThrow(/read-only/);
  });
});
