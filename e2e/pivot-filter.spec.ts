import type { Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { gridRow, ready, runSql, status } from './workbench.helpers';

/** The defect's 5-row result: days per weather in seattle-weather. */
const SQL = 'select weather, count(*) n from seattle_weather group by all';
const RAW = `select weather, count(*) n from read_csv_auto('${VEGA_DATA}/seattle-weather.csv') group by all`;

const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const count = (page: Page) => region(page).locator('.pivot-meta');
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const cells = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`).getByRole('gridcell').allTextContents();
const filterBox = (page: Page, column: string) => page.getByRole('textbox', { name: `Filter ${column}`, exact: true });
const shown = (v: string | null | undefined) => pivotCellText(v ?? null, 'DOUBLE');

/** Raw DuckDB's pivot of the rows `where` keeps: the groups as the panel counts them, the Total row, then each weather's row. */
async function expected(where: string): Promise<{ groups: string; rows: string[][] }> {
  const [[n]] = (await duckdbRows(`select count(distinct weather) from (${RAW}) where ${where}`)) as [[string]];
  const [[total]] = (await duckdbRows(`select avg(n) from (${RAW}) where ${where}`)) as [[string]];
  const byWeather = await duckdbRows(`select weather, avg(n) from (${RAW}) where ${where} group by weather order by weather`);
  return { groups: `${n} ${n === '1' ? 'group' : 'groups'}`, rows: [['Total', shown(total)], ...byWeather.map(([w, v]) => [w ?? '', shown(v)])] };
}

async function expectPivot(page: Page, where: string): Promise<string> {
  const want = await expected(where);
  await expect(count(page)).toHaveText(want.groups);
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(want.rows.length + 1));
  for (const [i, row] of want.rows.entries()) await expect.poll(() => cells(page, i + 2)).toEqual(row);
  return want.rows[0]![1]!;
}

test('beside a chart, the pivot aggregates the rows the grid’s filter keeps, re-pivots when it changes, ignores the sort, and its SQL agrees', async ({ app }) => {
  const { page } = app;
  await ready(page, 'seattle_weather');
  await runSql(page, SQL);
  await expect(status(page)).toHaveText(/^5\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await filterBox(page, 'n').fill('> 60');
  await expect(status(page)).toHaveText(/^3 of 5\u00a0rows in [\d,]+\u00a0ms$/);

  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Chart', exact: true })).toBeVisible();
  // proposed: rows by weather, the Average of n
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['weather', /Average of n/]);
  const total = await expectPivot(page, 'n > 60');

  // another filter is another pivot
  await filterBox(page, 'n').fill('> 200');
  await expect(status(page)).toHaveText(/^2 of 5\u00a0rows in [\d,]+\u00a0ms$/);
  await expectPivot(page, 'n > 200');

  // without the filter, all 5 weathers again
  await filterBox(page, 'n').fill('');
  await expect(status(page)).toHaveText(/^5\u00a0rows in [\d,]+\u00a0ms$/);
  await expectPivot(page, 'true');

  // the grid's sort changes nothing in a pivot
  await filterBox(page, 'n').fill('> 60');
  await expect(status(page)).toHaveText(/^3 of 5\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: /^Sort by n\b/ }).click();
  const [[fewest]] = (await duckdbRows(`select weather from (${RAW}) where n > 60 order by n limit 1`)) as [[string]];
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText(fewest);
  await expectPivot(page, 'n > 60');

  // "Open as SQL", run, gives the same Total (its first row, the grand total's weather NULL)
  await region(page).getByRole('button', { name: 'Open as SQL' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toHaveText(/^4\u00a0rows in [\d,]+\u00a0ms$/);
  await expect.poll(async () => (await gridRow(page, 2).getByRole('gridcell').allTextContents()).map((t, i) => (i === 0 ? t : shown(t)))).toEqual(['NULL', total]);
});
