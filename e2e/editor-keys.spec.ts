import { writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { nodeClient } from './nodeClient';
import { completionTakesKeys, editor, editorText, history, mod, ready, runSql, setSql, status, tabs } from './workbench.helpers';

const NOTHING = 'Nothing to run: the editor holds no statement, only blanks or comments.';
const NOTHING_SELECTED = 'Nothing to run: the selection holds no statement, only blanks or comments.';
const RUN_TITLE = 'Run (Ctrl/Cmd+Enter); the statement at the caret: Ctrl/Cmd+Shift+Enter';

/** Whether the failure's underline is drawn inside the editor's visible part (CodeMirror draws only lines near it). */
const underlineShown = (page: Page): Promise<boolean> =>
  page.locator('.editor-host .cm-scroller').evaluate((scroller) => {
    const mark = scroller.querySelector('.cm-lintRange-error');
    if (!mark) return false;
    const [shown, at] = [scroller.getBoundingClientRect(), mark.getBoundingClientRect()];
    return at.top >= shown.top && at.bottom <= shown.bottom;
  });

/** Whether the underline comes into view within `ms`, looked for every 50 ms: a scroll to it may come a few frames late. */
async function shownWithin(page: Page, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!(await underlineShown(page))) {
    if (Date.now() >= until) return false;
    await page.waitForTimeout(50);
  }
  return true;
}

test('Tab accepts the completion shown and focus stays in the editor; the list is never a Tab stop; with no list Tab leaves the editor', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await setSql(page, '');
  await page.keyboard.type('select * from car');
  const list = page.getByRole('listbox', { name: 'Completions' });
  await expect(list.getByRole('option').first()).toContainText(/^cars\s*json · 9\scolumns$/);
  // not a Tab stop: Chromium makes a scrollable list one, and focus there left every key dead
  await expect(list).toHaveAttribute('tabindex', '-1');
  // CodeMirror declines an accept within its interactionDelay of the list opening, or while a source
  // is pending: one Tab once the list takes keys
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await completionTakesKeys(page);
  await page.keyboard.press('Tab');
  await expect(list).toHaveCount(0);
  await expect(editor(page)).toBeFocused();
  expect(await editorText(page)).toBe('select * from cars');
  await page.keyboard.type(' limit 1');
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);

  // no list: Tab leaves the editor and inserts nothing (the editor never indents on Tab)
  const before = await editorText(page);
  await page.keyboard.press('Tab');
  await expect(editor(page)).not.toBeFocused();
  expect(await editorText(page)).toBe(before);
});

