import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { chart, grouped, near, pickChart, plotDrawn, tableRows } from './chart.helpers';
import { grid, runSql, screenshot, status } from './workbench.helpers';

const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;

/** A box on the screen: a cell's or the brush's. */
interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The distinct [from, to] of a "Chart data" table's columns `at` and `at + 1`, in order: a heatmap's bins along one axis. */
const binsOf = (cells: number[][], at: number): [number, number][] => [...new Map(cells.map((c) => [c[at]!, c[at + 1]!])).entries()].sort((a, b) => a[0] - b[0]);

/** Raw DuckDB's count of cars with Horsepower in [xlo, xhi) and Miles_per_Gallon in [ylo, yhi), compared as DOUBLEs as a range filter compares. */
async function carsIn(xlo: string, xhi: string, ylo: string, yhi: string): Promise<string> {
  const where = `Horsepower::DOUBLE >= '${xlo}'::DOUBLE and Horsepower::DOUBLE < '${xhi}'::DOUBLE and Miles_per_Gallon::DOUBLE >= '${ylo}'::DOUBLE and Miles_per_Gallon::DOUBLE < '${yhi}'::DOUBLE`;
  const [[rows]] = (await duckdbRows(`select count(*) from ${CARS} where ${where}`)) as [[string]];
  return rows;
}

test('a mouse brush over a heatmap selects whole cells along each axis: the grid keeps exactly the rows of the cells under the box, as raw DuckDB counts them', async ({ app }, testInfo) => {
  const { page } = app;
  await runSql(page, `select * from ${CARS}`);
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Heatmap', X: 'Horsepower', Y: 'Miles_per_Gallon' });
  const plot = chart(page, 'Chart').getByRole('img', { name: 'Heatmap of count by Horsepower and Miles_per_Gallon' });
  await expect(plot).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();
  // each cell: Horsepower from, to, Miles_per_Gallon from, to, count (the name follows the pick at
  // once; the table holds the chart first proposed until the cells arrive)
  await expect.poll(async () => (await tableRows(page, 'Chart'))[0]?.length).toBe(5);
  await plotDrawn(plot);
  const shown = await tableRows(page, 'Chart');
  const cells = shown.map((row) => row.map((t) => near(t.replaceAll(',', ''))));
  const xs = binsOf(cells, 0);
  const ys = binsOf(cells, 2);
  expect(xs.length).toBeGreaterThan(12);
  expect(ys.length).toBeGreaterThan(12);

  // the cells as drawn, in the table's order (Plot draws the marks in their order)
  await plot.scrollIntoViewIfNeeded();
  const rects = chart(page, 'Chart').locator('svg g[aria-label="rect"] > rect');
  await expect(rects).toHaveCount(cells.length);
  const drawn: Box[] = await rects.evaluateAll((all) => all.map((r) => r.getBoundingClientRect()).map(({ left, right, top, bottom }) => ({ left, right, top, bottom })));
  // values to screen pixels, from the outermost cells' edges (Y drawn upwards)
  const [x0, x1] = [xs[0]![0], xs.at(-1)![1]];
  const [y0, y1] = [ys[0]![0], ys.at(-1)![1]];
  const [left, right] = [Math.min(...drawn.map((b) => b.left)), Math.max(...drawn.map((b) => b.right))];
  const [top, bottom] = [Math.min(...drawn.map((b) => b.top)), Math.max(...drawn.map((b) => b.bottom))];
  const px = (x: number, y: number) => ({ x: left + ((x - x0) / (x1 - x0)) * (right - left), y: bottom - ((y - y0) / (y1 - y0)) * (bottom - top) });

  // from 40% into one cell to 40% into the cell four columns right and four rows up: over part of the cells at its edges
  const [i, k] = [Math.floor(xs.length * 0.3), Math.floor(ys.length * 0.3)];
  const into = ([lo, hi]: [number, number]) => lo + 0.4 * (hi - lo);
  const from = px(into(xs[i]!), into(ys[k]!));
  const to = px(into(xs[i + 4]!), into(ys[k + 4]!));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();

  const described = chart(page, 'Chart').getByText(/^Selected Horsepower from /);
  await expect(described).toBeVisible();
  const ranges = async () => (/from (\S+) to under (\S+) and Miles_per_Gallon from (\S+) to under (\S+) /.exec((await described.textContent()) ?? '')?.slice(1) ?? []).map((t) => (t ?? '').replaceAll(',', ''));
  const [xlo = '', xhi = '', ylo = '', yhi = ''] = await ranges();
  // whole cells along each axis: those whose middle the drag covers, the first four columns and rows it starts in
  expect([xlo, xhi, ylo, yhi].map(near)).toEqual([xs[i]![0], xs[i + 3]![1], ys[k]![0], ys[k + 3]![1]]);
  const rows = await carsIn(xlo, xhi, ylo, yhi);
  expect(Number(rows)).toBeGreaterThan(0);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(rows) + 1));
  await expect(status(page)).toContainText(`${grouped(rows)} of 406 rows`);

  // "Chart data"'s cells inside the selection hold exactly those rows (the heatmap keeps every cell: its own brush does not filter it)
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(shown);
  const inside = (c: number[]) => c[0]! >= near(xlo) && c[1]! <= near(xhi) && c[2]! >= near(ylo) && c[3]! <= near(yhi);
  expect(cells.filter(inside).reduce((s, c) => s + c[4]!, 0)).toBe(Number(rows));
  // and the box is drawn over exactly those cells: each cell is wholly under it or wholly beside it, none cut
  const brushBox: Box = await chart(page, 'Chart')
    .locator('rect.chart-brush-rect')
    .evaluate((r) => {
      const { left, right, top, bottom } = r.getBoundingClientRect();
      return { left, right, top, bottom };
    });
  const overlap = (b: Box) => Math.max(0, Math.min(b.right, brushBox.right) - Math.max(b.left, brushBox.left)) * Math.max(0, Math.min(b.bottom, brushBox.bottom) - Math.max(b.top, brushBox.top));
  const area = (b: Box) => (b.right - b.left) * (b.bottom - b.top);
  const cut = drawn.filter((b) => overlap(b) > 1 && overlap(b) < area(b) - 1);
  expect(cut).toEqual([]);
  const lit = drawn.map((b) => overlap(b) > 1);
  expect(cells.reduce((s, c, n) => s + (lit[n] ? c[4]! : 0), 0)).toBe(Number(rows));
  await screenshot(page, testInfo, 'chart-heatmap-brush');

  // keys take the brush up cell by cell: Shift+Right grows it by one whole column
  await plot.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await ranges()).map(near)).toEqual([xs[i]![0], xs[i + 4]![1], ys[k]![0], ys[k + 3]![1]]);
  const [wlo = '', whi = ''] = await ranges();
  const wider = await carsIn(wlo, whi, ylo, yhi);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(wider) + 1));
});
