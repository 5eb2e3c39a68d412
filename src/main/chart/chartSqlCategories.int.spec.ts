import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCube } from '../../shared/chart/chartCube';
import type { ChartData } from '../../shared/chart/chartData';
import { marksOf, selectableCategory } from '../../shared/chart/chartMarks';
import type { SingleChartSpec } from '../../shared/chart/chartSpec';
import { chartSql, type ChartSourceColumn } from '../../shared/chart/chartSql';
import type { PageFilter } from '../../shared/contracts/pageView';
import { filterCondition } from '../../shared/explore/filterSql';

/**
 * Categories whose values are literally '(other)' and 'NULL', beside SQL NULL, against raw DuckDB.
 * `k` has 63 values: c00…c59 (c00 the most frequent) and the three, all among the 50 most frequent,
 * so the rest bar exists and a real '(other)' is a bar of its own; `g` (a color, a heatmap's Y) has
 * 13: '(other)', 'NULL' and NULL the most frequent of them, g3…g12 the rest past the top 9.
 */
const COLUMNS: readonly ChartSourceColumn[] = [
  { name: 'k', type: 'VARCHAR' },
  { name: 'g', type: 'VARCHAR' },
  { name: 'v', type: 'DOUBLE' },
  { name: 'j', type: 'BIGINT' },
];
const TABLE = `CREATE TABLE t AS
  WITH cats AS (SELECT 'c' || lpad(i::VARCHAR, 2, '0') AS k, 100 - i AS n FROM range(60) r(i)
    UNION ALL SELECT * FROM (VALUES ('(other)', 95), ('NULL', 90), (NULL, 85)) v(k, n)),
  rows AS (SELECT k, unnest(range(n)) AS j FROM cats)
  SELECT k, CASE j % 13 WHEN 0 THEN '(other)' WHEN 1 THEN 'NULL' WHEN 2 THEN NULL ELSE 'g' || (j % 13) END AS g, (j * 1.5)::DOUBLE AS v, j FROM rows`;

/** A mark's category: its label and whether it is the rest, as one key (SQL NULL apart from the text 'NULL'). */
const key = (label: string | null | undefined, rest: boolean) => (rest ? 'REST' : label === null || label === undefined ? 'SQL NULL' : `=${label}`);
/** The raw GROUP BY's values in the order a chart caps them: most frequent first, ties by value, NULL last. */
const ranked = (counts: ReadonlyMap<string | null, number>) =>
  [...counts].sort(([a, m], [b, n]) => n - m || (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0)).map(([v]) => v);

