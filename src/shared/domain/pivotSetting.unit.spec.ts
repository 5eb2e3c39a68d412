import { describe, it } from 'vitest';
import type { SessionCommand } from '../contracts/commands';
import type { SessionEvent } from '../contracts/events';
import type { PivotSpec } from '../pivot/pivotSpec';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { querySessionDecider } from './querySession';

const spec = deciderSpec(querySessionDecider);
const sessionId = 's1';
const columns = [
  { name: 'origin', type: 'VARCHAR' },
  { name: 'de"lay', type: 'BIGINT' },
];
const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'S' } };
const started = (queryId: string): SessionEvent => ({ type: 'QueryStarted', payload: { queryId, sql: 'select 1' } });
const completed = (queryId: string): SessionEvent => ({ type: 'QueryCompleted', payload: { queryId, rowCount: 3, columns, durationMs: 1 } });
const pivot: PivotSpec = { rows: ['origin'], columns: [], values: 'de"lay', aggregate: 'Average' };
const set = (queryId: string, s: PivotSpec | null): SessionCommand => ({ type: 'SetPivot', sessionId, queryId, spec: s });
const pivotSet = (queryId: string, s: PivotSpec | null): SessionEvent => ({ type: 'PivotSet', payload: { queryId, spec: s } });
const done = [opened, started('q1'), completed('q1')];

describe('QuerySession: SetPivot', () => {
  it('given a completed query, when its pivot is set, then PivotSet records it', () => spec.given(done).when(set('q1', pivot)).then([pivotSet('q1', pivot)]));

  it('given the same pivot is set, then nothing is recorded; closing it is recorded', () => {
    spec.given([...done, pivotSet('q1', pivot)]).when(set('q1', pivot)).then([]);
    spec.given([...done, pivotSet('q1', pivot)]).when(set('q1', null)).then([pivotSet('q1', null)]);
    spec.given(done).when(set('q1', null)).then([]);
  });

  it('given a query still running or unknown here, then it is refused', () => {
    spec.given([opened, started('q1')]).when(set('q1', pivot)).thenRejects('RESULT_NOT_FOUND');
    spec.given(done).when(set('q9', pivot)).thenRejects('RESULT_NOT_FOUND');
  });

  it('given a field the result does not have, then it is refused', () =>
    spec.given(done).when(set('q1', { ...pivot, rows: ['nope'] })).thenRejects('INVALID_COMMAND'));
});
