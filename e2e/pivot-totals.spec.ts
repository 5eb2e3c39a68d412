import type { Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { editorText, gridRow, pivotOf, screenshot } from './workbench.helpers';

/**
 * A pivot of totals only, as Excel's and Tad's allow: the last row field removed, one row headed
 * "Total" (its columns pivoted when a column field is set), every number raw DuckDB's, kept over a
 * reload, undone and redone, opened as SQL, and shown read-only in the past view.
 */
const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const count = (page: Page) => region(page).locator('.pivot-meta');
const cells = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`).getByRole('gridcell').allTextContents();
const rowsGroup = (page: Page) => region(page).getByRole('group', { name: 'Rows fields' });
const combobox = (page: Page, name: string) => region(page).getByRole('combobox', { name, exact: true });
const int = (v: string | null | undefined) => pivotCellText(v ?? null, 'BIGINT');
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });

/** Raw DuckDB's sums of Horsepower per Origin (in the order of their values), then of every car. */
async function sumsByOrigin(): Promise<{ origins: string[]; sums: string[]; total: string }> {
  const rows = await duckdbRows(`select Origin, sum(Horsepower) from ${CARS} group by Origin order by Origin`);
  const [[total]] = (await duckdbRows(`select sum(Horsepower) from ${CARS}`)) as [[string]];
  return { origins: rows.map(([o]) => o!), sums: rows.map(([, s]) => int(s)), total: int(total) };
}

test('no row field: one Total row of raw DuckDB’s totals, across a column field too, kept, undone, opened as SQL and in the past view', async ({ app }, testInfo) => {
  const { page } = app;
  await pivotOf(page, 'select Origin, Cylinders, Horsepower from cars', 'cars');
  await expect(combobox(page, 'Row field 1')).toHaveValue('Origin');
  await combobox(page, 'Values').selectOption('Horsepower');
  await combobox(page, 'Aggregate').selectOption('Sum');
  const { origins, sums, total } = await sumsByOrigin();
  await expect.poll(() => cells(page, 2)).toEqual(['Total', total]);

  // the only row field has a × now: removing it leaves totals only, and the focus on the picker
  await region(page).getByRole('button', { name: 'Remove Origin from rows' }).click();
  await expect(combobox(page, 'Rows')).toBeFocused();
  await expect(rowsGroup(page).locator('.pivot-chip')).toHaveCount(0);
  await expect(rowsGroup(page)).toContainText('(none: one Total row)');
  await expect(count(page)).toHaveText('Totals only');
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', '2');
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['', 'Sum of Horsepower']);
  await expect.poll(() => cells(page, 2)).toEqual(['Total', total]);
  await screenshot(page, testInfo, 'pivot-totals-only');
  // one row has no groups to sort
  await expect(pivot(page).getByRole('button', { name: /^Sort by/ })).toHaveCount(0);

  // a column field: its values across, in the one row
  await combobox(page, 'Columns').selectOption('Origin');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['Origin', '', ...origins, 'Total']);
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', '3');
  await expect.poll(() => cells(page, 3)).toEqual(['Total', ...sums, total]);
  await screenshot(page, testInfo, 'pivot-totals');

  // the session's: a reload shows it
  await page.reload();
  await expect(count(page)).toHaveText('Totals only');
  await expect.poll(() => cells(page, 3)).toEqual(['Total', ...sums, total]);

  // undone: totals without the column field; redone: across Origin again
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['', 'Sum of Horsepower']);
  await expect.poll(() => cells(page, 2)).toEqual(['Total', total]);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect.poll(() => cells(page, 3)).toEqual(['Total', ...sums, total]);

  // "Open as SQL": DuckDB runs it and gives the same one row
  await region(page).getByRole('button', { name: 'Open as SQL' }).click();
  expect(await editorText(page)).not.toContain('ROLLUP');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Results' }).getByRole('columnheader', { name: /Total/ })).toBeVisible();
  await expect.poll(async () => (await gridRow(page, 2).getByRole('gridcell').allTextContents()).map((t) => int(t))).toEqual([...sums, total]);

  // the past view: the totals pivot as it was, read-only
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await timeline(page).getByRole('listitem').filter({ hasText: /Pivoted sum of Horsepower (by\s+)?across Origin/ }).getByRole('button').first().click();
  await expect(banner(page)).toBeVisible();
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['Origin', '', ...origins, 'Total']);
  await expect.poll(() => cells(page, 3)).toEqual(['Total', ...sums, total]);
  await expect(combobox(page, 'Columns')).toBeDisabled();
  await expect(count(page)).toHaveText('Totals only');
});
