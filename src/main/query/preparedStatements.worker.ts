import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBResultReader } from '@duckdb/node-api';

/** How many statements a connection keeps: the last few views' reads, each with other values each time. */
export const KEPT = 16;

/**
 * A connection's prepared statements, kept by SQL text, for reads that come again with other
 * values: a filter typed into a column, a count of the same view. node-api's `run(sql, values)`
 * extracts and prepares the SQL on every call, two trips to a libuv thread and DuckDB's planner
 * before the read itself (a 100-row filtered read of flights-3m: ~1.15 ms bound to a kept
 * statement against ~1.6 ms prepared afresh). A statement is taken out while it runs, because
 * `bind` rewrites the values of a call that has not started yet: a second caller of the same SQL
 * meanwhile prepares its own, and the one returned last is destroyed. DuckDB binds a kept
 * statement again when the tables it reads change; one that fails is destroyed, not kept.
 */
export class PreparedStatements {
  /** Idle statements, least recently used first (a Map keeps insertion order). */
  private readonly idle = new Map<string, DuckDBPreparedStatement>();

  constructor(private readonly connection: DuckDBConnection) {}

  /**
   * Runs `sql` with `values` bound (as VARCHAR, like `run(sql, values)`) and reads every row, on a
   * kept statement when there is one. SQL without values runs as it is: nothing to bind again.
   */
  async readAll(sql: string, values?: readonly string[]): Promise<DuckDBResultReader> {
    if (!values) return this.connection.runAndReadAll(sql);
    const kept = this.idle.get(sql);
    if (kept) this.idle.delete(sql);
    const statement = kept ?? (await this.connection.prepare(sql));
    let reader: DuckDBResultReader;
    try {
      statement.bind([...values]);
      reader = await statement.runAndReadAll();
    } catch (e) {
      statement.destroySync();
      throw e;
    }
    this.keep(sql, statement);
    return reader;
  }

  /** How many statements are kept (closing the connection destroys them: node-api tracks what it prepared). */
  get size(): number {
    return this.idle.size;
  }

  private keep(sql: string, statement: DuckDBPreparedStatement): void {
    if (this.idle.has(sql)) return statement.destroySync();
    this.idle.set(sql, statement);
    if (this.idle.size <= KEPT) return;
    const [oldest, evicted] = this.idle.entries().next().value!;
    this.idle.delete(oldest);
    evicted.destroySync();
  }
}
