import { describe, expect, it } from 'vitest';
import type { SessionCommand } from '../contracts/commands';
import type { ErrorCode } from '../contracts/errors';
import type { SessionEvent } from '../contracts/events';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { hasResult, querySessionDecider, type QuerySessionState } from './querySession';

const spec = deciderSpec(querySessionDecider);
const sessionId = 's1';
const error = { id: 'e1', code: 'SQL_ERROR', message: 'bad' };
const columns = [{ name: 'x', type: 'INTEGER' }];

const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'Session 1' } };
const closed: SessionEvent = { type: 'SessionClosed', payload: {} };
const started = (queryId = 'q1', sql = 'select 1'): SessionEvent => ({ type: 'QueryStarted', payload: { queryId, sql } });
const began = (queryId = 'q1'): SessionEvent => ({ type: 'ExecutionBegan', payload: { queryId } });
const completed = (queryId = 'q1'): SessionEvent => ({ type: 'QueryCompleted', payload: { queryId, rowCount: 1, columns, durationMs: 3 } });
const failed = (queryId = 'q1'): SessionEvent => ({ type: 'QueryFailed', payload: { queryId, error } });
const cancelled = (queryId = 'q1', reason = 'user'): SessionEvent => ({ type: 'QueryCancelled', payload: { queryId, reason } });

/** Every state a session can be in, as the events that lead there. q1 is the current (or last) query. */
const states = {
  Unopened: [],
  Idle: [opened],
  Pending: [opened, started()],
  Executing: [opened, started(), began()],
  Completed: [opened, started(), began(), completed()],
  Failed: [opened, started(), began(), failed()],
  Cancelled: [opened, started(), cancelled()],
  Closed: [opened, closed],
} satisfies Record<string, SessionEvent[]>;
type State = keyof typeof states;

/** What a command does in a state: the events it records, or the code it is refused with. */
type Outcome = readonly SessionEvent[] | ErrorCode;
type Row = Record<State, Outcome>;

/** Refused before the state is looked at: no such session, or a closed one. */
const gone = { Unopened: 'SESSION_NOT_FOUND', Closed: 'SESSION_CLOSED' } as const;
const inFlightOnly = (events: readonly SessionEvent[], otherwise: ErrorCode): Row => ({
  ...gone,
  Idle: otherwise,
  Pending: events,
  Executing: events,
  Completed: otherwise,
  Failed: otherwise,
  Cancelled: otherwise,
});
const whenOpen = (outcome: Outcome): Row => ({
  ...gone,
  Idle: outcome,
  Pending: outcome,
  Executing: outcome,
  Completed: outcome,
  Failed: outcome,
  Cancelled: outcome,
});

const matrix: Array<[string, SessionCommand, Row]> = [
  [
    'OpenSession',
    { type: 'OpenSession', sessionId, title: 'Session 1' },
    {
      Unopened: [opened],
      Idle: 'SESSION_ALREADY_OPEN',
      Pending: 'SESSION_ALREADY_OPEN',
      Executing: 'SESSION_ALREADY_OPEN',
      Completed: 'SESSION_ALREADY_OPEN',
      Failed: 'SESSION_ALREADY_OPEN',
      Cancelled: 'SESSION_ALREADY_OPEN',
      Closed: 'SESSION_ALREADY_OPEN',
    },
  ],
  ['RenameSession to a new title', { type: 'RenameSession', sessionId, title: 'Flights' }, whenOpen([{ type: 'SessionRenamed', payload: { title: 'Flights' } }])],
  ['RenameSession to the same title', { type: 'RenameSession', sessionId, title: 'Session 1' }, whenOpen([])],
  [
    'CloseSession',
    { type: 'CloseSession', sessionId },
    {
      ...gone,
      Idle: [closed],
      // closing cancels what runs first, so no query is left dangling
      Pending: [cancelled('q1', 'session closed'), closed],
      Executing: [cancelled('q1', 'session closed'), closed],
      Completed: [closed],
      Failed: [closed],
      Cancelled: [closed],
    },
  ],
  ['AttachDataset', { type: 'AttachDataset', sessionId, datasetId: 'd1' }, whenOpen([{ type: 'DatasetAttached', payload: { datasetId: 'd1' } }])],
  [
    'StartQuery',
    { type: 'StartQuery', sessionId, queryId: 'q2', sql: 'select 2' },
    {
      ...gone,
      Idle: [started('q2', 'select 2')],
      Pending: 'QUERY_IN_FLIGHT',
      Executing: 'QUERY_IN_FLIGHT',
      Completed: [started('q2', 'select 2')],
      Failed: [started('q2', 'select 2')],
      Cancelled: [started('q2', 'select 2')],
    },
  ],
  // as an empty editor is refused: nothing to run starts no query and leaves no line of history
  ['StartQuery of comments and semicolons only', { type: 'StartQuery', sessionId, queryId: 'q2', sql: '-- only a comment\n;\n/* block */ ;' }, whenOpen('INVALID_COMMAND')],
  ['CancelQuery', { type: 'CancelQuery', sessionId, reason: 'user' }, inFlightOnly([cancelled('q1', 'user')], 'NO_QUERY_RUNNING')],
  [
    'BeginExecution of the pending query',
    { type: 'BeginExecution', sessionId, queryId: 'q1' },
    { ...whenOpen('QUERY_MISMATCH'), Pending: [began()] },
  ],
  ['BeginExecution of another query', { type: 'BeginExecution', sessionId, queryId: 'q9' }, whenOpen('QUERY_MISMATCH')],
  [
    'CompleteQuery of the query in flight',
    { type: 'CompleteQuery', sessionId, queryId: 'q1', rowCount: 1, columns, durationMs: 3 },
    inFlightOnly([completed()], 'QUERY_MISMATCH'),
  ],
  [
    'CompleteQuery with the wrong query id',
    { type: 'CompleteQuery', sessionId, queryId: 'q9', rowCount: 1, columns, durationMs: 3 },
    whenOpen('QUERY_MISMATCH'),
  ],
  ['FailQuery of the query in flight', { type: 'FailQuery', sessionId, queryId: 'q1', error }, inFlightOnly([failed()], 'QUERY_MISMATCH')],
  ['FailQuery with the wrong query id', { type: 'FailQuery', sessionId, queryId: 'q9', error }, whenOpen('QUERY_MISMATCH')],
];

