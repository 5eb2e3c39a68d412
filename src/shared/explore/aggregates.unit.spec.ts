import { describe, expect, expectTypeOf, it } from 'vitest';
import { chartAggregates, type ChartAggregate } from '../chart/chartSpec';
import { pivotAggregates, type PivotAggregate } from '../pivot/pivotSpec';
import { aggregates } from './aggregates';

describe('the aggregates', () => {
  it('are one list: a pivot and a chart offer the same, in the same order', () => {
    expect(chartAggregates).toBe(aggregates);
    expect(pivotAggregates).toBe(aggregates);
    expect(aggregates).toEqual(['Count', 'Sum', 'Average', 'Median', 'Min', 'Max']);
    expectTypeOf<ChartAggregate>().toEqualTypeOf<PivotAggregate>();
  });
});
