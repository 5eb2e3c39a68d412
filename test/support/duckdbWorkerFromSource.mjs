// Test-only worker entry for runs without vitest's global setup (the bench; the held worker of
// startup.int.spec.ts): the test worker (duckdbTestWorker.ts) through tsx, so they need no build
// (`execArgv: ['--import', 'tsx']` is not honoured by worker threads on Node 20).
import { tsImport } from 'tsx/esm/api';

await tsImport('./duckdbTestWorker.ts', import.meta.url);
