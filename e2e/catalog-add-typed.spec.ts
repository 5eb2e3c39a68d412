import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { datasets, ready } from './workbench.helpers';

/** What is typed in "Dataset path or URL" as a person types it: pasted, quoted, or typed again while an add is on its way. */
const box = (page: Page) => page.getByRole('textbox', { name: 'Dataset path or URL' });

async function add(page: Page, source: string): Promise<void> {
  await box(page).fill(source);
  await box(page).press('Enter');
}

const folder = () => mkdtempSync(join(tmpdir(), 'sextant-typed-'));

test('a path in quotes, as "Copy as path" or a shell gives it, adds the file; one naming nothing says so by its file name', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  writeFileSync(join(dir, 'pipe.csv'), 'a|b\n1|2\n');
  writeFileSync(join(dir, 'single.csv'), 'a,b\n1,2\n');
  await add(page, `"${join(dir, 'pipe.csv')}"`);
  await ready(page, 'pipe');
  await add(page, `'${join(dir, 'single.csv')}'`);
  await ready(page, 'single');
  await add(page, `"${join(dir, 'missing.csv')}"`);
  // the entry is the path typed, without its quotes: not "~/"/tmp/…", nor "No file at missing.csv"."
  const failed = datasets(page).getByRole('listitem').filter({ hasText: join(dir, 'missing.csv') });
  await expect(failed).toHaveAttribute('title', join(dir, 'missing.csv'));
  await expect(failed).toContainText(/No file at missing\.csv\. \(error id [0-9a-f-]{36}\)/);
});

test('text named .txt is CSV and named without its extension', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  writeFileSync(join(dir, 'notes.txt'), 'day,note\n1,rain\n');
  await add(page, join(dir, 'notes.txt'));
  await ready(page, 'notes');
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^notes_txt\b/ })).toHaveCount(0);
});
