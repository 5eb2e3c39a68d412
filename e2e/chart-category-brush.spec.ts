import type { Locator, Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { chart, grouped, pickChart, plotDrawn, tableRows } from './chart.helpers';
import { grid, runSql, screenshot, status } from './workbench.helpers';

// seattle-weather with its month as text: a category of 12 values for the linked bars
const WEATHER = `(select *, strftime(date, '%m') as month from read_csv_auto('${VEGA_DATA}/seattle-weather.csv'))`;

/** Opens `first` as "Chart" and, beside it, bars of counts per month as "Chart 2", its data shown. */
async function linkedToMonths(page: Page, first: { mark: string; x: string; y: string; name: string }): Promise<Locator> {
  await runSql(page, `select * from ${WEATHER}`);
  await expect(status(page)).toHaveText(/^1,461\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: first.mark, X: first.x, Y: first.y });
  const plot = chart(page, 'Chart').getByRole('img', { name: first.name });
  await expect(plot).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Add chart' }).click();
  await pickChart(page, 'Chart 2', { Mark: 'Bar', X: 'month', Aggregate: 'Count' });
  await expect(chart(page, 'Chart 2').getByRole('img', { name: 'Bar chart of count per month' })).toBeVisible();
  await chart(page, 'Chart 2').getByRole('button', { name: 'Show chart data' }).click();
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(await monthBars('true'));
  return plot;
}

/** Raw DuckDB's bars of counts per month among rows passing `where`, in the order of their counts over every row. */
async function monthBars(where: string): Promise<string[][]> {
  const rows = await duckdbRows(`select month, count(*) filter (where ${where}) as n, count(*) as total from ${WEATHER} group by month having n > 0 order by total desc, month`);
  return rows.map(([k, n]) => [k!, grouped(n)]);
}

const count = async (where: string): Promise<number> => Number(((await duckdbRows(`select count(*) from ${WEATHER} where ${where}`)) as [[string]])[0][0]);
/** "sun, fog or rain" as the categories it names. */
const categoriesOf = (text: string): string[] => text.split(/, | or /);
const inList = (values: readonly string[]) => `(${values.map((v) => `'${v}'`).join(', ')})`;

/** The grid, its status and the other chart's "Chart data" hold exactly raw DuckDB's rows passing `where`, fewer than every row. */
async function expectFiltered(page: Page, where: string): Promise<number> {
  const rows = await count(where);
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(1461);
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(await monthBars(where));
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(rows + 1));
  await expect(status(page)).toContainText(`${grouped(String(rows))} of 1,461 rows`);
  return rows;
}

