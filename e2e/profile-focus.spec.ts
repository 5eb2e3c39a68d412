import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dataset, ready } from './workbench.helpers';

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
