import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Locator, Page } from '@playwright/test';
import { shownMean, shownNumber } from '../src/shared/explore/profileText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { dataset, editor, editorText, groupedText, ready, runSql, screenshot, setSql, status } from './workbench.helpers';

const WEATHER = `read_csv('${VEGA_DATA}/seattle-weather.csv')`;
const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const FLIGHTS = `read_parquet('${VEGA_DATA}/flights-3m.parquet')`;

const region = (page: Page) => page.getByRole('region', { name: 'Column profiles' });
const card = (page: Page, column: string) => region(page).getByRole('article', { name: column, exact: true });
/** A figure of a card ("Nulls", "Min", …) as the screen shows it. */
const figure = (c: Locator, term: string) => c.locator('.profile-figure').filter({ has: c.page().locator('dt', { hasText: new RegExp(`^${term.replace(/[.()]/g, '\\$&')}$`) }) }).locator('dd');
/** An integer column's mean as the card rounds it (readableAverage, unit-tested); DuckDB's exact text is its tooltip. A DOUBLE's figures are shownNumber's and shownMean's. */
const rounded = (text: string) => shownMean(text, 'BIGINT');

/** Scrolls the list of cards until `column`'s card exists (cards are virtualized) and is in view. */
async function scrollToCard(page: Page, column: string): Promise<Locator> {
  const list = region(page).locator('.profile-list');
  for (let i = 0; i < 200 && (await card(page, column).count()) === 0; i++) await list.evaluate((el) => el.scrollBy(0, 150));
  await card(page, column).scrollIntoViewIfNeeded();
  return card(page, column);
}

async function one(sql: string): Promise<(string | null)[]> {
  return (await duckdbRows(sql))[0]!;
}

/** The screen's null figure ("12 (0.8%)") for a count of a total, as the card writes it. */
const nullsText = (nulls: number, rows: number) => {
  const share = nulls / rows;
  return `${nulls.toLocaleString('en-US')} (${share > 0 && share < 0.001 ? '<0.1%' : `${Math.round(share * 1000) / 10}%`})`;
};

test('Profile shows each column of a result: nulls, distinct, min/max/mean and most frequent values as raw DuckDB computes them', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'seattle_weather');
  await runSql(page, 'select * from seattle_weather');
  await expect(status(page)).toHaveText(/^1,461\u00a0rows in [\d,]+\u00a0ms$/);
  const button = page.getByRole('button', { name: 'Profile', exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(region(page)).toBeVisible();

  const precipitation = card(page, 'precipitation');
  await expect(figure(precipitation, 'Min')).toBeVisible();
  const [nn, min, max, mean, distinct] = await one(
    `select count(*) - count(precipitation), min(precipitation), max(precipitation), avg(precipitation), count(distinct precipitation) from ${WEATHER}`,
  );
  await expect(figure(precipitation, 'Nulls')).toHaveText(nullsText(Number(nn), 1461));
  // a DOUBLE's figures are rounded as the pivot rounds them ("0.00", "3.03"), DuckDB's text their tooltip
  await expect(figure(precipitation, 'Min')).toHaveText(shownNumber(min!, 'DOUBLE'));
  await expect(figure(precipitation, 'Min')).toHaveAttribute('title', min!);
  await expect(figure(precipitation, 'Max')).toHaveText(shownNumber(max!, 'DOUBLE'));
  await expect(figure(precipitation, 'Mean')).toHaveText(shownMean(mean!, 'DOUBLE'));
  await expect(figure(precipitation, 'Mean')).toHaveAttribute('title', mean!);
  // 1,461 rows: distinct values counted exactly, and said so (HyperLogLog's estimate is for large relations)
  await expect(figure(precipitation, 'Distinct')).toHaveText(groupedText(distinct!));
  await expect(precipitation.getByRole('img', { name: /^Histogram of precipitation: 20 bars from 0/ })).toBeVisible();

  const date = card(page, 'date');
  const [dmin, dmax] = await one(`select min("date"), max("date") from ${WEATHER}`);
  await expect(figure(date, 'Min')).toHaveText(dmin!);
  await expect(figure(date, 'Max')).toHaveText(dmax!);

  // the last card is further down the list: it is asked for when it scrolls into view
  const weather = await scrollToCard(page, 'weather');
  const top = await duckdbRows(`select weather, count(*) as n from ${WEATHER} group by weather order by n desc, weather`);
  await expect(weather.getByRole('list', { name: 'Most frequent values of weather' }).getByRole('listitem')).toHaveText(
    top.map(([value, n]) => new RegExp(`^${value}\\s*${Number(n).toLocaleString('en-US')}$`)),
  );
  await screenshot(page, testInfo, 'profile-result');

  // a most frequent value filters the grid to it: DuckDB's count of that value, "N of M rows"
  const [topValue, topCount] = top[0]!;
  await weather.getByTitle(`Filter weather to ${topValue}`).click();
  await expect(page.getByRole('grid', { name: 'Results' })).toHaveAttribute('aria-rowcount', String(Number(topCount) + 1));
  await expect(status(page)).toHaveText(new RegExp(`^${Number(topCount).toLocaleString('en-US')} of 1,461\\u00a0rows in [\\d,]+\\u00a0ms$`));

  // Escape closes the region; the button opens it again
  await region(page).press('Escape');
  await expect(region(page)).toHaveCount(0);
  await expect(button).toHaveAttribute('aria-pressed', 'false');
});

