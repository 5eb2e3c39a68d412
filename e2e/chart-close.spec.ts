import type { Page } from '@playwright/test';
import { chart, pickChart, plotDrawn } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { grid, runSql, status } from './workbench.helpers';

const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;

/** The accessible names of the chart regions shown, in order. */
const regions = (page: Page) => page.locator('.linked-charts > section[role="region"]').evaluateAll((all) => all.map((r) => r.getAttribute('aria-label')));

test('Escape closes one thing at a time in linked charts: a brush, then that chart alone, focus going to the chart in its place, and to "Chart" when the last closes', async ({ app }) => {
  const { page } = app;
  await runSql(page, `select * from ${CARS}`);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  const toggle = page.getByRole('button', { name: 'Chart', exact: true });
  await toggle.click();
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'Horsepower' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Histogram of Horsepower, count per bin' })).toBeVisible();
  for (const [name, x] of [['Chart 2', 'Origin'], ['Chart 3', 'Cylinders']] as const) {
    await chart(page, 'Chart').getByRole('button', { name: 'Add chart' }).click();
    await pickChart(page, name, { Mark: 'Bar', X: x, Aggregate: 'Count' });
    await expect(chart(page, name).getByRole('img', { name: `Bar chart of count per ${x}` })).toBeVisible();
  }
  // a brush on the third chart (the bar of 4 cylinders), then one on the first, each filtering the grid
  const rows = async () => Number(await grid(page).getAttribute('aria-rowcount')) - 1;
  const [[four]] = (await duckdbRows(`select count(*) from ${CARS} where Cylinders = 4`)) as [[string]];
  const third = chart(page, 'Chart 3').getByRole('img', { name: 'Bar chart of count per Cylinders' });
  await plotDrawn(third);
  await third.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(chart(page, 'Chart 3').getByText('Selected Cylinders = 4 (Escape clears)')).toBeVisible();
  await expect.poll(rows).toBe(Number(four));
  const histogram = chart(page, 'Chart').getByRole('img', { name: 'Histogram of Horsepower, count per bin' });
  await plotDrawn(histogram);
  await histogram.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(chart(page, 'Chart').getByText(/^Selected Horsepower from \S+ to under \S+ \(Escape clears\)$/)).toBeVisible();
  // both brushes keep fewer rows than 4 cylinders alone
  await expect.poll(rows).toBeLessThan(Number(four));

  // the first Escape clears the first chart's brush; the charts stay
  await histogram.focus();
  await page.keyboard.press('Escape');
  await expect(chart(page, 'Chart').getByText(/^Selected /)).toHaveCount(0);
  await expect.poll(rows).toBe(Number(four));
  expect(await regions(page)).toEqual(['Chart', 'Chart 2', 'Chart 3']);

  // the second closes that chart alone: the others move up, the third's brush with it, and focus goes to the chart now in its place
  await page.keyboard.press('Escape');
  await expect.poll(() => regions(page)).toEqual(['Chart', 'Chart 2']);
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Bar chart of count per Origin' })).toBeVisible();
  await expect(chart(page, 'Chart 2').getByRole('img', { name: 'Bar chart of count per Cylinders' })).toBeVisible();
  await expect(chart(page, 'Chart 2').getByText('Selected Cylinders = 4 (Escape clears)')).toBeVisible();
  // the grid follows the filters left once the closed chart's brush is gone: polled, it settles after the caption
  await expect.poll(rows).toBe(Number(four));
  await expect(chart(page, 'Chart')).toBeFocused();

  // the last chart of several closed: focus goes to the one before it
  await chart(page, 'Chart 2').focus();
  await page.keyboard.press('Escape');
  await expect(chart(page, 'Chart 2').getByText(/^Selected /)).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect.poll(() => regions(page)).toEqual(['Chart']);
  await expect(chart(page, 'Chart')).toBeFocused();

  // the last chart closes the region; focus goes to "Chart", which opens it again
  await page.keyboard.press('Escape');
  await expect(chart(page, 'Chart')).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
});
