import { describe, expect, it } from 'vitest';
import type { SessionCommand } from '../contracts/commands';

type SetResultViewCommand = Extract<SessionCommand, { type: 'SetResultView' }>;
import type { SessionEvent } from '../contracts/events';
import type { PageFilter } from '../contracts/pageView';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { querySessionDecider } from './querySession';
import { valueFilter } from './resultView';

const spec = deciderSpec(querySessionDecider);
const sessionId = 's1';
const columns = [
  { name: 'a', type: 'INTEGER' },
  { name: 'b', type: 'VARCHAR' },
];
const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'S' } };
const started = (queryId: string): SessionEvent => ({ type: 'QueryStarted', payload: { queryId, sql: 'select 1' } });
const began = (queryId: string): SessionEvent => ({ type: 'ExecutionBegan', payload: { queryId } });
const completed = (queryId: string): SessionEvent => ({ type: 'QueryCompleted', payload: { queryId, rowCount: 3, columns, durationMs: 1 } });
const failed = (queryId: string): SessionEvent => ({ type: 'QueryFailed', payload: { queryId, error: { id: 'e', code: 'SQL_ERROR', message: 'x' } } });
const filter: PageFilter[] = [{ column: 1, op: 'contains', value: "'); drop table x; --" }];
type SortKeys = SetResultViewCommand['orderBy'];
const orderBy: SortKeys = [{ column: 0, descending: true }];
const set = (queryId: string, view: { orderBy?: SortKeys; filter?: PageFilter[] } = {}): SessionCommand => ({
  type: 'SetResultView',
  sessionId,
  queryId,
  orderBy: view.orderBy ?? [],
  filter: view.filter ?? [],
});
const viewSet = (queryId: string, view: { orderBy?: SortKeys; filter?: PageFilter[] } = {}): SessionEvent => ({
  type: 'ResultViewSet',
  payload: { queryId, orderBy: view.orderBy ?? [], filter: view.filter ?? [] },
});
const done = [opened, started('q1'), began('q1'), completed('q1')];

describe('QuerySession: SetResultView', () => {
  it('given a completed query, when its view is set, then ResultViewSet records it', () =>
    spec.given(done).when(set('q1', { orderBy, filter })).then([viewSet('q1', { orderBy, filter })]));

  it('given an older completed query, when its view is set after a newer query ran, then it is recorded too', () =>
    spec.given([...done, started('q2'), began('q2'), completed('q2')]).when(set('q1', { orderBy })).then([viewSet('q1', { orderBy })]));

  it('given the same view is already set, then nothing is recorded (descending: false reads as ascending)', () => {
    spec.given([...done, viewSet('q1', { orderBy, filter })]).when(set('q1', { orderBy, filter })).then([]);
    spec.given([...done, viewSet('q1', { orderBy: [{ column: 0 }] })]).when(set('q1', { orderBy: [{ column: 0, descending: false }] })).then([]);
  });

  it('given a completed query as it came, when the plain view is set, then nothing is recorded', () => spec.given(done).when(set('q1')).then([]));

  it('given a sorted result, when the view is cleared, then the clearing is recorded', () =>
    spec.given([...done, viewSet('q1', { orderBy })]).when(set('q1')).then([viewSet('q1')]));

  it('given a query still running, then it is refused: there is no whole result yet', () =>
    spec.given([opened, started('q1'), began('q1')]).when(set('q1', { orderBy })).thenRejects('RESULT_NOT_FOUND'));

  it('given a failed query, then it is refused', () => spec.given([opened, started('q1'), failed('q1')]).when(set('q1', { orderBy })).thenRejects('RESULT_NOT_FOUND'));

  it('given a query of another session (unknown here), then it is refused', () => spec.given(done).when(set('q9', { orderBy })).thenRejects('RESULT_NOT_FOUND'));

  it('given a column the result does not have, then it is refused', () => {
    spec.given(done).when(set('q1', { orderBy: [{ column: 2 }] })).thenRejects('INVALID_COMMAND');
    spec.given(done).when(set('q1', { filter: [{ column: 5, op: 'isNull' }] })).thenRejects('INVALID_COMMAND');
  });

  it('given a closed session, then it is refused; reopened, its results can be sorted again', () => {
    const closed: SessionEvent = { type: 'SessionClosed', payload: {} };
    spec.given([...done, closed]).when(set('q1', { orderBy })).thenRejects('SESSION_CLOSED');
    spec.given([...done, closed, { type: 'SessionReopened', payload: {} }]).when(set('q1', { orderBy })).then([viewSet('q1', { orderBy })]);
  });

  it('given no session, then it is refused', () => spec.given([]).when(set('q1', { orderBy })).thenRejects('SESSION_NOT_FOUND'));
});

describe('valueFilter: the filter a profile value sets on its column', () => {
  it('keeps the rows equal to a value, and the NULL rows for null (never eq NULL, which matches nothing)', () => {
    expect(valueFilter(2, 'JFK')).toEqual([{ column: 2, op: 'eq', value: 'JFK' }]);
    expect(valueFilter(0, '')).toEqual([{ column: 0, op: 'eq', value: '' }]);
    expect(valueFilter(1, null)).toEqual([{ column: 1, op: 'isNull' }]);
  });
});
