/**
 * One side of query.memory_3m, in a process of its own: prints the growth of this process's RSS
 * (MB) while the 3-million-row flights result is open.
 *   raw: raw DuckDB writes the result to a table in a database file and reads 200 pages of it as
 *        text by rowid range: the app's work without the app.
 *   js-rows: raw node-api materialises the rows as JS values (what a naive app does).
 *   app: the app runs `select * from flights_3m` and pages through the result at random offsets.
 */
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openSessions } from '../src/shared/views/appView';
import { queryEnd, startQuery } from '../test/support/coreEvents';
import { startTestCore, tempDir } from '../test/support/testCore';

const FLIGHTS = resolve('node_modules/vega-datasets/data/flights-3m.parquet');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const settle = async (): Promise<number> => {
  gc();
  await new Promise((r) => setTimeout(r, 200));
  return process.memoryUsage().rss;
};

const side = process.argv[2];
let growth: number;
if (side === 'raw') {
  const dir = tempDir('sextant-bench-mem-');
  const instance = await DuckDBInstance.create(`${dir.path}/raw.duckdb`);
  const c = await instance.connect();
  await (await c.runAndReadAll('select 1')).getRowsJS();
  const base = await settle();
  peak = base;
  await c.run(`CREATE TABLE t AS select * from read_parquet('${FLIGHTS}')`);
  const asText = (await c.runAndReadAll('SELECT * FROM t LIMIT 0')).columnNames().map((n) => `"${n}"::VARCHAR`).join(', ');
  for (let i = 0; i < 200; i++) {
    const k = Math.floor(Math.random() * 2_999_900);
    JSON.stringify((await c.runAndReadAll(`SELECT ${asText} FROM t WHERE rowid >= ${k} AND rowid < ${k + 100} ORDER BY rowid`)).getColumnsJS());
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  growth = peak - base;
  c.closeSync();
  instance.closeSync();
  dir.remove();
} else if (side === 'js-rows') {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await (await c.runAndReadAll('select 1')).getRowsJS();
  const base = await settle();
  peak = base;
  const rows = (await c.runAndReadAll(`select * from read_parquet('${FLIGHTS}')`)).getRowsJS();
  peak = Math.max(peak, process.memoryUsage().rss);
  growth = peak - base;
  if (rows.length !== 3_000_000) throw new Error(`expected 3M rows, got ${rows.length}`);
} else {
  const dir = tempDir('sextant-bench-mem-');
  const core = await startTestCore(dir.path, { samples: [FLIGHTS], memoryLimit: undefined });
  await core.catalog.idle();
  const sessionId = openSessions(core.projections.current.view)[0]!.id;
  const base = await settle();
  peak = base;
  const queryId = await startQuery(core, sessionId, 'select * from flights_3m');
  await queryEnd(core, sessionId, queryId, 300_000);
  for (let i = 0; i < 200; i++) {
    const page = await core.runner.fetchPage(queryId, Math.floor(Math.random() * 2_999_900), 100);
    if (!page.ok) throw new Error(page.error.message);
    JSON.stringify(page.value);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  growth = peak - base;
  await core.close();
  dir.remove();
}
clearInterval(sampler);
process.stdout.write(`${(growth / 2 ** 20).toFixed(1)}\n`);
process.exit(0);
