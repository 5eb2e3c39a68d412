import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { grid, ready, runSql, status } from './workbench.helpers';

const filterBox = (page: Page, column: string) => page.getByRole('textbox', { name: `Filter ${column}`, exact: true });

test('the box that would take the view past 16 conditions says so, is marked invalid, and nothing malformed is sent', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, `select ${Array.from({ length: 10 }, (_, i) => `range as c${i}`).join(', ')} from range(100)`);
  await expect(status(page)).toHaveText(/^100\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  // 1..90 is two conditions: eight boxes hold the protocol's 16
  for (let c = 0; c < 8; c++) {
    await filterBox(page, `c${c}`).fill('1..90');
    await expect(status(page)).toHaveText(/^90 of 100\u00a0rows in [\d,]+\u00a0ms$/);
  }
  await filterBox(page, 'c8').fill('1..90');
  const why = 'At most 16 conditions in all: the other columns hold 16, this one 2 (a range a..b is 2)';
  await expect(filterBox(page, 'c8')).toHaveAttribute('aria-invalid', 'true');
  await expect(filterBox(page, 'c8')).toHaveAccessibleDescription(why);
  await expect(page.getByRole('alert').filter({ hasText: 'At most 16 conditions' })).toHaveText(why);
  // the defect: "Sort and filter not saved: Malformed request refused." — now nothing is sent
  await expect(status(page)).toHaveText(/^90 of 100\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(status(page)).not.toContainText('Malformed');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '91');
  // one condition more is refused too; once a box is emptied it fits
  await filterBox(page, 'c8').fill('<=80');
  await expect(filterBox(page, 'c8')).toHaveAccessibleDescription('At most 16 conditions in all: the other columns hold 16, this one 1');
  await filterBox(page, 'c0').fill('');
  await expect(status(page)).toHaveText(/^90 of 100\u00a0rows in [\d,]+\u00a0ms$/);
  await filterBox(page, 'c8').fill('<=79');
  await expect(status(page)).toHaveText(/^79 of 100\u00a0rows in [\d,]+\u00a0ms$/);
  await expect(filterBox(page, 'c8')).toHaveAttribute('aria-invalid', 'false');
});
