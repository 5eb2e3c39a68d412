// Test-only worker entry: runs the TypeScript DuckDB worker through tsx, so tests need no build.
// (`execArgv: ['--import', 'tsx']` is not honoured by worker threads on Node 20.)
import { tsImport } from 'tsx/esm/api';

await tsImport('../../src/main/query/duckdb.worker.ts', import.meta.url);
