/**
 * A raw DuckDB on a worker thread of its own, laid out as the app must be (DuckDB off main, one
 * thread owning the instance): main posts `run` and `cancel`; the thread says `began`, then
 * `stopped` once DuckDB's promise has settled. Started through rawCancelWorker.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { DuckDBInstance } from '@duckdb/node-api';
import { streamAll } from './rawStream';

export type RawCancelMessage = { type: 'run'; sql: string } | { type: 'cancel' | 'close' };

const port = parentPort;
if (!port) throw new Error('rawCancelThread must run in a worker thread');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const stopped = (): void => port.postMessage({ type: 'stopped' });

port.on('message', (message: RawCancelMessage) => {
  switch (message.type) {
    case 'run':
      void streamAll(connection, message.sql).then(stopped, stopped);
      return port.postMessage({ type: 'began' });
    case 'cancel':
      return connection.interrupt();
    case 'close':
      connection.closeSync();
      instance.closeSync();
      return port.close();
  }
});
port.postMessage({ type: 'ready' });
