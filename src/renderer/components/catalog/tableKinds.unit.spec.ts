import { describe, expect, it } from 'vitest';
import { kindDescription, tablesSummary, unreadableNote } from './tableKinds';

const table = {};
const view = { kind: 'view' } as const;
const broken = { kind: 'view', unreadable: 'Table with name gone does not exist!' } as const;

describe('tableKinds (a DuckDB database file’s tables and views, in the catalog’s words)', () => {
  it('given tables and a view, then they are counted apart, each in its right number', () => {
    expect(tablesSummary([table, table, view])).toBe('2\u00a0tables, 1\u00a0view');
    expect(tablesSummary([table, view, view])).toBe('1\u00a0table, 2\u00a0views');
  });

  it('given tables only (or an older log, which says nothing of kinds), then tables only', () => {
    expect(tablesSummary([table])).toBe('1\u00a0table');
    expect(tablesSummary([table, { kind: 'table' }])).toBe('2\u00a0tables');
    expect(tablesSummary([])).toBe('0\u00a0tables');
  });

  it('given views only, then views only; a view that cannot be read is still a view', () => {
    expect(tablesSummary([view])).toBe('1\u00a0view');
    expect(tablesSummary([table, view, broken])).toBe('1\u00a0table, 2\u00a0views');
  });

  it('given views that cannot be read, then a note counting them; none, no note', () => {
    expect(unreadableNote([table, broken])).toBe('1\u00a0view cannot be read');
    expect(unreadableNote([broken, broken])).toBe('2\u00a0views cannot be read');
    expect(unreadableNote([table, view])).toBeUndefined();
  });

  it('given each kind, then what a screen reader is told of it', () => {
    expect(kindDescription(table)).toBe('table');
    expect(kindDescription(view)).toBe('view');
    expect(kindDescription(broken)).toBe('view that cannot be read: Table with name gone does not exist!');
  });
});
