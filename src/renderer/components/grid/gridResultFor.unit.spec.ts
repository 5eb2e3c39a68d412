import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../shared/views/appView';
import { gridResultFor } from './gridResultFor';

const columns = [{ name: 'a', type: 'INTEGER' }];
const completed: HistoryEntry = { queryId: 'q1', sql: 'select 1', phase: 'Completed', startedAt: '2026-04-12T12:01:12Z', rowCount: 3, columns };
const started = (phase: HistoryEntry['phase']): HistoryEntry => ({ queryId: 'q2', sql: 'select 2', phase, startedAt: 't' });

describe('gridResultFor', () => {
  it('given no history, then the grid shows nothing', () => {
    expect(gridResultFor([])).toBeUndefined();
  });

  it('given a completed query, then the grid shows it with its SQL and view, as the latest result', () => {
    const view = { orderBy: [{ column: 0, descending: true }], filter: [] };
    expect(gridResultFor([{ ...completed, view }])).toEqual({ queryId: 'q1', columns, rowCount: 3, sql: 'select 1', view });
  });

  it('given a query executing after it, then the grid shows the running one, its rows still to come', () => {
    expect(gridResultFor([completed, started('Executing')])).toEqual({ queryId: 'q2', columns: undefined, rowCount: undefined });
  });

  it('given a later query failed or was cancelled, then the grid keeps the last completed result, marked previous with when it ran', () => {
    for (const phase of ['Failed', 'Cancelled'] as const) {
      const shown = gridResultFor([completed, started(phase)]);
      expect(shown?.queryId).toBe('q1');
      expect(shown?.previous).toEqual({ startedAt: '2026-04-12T12:01:12Z' });
    }
  });

  it('given a later query only pending, then the grid keeps the last completed result, not marked: every run is pending for a moment', () => {
    const shown = gridResultFor([completed, started('Pending')]);
    expect(shown?.queryId).toBe('q1');
    expect(shown?.previous).toBeUndefined();
  });

  it('given a completed query after a failed one, then it is the latest again: not marked previous', () => {
    const again = { ...completed, queryId: 'q3' };
    expect(gridResultFor([completed, started('Failed'), again])?.previous).toBeUndefined();
  });

  it('given only failed queries, then there is no previous result to show', () => {
    expect(gridResultFor([started('Failed')])).toBeUndefined();
  });
});
