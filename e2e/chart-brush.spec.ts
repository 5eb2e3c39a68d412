import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { chart, countSum, grouped, near, pickChart, plotDrawn, tableRows } from './chart.helpers';
import { grid, runSql, screenshot, status } from './workbench.helpers';

const WEATHER = `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`;

/** Raw DuckDB's bars of counts per weather among rows passing `where`, in the order of their counts over every row. */
async function weatherBars(where: string): Promise<string[][]> {
  const rows = await duckdbRows(
    `select weather, count(*) filter (where ${where}) as n, count(*) as total from ${WEATHER} group by weather having n > 0 order by total desc, weather`,
  );
  return rows.map(([k, n]) => [k!, grouped(n)]);
}

/**
 * With temp_max brushed to [lo, hi): the other chart and the grid show raw DuckDB's rows in that
 * range, and the brushed chart draws its brush. Returns those bars and that row count.
 */
async function expectLinkedRange(page: Page, lo: string | undefined, hi: string | undefined, all: string[][]): Promise<{ bars: string[][]; rows: string }> {
  const where = `temp_max >= '${lo}'::DOUBLE and temp_max < '${hi}'::DOUBLE`;
  const bars = await weatherBars(where);
  expect(bars).not.toEqual(all);
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(bars);
  const [[rows]] = (await duckdbRows(`select count(*) from ${WEATHER} where ${where}`)) as [[string]];
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rows) + 1));
  await expect(status(page)).toContainText(`${grouped(rows)} of 1,461 rows`);
  await expect(chart(page, 'Chart').locator('rect.chart-brush-rect')).toHaveCount(1);
  return { bars, rows };
}

test('two linked charts: brushing temp_max filters the other chart and the grid to raw DuckDB’s rows for that range; Escape clears', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const all = await linkedPair(page);

  // drag a brush across the middle of the histogram
  const plot = chart(page, 'Chart').getByRole('img', { name: 'Histogram of temp_max, count per bin' });
  await plotDrawn(plot);
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
  const [, lo, hi] = /from (\S+) to under (\S+) /.exec((await described.textContent()) ?? '')!.map((t) => t.replaceAll(',', ''));
  await expect(plot).toHaveAccessibleDescription(`Selected temp_max from ${lo} to under ${hi} (Escape clears)`);
  // the brushed chart keeps its own marks (every row), the brush drawn over them
  await expectLinkedRange(page, lo, hi, all);
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
  await expect.poll(() => countSum(page, 'Chart')).toBe(Number(rainy));
  // the clicked chart keeps every bar
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
});

/** Opens a histogram of temp_max and, beside it, bars of counts per weather with their data shown; returns raw DuckDB's bars over every row. */
async function linkedPair(page: Page): Promise<string[][]> {
  await runSql(page, `select * from ${WEATHER}`);
  await expect(status(page)).toHaveText(/^1,461\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'temp_max' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Histogram of temp_max, count per bin' })).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Add chart' }).click();
  await pickChart(page, 'Chart 2', { Mark: 'Bar', X: 'weather', Aggregate: 'Count' });
  await expect(chart(page, 'Chart 2').getByRole('img', { name: 'Bar chart of count per weather' })).toBeVisible();
  await chart(page, 'Chart 2').getByRole('button', { name: 'Show chart data' }).click();
  const all = await weatherBars('true');
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
  return all;
}

