import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { editor, editorText, grid, gridRow, setSql } from './workbench.helpers';

/** Instant preview of hostile and huge values: drawn and cut as the results grid draws them, and the window stays responsive. */

const instantSwitch = (page: Page) => page.getByRole('switch', { name: 'Instant preview' });
const preview = (page: Page) => page.getByRole('grid', { name: 'Preview' });
const pane = (page: Page) => page.getByRole('region', { name: 'Instant preview' });

async function previewOf(page: Page, sql: string): Promise<void> {
  await setSql(page, sql);
  await page.keyboard.press('Escape'); // the completion list the typing opened
  if ((await instantSwitch(page).getAttribute('aria-checked')) !== 'true') await instantSwitch(page).click();
  await expect(instantSwitch(page)).toHaveAttribute('aria-checked', 'true');
}

const cellTexts = (row: ReturnType<Page['locator']>) => row.getByRole('gridcell').allTextContents();

test('hostile values preview as the results grid draws them: marks for controls, one line per row; repeated names as Run names them', async ({ shared: app }) => {
  const { page } = app;
  const sql = "select 'abc' || chr(8238) || 'def' as bidi, 'a' || chr(0) || 'b' as nul, 'one' || chr(10) || 'two' as nl, '   ' as spaces, chr(8203) as zw, 1 as a, 2 as a, 3 as A";
  await previewOf(page, sql);
  const row = preview(page).locator('tbody tr').first();
  await expect(row.getByRole('gridcell')).toHaveText(['abc[U+202E]def', 'a[U+0000]b', 'one↵two', '···', '[U+200B]', '1', '2', '3']);
  await expect(preview(page).locator('th .col-name')).toHaveText(['bidi', 'nul', 'nl', 'spaces', 'zw', 'a', 'a', 'A']);
  // one line tall, as a row of plain values
  const height = await row.evaluate((r) => r.getBoundingClientRect().height);
  expect(height).toBeLessThan(30);

  // the same statement Run: the results grid draws each cell alike
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(gridRow(page, 2).getByRole('gridcell').first()).toHaveText('abc[U+202E]def');
  expect(await cellTexts(row)).toEqual(await cellTexts(gridRow(page, 2)));
  await expect(grid(page)).toBeVisible();
});

test('a preview of 101 values of 2,000,000 characters arrives cut, and the window answers keystrokes at once', async ({ shared: app }) => {
  const { page } = app;
  const sql = "select repeat('x', 2000000) as big, range from range(101)";
  await previewOf(page, sql);
  const first = preview(page).locator('tbody tr').first().getByRole('gridcell');
  await expect(first).toHaveText([`${'x'.repeat(1000)}…`, '0'], { timeout: 10_000 });
  await expect(pane(page)).toContainText('first 100\u00a0rows · 2\u00a0columns');
  expect(await preview(page).locator('tbody tr').first().getByRole('gridcell').first().getAttribute('title')).toBe(`${'x'.repeat(1000)}…`);

  // a keystroke is drawn within a bound: the page's work is 100 cells of 1,001 characters, not 200 M
  await editor(page).focus();
  await page.keyboard.press(`${process.platform === 'darwin' ? 'Meta' : 'Control'}+End`);
  const started = Date.now();
  await page.keyboard.type(' ');
  await expect.poll(() => editorText(page), { timeout: 1_500 }).toBe(`${sql} `);
  expect(Date.now() - started).toBeLessThan(1_500);
});

test('while a newer preview runs the pane is busy and keeps the last rows; a refusal is said once', async ({ shared: app }) => {
  const { page } = app;
  await previewOf(page, 'select 42 as answer');
  await expect(preview(page).getByRole('gridcell')).toHaveText(['42']);
  await expect(pane(page)).toHaveAttribute('aria-busy', 'false');

  // a statement that runs until the preview's 2 s budget stops it. What the pane shows while busy is
  // recorded by the page itself as the pane turns busy: a loaded test run, checking from outside,
  // missed that 2 s window (and then saw the budget's refusal in place of the kept rows).
  const whileBusy = page.evaluate(
    () =>
      new Promise<{ cells: string[]; text: string }>((resolve) => {
        const region = document.querySelector('section[aria-label="Instant preview"]')!;
        const observer = new MutationObserver(() => {
          if (region.getAttribute('aria-busy') !== 'true') return;
          observer.disconnect();
          resolve({ cells: [...region.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? ''), text: region.textContent ?? '' });
        });
        observer.observe(region, { attributes: true, childList: true, subtree: true, characterData: true });
      }),
  );
  await setSql(page, 'select count(*) from range(1000000000000)');
  await page.keyboard.press('Escape');
  const seen = await whileBusy;
  expect(seen.cells).toEqual(['42']);
  expect(seen.text).toContain('Previewing…');
  await expect(pane(page)).toHaveAttribute('aria-busy', 'false', { timeout: 10_000 });
  await expect(pane(page).getByText('Previewing…')).toHaveCount(0);

  await setSql(page, 'create table z as select 1');
  await page.keyboard.press('Escape');
  await expect(pane(page)).toContainText('Not previewed: CREATE');
  await expect(pane(page)).not.toContainText('Run it to see what it does');
  expect((await pane(page).textContent())?.match(/Run it/g)).toHaveLength(1);
});
