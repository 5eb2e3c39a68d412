import type { Locator, Page } from '@playwright/test';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { gridRow, ready, runSql } from './workbench.helpers';

/**
 * flights-3m's `date`, a TIMESTAMP per minute, as a pivot's row field: grouped by month when it is
 * put there (not by each of its ~213,000 minutes), every number against raw DuckDB's date_trunc;
 * then, from the keyboard, by quarter.
 */
const FLIGHTS = `read_parquet('${VEGA_DATA}/flights-3m.parquet')`;
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

test('flights-3m by month of its timestamp: the grain proposed when the field is put on the rows, the sums raw DuckDB’s, then by quarter from the keyboard', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'flights_3m');
  await runSql(page, 'select * from flights_3m');
  await expect(gridRow(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await expect(combobox(page, 'Row field 1')).toBeVisible();

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
