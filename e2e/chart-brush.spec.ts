import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { grid, runSql, screenshot, status } from './workbench.helpers';

const WEATHER = `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`;

const chart = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const combo = (page: Page, region: string, name: string) => chart(page, region).getByRole('combobox', { name, exact: true });
const grouped = (n: string | null | undefined) => Number(n).toLocaleString('en-US');
const tableRows = (page: Page, region: string) =>
  chart(page, region)
    .getByRole('table', { name: 'Chart data' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

/** Raw DuckDB's bars of counts per weather among rows passing `where`, in the order of their counts over every row. */
async function weatherBars(where: string): Promise<string[][]> {
  const rows = await duckdbRows(
    `select weather, count(*) filter (where ${where}) as n, count(*) as total from ${WEATHER} group by weather having n > 0 order by total desc, weather`,
  );
  return rows.map(([k, n]) => [k!, grouped(n)]);
}

test('two linked charts: brushing temp_max filters the other chart and the grid to raw DuckDB’s rows for that range; Escape clears', async ({ app }, testInfo) => {
  const { page } = app;
  await runSql(page, `select * from ${WEATHER}`);
  await expect(status(page)).toHaveText(/^1,461 rows in \d+ ms$/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await combo(page, 'Chart', 'Mark').selectOption('Histogram');
  await combo(page, 'Chart', 'X').selectOption('temp_max');
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Histogram of temp_max, count per bin' })).toBeVisible();

  // a second chart beside the first: bars of counts per weather
  await chart(page, 'Chart').getByRole('button', { name: 'Add chart' }).click();
  await expect(chart(page, 'Chart 2')).toBeVisible();
  await combo(page, 'Chart 2', 'Mark').selectOption('Bar');
  await combo(page, 'Chart 2', 'X').selectOption('weather');
  await combo(page, 'Chart 2', 'Aggregate').selectOption('Count');
  await expect(chart(page, 'Chart 2').getByRole('img', { name: 'Bar chart of count per weather' })).toBeVisible();
  await chart(page, 'Chart 2').getByRole('button', { name: 'Show chart data' }).click();
  const all = await weatherBars('true');
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);

  // drag a brush across the middle of the histogram
  const plot = chart(page, 'Chart').getByRole('img', { name: 'Histogram of temp_max, count per bin' });
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.4, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, y, { steps: 6 });
  await page.mouse.move(box.x + box.width * 0.7, y, { steps: 6 });
  await page.mouse.up();

  // the brush says what it selected; the other chart and the grid show exactly those rows
  const described = chart(page, 'Chart').getByText(/^Selected temp_max from /);
  await expect(described).toBeVisible();
  const [, lo, hi] = /from (\S+) to (\S+) /.exec((await described.textContent()) ?? '')!;
  await expect(plot).toHaveAccessibleDescription(`Selected temp_max from ${lo} to ${hi} (Escape clears)`);
  const where = `temp_max >= '${lo}'::DOUBLE and temp_max < '${hi}'::DOUBLE`;
  const brushed = await weatherBars(where);
  expect(brushed).not.toEqual(all);
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(brushed);
  const [[n]] = (await duckdbRows(`select count(*) from ${WEATHER} where ${where}`)) as [[string]];
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(n) + 1));
  await expect(status(page)).toContainText(`${grouped(n)} of 1,461 rows`);
  // the brushed chart keeps its own marks (every row), the brush drawn over them
  await expect(chart(page, 'Chart').locator('rect.chart-brush-rect')).toHaveCount(1);
  await screenshot(page, testInfo, 'chart-brush');

  // Escape clears the brush: the other chart and the grid are back to every row
  await chart(page, 'Chart').focus();
  await page.keyboard.press('Escape');
  await expect(described).toHaveCount(0);
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1462');
  await expect(chart(page, 'Chart')).toBeVisible();

  // a click on the bar of rain selects that category: the histogram counts and the grid follow
  const rain = all.findIndex(([k]) => k === 'rain');
  const bar = chart(page, 'Chart 2').locator('svg g[aria-label="bar"] rect').nth(rain);
  await bar.scrollIntoViewIfNeeded();
  await bar.click();
  await expect(chart(page, 'Chart 2').getByText('Selected weather = rain (Escape clears)')).toBeVisible();
  const [[rainy]] = (await duckdbRows(`select count(*) from ${WEATHER} where weather = 'rain'`)) as [[string]];
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rainy) + 1));
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const total = async () => (await tableRows(page, 'Chart')).reduce((s, row) => s + Number((row.at(-1) ?? '').replaceAll(',', '')), 0);
  await expect.poll(total).toBe(Number(rainy));
  // the clicked chart keeps every bar
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
});
