import type { Page } from '@playwright/test';
import { chart, combo, pickChart } from './chart.helpers';
import { expect, test, VEGA_DATA } from './fixtures';
import { runSql, status } from './workbench.helpers';

const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;

/**
 * The size text is drawn at on screen, in pixels, in the chart's own SVG (its axes) and in its legend:
 * the computed font size times the scale its SVG is drawn at (a chart scaled to fit its box shrinks
 * its text with it).
 */
const textSizes = (page: Page) =>
  chart(page, 'Chart')
    .getByRole('img')
    .evaluate((plot) => {
      const onScreen = (text: Element) => {
        const svg = text.closest('svg');
        const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
        return Math.round(parseFloat(getComputedStyle(text).fontSize) * scale * 10) / 10;
      };
      const svgs = [...plot.querySelectorAll('svg')];
      const own = svgs.at(-1);
      if (!own) return undefined;
      const axes = [...own.querySelectorAll('g[aria-label$="tick label"] text')].map(onScreen);
      // a ramp's text (an SVG), or each swatch's label (HTML)
      const legend = [...plot.querySelectorAll('figure > :not(:last-child)')].flatMap((part) => (part.tagName === 'svg' ? [...part.querySelectorAll('text')].map(onScreen) : [...part.querySelectorAll('span')].filter((s) => s.textContent).map(onScreen)));
      return { axes: [...new Set(axes)], legend: [...new Set(legend)] };
    });

/** How many X tick labels and titles the chart draws, and how many of them are wholly the topmost thing on screen (at their centre and four corners). */
const xLabelsInSight = (page: Page) =>
  chart(page, 'Chart')
    .getByRole('img')
    .evaluate((plot) => {
      const labels = [...plot.querySelectorAll('svg g[aria-label="x-axis tick label"] text, svg g[aria-label="x-axis label"] text')];
      const onTop = (label: Element, x: number, y: number) => {
        const top = document.elementFromPoint(x, y);
        return top !== null && (top === label || label.contains(top));
      };
      const inSight = labels.filter((label) => {
        const r = label.getBoundingClientRect();
        const [left, right, upper, lower] = [r.left + 1, r.right - 1, r.top + 1, r.bottom - 1];
        return [[(left + right) / 2, (upper + lower) / 2], [left, upper], [right, upper], [left, lower], [right, lower]].every(([x, y]) => onTop(label, x!, y!));
      });
      return { labels: labels.length, inSight: inSight.length };
    });

