import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { AppView } from '../../shared/views/appView';
import type { WorkerRequest } from '../query/workerProtocol';
import { ChartService } from './chartService';

/** A worker that never answers a chart query (so it is in flight) and records what it was sent. */
function fakePool() {
  const sent: WorkerRequest['type'][] = [];
  const cancelled: string[] = [];
  return {
    sent,
    cancelled,
    request: (r: { type: string; chartId?: string }) => {
      sent.push(r.type as WorkerRequest['type']);
      if (r.type === 'cancelChart') cancelled.push(r.chartId ?? '');
      return r.type === 'chart' ? new Promise<never>(() => undefined) : Promise.resolve(null);
    },
  };
}

const view = { sessions: { s: { history: [{ queryId: 'q1' }] } } } as unknown as AppView;
const runner = { keptResult: () => ok({ table: 'results."q1"', rows: { kind: 'kept', columns: [{ name: 'n', type: 'INTEGER' }], rowCount: 5 } }) } as never;
const request = { sessionId: 's', queryId: 'q1', spec: { mark: 'Histogram', x: 'n', aggregate: 'Count' } } as const;
const started = (queryId: string) => ({ type: 'QueryStarted', aggregateId: 's', payload: { queryId, sql: 'select 2' } }) as unknown as EventEnvelope;

describe('ChartService', () => {
  it('a query started in the session interrupts the chart in flight, on the worker too', async () => {
    const pool = fakePool();
    const charts = new ChartService(pool as never, runner, () => view);
    const pending = charts.chart(request);
    charts.onEvent(started('q2'));
    const result = await pending;
    expect(result.ok ? 'answered' : result.error.code).toBe('INTERRUPTED');
    expect(pool.sent).toEqual(['chart', 'cancelChart']);
  });

  it('a newer chart of the session replaces the older one', async () => {
    const pool = fakePool();
    const charts = new ChartService(pool as never, runner, () => view);
    const first = charts.chart(request);
    void charts.chart({ ...request, spec: { mark: 'Box', x: 'n', aggregate: 'Count' } });
    const result = await first;
    expect(result.ok ? 'answered' : result.error.code).toBe('INTERRUPTED');
    expect(pool.cancelled).toHaveLength(1);
  });

  it('refuses a result of another session and a spec naming a missing column, before any query', async () => {
    const pool = fakePool();
    const charts = new ChartService(pool as never, runner, () => view);
    const other = await charts.chart({ ...request, sessionId: 'other' });
    expect(other.ok ? 'answered' : other.error.code).toBe('RESULT_NOT_FOUND');
    const missing = await charts.chart({ ...request, spec: { mark: 'Bar', x: 'gone', aggregate: 'Count' } });
    expect(missing.ok ? 'answered' : [missing.error.code, missing.error.id.length > 0]).toEqual(['INVALID_COMMAND', true]);
    expect(pool.sent).toEqual([]);
  });

  it('linked charts have a query slot each: a newer chart in one slot leaves the other in flight', async () => {
    const pool = fakePool();
    const charts = new ChartService(pool as never, runner, () => view);
    let first: string | undefined;
    void charts.chart({ ...request, slot: 0 }).then((r) => (first = r.ok ? 'answered' : r.error.code));
    const second = charts.chart({ ...request, slot: 1 });
    const third = charts.chart({ ...request, slot: 1 });
    const replaced = await second;
    expect(replaced.ok ? 'answered' : replaced.error.code).toBe('INTERRUPTED');
    await Promise.resolve();
    expect(first).toBeUndefined();
    expect(charts.cancel('s')).toEqual({ ok: true, value: { cancelled: true } });
    await third;
    await Promise.resolve();
    expect(first).toBe('INTERRUPTED');
  });

  it('refuses a filter on a column the result does not have, before any query', async () => {
    const pool = fakePool();
    const charts = new ChartService(pool as never, runner, () => view);
    const r = await charts.chart({ ...request, slot: 1, filter: [{ column: 3, op: 'range', lo: '1', hi: '2', chart: 0 }] });
    expect(r.ok ? 'answered' : r.error.code).toBe('INVALID_COMMAND');
    expect(pool.sent).toEqual([]);
  });
});
