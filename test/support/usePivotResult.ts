import { beforeAll } from 'vitest';
import { PivotService } from '../../src/main/pivot/pivotService';
import type { Column } from '../../src/shared/contracts/events';
import type { PivotPage } from '../../src/shared/pivot/pivotPage';
import { useTestSession } from './useTestSession';

/** A pivot page's rows, row-major (pages are column-major on the wire). */
export const pivotRows = (p: PivotPage): (string | null)[][] => Array.from({ length: p.values[0]?.length ?? 0 }, (_, r) => p.values.map((c) => c[r] ?? null));

/**
 * What a pivot spec against raw DuckDB starts from: a real core's session that has run `sql`, and a
 * PivotService over it. `result` is filled in before the first test.
 */
export function usePivotResult(sql: string) {
  const app = useTestSession('all');
  const result = { pivots: undefined as unknown as PivotService, queryId: '', columns: [] as readonly Column[] };
  beforeAll(async () => {
    const core = app.core();
    result.pivots = new PivotService(core.queryWorker, core.runner, () => core.projections.current.view);
    const ran = await app.run(sql);
    result.queryId = ran.queryId;
    result.columns = ran.end.type === 'QueryCompleted' ? ran.end.payload.columns : [];
  });
  return { app, result };
}
