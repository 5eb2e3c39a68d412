import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { useTestSession } from '../../../test/support/useTestSession';

const WEATHER = resolve('node_modules/vega-datasets/data/seattle-weather.csv');

/** The pivot table written after the query whose SQL block starts with `sql`: its header and rows, cells unescaped. */
function pivotTableAfter(md: string, sql: string): { intro: string; header: string[]; rows: string[][] } {
  const section = md.slice(md.indexOf(`\`\`\`sql\n${sql}`));
  const from = section.indexOf('\nPivot: ');
  expect(from).toBeGreaterThan(0);
  const lines = section.slice(from + 1).split('\n');
  const start = lines.findIndex((l) => l.startsWith('| '));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  const cells = (line: string) => line.slice(2, -2).split(' | ').map((c) => c.trim());
  return { intro: lines.slice(0, start).join('\n'), header: cells(lines[start]!), rows: lines.slice(start + 2, end === -1 ? undefined : end).map(cells) };
}

/** A cell's number without its grouping commas. */
const number = (cell: string): number => Number(cell.replaceAll(',', ''));

/** Rows of raw DuckDB over the CSV file itself, each value as JS gives it. */
async function raw(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    return (await c.runAndReadAll(sql.replaceAll('weather_csv', `read_csv('${WEATHER}')`))).getRowsJS();
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

// A result's pivot is in the notebook as the grid shows it, and its numbers are DuckDB's.
describe('the Markdown notebook of a session whose results have pivots', () => {
  const app = useTestSession('all');
  const SUMS = 'select *, year("date")::INTEGER as yr from seattle_weather';
  const DAYS = 'select * from seattle_weather';
  const NESTED = 'select weather, year("date")::INTEGER as yr from seattle_weather';
  let md = '';
  let out = '';
  beforeAll(async () => {
    const core = app.core();
    const added = await core.dispatch({ type: 'AddDataset', source: WEATHER });
    if (!added.ok) throw new Error(added.error.message);
    await core.catalog.idle();
    const sessionId = app.sessionId();
    const pivot = async (sql: string, spec: PivotSpec) => {
      const { queryId } = await app.run(sql);
      const set = await core.dispatch({ type: 'SetPivot', sessionId, queryId, spec });
      if (!set.ok) throw new Error(set.error.message);
      return queryId;
    };
    const sums = await pivot(SUMS, { rows: ['weather'], columns: ['yr'], values: 'precipitation', aggregate: 'Sum' });
    // the grid's filter (wind above 3): the pivot is of the rows it shows
    const view = await core.dispatch({ type: 'SetResultView', sessionId, queryId: sums, orderBy: [], filter: [{ column: 4, op: 'gt', value: '3' }] });
    if (!view.ok) throw new Error(view.error.message);
    await pivot(DAYS, { rows: ['date'], columns: [], values: 'temp_max', aggregate: 'Max' });
    await pivot(NESTED, { rows: ['weather', 'yr'], columns: [], values: 'weather', aggregate: 'Count' });
    out = mkdtempSync(join(tmpdir(), 'sextant-notebook-pivot-'));
    const path = join(out, 'notebook.md');
    const result = await core.sessionExports.export(sessionId, 'markdown', { kind: 'file', path });
    if (!result.ok) throw new Error(result.error.message);
    md = readFileSync(path, 'utf8');
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes a pivot with column keys as the grid shows it: the Total row first, a column per year and Total, each sum raw DuckDB’s', async () => {
    const { intro, header, rows } = pivotTableAfter(md, SUMS);
    expect(intro).toContain('Pivot: Sum of precipitation by weather across yr, of the rows its filters show.');
    expect(intro).toContain('6 rows: 5 groups of weather and the Total. Columns: the values of yr.');
    expect(header).toEqual(['weather', '2012', '2013', '2014', '2015', 'Total']);
    const sums = await raw('SELECT weather, year("date")::INTEGER AS yr, sum(precipitation) FROM weather_csv WHERE wind > 3 GROUP BY ALL');
    // no row of that weather that year: drawn empty as the grid draws it where the pivot reports such
    // cells (PivotPage.empty), else DuckDB's NULL
    const sum = (weather: string | undefined, yr: number | undefined) => {
      const of = sums.filter(([w, y]) => (weather === undefined || w === weather) && (yr === undefined || y === yr));
      return of.length === 0 ? null : of.reduce((s, r) => s + Number(r[2]), 0);
    };
    const years = [2012, 2013, 2014, 2015];
    const kinds = [...new Set(sums.map((r) => String(r[0])))].sort();
    expect(rows.map((r) => r[0])).toEqual(['Total', ...kinds]);
    for (const row of rows) {
      const weather = row[0] === 'Total' ? undefined : row[0];
      // two decimals, as the grid shows a DOUBLE
      for (const [i, yr] of [...years, undefined].entries()) {
        const expected = sum(weather, yr);
        if (expected === null) {
          expect(['', '*NULL*']).toContain(row[1 + i]);
          continue;
        }
        expect(row[1 + i]).toMatch(/^-?[\d,]+\.\d\d$/);
        expect(number(row[1 + i]!)).toBeCloseTo(expected, 2);
      }
    }
  });

  it('caps a long pivot at the notebook’s 20 rows and says how many it has', async () => {
    const { intro, header, rows } = pivotTableAfter(md, DAYS);
    const [[days]] = (await raw('SELECT count(DISTINCT "date")::INTEGER FROM weather_csv')) as [[number]];
    expect(intro).toContain(`The first 20 rows of ${(days + 1).toLocaleString('en-US')} rows: ${days.toLocaleString('en-US')} groups of date and the Total.`);
    expect(header).toEqual(['date', 'Max of temp_max']);
    expect(rows).toHaveLength(20);
    const expected = await raw('SELECT strftime("date", \'%Y-%m-%d\'), max(temp_max) FROM weather_csv GROUP BY 1 ORDER BY 1 LIMIT 19');
    const [[top]] = (await raw('SELECT max(temp_max) FROM weather_csv')) as [[number]];
    expect(rows[0]![0]).toBe('Total');
    expect(number(rows[0]![1]!)).toBeCloseTo(top, 2);
    expect(rows.slice(1).map((r) => [r[0], number(r[1]!)])).toEqual(expected.map(([d, v]) => [d, Number(Number(v).toFixed(2))]));
  });

  it('writes nested row fields as the grid does: each group’s subtotal row before its children, a field blank where rolled up', async () => {
    const { intro, header, rows } = pivotTableAfter(md, NESTED);
    expect(header).toEqual(['weather', 'yr', 'Count']);
    const groups = (await raw('SELECT count(*)::INTEGER FROM (SELECT DISTINCT weather, year("date") FROM weather_csv)')) as [[number]];
    const kinds = (await raw('SELECT count(DISTINCT weather)::INTEGER FROM weather_csv')) as [[number]];
    expect(intro).toContain(`The first 20 rows of ${groups[0][0] + kinds[0][0] + 1} rows: ${groups[0][0]} groups of weather › yr, their subtotals and the Total.`);
    const counts = (await raw('SELECT weather, year("date")::INTEGER, count(*)::INTEGER FROM weather_csv GROUP BY ALL ORDER BY 1, 2')) as [string, number, number][];
    const total = counts.reduce((s, [, , n]) => s + n, 0);
    const drizzle = counts.filter(([w]) => w === 'drizzle');
    expect(rows.slice(0, 2 + drizzle.length)).toEqual([
      ['Total', '', total.toLocaleString('en-US')],
      ['drizzle', '', drizzle.reduce((s, [, , n]) => s + n, 0).toLocaleString('en-US')],
      ...drizzle.map(([w, y, n]) => [w, String(y), n.toLocaleString('en-US')]),
    ]);
    expect(rows).toHaveLength(20);
  });
});
