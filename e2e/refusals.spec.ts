import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { editor, mod, screenshot, status, tabs } from './workbench.helpers';

/**
 * A command main refuses is said as that command refused ("Rename not saved: …"), beside the
 * session's query as it stands, never as that query failing. Two pages on one web host give the
 * refusal a person meets there: a rename decided on a stale view.
 */
test.beforeEach(() => test.skip(test.info().project.name !== 'web', 'two browser pages on one web host'));

/** Runs until cancelled. */
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';

async function secondWindow(page: Page): Promise<Page> {
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(tabs(other)).toHaveText(await tabs(page).allTextContents());
  return other;
}

const REFUSED_RENAME = /^Rename not saved: This session changed in another window\. \(error id [0-9a-f-]{36}\)$/;

/** Both windows rename the tab at once: B's goes first, A's was decided on the name before it and is refused. */
async function renameRace(a: Page, b: Page, from: string, mine: string, theirs: string): Promise<void> {
  await a.getByRole('tab', { name: from }).dblclick();
  await a.getByRole('textbox', { name: 'Session name' }).fill(mine);
  await b.getByRole('tab', { name: from }).dblclick();
  await b.getByRole('textbox', { name: 'Session name' }).fill(theirs);
  await b.keyboard.press('Enter');
  await expect(tabs(b)).toHaveText([theirs]);
  await a.getByRole('textbox', { name: 'Session name' }).press('Enter');
  await expect(tabs(a)).toHaveText([theirs]);
  await expect(status(a)).toHaveText(REFUSED_RENAME);
}

test('a rename refused while a query runs names the rename, and the running query keeps its clock and Cancel', async ({ app }, testInfo) => {
  const a = app.page;
  await expect(tabs(a)).toHaveText(['Session 1']);
  const b = await secondWindow(a);

  await a.getByRole('textbox', { name: 'SQL editor' }).click();
  await a.keyboard.type(LONG_SQL);
  await a.keyboard.press(`${mod}+Enter`);
  await expect(status(a)).toHaveText('Running…');
  await expect(status(b)).toHaveText('Running…');

  await renameRace(a, b, 'Session 1', 'Mine', 'Theirs');
  const bar = a.locator('.statusbar');
  await expect(bar).toHaveClass(/\brefused\b/);
  await expect(bar).not.toHaveClass(/\bfailed\b/);
  await expect(bar).toHaveClass(/\bexecuting\b/);
  await expect(a.getByLabel('Elapsed time')).toBeVisible();
  await expect(a.getByRole('button', { name: 'Copy error id' })).toBeVisible();
  await screenshot(a, testInfo, 'refused-rename-while-running');

  // the person closes it: the bar says the query again, and focus goes on from the close button to the editor
  await a.getByRole('button', { name: 'Dismiss' }).click();
  await expect(status(a)).toHaveText('Running…');
  await expect(bar).not.toHaveClass(/\brefused\b/);
  await expect(editor(a)).toBeFocused();

  // refused again: Escape in the bar closes it too
  await renameRace(a, b, 'Theirs', 'Mine', 'Theirs again');
  await a.getByRole('button', { name: 'Copy error id' }).focus();
  await a.keyboard.press('Escape');
  await expect(status(a)).toHaveText('Running…');

  // refused again: the next command to the session that is accepted (a rename on the name as it is now) clears it
  await renameRace(a, b, 'Theirs again', 'Mine', 'Theirs once more');
  await a.getByRole('tab', { name: 'Theirs once more' }).dblclick();
  await a.getByRole('textbox', { name: 'Session name' }).fill('Mine at last');
  await a.getByRole('textbox', { name: 'Session name' }).press('Enter');
  await expect(tabs(b)).toHaveText(['Mine at last']);
  await expect(status(a)).toHaveText('Running…');

  // the query is fine: A cancels it, and its end replaces the older refusal
  await a.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(a)).toHaveText('Cancelled');
  await expect(status(b)).toHaveText('Cancelled');
});
