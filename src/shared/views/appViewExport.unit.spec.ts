import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import { emptyView, foldAppView, type ViewEvent } from './appView';

let seq = 0;
const at = (event: SessionEvent): ViewEvent => ({
  ...event,
  globalSeq: ++seq,
  aggregateType: 'QuerySession',
  aggregateId: 'a',
  aggregateSeq: seq,
  occurredAt: `2026-01-01T00:00:0${seq}.000Z`,
});

describe('app view: exports in the history', () => {
  // Each test's log starts at seq 1: its expected timestamps do not depend on which tests ran before.
  beforeEach(() => {
    seq = 0;
  });

  it('given a completed query exported twice, then its history entry lists both, oldest first, and earlier views are untouched', () => {
    const before = foldAppView(emptyView(), [
      at({ type: 'SessionOpened', payload: { title: 'A' } }),
      at({ type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } }),
      at({ type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 3000000, columns: [], durationMs: 5 } }),
    ]);
    const after = foldAppView(before, [
      at({ type: 'ResultExported', payload: { queryId: 'q1', format: 'parquet', target: 'download', rows: 3000000, bytes: 16_000_000 } }),
      at({ type: 'ResultExported', payload: { queryId: 'q1', format: 'csv', target: '/tmp/x.csv', rows: 10, bytes: 99 } }),
    ]);
    expect(after.sessions['a']!.history[0]!.exports).toEqual([
      { format: 'parquet', target: 'download', rows: 3000000, bytes: 16_000_000, exportedAt: '2026-01-01T00:00:04.000Z' },
      { format: 'csv', target: '/tmp/x.csv', rows: 10, bytes: 99, exportedAt: '2026-01-01T00:00:05.000Z' },
    ]);
    expect(after.sessions['a']!.history[0]!.phase).toBe('Completed');
    expect(before.sessions['a']!.history[0]!.exports).toBeUndefined();
  });

  it('an export of a query the history does not hold changes nothing', () => {
    const view = foldAppView(emptyView(), [at({ type: 'SessionOpened', payload: { title: 'A' } })]);
    const after = foldAppView(view, [at({ type: 'ResultExported', payload: { queryId: 'nope', format: 'csv', target: 'download', rows: 1, bytes: 1 } })]);
    expect(after.sessions['a']!.history).toEqual([]);
  });
});
