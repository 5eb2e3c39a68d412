import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/testCore';

/**
 * Why QueryWorker runs one thread: two worker threads that call DuckDBInstance.fromCache on the
 * same file do not share a database. If a future @duckdb/node-api shares its instance cache across
 * threads, this test fails and the worker may grow into a pool again.
 */
const script = `
const { parentPort, workerData } = require('node:worker_threads');
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const connection = await (await DuckDBInstance.fromCache(workerData)).connect();
  parentPort.on('message', async (sql) => {
    try { parentPort.postMessage({ rows: (await connection.runAndReadAll(sql)).getRowsJS() }); }
    catch (e) { parentPort.postMessage({ error: e.message }); }
  });
  parentPort.postMessage({ ready: true });
})();`;

describe('DuckDBInstance.fromCache across worker threads', () => {
  const dir = tempDir('sextant-fromcache-');
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.terminate()));
    rmSync(dir.path, { recursive: true, force: true });
  });

  const start = async (): Promise<(sql: string) => Promise<{ rows?: unknown[][]; error?: string }>> => {
    const worker = new Worker(script, { eval: true, workerData: join(dir.path, 'shared.duckdb') });
    workers.push(worker);
    await new Promise((resolve) => worker.once('message', resolve));
    return (sql) => new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(sql);
    });
  };

  it('gives each thread its own instance: a table made in one is unknown in the other', async () => {
    const a = await start();
    const b = await start();
    expect((await a('create table t as select 42 as x')).error).toBeUndefined();
    expect((await a('select x from t')).rows).toEqual([[42]]);
    expect((await b('select x from t')).error).toMatch(/Table with name t does not exist/);
  });
});
