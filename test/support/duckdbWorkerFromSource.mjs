// Test-only worker entry: runs the TypeScript DuckDB worker through tsx, so tests need no build
// (`execArgv: ['--import', 'tsx']` is not honoured by worker threads on Node 20), and adds the
// fault tests inject (workerFaults.ts), which the shipped worker does not carry.
import { setImmediate } from 'node:timers';
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport('../../src/main/query/duckdb.worker.ts', import.meta.url);
const { injectsCrash } = await tsImport('./workerFaults.ts', import.meta.url);

// Added after the worker's own listener, so no message can arrive before the worker listens.
parentPort?.on('message', (request) => {
  if (injectsCrash(request))
    setImmediate(() => {
      throw new Error('Injected worker crash');
    });
});