test('a column header menu profiles that one column, and the catalog menu profiles a whole dataset', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select "Name", "Horsepower" from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('columnheader', { name: /Horsepower/ }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Profile column' }).click();
  await expect(region(page).getByRole('heading', { name: 'Profile of Horsepower' })).toBeVisible();
  await expect(region(page).getByRole('article')).toHaveCount(1);
  const [nulls, max] = await one(`select count(*) - count("Horsepower"), max("Horsepower") from ${CARS}`);
  await expect(figure(card(page, 'Horsepower'), 'Nulls')).toHaveText(nullsText(Number(nulls), 406));
  await expect(figure(card(page, 'Horsepower'), 'Max')).toHaveText(groupedText(max!));

  await dataset(page, 'cars').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await expect(region(page).getByRole('heading', { name: 'Profile of cars' })).toBeVisible();
  const [wmin, wmax, wmean] = await one(`select min("Weight_in_lbs"), max("Weight_in_lbs"), avg("Weight_in_lbs") from ${CARS}`);
  const weight = await scrollToCard(page, 'Weight_in_lbs');
  await expect(figure(weight, 'Min')).toHaveText(groupedText(wmin!));
  await expect(figure(weight, 'Max')).toHaveText(groupedText(wmax!));
  await expect(figure(weight, 'Mean')).toHaveText(rounded(wmean!));
  await expect(figure(weight, 'Mean')).toHaveAttribute('title', wmean!);
  await region(page).getByRole('button', { name: 'Close profiles' }).click();
  await expect(region(page)).toHaveCount(0);
});

const WIDE_COLUMNS = 500;
const WIDE_ROWS = 20_000;