describe('QuerySession: every command in every state (Idle → Pending → Executing → Completed | Failed | Cancelled)', () => {
  for (const [name, command, row] of matrix) {
    describe(name, () => {
      for (const state of Object.keys(states) as State[]) {
        const outcome = row[state];
        const label = typeof outcome === 'string' ? `refuses with ${outcome}` : outcome.length === 0 ? 'records nothing' : `records ${outcome.map((e) => e.type).join(', ')}`;
        it(`given ${state}, then it ${label}`, () => {
          const when = spec.given(states[state]).when(command);
          if (typeof outcome === 'string') when.thenRejects(outcome);
          else when.then(outcome);
        });
      }
    });
  }
});

describe('QuerySession: what the state remembers', () => {
  it('attaches a dataset once', () => {
    const attached: SessionEvent = { type: 'DatasetAttached', payload: { datasetId: 'd1' } };
    spec.given([opened, attached]).when({ type: 'AttachDataset', sessionId, datasetId: 'd1' }).then([]);
    spec.given([opened, attached]).when({ type: 'AttachDataset', sessionId, datasetId: 'd2' }).then([{ type: 'DatasetAttached', payload: { datasetId: 'd2' } }]);
  });
  it('compares a rename with the latest title, not the first', () =>
    spec.given([opened, { type: 'SessionRenamed', payload: { title: 'B' } }]).when({ type: 'RenameSession', sessionId, title: 'B' }).then([]));
  it('tracks the latest query: a second query’s completion is refused for the first', () =>
    spec.given([opened, started('q1'), completed('q1'), started('q2')]).when({
      type: 'CompleteQuery', sessionId, queryId: 'q1', rowCount: 0, columns: [], durationMs: 1,
    }).thenRejects('QUERY_MISMATCH'));
  it('refuses to complete a query the person cancelled first (the cancel won the race)', () =>
    spec.given([opened, started(), began(), cancelled()]).when({
      type: 'CompleteQuery', sessionId, queryId: 'q1', rowCount: 0, columns: [], durationMs: 1,
    }).thenRejects('QUERY_MISMATCH'));
  it('carries the duration main measured into the end’s event, and none when it measured none (an end found at the next start)', () => {
    spec.given([opened, started(), began()]).when({ type: 'FailQuery', sessionId, queryId: 'q1', error, durationMs: 4012.5 }).then([{ type: 'QueryFailed', payload: { queryId: 'q1', error, durationMs: 4012.5 } }]);
    spec.given([opened, started(), began()]).when({ type: 'CancelQuery', sessionId, reason: 'user', durationMs: 812 }).then([{ type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'user', durationMs: 812 } }]);
    spec.given([opened, started(), began()]).when({ type: 'FailQuery', sessionId, queryId: 'q1', error }).then([failed()]);
  });
  it('records a failure without its stack, which stays in the log line of the same id', () =>
    spec.given([opened, started(), began()]).when({ type: 'FailQuery', sessionId, queryId: 'q1', error: { ...error, stack: 'Error: bad\n    at run (/opt/Sextant/resources/app.asar/out/main/worker.js:1:2)', cause: { message: 'bad', stack: 'at x' } } }).then([{ type: 'QueryFailed', payload: { queryId: 'q1', error: { ...error, cause: { message: 'bad' } } } }]));
  it('carries the datasets a failed query’s SQL names into its event, as a completion does', () => {
    const inputs = [{ datasetId: 'd1', name: 'flights' }];
    spec.given([opened, started(), began()]).when({ type: 'FailQuery', sessionId, queryId: 'q1', error, durationMs: 3, inputs }).then([{ type: 'QueryFailed', payload: { queryId: 'q1', error, durationMs: 3, inputs } }]);
  });
  it('ignores events after it closed', () =>
    spec.given([opened, closed, { type: 'SessionRenamed', payload: { title: 'x' } }]).when({ type: 'CloseSession', sessionId }).thenRejects('SESSION_CLOSED'));
});

describe('QuerySession: a long session’s results', () => {
  it('given 300 completed queries, then each can be sorted, and every earlier state is left as it was', () => {
    const events = [opened, ...Array.from({ length: 300 }, (_, i) => [started(`q${i}`), began(`q${i}`), completed(`q${i}`)]).flat()];
    const folded: QuerySessionState[] = [];
    events.reduce((state, e) => (folded.push(querySessionDecider.evolve(state, e)), folded.at(-1)!), querySessionDecider.initialState);
    // The state after q_i completed (its 3(i+1)th event) holds q_i and not q_(i+1): later folds share it, never change it.
    for (const i of [0, 64, 150, 298]) expect([hasResult(folded[3 * (i + 1)]!, `q${i}`), hasResult(folded[3 * (i + 1)]!, `q${i + 1}`)]).toEqual([true, false]);
    spec.given(events).when({ type: 'SetResultView', sessionId, queryId: 'q7', orderBy: [{ column: 0 }], filter: [] }).then([{ type: 'ResultViewSet', payload: { queryId: 'q7', orderBy: [{ column: 0 }], filter: [] } }]);
  });
});
