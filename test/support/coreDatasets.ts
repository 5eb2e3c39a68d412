import type { DatasetView } from '../../src/shared/views/appView';
import { queryEnd, startQuery } from './coreEvents';
import type { TestCore } from './testCore';

/** Adds `source` to the catalog and waits for its registration: the dataset as the view then holds it. */
export async function addDataset(core: TestCore, source: string): Promise<DatasetView> {
  const ack = await core.dispatch({ type: 'AddDataset', source });
  if (!ack.ok) throw new Error(ack.error.message);
  await core.catalog.idle();
  return core.projections.current.view.datasets[ack.value.aggregateId]!;
}

/** Runs `sql` in the session and reads every row of its result, page by page, as DuckDB's text (null for NULL). */
export async function resultRows(core: TestCore, sessionId: string, sql: string): Promise<(string | null)[][]> {
  const queryId = await startQuery(core, sessionId, sql);
  const end = await queryEnd(core, sessionId, queryId);
  if (end.type !== 'QueryCompleted') throw new Error(`${end.type}: ${JSON.stringify(end.payload)}`);
  const out: (string | null)[][] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await core.runner.fetchPage(queryId, offset, 1000);
    if (!page.ok) throw new Error(page.error.message);
    const cols = page.value.values;
    out.push(...Array.from({ length: cols[0]?.length ?? 0 }, (_, r) => cols.map((c) => c[r] ?? null)));
    if (offset + 1000 >= page.value.totalRows) return out;
  }
}
