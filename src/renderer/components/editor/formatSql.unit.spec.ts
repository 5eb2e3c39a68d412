import { describe, expect, it } from 'vitest';
import { formatSql } from './formatSql';

describe('format SQL', () => {
  it('lays a one-line query out over clauses, keeping keyword case', () => {
    expect(formatSql('select Name, Year from cars where Year > 1970 order by Name')).toBe(
      'select\n  Name,\n  Year\nfrom\n  cars\nwhere\n  Year > 1970\norder by\n  Name',
    );
  });
  it('understands DuckDB syntax', () => {
    expect(formatSql('from cars select * exclude (Name) limit 5')).toContain('exclude (Name)');
  });
});
