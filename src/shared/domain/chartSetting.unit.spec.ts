import { describe, expect, it } from 'vitest';
import { sessionEventSchema, type SessionEvent } from '../contracts/events';
import type { ChartSpec } from '../chart/chartSpec';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { chartKey } from './chartSetting';
import { querySessionDecider } from './querySession';

const spec = deciderSpec(querySessionDecider);
const sessionId = 's1';
const histogram: ChartSpec = { mark: 'Histogram', x: 'de"lay ✈', aggregate: 'Count' };
const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'Session 1' } };
const started: SessionEvent = { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } };
const completed: SessionEvent = { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns: [{ name: 'de"lay ✈', type: 'INTEGER' }], durationMs: 1 } };
const chartSet = (s: ChartSpec | null): SessionEvent => ({ type: 'ChartSet', payload: { queryId: 'q1', spec: s } });

describe('SetChart', () => {
  it('given a completed result, records its chart', () => {
    spec.given([opened, started, completed]).when({ type: 'SetChart', sessionId, queryId: 'q1', spec: histogram }).then([chartSet(histogram)]);
  });
  it('records nothing when the chart is already so, and records closing it', () => {
    spec.given([opened, started, completed, chartSet(histogram)]).when({ type: 'SetChart', sessionId, queryId: 'q1', spec: { ...histogram } }).then([]);
    spec.given([opened, started, completed, chartSet(histogram)]).when({ type: 'SetChart', sessionId, queryId: 'q1', spec: null }).then([chartSet(null)]);
    spec.given([opened, started, completed]).when({ type: 'SetChart', sessionId, queryId: 'q1', spec: null }).then([]);
  });
  it('refuses a result that is not complete, or not of this session', () => {
    spec.given([opened, started]).when({ type: 'SetChart', sessionId, queryId: 'q1', spec: histogram }).thenRejects('RESULT_NOT_FOUND');
    spec.given([opened, started, completed]).when({ type: 'SetChart', sessionId, queryId: 'q2', spec: histogram }).thenRejects('RESULT_NOT_FOUND');
  });
  it('given a chart, records the charts added beside it, and the same linked charts again record nothing', () => {
    const linked: ChartSpec = { ...histogram, linked: [{ mark: 'Bar', x: 'de"lay ✈', aggregate: 'Count' }] };
    spec.given([opened, started, completed, chartSet(histogram)]).when({ type: 'SetChart', sessionId, queryId: 'q1', spec: linked }).then([chartSet(linked)]);
    spec.given([opened, started, completed, chartSet(linked)]).when({ type: 'SetChart', sessionId, queryId: 'q1', spec: { ...linked } }).then([]);
    spec.given([opened, started, completed, chartSet(linked)]).when({ type: 'SetChart', sessionId, queryId: 'q1', spec: histogram }).then([chartSet(histogram)]);
  });
});

describe('chartKey', () => {
  it('keeps the key a single chart always had (snapshots hold it), and an older ChartSet without linked charts still parses', () => {
    expect(chartKey(histogram)).toBe(JSON.stringify(['Histogram', 'de"lay ✈', null, null, 'Count']));
    expect(sessionEventSchema.safeParse(chartSet(histogram)).success).toBe(true);
    expect(sessionEventSchema.safeParse(chartSet({ ...histogram, linked: [] })).success).toBe(false);
  });
});
