import type { Page } from '@playwright/test';
import { duckdbRows } from './duckdbOracle';
import { expect, test, VEGA_DATA } from './fixtures';
import { allowClipboard, editor, grid, mod, readClipboard, ready, status, tabs } from './workbench.helpers';

/** Presses Tab until the target has focus, as a keyboard user would; fails if it is not reachable. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 12): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('the main flow by keyboard alone: add a dataset, query it, read and copy the result, work in tabs', async ({ app }, testInfo) => {
  const { page } = app;
  await allowClipboard(page);
  await ready(page, 'cars');
  await page.locator('body').focus();

  // Ctrl/Cmd+O goes to "Dataset path or URL"; the desktop app opens its native dialog instead, so there Tab gets there.
  const addField = page.getByRole('textbox', { name: 'Dataset path or URL' });
  if (testInfo.project.name === 'web') await page.keyboard.press(`${mod}+o`);
  else await tabTo(page, addField, 30);
  await expect(addField).toBeFocused();
  await page.keyboard.type(`${VEGA_DATA}/penguins.json`);
  await page.keyboard.press('Enter');
  await ready(page, 'penguins');

  await tabTo(page, editor(page));
  const sql = 'select Species, count(*) as n from penguins group by all order by Species';
  await page.keyboard.type(sql);
  await page.keyboard.press('Escape'); // close any completion list
  await page.keyboard.press(`${mod}+Enter`);
  const expected = await duckdbRows(`select Species, count(*) as n from read_json_auto('${VEGA_DATA}/penguins.json') group by all order by Species`);
  await expect(status(page)).toHaveText(new RegExp(`^${expected.length}\\u00a0${expected.length === 1 ? 'row' : 'rows'} in [\\d,]+\\u00a0ms$`));

  await tabTo(page, grid(page));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press(`${mod}+c`);
  await expect.poll(() => readClipboard(page)).toBe(expected[1]!.join('\t'));

  // New tab: the caret lands in its editor.
  await page.keyboard.press(`${mod}+t`);
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2']);
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type('select 42 as answer');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);

  // Between tabs with Ctrl/Cmd+PageUp/PageDown, and with the arrows inside the tab strip.
  await page.keyboard.press(`${mod}+PageUp`);
  await expect(page.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');
  await expect(status(page)).toHaveText(new RegExp(`^${expected.length}\\u00a0${expected.length === 1 ? 'row' : 'rows'} in [\\d,]+\\u00a0ms$`));
  await page.getByRole('tab', { name: 'Session 1' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Session 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Session 2' })).toBeFocused();
  await page.keyboard.press('F2');
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.type('Answers');
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveText(['Session 1', 'Answers']);
  await page.keyboard.press(`${mod}+w`);
  await expect(tabs(page)).toHaveText(['Session 1']);
  await page.keyboard.press(`${mod}+Shift+t`);
  await expect(tabs(page)).toHaveText(['Session 1', 'Answers']);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
});
