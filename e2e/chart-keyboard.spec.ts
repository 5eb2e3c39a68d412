import type { Locator, Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { chart, countSum, grouped, near, pickChart, plotDrawn, tableRows } from './chart.helpers';
import { grid, runSql, screenshot, status } from './workbench.helpers';

const WEATHER = `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`;
// flights' date is text in the file: read as a TIMESTAMP, so the chart has a time axis of instants
const FLIGHTS = `(select strptime(date, '%Y/%m/%d %H:%M') as date, delay, origin from read_json_auto('${VEGA_DATA}/flights-10k.json'))`;

/** Opens the chart `mark` of x (and y) as "Chart" and, beside it, bars of counts per `category` as "Chart 2", its data shown. */
async function linkedCharts(page: Page, first: { mark: string; x: string; y?: string; name: string }, category: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: first.mark, X: first.x, Y: first.y });
  const plot = chart(page, 'Chart').getByRole('img', { name: first.name });
  await expect(plot).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Add chart' }).click();
  await pickChart(page, 'Chart 2', { Mark: 'Bar', X: category, Aggregate: 'Count' });
  await expect(chart(page, 'Chart 2').getByRole('img', { name: `Bar chart of count per ${category}` })).toBeVisible();
  await chart(page, 'Chart 2').getByRole('button', { name: 'Show chart data' }).click();
  return plot;
}

/** Raw DuckDB's bars of counts per weather among rows passing `where`, in the order of their counts over every row. */
async function weatherBars(where: string): Promise<string[][]> {
  const rows = await duckdbRows(`select weather, count(*) filter (where ${where}) as n, count(*) as total from ${WEATHER} group by weather having n > 0 order by total desc, weather`);
  return rows.map(([k, n]) => [k!, grouped(n)]);
}

/** The [lo, hi) pairs of a "Chart data" table's columns `from` and `from + 1`, distinct and in order: a heatmap's bins along one axis. */
const binsOf = (rows: string[][], from: number): number[][] =>
  [...new Map(rows.map((r) => [near(r[from]), near(r[from + 1])])).entries()].sort((a, b) => a[0] - b[0]);

