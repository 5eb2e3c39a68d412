import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkerRequest } from './workerProtocol';
import { useTestSession } from '../../../test/support/useTestSession';

const WEATHER = resolve('node_modules/vega-datasets/data/seattle-weather.csv');

/**
 * A query's inputs are parsed on the DuckDB worker once its first rows are out, not beside its
 * start, where the parse took the worker's turn from the run before the first page. What the
 * completion records is unchanged: the datasets of the view the query started in.
 */
describe('a query’s inputs are read after its first rows (real core, real DuckDB)', () => {
  const { core, run } = useTestSession('all', { samples: [WEATHER] });

  it('asks the worker to parse only once the rows-ready frame is out, and records the inputs', async () => {
    await core().catalog.idle();
    const order: string[] = [];
    const worker = core().queryWorker;
    const request = worker.request.bind(worker);
    worker.request = ((r: WorkerRequest & { type: string }) => {
      if (r.type === 'parseTree') order.push('parse');
      return request(r as never);
    }) as typeof worker.request;
    const unsubscribe = core().bus.subscribe((m) => {
      if (m.kind === 'progress' && m.progress.kind === 'query' && (m.progress.rowsAvailable ?? 0) > 0 && !order.includes('rows')) order.push('rows');
    });
    try {
      const { end } = await run('select weather, count(*) as days from seattle_weather group by weather');
      expect(order).toEqual(['rows', 'parse']);
      expect(end.type).toBe('QueryCompleted');
      if (end.type !== 'QueryCompleted') return;
      expect(end.payload.inputs?.map((i) => i.name)).toEqual(['seattle_weather']);
    } finally {
      unsubscribe();
      worker.request = request;
    }
  });

  it('still records the inputs of a query that fails before any row', async () => {
    const { end } = await run('select cast(weather as integer) from seattle_weather');
    expect(end.type).toBe('QueryFailed');
    if (end.type !== 'QueryFailed') return;
    expect(end.payload.inputs?.map((i) => i.name)).toEqual(['seattle_weather']);
  });
});
