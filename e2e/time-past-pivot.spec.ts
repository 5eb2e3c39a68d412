import type { Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { gridRow, ready, runSql, status } from './workbench.helpers';

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

test('a past point shows the pivot beside its result then, read-only, its numbers raw DuckDB’s; a point before it shows none', async ({ app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(gridRow(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
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