test('brushing by keyboard: arrows move a brush over the histogram’s bins, Shift+arrows resize it, the other chart and the grid follow as raw DuckDB says, and the brush survives a reload', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const all = await linkedPair(page);
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const bins = await tableRows(page, 'Chart');
  expect(bins.length).toBeGreaterThan(12);
  const plot = chart(page, 'Chart').getByRole('img', { name: 'Histogram of temp_max, count per bin' });
  const selected = chart(page, 'Chart').getByText(/^Selected temp_max from /);
  /** The brush's [lo, hi) as its description reads it, thousands separators dropped. */
  const brushedText = async (): Promise<string[]> => /from (\S+) to under (\S+) /.exec((await selected.textContent()) ?? '')!.slice(1).map((t) => t.replaceAll(',', ''));
  const brushed = async () => (await brushedText()).map(near);
  const edge = (row: number, col: 0 | 1) => near(bins[row]?.[col]);

  // Tab reaches the chart; the first arrow selects its first bin, Shift+arrows grow it by a bin each, arrows move it
  await plot.focus();
  await expect(plot).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(selected).toBeVisible();
  await expect.poll(brushed).toEqual([edge(0, 0), edge(0, 1)]);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(brushed).toEqual([edge(8, 0), edge(11, 1)]);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(brushed).toEqual([edge(8, 0), edge(10, 1)]);

  // exactly as a mouse brush: the other chart and the grid show raw DuckDB's rows for that range
  const [lo, hi] = await brushedText();
  const text = (await selected.textContent()) ?? '';
  await expect(plot).toHaveAccessibleDescription(text);
  const { bars: inRange, rows: n } = await expectLinkedRange(page, lo, hi, all);
  await screenshot(page, testInfo, 'chart-brush-keyboard');

  // the brush is the session's: after a reload it is back, described, drawn, and still filters the other chart and the grid
  await page.reload();
  await expect(chart(page, 'Chart 2')).toBeVisible();
  await expect(selected).toHaveText(text);
  await expect(plot).toHaveAccessibleDescription(text);
  await expect(chart(page, 'Chart').locator('rect.chart-brush-rect')).toHaveCount(1);
  await chart(page, 'Chart 2').getByRole('button', { name: 'Show chart data' }).click();
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(inRange);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(n) + 1));
  await expect(status(page)).toContainText(`${grouped(n)} of 1,461 rows`);

  // keys carry on from the reloaded brush; Escape clears it
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(brushed).toEqual([edge(9, 0), edge(11, 1)]);
  await page.keyboard.press('Escape');
  await expect(selected).toHaveCount(0);
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1462');

  // on bars, arrows select a category: the first bar, then the next
  const bars = chart(page, 'Chart 2').getByRole('img', { name: 'Bar chart of count per weather' });
  await bars.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const second = all[1]![0]!;
  await expect(chart(page, 'Chart 2').getByText(`Selected weather = ${second} (Escape clears)`)).toBeVisible();
  const [[rows]] = (await duckdbRows(`select count(*) from ${WEATHER} where weather = '${second}'`)) as [[string]];
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rows) + 1));
});

test('a mouse brush over a histogram selects whole bins: the grid keeps exactly the rows of the bars drawn lit, as raw DuckDB counts them', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const cars = `read_json_auto('${VEGA_DATA}/cars.json')`;
  await runSql(page, `select * from ${cars}`);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'Horsepower' });
  const plot = chart(page, 'Chart').getByRole('img', { name: 'Histogram of Horsepower, count per bin' });
  await expect(plot).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  // bins of 5: 142 lies in 140–145, 189 in 185–190 (the name follows the pick at once; the data, the chart first proposed's until the bins arrive)
  await expect.poll(async () => (await tableRows(page, 'Chart')).map(([lo]) => lo)).toContain('140');
  await plotDrawn(plot);
  const bins = await tableRows(page, 'Chart');

  // drag from 142 to 189, placed by the bars' own pixels (the first bar starts at its bin's low edge, the last ends at its high one)
  const rects = chart(page, 'Chart').locator('svg g[aria-label="rect"] > rect');
  const first = (await rects.first().boundingBox())!;
  const last = (await rects.last().boundingBox())!;
  const [min, max] = [Number(bins[0]![0]), Number(bins.at(-1)![1])];
  const at = (v: number) => ({ x: first.x + ((v - min) / (max - min)) * (last.x + last.width - first.x), y: first.y + first.height - 1 });
  const from = at(142);
  const to = at(189);
  await plot.scrollIntoViewIfNeeded();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, from.y, { steps: 6 });
  await page.mouse.move(to.x, from.y, { steps: 6 });
  await page.mouse.up();

  const described = chart(page, 'Chart').getByText(/^Selected Horsepower from /);
  await expect(described).toBeVisible();
  const [, lo, hi] = /from (\S+) to under (\S+) /.exec((await described.textContent()) ?? '')!.map((t) => t.replaceAll(',', ''));
  // the selection is a union of whole bins: its ends are bin edges
  expect(bins.map(([l]) => l)).toContain(lo);
  expect(bins.map(([, h]) => h)).toContain(hi);
  const [[rows]] = (await duckdbRows(`select count(*) from ${cars} where Horsepower >= ${lo} and Horsepower < ${hi}`)) as [[string]];
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rows) + 1));
  await expect(status(page)).toContainText(`${grouped(rows)} of 406 rows`);
  // the bars drawn lit (not dimmed) hold exactly those rows
  const lit = await rects.evaluateAll((all) => all.map((r) => !r.hasAttribute('fill-opacity')));
  const litRows = bins.reduce((s, [, , n], i) => s + (lit[i] ? Number(n) : 0), 0);
  expect(litRows).toBe(Number(rows));
  await screenshot(page, testInfo, 'chart-histogram-brush');
});
