/**
 * What the unit project loads instead of a native binding (vitest.config.ts): a *.unit.spec.ts is
 * pure, and this is how one that reaches SQLite or DuckDB through what it imports finds out.
 */
throw new Error('A *.unit.spec.ts loaded better-sqlite3 or @duckdb/node-api (perhaps through a module it imports): name it *.int.spec.ts, or import less.');
