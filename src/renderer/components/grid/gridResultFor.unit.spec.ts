import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../shared/views/appView';
import { gridResultFor } from './gridResultFor';

const columns = [{ name: 'a', type: 'INTEGER' }];
const completed: HistoryEntry = { queryId: 'q1', sql: 'select 1', phase: 'Completed', startedAt: 't', rowCount: 3, columns };
const started = (phase: HistoryEntry['phase']): HistoryEntry => ({ queryId: 'q2', sql: 'select 2', phase, startedAt: 't' });

describe('gridResultFor', () => {
  it('given no history, then the grid shows nothing', () => {
    expect(gridResultFor([])).toBeUndefined();
  });

  it('given a completed query, then the grid shows it with its SQL and view', () => {
    const view = { orderBy: [{ column: 0, descending: true }], filter: [] };
    expect(gridResultFor([{ ...completed, view }])).toEqual({ queryId: 'q1', columns, rowCount: 3, sql: 'select 1', view });
  });

  it('given a query executing after it, then the grid shows the running one, its rows still to come', () => {
    expect(gridResultFor([completed, started('Executing')])).toEqual({ queryId: 'q2', columns: undefined, rowCount: undefined });
  });

  it('given a later query failed, cancelled or only pending, then the grid keeps the last completed result', () => {
    for (const phase of ['Failed', 'Cancelled', 'Pending'] as const) expect(gridResultFor([completed, started(phase)])?.queryId).toBe('q1');
  });
});
