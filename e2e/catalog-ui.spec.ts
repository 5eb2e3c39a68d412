import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { datasets, ready, screenshot } from './workbench.helpers';

async function add(page: Page, source: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Dataset path or URL' });
  await input.fill(source);
  await page.getByRole('button', { name: 'Add dataset' }).click();
  await expect(input).toHaveValue('');
}

/** How an entry's line is laid out: on one line of text (two would be over 1.8 times the font's size high), and whether it is cut with "…". */
const lineOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const style = getComputedStyle(el);
    return { oneLine: el.getBoundingClientRect().height < 1.8 * parseFloat(style.fontSize), cut: el.scrollWidth > el.clientWidth && style.textOverflow === 'ellipsis' };
  });

test('a catalog entry: its name and "format · N columns" each on one line cut with "…", a failed one’s path said once, whole in its tooltip', async ({ app }, testInfo) => {
  const { page, dataDir } = app;
  await page.setViewportSize({ width: 1000, height: 650 });
  await ready(page, 'flights_3m');
  const missing = '/nonexistent/file.csv';
  const long = join(dataDir, 'node_modules', 'some-package-with-a-long-name', 'assets', '7zip.png');
  writeFileSync(join(dataDir, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
  await add(page, missing);
  await add(page, long);
  await add(page, join(dataDir, 'picture.png'));

  const entries = datasets(page).getByRole('listitem');
  const failed = entries.filter({ hasText: missing });
  await expect(failed).toContainText(/No file at file\.csv\. \(error id [0-9a-f-]{36}\)/);
  // the path is the entry's name, not said again in its error
  expect((await failed.textContent())!.split(missing).length - 1).toBe(1);
  await expect(failed).toHaveAttribute('title', missing);

  const longEntry = entries.filter({ hasText: long });
  await expect(longEntry).toContainText(/No file at 7zip\.png\./);
  await expect(longEntry).toHaveAttribute('title', long);
  // one line, never broken mid-word onto the next; a source with no name is cut in the middle
  // ("…" where its folders give way), its file name whole (SourceName.tsx)
  expect(await lineOf(page, `.dataset[title="${long}"] .name`)).toMatchObject({ oneLine: true });
  const middle = await page.locator(`.dataset[title="${long}"] .name`).evaluate((el) => {
    const style = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    return { longer: ctx.measureText(el.textContent!).width > el.clientWidth, head: getComputedStyle(el, '::before').textOverflow, tail: getComputedStyle(el, '::after').content };
  });
  expect(middle).toEqual({ longer: true, head: 'ellipsis', tail: '"7zip.png" / ""' });
  await expect(entries.filter({ hasText: 'picture.png' })).toContainText(/cannot read \.png files/);

  // "parquet · 5 columns": one line under the name, the "·" with its words
  expect(await lineOf(page, '.dataset:first-child .dataset-toggle .meta')).toEqual({ oneLine: true, cut: false });
  await expect(entries.first()).toContainText(/^flights_3m\s*parquet · 5\u00a0columns$/);
  const [name, meta] = await Promise.all(['.name', '.meta'].map((part) => page.locator(`.dataset:first-child .dataset-toggle ${part}`).boundingBox()));
  expect(meta!.y).toBeGreaterThanOrEqual(name!.y + name!.height - 1);
  await screenshot(page, testInfo, 'catalog-entries');
});
