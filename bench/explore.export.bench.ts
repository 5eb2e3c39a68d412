/**
 * Export benchmarks: writing the completed flights-3m result to a file, at the client (the wire
 * protocol over an in-process transport: `startExport` → `exportOutcome`'s response, which comes
 * after the file is renamed into place and ResultExported is stored) vs DuckDB's bare `COPY` of
 * the same rows (same SELECT: rowid order, the person's column names) from the same kept table to
 * the same format. The baseline runs on the app's own DuckDB instance (one instance owns the
 * database file), straight on a connection: no temp file, rename, progress, event or protocol.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolve } from 'node:path';
import type { ExportFormat } from '../src/shared/explore/exportFormat';
import { openSessions } from '../src/shared/views/appView';
import { exportSql } from '../src/main/explore/exportSql';
import { resultTableName } from '../src/main/query/sql';
import { queryEnd } from '../test/support/coreEvents';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore, tempDir } from '../test/support/testCore';
import { alternateSamples, fromSamples, type Bench } from './harness';

const FLIGHTS = resolve('node_modules/vega-datasets/data/flights-3m.parquet');
const SAMPLES = 7;

async function exportBench(name: string, format: ExportFormat): Promise<ReturnType<typeof fromSamples>> {
  const dir = tempDir('sextant-bench-export-');
  const core = await startTestCore(dir.path, { samples: [FLIGHTS], memoryLimit: undefined });
  const conn = new ProtocolClient((channel) => core.connect(channel));
  try {
    await core.catalog.idle();
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const request = async <T>(r: unknown): Promise<T> => {
      const result = (await conn.request(r)) as { ok: boolean; value: T; error?: { message: string } };
      if (!result.ok) throw new Error(result.error?.message);
      return result.value;
    };
    const { queryId } = await request<{ queryId: string }>({ method: 'dispatch', command: { type: 'StartQuery', sessionId, sql: 'select * from flights_3m' } });
    const end = await queryEnd(core, sessionId, queryId, 120_000);
    if (end.type !== 'QueryCompleted') throw new Error(`the flights query ended with ${end.type}`);
    const columns = end.payload.columns;
    const rawPath = join(dir.path, `raw.${format}`);
    let rows = 0;
    let bytes = 0;
    const { b, s } = await alternateSamples(
      SAMPLES,
      async () => {
        rmSync(rawPath, { force: true });
        const t = performance.now();
        await core.queryWorker.request({ type: 'exec', sql: exportSql(resultTableName(queryId), columns, format, rawPath) });
        return performance.now() - t;
      },
      async () => {
        const t = performance.now();
        const { exportId } = await request<{ exportId: string }>({ method: 'startExport', sessionId, queryId, format, target: { kind: 'download' } });
        const outcome = await request<{ rows: number; bytes: number }>({ method: 'exportOutcome', exportId });
        const elapsed = performance.now() - t;
        ({ rows, bytes } = outcome);
        await core.downloads.discard(exportId);
        return elapsed;
      },
      1,
    );
    if (rows !== 3_000_000) throw new Error(`the export wrote ${rows} rows, not 3,000,000`);
    return fromSamples(name, 'ms', s, b, { rows, bytes, rawBytes: statSync(rawPath).size });
  } finally {
    conn.transport.drop();
    await core.close();
    dir.remove();
  }
}

export const benches: Bench[] = [
  {
    name: 'explore.export_parquet_3m',
    what: 'export of the completed flights-3m result as Parquet at the client (`startExport` → `exportOutcome`) vs DuckDB’s bare `COPY` of the same rows from the same kept table',
    goal: 1.1,
    run: () => exportBench('explore.export_parquet_3m', 'parquet'),
  },
  {
    name: 'explore.export_csv_3m',
    what: 'export of the completed flights-3m result as CSV at the client (`startExport` → `exportOutcome`) vs DuckDB’s bare `COPY` of the same rows from the same kept table',
    goal: 1.1,
    run: () => exportBench('explore.export_csv_3m', 'csv'),
  },
];