test('a heatmap brushed by keys: Left/Right brush temp_max over its bins, Up/Down add temp_min, and the other chart and the grid show raw DuckDB’s rows in that rectangle, as for one dragged', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await runSql(page, `select * from ${WEATHER}`);
  await expect(status(page)).toHaveText(/^1,461\u00a0rows in [\d,]+\u00a0ms$/);
  const plot = await linkedCharts(page, { mark: 'Heatmap', x: 'temp_max', y: 'temp_min', name: 'Heatmap of count by temp_max and temp_min' }, 'weather');
  const all = await weatherBars('true');
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
  await expect(plot).toHaveAttribute('aria-keyshortcuts', /ArrowUp ArrowDown/);

  // the heatmap's own bins: temp_max from/to, temp_min from/to, count
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  const cells = await tableRows(page, 'Chart');
  const xs = binsOf(cells, 0);
  const ys = binsOf(cells, 2);
  expect(xs.length).toBeGreaterThan(12);
  expect(ys.length).toBeGreaterThan(12);

  const selected = chart(page, 'Chart').getByText(/^Selected temp_max from /);
  /** The brush as its description reads it: [x lo, x hi, y lo, y hi], thousands separators dropped. */
  const brushedText = async (): Promise<string[]> => {
    const m = /^Selected temp_max from (\S+) to under (\S+)(?: and temp_min from (\S+) to under (\S+))? \(Escape clears\)$/.exec((await selected.textContent()) ?? '');
    return (m?.slice(1) ?? []).map((t) => (t ?? '').replaceAll(',', ''));
  };
  const brushed = async () => (await brushedText()).filter((t) => t !== '').map(near);

  // Right selects the first column of bins; Shift+Right grows it, Right moves it: X alone is a band, as before
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(brushed).toEqual(xs[0]);
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(brushed).toEqual([xs[10]![0], xs[12]![1]]);
  // Up adds the lowest row of bins of temp_min; Up moves it, Shift+Up grows it, Shift+Down shrinks it: a rectangle
  await page.keyboard.press('ArrowUp');
  await expect.poll(brushed).toEqual([xs[10]![0], xs[12]![1], ...ys[0]!]);
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(brushed).toEqual([xs[10]![0], xs[12]![1], ys[6]![0], ys[9]![1]]);

  // the same brush a rectangle is: a range on each column; the other chart and the grid show exactly raw DuckDB's rows in it
  const [xlo, xhi, ylo, yhi] = await brushedText();
  const where = `temp_max >= '${xlo}'::DOUBLE and temp_max < '${xhi}'::DOUBLE and temp_min >= '${ylo}'::DOUBLE and temp_min < '${yhi}'::DOUBLE`;
  const bars = await weatherBars(where);
  const [[rows]] = (await duckdbRows(`select count(*) from ${WEATHER} where ${where}`)) as [[string]];
  // both ranges matter: temp_max's alone has more rows
  const [[band]] = (await duckdbRows(`select count(*) from ${WEATHER} where temp_max >= '${xlo}'::DOUBLE and temp_max < '${xhi}'::DOUBLE`)) as [[string]];
  expect(Number(rows)).toBeGreaterThan(0);
  expect(Number(rows)).toBeLessThan(Number(band));
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(bars);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rows) + 1));
  await expect(status(page)).toContainText(`${grouped(rows)} of 1,461 rows`);
  const text = (await selected.textContent()) ?? '';
  await expect(plot).toHaveAccessibleDescription(text);
  // drawn as a rectangle over part of the plot's height, not a band across it
  const rect = chart(page, 'Chart').locator('rect.chart-brush-rect');
  await expect(rect).toHaveCount(1);
  expect(Number(await rect.getAttribute('height'))).toBeLessThan(120);
  // the heatmap keeps every cell (its own brush does not filter it)
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(cells);
  await screenshot(page, testInfo, 'chart-brush-rectangle');

  // it is the session's: after a reload both ranges are back and still filter
  await page.reload();
  await expect(selected).toHaveText(text);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rows) + 1));
  await chart(page, 'Chart 2').getByRole('button', { name: 'Show chart data' }).click();
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(bars);

  // keys carry on from it, once the heatmap is drawn again (a key before that has nothing to step over); Escape clears both ranges
  await plotDrawn(plot);
  await plot.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(brushed).toEqual([xs[10]![0], xs[12]![1], ys[5]![0], ys[8]![1]]);
  await page.keyboard.press('Escape');
  await expect(selected).toHaveCount(0);
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1462');

  // a rectangle dragged with the mouse is the same brush: a range of each column, raw DuckDB's rows
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.45, { steps: 6 });
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.55, { steps: 6 });
  await page.mouse.up();
  await expect(selected).toHaveText(/ and temp_min from /);
  const [dxlo, dxhi, dylo, dyhi] = await brushedText();
  const dragged = `temp_max >= '${dxlo}'::DOUBLE and temp_max < '${dxhi}'::DOUBLE and temp_min >= '${dylo}'::DOUBLE and temp_min < '${dyhi}'::DOUBLE`;
  const [[inDrag]] = (await duckdbRows(`select count(*) from ${WEATHER} where ${dragged}`)) as [[string]];
  expect(Number(inDrag)).toBeGreaterThan(0);
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(await weatherBars(dragged));
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(inDrag) + 1));
});

