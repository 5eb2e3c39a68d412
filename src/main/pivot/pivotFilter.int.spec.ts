import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../shared/contracts/events';
import type { PageFilter } from '../../shared/contracts/pageView';
import type { PivotPage } from '../../shared/pivot/pivotPage';
import { pivotOpenAsSql } from '../../shared/pivot/pivotOpenAsSql';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { pivotRows } from '../../../test/support/usePivotResult';
import { useTestSession } from '../../../test/support/useTestSession';
import { PivotService } from './pivotService';

/** seattle-weather's days per weather: the 5-row result of the defect. */
const COUNTS = `select weather, n from (values ('drizzle', 53), ('fog', 101), ('rain', 641), ('snow', 26), ('sun', 640)) v(weather, n)`;
/** 3,000 rows: NULL groups, a month column, and a text column holding quotes the filter compares with. */
const SQL = `select CASE WHEN range % 11 = 0 THEN NULL ELSE 'g' || (range % 3) END AS g, range % 7 AS m,
  (range * 7 % 101)::BIGINT AS v, CASE WHEN range % 5 = 0 THEN 'it''s''); drop table t; --' ELSE 'plain' END AS note
from range(3000)`;
const HOSTILE = "it's'); drop table t; --";


describe('PivotService over the rows the grid shows (the result view’s filters)', () => {
  const app = useTestSession('all');
  let pivots: PivotService;
  let raw: DuckDBConnection;
  let instance: DuckDBInstance;
  const results: Record<'counts' | 'big', { queryId: string; columns: readonly Column[] }> = {} as never;
  beforeAll(async () => {
    pivots = new PivotService(app.core().queryWorker, app.core().runner, () => app.core().projections.current.view);
    for (const [name, sql] of [['counts', COUNTS], ['big', SQL]] as const) {
      const ran = await app.run(sql);
      results[name] = { queryId: ran.queryId, columns: ran.end.type === 'QueryCompleted' ? ran.end.payload.columns : [] };
    }
    instance = await DuckDBInstance.create(':memory:');
    raw = await instance.connect();
    await raw.run(`CREATE TABLE counts AS ${COUNTS}`);
    await raw.run(`CREATE TABLE big AS ${SQL}`);
  });
  afterAll(() => {
    raw.closeSync();
    instance.closeSync();
  });

  /** Every row of a pivot, in pages of 2: the first from the head, the rest from its table. */
  async function all(queryId: string, spec: PivotSpec, filter: readonly PageFilter[]): Promise<{ first: PivotPage; rows: (string | null)[][] }> {
    const first = await pivots.page(queryId, spec, 0, 2, filter);
    if (!first.ok) throw new Error(first.error.message);
    const rows = pivotRows(first.value);
    while (rows.length < first.value.totalRows) {
      const next = await pivots.page(queryId, spec, rows.length, 2, filter);
      if (!next.ok) throw new Error(next.error.message);
      rows.push(...pivotRows(next.value));
    }
    return { first: first.value, rows };
  }
  const rawRows = async (sql: string) => (await raw.runAndReadAll(sql)).getRowsJS().map((r) => r.map((v) => (v === null ? null : String(v))));

  it('pivots the 3 rows the grid keeps for n > 60: 3 groups, and the Total is their average, as raw DuckDB computes it', async () => {
    const spec: PivotSpec = { rows: ['weather'], columns: [], values: 'n', aggregate: 'Average' };
    const { first, rows } = await all(results.counts.queryId, spec, [{ column: 1, op: 'gt', value: '60' }]);
    expect(first.groups).toBe(3);
    const want = await rawRows(`SELECT weather, avg(n) FROM counts WHERE n > 60 GROUP BY ROLLUP (weather) ORDER BY weather IS NOT NULL, weather`);
    expect(rows.map((r) => [r[1], Number(r[2])])).toEqual(want.map((r) => [r[0], Number(r[1])]));
    // unfiltered, the same spec is its own pivot of all 5
    const { first: whole } = await all(results.counts.queryId, spec, []);
    expect(whole.groups).toBe(5);
  });

  const filters: Record<string, { filter: PageFilter[]; where: string }> = {
    'v > 30 and note is not the hostile text': {
      filter: [
        { column: 2, op: 'gt', value: '30' },
        { column: 3, op: 'ne', value: HOSTILE },
      ],
      where: `v > 30 AND note <> '${HOSTILE.replaceAll("'", "''")}'`,
    },
    'note is the hostile text, m in 1..<4 (a brush)': {
      filter: [
        { column: 3, op: 'eq', value: HOSTILE },
        { column: 1, op: 'range', lo: '1', hi: '4', chart: 1 },
      ],
      where: `note = '${HOSTILE.replaceAll("'", "''")}' AND m >= 1 AND m < 4`,
    },
  };

  for (const [name, { filter, where }] of Object.entries(filters)) {
    for (const aggregate of ['Sum', 'Median'] as const) {
      it(`${aggregate} by g across m, filtered by ${name}: every cell equals raw DuckDB over the filtered rows, and so does Open as SQL`, async () => {
        const { queryId, columns } = results.big;
        const spec: PivotSpec = { rows: ['g'], columns: ['m'], values: 'v', aggregate };
        const { first, rows } = await all(queryId, spec, filter);
        const fn = aggregate === 'Sum' ? 'sum' : 'median';
        const ms = (await rawRows(`SELECT DISTINCT m FROM big WHERE ${where} ORDER BY m`)).map((r) => r[0]);
        expect(first.keys.values).toEqual(ms.map((m) => [m]));
        const cells = [...ms.map((m) => `${fn}(v) FILTER (WHERE m = ${m})`), `${fn}(v)`].join(', ');
        // the grand total first, then the groups by value, NULL last
        const want = await rawRows(`SELECT g, ${cells} FROM big WHERE ${where} GROUP BY ROLLUP (g) ORDER BY grouping(g) DESC, g NULLS LAST`);
        expect(first.groups).toBe(want.length - 1);
        const numbers = (r: (string | null)[]) => [r[0], ...r.slice(1).map((v) => (v === null ? null : Number(v)))];
        expect(rows.map((r) => numbers(r.slice(1)))).toEqual(want.map(numbers));
        // Open as SQL, run in raw DuckDB over the result's SQL, gives the app's rows
        const open = pivotOpenAsSql(spec, SQL, { keys: first.keys.values, distinct: first.keys.distinct }, columns, filter);
        expect(await rawRows(`SELECT COLUMNS(*)::VARCHAR FROM (${open})`)).toEqual(rows.map((r) => r.slice(1)));
      });
    }
  }

  it('a brush and the same range typed are one pivot: which chart drew a brush changes no row', async () => {
    const sent: string[] = [];
    const queryWorker = { request: (r: { type: string }) => (sent.push(r.type), app.core().queryWorker.request(r as never)) };
    const counting = new PivotService(queryWorker as never, app.core().runner, () => app.core().projections.current.view);
    const spec: PivotSpec = { rows: ['weather'], columns: [], values: 'n', aggregate: 'Sum' };
    const brush: PageFilter = { column: 1, op: 'range', lo: '50', hi: '700', chart: 0 };
    const ask = async (filter: PageFilter[]) => {
      const before = sent.length;
      const p = await counting.page(results.counts.queryId, spec, 0, 10, filter);
      if (!p.ok) throw new Error(p.error.message);
      return { requests: sent.length - before, rows: pivotRows(p.value) };
    };
    const first = await ask([brush]);
    await ask([brush]); // the pivot's table is made after its first page: this may still wait on it
    const again = await ask([brush]); // made: a page is one read
    const typed = await ask([{ column: 1, op: 'range', lo: '50', hi: '700' }]);
    expect(typed).toEqual(again);
    expect(first.rows).toEqual(typed.rows);
  });

  it('refuses a filter on a column the result lacks, with an error id', async () => {
    const p = await pivots.page(results.counts.queryId, { rows: ['weather'], columns: [], values: 'n', aggregate: 'Sum' }, 0, 10, [{ column: 9, op: 'isNull' }]);
    expect(p.ok ? undefined : [p.error.code, typeof p.error.id]).toEqual(['INVALID_COMMAND', 'string']);
  });
});
