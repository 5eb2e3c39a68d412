// Worker entry for bench/replayClient.ts: runs the TypeScript through tsx
// (`execArgv: ['--import', 'tsx']` is not honoured by worker threads on Node 20).
import { tsImport } from 'tsx/esm/api';

await tsImport('./replayClient.ts', import.meta.url);