/** `select "Horsepower"| from cars` with the list Ctrl+Space opens there, after the closing quote. */
async function listAfterHorsepower(page: Page): Promise<Locator> {
  await ready(page, 'cars');
  await setSql(page, 'select "Horsepower" from cars');
  await page.keyboard.press('Home');
  for (let i = 0; i < 'select "Horsepower"'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  const list = page.getByRole('listbox', { name: 'Completions' });
  // the first Ctrl+Space after Escape is at times not taken (the list never opens): ask again until it is
  await expect(async () => {
    await page.keyboard.press('Control+Space');
    await expect(list.getByRole('option').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return list;
}

test('Ctrl+Space right after a closing-quoted name completes with a space before, never glued onto the name', async ({ shared: app }) => {
  const { page } = app;
  const list = await listAfterHorsepower(page);
  // the FROM's columns first: cars' Acceleration, which glued on read as an alias of Horsepower
  await expect(list.getByRole('option').first()).toContainText(/^Acceleration/);
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await completionTakesKeys(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => editorText(page)).toBe('select "Horsepower" Acceleration from cars');
});

test('a list Ctrl+Space opened stays open while a dataset is added elsewhere, and still completes', async ({ shared: app }, testInfo) => {
  const { page } = app;
  // only Ctrl+Space offers a list here (nothing is being typed), so it would not come back by itself
  const list = await listAfterHorsepower(page);
  await expect(list.getByRole('option').first()).toContainText(/^Acceleration/);

  // another window adds a dataset: the catalog, which the completions read, changes under the open list
  const file = testInfo.outputPath('added_meanwhile.csv');
  writeFileSync(file, 'a,b\n1,2\n');
  const other = await nodeClient(page.url());
  expect((await other.api.dispatch({ type: 'AddDataset', source: file })).ok).toBe(true);
  other.close();
  await ready(page, 'added_meanwhile');
  // open and taking keys: asked again, it was dimmed while its sources were pending, then gone
  await expect(page.locator('.cm-tooltip-autocomplete:not(.cm-tooltip-autocomplete-disabled)')).toBeVisible();
  await expect(list.getByRole('option').first()).toContainText(/^Acceleration/);
  await completionTakesKeys(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => editorText(page)).toBe('select "Horsepower" Acceleration from cars');
});

test('a failure far down a long script is scrolled into view when it arrives, and not again when its tab is shown again', async ({ shared: app }) => {
  const { page } = app;
  // this test's session is the last tab: earlier tests of the file have theirs
  const before = await tabs(page).count();
  const script = Array.from({ length: 200 }, (_, i) => (i === 179 ? 'select nope from range(1);' : `select ${i + 1} as n;`)).join('\n');
  await setSql(page, script);
  await page.keyboard.press(`${mod}+Home`);
  await expect(editor(page).locator('.cm-line').first()).toHaveText('select 1 as n;');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(status(page)).toContainText('Failed: Statement 180 of 200: Binder Error: Referenced column "nope" not found');
  await expect.poll(() => underlineShown(page)).toBe(true);
  // DuckDB gives no position for a later statement of a script: the whole statement is underlined
  await expect(editor(page).locator('.cm-lintRange-error')).toHaveText('select nope from range(1)');

  // back at the top, another tab and back: the person's place is kept, the failure not scrolled to again
  await page.keyboard.press(`${mod}+Home`);
  await expect.poll(() => underlineShown(page)).toBe(false);
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tabs(page)).toHaveCount(before + 1);
  await tabs(page).nth(before - 1).click();
  await expect(status(page)).toContainText('Failed: Statement 180 of 200');
  expect(await shownWithin(page, 500)).toBe(false);
});

test('with nothing but blanks and comments Run is disabled and says why; Ctrl/Cmd+Enter and Ctrl/Cmd+Shift+Enter say "Nothing to run"', async ({ shared: app }) => {
  const { page } = app;
  const run = page.getByRole('button', { name: 'Run', exact: true });
  const said = page.getByRole('alert').filter({ hasText: 'Nothing to run' });
  await runSql(page, 'select * from no_such_table');
  await expect(status(page)).toContainText('Failed: Catalog Error');

  await setSql(page, '');
  await expect(run).toBeDisabled();
  await expect(run).toHaveAttribute('title', `${NOTHING}\n${RUN_TITLE}`); // why, and still the keys
  await setSql(page, '  \n-- a note\n/* another /* nested */ one */ ;\n');
  await expect(run).toBeDisabled();
  await page.keyboard.press(`${mod}+Enter`);
  await expect(said).toHaveText(NOTHING);
  await page.keyboard.press(`${mod}+Shift+Enter`);
  await expect(said).toHaveText(NOTHING);
  await expect(history(page).getByRole('listitem')).toHaveCount(1); // nothing ran

  // typing a statement: the notice goes, Run is back with its usual tooltip
  await page.keyboard.type('select 42 as answer');
  await expect(said).toHaveCount(0);
  await expect(run).toBeEnabled();
  await expect(run).toHaveAttribute('title', RUN_TITLE);

  // a selection of only blanks and a comment runs nothing either, and says it is the selection
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(run).toBeDisabled();
  await expect(run).toHaveAttribute('title', `${NOTHING_SELECTED}\n${RUN_TITLE}`);
  await page.keyboard.press(`${mod}+Enter`);
  await expect(said).toHaveText(NOTHING_SELECTED);

  await page.keyboard.press(`${mod}+End`);
  await run.click();
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
});
