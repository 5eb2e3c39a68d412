import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../shared/chart/chartSpec';
import type { SessionView } from '../../../shared/views/appView';
import type { GridResult } from '../grid/useResultPages';
import { carriedSpec, carryStep, shownSpec } from './chartCarry';

const CARS = [
  { name: 'Name', type: 'VARCHAR' },
  { name: 'Miles_per_Gallon', type: 'DOUBLE' },
  { name: 'Year', type: 'DATE' },
];
const LINE: ChartSpec = { mark: 'Line', x: 'Year', y: 'Miles_per_Gallon', aggregate: 'Average' };
const done = (queryId: string, columns = CARS): GridResult => ({ queryId, columns, rowCount: 406 });
const running = (queryId: string): GridResult => ({ queryId, columns: undefined, rowCount: undefined });
const session = (charts: Record<string, ChartSpec | undefined>) =>
  ({ id: 's', history: Object.entries(charts).map(([queryId, chart]) => ({ queryId, ...(chart ? { chart } : {}) })) }) as unknown as SessionView;

describe('a chart carried to the next result', () => {
  it('is what the session records for the result it came from, read each time: an undo of that setting carries nothing', () => {
    expect(carriedSpec(session({ a: LINE }), 'a')).toEqual(LINE);
    expect(carriedSpec(session({ a: undefined }), 'a')).toBeUndefined();
    expect(carriedSpec(session({ a: LINE }), undefined)).toBeUndefined();
  });

  it('given the first chart of a result undone, when that result is shown, nothing is recorded and no chart is shown: the chart is dropped', () => {
    // the defect: the remembered chart was recorded again for the very result its undo had left without one
    const after = session({ a: undefined });
    expect(carryStep('a', carriedSpec(after, 'a'), done('a'), undefined)).toEqual({ kind: 'drop' });
    expect(shownSpec(undefined, undefined, 'a', carriedSpec(after, 'a'), done('a'))).toBeUndefined();
  });

  it('never records for the result it came from: only a new result is charted by it', () => {
    expect(carryStep('a', LINE, done('a'), undefined)).toEqual({ kind: 'wait' });
    expect(shownSpec(undefined, undefined, 'a', LINE, done('a'))).toBeUndefined();
  });

  it('given a new result of the session, it waits while the query runs (shown, waiting), then records the same chart', () => {
    expect(carryStep('a', LINE, running('b'), undefined)).toEqual({ kind: 'wait' });
    expect(shownSpec(undefined, undefined, 'a', LINE, running('b'))).toEqual(LINE);
    expect(carryStep('a', LINE, done('b'), undefined)).toEqual({ kind: 'record', spec: LINE });
  });

  it('a new result whose columns do not fit gets a proposed chart; one with nothing to propose records nothing', () => {
    const other = [{ name: 'origin', type: 'VARCHAR' }];
    expect(carryStep('a', LINE, done('b', other), undefined)).toEqual({ kind: 'record', spec: { mark: 'Bar', x: 'origin', aggregate: 'Count' } });
    expect(carryStep('a', LINE, done('b', []), undefined)).toEqual({ kind: 'wait' });
  });

  it('a result with a chart of its own keeps it, and a choice not yet recorded is shown first', () => {
    const bar: ChartSpec = { mark: 'Bar', x: 'Name', aggregate: 'Count' };
    expect(carryStep('a', LINE, done('b'), bar)).toEqual({ kind: 'wait' });
    expect(shownSpec(undefined, bar, 'a', LINE, done('b'))).toEqual(bar);
    expect(shownSpec(LINE, bar, 'a', LINE, done('b'))).toEqual(LINE);
  });

  it('given the chart it came from closed or undone while a new query runs, the chart is dropped: the new result is not charted', () => {
    expect(carryStep('a', undefined, running('b'), undefined)).toEqual({ kind: 'drop' });
    expect(carryStep('a', undefined, done('b'), undefined)).toEqual({ kind: 'drop' });
  });

  it('nothing carried: nothing to do', () => {
    expect(carryStep(undefined, undefined, done('b'), undefined)).toEqual({ kind: 'wait' });
    expect(shownSpec(undefined, undefined, undefined, undefined, done('b'))).toBeUndefined();
  });
});
