import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** The name DuckDB gives Sextant's own database (after its file): dataset views live in its `main` schema. */
export const WORKSPACE_DATABASE = 'workspace';

/**
 * DuckDB's file. DuckDB names a database after its file, and the `sextant` history schema
 * (docs/share.md) needs that name free: a database called `sextant` would make `sextant.queries`
 * ambiguous. So the file is `workspace.duckdb`; one written by an earlier build as
 * `sextant.duckdb` (with its WAL) is renamed once, keeping its results and dataset views.
 */
export function duckdbFile(dataDir: string): string {
  const dir = join(dataDir, 'duckdb');
  const file = join(dir, `${WORKSPACE_DATABASE}.duckdb`);
  const earlier = join(dir, 'sextant.duckdb');
  if (!existsSync(file) && existsSync(earlier)) {
    renameSync(earlier, file);
    if (existsSync(`${earlier}.wal`)) renameSync(`${earlier}.wal`, `${file}.wal`);
  }
  return file;
}
