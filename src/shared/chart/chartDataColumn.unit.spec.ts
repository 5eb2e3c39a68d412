import { describe, expect, expectTypeOf, it } from 'vitest';
import { chartDataSchema, type ChartData } from './chartData';
import { chartDataColumnSchema, chartRoles, type ChartDataColumn, type ChartRole } from './chartDataColumn';
import type { AxisKind } from './chartSpec';

describe('a column of chart data', () => {
  it('is one contract: the roles chartSql writes are the roles chartData carries, from one list', () => {
    expect(chartDataSchema.shape.columns.element).toBe(chartDataColumnSchema);
    expect(chartDataColumnSchema.unwrap().shape.role.options).toEqual(chartRoles);
    expectTypeOf<ChartData['columns'][number]>().toEqualTypeOf<ChartDataColumn>();
    expectTypeOf<ChartDataColumn['role']>().toEqualTypeOf<ChartRole>();
    expectTypeOf<ChartDataColumn['kind']>().toEqualTypeOf<AxisKind | 'flag'>();
  });

  it('accepts every role and a flag, and nothing else', () => {
    for (const role of chartRoles) expect(chartDataColumnSchema.safeParse({ role, kind: 'flag', label: 'x' }).success).toBe(true);
    expect(chartDataColumnSchema.safeParse({ role: 'size', kind: 'number', label: 'x' }).success).toBe(false);
    expect(chartDataColumnSchema.safeParse({ role: 'x', kind: 'bool', label: 'x' }).success).toBe(false);
  });
});
