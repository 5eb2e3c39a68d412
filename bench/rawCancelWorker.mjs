// Worker entry for bench/rawCancelThread.ts: runs the TypeScript through tsx
// (`execArgv: ['--import', 'tsx']` is not honoured by worker threads on Node 20).
import { tsImport } from 'tsx/esm/api';

await tsImport('./rawCancelThread.ts', import.meta.url);
