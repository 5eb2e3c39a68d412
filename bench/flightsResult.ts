/**
 * What the explore benches start from: a core on flights-3m with one completed result, a client
 * connected through the wire protocol over an in-process transport and subscribed to the session,
 * and raw @duckdb/node-api holding a table `t` of the same rows in a database file (the baseline).
 */
import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { openSessions } from '../src/shared/views/appView';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore, tempDir } from '../test/support/testCore';

export const FLIGHTS_3M = resolve('node_modules/vega-datasets/data/flights-3m.parquet');

export interface FlightsResult {
  readonly sessionId: string;
  readonly queryId: string;
  /** One request of the wire protocol; throws on a refusal, with its code. */
  request<T>(req: unknown): Promise<T>;
  /** Raw DuckDB with the same rows as the result in table `t`. */
  readonly raw: DuckDBConnection;
  close(): Promise<void>;
}

/** `select *<extra> from flights_3m` completed in the app, and `t` with the same rows in raw DuckDB. */
export async function flightsResult(prefix: string, extraColumns = ''): Promise<FlightsResult> {
  const dir = tempDir(prefix);
  const core = await startTestCore(dir.path, { samples: [FLIGHTS_3M], memoryLimit: undefined });
  await core.catalog.idle();
  const conn = new ProtocolClient((channel) => core.connect(channel));
  const sessionId = openSessions(core.projections.current.view)[0]!.id;
  await conn.request({ method: 'subscribe', subscriptionId: 's', pattern: `session/${sessionId}` });
  const request = async <T>(req: unknown): Promise<T> => {
    const r = (await conn.request(req)) as { ok: boolean; value: T; error?: { message: string; code?: string } };
    if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
    return r.value;
  };
  const sql = `select *${extraColumns} from flights_3m`;
  const { queryId } = await request<{ queryId: string }>({ method: 'dispatch', command: { type: 'StartQuery', sessionId, sql } });
  const done = () => core.projections.current.view.sessions[sessionId]?.history.find((h) => h.queryId === queryId)?.phase === 'Completed';
  while (!done()) await new Promise((r) => setTimeout(r, 20));

  const instance = await DuckDBInstance.create(`${dir.path}/raw.duckdb`);
  const raw = await instance.connect();
  await raw.run(`CREATE TABLE t AS SELECT *${extraColumns} FROM read_parquet('${FLIGHTS_3M}')`);
  return {
    sessionId,
    queryId,
    request,
    raw,
    async close() {
      raw.closeSync();
      instance.closeSync();
      conn.transport.drop();
      await core.close();
      dir.remove();
    },
  };
}

/** Milliseconds `fn` took, and what it gave. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}