/** A 500-column Parquet file written by raw DuckDB: integers, doubles and text of many values. */
async function writeWide(path: string): Promise<void> {
  const columns = Array.from({ length: WIDE_COLUMNS }, (_, k) =>
    k % 3 === 0 ? `((i * ${k + 1}) % 5003)::VARCHAR AS c${k}` : k % 3 === 1 ? `CASE WHEN i % ${k + 2} = 0 THEN NULL ELSE (i * ${k + 1}) % 9973 END AS c${k}` : `sqrt(i * ${k}) AS c${k}`,
  );
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`COPY (SELECT ${columns.join(', ')} FROM range(${WIDE_ROWS}) t(i)) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

test('a 500-column dataset: the window keeps answering while profiles compute, and cards fill in as they scroll into view', async ({ shared: app }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = app;
  const file = join(app.dataDir, 'wide.parquet');
  await writeWide(file);
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await ready(page, 'wide');
  await setSql(page, 'select 1');

  // a timer in the page: its longest gap says how long the main thread was ever blocked
  await page.evaluate(() => {
    const w = window as unknown as { maxGap: number; last: number };
    w.maxGap = 0;
    w.last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.maxGap = Math.max(w.maxGap, now - w.last);
      w.last = now;
    }, 20);
  });
  await dataset(page, 'wide').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await expect(region(page).getByText('500 columns')).toBeVisible();
  // while the first cards compute, the editor takes input
  await editor(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' + 2');
  await expect.poll(() => editorText(page)).toBe('select 1 + 2');
  await expect(figure(card(page, 'c1'), 'Nulls')).toHaveText(nullsText(Math.floor((WIDE_ROWS - 1) / 3) + 1, WIDE_ROWS));
  // only the cards in view (and a few around) exist, and only they were asked for
  expect(await region(page).getByRole('article').count()).toBeLessThan(20);
  await expect(card(page, 'c499')).toHaveCount(0);

  // scrolled to the end, the last cards come into view and fill in
  await region(page).locator('.profile-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = card(page, 'c499');
  await expect(last).toBeVisible();
  const [lmin, lmax, lnulls] = await one(`select min(c499), max(c499), count(*) - count(c499) from read_parquet('${file}')`);
  await expect(figure(last, 'Nulls')).toHaveText(nullsText(Number(lnulls), WIDE_ROWS));
  await expect(figure(last, 'Min')).toHaveText(groupedText(lmin!));
  await expect(figure(last, 'Max')).toHaveText(groupedText(lmax!));
  const gap = await page.evaluate(() => (window as unknown as { maxGap: number }).maxGap);
  expect(gap).toBeLessThan(1000);
  await screenshot(page, testInfo, 'profile-wide');

});

test('Cancel stops a profile while it computes, and Resume asks again: the first card fills in with its nulls, the sample with its total, as raw DuckDB counts them', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'flights_3m');
  // 3M rows: profiling a sample of a million of them takes seconds, still computing when Cancel lands
  await dataset(page, 'flights_3m').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  const cancel = region(page).getByRole('button', { name: 'Cancel' });
  await cancel.click();
  await expect(region(page).getByText(/^Cancelled/)).toBeVisible();
  await expect(cancel).toHaveCount(0);
  await expect(region(page).getByRole('article').first()).toContainText('Not profiled (cancelled)');
  await region(page).getByRole('button', { name: 'Resume' }).click();
  // Resumed, the first column's card fills in with its figures, as raw DuckDB computes them on the
  // whole file. The profile reads a sample; the file has no NULL in it, so no sample of it has one
  // either and the Nulls figure is exact.
  const [[first]] = (await duckdbRows(`select column_name from (describe select * from ${FLIGHTS})`)) as [[string]];
  await expect(region(page).getByRole('article').first()).toHaveAccessibleName(first);
  const [total, nulls] = await one(`select count(*), count(*) - count("${first}") from ${FLIGHTS}`);
  await expect(figure(card(page, first), 'Nulls')).toHaveText(nullsText(Number(nulls), Number(total)), { timeout: 60_000 });
  await expect(region(page).getByText(/^Sample of/)).toContainText(`(of ${Number(total).toLocaleString('en-US')})`);
});

test('a number whose square overflows a DOUBLE (1e308) profiles like any other, and every card fills in', async ({ shared: app }) => {
  const { page } = app;
  const dir = mkdtempSync(join(tmpdir(), 'sextant-profile-extremes-'));
  try {
    const file = join(dir, 'extremes.csv');
    const lines = Array.from({ length: 200 }, (_, i) => {
      const big = i === 7 ? '1e308' : String(i * 0.37);
      const neg = i === 3 ? '-1e308' : String(i - 50);
      const wide = i === 11 ? '1.7e308' : i === 12 ? '-1.7e308' : String(i);
      return `${i},${big},${neg},${wide},${['alpha', 'beta', 'gamma'][i % 3]},2024-01-${String(1 + (i % 28)).padStart(2, '0')}`;
    });
    writeFileSync(file, ['id,big,neg,wide,label,day', ...lines].join('\n'));
    await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
    await page.getByRole('button', { name: 'Add dataset' }).click();
    await ready(page, 'extremes');
    await runSql(page, 'select * from extremes');
    await expect(status(page)).toHaveText(/^200\u00a0rows in [\d,]+\u00a0ms$/);
    await page.getByRole('button', { name: 'Profile', exact: true }).click();

    const raw = `read_csv('${file.replaceAll("'", "''")}')`;
    for (const column of ['id', 'big', 'neg', 'wide', 'label', 'day']) {
      const c = await scrollToCard(page, column);
      await expect(figure(c, 'Nulls'), column).toHaveText(nullsText(0, 200));
      await expect(c).not.toContainText('Profiling…');
      if (column === 'label' || column === 'day') continue;
      // the oracle divides by the largest magnitude so its own stddev_samp does not overflow: an independent way to the same figure
      const [min, max, mean, sd] = await one(
        `select min(x), max(x), avg(x), stddev_samp(x / s) * any_value(s) from (select "${column}" as x from ${raw}), (select max(abs("${column}")) as s from ${raw})`,
      );
      const type = (await c.locator('.col-type').textContent())!;
      await expect(figure(c, 'Min'), column).toHaveText(shownNumber(min!, type));
      await expect(figure(c, 'Max'), column).toHaveText(shownNumber(max!, type));
      await expect(figure(c, 'Mean'), column).toHaveText(shownMean(mean!, type));
      const deviation = figure(c, 'Std dev');
      const exact = (await deviation.getAttribute('title'))!;
      expect(Number(exact) / Number(sd), column).toBeCloseTo(1, 9);
      await expect(deviation, column).toHaveText(shownMean(exact, type));
    }
    await expect(region(page).locator('.profile-error')).toHaveCount(0);
    await expect(region(page).getByText('Profiling…')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a sampled profile (flights, 3M rows): nulls, distinct values, min, max and mean are of all rows, and what the sample gives is marked ≈', async ({ shared: app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await ready(page, 'flights_3m');
  await dataset(page, 'flights_3m').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await expect(region(page).getByText(/^Sample of .*: figures marked ≈ are estimated from it\.$/)).toBeVisible({ timeout: 120_000 });
  const [dmin, min, max, mean, distinct, origins] = await one(
    `select min("date")::varchar, min(delay), max(delay), avg(delay), count(distinct delay), count(distinct origin) from ${FLIGHTS}`,
  );
  // a sample's min was 00:02 and -86, its distinct counts 628 and 254 (of 229 origins)
  await expect(figure(card(page, 'date'), 'Min')).toHaveText(dmin!, { timeout: 120_000 });
  await expect(figure(card(page, 'date'), 'Distinct in sample')).toHaveText(/^≈[\d,]+$/); // the sample's, estimated: "≈" as the other estimates
  const delay = card(page, 'delay');
  await expect(figure(delay, 'Min')).toHaveText(groupedText(min!));
  await expect(figure(delay, 'Max')).toHaveText(groupedText(max!));
  await expect(figure(delay, 'Mean')).toHaveText(rounded(mean!));
  await expect(figure(delay, 'Distinct')).toHaveText(groupedText(distinct!));
  await expect(figure(delay, 'Quartiles')).toHaveText(/^≈-?\d+ · -?\d+ · -?\d+$/);
  await expect(figure(delay, 'Quartiles')).toHaveAttribute('title', /^Estimated from a sample of [\d,]+ rows: /);
  // the histogram's ends are the card's min and max
  await expect(delay.locator('.profile-axis')).toHaveText(`${groupedText(min!)}${groupedText(max!)}`);

  const origin = await scrollToCard(page, 'origin');
  await expect(figure(origin, 'Distinct')).toHaveText(groupedText(origins!));
  // the sample chooses the most frequent values, all rows count them: DuckDB's exact counts, in its order
  // (a sample's counts scaled up read "≈67,600" for DEN above "≈67,000" for LAS), "Other" the exact rest
  const top = await duckdbRows(`select origin, count(*) as n from ${FLIGHTS} group by origin order by n desc, origin limit 10`);
  const rest = 3_000_000 - top.reduce((sum, [, n]) => sum + Number(n), 0);
  await expect(origin.getByRole('list', { name: 'Most frequent values of origin' }).getByRole('listitem')).toHaveText([
    ...top.map(([value, n]) => new RegExp(`^${value}\\s*${Number(n).toLocaleString('en-US')}$`)),
    new RegExp(`^Other\\s*${rest.toLocaleString('en-US')}$`),
  ]);
  await expect(origin.getByText(/^Values chosen from a sample of [\d,]+ rows, counted over all 3,000,000$/)).toBeVisible();
});

test('NaN and infinities are left out of every figure of a card alike, and the card says so; a large integer’s mean keeps its digits', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  const values = "('nan'::double, 9007199254740994::bigint), ('nan', 9007199254741193), ('inf', 9007199254741000), ('-inf', 9007199254741100), (1.5, NULL), (2, NULL), (400, NULL), (-7, NULL), (12, NULL)";
  await runSql(page, `select * from (values ${values}) t(x, big)`);
  await expect(status(page)).toHaveText(/^9\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  const [min, max, q1, q2, q3, mean] = await one(
    `select min(x), max(x), quantile_disc(x, 0.25), quantile_disc(x, 0.5), quantile_disc(x, 0.75), avg(x) from (values ${values}) t(x, big) where isfinite(x)`,
  );
  const x = card(page, 'x');
  // the quartiles were of every value, NaN and infinities among them, while the mean was of the finite ones
  await expect(figure(x, 'Quartiles')).toHaveText([q1, q2, q3].map((q) => shownNumber(q!, 'DOUBLE')).join(' · '));
  await expect(figure(x, 'Min')).toHaveText(shownNumber(min!, 'DOUBLE'));
  await expect(figure(x, 'Max')).toHaveText(shownNumber(max!, 'DOUBLE'));
  await expect(figure(x, 'Mean')).toHaveText(shownMean(mean!, 'DOUBLE'));
  await expect(x.getByText('2 NaN, 1 inf, 1 -inf left out')).toBeVisible();
  const [bigMean] = await one(`select avg(big) from (values ${values}) t(x, big)`);
  await expect(figure(card(page, 'big'), 'Mean')).toHaveText(Number(bigMean).toLocaleString('en-US', { maximumFractionDigits: 2 }));
  await expect(figure(card(page, 'big'), 'Mean')).not.toContainText('e+');
});

test('a card is as tall as its figures: a text column of a few values takes less room than a number’s', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'seattle_weather');
  await runSql(page, 'select weather, precipitation from seattle_weather');
  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  const weather = card(page, 'weather');
  const precipitation = card(page, 'precipitation');
  await expect(weather.getByRole('list', { name: 'Most frequent values of weather' })).toBeVisible();
  await expect(figure(precipitation, 'Min')).toBeVisible();
  const [min, max] = await one(`select min(precipitation), max(precipitation) from ${WEATHER}`);
  await expect(precipitation.locator('.profile-axis')).toHaveText(`${shownNumber(min!, 'DOUBLE')}${shownNumber(max!, 'DOUBLE')}`);
  // no empty half-card: the card ends where its last row does
  await expect.poll(async () => weather.evaluate((el) => el.getBoundingClientRect().height - (el.lastElementChild!.getBoundingClientRect().bottom - el.getBoundingClientRect().top))).toBeLessThan(16);
  const heights = await Promise.all([weather, precipitation].map((c) => c.evaluate((el) => el.getBoundingClientRect().height)));
  expect(heights[0]).toBeLessThan(heights[1]! * 0.85);
  // the next card starts right below the first: the list is laid out by measured heights
  const gap = await page.evaluate(() => {
    const [a, b] = [...document.querySelectorAll('.profile-card')].map((e) => e.getBoundingClientRect());
    return b!.top - a!.bottom;
  });
  expect(gap).toBeLessThan(16);
});

