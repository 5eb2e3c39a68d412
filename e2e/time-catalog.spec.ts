import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { dataset, datasets, gridRow, ready, runSql, screenshot, status } from './workbench.helpers';

/**
 * The past view's catalog: while a session is shown as it was, the Datasets pane shows the catalog
 * as it was at that point (the same fold as the live one, of the catalog's events up to it),
 * read-only, and says when that was; "Back to now" brings today's back.
 */
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const entry = (page: Page, text: string) => timeline(page).getByRole('listitem').filter({ hasText: text });
const banner = (page: Page) => page.getByRole('region', { name: 'Past view' });
const catalog = (page: Page) => page.getByRole('region', { name: 'Datasets' });

async function add(page: Page, source: string, name: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Dataset path or URL' });
  await input.fill(source);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(input).toHaveValue('');
  await ready(page, name);
}

test('the past view shows the catalog as it was then, read-only, and Back to now shows today’s', async ({ app }, testInfo) => {
  const { page, dataDir } = app;
  await ready(page, 'cars');
  const alpha = join(dataDir, 'alpha.csv');
  const beta = join(dataDir, 'beta.csv');
  writeFileSync(alpha, 'x,y\n1,a\n2,b\n3,c\n');
  writeFileSync(beta, 'k,v\n1,2\n');
  const alphaColumns = (await duckdbRows(`select column_name from (describe select * from read_csv('${alpha}'))`)).map((r) => r[0]);
  const [[alphaRows]] = (await duckdbRows(`select count(*) from read_csv('${alpha}')`)) as [[string]];

  // Alpha is added, queried; then beta is added and alpha removed.
  await add(page, alpha, 'alpha');
  const sql = 'select count(*) as n from alpha';
  await runSql(page, sql);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await add(page, beta, 'beta');
  await dataset(page, 'alpha').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Remove' }).click();
  await expect(dataset(page, 'alpha')).toHaveCount(0);

  // The first query's point: alpha there, beta not yet, as of the time the banner says.
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await entry(page, `Ran query ${sql} · 1 row`).getByRole('button').first().click();
  await expect(banner(page)).toBeVisible();
  await expect(dataset(page, 'alpha')).toHaveCount(1);
  await expect(dataset(page, 'beta')).toHaveCount(0);
  await expect(dataset(page, 'cars')).toHaveCount(1);
  const when = banner(page).locator('time');
  const note = catalog(page).locator('.catalog-then');
  await expect(note).toHaveText(`As they were at ${await when.textContent()}`);
  await expect(note.locator('time')).toHaveAttribute('datetime', (await when.getAttribute('datetime'))!);
  // its columns then, as DuckDB reads the file; the rows the query counted, as DuckDB counts them
  await expect(dataset(page, 'alpha')).toContainText(`csv · ${alphaColumns.length}\u00a0columns`);
  await dataset(page, 'alpha').getByRole('button', { name: /^alpha/ }).click();
  await expect(page.getByRole('list', { name: 'Columns of alpha' }).getByRole('listitem')).toHaveText(alphaColumns.map((c) => new RegExp(`^${c}`)));
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText([alphaRows]);
  // read-only: no Remove (nor Query, Profile, Locate), no Add
  await dataset(page, 'alpha').getByRole('button', { name: 'Actions for alpha' }).click();
  await expect(page.getByRole('menu').getByRole('menuitem')).toHaveText(['Copy name']);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(catalog(page).getByRole('textbox', { name: 'Dataset path or URL' })).toHaveCount(0);
  await expect(catalog(page).getByRole('button', { name: 'Add dataset' })).toHaveCount(0);
  await screenshot(page, testInfo, 'past-catalog');

  // Back to now: today's catalog, beta and no alpha, and the Add box again.
  await banner(page).getByRole('button', { name: 'Back to now' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(note).toHaveCount(0);
  await expect(dataset(page, 'beta')).toHaveCount(1);
  await expect(dataset(page, 'alpha')).toHaveCount(0);
  await expect(datasets(page).getByRole('listitem')).not.toHaveCount(0);
  await expect(catalog(page).getByRole('textbox', { name: 'Dataset path or URL' })).toBeVisible();
  await dataset(page, 'beta').getByRole('button', { name: 'Actions for beta' }).click();
  await expect(page.getByRole('menu').getByRole('menuitem')).toHaveText(['Query this dataset', 'Copy name', 'Profile', 'Remove']);
});
