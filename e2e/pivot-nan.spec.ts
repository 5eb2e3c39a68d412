import type { Page } from '@playwright/test';
import { computedValueText } from '../src/shared/chart/chartValueText';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { chart, pickChart, tableRows } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { pivotOf } from './workbench.helpers';

/**
 * One averaging rule (docs/explore.md): a pivot's and a chart's Average of a DOUBLE holding 1, 2,
 * NaN, Infinity and NULL is raw DuckDB's average of the finite values, as the column profile's mean
 * is, never "nan" or "inf", and each says, as the profile does, that 1 NaN and 1 inf were left out.
 */
const DATA = `select * from (values ('a', 1::double), ('a', 'nan'::double), ('b', 2::double), ('b', 'inf'::double), ('b', null::double)) t(g, x)`;

const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const cells = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`).getByRole('gridcell').allTextContents();
const combobox = (page: Page, name: string) => region(page).getByRole('combobox', { name, exact: true });

/** Raw DuckDB's average of the finite x of the rows `where` picks, as the pivot writes a DOUBLE. */
async function finiteAverage(where: string): Promise<string> {
  const [[v]] = (await duckdbRows(`select avg(x) filter (where isfinite(x)) from (${DATA}) t where ${where}`)) as [[string]];
  return pivotCellText(v, 'DOUBLE');
}

test('a pivot and a chart average the finite values, not nan, and say what they left out', async ({ app }) => {
  const { page } = app;
  await pivotOf(page, DATA);
  // the proposal: by g, the Average of x
  await expect(combobox(page, 'Row field 1')).toHaveValue('g');
  await expect(combobox(page, 'Values')).toHaveValue('x');
  await expect(combobox(page, 'Aggregate')).toHaveValue('Average');
  await expect.poll(() => cells(page, 2)).toEqual(['Total', await finiteAverage('true')]);
  expect(await cells(page, 3)).toEqual(['a', await finiteAverage(`g = 'a'`)]);
  expect(await cells(page, 4)).toEqual(['b', await finiteAverage(`g = 'b'`)]);
  await expect(pivot(page)).not.toContainText(/nan|inf/i);
  await expect(region(page).locator('.pivot-note')).toHaveText('· 1 NaN, 1 inf left out of the average of x');
  // a Count counts every value: nothing is left out, nothing is said
  await combobox(page, 'Aggregate').selectOption('Count');
  await expect.poll(() => cells(page, 2)).toEqual(['Total', '4']);
  await expect(region(page).locator('.pivot-note')).toHaveText('');

  // bars of the average of x by g: the same finite averages, and the same note under the chart
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'g', Y: 'x', Aggregate: 'Average' });
  await expect(chart(page, 'Chart').locator('.chart-status')).toHaveText('1 NaN, 1 inf left out of the average of x.');
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const averages = await duckdbRows(`select g, avg(x) filter (where isfinite(x)) from (${DATA}) t group by g order by g`);
  await expect.poll(async () => (await tableRows(page, 'Chart')).map((r) => r.slice(0, 2)).sort()).toEqual(averages.map(([g, v]) => [g, computedValueText(String(v))]));
});
