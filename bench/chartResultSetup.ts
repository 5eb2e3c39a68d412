import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { openSessions } from '../src/shared/views/appView';
import { queryEnd, startQuery } from '../test/support/coreEvents';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore, tempDir, type TestCore } from '../test/support/testCore';

/** What a chart bench compares: the app holding a complete result, and raw DuckDB holding the same rows. */
export interface ChartResult {
  readonly core: TestCore;
  /** The wire protocol over the in-process transport, as the renderer asks. */
  readonly conn: ProtocolClient;
  readonly sessionId: string;
  readonly queryId: string;
  /** Raw @duckdb/node-api, with the same rows in a table of its own. */
  readonly raw: DuckDBConnection;
  /** How long the app took to complete the result (not part of any sample). */
  readonly resultMs: number;
  /** When the bench began, setup included (for its bench_s note). */
  readonly startedAt: number;
}

/**
 * Runs `sql` to a complete result in a fresh core and copies the same rows into `table` of a raw
 * DuckDB in memory, hands both to `bench`, and closes everything after, whatever happens.
 */
export async function withChartResult<T>(setup: { readonly dirPrefix: string; readonly sql: string; readonly table: string; readonly what: string }, bench: (r: ChartResult) => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  const dir = tempDir(setup.dirPrefix);
  const core = await startTestCore(dir.path, { samples: [], memoryLimit: undefined });
  const instance = await DuckDBInstance.create(':memory:');
  const raw = await instance.connect();
  const conn = new ProtocolClient((channel) => core.connect(channel));
  try {
    await core.dispatch({ type: 'OpenSession' });
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const t = performance.now();
    const queryId = await startQuery(core, sessionId, setup.sql);
    const end = await queryEnd(core, sessionId, queryId, 120_000);
    if (end.type !== 'QueryCompleted') throw new Error(`the ${setup.what} query did not complete: ${end.type}`);
    const resultMs = performance.now() - t;
    await raw.run(`CREATE TABLE ${setup.table} AS ${setup.sql}`);
    return await bench({ core, conn, sessionId, queryId, raw, resultMs, startedAt });
  } finally {
    conn.transport.drop();
    raw.closeSync();
    instance.closeSync();
    await core.close();
    dir.remove();
  }
}
