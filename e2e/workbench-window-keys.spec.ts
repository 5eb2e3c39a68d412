import { expect, test } from './fixtures';
import { editor, history, mod, runSql, status, tabs } from './workbench.helpers';

/** Keys that act on the whole window: where the caret starts, and cancelling a query from anywhere. */

test('the window opens with the caret in the SQL editor, and again after a reload', async ({ shared: app }) => {
  const { page } = app;
  await expect(tabs(page)).toHaveText(['Session 1']);
  await expect(editor(page)).toBeFocused();
  // typing goes straight in: no Tab first
  await page.keyboard.type('select 42');
  await expect(editor(page)).toHaveText('select 42');
  await page.reload();
  await expect(tabs(page)).toHaveText(['Session 1']);
  await expect(editor(page)).toBeFocused();
});

test('Ctrl/Cmd+. cancels the running query from anywhere, Cancel’s tooltip says so, and Escape cancels nothing', async ({ shared: app }) => {
  const { page } = app;
  const slow = 'select count(*) from range(100000000000) a(i) where i % 7 = 3';
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await expect(cancel).toHaveAttribute('title', 'Cancel the running query (Ctrl/Cmd+.)');
  await runSql(page, slow);
  await expect(status(page)).toHaveText('Running…');
  // Escape is left to completion, menus and panels: the query goes on
  await editor(page).focus();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await expect(status(page)).toHaveText('Running…');
  // from the editor: focus stays there
  await page.keyboard.press(`${mod}+.`);
  await expect(status(page)).toHaveText('Cancelled');
  await expect(editor(page)).toBeFocused();

  // from the history too
  await history(page).getByRole('listitem').first().getByRole('button', { name: 'Repeat query' }).focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('Running…');
  await page.keyboard.press(`${mod}+.`);
  await expect(status(page)).toHaveText('Cancelled');
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
});
