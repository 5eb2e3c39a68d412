import { expect, test } from './fixtures';
import { chart, pickChart, plotDrawn } from './chart.helpers';
import { grid, runSql, status } from './workbench.helpers';

/**
 * A bar whose category main would refuse as a filter (over 1,000 characters) is not selected: a
 * click on it said "Selected name = xxxx…" on the chart while the grid ignored it and the linked
 * chart failed on it. The notice says why; the grid stays as it was; another bar selects as before.
 */
test('a bar whose category is over the filter limit is not selected: the notice says why and the grid stays as it was', async ({ app }) => {
  const { page } = app;
  await runSql(page, `select * from (values (repeat('x', 1200), 1), ('short', 2), ('short', 3)) t(name, n)`);
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'name', Aggregate: 'Count' });
  const plot = chart(page, 'Chart').getByRole('img', { name: 'Bar chart of count per name' });
  await plotDrawn(plot);
  const bar = (i: number) => chart(page, 'Chart').locator('svg g[aria-label="bar"] rect').nth(i);
  // drawn by count: 'short' (2 rows) first, then the long one
  await bar(1).click();
  await expect(page.locator('.notice')).toHaveText('Cannot select that: its value is too long to filter by (at most 1,000 characters).');
  await expect(chart(page, 'Chart').getByText(/^Selected name/)).toHaveCount(0);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '4');
  await bar(0).click();
  await expect(chart(page, 'Chart').getByText('Selected name = short (Escape clears)')).toBeVisible();
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3');
});
