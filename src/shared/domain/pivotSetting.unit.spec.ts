import { describe, expect, it } from 'vitest';
import type { SessionCommand } from '../contracts/commands';
import type { SessionEvent } from '../contracts/events';
import type { PivotSpec } from '../pivot/pivotSpec';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { fold, isRejection } from './decider';
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

describe('QuerySession: SetPivot with a grain', () => {
  const dated = [
    { name: 'origin', type: 'VARCHAR' },
    { name: 'day', type: 'DATE' },
    { name: 'at', type: 'TIMESTAMP' },
    { name: 'n', type: 'BIGINT' },
  ];
  const datedDone: SessionEvent[] = [opened, started('q1'), { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 3, columns: dated, durationMs: 1 } }];
  const byMonth: PivotSpec = { rows: ['at'], columns: ['day'], values: 'n', aggregate: 'Sum', grains: { at: 'minute', day: 'quarter' } };
  const refusal = (s: PivotSpec) => {
    const result = querySessionDecider.decide(set('q1', s), fold(querySessionDecider, datedDone));
    return isRejection(result) ? `${result.code}: ${result.message}` : result;
  };

  it('given a timestamp row field and a date column field, when each gets a grain, then PivotSet records them', () => spec.given(datedDone).when(set('q1', byMonth)).then([pivotSet('q1', byMonth)]));

  it('given an old PivotSet without grains, then it still means exact values: setting it again records nothing', () => {
    const exact: PivotSpec = { rows: ['at'], columns: [], values: 'n', aggregate: 'Count' };
    spec.given([...datedDone, pivotSet('q1', exact)]).when(set('q1', exact)).then([]);
    spec.given([...datedDone, pivotSet('q1', exact)]).when(set('q1', { ...exact, grains: { at: 'month' } })).then([pivotSet('q1', { ...exact, grains: { at: 'month' } })]);
  });

  it('given a grain on a field that is not a date, then it is refused with a sentence', () => {
    expect(refusal({ ...byMonth, rows: ['origin'], grains: { origin: 'month' } })).toBe('INVALID_COMMAND: Only a date or timestamp field can be grouped by month; "origin" is VARCHAR.');
    expect(refusal({ ...byMonth, rows: ['n'], grains: { n: 'year' } })).toBe('INVALID_COMMAND: Only a date or timestamp field can be grouped by year; "n" is BIGINT.');
  });

  it('given an hour on a date, or a grain on a field on no axis, then it is refused', () => {
    expect(refusal({ ...byMonth, grains: { day: 'hour' } })).toBe('INVALID_COMMAND: A date has no hours to group by; "day" is DATE.');
    expect(refusal({ ...byMonth, values: 'at', rows: ['origin'], grains: { at: 'month' } })).toBe('INVALID_COMMAND: "at" is not a row or column field, so it cannot be grouped by month.');
  });
});
