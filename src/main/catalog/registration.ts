/** What a registration records and avoids, apart from the catalog service that registers (catalogService.ts). */
import type { DatasetTable } from '../../shared/contracts/events';

/**
 * Names DuckDB keeps for itself, which an attached database cannot take (`workspace` is Sextant's
 * own DuckDB file, `sextant` and `sextant_history_store` the history: docs/share.md).
 */
export const RESERVED = ['main', 'temp', 'system', 'memory', 'sextant', 'sextant_history_store', 'workspace', 'information_schema', 'pg_catalog'];

/** A database file's table as an event holds it: its own copy, its schema only outside main, a view marked, and why one cannot be read. */
export const copyTable = (t: DatasetTable): DatasetTable => ({
  name: t.name,
  ...(t.schema === undefined ? {} : { schema: t.schema }),
  columns: [...t.columns],
  ...(t.kind === undefined ? {} : { kind: t.kind }),
  ...(t.unreadable === undefined ? {} : { unreadable: t.unreadable }),
});
