import { existsSync, statSync } from 'node:fs';
import { toAppError } from '../../shared/contracts/errors';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { literal, RESULTS_SCHEMA } from './sql';
import type { QueryWorker } from './queryWorker';

/**
 * The results kept on disk, as tables in DuckDB's `sextant_results` schema. Bounded: when the
 * database uses more than the budget, the oldest results are dropped (never the newest one) and
 * DuckDB checkpoints to reuse their blocks; a dropped result re-runs when someone pages it again.
 */
export class ResultCache {
  /** Completed results, oldest first (insertion order of a Map). */
  private readonly completed = new Map<string, string>();
  private enforcing: Promise<string[]> = Promise.resolve([]);

  constructor(
    private readonly queryWorker: QueryWorker,
    private readonly log: Logger,
    private readonly budgetBytes: number | undefined,
    /** DuckDB's write-ahead log: committed rows sit there until the next checkpoint. */
    private readonly walPath: string | undefined,
  ) {}

  noteCompleted(queryId: string, table: string): void {
    this.completed.delete(queryId);
    this.completed.set(queryId, table);
  }

  /** Qualified names of the result tables that exist. */
  async existingTables(): Promise<Set<string>> {
    const rows = await this.queryWorker.request({
      type: 'read',
      sql: `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${literal(RESULTS_SCHEMA)}`,
    });
    return new Set(rows.map((r) => `${RESULTS_SCHEMA}.${quoteIdent(String(r['table_name']))}`));
  }

  async dropAllBut(existing: ReadonlySet<string>, keep: ReadonlySet<string>): Promise<void> {
    for (const table of existing) if (!keep.has(table)) await this.drop(table);
  }

  async drop(table: string): Promise<void> {
    await this.queryWorker.request({ type: 'exec', sql: `DROP TABLE IF EXISTS ${table}` }).catch((e: unknown) => {
      const error = toAppError(e, newErrorId());
      this.log.warn({ errorId: error.id, table }, `could not drop a result table: ${error.message}`);
    });
  }

  /** Bytes the database's blocks and its write-ahead log hold (results dominate both). */
  async usedBytes(): Promise<number> {
    const rows = await this.queryWorker.request({
      type: 'read',
      sql: 'SELECT used_blocks * block_size AS bytes FROM pragma_database_size() WHERE database_name = current_database()',
    });
    const wal = this.walPath && existsSync(this.walPath) ? statSync(this.walPath).size : 0;
    return Number(rows[0]?.['bytes'] ?? 0) + wal;
  }

  /** Drops the oldest results until the database fits the budget. Resolves with the query ids dropped. Runs one at a time. */
  enforce(): Promise<string[]> {
    this.enforcing = this.enforcing.then(() => this.evict()).catch((e: unknown) => {
      const error = toAppError(e, newErrorId());
      this.log.warn({ errorId: error.id }, `result cache not trimmed: ${error.message}`);
      return [];
    });
    return this.enforcing;
  }

  private async evict(): Promise<string[]> {
    const budget = this.budgetBytes;
    if (budget === undefined) return [];
    const evicted: string[] = [];
    while (this.completed.size > 1 && (await this.usedBytes()) > budget) {
      const [queryId, table] = this.completed.entries().next().value as [string, string];
      this.completed.delete(queryId);
      await this.drop(table);
      // Frees the dropped blocks for reuse; refused while another query writes, which only delays it.
      await this.queryWorker.request({ type: 'exec', sql: 'CHECKPOINT' }).catch(() => undefined);
      evicted.push(queryId);
      this.log.info({ queryId, budget }, 'result dropped from the cache (over budget); it re-runs on demand');
    }
    return evicted;
  }
}