test('a histogram over a timestamp brushed by keys filters the other chart and the grid to raw DuckDB’s count for that time range', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await runSql(page, `select * from ${FLIGHTS}`);
  await expect(status(page)).toHaveText(/^10,000\u00a0rows in [\d,]+\u00a0ms$/);
  const plot = await linkedCharts(page, { mark: 'Histogram', x: 'date', name: 'Histogram of date, count per bin' }, 'origin');
  await expect.poll(() => countSum(page, 'Chart 2')).toBe(10_000);

  const selected = chart(page, 'Chart').getByText(/^Selected date from /);
  const brushed = async (): Promise<string[]> => /^Selected date from (\S+ \S+) to under (\S+ \S+) \(Escape clears\)$/.exec((await selected.textContent()) ?? '')?.slice(1) ?? [];
  const [[first]] = (await duckdbRows(`select date_trunc('week', min(date))::TIMESTAMP from ${FLIGHTS}`)) as [[string]];

  // the first key selects a slice from the first week's start; each edge is a whole second, as DuckDB writes a timestamp
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await brushed())[0]).toBe(first);
  const one = await brushed();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await brushed())[0]).not.toBe(first);
  const [lo, hi] = await brushed();
  expect(lo).toMatch(/^2001-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect(hi).toMatch(/^2001-\d\d-\d\d \d\d:\d\d:\d\d$/);
  // five slices, each as wide as the first (give or take the second each edge snaps to)
  const ms = (t: string | undefined) => new Date(`${t?.replace(' ', 'T')}Z`).getTime();
  expect(Math.abs(ms(hi) - ms(lo) - 5 * (ms(one[1]) - ms(one[0])))).toBeLessThanOrEqual(5_000);

  // the grid and the other chart hold raw DuckDB's rows in [lo, hi), compared as timestamps
  const [[rows]] = (await duckdbRows(`select count(*) from ${FLIGHTS} where date >= '${lo}'::TIMESTAMP and date < '${hi}'::TIMESTAMP`)) as [[string]];
  expect(Number(rows)).toBeGreaterThan(0);
  expect(Number(rows)).toBeLessThan(10_000);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rows) + 1));
  await expect(status(page)).toContainText(`${grouped(rows)} of 10,000 rows`);
  await expect.poll(() => countSum(page, 'Chart 2')).toBe(Number(rows));
  await expect(plot).toHaveAccessibleDescription(`Selected date from ${lo} to under ${hi} (Escape clears)`);
  await screenshot(page, testInfo, 'chart-brush-time');

  // Up and Down are not a histogram's: the brush stays, and Escape clears it
  await page.keyboard.press('ArrowUp');
  await expect(selected).toHaveText(`Selected date from ${lo} to under ${hi} (Escape clears)`);
  await page.keyboard.press('Escape');
  await expect(selected).toHaveCount(0);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '10001');
  await expect.poll(() => countSum(page, 'Chart 2')).toBe(10_000);
});

