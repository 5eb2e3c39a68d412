import type { Page } from '@playwright/test';
import { chart, chartOfWeather, combo, grouped, histogramOracle, pickChart, WEATHER } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { countStoredEvents } from './nodeClient';
import { ready, runSql, screenshot, status } from './workbench.helpers';

const FLIGHTS = `read_json_auto('${VEGA_DATA}/flights-10k.json')`;

/** The first chart's region. */
const region = (page: Page) => chart(page, 'Chart');
const chartData = (page: Page) => region(page).getByRole('table', { name: 'Chart data' });

/** The "Chart data" table's body as text, row by row. */
const tableRows = (page: Page) =>
  chartData(page)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

/** Raw DuckDB's bars of counts per origin: the 50 most frequent (ties by name), then the rest, which reads "All others". */
async function barsOracle(relation: string): Promise<string[][]> {
  const top = await duckdbRows(`select origin, count(*) as n from ${relation} group by origin order by n desc, origin limit 50`);
  const [[total]] = (await duckdbRows(`select count(*) from ${relation}`)) as [[string]];
  const rest = Number(total) - top.reduce((s, [, n]) => s + Number(n), 0);
  return [...top.map(([k, n]) => [k!, grouped(n)]), ...(rest > 0 ? [['All others', grouped(String(rest))]] : [])];
}

test('Chart proposes a histogram whose marks are raw DuckDB’s bins; bars of a category are DuckDB’s counts, also of the next result; the chart comes back after a reload', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await runSql(page, `select * from ${FLIGHTS}`);
  await expect(status(page)).toHaveText(/^10,000\u00a0rows in [\d,]+\u00a0ms$/);
  const button = page.getByRole('button', { name: 'Chart', exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');

  // proposed: a histogram of the first number column, drawn as an image that says so
  await expect(combo(page, 'Chart', 'Mark')).toHaveValue('Histogram');
  await expect(combo(page, 'Chart', 'X')).toHaveValue('delay');
  await expect(region(page).getByRole('img', { name: 'Histogram of delay, count per bin' })).toBeVisible();
  await region(page).getByRole('button', { name: 'Show chart data' }).click();
  const bins = await histogramOracle(FLIGHTS, 'delay', true);
  await expect.poll(() => tableRows(page)).toEqual(bins);
  // one rectangle drawn per row of chart data
  await expect(region(page).locator('svg g[aria-label="rect"] rect')).toHaveCount(bins.length);
  await screenshot(page, testInfo, 'chart-histogram');

  // bars of counts per origin: the 50 most frequent, then the rest ("All others")
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'origin' });
  await expect(region(page).getByRole('img', { name: 'Bar chart of count per origin' })).toBeVisible();
  const all = await barsOracle(FLIGHTS);
  await expect.poll(() => tableRows(page)).toEqual(all);
  await expect(region(page).locator('svg g[aria-label="bar"] rect')).toHaveCount(all.length);
  await screenshot(page, testInfo, 'chart-bar');

  // PNG and SVG export are downloads of the drawn chart (the PNG is drawn through a data: image the CSP allows)
  // each named after what it shows, so a second chart's export does not overwrite the first's
  for (const [name, file] of [['Export PNG', 'Bar chart of count per origin.png'], ['Export SVG', 'Bar chart of count per origin.svg']] as const) {
    const download = page.waitForEvent('download');
    await region(page).getByRole('button', { name }).click();
    expect((await download).suggestedFilename()).toBe(file);
  }

  // a new query while the chart is open: the same chart of the new result once it completes
  const LATE = `(select * from ${FLIGHTS} where delay > 0)`;
  await runSql(page, `select * from ${LATE}`);
  const expected = await barsOracle(LATE);
  await expect.poll(() => tableRows(page)).toEqual(expected);
  await expect(combo(page, 'Chart', 'X')).toHaveValue('origin');

  // the setting is the session's: after a reload the same chart is back, with the same marks
  await page.reload();
  await expect(combo(page, 'Chart', 'Mark')).toHaveValue('Bar');
  await expect(combo(page, 'Chart', 'X')).toHaveValue('origin');
  await region(page).getByRole('button', { name: 'Show chart data' }).click();
  await expect.poll(() => tableRows(page)).toEqual(expected);

  // Escape closes it, and that is remembered too: after a reload, Undo offers to take the close back
  // (so the reloaded window has that event), and the chart stays closed
  await region(page).press('Escape');
  await expect(region(page)).toHaveCount(0);
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAccessibleDescription('Undo close chart');
  await expect(button).toBeEnabled();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(region(page)).toHaveCount(0);
});

