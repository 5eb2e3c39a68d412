import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test } from './fixtures';
import { dataset, datasets, editorText, grid, gridRow, mod, ready, runSql, setSql, status } from './workbench.helpers';

/** Types `source` in "Dataset path or URL" and adds it, as a person does. */
async function add(page: Page, source: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(source);
  await page.getByRole('button', { name: 'Add dataset' }).click();
}

const folder = () => mkdtempSync(join(tmpdir(), 'sextant-sources-'));

test('a file the catalog reads already, however its path is typed, adds nothing and says its name', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  writeFileSync(join(dir, 'weather.csv'), 'day,mm\n1,3\n2,0\n');
  await add(page, join(dir, 'weather.csv'));
  await ready(page, 'weather');
  for (const again of [join(dir, 'weather.csv'), `  ${join(dir, 'weather.csv')}  `, `${dir}/./weather.csv`]) {
    await add(page, again);
    await expect(page.getByRole('textbox', { name: 'Dataset path or URL' })).toHaveAccessibleDescription(/^New dataset not saved: Already in the catalog as weather\./);
  }
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^weather/ })).toHaveCount(1);
  // the same name in another folder is another dataset
  const other = folder();
  writeFileSync(join(other, 'weather.csv'), 'day,mm\n3,1\n');
  await add(page, join(other, 'weather.csv'));
  await ready(page, 'weather_2');
});

test('a CSV that is not UTF-8 is read as Latin-1 and says so; one DuckDB cannot read says why and what to do', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  writeFileSync(join(dir, 'latin1.csv'), Buffer.from('name,city\nJos\xe9,S\xe3o Paulo\n', 'latin1'));
  await add(page, join(dir, 'latin1.csv'));
  await ready(page, 'latin1');
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^latin1/ })).toContainText('read as Latin-1, not UTF-8');
  await runSql(page, 'select * from latin1');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(grid(page).getByRole('row').nth(1).getByRole('gridcell')).toHaveText(['José', 'São Paulo']);

  // Windows-1252 (Excel's "€", "“”"): read from a UTF-8 copy, and said so
  writeFileSync(join(dir, 'excel.csv'), Buffer.from('item,price\n\x93Caf\xe9\x94,\x805\n', 'latin1'));
  await add(page, join(dir, 'excel.csv'));
  await ready(page, 'excel');
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^excel/ })).toContainText('read as Windows-1252, not UTF-8');
  await runSql(page, 'select * from excel');
  await expect(grid(page).getByRole('row').nth(1).getByRole('gridcell')).toHaveText(['“Café”', '€5']);
  // saved again as UTF-8: the input watcher's next look (every 2 s on the web host) reads the file itself, and the entry no longer says Windows-1252
  writeFileSync(join(dir, 'excel.csv'), 'item,price\n“Café”,€6\n');
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^excel/ })).not.toContainText('Windows-1252', { timeout: 15_000 });
  await runSql(page, 'select * from excel');
  await expect(grid(page).getByRole('row').nth(1).getByRole('gridcell')).toHaveText(['“Café”', '€6']);

  // UTF-16 big-endian: DuckDB reads only little-endian, so nothing is guessed
  writeFileSync(join(dir, 'big.csv'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('name,n\nJos\u00e9,1\n', 'utf16le').swap16()]));
  await add(page, join(dir, 'big.csv'));
  const entry = datasets(page).getByRole('listitem').filter({ hasText: 'big.csv' });
  await expect(entry).toContainText('This file is UTF-16 big-endian, which DuckDB cannot read (it reads UTF-16 little-endian only). Save it as UTF-8, or as UTF-16 little-endian, and add it again.');
  await expect(entry).toContainText(/error id [0-9a-f-]{36}/);
  await expect(entry).not.toContainText('Auto-Detected');
});

