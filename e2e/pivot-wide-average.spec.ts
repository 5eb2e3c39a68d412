import type { Page } from '@playwright/test';
import { chart, pickChart, tableRows } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { pivotOf } from './workbench.helpers';

/**
 * An Average of a BIGINT beyond a quadrillion (docs/pivot.md): DuckDB's avg is a DOUBLE the results
 * grid writes "9007199254740994.0" and the column profile's mean "9,007,199,254,740,994"; the pivot
 * writes it as the profile does, every whole digit grouped, not "9.01e+15", and its column fits it;
 * a chart's "Chart data" writes the same average the same way.
 */
const DATA = 'select (9007199254740993 + i % 3)::BIGINT as v, i % 2 as g from range(10) t(i)';
const WHOLE = '9,007,199,254,740,994';

const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const cells = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`).getByRole('gridcell').allTextContents();
const combobox = (page: Page, name: string) => region(page).getByRole('combobox', { name, exact: true });

test('a pivot’s and a chart’s Average of BIGINTs beyond a quadrillion read their whole digits grouped, as the profile’s mean, not in scientific notation', async ({ app }) => {
  const { page } = app;
  // the oracle: DuckDB's own averages, each 9007199254740994 once a DOUBLE
  const averages = await duckdbRows(`select g, avg(v)::VARCHAR from (${DATA}) t group by rollup (g) order by g nulls first`);
  expect(averages.map(([, avg]) => avg)).toEqual(['9007199254740994.0', '9007199254740994.0', '9007199254740994.0']);
  await pivotOf(page, DATA);
  await combobox(page, 'Row field 1').selectOption('g');
  await combobox(page, 'Values').selectOption('v');
  await combobox(page, 'Aggregate').selectOption('Average');
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['g', 'Average of v']);
  await expect.poll(() => cells(page, 2)).toEqual(['Total', WHOLE]);
  expect(await cells(page, 3)).toEqual(['0', WHOLE]);
  expect(await cells(page, 4)).toEqual(['1', WHOLE]);
  await expect(pivot(page)).not.toContainText('e+');
  // DuckDB's exact text a hover away, and the column as wide as the grouped digits: none is cut
  const total = pivot(page).locator('[role="row"][aria-rowindex="2"] [role="gridcell"]').last();
  await expect(total).toHaveAttribute('title', '9007199254740994.0');
  expect(await total.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // bars of the average of v by g: "Chart data" writes each as the pivot does
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'g', Y: 'v', Aggregate: 'Average' });
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  await expect.poll(async () => (await tableRows(page, 'Chart')).map((r) => r.at(-1))).toEqual([WHOLE, WHOLE]);
});
