import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { chart, grouped, histogramOracle, pickChart, tableRows } from './chart.helpers';
import { grid, runSql, status } from './workbench.helpers';

const MOVIES = `read_json_auto('${VEGA_DATA}/movies.json')`;

test('a histogram of movies’ IMDB Rating: bins on decimal edges written as decimals, each counting raw DuckDB’s rows in [lo, hi); a brush by keys over a bin selects exactly those rows', async ({ app }) => {
  const { page } = app;
  await runSql(page, `select * from ${MOVIES}`);
  const [[total]] = (await duckdbRows(`select count(*) from ${MOVIES}`)) as [[string]];
  await expect(status(page)).toHaveText(new RegExp(`^${grouped(total)}\\u00a0rows in`));
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await pickChart(page, 'Chart', { Mark: 'Histogram', X: 'IMDB Rating' });
  const plot = chart(page, 'Chart').getByRole('img', { name: 'Histogram of IMDB Rating, count per bin' });
  await expect(plot).toBeVisible();
  await chart(page, 'Chart').getByRole('button', { name: 'Show chart data' }).click();

  // the oracle knows only decimals: edges 1.4, 1.6, … read as DOUBLE, a rating in [lo, hi) as DOUBLEs
  const bins = await histogramOracle(MOVIES, '"IMDB Rating"', false);
  await expect.poll(() => tableRows(page, 'Chart')).toEqual(bins);
  // the repro: no bin below 1.4 (the lowest rating), 1.4 and 1.5 in the first, the 2.4s not in [2.2, 2.4)
  expect(bins[0]?.slice(0, 2)).toEqual(['1.4', '1.6']);
  const [[low]] = (await duckdbRows(`select count(*) from ${MOVIES} where "IMDB Rating" in (1.4, 1.5)`)) as [[string]];
  expect(bins[0]?.[2]).toBe(grouped(low));
  const [[twos]] = (await duckdbRows(`select count(*) from ${MOVIES} where "IMDB Rating" in (2.2, 2.3)`)) as [[string]];
  expect(bins.find((b) => b[0] === '2.2')?.[2]).toBe(grouped(twos));
  for (const [lo, hi] of bins) expect(`${lo} ${hi}`).toMatch(/^\d+\.\d \d+\.\d$/);
  // every column here is a number: each header's right edge is its figures' (a left-aligned header sat over nothing)
  const data = chart(page, 'Chart').getByRole('table', { name: 'Chart data' });
  const textRight = (selector: string) =>
    data.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return Math.round(r.getBoundingClientRect().right);
      }),
    );
  expect(await textRight('thead th')).toEqual(await textRight('tbody tr:first-child td'));

  // Right brushes the first bin, more Rights the bin [2.2, 2.4) (keys step over the bins drawn): its edges are the bin's, and the grid shows the rows it counted
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  const selected = chart(page, 'Chart').getByText(/^Selected IMDB Rating from /);
  await expect(selected).toHaveText('Selected IMDB Rating from 1.4 to under 1.6 (Escape clears)');
  await expect(status(page)).toContainText(`${bins[0]?.[2]} of ${grouped(total)} rows`);
  const at = bins.findIndex((b) => b[0] === '2.2');
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
  await expect(selected).toHaveText('Selected IMDB Rating from 2.2 to under 2.4 (Escape clears)');
  await expect(status(page)).toContainText(`${bins[at]?.[2]} of ${grouped(total)} rows`);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Number(bins[at]?.[2]?.replaceAll(',', '')) + 1));
  // Shift+Right twice: three bins, their counts summed (the brush's text is the shortest decimal: 3, not DuckDB's 3.0)
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
  const three = bins.slice(at, at + 3).reduce((s, b) => s + Number(b[2]?.replaceAll(',', '')), 0);
  await expect(selected).toHaveText(`Selected IMDB Rating from 2.2 to under ${String(Number(bins[at + 2]?.[1]))} (Escape clears)`);
  await expect(status(page)).toContainText(`${grouped(String(three))} of ${grouped(total)} rows`);
});
