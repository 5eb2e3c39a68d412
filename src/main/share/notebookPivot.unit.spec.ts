import { describe, expect, it } from 'vitest';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { pivotSection } from './notebookPivot';

describe('pivotSection: a pivot in the notebook, as the grid shows it', () => {
  it('given a combination with no rows beside a sum of only NULLs, then the first is an empty cell and the second NULL', () => {
    const spec: PivotSpec = { rows: ['cat'], columns: ['flag'], values: 'v', aggregate: 'Sum' };
    const head = {
      totalRows: 3,
      groups: 2,
      columns: [{ name: 'level', type: 'BIGINT' }, { name: 'cat', type: 'VARCHAR' }, { name: 'false', type: 'HUGEINT' }, { name: 'true', type: 'HUGEINT' }, { name: 'Total', type: 'HUGEINT' }],
      values: [['0', '1', '1'], [null, 'even', 'odd'], ['1200', null, '1200'], [null, null, null], ['1200', null, '1200']],
      // row 1 (even) has no rows with flag false; no row at all has flag true
      empty: [[1], [0, 1], [1]],
    };
    const keys = { keys: [['false'], ['true']], distinct: 2 };
    const lines = pivotSection({ ok: true, value: { spec, keys, head, filtered: false } }, spec).join('\n');
    expect(lines).toContain('| Total | 1,200 |  | 1,200 |');
    expect(lines).toContain('| even |  |  | *NULL* |');
  });

  it('given an Average of a BIGINT beyond a quadrillion, then its cells keep their whole digits, grouped, as the grid and the profile write them', () => {
    const spec: PivotSpec = { rows: ['g'], columns: [], values: 'v', aggregate: 'Average' };
    const head = {
      totalRows: 3,
      groups: 2,
      columns: [{ name: 'level', type: 'BIGINT' }, { name: 'g', type: 'BIGINT' }, { name: 'Average of v', type: 'DOUBLE' }],
      values: [['0', '1', '1'], [null, '0', '1'], ['9007199254740994.0', '9007199254740994.0', '12.5']],
    };
    const keys = { keys: [], distinct: 0 };
    const lines = pivotSection({ ok: true, value: { spec, keys, head, filtered: false, valueType: 'BIGINT' } }, spec).join('\n');
    expect(lines).toContain('| Total | 9,007,199,254,740,994 |');
    expect(lines).toContain('| 0 | 9,007,199,254,740,994 |');
    expect(lines).toContain('| 1 | 12.50 |');
    expect(lines).not.toContain('e+15');
  });
});
