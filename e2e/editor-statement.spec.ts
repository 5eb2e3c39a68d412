import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { editor, editorText, grid, gridRow, history, mod, ready, setSql, status } from './workbench.helpers';

const CARS = `read_json_auto('${VEGA_DATA}/cars.json')`;
const FIRST = 'select Name from cars order by Name limit 2';
const SECOND = 'select Name, Year from cars where Cylinders = 8 order by Name, Year limit 3';
const THIRD = 'select 3 as three';

/** Puts the caret on line `line` (1-based), `column` characters in. */
async function caretAt(page: Page, line: number, column: number): Promise<void> {
  await editor(page).click();
  await page.keyboard.press(`${mod}+Home`);
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
}

/** The editor's text under a mark (split across spans by the highlighting), in one string. */
const marked = async (page: Page, selector: string) => (await editor(page).locator(selector).allTextContents()).join('');

test('Ctrl/Cmd+Shift+Enter runs only the statement at the caret: its rows, a moment of highlight, and only it in the history', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveAttribute('title', /Ctrl\/Cmd\+Enter.*the statement at the caret: Ctrl\/Cmd\+Shift\+Enter/);
  const sql = `${FIRST};\n${SECOND};\n${THIRD}`;
  await setSql(page, sql);
  await caretAt(page, 2, 10);
  await page.keyboard.press(`${mod}+Shift+Enter`);

  // what ran is highlighted, then the highlight goes
  await expect.poll(() => marked(page, '.cm-ran')).toBe(SECOND);
  await expect(editor(page).locator('.cm-ran')).toHaveCount(0);
  const expected = await duckdbRows(SECOND.replace('from cars', `from ${CARS}`));
  expect(expected).toHaveLength(3); // an empty answer would check nothing
  await expect(status(page)).toHaveText(/^3\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(grid(page).getByRole('columnheader')).toHaveText([/^Name/, /^Year/]);
  for (let i = 0; i < expected.length; i++) await expect(gridRow(page, i + 2).getByRole('gridcell')).toHaveText(expected[i]!.map((v) => v ?? 'NULL'));
  const items = history(page).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(new RegExp(`^${SECOND}\\s*completed`));
  expect(await editorText(page)).toBe(sql);

  // with the caret after the first statement's semicolon, on its line, the first runs (as in DataGrip)
  await caretAt(page, 1, FIRST.length + 1);
  await page.keyboard.press(`${mod}+Shift+Enter`);
  await expect(status(page)).toHaveText(/^2\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(items.first()).toContainText(new RegExp(`^${FIRST}\\s*completed`));

  // the same keys with the focus in the grid run the statement at the editor's caret, not the whole text
  await gridRow(page, 2).getByRole('gridcell').first().click();
  await page.keyboard.press(`${mod}+Shift+Enter`);
  await expect(items).toHaveCount(3);
  // ran again: the history says how many times ("×2")
  await expect(items.first()).toContainText(new RegExp(`^${FIRST}×2\\s*completed`));
});

test('a failing statement run at the caret, or a failing "Statement 2 of 2" of a selection, is underlined where it ran, not where the same text first occurs', async ({ shared: app }) => {
  const { page } = app;
  const lines = editor(page).locator('.cm-line');
  // the second statement's text also starts the first: found by its text alone, the first would be underlined
  await setSql(page, 'select nope from range(3) where false;\nselect nope from range(3);\nselect 3');
  await caretAt(page, 2, 3);
  await page.keyboard.press(`${mod}+Shift+Enter`);
  await expect(status(page)).toContainText('Failed: Binder Error: Referenced column "nope" not found');
  await expect(status(page)).not.toContainText('Statement'); // one statement ran
  await expect(lines.nth(1).locator('.cm-lintRange-error')).toHaveText('nope');
  await expect(editor(page).locator('.cm-lintRange-error')).toHaveCount(1);

  // a selection of the last two of four statements: its second fails, the one on the fourth line
  await setSql(page, 'select 3;\nselect * from nosuch2;\nselect 3;\nselect * from nosuch2');
  await caretAt(page, 3, 0);
  await page.keyboard.press(`Shift+${mod}+End`);
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toContainText('Failed: Statement 2 of 2: Catalog Error: Table with name nosuch2 does not exist!');
  await expect.poll(() => lines.nth(3).locator('.cm-lintRange-error').allTextContents().then((t) => t.join(''))).toBe('select * from nosuch2');
  await expect(lines.nth(1).locator('.cm-lintRange-error')).toHaveCount(0);
});
