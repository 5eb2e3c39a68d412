import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import { emptyView, foldAppView, type AppView, type ViewEvent } from './appView';

let seq = 0;
const at = (e: SessionEvent): ViewEvent => {
  seq++;
  return { ...e, globalSeq: seq, aggregateType: 'QuerySession', aggregateId: 's', aggregateSeq: seq, occurredAt: '2026-01-01T00:00:00.000Z' } as ViewEvent;
};
const columns = [{ name: 'a', type: 'INTEGER' }];
const base: SessionEvent[] = [
  { type: 'SessionOpened', payload: { title: 'S' } },
  { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } },
  { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns, durationMs: 1 } },
];
const given = (...events: SessionEvent[]): AppView => foldAppView(emptyView(), events.map(at));
const entry = (view: AppView) => view.sessions['s']!.history[0]!;

describe('app view: ChartSet', () => {
  it('given a chart set on a result, then its history entry carries it; given null, then none', () => {
    const bar = { mark: 'Bar', x: 'a', aggregate: 'Count' } as const;
    expect(entry(given(...base, { type: 'ChartSet', payload: { queryId: 'q1', spec: bar } })).chart).toEqual(bar);
    expect(entry(given(...base, { type: 'ChartSet', payload: { queryId: 'q1', spec: bar } }, { type: 'ChartSet', payload: { queryId: 'q1', spec: null } }))).not.toHaveProperty('chart');
  });
});