test('every chart’s text is the same size, a legend laid out above the chart rather than the chart scaled down to fit it', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, `select * from ${CARS}`);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();

  await pickChart(page, 'Chart', { Mark: 'Bar', X: 'Origin' });
  await expect(chart(page, 'Chart').getByRole('img', { name: /^Bar chart of .* per Origin$/ })).toBeVisible();
  await expect.poll(() => textSizes(page)).toEqual({ axes: [11], legend: [] });
  // at 1280 × 800 the whole X axis is in sight: nothing covers its labels (a sticky row of buttons did)
  await expect.poll(() => xLabelsInSight(page)).toEqual({ labels: 4, inSight: 4 });

  await pickChart(page, 'Chart', { Mark: 'Scatter', X: 'Horsepower', Y: 'Miles_per_Gallon', Color: 'Origin' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Scatter plot of Miles_per_Gallon against Horsepower, by Origin' })).toBeVisible();
  await expect.poll(() => textSizes(page)).toEqual({ axes: [11], legend: [11] });
  // a legend makes the chart taller than its pane at 1280 × 800: its buttons stay in sight, whole
  for (const name of ['Show chart data', 'Export PNG', 'Export SVG']) await expect(chart(page, 'Chart').getByRole('button', { name })).toBeInViewport({ ratio: 1 });

  await pickChart(page, 'Chart', { Mark: 'Histogram' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Histogram of Horsepower, count per bin, by Origin' })).toBeVisible();
  await expect.poll(() => textSizes(page)).toEqual({ axes: [11], legend: [11] });

  await pickChart(page, 'Chart', { Mark: 'Heatmap' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Heatmap of count by Horsepower and Miles_per_Gallon' })).toBeVisible();
  await expect.poll(() => textSizes(page)).toEqual({ axes: [11], legend: [11] });
});

/** How far each cell's fill stands from the plot's background, in drawn order (a fill #rrggbb or rgb(); the background as CSS computes it). */
const cellContrast = (page: Page) =>
  chart(page, 'Chart')
    .getByRole('img')
    .evaluate((plot) => {
      const [br = 0, bg = 0, bb = 0] = (getComputedStyle(plot).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
      const own = [...plot.querySelectorAll('svg')].at(-1)!;
      return [...own.querySelectorAll('g[aria-label="rect"] > rect')].map((r) => {
        const fill = r.getAttribute('fill') ?? '';
        const hex = /^#(..)(..)(..)$/.exec(fill);
        const [cr = NaN, cg = NaN, cb = NaN] = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : (fill.match(/[\d.]+/g) ?? []).map(Number);
        return Math.hypot(cr - br, cg - bg, cb - bb);
      });
    });

/** Each cell's contrast with the background beside its count ("Chart data", whose rows are the cells in drawn order): checks the shades run from faint to strong. */
async function expectShadesByCount(page: Page): Promise<void> {
  await expect(chart(page, 'Chart').getByRole('img')).not.toHaveAttribute('aria-busy', 'true');
  const table = chart(page, 'Chart').getByRole('table', { name: 'Chart data' });
  await expect(table).toBeVisible();
  const counts = (await table.locator('tbody tr td:last-child').allTextContents()).map((t) => Number(t.replaceAll(',', '')));
  const contrast = await cellContrast(page);
  expect(contrast).toHaveLength(counts.length);
  const at = (n: number) => contrast[counts.indexOf(n)]!;
  const [fewest, most] = [Math.min(...counts), Math.max(...counts)];
  expect(fewest).toBe(1);
  // the fewest rows are the faintest cells, still apart from the background; the most the strongest
  expect(at(fewest)).toBeLessThan(at(most) / 2);
  expect(at(fewest)).toBeGreaterThan(10);
  for (const c of contrast) expect(c).toBeLessThanOrEqual(at(most) + 0.5);
}

test('a heatmap and a scatter’s density grid read right in the dark theme: the fewest rows faint against the background, the most strong', async ({ shared: app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await runSql(page, `select * from ${CARS}`);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Heatmap', X: 'Horsepower', Y: 'Miles_per_Gallon' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Heatmap of count by Horsepower and Miles_per_Gallon' })).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  await expectShadesByCount(page);

  // more rows than a scatter draws as points: its density grid
  await runSql(page, `select * from read_json_auto('${VEGA_DATA}/flights-20k.json')`);
  await expect(status(page)).toHaveText(/^20,000\u00a0rows in/);
  await pickChart(page, 'Chart', { Mark: 'Scatter', X: 'delay', Y: 'distance' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Scatter plot of distance against delay, count per cell' })).toBeVisible();
  await expect(chart(page, 'Chart').getByRole('button', { name: 'Show chart data' })).toBeEnabled();
  if ((await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).getAttribute('aria-pressed')) !== 'true') await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  await expectShadesByCount(page);
});

test('a box plot offers no Color, saying why, as a histogram offers no Y', async ({ shared: app }) => {
  const { page } = app;
  await runSql(page, `select * from ${CARS}`);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Bar', Color: 'Origin' });
  await expect(combo(page, 'Chart', 'Color')).toBeEnabled();
  await pickChart(page, 'Chart', { Mark: 'Box', X: 'Origin', Y: 'Horsepower' });
  await expect(chart(page, 'Chart').getByRole('img', { name: 'Box plot of Horsepower per Origin' })).toBeVisible();
  await expect(combo(page, 'Chart', 'Color')).toBeDisabled();
  await expect(combo(page, 'Chart', 'Color')).toHaveAccessibleDescription('A box plot draws one box per X in one color: it has no Color.');
});
