import type { Locator, Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { pivotOf } from './workbench.helpers';

/**
 * flights-3m's `date`, a TIMESTAMP per minute, as a pivot's row field: grouped by month when it is
 * put there (not by each of its ~213,000 minutes), every number against raw DuckDB's date_trunc;
 * then, from the keyboard, by quarter. Then seattle-weather's `date`, a DATE, as its column field:
 * the columns are the months, then the years, each header and cell raw DuckDB's.
 */
const FLIGHTS = `read_parquet('${VEGA_DATA}/flights-3m.parquet')`;
const WEATHER = `read_csv_auto('${VEGA_DATA}/seattle-weather.csv')`;
const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const count = (page: Page) => region(page).locator('.pivot-meta');
const cells = (page: Page, rowIndex: number) => pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`).getByRole('gridcell').allTextContents();
const combobox = (page: Page, name: string) => region(page).getByRole('combobox', { name, exact: true });

/** The select's width left beside its chosen option's label, drawn in its font: under the arrow's width, the label is cut. */
const roomAfterLabel = (select: Locator) =>
  select.evaluate((el: HTMLSelectElement) => {
    const probe = document.createElement('span');
    const style = getComputedStyle(el);
    Object.assign(probe.style, { font: style.font, whiteSpace: 'pre', position: 'absolute' });
    probe.textContent = el.selectedOptions[0]?.text ?? '';
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - width;
  });

/** Raw DuckDB's sums of delay by `label` of date_trunc(grain, date): the Total row, then each group's, as the pivot draws them. */
async function expected(grain: string, label: string): Promise<string[][]> {
  const [[type]] = (await duckdbRows(`select typeof(sum(delay)) from ${FLIGHTS} limit 1`)) as [[string]];
  const [[total]] = (await duckdbRows(`select sum(delay) from ${FLIGHTS}`)) as [[string]];
  const groups = await duckdbRows(`select ${label}, sum(delay) from (select date_trunc('${grain}', date) t, delay from ${FLIGHTS}) group by t order by t`);
  return [['Total', pivotCellText(total, type)], ...groups.map(([g, s]) => [g!, pivotCellText(s ?? null, type)])];
}

/** An average as the pivot writes it (the formatter is unit-tested in pivotText.unit.spec.ts). */
const shown = (v: string | null | undefined) => pivotCellText(v ?? null, 'DOUBLE');

/**
 * Raw DuckDB's averages of temp_max by weather down and `label` of date_trunc(grain, date) across:
 * the column headers, then the Total row and each weather's, as the pivot lays them out: the name,
 * an average per column (null where the weather has no day in it), the row's average last.
 */
async function expectedAcross(grain: string, label: string): Promise<{ columns: string[]; rows: (string | null)[][] }> {
  const keys = `(select distinct date_trunc('${grain}', date) t from ${WEATHER})`;
  const columns = (await duckdbRows(`select ${label} from ${keys} order by t`)).map(([c]) => c!);
  const rowOf = async (name: string, where: string): Promise<(string | null)[]> => {
    const across = await duckdbRows(`select CASE WHEN count(w.t) > 0 THEN avg(temp_max) END from ${keys} k left join (select date_trunc('${grain}', date) t, weather, temp_max from ${WEATHER}) w on w.t = k.t and ${where} group by k.t order by k.t`);
    const [[total]] = (await duckdbRows(`select avg(temp_max) from ${WEATHER} where ${where}`)) as [[string]];
    return [name, ...across.map(([v]) => v ?? null), total];
  };
  const weathers = (await duckdbRows(`select distinct weather from ${WEATHER} order by weather`)).map(([w]) => w!);
  return { columns, rows: [await rowOf('Total', 'true'), ...(await Promise.all(weathers.map((w) => rowOf(w, `weather = '${w}'`))))] };
}

/** A row's cells as drawn, each with DuckDB's full text: a figure drawn rounded carries it as its title. */
const drawnAndFull = (page: Page, rowIndex: number) =>
  pivot(page).locator(`[role="row"][aria-rowindex="${rowIndex}"] [role="gridcell"]`).evaluateAll((els) => els.map((el) => ({ drawn: el.textContent ?? '', full: el.getAttribute('title') ?? el.textContent ?? '' })));

/**
 * Row `rowIndex` against raw DuckDB's `row`: its name, then each average to 9 digits (a float sum in
 * another order may differ in its last bits, and so draw 18.475 rounded the other way), blank where
 * there are no rows; and each figure drawn as the pivot writes its own full text.
 */
async function expectRow(page: Page, rowIndex: number, row: readonly (string | null)[]): Promise<void> {
  const want = row.map((v, i) => (i === 0 ? v : v === null ? '' : expect.closeTo(Number(v), 9)));
  await expect.poll(async () => (await drawnAndFull(page, rowIndex)).map(({ drawn, full }, i) => (i === 0 || drawn === '' ? drawn : Number(full)))).toEqual(want);
  const cells = (await drawnAndFull(page, rowIndex)).slice(1).filter(({ drawn }) => drawn !== '');
  expect(cells.map(({ drawn }) => drawn)).toEqual(cells.map(({ full }) => shown(full)));
}

/** Every row of `dataset` in the grid, and the pivot opened on them. */
async function pivotOfEvery(page: Page, dataset: string): Promise<void> {
  await pivotOf(page, `select * from ${dataset}`, dataset);
  await expect(combobox(page, 'Row field 1')).toBeVisible();
}

test('flights-3m by month of its timestamp: the grain proposed when the field is put on the rows, the sums raw DuckDB’s, then by quarter from the keyboard', async ({ shared: app }) => {
  const { page } = app;
  await pivotOfEvery(page, 'flights_3m');

  await combobox(page, 'Values').selectOption('delay');
  await combobox(page, 'Aggregate').selectOption('Sum');
  await combobox(page, 'Row field 1').selectOption('date');
  // a timestamp put on an axis is grouped by month, said on its chip
  await expect(combobox(page, 'Group date by')).toHaveValue('month');
  const byMonth = await expected('month', `strftime(t, '%Y-%m')`);
  await expect(count(page)).toHaveText(`${byMonth.length - 1} groups`, { timeout: 30_000 });
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['date', 'Sum of delay']);
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(byMonth.length + 1));
  for (const [i, row] of byMonth.entries()) await expect.poll(() => cells(page, i + 2)).toEqual(row);
  expect(byMonth.slice(1, 3).map(([m]) => m)).toEqual(['2001-01', '2001-02']);

  // the grain from the keyboard: the option above Month is Quarter; the focus stays on the select
  await combobox(page, 'Group date by').focus();
  await page.keyboard.press('ArrowUp');
  await expect(combobox(page, 'Group date by')).toHaveValue('quarter');
  const byQuarter = await expected('quarter', `strftime(t, '%Y') || '-Q' || quarter(t)`);
  await expect(count(page)).toHaveText(`${byQuarter.length - 1} groups`, { timeout: 30_000 });
  for (const [i, row] of byQuarter.entries()) await expect.poll(() => cells(page, i + 2)).toEqual(row);
  await expect(combobox(page, 'Group date by')).toBeFocused();
  // the longest grain is read whole, in the chip's text colour (not the muted grey of a disabled control)
  await combobox(page, 'Group date by').selectOption({ label: 'Week (from Monday)' });
  expect(await roomAfterLabel(combobox(page, 'Group date by'))).toBeGreaterThanOrEqual(10);
  const colour = (name: string) => combobox(page, name).evaluate((el) => getComputedStyle(el).color);
  expect(await colour('Group date by')).toBe(await colour('Row field 1'));
  // each value again: the minutes, as before grains
  await combobox(page, 'Group date by').selectOption({ label: 'Each value' });
  const [[minutes]] = (await duckdbRows(`select count(distinct date) from ${FLIGHTS}`)) as [[string]];
  await expect(count(page)).toHaveText(`${Number(minutes).toLocaleString('en-US')} groups`, { timeout: 30_000 });
});

test('seattle-weather’s DATE on the columns: a column per month when it is put there, then per year, every header and average raw DuckDB’s', async ({ shared: app }) => {
  const { page } = app;
  await pivotOfEvery(page, 'seattle_weather');

  await combobox(page, 'Row field 1').selectOption('weather');
  await combobox(page, 'Values').selectOption('temp_max');
  await combobox(page, 'Aggregate').selectOption('Average');
  await combobox(page, 'Columns').selectOption('date');
  await region(page).getByRole('button', { name: 'Add to columns' }).click();
  // a date put on the columns is grouped by month too: 48 columns, not one per day
  await expect(combobox(page, 'Group date by')).toHaveValue('month');
  const byMonth = await expectedAcross('month', `strftime(t, '%Y-%m')`);
  expect(byMonth.columns.slice(0, 2)).toEqual(['2012-01', '2012-02']);
  expect(byMonth.columns).toHaveLength(48);
  // two header rows: the column field over its groups, then the row field, the groups and Total
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['date', 'weather', ...byMonth.columns, 'Total'], { timeout: 30_000 });
  await expect(pivot(page).getByRole('columnheader', { name: 'date', exact: true })).toHaveAttribute('aria-colspan', String(byMonth.columns.length));
  await expect(pivot(page)).toHaveAttribute('aria-rowcount', String(2 + byMonth.rows.length));
  for (const [i, row] of byMonth.rows.entries()) await expectRow(page, i + 3, row);

  await combobox(page, 'Group date by').selectOption({ label: 'Year' });
  const byYear = await expectedAcross('year', `strftime(t, '%Y')`);
  expect(byYear.columns).toEqual(['2012', '2013', '2014', '2015']);
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['date', 'weather', ...byYear.columns, 'Total'], { timeout: 30_000 });
  for (const [i, row] of byYear.rows.entries()) await expectRow(page, i + 3, row);
});
