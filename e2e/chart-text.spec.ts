import { groupDigits } from '../src/shared/explore/profileText';
import { chart, grouped, histogramOracle, pickChart, tableRows } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { runSql, status } from './workbench.helpers';

const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
/** 3,000 rows of k: the text '(other)' (300 rows, the most frequent) and c00…c96, so 47 values fall past the top 50. */
const MESSY = `(select case when i % 10 = 0 then '(other)' else 'c' || lpad((i % 97)::VARCHAR, 2, '0') end as k from range(3000) t(i))`;
/** 2,000 integers from -2,500 to 2,499: bins of 200 whose edges pass a thousand either side of 0. */
const WIDE = `(select (i * 37 % 5000) - 2500 as v from range(2000) t(i))`;

const xTicks = (page: import('@playwright/test').Page) =>
  chart(page, 'Chart')
    .locator('svg g[aria-label="x-axis tick label"] text')
    .evaluateAll((texts) => texts.map((t) => t.textContent ?? ''));

test('bars of a number read as categories are in value order, on the axis and in "Chart data", as raw DuckDB counts them', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, `select * from ${CARS}`);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  // cars propose a line of an average over Year: bars of counts here
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'Cylinders', Aggregate: 'Count' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Bar chart of count per Cylinders' })).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  // 4 cylinders are the most frequent and 3 nearly the least: by count the bars would read 4, 8, 6, 3, 5
  const counts = await duckdbRows(`select Cylinders::VARCHAR, count(*)::VARCHAR from ${CARS} group by Cylinders order by Cylinders`);
  expect(counts.map(([c]) => c)).toEqual(['3', '4', '5', '6', '8']);
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(counts.map(([c, n]) => [c!, grouped(n)]));
  await expect.poll(() => xTicks(page)).toEqual(['3', '4', '5', '6', '8']);
});

test('a real category "(other)" and the rest of the categories read apart in "Chart data", the rest last', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, `select * from ${MESSY}`);
  await expect(status(page)).toHaveText(/^3,000\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'k' });
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const top = await duckdbRows(`select k, count(*)::VARCHAR as n from ${MESSY} group by k order by count(*) desc, k limit 50`);
  const rest = 3000 - top.reduce((s, [, n]) => s + Number(n), 0);
  await expect.poll(() => tableRows(page, 'Chart')).toEqual([...top.map(([k, n]) => [k!, grouped(n)]), ['All others', grouped(String(rest))]]);
  const rows = chart(page, 'Chart').getByRole('table', { name: 'Chart data' }).locator('tbody tr');
  // the real '(other)' is a value as any other; the rest is written as no value (muted, italic)
  await expect(rows.first().locator('td').first()).toHaveText('(other)');
  await expect(rows.first().locator('em')).toHaveCount(0);
  await expect(rows.last().locator('em')).toHaveText('All others');
  expect((await xTicks(page)).filter((t) => t === '(other)')).toHaveLength(1);
});

test('"Chart data" writes number bin edges with grouped thousands, as the axis ticks read them', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, `select * from ${WIDE}`);
  await expect(status(page)).toHaveText(/^2,000\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Histogram of v, count per bin' })).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const bins = (await histogramOracle(WIDE, 'v', true)).map(([lo, hi, n]) => [groupDigits(lo!), groupDigits(hi!), n!]);
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(bins);
  expect(bins.map(([lo]) => lo)).toEqual(expect.arrayContaining(['-1,200', '1,000']));
  // the axis groups them the same way (Plot writes a minus sign where DuckDB's text has a hyphen)
  expect(await xTicks(page)).toContain('2,000');
});

test('a join’s two columns named g: the pickers offer g once, and its bars count the first g’s values, as raw DuckDB does', async ({ shared: app }) => {
  const { page } = app;
  // at the top: a subquery would have DuckDB name the second ones id_1 and g_1
  const joined = 'from (select i as id, i % 3 as g from range(30) t(i)) a join (select i as id, i % 5 as g from range(30) t(i)) b on a.id = b.id';
  await runSql(page, `select * ${joined}`);
  await expect(page.getByRole('columnheader')).toHaveText(['id', 'g', 'id', 'g'].map((n) => new RegExp(`^${n}`)));
  await expect(status(page)).toHaveText(/^30\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'g', Aggregate: 'Count' });
  // listed twice, the second g was drawn with the first one's values under its own name
  for (const field of ['X', 'Color']) {
    const options = await chart(page, 'Chart').getByRole('combobox', { name: field, exact: true }).locator('option').allTextContents();
    expect(options.filter((o) => o === 'g'), field).toHaveLength(1);
    expect(options.filter((o) => o === 'id'), field).toHaveLength(1);
  }
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const counts = await duckdbRows(`select a.g::VARCHAR, count(*)::VARCHAR ${joined} group by a.g order by a.g`);
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(counts.map(([g, n]) => [g!, n!]));
});
