// Test-only worker entry: the DuckDB worker plus the fault tests inject (workerFaults.ts), which the
// shipped worker does not carry. Vitest's global setup bundles it once a run (bundleTestWorker.ts).
import { setImmediate } from 'node:timers';
import { parentPort } from 'node:worker_threads';
import '../../src/main/query/duckdb.worker';
import { hangIfInjected, injectsCrash } from './workerFaults';

// Added after the worker's own listener, so no message can arrive before the worker listens.
parentPort?.on('message', (request) => {
  if (injectsCrash(request))
    setImmediate(() => {
      throw new Error('Injected worker crash');
    });
  // Blocks the thread's event loop right here, as a stuck loop would.
  hangIfInjected(request);
});