test('a 1 MB most frequent value is cut as the grid cuts it, its count still on the card; an INTERVAL gets its min and max; a DOUBLE’s quartiles read alike', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  const rows = `select case when i < 3 then repeat('x', 1000000) else 'short' end as huge, to_minutes(i * 7) as span, i / 7 * 1000 as q from range(8) t(i)`;
  await runSql(page, rows);
  await expect(status(page)).toHaveText(/^8\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Profile', exact: true }).click();
  const huge = card(page, 'huge').getByRole('list', { name: 'Most frequent values of huge' }).getByRole('listitem');
  await expect(huge.first().locator('.profile-top-count')).toHaveText('5');
  await expect(huge.nth(1).locator('.profile-top-count')).toHaveText('3');
  expect(await huge.nth(1).locator('.profile-top-value').textContent()).toBe(`${'x'.repeat(1000)}…`);
  // the count stays on the card, beside the cut value
  const [row, count] = await Promise.all([huge.nth(1).boundingBox(), huge.nth(1).locator('.profile-top-count').boundingBox()]);
  expect(count!.x + count!.width).toBeLessThanOrEqual(row!.x + row!.width + 1);
  const [min, max, q1, q2, q3] = await one(`select min(span)::varchar, max(span)::varchar, quantile_disc(q, 0.25), quantile_disc(q, 0.5), quantile_disc(q, 0.75) from (${rows})`);
  await expect(figure(card(page, 'span'), 'Min')).toHaveText(min!);
  await expect(figure(card(page, 'span'), 'Max')).toHaveText(max!);
  await expect(figure(card(page, 'q'), 'Quartiles')).toHaveText([q1, q2, q3].map((x) => shownNumber(x!, 'DOUBLE')).join(' · '));
  await expect(figure(card(page, 'q'), 'Quartiles')).toHaveText(/^\d[\d,]*\.\d\d · \d[\d,]*\.\d\d · \d[\d,]*\.\d\d$/);
});
