import { describe, expect, it } from 'vitest';
import { canStartQuery, endedRunMs, endedWithoutResult, isCompleted, isExecuting, isInFlight, isPending, isSettled, phaseAfter, settledPhaseSchema, type QueryPhase } from './queryLifecycle';

const phases: QueryPhase[] = ['Pending', 'Executing', 'Completed', 'Failed', 'Cancelled'];

describe('the query lifecycle', () => {
  it('is in flight exactly while Pending or Executing, and settled otherwise', () => {
    expect(phases.filter((p) => isInFlight(p))).toEqual(['Pending', 'Executing']);
    expect(phases.filter((p) => isSettled(p))).toEqual(['Completed', 'Failed', 'Cancelled']);
    expect(isInFlight(undefined)).toBe(false);
    expect(isSettled(undefined)).toBe(false);
  });

  it('tells each phase apart by what it means: waiting for a connection, running, a result, or ended without one', () => {
    expect(phases.filter(isPending)).toEqual(['Pending']);
    expect(phases.filter(isExecuting)).toEqual(['Executing']);
    expect(phases.filter(isCompleted)).toEqual(['Completed']);
    expect(phases.filter(endedWithoutResult)).toEqual(['Failed', 'Cancelled']);
    for (const selector of [isPending, isExecuting, isCompleted, endedWithoutResult]) expect(selector(undefined)).toBe(false);
  });

  it('reads a settled phase, and only one, from stored JSON (a fork carries only settled queries)', () => {
    expect(phases.filter((p) => settledPhaseSchema.safeParse(p).success)).toEqual(['Completed', 'Failed', 'Cancelled']);
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

  it('says how long a failed or cancelled query ran: main’s measure when its end has one, unknown for an INTERRUPTED end without one, else start to end as stamped', () => {
    const start = '2026-01-01T10:00:00.000Z';
    const end = '2026-01-01T18:20:00.000Z'; // a night later: the end was stored at the next start
    expect(endedRunMs(start, end, { durationMs: 4012.5, error: { code: 'SQL_ERROR' } })).toBe(4012.5);
    expect(endedRunMs(start, end, { durationMs: 12, error: { code: 'INTERRUPTED' } })).toBe(12);
    expect(endedRunMs(start, end, { error: { code: 'INTERRUPTED' } })).toBeUndefined();
    expect(endedRunMs(start, end, { error: { code: 'SQL_ERROR' } })).toBe(30_000_000);
    expect(endedRunMs(start, end, {})).toBe(30_000_000);
    expect(endedRunMs('not a time', end, {})).toBeUndefined();
  });
});
