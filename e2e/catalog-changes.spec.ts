import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { dataset, ready } from './workbench.helpers';

// A file rewritten behind the app's back shows its columns now and "changed since it was added"; put back as it was added, the note goes.
test('the catalog follows a CSV rewritten on disk, then put back as it was added', async ({ app }) => {
  const { page, dataDir } = app;
  const file = join(dataDir, 'mutable.csv');
  writeFileSync(file, 'id,v\n1,2\n2,3\n');
  const added = readFileSync(file);
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(file);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await ready(page, 'mutable');
  await expect(dataset(page, 'mutable')).toContainText('csv · 2 columns');

  writeFileSync(file, 'id,v,extra,more\n1,2,3,x\n');
  // the watcher looks every 2 s
  await expect(dataset(page, 'mutable')).toContainText('csv · 4 columns', { timeout: 15_000 });
  await expect(dataset(page, 'mutable')).toContainText('changed since it was added');

  writeFileSync(file, added);
  utimesSync(file, new Date(), new Date(Date.now() + 10_000)); // another time than the rewrite's, whatever the clock's resolution
  await expect(dataset(page, 'mutable')).toContainText('csv · 2 columns', { timeout: 15_000 });
  await expect(dataset(page, 'mutable')).not.toContainText('changed since it was added');
});
