import type { Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { gridRow, pivotOf, ready, runSql, status } from './workbench.helpers';

/**
 * The past view shows the pivot that was beside the result at that point, computed by main as the
 * live one was, read-only: its fields disabled, no Close, no Open as SQL; a point before it, none.
 */
const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const cells = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`).getByRole('gridcell').allTextContents();
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const travelTo = (page: Page, text: string | RegExp) => timeline(page).getByRole('listitem').filter({ hasText: text }).getByRole('button').first().click();
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });

test('a past point shows the pivot beside its result then, read-only, its numbers raw DuckDB’s; a point before it shows none', async ({ shared: app }) => {
  const { page } = app;
  await pivotOf(page, 'select * from cars', 'cars');
  await expect(region(page).getByRole('combobox', { name: 'Row field 1', exact: true })).toHaveValue('Origin');
  // then closed, and another query run: now shows neither
  await region(page).getByRole('button', { name: 'Close pivot' }).click();
  await runSql(page, 'select 42 as answer');
  await expect(status(page)).toHaveText(/^1\u00a0row in/);

  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await travelTo(page, /^.*Pivoted average of Miles_per_Gallon by Origin/);
  await expect(banner(page)).toBeVisible();
  const byOrigin = await duckdbRows(`select Origin, avg(Miles_per_Gallon) from ${CARS} group by all order by Origin`);
  for (const [i, [origin, avg]] of byOrigin.entries()) await expect.poll(() => cells(page, 3 + i)).toEqual([origin, pivotCellText(avg ?? null, 'DOUBLE')]);
  await expect(region(page).getByRole('combobox', { name: 'Row field 1', exact: true })).toBeDisabled();
  await expect(region(page).getByRole('combobox', { name: 'Values', exact: true })).toBeDisabled();
  await expect(region(page).getByRole('combobox', { name: 'Values', exact: true })).toHaveCSS('opacity', '0.45');
  await expect(region(page).getByRole('button', { name: 'Close pivot' })).toHaveCount(0);
  await expect(region(page).getByRole('button', { name: /Open as SQL/ })).toHaveCount(0);
  await expect(pivot(page).getByRole('button', { name: /^Sort by/ }).first()).toBeDisabled();

  // before the pivot was opened: the result alone
  await travelTo(page, /Ran query select \* from cars/);
  await expect(gridRow(page, 2)).toBeVisible();
  await expect(region(page)).toHaveCount(0);
  await banner(page).getByRole('button', { name: 'Back to now' }).click();
  await expect(region(page)).toHaveCount(0);
});

test('after a point with a chart and a pivot, an earlier point of the same result shows neither: no chart is left over from the later point', async ({ shared: app }) => {
  const { page } = app;
  const chart = page.getByRole('region', { name: 'Chart', exact: true });
  const pastGrid = page.getByRole('grid', { name: 'Results' });
  await ready(page, 'flights_3m');
  // the tester's walk-through: a sort, a filter, a chart set twice, then a pivot, all on one result
  await runSql(page, 'select origin, count(*) n, avg(delay) d from flights_3m group by origin order by n desc');
  await expect(status(page)).toHaveText(/^229\u00a0rows in/);
  await pastGrid.getByRole('button', { name: 'Sort by d', exact: true }).click();
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('textbox', { name: 'Filter n', exact: true }).fill('>50000');
  await expect(status(page)).toHaveText(/^20 of 229\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await chart.getByRole('combobox', { name: 'X', exact: true }).selectOption('n');
  await chart.getByRole('combobox', { name: 'X', exact: true }).selectOption('d');
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await expect(region(page).getByRole('combobox', { name: 'Values', exact: true })).toHaveValue('n');

  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await travelTo(page, 'Pivoted average of n by origin');
  await expect(chart).toHaveCount(1);
  await expect(region(page)).toHaveCount(1);
  // earlier points of the same result, visited after the pivot's: the result alone, as it was
  for (const point of [/^Ran query select origin.*229/, /^Sorted by d\d/]) {
    await travelTo(page, point);
    await expect(banner(page)).toBeVisible();
    await expect(pastGrid).toBeVisible();
    await expect(chart).toHaveCount(0);
    await expect(region(page)).toHaveCount(0);
    await expect(page.locator('.grid-and-profile > *')).toHaveCount(1);
  }
  // back at the pivot's point: the grid, then its chart, then its pivot, each once
  await travelTo(page, 'Pivoted average of n by origin');
  await expect(region(page)).toHaveCount(1);
  await expect(chart).toHaveCount(1);
  await expect(page.locator('.grid-and-profile > :first-child')).toHaveClass(/\bgrid-wrap\b/);
});