test('each session keeps its own chart: switching to a tab that never had one, or opening a new one, shows no chart and records nothing', async ({ app }) => {
  const { page } = app;
  const button = page.getByRole('button', { name: 'Chart', exact: true });
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  await runSql(page, `select * from ${FLIGHTS}`);
  await expect(status(page)).toHaveText(/^10,000\u00a0rows in/);
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tab('Session 2')).toHaveAttribute('aria-selected', 'true');
  await runSql(page, `select * from ${FLIGHTS} limit 100`);
  await expect(status(page)).toHaveText(/^100\u00a0rows in/);

  // a chart in session 1 only
  await tab('Session 1').click();
  await expect(status(page)).toHaveText(/^10,000\u00a0rows in/);
  await button.click();
  await expect(region(page).getByRole('img', { name: 'Histogram of delay, count per bin' })).toBeVisible();

  // session 2's result stays uncharted: no chart shown, nothing to undo
  await tab('Session 2').click();
  await expect(status(page)).toHaveText(/^100\u00a0rows in/);
  await expect(region(page)).toHaveCount(0);
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(undo).toBeDisabled();

  // a new session's first result is not charted either
  await tab('Session 1').click();
  await expect(region(page).getByRole('img', { name: 'Histogram of delay, count per bin' })).toBeVisible();
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tab('Session 3')).toHaveAttribute('aria-selected', 'true');
  await runSql(page, `select * from ${FLIGHTS} limit 50`);
  await expect(status(page)).toHaveText(/^50\u00a0rows in/);
  await expect(region(page)).toHaveCount(0);
  await expect(undo).toBeDisabled();

  // back in session 1 its chart is still there, and the log holds that one chart setting, no other
  await tab('Session 1').click();
  await expect(region(page).getByRole('img', { name: 'Histogram of delay, count per bin' })).toBeVisible();
  expect(await countStoredEvents(page.url(), 'ChartSet')).toBe(1);
});

test('a histogram of millions: every y tick label lies inside the chart, at 1280 and at 1024 px wide', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'flights_3m');
  await runSql(page, 'select delay from flights_3m');
  await expect(status(page)).toHaveText(/^3,000,000\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(region(page).getByRole('img', { name: 'Histogram of delay, count per bin' })).toBeVisible();
  const labels = () =>
    region(page)
      .locator('svg g[aria-label="y-axis tick label"] text')
      .evaluateAll((texts) =>
        texts.map((t) => {
          const box = t.getBoundingClientRect();
          const svg = t.closest('svg')!.getBoundingClientRect();
          return { text: t.textContent ?? '', inside: box.left >= svg.left && box.right <= svg.right };
        }),
      );
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    // counts of a million and more (the widest labels) are among them, each whole within the svg
    await expect.poll(async () => (await labels()).some((l) => l.text.length >= 9)).toBe(true);
    await expect.poll(async () => (await labels()).filter((l) => !l.inside).map((l) => l.text)).toEqual([]);
  }
});

test('"Chart data" writes a sum rounded and grouped as the app writes a computed value, DuckDB’s full text as its title', async ({ shared: app }) => {
  const { page } = app;
  await chartOfWeather(page);
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'weather', Y: 'precipitation', Aggregate: 'Sum' });
  await expect(region(page).getByRole('img', { name: /^Bar chart of sum of precipitation per weather/ })).toBeVisible();
  await region(page).getByRole('button', { name: 'Show chart data' }).click();
  // raw DuckDB's sums per weather, in the bars' order (most frequent first)
  const sums = await duckdbRows(`select weather, sum(precipitation)::VARCHAR from ${WEATHER} group by weather order by count(*) desc, weather`);
  expect(sums.some(([, s]) => /\.\d{3,}/.test(s!)), 'some sum has more than two decimals to round').toBe(true);
  await expect.poll(() => tableRows(page)).toEqual(sums.map(([k, s]) => [k!, grouped(s)]));
  const titles = await chartData(page).locator('tbody td.num').evaluateAll((cells) => cells.map((td) => td.getAttribute('title')));
  expect(titles).toEqual(sums.map(([, s]) => s));
});

test('a line over a category is drawn as bars, named as bars and said so; a date as X again draws the line', async ({ shared: app }) => {
  const { page } = app;
  await chartOfWeather(page);
  await pickChart(page, 'Chart', { Mark: 'Line', X: 'weather', Y: 'precipitation', Aggregate: 'Average' });
  await expect(region(page).getByRole('img', { name: /^Bar chart of average of precipitation per weather/ })).toBeVisible();
  await expect(region(page).locator('.chart-status')).toContainText('A line needs a number or date as X: drawn as bars.');
  // the pick is kept: Mark still says Line, and the bars are raw DuckDB's averages
  await expect(combo(page, 'Chart', 'Mark')).toHaveValue('Line');
  await region(page).getByRole('button', { name: 'Show chart data' }).click();
  const averages = await duckdbRows(`select weather, avg(precipitation)::VARCHAR from ${WEATHER} group by weather order by count(*) desc, weather`);
  await expect.poll(() => tableRows(page).then((rows) => rows.map(([k]) => k))).toEqual(averages.map(([k]) => k));
  await pickChart(page, 'Chart', { X: 'date' });
  await expect(region(page).getByRole('img', { name: /^Line chart of average of precipitation over date/ })).toBeVisible();
  await expect(region(page).locator('.chart-status')).not.toContainText('drawn as bars');
});

