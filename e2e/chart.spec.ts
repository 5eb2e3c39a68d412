import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { grouped, histogramOracle } from './chart.helpers';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { countStoredEvents } from './nodeClient';
import { ready, runSql, screenshot, status } from './workbench.helpers';

const FLIGHTS = `read_json_auto('${VEGA_DATA}/flights-10k.json')`;

const WEATHER = `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`;

/** Runs seattle-weather's 1,461 rows and opens Chart beside them. */
async function chartOfWeather(page: Page): Promise<void> {
  await runSql(page, `select * from ${WEATHER}`);
  await expect(status(page)).toHaveText(/^1,461\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
}

const region = (page: Page) => page.getByRole('region', { name: 'Chart' });
const combo = (page: Page, name: string) => region(page).getByRole('combobox', { name, exact: true });
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

test('Chart proposes a histogram whose marks are raw DuckDB’s bins; bars of a category are DuckDB’s counts, also of the next result; the chart comes back after a reload', async ({ app }, testInfo) => {
  const { page } = app;
  await runSql(page, `select * from ${FLIGHTS}`);
  await expect(status(page)).toHaveText(/^10,000\u00a0rows in [\d,]+\u00a0ms$/);
  const button = page.getByRole('button', { name: 'Chart', exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');

  // proposed: a histogram of the first number column, drawn as an image that says so
  await expect(combo(page, 'Mark')).toHaveValue('Histogram');
  await expect(combo(page, 'X')).toHaveValue('delay');
  await expect(region(page).getByRole('img', { name: 'Histogram of delay, count per bin' })).toBeVisible();
  await region(page).getByRole('button', { name: 'Show chart data' }).click();
  const bins = await histogramOracle(FLIGHTS, 'delay', true);
  await expect.poll(() => tableRows(page)).toEqual(bins);
  // one rectangle drawn per row of chart data
  await expect(region(page).locator('svg g[aria-label="rect"] rect')).toHaveCount(bins.length);
  await screenshot(page, testInfo, 'chart-histogram');

  // bars of counts per origin: the 50 most frequent, then the rest ("All others")
  await combo(page, 'Mark').selectOption('Bar');
  await combo(page, 'X').selectOption('origin');
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
  await expect(combo(page, 'X')).toHaveValue('origin');

  // the setting is the session's: after a reload the same chart is back, with the same marks
  await page.reload();
  await expect(combo(page, 'Mark')).toHaveValue('Bar');
  await expect(combo(page, 'X')).toHaveValue('origin');
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

test('a histogram of millions: every y tick label lies inside the chart, at 1280 and at 1024 px wide', async ({ app }) => {
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

test('"Chart data" writes a sum rounded and grouped as the app writes a computed value, DuckDB’s full text as its title', async ({ app }) => {
  const { page } = app;
  await chartOfWeather(page);
  await combo(page, 'Mark').selectOption('Bar');
  await combo(page, 'X').selectOption('weather');
  await combo(page, 'Y').selectOption('precipitation');
  await combo(page, 'Aggregate').selectOption('Sum');
  await expect(region(page).getByRole('img', { name: /^Bar chart of sum of precipitation per weather/ })).toBeVisible();
  await region(page).getByRole('button', { name: 'Show chart data' }).click();
  // raw DuckDB's sums per weather, in the bars' order (most frequent first)
  const sums = await duckdbRows(`select weather, sum(precipitation)::VARCHAR from ${WEATHER} group by weather order by count(*) desc, weather`);
  expect(sums.some(([, s]) => /\.\d{3,}/.test(s!)), 'some sum has more than two decimals to round').toBe(true);
  await expect.poll(() => tableRows(page)).toEqual(sums.map(([k, s]) => [k!, grouped(s)]));
  const titles = await chartData(page).locator('tbody td.num').evaluateAll((cells) => cells.map((td) => td.getAttribute('title')));
  expect(titles).toEqual(sums.map(([, s]) => s));
});

test('"Chart data" writes bins of a DATE column as days, as raw DuckDB truncates them; a histogram offers no Y or aggregate', async ({ app }) => {
  const { page } = app;
  await chartOfWeather(page);
  await combo(page, 'Mark').selectOption('Histogram');
  await combo(page, 'X').selectOption('date');
  await expect(region(page).getByRole('img', { name: /^Histogram of date/ })).toBeVisible();
  // what a histogram does not read is not offered as a choice that changes nothing
  await expect(combo(page, 'Y')).toBeDisabled();
  await expect(combo(page, 'Y')).toHaveAccessibleDescription('A histogram counts the rows in each bin: it has no Y.');
  await expect(combo(page, 'Aggregate')).toBeDisabled();
  // they show what the histogram uses, not the proposed line's Y and aggregate it still keeps for other marks
  await expect(combo(page, 'Y').locator('option:checked')).toHaveText('(count)');
  await expect(combo(page, 'Aggregate').locator('option:checked')).toHaveText('Count');
  await expect(combo(page, 'Color')).toBeEnabled();
  await region(page).getByRole('button', { name: 'Show chart data' }).click();
  // four years of days: yearly bins (docs/charts.md: the unit that gives at most about 40 bins)
  const bins = await duckdbRows(`select date_trunc('year', date)::DATE::VARCHAR, (date_trunc('year', date) + interval 1 year)::DATE::VARCHAR, count(*) from ${WEATHER} group by 1, 2 order by 1`);
  await expect.poll(() => tableRows(page)).toEqual(bins.map(([lo, hi, n]) => [lo!, hi!, grouped(n!)]));
});

/** Clicks an export button and saves the download under the test's output; answers its path. */
async function exported(page: Page, name: 'Export PNG' | 'Export SVG', path: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await region(page).getByRole('button', { name }).click();
  await (await downloading).saveAs(path);
  return path;
}

test('Export PNG and Export SVG carry the legend, drawn in SVG above the chart in the colors on screen; a heatmap’s ramp too', async ({ app }, testInfo) => {
  const { page } = app;
  await chartOfWeather(page);
  await combo(page, 'Mark').selectOption('Histogram');
  await combo(page, 'X').selectOption('temp_max');
  await combo(page, 'Color').selectOption('weather');
  await expect(region(page).getByRole('img', { name: /^Histogram of temp_max/ })).toBeVisible();
  // on screen, Plot's legend is HTML: a swatch (an svg filled with the color) and its label per weather
  const swatches = region(page).locator('[class$="-swatch"]');
  await expect(swatches).toHaveCount(5);
  const onScreen = await swatches.evaluateAll((spans) => spans.map((s) => [s.textContent ?? '', s.querySelector('svg')?.getAttribute('fill') ?? '']));

  // the SVG file, opened as Chromium opens it: the same labels and colors, each label inside the file, the legend above the chart
  const viewer = await page.context().newPage();
  await viewer.goto(`file://${await exported(page, 'Export SVG', testInfo.outputPath('chart.svg'))}`);
  const file = await viewer.evaluate(() => {
    const root = document.documentElement;
    const legend = root.querySelector('g[aria-label="color legend"]');
    const chart = root.querySelector(':scope > svg');
    const bottom = Math.max(...[...(legend?.children ?? [])].map((c) => c.getBoundingClientRect().bottom));
    return {
      entries: [...(legend?.querySelectorAll('text') ?? [])].map((t) => [t.textContent ?? '', t.previousElementSibling?.getAttribute('fill') ?? '']),
      inside: [...(legend?.querySelectorAll('text') ?? [])].every((t) => t.getBoundingClientRect().right <= root.getBoundingClientRect().right),
      apart: chart !== null && bottom <= chart.getBoundingClientRect().top,
      width: root.getBoundingClientRect().width,
      height: root.getBoundingClientRect().height,
      swatch: legend?.querySelector('rect')?.getAttribute('fill') ?? '',
      bars: root.querySelectorAll('g[aria-label="rect"] rect').length,
    };
  });
  expect(file.entries).toEqual(onScreen);
  expect(file.inside).toBe(true);
  expect(file.apart).toBe(true);
  expect(file.bars).toBe(await region(page).locator('svg g[aria-label="rect"] rect').count());
  await viewer.screenshot({ path: testInfo.outputPath('chart-svg-file.png') });

  // the PNG, at twice the SVG's size, has the first swatch's color where the SVG draws it (12 + 5, 6 + 5)
  const png = readFileSync(await exported(page, 'Export PNG', testInfo.outputPath('chart.png')));
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([file.width * 2, file.height * 2]);
  await viewer.goto('about:blank');
  const pixel = await viewer.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const [r, g, b] = context.getImageData(34, 22, 1, 1).data;
    return `#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
  }, `data:image/png;base64,${png.toString('base64')}`);
  expect(pixel).toBe(file.swatch);

  // a heatmap's counts as shades: a gradient from the least to the most, with its ends
  await combo(page, 'Mark').selectOption('Heatmap');
  await combo(page, 'Y').selectOption('weather');
  await expect(region(page).getByRole('img', { name: /^Heatmap/ })).toBeVisible();
  await viewer.goto(`file://${await exported(page, 'Export SVG', testInfo.outputPath('heatmap.svg'))}`);
  const ramp = await viewer.evaluate(() => ({
    texts: [...document.querySelectorAll('g[aria-label="color legend"] text')].map((t) => t.textContent),
    stops: document.querySelectorAll('g[aria-label="color legend"] linearGradient stop').length,
  }));
  expect(ramp.texts[0]).toBe('count');
  expect(ramp.texts).toHaveLength(3);
  expect(ramp.stops).toBeGreaterThan(2);
  await viewer.screenshot({ path: testInfo.outputPath('heatmap-svg-file.png') });
  await viewer.close();
});

/** What the window or an opened file paints a chart's brush and bars with: computed, as the eye gets it. */
function painted(): { brush: string[]; bars: string[] } {
  const svg = [...document.querySelectorAll('svg')].filter((el) => el.querySelector('g[aria-label="bar"], g[aria-label="rect"]')).at(-1)!;
  const brush = svg.querySelector('rect.chart-brush-rect');
  const paint = (el: Element) => {
    const style = getComputedStyle(el);
    return [style.fill, style.fillOpacity, style.stroke].join(' ');
  };
  return { brush: brush ? [paint(brush)] : [], bars: [...svg.querySelectorAll('g[aria-label="bar"] > rect, g[aria-label="rect"] > rect')].map((r) => getComputedStyle(r).fillOpacity) };
}

test('an exported chart shows its brush and its selected bar as the window does: a translucent box, the other bars dimmed', async ({ app }, testInfo) => {
  const { page } = app;
  await chartOfWeather(page);
  await combo(page, 'Mark').selectOption('Histogram');
  await combo(page, 'X').selectOption('temp_max');
  const plot = region(page).getByRole('img', { name: 'Histogram of temp_max, count per bin' });
  await expect(plot).toBeVisible();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(region(page).getByText(/^Selected temp_max from /)).toBeVisible();

  // on screen: the accent at 15% over the brushed bins, the bins outside it dimmed
  const screen = await region(page).locator('.chart-plot').evaluate(painted);
  expect(screen.brush).toEqual([expect.stringMatching(/^(rgb\(\d+, \d+, \d+\)) 0\.15 \1$/)]);
  expect(screen.bars.filter((o) => o === '0.3').length).toBeGreaterThan(0);
  expect(screen.bars.filter((o) => o === '1').length).toBeGreaterThan(0);

  // the file, opened as Chromium opens it, paints them the same (before: an opaque near-black block)
  const viewer = await page.context().newPage();
  const downloading = page.waitForEvent('download');
  await region(page).getByRole('button', { name: 'Export SVG' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Histogram of temp_max count per bin.svg');
  await download.saveAs(testInfo.outputPath('brushed.svg'));
  await viewer.goto(`file://${testInfo.outputPath('brushed.svg')}`);
  expect(await viewer.evaluate(painted)).toEqual(screen);
  // every element styled by a class of the window's stylesheet has its paint written on it; Plot's own class is styled by the <style> it keeps
  const classes = await viewer.evaluate(() => [...document.querySelectorAll('[class]')].map((el) => `${el.getAttribute('class')} ${el.hasAttribute('fill')}`));
  expect(classes.filter((c) => !/^plot-\S+ (true|false)$/.test(c))).toEqual(['chart-brush-rect true']);
  await viewer.screenshot({ path: testInfo.outputPath('brushed-svg-file.png') });
  await region(page).press('Escape');
  await expect(region(page).getByText(/^Selected temp_max from /)).toHaveCount(0);
  expect((await region(page).locator('.chart-plot').evaluate(painted)).bars.every((o) => o === '1')).toBe(true);

  // a selected bar: the others dimmed, on screen and in the file; no box over its band (it read as a bar of the axis's top)
  await combo(page, 'Mark').selectOption('Bar');
  await combo(page, 'X').selectOption('weather');
  await combo(page, 'Aggregate').selectOption('Count');
  await expect(region(page).getByRole('img', { name: 'Bar chart of count per weather' })).toBeVisible();
  const bars = region(page).locator('svg g[aria-label="bar"] > rect');
  const total = await bars.count();
  // the last, shortest bar: above it, room to see the background
  await bars.last().click();
  await expect(region(page).getByText(/^Selected weather = \S+ \(Escape clears\)$/)).toBeVisible();
  const selected = await region(page).locator('.chart-plot').evaluate(painted);
  expect(selected).toEqual({ brush: [], bars: [...Array<string>(total - 1).fill('0.3'), '1'] });
  const pngDownload = page.waitForEvent('download');
  await region(page).getByRole('button', { name: 'Export PNG' }).click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toBe('Bar chart of count per weather.png');
  await png.saveAs(testInfo.outputPath('selected.png'));
  const svgDownload = page.waitForEvent('download');
  await region(page).getByRole('button', { name: 'Export SVG' }).click();
  await (await svgDownload).saveAs(testInfo.outputPath('selected.svg'));
  await viewer.goto(`file://${testInfo.outputPath('selected.svg')}`);
  expect(await viewer.evaluate(painted)).toEqual(selected);
  // in the PNG, above the selected (shortest) bar is the background, not a black or tinted bar to the top;
  // the bar itself is the accent in full and a dimmed one is lighter
  const points = await viewer.evaluate(() => {
    const rects = [...document.querySelectorAll('g[aria-label="bar"] > rect')].map((r) => r.getBoundingClientRect());
    const [first, last] = [rects[0]!, rects.at(-1)!];
    const middle = (r: DOMRect) => [r.left + r.width / 2, r.top + r.height / 2];
    return [[last.left + last.width / 2, (first.top + last.top) / 2], middle(last), middle(first)];
  });
  await viewer.goto('about:blank');
  const [above, chosen, dimmed] = await viewer.evaluate(
    async ([src, at]) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      return at.map(([x, y]) => [...context.getImageData(Math.round(x! * 2), Math.round(y! * 2), 1, 1).data.slice(0, 3)]);
    },
    [`data:image/png;base64,${readFileSync(testInfo.outputPath('selected.png')).toString('base64')}`, points] as const,
  );
  // the background (a grid line at most: grey), not a tint of the accent (its blue well above its red) nor black
  expect(Math.min(...above!)).toBeGreaterThan(200);
  expect(Math.max(...above!) - Math.min(...above!)).toBeLessThan(10);
  const sum = (rgb: number[] | undefined) => (rgb ?? []).reduce((a, b) => a + b, 0);
  expect(sum(dimmed)).toBeGreaterThan(sum(chosen) + 200);
  await viewer.close();
});
