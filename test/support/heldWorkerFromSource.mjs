// Test-only worker entry: a DuckDB worker thread that is slow to start, deterministically. It says
// it is waiting, then loads the worker (duckdbWorkerFromSource.mjs) only once the test lets it go
// (heldWorker.ts). Messages main posts meanwhile wait in the thread's port, as they do while any
// worker loads.
import { BroadcastChannel, workerData } from 'node:worker_threads';

const channel = new BroadcastChannel(`sextant-test-held-worker:${workerData.dbPath}`);
await new Promise((resolve) => {
  channel.onmessage = (event) => event.data === 'go' && resolve(undefined);
  channel.postMessage('waiting');
});
channel.close();
await import('./duckdbWorkerFromSource.mjs');