test('a CSV saved in turn as Windows-1252, UTF-8 and Windows-1252 again (as Excel does) is read as each says, with no reload', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  const file = join(dir, 'till.csv');
  const entry = datasets(page).getByRole('listitem').filter({ hasText: /^till/ });
  const text = (n: number) => `item,price\n“Café”,€${n}\nthé’s,€${n + 1}\nplain,${n + 2}\n`;
  const cp1252 = (s: string) => Buffer.from(s.replace(/€/g, '\x80').replace(/’/g, '\x92').replace(/“/g, '\x93').replace(/”/g, '\x94'), 'latin1');
  // the bytes 0x80–0x9F it writes, as Windows-1252 reads them (this Node's TextDecoder drops them)
  const fromCp1252 = (b: Buffer) => b.toString('latin1').replace(/\x80/g, '€').replace(/\x92/g, '’').replace(/\x93/g, '“').replace(/\x94/g, '”');
  // raw DuckDB on the file as it is meant to be read: a Windows-1252 one decoded first (DuckDB has no such reader here)
  const intended = async (windows1252: boolean) => {
    const oracle = join(dir, 'oracle.csv');
    writeFileSync(oracle, windows1252 ? fromCp1252(readFileSync(file)) : readFileSync(file));
    return duckdbRows(`select * from read_csv('${oracle}') order by item`);
  };
  const readsAsIntended = async (windows1252: boolean, euro: string) => {
    const expected = await intended(windows1252);
    expect(expected.flat()).toContain(euro);
    await runSql(page, 'select * from till order by item');
    await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
    for (const [i, row] of expected.entries()) await expect(gridRow(page, i + 2).getByRole('gridcell')).toHaveText(row.map(String));
  };

  writeFileSync(file, cp1252(text(5)));
  await add(page, file);
  await ready(page, 'till');
  await expect(entry).toContainText('read as Windows-1252, not UTF-8');
  await readsAsIntended(true, '€5');
  // saved as UTF-8: the input watcher's next look (every 2 s on the web host) reads the file itself
  writeFileSync(file, text(6));
  await expect(entry).not.toContainText('Windows-1252', { timeout: 15_000 });
  await readsAsIntended(false, '€6');
  // saved as Windows-1252 again: read through a copy made again, and said so again
  writeFileSync(file, cp1252(text(8)));
  await expect(entry).toContainText('read as Windows-1252, not UTF-8', { timeout: 15_000 });
  await readsAsIntended(true, '€8');
});

test('a file whose name has accents, brackets, a keyword or a leading digit gets a name typed bare in SQL', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  const named = [
    ['données été.csv', 'donnees_ete'],
    ['report [v2].csv', 'report_v2'],
    ['hash#1?.csv', 'hash_1'],
    ['group.csv', 'group_'],
    ['2024_sales.csv', 't_2024_sales'],
  ] as const;
  for (const [file, name] of named) {
    writeFileSync(join(dir, file), 'k,v\na,1\n');
    await add(page, join(dir, file));
    await ready(page, name);
  }
  await dataset(page, 'group_').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Actions for group_' }).getByRole('menuitem', { name: 'Query this dataset' }).click();
  await expect.poll(() => editorText(page)).toBe('select * from group_ limit 100');
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
});

test('a file deleted and put back while the window is open: its entry says so, then reads it again, with no reload', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  const file = join(dir, 'gone.csv');
  writeFileSync(file, 'k,v\na,1\nb,2\n');
  await add(page, file);
  await ready(page, 'gone');
  const marker = dataset(page, 'gone').locator('.not-here');
  await expect(marker).toHaveCount(0);
  rmSync(file);
  // the input watcher's next look (every 2 s on the web host) marks it, and the window is told
  await expect(marker).toHaveText('not found on this machine', { timeout: 15_000 });
  writeFileSync(file, 'k,v\na,1\nb,2\n');
  await expect(marker).toHaveCount(0, { timeout: 15_000 });
  await setSql(page, 'select count(*) as n from gone');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toHaveText(/^1\u00a0row in/);
  await expect(gridRow(page, 2).getByRole('gridcell').last()).toHaveText('2');
});
