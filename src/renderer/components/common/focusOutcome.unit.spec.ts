import { describe, expect, it } from 'vitest';
import type { QueryPhase } from '../../../shared/domain/queryLifecycle';
import { outcomeFocus } from './focusOutcome';

const query = (queryId: string, phase: QueryPhase) => ({ queryId, phase });

describe('focus after a query run from a menu', () => {
  it('given the awaited query completed, then focus goes to its rows', () => {
    expect(outcomeFocus('q1', query('q1', 'Completed'))).toBe('results');
  });

  it('given it failed or was cancelled, then focus goes to the editor, which says why', () => {
    expect(outcomeFocus('q1', query('q1', 'Failed'))).toBe('editor');
    expect(outcomeFocus('q1', query('q1', 'Cancelled'))).toBe('editor');
  });

  it('given it is still running, or the current query is another, or none is awaited, then focus stays', () => {
    expect(outcomeFocus('q1', query('q1', 'Pending'))).toBeUndefined();
    expect(outcomeFocus('q1', query('q1', 'Executing'))).toBeUndefined();
    expect(outcomeFocus('q1', query('q0', 'Completed'))).toBeUndefined();
    expect(outcomeFocus('q1', undefined)).toBeUndefined();
    expect(outcomeFocus(undefined, query('q1', 'Completed'))).toBeUndefined();
  });
});
