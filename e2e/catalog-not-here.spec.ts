import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { emptyDataDir, exportSession, importSessionFile, reloadOnFreshDataDir } from './share.helpers';
import { dataset, ready, runSql, status } from './workbench.helpers';

// A browser's download and file chooser carry the session; the desktop uses the OS dialogs, which Playwright cannot drive.
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'a browser download and file chooser; the desktop uses the OS dialogs'));

/**
 * A dataset an imported session read whose file is not on this machine (docs/workbench.md,
 * "Catalog"): the catalog marks it and offers "Locate…" after the import report is closed, after a
 * restart too (main learns it again at every start, never from the log), until it is located.
 */
test('a dataset not on this machine after an import is marked in the catalog, and located from its menu', async ({ app }, testInfo) => {
  const { page } = app;
  const there = testInfo.outputPath('there');
  const here = testInfo.outputPath('here');
  mkdirSync(there, { recursive: true });
  mkdirSync(here, { recursive: true });
  // Not a copy of a sample: this catalog would match that by its fingerprint under the sample's name.
  writeFileSync(join(there, 'trips.csv'), `city,km\n${Array.from({ length: 777 }, (_, i) => `${['Oslo', 'Bergen', 'Tromsø'][i % 3]},${i % 19}`).join('\n')}\n`);
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(join(there, 'trips.csv'));
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await ready(page, 'trips');
  await runSql(page, 'select count(*) as n from trips');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  // a dataset whose file is here is not marked
  await expect(dataset(page, 'trips')).not.toContainText('not found on this machine');

  const logPath = testInfo.outputPath('trips.sextant.ndjson');
  await exportSession(page, 'Event log (NDJSON)', logPath);
  await app.restartHost(async () => {
    emptyDataDir(app.dataDir);
    renameSync(join(there, 'trips.csv'), join(here, 'trips.csv'));
  });
  await reloadOnFreshDataDir(page, 'cars');

  await importSessionFile(page, logPath);
  const report = page.getByRole('region', { name: 'Session import' });
  await expect(report.getByRole('list', { name: 'Missing datasets' }).getByRole('listitem')).toHaveCount(1);
  await report.getByRole('button', { name: 'Close import report' }).click();
  await expect(report).toHaveCount(0);

  const trips = dataset(page, 'trips').first();
  const marker = trips.locator('.meta.not-here');
  await expect(marker).toHaveText('not found on this machine');
  await expect(dataset(page, 'cars').first()).not.toContainText('not found on this machine');

  // Learnt again at a start: the log holds nothing that says it.
  await app.restartHost();
  await reloadOnFreshDataDir(page, 'cars');
  await expect(marker).toHaveText('not found on this machine');

  await trips.getByRole('button', { name: 'Actions for trips' }).click();
  const menu = page.getByRole('menu', { name: 'Actions for trips' });
  await expect(menu.getByRole('menuitem').first()).toHaveText('Locate…');
  await menu.getByRole('menuitem', { name: 'Locate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Locate “trips”' });
  const path = dialog.getByRole('textbox', { name: 'Path of the file on this machine' });
  await expect(path).toBeFocused();
  await path.fill(join(here, 'trips.csv'));
  await dialog.getByRole('button', { name: 'Locate' }).click();
  await expect(dialog).toBeHidden();
  await expect(marker).toHaveCount(0);
  await trips.getByRole('button', { name: 'Actions for trips' }).click();
  await expect(page.getByRole('menu', { name: 'Actions for trips' }).getByRole('menuitem', { name: 'Locate…' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await runSql(page, 'select count(*) as n from trips');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
});
