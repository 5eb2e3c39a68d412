import type { Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures';

export const editor = (page: Page) => page.getByRole('textbox', { name: 'SQL editor' });
export const status = (page: Page) => page.getByRole('status');
export const datasets = (page: Page) => page.getByRole('list', { name: 'Datasets' });
export const history = (page: Page) => page.getByRole('list', { name: 'Query history' });
export const grid = (page: Page) => page.getByRole('grid', { name: 'Results' });
export const tabs = (page: Page) => page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
export const dataset = (page: Page, name: string) => datasets(page).getByRole('listitem').filter({ hasText: new RegExp(`^${name}\\b`) });
export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Waits until the catalog has the dataset ready (its column count shows). */
export async function ready(page: Page, name: string): Promise<void> {
  await expect(dataset(page, name)).toContainText('columns');
}

/** Replaces the editor's text the way a person would: select all, type. */
export async function setSql(page: Page, sql: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press('Delete');
  await editor(page).fill(sql);
}

export async function runSql(page: Page, sql: string): Promise<void> {
  await setSql(page, sql);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

/** The editor's text, line by line as CodeMirror shows it (its placeholder is no text). */
export const editorText = (page: Page): Promise<string> =>
  editor(page).evaluate((el) =>
    [...el.querySelectorAll('.cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true) as Element;
        copy.querySelectorAll('.cm-placeholder').forEach((p) => p.remove());
        return copy.textContent ?? '';
      })
      .join('\n'),
  );

/** A grid row by its aria-rowindex (1 is the header, 2 the first result row). */
export const gridRow = (page: Page, rowIndex: number) => grid(page).locator(`[role="row"][aria-rowindex="${rowIndex}"]`);

/** Saves a screenshot of the main screen as a test artifact. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Chromium asks before a page reads the clipboard; the desktop app's window needs no grant. */
export async function allowClipboard(page: Page): Promise<void> {
  if (page.context().browser()) await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
}

/** CodeMirror's autocomplete `interactionDelay` (its default, SqlEditor.tsx sets none): milliseconds after the list opens in which an accept key is not taken. */
export const INTERACTION_DELAY_MS = 75;

/**
 * Waits until the completion list takes an accept key (Enter, Tab). CodeMirror ignores one for
 * INTERACTION_DELAY_MS after the list opens (so a fast typist's Enter stays a newline), and while
 * its sources are still answering (the list is then marked disabled). No attribute says the delay
 * is over, so this waits for conditions: the list is not disabled, and it has been on screen for
 * twice the delay, timed in the page on CodeMirror's clock (Date.now()) from the first time the wait
 * saw that list element, which is never before the list opened (the same element stays while the
 * list stays open; a list that reopens is a new element).
 */
export async function completionTakesKeys(page: Page): Promise<void> {
  await page.waitForFunction((delay) => {
    const list = document.querySelector('.cm-tooltip-autocomplete');
    if (!list || list.classList.contains('cm-tooltip-autocomplete-disabled')) return false;
    const w = window as unknown as { e2eListSeen?: WeakMap<Element, number> };
    const seen = (w.e2eListSeen ??= new WeakMap());
    if (!seen.has(list)) seen.set(list, Date.now());
    return Date.now() - seen.get(list)! > delay;
  }, 2 * INTERACTION_DELAY_MS);
}

/** DuckDB's text of a number with its whole part's thousands grouped, as the app shows figures ("-1234.5" → "-1,234.5"). */
export const groupedText = (text: string) => text.replace(/^(-?)(\d+)/, (_, sign: string, digits: string) => sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

/** Runs `sql` (once `dataset` is ready in the catalog, when it reads one), waits for its rows, and opens Pivot beside them. */
export async function pivotOf(page: Page, sql: string, dataset?: string): Promise<void> {
  if (dataset !== undefined) await ready(page, dataset);
  await runSql(page, sql);
  await expect(gridRow(page, 2)).toBeVisible();
  await page.getByRole('button', { name: 'Pivot', exact: true }).click();
}
