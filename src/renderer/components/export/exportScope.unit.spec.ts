import { describe, expect, it } from 'vitest';
import { exportScopeText } from './exportScope';

describe('exportScopeText: the export dialog says only what the grid does to the rows', () => {
  it('given no sort and no filter, then the grid’s order', () => {
    expect(exportScopeText(undefined)).toBe(', in the grid’s order');
    expect(exportScopeText({ orderBy: [], filter: [] })).toBe(', in the grid’s order');
  });

  it('given a sort alone, then sorted, not "sorted and filtered"', () => {
    expect(exportScopeText({ orderBy: [{ column: 0 }], filter: [] })).toBe(', sorted as the grid shows them');
  });

  it('given a filter alone, then filtered; given both, then both', () => {
    expect(exportScopeText({ orderBy: [], filter: [{ column: 1, op: 'isNull' }] })).toBe(', filtered as the grid shows them');
    expect(exportScopeText({ orderBy: [{ column: 0, descending: true }], filter: [{ column: 1, op: 'isNull' }] })).toBe(', sorted and filtered as the grid shows them');
  });

  it('given one row, then "it", not "them"', () => {
    expect(exportScopeText({ orderBy: [], filter: [{ column: 1, op: 'isNull' }] }, 1)).toBe(', filtered as the grid shows it');
    expect(exportScopeText({ orderBy: [], filter: [{ column: 1, op: 'isNull' }] }, 2)).toBe(', filtered as the grid shows them');
  });
});
