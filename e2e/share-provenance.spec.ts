import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { dataset, grid, gridRow, ready, runSql, screenshot, status } from './workbench.helpers';

const SQL = 'SELECT weather, count(*) AS days FROM weather GROUP BY weather ORDER BY weather';

/** Every row the grid shows equals what raw DuckDB reads from the file now. */
async function expectGridAsDuckdbReads(page: Page, file: string): Promise<void> {
  const expected = await duckdbRows(SQL.replace('FROM weather', `FROM read_csv('${file}')`));
  await expect(status(page)).toHaveText(new RegExp(`^${expected.length}\\u00a0rows? in [\\d,]+\\u00a0ms$`));
  await expect(grid(page).getByRole('row')).toHaveCount(expected.length + 1);
  for (let i = 0; i < expected.length; i++) await expect(gridRow(page, i + 2).getByRole('gridcell')).toHaveText(expected[i]!.map((v) => v ?? 'NULL'));
}

test('a result whose CSV changed on disk says so, and Re-run shows what DuckDB reads now', async ({ app }, testInfo) => {
  const { page, dataDir } = app;
  const dir = join(dataDir, 'inbox');
  mkdirSync(dir);
  const file = join(dir, 'weather.csv');
  copyFileSync(join(VEGA_DATA, 'seattle-weather.csv'), file);
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await ready(page, 'weather');

  await runSql(page, SQL);
  await expectGridAsDuckdbReads(page, file);
  const notice = page.getByText('Input changed since this ran');
  await expect(notice).toHaveCount(0);

  // Rewritten behind the app's back: other rows, another kind of weather.
  writeFileSync(file, 'date,precipitation,temp_max,temp_min,wind,weather\n2030-01-01,1.5,3.0,-1.0,4.2,hail\n2030-01-02,0.0,5.0,0.5,2.0,sun\n2030-01-03,0.2,4.0,0.1,3.1,hail\n');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(dataset(page, 'weather')).toContainText('changed since it was added');
  await screenshot(page, testInfo, 'input-changed');

  await page.getByRole('button', { name: 'Re-run' }).click();
  await expectGridAsDuckdbReads(page, file);
  await expect(notice).toHaveCount(0);
});
