import { describe, it } from 'vitest';
import type { SessionCommand } from '../contracts/commands';
import type { SessionEvent } from '../contracts/events';
import type { SessionForkedPayload } from '../contracts/sessionForked';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { querySessionDecider } from './querySession';

const spec = deciderSpec(querySessionDecider);
const columns = [{ name: 'x', type: 'INTEGER' }];
const content: SessionForkedPayload = {
  title: 'Delays (fork)',
  from: { sessionId: 'orig', seq: 12, title: 'Delays', occurredAt: '2026-01-01T10:00:00.000Z' },
  draft: 'select 2',
  datasetIds: ['d1'],
  history: [
    { queryId: 'q1', sql: 'select 1', phase: 'Completed', startedAt: 't', rowCount: 1, columns, view: { orderBy: [{ column: 0 }], filter: [] } },
    { queryId: 'q2', sql: 'select nope', phase: 'Failed', startedAt: 't' },
  ],
};
const fork: SessionCommand = { type: 'ForkSession', sessionId: 'f1', ...content };
const forked: SessionEvent = { type: 'SessionForked', payload: content };

describe('QuerySession: fork', () => {
  it('given no session, when forked into, then it starts with the original content', () => spec.given([]).when(fork).then([forked]));

  it('given a session that exists, when forked into, then it is refused', () =>
    spec.given([{ type: 'SessionOpened', payload: { title: 'S' } }]).when(fork).thenRejects('SESSION_ALREADY_OPEN'));

  it('given a fork, when its carried result is sorted as it already was, then nothing is recorded', () =>
    spec.given([forked]).when({ type: 'SetResultView', sessionId: 'f1', queryId: 'q1', orderBy: [{ column: 0 }], filter: [] }).then([]));

  it('given a fork, when its carried result is sorted anew, then the fork records it', () =>
    spec
      .given([forked])
      .when({ type: 'SetResultView', sessionId: 'f1', queryId: 'q1', orderBy: [{ column: 0, descending: true }], filter: [] })
      .then([{ type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 0, descending: true }], filter: [] } }]));

  it('given a fork carrying many results, when any of them is sorted as it already was, then nothing is recorded', () => {
    const history = Array.from({ length: 150 }, (_, i) => ({ ...content.history[0]!, queryId: `q${i}`, view: { orderBy: [{ column: 0, descending: i % 2 === 0 }], filter: [] } }));
    const many: SessionEvent = { type: 'SessionForked', payload: { ...content, history } };
    for (const i of [0, 63, 64, 149]) {
      spec.given([many]).when({ type: 'SetResultView', sessionId: 'f1', queryId: `q${i}`, orderBy: [{ column: 0, descending: i % 2 === 0 }], filter: [] }).then([]);
    }
  });

  it('given a fork, when a failed carried query is given a view, then it is refused as not a result', () =>
    spec.given([forked]).when({ type: 'SetResultView', sessionId: 'f1', queryId: 'q2', orderBy: [], filter: [] }).thenRejects('RESULT_NOT_FOUND'));

  it('given a fork, when renamed or run, then it goes its own way as an open, idle session', () => {
    spec.given([forked]).when({ type: 'RenameSession', sessionId: 'f1', title: 'Mine' }).then([{ type: 'SessionRenamed', payload: { title: 'Mine' } }]);
    spec.given([forked]).when({ type: 'StartQuery', sessionId: 'f1', queryId: 'q3', sql: 'select 3' }).then([{ type: 'QueryStarted', payload: { queryId: 'q3', sql: 'select 3' } }]);
    spec.given([forked]).when({ type: 'SaveDraft', sessionId: 'f1', sql: 'select 2' }).then([]);
  });
});
