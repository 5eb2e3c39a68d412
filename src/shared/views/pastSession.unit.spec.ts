import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import { emptyView, foldAppView, type ViewEvent } from './appView';
import { pastSession, sessionAtAnswerSchema, type PastEvent } from './pastSession';

const columns = [{ name: 'x', type: 'INTEGER' }];
const event = (seq: number, aggregateSeq: number, e: SessionEvent): ViewEvent =>
  ({ ...e, globalSeq: seq, aggregateType: 'QuerySession', aggregateId: 's1', aggregateSeq, occurredAt: `t${seq}` }) as ViewEvent;
/** A session's events as main stores them: global seqs interleave with other aggregates'. */
const log: ViewEvent[] = [
  event(3, 1, { type: 'SessionOpened', payload: { title: 'Delays' } }),
  event(5, 2, { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } }),
  event(6, 3, { type: 'ExecutionBegan', payload: { queryId: 'q1' } }),
  event(9, 4, { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns, durationMs: 2 } }),
  event(12, 5, { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 0, descending: true }], filter: [] } }),
  event(13, 6, { type: 'DraftSaved', payload: { sql: 'select 2' } }),
  event(20, 7, { type: 'SessionRenamed', payload: { title: 'Later' } }),
];
const folded = (n: number) => foldAppView(emptyView(), log.slice(0, n)).sessions['s1']!;
/** The events as `sessionAt` sends them. */
const sent = (events: readonly ViewEvent[]): PastEvent[] => events.map((e) => [e.globalSeq, e.aggregateSeq, e.type, e.payload, e.occurredAt]);

describe('the past session a window folds from a sessionAt answer', () => {
  it('given a start and the events after it, when folded, then it is the fold of every event from the first', () => {
    for (const start of [1, 3, 5]) {
      for (let end = start; end <= log.length; end++) {
        const answer = { start: folded(start), events: sent(log.slice(start, end)), seq: log[end - 1]!.globalSeq, occurredAt: log[end - 1]!.occurredAt };
        expect(pastSession('s1', answer), `from ${start} to ${end}`).toEqual({ session: folded(end), seq: answer.seq, occurredAt: answer.occurredAt });
      }
    }
  });

  it('given no events after the start, then the start is the session as it is', () => {
    const start = folded(4);
    expect(pastSession('s1', { start, events: [], seq: 9, occurredAt: 't9' }).session).toBe(start);
  });

  it('given the answer as JSON, as it arrives, then it is what the schema describes and folds the same', () => {
    const answer = { start: folded(2), events: sent(log.slice(2)), seq: 20, occurredAt: 't20', datasets: [] };
    const arrived = sessionAtAnswerSchema.parse(JSON.parse(JSON.stringify(answer)));
    expect(pastSession('s1', arrived).session).toEqual(folded(log.length));
    expect(sessionAtAnswerSchema.safeParse({ ...answer, events: [[20, 7, 'SessionRenamed', { title: 'x' }]] }).success).toBe(false);
  });
});
