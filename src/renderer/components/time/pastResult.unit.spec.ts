import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/contracts/events';
import { appError } from '../../../shared/contracts/errors';
import { emptyView, foldAppView, type ViewEvent } from '../../../shared/views/appView';
import { pastResultOf } from './pastResult';

const columns = [{ name: 'Name', type: 'VARCHAR' }, { name: 'Horsepower', type: 'BIGINT' }];
const view = { orderBy: [{ column: 1, descending: true }], filter: [{ column: 0, op: 'eq' as const, value: 'ford pinto' }] };
const failure = appError('e-1', 'SQL_ERROR', 'Catalog Error: Table with name nosuchtable does not exist!');
const event = (n: number, e: SessionEvent): ViewEvent =>
  ({ ...e, globalSeq: n, aggregateType: 'QuerySession', aggregateId: 's1', aggregateSeq: n, occurredAt: `2026-04-12T12:00:${String(n).padStart(2, '0')}Z` }) as ViewEvent;
/** A session's recorded facts: a query completes and is sorted and filtered, a second fails, a third starts and completes. */
const log: ViewEvent[] = [
  event(1, { type: 'SessionOpened', payload: { title: 'Cars' } }),
  event(2, { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select Name, Horsepower from cars' } }),
  event(3, { type: 'ExecutionBegan', payload: { queryId: 'q1' } }),
  event(4, { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 406, columns, durationMs: 12 } }),
  event(5, { type: 'ResultViewSet', payload: { queryId: 'q1', ...view } }),
  event(6, { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select * from nosuchtable' } }),
  event(7, { type: 'ExecutionBegan', payload: { queryId: 'q2' } }),
  event(8, { type: 'QueryFailed', payload: { queryId: 'q2', error: failure } }),
  event(9, { type: 'QueryStarted', payload: { queryId: 'q3', sql: 'select 42 as answer' } }),
  event(10, { type: 'ExecutionBegan', payload: { queryId: 'q3' } }),
  event(11, { type: 'QueryCompleted', payload: { queryId: 'q3', rowCount: 1, columns: [{ name: 'answer', type: 'INTEGER' }], durationMs: 3 } }),
];
/** The session as it was after its first `n` events, folded as the past view folds it. */
const at = (n: number) => foldAppView(emptyView(), log.slice(0, n)).sessions['s1']!;

describe('pastResultOf: what the past view shows, by the live view’s rules', () => {
  it('given no query yet, then there is no query to speak of and no result', () => {
    expect(pastResultOf(at(1))).toEqual({ query: undefined, result: undefined, chart: undefined, pivot: undefined });
  });

  it('given a completed query sorted and filtered, then the status speaks of it and the grid shows it with the view recorded then, not marked previous', () => {
    const { query, result } = pastResultOf(at(5));
    expect(query).toMatchObject({ queryId: 'q1', phase: 'Completed', rowCount: 406, durationMs: 12 });
    expect(result).toEqual({ queryId: 'q1', columns, rowCount: 406, sql: 'select Name, Horsepower from cars', view });
  });

  it('given the point before the sort, then the result has no view: the view is the one of that point', () => {
    expect(pastResultOf(at(4)).result?.view).toBeUndefined();
  });

  it('given a later query failed, then the status speaks of the failure and the grid shows the last completed result, marked previous with when it ran, its view kept', () => {
    const { query, result } = pastResultOf(at(8));
    expect(query).toMatchObject({ queryId: 'q2', phase: 'Failed', error: failure });
    expect(result).toEqual({ queryId: 'q1', columns, rowCount: 406, sql: 'select Name, Horsepower from cars', view, previous: { startedAt: log[1]!.occurredAt } });
  });

  it('given a query in flight at that point, then its rows cannot be shown as they were: the last completed result is, marked previous, while the status says it ran', () => {
    for (const n of [9, 10]) {
      const { query, result } = pastResultOf(at(n));
      expect(query?.queryId, `after ${n} events`).toBe('q3');
      expect(result, `after ${n} events`).toMatchObject({ queryId: 'q1', rowCount: 406, view, previous: { startedAt: log[1]!.occurredAt } });
    }
  });

  it('given a query in flight and none completed before it, then no result is shown', () => {
    expect(pastResultOf(at(3))).toMatchObject({ query: { queryId: 'q1', phase: 'Executing' }, result: undefined });
  });

  it('given the later query completed, then it is the result, and no longer anything previous', () => {
    expect(pastResultOf(at(11))).toMatchObject({ query: { queryId: 'q3', phase: 'Completed' }, result: { queryId: 'q3', rowCount: 1 } });
    expect(pastResultOf(at(11)).result?.previous).toBeUndefined();
  });
});

describe('pastResultOf: the chart beside the result then', () => {
  const bars = { mark: 'Bar' as const, x: 'Name', aggregate: 'Count' as const };
  const linked = { ...bars, linked: [{ mark: 'Histogram' as const, x: 'Horsepower', aggregate: 'Count' as const }] };
  /** The cars log with the first result charted, the chart changed to linked charts, and then the third query failing in place of the second. */
  const charted: ViewEvent[] = [
    ...log.slice(0, 5),
    event(6, { type: 'ChartSet', payload: { queryId: 'q1', spec: bars } }),
    event(7, { type: 'ChartSet', payload: { queryId: 'q1', spec: linked } }),
    event(8, { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select * from nosuchtable' } }),
    event(9, { type: 'QueryFailed', payload: { queryId: 'q2', error: failure } }),
    event(10, { type: 'ChartSet', payload: { queryId: 'q1', spec: null } }),
  ];
  const chartAt = (n: number) => pastResultOf(foldAppView(emptyView(), charted.slice(0, n)).sessions['s1']!).chart;

  it('given the point before the chart was opened, then no chart', () => {
    expect(chartAt(5)).toBeUndefined();
  });

  it('given each chart setting, then the chart of that point, linked charts included', () => {
    expect(chartAt(6)).toEqual(bars);
    expect(chartAt(7)).toEqual(linked);
  });

  it('given a later query failed, then the previous result is shown with its chart, until that chart is closed', () => {
    expect(pastResultOf(foldAppView(emptyView(), charted.slice(0, 9)).sessions['s1']!)).toMatchObject({ result: { queryId: 'q1', previous: {} }, chart: linked });
    expect(chartAt(10)).toBeUndefined();
  });

  it('given no result, then no chart', () => {
    expect(chartAt(1)).toBeUndefined();
  });
});

describe('pastResultOf: the pivot beside the result then', () => {
  const byName = { rows: ['Name'], columns: [], values: 'Horsepower', aggregate: 'Average' as const };
  const sorted = { ...byName, sort: { valueColumn: 1, descending: true } };
  const pivoted: ViewEvent[] = [
    ...log.slice(0, 5),
    event(6, { type: 'PivotSet', payload: { queryId: 'q1', spec: byName } }),
    event(7, { type: 'PivotSet', payload: { queryId: 'q1', spec: sorted } }),
    event(8, { type: 'PivotSet', payload: { queryId: 'q1', spec: null } }),
  ];
  const pivotAt = (n: number) => pastResultOf(foldAppView(emptyView(), pivoted.slice(0, n)).sessions['s1']!).pivot;

  it('given each pivot setting, then the pivot of that point, and none before it was opened or after it was closed', () => {
    expect(pivotAt(5)).toBeUndefined();
    expect(pivotAt(6)).toEqual(byName);
    expect(pivotAt(7)).toEqual(sorted);
    expect(pivotAt(8)).toBeUndefined();
  });
});