test('a scatter brushed by dragging a rectangle, then bars brushed across several categories, filter the other chart and the grid to raw DuckDB’s rows', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await runSql(page, `select * from ${WEATHER}`);
  await expect(status(page)).toHaveText(/^1,461\u00a0rows in [\d,]+\u00a0ms$/);
  const plot = await linkedCharts(page, { mark: 'Scatter', x: 'temp_max', y: 'temp_min', name: 'Scatter plot of temp_min against temp_max' }, 'weather');
  const all = await weatherBars('true');
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
  // 1,461 rows are drawn as the points themselves, one row of "Chart data" each
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  await expect.poll(async () => (await tableRows(page, 'Chart')).length).toBe(1461);

  // a rectangle across the middle of the points' diagonal: X snapped to brush steps, Y the values under the pointer
  // (the chart data below it scrolled its column: a person scrolls back up to the plot first)
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 6 });
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.65, { steps: 6 });
  await page.mouse.up();
  const selected = chart(page, 'Chart').getByText(/^Selected temp_max from .* and temp_min from /);
  await expect(selected).toBeVisible();
  const [xlo, xhi, ylo, yhi] = /^Selected temp_max from (\S+) to under (\S+) and temp_min from (\S+) to under (\S+) \(Escape clears\)$/
    .exec((await selected.textContent()) ?? '')!
    .slice(1)
    .map((t) => t.replaceAll(',', ''));
  await expect(plot).toHaveAccessibleDescription((await selected.textContent()) ?? '');
  const where = `temp_max >= '${xlo}'::DOUBLE and temp_max < '${xhi}'::DOUBLE and temp_min >= '${ylo}'::DOUBLE and temp_min < '${yhi}'::DOUBLE`;
  const [[rows]] = (await duckdbRows(`select count(*) from ${WEATHER} where ${where}`)) as [[string]];
  const [[band]] = (await duckdbRows(`select count(*) from ${WEATHER} where temp_max >= '${xlo}'::DOUBLE and temp_max < '${xhi}'::DOUBLE`)) as [[string]];
  // both ranges matter: the rectangle holds rows, fewer than temp_max's band alone
  expect(Number(rows)).toBeGreaterThan(0);
  expect(Number(rows)).toBeLessThan(Number(band));
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(await weatherBars(where));
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rows) + 1));
  await expect(status(page)).toContainText(`${grouped(rows)} of 1,461 rows`);
  // the scatter keeps every point (its own brush does not filter it); Escape clears the brush
  await expect.poll(async () => (await tableRows(page, 'Chart')).length).toBe(1461);
  await plot.focus();
  await page.keyboard.press('Escape');
  await expect(selected).toHaveCount(0);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1462');
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);

  /** The grid, its status and the scatter's points (one per row) hold exactly raw DuckDB's rows of these weathers. */
  const expectWeathers = async (weathers: readonly string[]) => {
    const [[n]] = (await duckdbRows(`select count(*) from ${WEATHER} where weather in (${weathers.map((w) => `'${w}'`).join(', ')})`)) as [[string]];
    expect(Number(n)).toBeGreaterThan(0);
    expect(Number(n)).toBeLessThan(1461);
    await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(n) + 1));
    await expect(status(page)).toContainText(`${grouped(n)} of 1,461 rows`);
    await expect.poll(async () => (await tableRows(page, 'Chart')).length).toBe(Number(n));
  };
  // a drag from the middle of the second bar to the middle of the fourth selects those three categories, in drawn order
  const categories = all.map(([k]) => k!);
  const bars = chart(page, 'Chart 2').getByRole('img', { name: 'Bar chart of count per weather' });
  const bar = (i: number) => chart(page, 'Chart 2').locator('svg g[aria-label="bar"] rect').nth(i);
  await bar(1).scrollIntoViewIfNeeded();
  const [from, to] = [(await bar(1).boundingBox())!, (await bar(3).boundingBox())!];
  const y = to.y + to.height / 2;
  await page.mouse.move(from.x + from.width / 2, y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2 + to.width / 2, y, { steps: 6 });
  await page.mouse.move(to.x + to.width / 2, y, { steps: 6 });
  await page.mouse.up();
  const three = categories.slice(1, 4);
  const barsSelected = chart(page, 'Chart 2').getByText(/^Selected weather = /);
  await expect(barsSelected).toHaveText(`Selected weather = ${three[0]}, ${three[1]} or ${three[2]} (Escape clears)`);
  await expect(bars).toHaveAccessibleDescription(`Selected weather = ${three[0]}, ${three[1]} or ${three[2]} (Escape clears)`);
  await expectWeathers(three);
  // the brushed bars keep every bar: the three drawn in full, the others dimmed, and no box (over bands it read as a bar of the axis's top)
  await expect.poll(() => tableRows(page, 'Chart 2')).toEqual(all);
  const opacities = () => chart(page, 'Chart 2').locator('svg g[aria-label="bar"] rect').evaluateAll((rects) => rects.map((r) => getComputedStyle(r).fillOpacity));
  const drawnFull = (first: number, last: number) => categories.map((_, i) => (i >= first && i <= last ? '1' : '0.3'));
  await expect.poll(opacities).toEqual(drawnFull(1, 3));
  await expect(chart(page, 'Chart 2').locator('rect.chart-brush-rect')).toHaveCount(0);
  await screenshot(page, testInfo, 'chart-brush-bars');

  // keys carry on from the drag: Shift+Right grows it by the next bar, Right moves all four along (it stops at the last bar)
  await bars.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect(barsSelected).toHaveText(`Selected weather = ${categories.slice(1, 4).join(', ')} or ${categories[4]} (Escape clears)`);
  await expectWeathers(categories.slice(1, 5));
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(barsSelected).toHaveText(`Selected weather = ${categories[0]} or ${categories[1]} (Escape clears)`);
  await expectWeathers(categories.slice(0, 2));
  await expect.poll(opacities).toEqual(drawnFull(0, 1));
  // the grid's box for weather shows the bars as a summary, not as text: a key in it changes nothing
  const filters = page.getByRole('button', { name: 'Filters', exact: true });
  // shown or not as an earlier test of this window left them
  const shown = (await filters.getAttribute('aria-pressed')) === 'true';
  if (!shown) await filters.click();
  // weather is the last column: a box is drawn for the columns in view only
  await grid(page).evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const weatherBox = page.getByRole('textbox', { name: 'Filter weather' });
  await expect(weatherBox).toHaveValue('');
  await expect(weatherBox).toHaveAttribute('placeholder', 'one of 2\u00a0values');
  await weatherBox.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.waitForTimeout(500); // past the box's 300 ms pause before it is read
  await expectWeathers(categories.slice(0, 2));
  await expect(barsSelected).toHaveText(`Selected weather = ${categories[0]} or ${categories[1]} (Escape clears)`);
  if (!shown) await filters.click();
  await bars.focus();
  await page.keyboard.press('Escape');
  await expect(barsSelected).toHaveCount(0);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1462');
  await expect.poll(opacities).toEqual(categories.map(() => '1'));
});
