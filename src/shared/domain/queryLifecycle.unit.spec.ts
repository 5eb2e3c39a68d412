import { describe, expect, it } from 'vitest';
import { canStartQuery, isInFlight, isSettled, phaseAfter, type QueryPhase } from './queryLifecycle';

const phases: QueryPhase[] = ['Pending', 'Executing', 'Completed', 'Failed', 'Cancelled'];

describe('the query lifecycle', () => {
  it('is in flight exactly while Pending or Executing, and settled otherwise', () => {
    expect(phases.filter((p) => isInFlight(p))).toEqual(['Pending', 'Executing']);
    expect(phases.filter((p) => isSettled(p))).toEqual(['Completed', 'Failed', 'Cancelled']);
    expect(isInFlight(undefined)).toBe(false);
    expect(isSettled(undefined)).toBe(false);
  });

  it('lets a session start a query when it has none in flight', () => {
    expect(canStartQuery(undefined)).toBe(true);
    expect(phases.filter(canStartQuery)).toEqual(['Completed', 'Failed', 'Cancelled']);
  });

  it('moves a query to one phase per event, starting Pending', () => {
    expect(phaseAfter).toEqual({
      QueryStarted: 'Pending',
      ExecutionBegan: 'Executing',
      QueryCompleted: 'Completed',
      QueryFailed: 'Failed',
      QueryCancelled: 'Cancelled',
    });
  });
});