describe('chartSql over categories named (other) and NULL', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string, params: readonly string[] = []) => (await c.runAndReadAll(sql, [...params])).getRowsJS().map((r) => r.map((x) => (x === null ? null : String(x))));
  const chart = async (spec: SingleChartSpec, filter?: { sql: string; params: string[] }): Promise<ChartData> => {
    const q = chartSql(spec, 't', COLUMNS, { rows: 100_000, ...(filter ? { filter: filter.sql } : {}) });
    return { queryId: 'q', spec, columns: [...q.columns], rows: await rows(q.sql, filter?.params), truncated: false };
  };
  /** Each row of chart data as the keys of its category roles (label and rest flag together) and its value. */
  const keyed = (data: ChartData, roles: readonly ('x' | 'y' | 'color')[], value: string) =>
    data.rows
      .map((r) => {
        const at = (role: string) => r[data.columns.findIndex((col) => col.role === role)];
        return [...roles.map((role) => key(at(role), at(`${role}Rest`) === 'true')), Number(at(value))].join(' | ');
      })
      .sort();
  /**
   * Raw DuckDB's `extra` (a count) grouped by `columns` over the rows `where` keeps, each column's
   * values past its `top` most frequent combined as the rest.
   */
  const oracle = async (columns: readonly string[], tops: readonly number[], { extra = 'count(*)', combine = (a: number, b: number) => a + b, where = 'true' } = {}) => {
    const tops_ = await Promise.all(
      columns.map(async (col, i) => new Set(ranked(new Map((await rows(`SELECT ${col}, count(*) FROM t WHERE ${where} GROUP BY ALL`)).map(([v, n]) => [v ?? null, Number(n)]))).slice(0, tops[i]))),
    );
    const sums = new Map<string, number>();
    for (const r of await rows(`SELECT ${columns.join(', ')}, ${extra} FROM t WHERE ${where} GROUP BY ALL`)) {
      const k = columns.map((_, i) => key(r[i], !tops_[i]!.has(r[i] ?? null))).join(' | ');
      const n = Number(r[columns.length]);
      const known = sums.get(k);
      sums.set(k, known === undefined ? n : combine(known, n));
    }
    return [...sums].map(([k, n]) => `${k} | ${n}`).sort();
  };

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    await c.run(TABLE);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('given a real (other) among the top 50, when barred, then it is a bar of its own beside the rest, as raw DuckDB counts them', async () => {
    const drawn = keyed(await chart({ mark: 'Bar', x: 'k', aggregate: 'Count' }), ['x'], 'value');
    const expected = await oracle(['k'], [50]);
    expect(drawn).toEqual(expected);
    expect(expected).toContain('=(other) | 95');
    expect(expected).toContain('=NULL | 90');
    expect(expected).toContain('SQL NULL | 85');
    // c47…c59 past the top 50: 53 + 52 + … + 41
    expect(expected).toContain(`REST | ${13 * 47}`);
  });

  it('given a color with a real (other) among its top 9, when barred by color, then each bar and color is raw DuckDB’s count', async () => {
    expect(keyed(await chart({ mark: 'Bar', x: 'k', color: 'g', aggregate: 'Count' }), ['x', 'color'], 'value')).toEqual(await oracle(['k', 'g'], [50, 9]));
  });

  it('given categories on X and Y, when drawn as a heatmap, then each cell is raw DuckDB’s count (a heatmap places no SQL NULL)', async () => {
    const expected = await oracle(['k', 'g'], [50, 50], { where: 'k IS NOT NULL AND g IS NOT NULL' });
    expect(keyed(await chart({ mark: 'Heatmap', x: 'k', y: 'g', aggregate: 'Count' }), ['x', 'y'], 'value')).toEqual(expected);
    expect(expected.filter((cell) => cell.startsWith('REST | =(other)'))).toHaveLength(1);
  });

  it('given a line colored by g, then each series is raw DuckDB’s, the rest a series apart from a real (other)', async () => {
    const drawn = await chart({ mark: 'Line', x: 'j', color: 'g', aggregate: 'Count' });
    const withX = drawn.rows.map((r) => `${r[0]} | ${key(r[1], r[3] === 'true')} | ${r[2]}`).sort();
    const expected = (await oracle(['j', 'g'], [1000, 9])).map((line) => line.replace(/^=/, ''));
    expect(drawn.columns.map((col) => col.role)).toEqual(['x', 'color', 'value', 'colorRest']);
    expect(withX).toEqual(expected);
  });

  it('given a box plot per k, then a real (other) and the rest have raw DuckDB’s max each', async () => {
    expect(keyed(await chart({ mark: 'Box', x: 'k', y: 'v', aggregate: 'Count' }), ['x'], 'max')).toEqual(await oracle(['k'], [30], { extra: 'max(v)', combine: Math.max }));
  });

  it('given bars answered from a cube, then they equal the direct query’s, a real (other) apart from the rest', async () => {
    const spec: SingleChartSpec = { mark: 'Bar', x: 'k', aggregate: 'Count' };
    const cube = chartCube(spec, 't', COLUMNS, 'j', 1);
    await c.run(cube.create('cube'));
    const marks = cube.marks('cube', 0, 1000);
    const direct = await chart(spec);
    expect(marks.columns).toEqual(direct.columns);
    const fromCube = await rows(marks.sql);
    expect(fromCube).toEqual(direct.rows);
    expect(keyed({ ...direct, rows: fromCube }, ['x'], 'value')).toEqual(expect.arrayContaining(['=(other) | 95', `REST | ${13 * 47}`]));
  });

  it('given a brush over the real NULL string, then it is selectable on its own and filters exactly its rows', async () => {
    const bars = marksOf(await chart({ mark: 'Bar', x: 'k', aggregate: 'Count' }));
    const selectable = bars.map((m) => m.x).filter((x): x is string => typeof x === 'string' && selectableCategory(x));
    // the real strings are bars a person selects; the rest and SQL NULL are drawn but not selectable
    expect(bars).toHaveLength(51);
    expect(selectable).toHaveLength(49);
    expect(selectable.filter((x) => x === 'NULL' || x === '(other)')).toEqual(['(other)', 'NULL']);
    for (const value of ['NULL', '(other)']) {
      // what a click on the bar records, and a drag over it with the next bar
      for (const f of [{ column: 0, op: 'eq', value }, { column: 0, op: 'in', values: [value, 'c00'] }] satisfies PageFilter[]) {
        const params: string[] = [];
        const sql = filterCondition(f, 'k', 'VARCHAR', (text) => `$${params.push(text)}`);
        const linked = await chart({ mark: 'Bar', x: 'g', aggregate: 'Count' }, { sql, params });
        const [[expected]] = (await rows(`SELECT count(*) FROM t WHERE k IN ($1, $2)`, [value, f.op === 'in' ? 'c00' : value])) as [[string]];
        expect(linked.rows.reduce((s, r) => s + Number(r[1]), 0), `${f.op} ${value}`).toBe(Number(expected));
      }
    }
  });
});
