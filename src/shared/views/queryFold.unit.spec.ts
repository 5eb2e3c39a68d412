import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import { emptyView, foldAppView, type HistoryEntry, type ViewEvent } from './appView';

/** A session's events, the n-th stamped `stamps[n]` (ISO), as the log holds them. */
function history(events: readonly SessionEvent[], stamps: readonly string[]): readonly HistoryEntry[] {
  const envelopes = events.map((event, i): ViewEvent => ({ ...event, globalSeq: i + 1, aggregateType: 'QuerySession', aggregateId: 's1', aggregateSeq: i + 1, occurredAt: stamps[i]! }) as ViewEvent);
  return foldAppView(emptyView(), envelopes).sessions['s1']!.history;
}

const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 't' } };
const started: SessionEvent = { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } };
const began: SessionEvent = { type: 'ExecutionBegan', payload: { queryId: 'q1' } };
const sqlError = { id: 'e1', code: 'SQL_ERROR', message: 'no' };
const interrupted = { id: 'e2', code: 'INTERRUPTED', message: 'Sextant stopped while this query was running.' };
/** Started at 10:00:00, began at once, ended (stored) at 10:00:20: Sextant was down in between, or the disk full. */
const stamps = ['2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.100Z', '2026-01-01T10:00:20.709Z'];

describe('queryFold: how long a failed or cancelled query ran', () => {
  it('given a failure whose end waited 20 s to be stored, when it carries main’s measure, then the entry says that measure, not the wait', () => {
    const [h] = history([opened, started, began, { type: 'QueryFailed', payload: { queryId: 'q1', error: sqlError, durationMs: 4012.5 } }], stamps);
    expect([h?.phase, h?.durationMs]).toEqual(['Failed', 4012.5]);
  });

  it('given a cancel carrying main’s measure, then the entry says it', () => {
    const [h] = history([opened, started, began, { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'cancelled by user', durationMs: 812 } }], stamps);
    expect([h?.phase, h?.durationMs]).toEqual(['Cancelled', 812]);
  });

  it('given an INTERRUPTED end found at the next start (no measure), then the duration is unknown, not the time Sextant was down', () => {
    const [h] = history([opened, started, began, { type: 'QueryFailed', payload: { queryId: 'q1', error: interrupted } }], stamps);
    expect(h?.phase).toBe('Failed');
    expect(h).not.toHaveProperty('durationMs');
  });

  it('given an older log’s failure or cancel without a measure, then it falls back to start to end as stamped', () => {
    const [failed] = history([opened, started, began, { type: 'QueryFailed', payload: { queryId: 'q1', error: sqlError } }], stamps);
    const [cancelled] = history([opened, started, began, { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'session closed' } }], stamps);
    expect([failed?.durationMs, cancelled?.durationMs]).toEqual([20_709, 20_709]);
  });
});
