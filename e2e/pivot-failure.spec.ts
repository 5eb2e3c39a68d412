import type { Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { pivotCellText } from '../src/renderer/components/pivot/pivotText';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { allowClipboard, gridRow, readClipboard, ready, runSql, status } from './workbench.helpers';

/** HUGEINT's top, where two values overflow DuckDB's exact sum (and avg, which sums them so). */
const TOP = 170141183460469231731687303715884105727n;
const region = (page: Page) => page.getByRole('region', { name: 'Pivot table' });
const pivot = (page: Page) => page.getByRole('grid', { name: 'Pivot' });
const totalRow = (page: Page) => pivot(page).locator('[role="row"][aria-rowindex="2"]').getByRole('gridcell').allTextContents();

/** 20 rows: a name, an id, and a value near HUGEINT's top as text (Parquet has no 128-bit integer: the query casts). */
async function writeHugeints(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`COPY (SELECT 'text ' || i AS name, i::BIGINT AS id, (${TOP} - i)::VARCHAR AS huge FROM range(1, 21) t(i)) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

test('a pivot that fails: its error in words with a copyable id, and the pivot before it marked as the previous one', async ({ app }, testInfo) => {
  const { page } = app;
  const file = testInfo.outputPath('hugeints.parquet');
  await writeHugeints(file);
  const rows = `select name, id, huge::HUGEINT AS huge from read_parquet('${file}')`;
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await ready(page, 'hugeints');
  await runSql(page, 'select name, id, huge::HUGEINT AS huge from hugeints order by id');
  await expect(status(page)).toHaveText(/^20\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(gridRow(page, 2)).toBeVisible();

  // the proposed pivot: the average of id by name
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['name', 'Average of id']);

  // an Average of HUGEINTs near the top is their mean as a DOUBLE, as the profile's (raw avg overflows)
  await region(page).getByRole('combobox', { name: 'Values' }).selectOption('huge');
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['name', 'Average of huge']);
  const [[mean]] = (await duckdbRows(`select favg(huge::DOUBLE) from (${rows})`)) as [[string]];
  await expect.poll(() => totalRow(page)).toEqual(['Total', pivotCellText(mean, 'DOUBLE')]);
  await expect(region(page).getByRole('alert')).toHaveCount(0);

  // their Sum is beyond HUGEINT's range: said so, with its id, and the average stays, marked as the previous pivot
  await region(page).getByRole('combobox', { name: 'Aggregate' }).selectOption('Sum');
  const alert = region(page).getByRole('alert');
  await expect(alert).toHaveText(
    /^Could not compute the pivot: The sum of huge is beyond HUGEINT's range, about ±1\.7e38, so DuckDB cannot add it exactly\. Average \(computed as a DOUBLE\), Min and Max still work\. \(error id [0-9a-f-]{36}\) Copy id$/,
  );
  await expect(alert).not.toContainText('Overflow');
  const note = region(page).getByRole('note', { name: 'Previous pivot' });
  await expect(note).toHaveText('Showing the previous pivot: Average of huge by name');
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['name', 'Average of huge']);
  await expect(pivot(page)).toHaveClass(/pivot-stale/);
  // its sort button would sort the failed Sum: off, as the count of its groups is not this pivot's
  await expect(pivot(page).getByRole('button', { name: 'Sort by Average of huge' })).toBeDisabled();
  await expect(region(page).locator('.pivot-meta')).toHaveText('Failed');

  await allowClipboard(page);
  await alert.getByRole('button', { name: 'Copy error id' }).click();
  // the id copied is the one the alert shows
  await expect(region(page)).toContainText(/Copied error id [0-9a-f-]{36}/);
  const id = /Copied error id ([0-9a-f-]{36})/.exec((await region(page).textContent())!)![1]!;
  await expect(alert).toContainText(`(error id ${id})`);
  if (page.context().browser()) expect(await readClipboard(page)).toBe(id);
  // rows the grid shows after a resize are not asked for again at once: a second failure changed the
  // id under the person reading it (the notice itself moves the grid)
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: size.height - 240 });
  await page.setViewportSize(size);
  await page.waitForTimeout(1000);
  await expect(alert).toContainText(`(error id ${id})`);

  // a pivot that works again is the pivot on screen, no longer marked
  await region(page).getByRole('combobox', { name: 'Aggregate' }).selectOption('Max');
  await expect(pivot(page).getByRole('columnheader')).toHaveText(['name', 'Max of huge']);
  await expect(note).toHaveCount(0);
  await expect(region(page).getByRole('alert')).toHaveCount(0);
  await expect(pivot(page)).not.toHaveClass(/pivot-stale/);
  const [[max]] = (await duckdbRows(`select max(huge) from (${rows})`)) as [[string]];
  await expect.poll(() => totalRow(page)).toEqual(['Total', pivotCellText(max, 'HUGEINT')]);
});
