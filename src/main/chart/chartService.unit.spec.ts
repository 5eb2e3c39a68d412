import { describe, expect, it } from 'vitest';
import { appError, fail, ok } from '../../shared/contracts/errors';
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
const KEPT = ok({ table: 'results."q1"', rows: { kind: 'kept', columns: [{ name: 'n', type: 'INTEGER' }], rowCount: 5 } });
const runner = { keptResult: () => KEPT, progressed: new Set() } as never;
const request = { sessionId: 's', queryId: 'q1', spec: { mark: 'Histogram', x: 'n', aggregate: 'Count' } } as const;
const started = (queryId: string) => ({ type: 'QueryStarted', aggregateId: 's', payload: { queryId, sql: 'select 2' } }) as unknown as EventEnvelope;

describe('ChartService', () => {
  it('a query started in the session interrupts the chart in flight, on the worker too', async () => {
    const queryWorker = fakePool();
    const charts = new ChartService(queryWorker as never, runner, () => view);
    const pending = charts.chart(request);
    charts.onEvent(started('q2'));
    const result = await pending;
    expect(result.ok ? 'answered' : result.error.code).toBe('INTERRUPTED');
    // X's brush step and the count of rows not drawn (short reads, left to finish), then the chart's cancel
    expect(queryWorker.sent).toEqual(['chart', 'chart', 'cancelChart']);
  });

  it('two windows charting the same session have slots of their own: neither replaces nor cancels the other', async () => {
    const queryWorker = fakePool();
    const charts = new ChartService(queryWorker as never, runner, () => view);
    const [windowA, windowB] = [{}, {}];
    let a: string | undefined;
    void charts.chart(request, windowA).then((r) => (a = r.ok ? 'answered' : r.error.code));
    const b = charts.chart(request, windowB);
    expect(charts.cancel('s', windowB)).toEqual({ ok: true, value: { cancelled: true } });
    const cancelled = await b;
    expect(cancelled.ok ? 'answered' : cancelled.error.code).toBe('INTERRUPTED');
    await Promise.resolve();
    expect(a).toBeUndefined();
    // a window that goes takes its charts with it
    charts.forget(windowA);
    await Promise.resolve();
    expect(a).toBe('INTERRUPTED');
  });

  it('a query started in the session leaves a chart of the Timeline’s past view in flight, and the live one in the same slot of the same window stops', async () => {
    const queryWorker = fakePool();
    const charts = new ChartService(queryWorker as never, runner, () => view);
    const window = {};
    let past: string | undefined;
    void charts.chart({ ...request, slot: 0, past: true }, window).then((r) => (past = r.ok ? 'answered' : r.error.code));
    const live = charts.chart({ ...request, slot: 0 }, window);
    charts.onEvent(started('q2'));
    const stopped = await live;
    expect(stopped.ok ? 'answered' : stopped.error.code).toBe('INTERRUPTED');
    await Promise.resolve();
    expect(past).toBeUndefined();
  });

  it('a newer chart of the session replaces the older one', async () => {
    const queryWorker = fakePool();
    const charts = new ChartService(queryWorker as never, runner, () => view);
    const first = charts.chart(request);
    void charts.chart({ ...request, spec: { mark: 'Box', x: 'n', aggregate: 'Count' } });
    const result = await first;
    expect(result.ok ? 'answered' : result.error.code).toBe('INTERRUPTED');
    expect(queryWorker.cancelled).toHaveLength(1);
  });

  it('refuses a result of another session and a spec naming a missing column, before any query', async () => {
    const queryWorker = fakePool();
    const charts = new ChartService(queryWorker as never, runner, () => view);
    const other = await charts.chart({ ...request, sessionId: 'other' });
    expect(other.ok ? 'answered' : other.error.code).toBe('RESULT_NOT_FOUND');
    const missing = await charts.chart({ ...request, spec: { mark: 'Bar', x: 'gone', aggregate: 'Count' } });
    expect(missing.ok ? 'answered' : [missing.error.code, missing.error.id.length > 0]).toEqual(['INVALID_COMMAND', true]);
    expect(queryWorker.sent).toEqual([]);
  });

  it('linked charts have a query slot each: a newer chart in one slot leaves the other in flight', async () => {
    const queryWorker = fakePool();
    const charts = new ChartService(queryWorker as never, runner, () => view);
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
    const queryWorker = fakePool();
    const charts = new ChartService(queryWorker as never, runner, () => view);
    const r = await charts.chart({ ...request, slot: 1, filter: [{ column: 3, op: 'range', lo: '1', hi: '2', chart: 0 }] });
    expect(r.ok ? 'answered' : r.error.code).toBe('INVALID_COMMAND');
    expect(queryWorker.sent).toEqual([]);
  });

  describe('a result re-run on demand (not kept here: evicted, or imported)', () => {
    const INCOMPLETE = fail(appError('e1', 'RESULT_INCOMPLETE', 'The result is not complete yet; try again when the query has finished.'));
    const completed = { sessions: { s: { history: [{ queryId: 'q1', phase: 'Completed' }] } } } as unknown as AppView;
    /** A runner whose result answers what `now` holds, and tells its listeners of each progress frame, as queryRunner.ts does. */
    function rerunning() {
      const progressed = new Set<(queryId: string) => void>();
      const state = { now: INCOMPLETE as unknown, asked: 0 };
      const fake = {
        progressed,
        keptResult: () => (state.asked++, state.now),
        frame: (queryId = 'q1') => [...progressed].forEach((tell) => tell(queryId)),
      };
      return { fake, state };
    }
    const settledAs = (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
      const seen: { code?: string } = {};
      void p.then((r) => (seen.code = r.ok ? 'answered' : r.error!.code));
      return seen;
    };
    const ticks = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };

    it('given a completed result still re-running, its chart waits through the re-run’s frames and is drawn once it is kept', async () => {
      const queryWorker = fakePool();
      const { fake, state } = rerunning();
      const charts = new ChartService(queryWorker as never, fake as never, () => completed);
      const seen = settledAs(charts.chart(request));
      await ticks();
      expect(seen.code).toBeUndefined(); // before: RESULT_INCOMPLETE at once, and the chart never asked again
      fake.frame('other'); // another result's frame wakes nothing
      fake.frame(); // rows so far: still re-running
      await ticks();
      expect([seen.code, queryWorker.sent]).toEqual([undefined, []]);
      state.now = KEPT;
      fake.frame(); // the re-run's last frame
      await ticks();
      expect(queryWorker.sent).toEqual(['chart', 'chart', 'chart']); // X's brush step, the rows not drawn and the marks run (this pool never answers them)
      expect(state.asked).toBe(3);
    });

    it('a re-run that is refused (other rows, or its SQL failed) answers the chart with that refusal', async () => {
      const { fake, state } = rerunning();
      const charts = new ChartService(fakePool() as never, fake as never, () => completed);
      const pending = charts.chart(request);
      state.now = fail(appError('e2', 'RESULT_NOT_FOUND', 'This result was not kept, and running its SQL again gave 1 row, not the 5 rows it gave when it ran.'));
      fake.frame();
      const result = await pending;
      expect(result.ok ? 'answered' : result.error.code).toBe('RESULT_NOT_FOUND');
    });

    it('a newer chart, a cancel, a new query or closing ends the wait with INTERRUPTED, and the re-run’s end then runs nothing', async () => {
      const queryWorker = fakePool();
      const { fake, state } = rerunning();
      const charts = new ChartService(queryWorker as never, fake as never, () => completed);
      const replaced = charts.chart(request);
      const cancelled = charts.chart(request);
      expect(await replaced).toMatchObject({ ok: false, error: { code: 'INTERRUPTED' } });
      charts.cancel('s');
      expect(await cancelled).toMatchObject({ ok: false, error: { code: 'INTERRUPTED' } });
      const byQuery = charts.chart(request);
      charts.onEvent(started('q2'));
      expect(await byQuery).toMatchObject({ ok: false, error: { code: 'INTERRUPTED' } });
      // the re-run ends while the service is open: none of the interrupted waits runs a chart query
      state.now = KEPT;
      fake.frame();
      await ticks();
      expect(queryWorker.sent.filter((t) => t === 'chart')).toEqual([]);
      state.now = INCOMPLETE;
      const byClose = charts.chart(request);
      charts.close();
      expect(await byClose).toMatchObject({ ok: false, error: { code: 'INTERRUPTED' } });
      expect(fake.progressed.size).toBe(0);
      state.now = KEPT;
      fake.frame();
      await ticks();
      expect(queryWorker.sent.filter((t) => t === 'chart')).toEqual([]);
    });

    it('a query still running the first time is refused at once, as before: the renderer asks once it completes', async () => {
      const { fake } = rerunning();
      const executing = { sessions: { s: { history: [{ queryId: 'q1', phase: 'Executing' }] } } } as unknown as AppView;
      const charts = new ChartService(fakePool() as never, fake as never, () => executing);
      const result = await charts.chart(request);
      expect(result.ok ? 'answered' : result.error.code).toBe('RESULT_INCOMPLETE');
    });
  });
});