/** The centre of an axis's tick label `text` (Plot writes one per category of a band axis). */
async function tickCentre(plot: Locator, axis: 'x' | 'y', text: string): Promise<{ x: number; y: number }> {
  const box = (await plot.locator(`g[aria-label="${axis}-axis tick label"] text`).filter({ hasText: new RegExp(`^${text}$`) }).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('a heatmap of weather × temp_max: a rectangle dragged over three weathers selects them and a temp_max range, filtering the other chart and the grid to raw DuckDB’s rows, back after a reload, taken up by keys, and Escape clears', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const plot = await linkedToMonths(page, { mark: 'Heatmap', x: 'weather', y: 'temp_max', name: 'Heatmap of count by weather and temp_max' });
  await expect(plot).toHaveAttribute('aria-keyshortcuts', /ArrowUp ArrowDown/);
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const cells = await tableRows(page, 'Chart');

  // from the middle of the second weather's band to the middle of the fourth's (alphabetical, as the cells are ordered), over part of the height
  const weathers = ((await duckdbRows(`select distinct weather from ${WEATHER} order by weather`)) as string[][]).map(([w]) => w!);
  // the whole plot in view (its legend above it makes it taller than the panel shows at once): the drag starts on it
  await plot.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const [from, to] = [await tickCentre(plot, 'x', weathers[1]!), await tickCentre(plot, 'x', weathers[3]!)];
  const box = (await plot.boundingBox())!;
  await page.mouse.move(from.x, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, box.y + box.height * 0.4, { steps: 6 });
  await page.mouse.move(to.x, box.y + box.height * 0.5, { steps: 6 });
  await page.mouse.up();

  const selected = chart(page, 'Chart').getByText(/^Selected weather = /);
  await expect(selected).toHaveText(/ and temp_max from /);
  const text = (await selected.textContent()) ?? '';
  const [names, lo, hi] = /^Selected weather = (.+) and temp_max from (\S+) to under (\S+) \(Escape clears\)$/.exec(text)!.slice(1) as [string, string, string];
  expect(categoriesOf(names)).toEqual(weathers.slice(1, 4));
  await expect(plot).toHaveAccessibleDescription(text);
  const where = `weather in ${inList(weathers.slice(1, 4))} and temp_max >= '${lo.replaceAll(',', '')}'::DOUBLE and temp_max < '${hi.replaceAll(',', '')}'::DOUBLE`;
  const rows = await expectFiltered(page, where);
  // both axes matter: the three weathers alone hold more rows, and so does the temp_max range alone
  expect(rows).toBeLessThan(await count(`weather in ${inList(weathers.slice(1, 4))}`));
  expect(rows).toBeLessThan(await count(`temp_max >= '${lo.replaceAll(',', '')}'::DOUBLE and temp_max < '${hi.replaceAll(',', '')}'::DOUBLE`));
  // the heatmap keeps every cell; the brush is drawn over the three bands, part of the height
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(cells);
  const rect = chart(page, 'Chart').locator('rect.chart-brush-rect');
  await expect(rect).toHaveCount(1);
  expect(Number(await rect.getAttribute('height'))).toBeLessThan(box.height * 0.3);
  await plot.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'chart-brush-category-heatmap');

  // the session's: after a reload the selection is back and still filters
  await page.reload();
  await expect(selected).toHaveText(text);
  await chart(page, 'Chart 2').getByRole('button', { name: 'Show chart data' }).click();
  await expectFiltered(page, where);

  // keys carry on from it (once it is drawn again: a key before that has nothing to step over): Shift+Right adds the fifth weather; temp_max's range is taken up as the heatmap's bins it overlaps
  await plotDrawn(plot);
  await plot.focus();
  await page.keyboard.press('Shift+ArrowRight');
  const four = weathers.slice(1, 5);
  await expect(selected).toHaveText(new RegExp(`^Selected weather = ${four.slice(0, 3).join(', ')} or ${four[3]} and temp_max from `));
  const [, klo, khi] = /^Selected weather = (.+) and temp_max from (\S+) to under (\S+) \(Escape clears\)$/.exec((await selected.textContent()) ?? '')!.slice(1) as [string, string, string];
  expect(Number(klo)).toBeLessThanOrEqual(Number(lo));
  expect(Number(khi)).toBeGreaterThanOrEqual(Number(hi));
  await expectFiltered(page, `weather in ${inList(four)} and temp_max >= '${klo}'::DOUBLE and temp_max < '${khi}'::DOUBLE`);

  // Escape clears both axes
  await page.keyboard.press('Escape');
  await expect(selected).toHaveCount(0);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1462');
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(await monthBars('true'));
});

test('a scatter of temp_max × weather brushed by keys: Right brushes temp_max, Up selects the lowest weather and Shift+Up the next, filtering to raw DuckDB’s rows', async ({ shared: app }) => {
  const { page } = app;
  const plot = await linkedToMonths(page, { mark: 'Scatter', x: 'temp_max', y: 'weather', name: 'Scatter plot of weather against temp_max' });
  await expect(plot).toHaveAttribute('aria-keyshortcuts', /ArrowUp ArrowDown/);
  const selected = chart(page, 'Chart').getByText(/^Selected temp_max from /);
  const parts = async () => /^Selected temp_max from (\S+) to under (\S+)(?: and weather = (.+))? \(Escape clears\)$/.exec((await selected.textContent()) ?? '')?.slice(1) ?? [];

  await plot.focus();
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 15; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await parts())[2]).toBeUndefined();
  // Up: the weather drawn lowest; Shift+Up: and the one above it
  await page.keyboard.press('ArrowUp');
  await expect(selected).toHaveText(/ and weather = /);
  const [lowest] = categoriesOf((await parts())[2]!);
  const ys = await Promise.all(((await duckdbRows(`select distinct weather from ${WEATHER}`)) as string[][]).map(async ([w]) => ({ w: w!, y: (await tickCentre(plot, 'y', w!)).y })));
  const upwards = ys.sort((a, b) => b.y - a.y).map(({ w }) => w);
  expect(lowest).toBe(upwards[0]);
  await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(async () => categoriesOf((await parts())[2] ?? '')).toEqual(upwards.slice(0, 2));
  const [lo, hi] = (await parts()).map((t) => t?.replaceAll(',', ''));
  const where = `temp_max >= '${lo}'::DOUBLE and temp_max < '${hi}'::DOUBLE and weather in ${inList(upwards.slice(0, 2))}`;
  const rows = await expectFiltered(page, where);
  expect(rows).toBeLessThan(await count(`temp_max >= '${lo}'::DOUBLE and temp_max < '${hi}'::DOUBLE`));
  // the scatter keeps every point; Escape clears
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  await expect.poll(async () => (await tableRows(page, 'Chart')).length).toBe(1461);
  await plot.focus();
  await page.keyboard.press('Escape');
  await expect(selected).toHaveCount(0);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1462');
});
