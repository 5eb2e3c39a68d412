import { describe, expect, it } from 'vitest';
import { rawTextRows } from '../../../test/support/rawTextRows';
import { datasetName } from '../../shared/domain/datasetName';

/** The naming rule against the DuckDB Sextant runs (docs/contracts.md, "Dataset names"). */
describe('dataset names stand bare in DuckDB (real DuckDB)', () => {
  it('given files named after keywords or digits, then each name is a view DuckDB reads unquoted', async () => {
    const names = ['/d/group.csv', '/d/semi.csv', '/d/select.parquet', '/d/2024_sales.csv', '/d/données été.csv', '/d/data.csv', '/d/time.csv'].map((s) => datasetName(s, new Set()));
    const rows = await rawTextRows(`${names.map((n) => `CREATE VIEW ${n} AS SELECT '${n}' AS n`).join(';;')};;${names.map((n) => `SELECT n FROM ${n}`).join(' UNION ALL ')}`);
    expect(rows.map(([n]) => n).sort()).toEqual([...names].sort());
  });
});
