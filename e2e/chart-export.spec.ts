import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { chart, chartOfWeather, pickChart, plotDrawn } from './chart.helpers';

/** A chart's PNG and SVG exports, opened and checked against the chart on screen. */

/** The first chart's region. */
const region = (page: Page) => chart(page, 'Chart');

/** Clicks an export button and saves the download under the test's output; answers its path. */
async function exported(page: Page, name: 'Export PNG' | 'Export SVG', path: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await region(page).getByRole('button', { name }).click();
  await (await downloading).saveAs(path);
  return path;
}

test('Export PNG and Export SVG carry the legend, drawn in SVG above the chart in the colors on screen; a heatmap’s ramp too', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await chartOfWeather(page);
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'temp_max', Color: 'weather' });
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
  await pickChart(page, 'Chart', { Mark: 'Heatmap', Y: 'weather' });
  // the name changes with the pick, before the heatmap is drawn: its ramp on screen says it is
  const heatmap = region(page).getByRole('img', { name: /^Heatmap of count by .*temp_max.* and .*weather/ });
  await plotDrawn(heatmap);
  await expect(region(page).locator('svg[class$="-ramp"]')).toHaveCount(1);
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

test('an exported chart shows its brush and its selected bar as the window does: a translucent box, the other bars dimmed', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await chartOfWeather(page);
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'temp_max' });
  const plot = region(page).getByRole('img', { name: 'Histogram of temp_max, count per bin' });
  await expect(plot).toBeVisible();
  // the chart is named as it is asked for: a drag before its bins are drawn brushes nothing
  await plotDrawn(plot);
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
  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'weather', Aggregate: 'Count' });
  await expect(region(page).getByRole('img', { name: 'Bar chart of count per weather' })).toBeVisible();
  const bars = region(page).locator('svg g[aria-label="bar"] > rect');
  // the chart is named before its plot is drawn: seattle-weather's five kinds of weather
  await expect(bars).toHaveCount(5);
  const total = 5;
  // the last, shortest bar: above it, room to see the background
  await bars.last().click();
  await expect(region(page).getByText(/^Selected weather = \S+ \(Escape clears\)$/)).toBeVisible();
  const othersDimmed = { brush: [], bars: [...Array<string>(total - 1).fill('0.3'), '1'] };
  await expect.poll(() => region(page).locator('.chart-plot').evaluate(painted)).toEqual(othersDimmed);
  const selected = await region(page).locator('.chart-plot').evaluate(painted);
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
