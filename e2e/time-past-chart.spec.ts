import type { Page } from '@playwright/test';
import { sessionEventSchema } from '../src/shared/contracts/events';
import { chart, combo, grouped, pickChart, tableRows } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { countStoredEvents } from './nodeClient';
import { grid, runSql, screenshot, status } from './workbench.helpers';

/**
 * The past view shows the chart that was beside the result at that point, drawn from main's chart
 * data with the result's filters of then, and changes nothing: no event is stored while it is shown.
 */
const WEATHER = `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`;
const SQL = `select * from ${WEATHER}`;
const BARS = 'Bar chart of count per weather';

const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const entry = (page: Page, text: string | RegExp) => timeline(page).getByRole('listitem').filter({ hasText: text });
const travelTo = (page: Page, text: string | RegExp) => entry(page, text).getByRole('button').first().click();
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });

/**
 * Raw DuckDB's bars of counts per weather of the rows passing `where`, as "Chart data" writes them:
 * in the order of every row's counts (a filtered chart keeps its categories, docs/charts.md), most
 * frequent first, a category no row passes left out.
 */
async function barsOracle(where = 'true'): Promise<string[][]> {
  const rows = await duckdbRows(
    `select weather, count(*) filter (where ${where}) as n from ${WEATHER} group by weather having n > 0 order by count(*) desc, weather`,
  );
  return rows.map(([k, n]) => [k!, grouped(n)]);
}

/** Every session event the host's log holds, of every type. */
async function storedEvents(page: Page): Promise<number> {
  const types = sessionEventSchema.options.map((o) => o.shape.type.value);
  const counts = await Promise.all(types.map((type) => countStoredEvents(page.url(), type)));
  return counts.reduce((a, b) => a + b, 0);
}

/** The past chart as the live one drew it: named for what it shows, its comboboxes showing the setting and disabled, no Close. */
async function expectPastBars(page: Page): Promise<void> {
  await expect(chart(page, 'Chart').getByRole('img', { name: BARS })).toBeVisible();
  for (const [name, value] of [['Mark', 'Bar'], ['X', 'weather'], ['Aggregate', 'Count']] as const) {
    await expect(combo(page, 'Chart', name)).toHaveValue(value);
    await expect(combo(page, 'Chart', name)).toBeDisabled();
    // and looks it, as a disabled button does: it drew as a live one
    await expect(combo(page, 'Chart', name)).toHaveCSS('opacity', '0.45');
  }
  await expect(chart(page, 'Chart').getByRole('button', { name: 'Close chart' })).toHaveCount(0);
  await expect(chart(page, 'Chart').getByRole('button', { name: 'Add chart' })).toHaveCount(0);
  const show = chart(page, 'Chart').getByRole('button', { name: 'Show chart data' });
  if ((await show.getAttribute('aria-pressed')) !== 'true') await show.click();
}

test('a past point shows the chart beside its result then, with its filters of then, read-only; a point before the chart shows none; nothing is stored', async ({ app }, testInfo) => {
  const { page } = app;
  const all = await barsOracle();
  const warm = await barsOracle('temp_max > 20');

  // Now: bars of count per weather, then the grid filtered to warm days (the chart follows), then the chart closed.
  await runSql(page, SQL);
  await expect(status(page)).toHaveText(/^1,461\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'weather', Aggregate: 'Count' });
  await expect(chart(page, 'Chart').getByRole('img', { name: BARS })).toBeVisible();
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('textbox', { name: 'Filter temp_max', exact: true }).fill('>20');
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(warm);
  await chart(page, 'Chart').getByRole('button', { name: 'Close chart' }).click();
  await expect(chart(page, 'Chart')).toHaveCount(0);

  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(entry(page, 'Closed the chart')).toHaveCount(1);
  const before = testInfo.project.name === 'web' ? await storedEvents(page) : 0;

  // The chart's setting: that chart, of every row (the filter came later), as raw DuckDB counts them.
  await travelTo(page, `Charted ${BARS.toLowerCase()}`);
  await expect(banner(page)).toBeVisible();
  await expectPastBars(page);
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(all);
  await expect(chart(page, 'Chart').locator('svg g[aria-label="bar"] rect')).toHaveCount(all.length);
  await screenshot(page, testInfo, 'past-chart');

  // The filter: the same chart drawn with the filter of then, as the live chart was.
  await travelTo(page, /Filtered temp_max/);
  await expectPastBars(page);
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(warm);
  // a click on a bar, a drag and Escape select, brush and close nothing
  const plot = chart(page, 'Chart').getByRole('img', { name: BARS });
  await chart(page, 'Chart').locator('svg g[aria-label="bar"] rect').first().click();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await chart(page, 'Chart').press('Escape');
  await expect(chart(page, 'Chart').getByRole('img', { name: BARS })).toBeVisible();
  await expect(chart(page, 'Chart').locator('.chart-brush')).toHaveText('');
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(warm);

  // Before the chart was opened: the result alone.
  await travelTo(page, /Ran query select \* from/);
  await expect(grid(page)).toBeVisible();
  await expect(chart(page, 'Chart')).toHaveCount(0);

  // Viewing the past stored nothing.
  if (testInfo.project.name === 'web') expect(await storedEvents(page)).toBe(before);

  // Back to now: the chart is closed, as it is.
  await banner(page).getByRole('button', { name: 'Back to now' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(chart(page, 'Chart')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Chart', exact: true })).toHaveAttribute('aria-pressed', 'false');
});
