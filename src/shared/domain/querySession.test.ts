import { describe, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import { deciderSpec } from '../testing/deciderSpec';
import { querySessionDecider } from './querySession';

const spec = deciderSpec(querySessionDecider);
const sessionId = 's1';
const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'Session 1' } };
const started = (queryId = 'q1'): SessionEvent => ({ type: 'QueryStarted', payload: { queryId, sql: 'select 1' } });
const began = (queryId = 'q1'): SessionEvent => ({ type: 'ExecutionBegan', payload: { queryId } });
const completed = (queryId = 'q1'): SessionEvent => ({
  type: 'QueryCompleted',
  payload: { queryId, rowCount: 1, columns: [{ name: 'x', type: 'INTEGER' }], durationMs: 3 },
});
const error = { id: 'e1', code: 'SQL_ERROR', message: 'bad' };
const closed: SessionEvent = { type: 'SessionClosed', payload: {} };

describe('QuerySession: opening, renaming, closing', () => {
  it('opens a new session', () =>
    spec.given([]).when({ type: 'OpenSession', sessionId, title: 'Session 1' }).then([opened]));
  it('refuses to open a session twice', () =>
    spec.given([opened]).when({ type: 'OpenSession', sessionId, title: 'x' }).thenRejects('SESSION_ALREADY_OPEN'));
  it('refuses commands on a session that was never opened', () =>
    spec.given([]).when({ type: 'StartQuery', sessionId, queryId: 'q1', sql: 'select 1' }).thenRejects('SESSION_NOT_FOUND'));
  it('renames', () =>
    spec.given([opened]).when({ type: 'RenameSession', sessionId, title: 'Flights' }).then([
      { type: 'SessionRenamed', payload: { title: 'Flights' } },
    ]));
  it('renaming to the same title records nothing', () =>
    spec.given([opened]).when({ type: 'RenameSession', sessionId, title: 'Session 1' }).then([]));
  it('closes an idle session', () => spec.given([opened]).when({ type: 'CloseSession', sessionId }).then([closed]));
  it('closing a session with a query in flight cancels the query first', () =>
    spec.given([opened, started()]).when({ type: 'CloseSession', sessionId }).then([
      { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'session closed' } },
      closed,
    ]));
  it('refuses commands on a closed session', () =>
    spec.given([opened, closed]).when({ type: 'RenameSession', sessionId, title: 'x' }).thenRejects('SESSION_CLOSED'));
  it('attaches a dataset once', () => {
    const attached: SessionEvent = { type: 'DatasetAttached', payload: { datasetId: 'd1' } };
    spec.given([opened]).when({ type: 'AttachDataset', sessionId, datasetId: 'd1' }).then([attached]);
    spec.given([opened, attached]).when({ type: 'AttachDataset', sessionId, datasetId: 'd1' }).then([]);
  });
});

describe('QuerySession: the query lifecycle Idle → Pending → Executing → Completed | Failed | Cancelled', () => {
  it('starts a query when idle', () =>
    spec.given([opened]).when({ type: 'StartQuery', sessionId, queryId: 'q1', sql: 'select 1' }).then([started()]));
  it('refuses to start a query while one is pending', () =>
    spec.given([opened, started()]).when({ type: 'StartQuery', sessionId, queryId: 'q2', sql: 'select 2' }).thenRejects('QUERY_IN_FLIGHT'));
  it('refuses to start a query while one is executing', () =>
    spec.given([opened, started(), began()]).when({ type: 'StartQuery', sessionId, queryId: 'q2', sql: 'x' }).thenRejects('QUERY_IN_FLIGHT'));
  it('starts the next query after one completed, failed or was cancelled', () => {
    const next = { type: 'StartQuery', sessionId, queryId: 'q2', sql: 'select 1' } as const;
    const q2 = { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select 1' } } as const;
    spec.given([opened, started(), began(), completed()]).when(next).then([q2]);
    spec.given([opened, started(), { type: 'QueryFailed', payload: { queryId: 'q1', error } }]).when(next).then([q2]);
    spec.given([opened, started(), { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'user' } }]).when(next).then([q2]);
  });
  it('begins execution of the pending query', () =>
    spec.given([opened, started()]).when({ type: 'BeginExecution', sessionId, queryId: 'q1' }).then([began()]));
  it('refuses to begin a query that is not the pending one', () =>
    spec.given([opened, started()]).when({ type: 'BeginExecution', sessionId, queryId: 'q9' }).thenRejects('QUERY_MISMATCH'));
  it('refuses to begin a query twice', () =>
    spec.given([opened, started(), began()]).when({ type: 'BeginExecution', sessionId, queryId: 'q1' }).thenRejects('QUERY_MISMATCH'));
  it('completes the executing query', () =>
    spec.given([opened, started(), began()]).when({
      type: 'CompleteQuery',
      sessionId,
      queryId: 'q1',
      rowCount: 1,
      columns: [{ name: 'x', type: 'INTEGER' }],
      durationMs: 3,
    }).then([completed()]));
  it('refuses to complete with the wrong query id', () =>
    spec.given([opened, started(), began()]).when({
      type: 'CompleteQuery', sessionId, queryId: 'q9', rowCount: 0, columns: [], durationMs: 1,
    }).thenRejects('QUERY_MISMATCH'));
  it('refuses to complete a query that was cancelled (the cancel won the race)', () =>
    spec.given([opened, started(), began(), { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'user' } }]).when({
      type: 'CompleteQuery', sessionId, queryId: 'q1', rowCount: 0, columns: [], durationMs: 1,
    }).thenRejects('QUERY_MISMATCH'));
  it('fails the query in flight, pending or executing', () => {
    const fail = { type: 'FailQuery', sessionId, queryId: 'q1', error } as const;
    const failed = { type: 'QueryFailed', payload: { queryId: 'q1', error } } as const;
    spec.given([opened, started()]).when(fail).then([failed]);
    spec.given([opened, started(), began()]).when(fail).then([failed]);
  });
  it('refuses to fail a query that already completed', () =>
    spec.given([opened, started(), began(), completed()]).when({ type: 'FailQuery', sessionId, queryId: 'q1', error }).thenRejects('QUERY_MISMATCH'));
  it('cancels the query in flight', () =>
    spec.given([opened, started(), began()]).when({ type: 'CancelQuery', sessionId, reason: 'user' }).then([
      { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'user' } },
    ]));
  it('refuses to cancel when idle', () =>
    spec.given([opened]).when({ type: 'CancelQuery', sessionId, reason: 'user' }).thenRejects('NO_QUERY_RUNNING'));
  it('refuses to cancel after completion', () =>
    spec.given([opened, started(), began(), completed()]).when({ type: 'CancelQuery', sessionId, reason: 'user' }).thenRejects('NO_QUERY_RUNNING'));
});
