// A raw DuckDB on a worker thread of its own, laid out as the app must be (DuckDB off main, one
// thread owning the instance): main posts `run` and `cancel`; the thread says `began`, then
// `stopped` once DuckDB's promise has settled. Plain JS: worker threads on Node 20 do not honour
// `--import tsx` (see replayClientWorker.mjs).
import { parentPort } from 'node:worker_threads';
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const stopped = () => parentPort.postMessage({ type: 'stopped' });

/** As the app's worker runs a statement, and as query.cancel.bench.ts's `streamAll` does: prepared, then streamed. */
async function streamAll(sql) {
  const statement = await connection.prepare(sql);
  try {
    const result = await statement.stream();
    while (await result.fetchChunk()) {
      // DuckDB computing the rows is the point, not the rows
    }
  } finally {
    statement.destroySync();
  }
}

parentPort.on('message', (message) => {
  switch (message.type) {
    case 'run':
      void streamAll(message.sql).then(stopped, stopped);
      return parentPort.postMessage({ type: 'began' });
    case 'cancel':
      return connection.interrupt();
    case 'close':
      connection.closeSync();
      instance.closeSync();
      return parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
