import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dataset, editor, grid, ready, runSql, status, tabs } from './workbench.helpers';

const region = (page: Page) => page.getByRole('region', { name: 'Column profiles' });

test('Cancel and Resume by keyboard: focus moves to the button that replaces them, and Escape still closes the profile', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'flights_3m');
  // 3M rows: a profile still computing when Cancel is pressed
  await dataset(page, 'flights_3m').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  const cancel = region(page).getByRole('button', { name: 'Cancel' });
  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(region(page).getByText(/^Cancelled/)).toBeVisible();
  // the defect: Cancel went away under focus, which fell to <body>, where Escape does not reach the panel
  const resume = region(page).getByRole('button', { name: 'Resume' });
  await expect(resume).toBeFocused();
  await page.keyboard.press('Enter');
  // Resume gives way to Cancel while computing, or to the region once done: focus is on one of them
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[aria-label="Column profiles"]') !== null)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(region(page)).toHaveCount(0);
});

/** What has focus: inside the profile, the editor, a tab's text, or the tag of what else. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    if (el.closest('[aria-label="Column profiles"]')) return 'profile';
    if (el.closest('[aria-label="SQL editor"]')) return 'editor';
    if (el.getAttribute('role') === 'tab') return `tab ${el.textContent}`;
    return el.tagName.toLowerCase();
  });

test('a profile takes focus when the person opens it, not when it is shown again: a reload, a tab click, Alt+PageUp/PageDown', async ({ shared: app }) => {
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars');
  await expect(status(page)).toHaveText(/^406\u00a0rows in/);
  const open = async () => {
    await page.getByRole('button', { name: 'Profile', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(region(page)).toBeVisible();
    await expect.poll(() => focused(page)).toBe('profile');
  };
  await open();
  const profiled = await tabs(page).last().textContent();

  // a reload: the caret is in the editor
  await page.reload();
  await expect(grid(page)).toBeVisible();
  await expect.poll(() => focused(page)).toBe('editor');
  await page.waitForTimeout(300);
  expect(await focused(page)).toBe('editor');
  if ((await region(page).count()) === 0) await open();

  // another tab and back by a click: the profile is shown again, and focus is on the tab clicked
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(tabs(page).last()).toHaveAttribute('aria-selected', 'true');
  await expect(region(page)).toHaveCount(0);
  await tabs(page).filter({ hasText: profiled! }).last().click();
  await expect(region(page)).toBeVisible();
  await page.waitForTimeout(300);
  expect(await focused(page)).toBe(`tab ${profiled}`);

  // Alt+PageDown then Alt+PageUp from the editor: the caret stays in it
  await editor(page).focus();
  await page.keyboard.press('Alt+PageDown');
  await expect(region(page)).toHaveCount(0);
  await page.keyboard.press('Alt+PageUp');
  await expect(region(page)).toBeVisible();
  await page.waitForTimeout(300);
  expect(await focused(page)).toBe('editor');
});