test('"Chart data" writes bins of a DATE column as days, as raw DuckDB truncates them; a histogram offers no Y or aggregate', async ({ shared: app }) => {
  const { page } = app;
  await chartOfWeather(page);
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'date' });
  await expect(region(page).getByRole('img', { name: /^Histogram of date/ })).toBeVisible();
  // what a histogram does not read is not offered as a choice that changes nothing
  await expect(combo(page, 'Chart', 'Y')).toBeDisabled();
  await expect(combo(page, 'Chart', 'Y')).toHaveAccessibleDescription('A histogram counts the rows in each bin: it has no Y.');
  await expect(combo(page, 'Chart', 'Aggregate')).toBeDisabled();
  // they show what the histogram uses, not the proposed line's Y and aggregate it still keeps for other marks
  await expect(combo(page, 'Chart', 'Y').locator('option:checked')).toHaveText('(count)');
  await expect(combo(page, 'Chart', 'Aggregate').locator('option:checked')).toHaveText('Count');
  await expect(combo(page, 'Chart', 'Color')).toBeEnabled();
  await region(page).getByRole('button', { name: 'Show chart data' }).click();
  // four years of days: yearly bins (docs/charts.md: the unit that gives at most about 40 bins)
  const bins = await duckdbRows(`select date_trunc('year', date)::DATE::VARCHAR, (date_trunc('year', date) + interval 1 year)::DATE::VARCHAR, count(*) from ${WEATHER} group by 1, 2 order by 1`);
  await expect.poll(() => tableRows(page)).toEqual(bins.map(([lo, hi, n]) => [lo!, hi!, grouped(n!)]));
});

test('bars of averages by a colour stand side by side, each as tall as raw DuckDB’s average (not stacked into sums); counts by a colour still stack', async ({ shared: app }, testInfo) => {
  const { page } = app;
  const cars = `read_json_auto('${VEGA_DATA}/cars.json')`;
  await runSql(page, `select * from ${cars}`);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'Cylinders', Y: 'Horsepower', Aggregate: 'Average', Color: 'Origin' });
  const plot = region(page).getByRole('img', { name: 'Bar chart of average of Horsepower per Cylinders, by Origin' });
  await expect(plot).toBeVisible();
  const averages = (await duckdbRows(`select avg(Horsepower) from ${cars} group by Cylinders, Origin having avg(Horsepower) is not null`)).map(([a]) => Number(a));
  // one bar per group, each standing on 0 at its own average, none over another (the name follows
  // the pick at once: the bars before it may still be drawn, so wait for the groups' count)
  await expect.poll(async () => (await drawnBars(page)).values.length).toBe(averages.length);
  const drawn = await drawnBars(page);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  sorted(drawn.values).forEach((v, i) => expect(Math.abs(v - sorted(averages)[i]!), `bar ${i}: ${v} vs ${sorted(averages)[i]}`).toBeLessThan(1.5));
  expect(drawn.baselines).toBe(1);
  expect(drawn.overlaps).toBe(0);
  // the axis, "average of Horsepower", goes no higher than the largest average rounded up a tick
  expect(drawn.top).toBeLessThan(Math.max(...averages) + 50);
  await screenshot(page, testInfo, 'chart-grouped-averages');

  // counts by a colour stack: a band's bars add up to its count of rows
  await combo(page, 'Chart', 'Aggregate').selectOption('Count');
  await expect(region(page).getByRole('img', { name: 'Bar chart of count per Cylinders, by Origin' })).toBeVisible();
  const [[most]] = (await duckdbRows(`select max(n) from (select count(*) as n from ${cars} group by Cylinders)`)) as [[string]];
  await expect.poll(async () => Math.round(Math.max(...(await drawnBars(page)).tops))).toBe(Number(most));
});

/** The chart's bars as values read off its y axis (from two of its ticks): each bar's top, how many baselines they stand on, how many overlap a neighbour, the axis's top tick. */
function drawnBars(page: Page) {
  return region(page)
    .getByRole('img')
    .evaluate((img) => {
      const svg = [...img.querySelectorAll('svg')].at(-1);
      // between two drawings (Plot replaces its svg) there is none: no bars yet, and a poll looks again
      if (!svg) return { values: [] as number[], tops: [] as number[], baselines: 0, overlaps: 0, top: Number.NaN };
      const ticks = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => {
        const box = t.getBoundingClientRect();
        return { v: Number((t.textContent ?? '').replaceAll(',', '')), y: box.top + box.height / 2 };
      });
      const [a, b] = [ticks[0]!, ticks.at(-1)!];
      const valueAt = (y: number) => a.v + ((y - a.y) * (b.v - a.v)) / (b.y - a.y);
      const bars = [...svg.querySelectorAll('g[aria-label="bar"] > rect')].map((r) => r.getBoundingClientRect());
      const byLeft = [...bars].sort((p, q) => p.left - q.left);
      return {
        values: bars.map((r) => valueAt(r.top) - valueAt(r.bottom)),
        tops: bars.map((r) => valueAt(r.top)),
        baselines: new Set(bars.map((r) => Math.round(r.bottom))).size,
        overlaps: byLeft.filter((r, i) => i > 0 && r.left < byLeft[i - 1]!.right - 0.5).length,
        top: Math.max(...ticks.map((t) => t.v)),
      };
    });
}
