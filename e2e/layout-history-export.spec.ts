import { expect, test } from './fixtures';
import { history, ready, runSql, screenshot, status } from './workbench.helpers';

test('the same query run again is grouped under its newest run (×N); a failed one shows its error’s first line', async ({ shared: app }, testInfo) => {
  const { page } = app;
  await ready(page, 'cars');
  for (let n = 0; n < 3; n++) {
    await runSql(page, 'select * from cars');
    await expect(history(page).getByRole('listitem')).toHaveCount(n + 1);
    await expect(status(page)).toHaveText(/^406\u00a0rows in [\d,]+\u00a0ms$/);
  }
  await runSql(page, 'select nope');
  await expect(status(page)).toContainText('Failed:');

  const items = history(page).getByRole('listitem');
  // every run is still its own entry, to put in the editor, repeat or fork from
  await expect(items).toHaveCount(4);
  const failed = items.nth(0);
  await expect(failed).toContainText(/select nope\s*failed · [\d,]+\u00a0ms · \d{1,2}:\d{2}:\d{2}.*Binder Error: Referenced column "nope" was not found/);
  // its first line, muted, whole in its tooltip
  const error = failed.locator('.history-error');
  const message = (await error.getAttribute('title'))!;
  expect(message).toContain('\nLINE 1: select nope');
  await expect(error).toHaveText(message.split('\n')[0]!);
  expect(await error.evaluate((el) => getComputedStyle(el).color)).toBe(await failed.locator('.meta').evaluate((el) => getComputedStyle(el).color));

  await expect(items.nth(1)).toContainText('×3');
  await expect(items.nth(1).getByText('select * from cars')).toBeVisible();
  for (const i of [2, 3]) {
    await expect(items.nth(i)).not.toContainText('×');
    // the SQL is said once, above: the earlier runs keep it for a screen reader only
    await expect(items.nth(i).locator('.sql')).toHaveText('select * from cars');
    expect(await items.nth(i).locator('.sql').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    await expect(items.nth(i).getByRole('button', { name: 'Fork from here' })).toBeVisible();
  }
  await screenshot(page, testInfo, 'history-repeats');
});

test('once the file is written, the export dialog’s button reads Done and closes it; another format offers Export again', async ({ shared: app }, testInfo) => {
  test.skip(test.info().project.name !== 'web', 'a browser download; the desktop uses the OS save dialog');
  const { page } = app;
  await ready(page, 'cars');
  await runSql(page, 'select * from cars limit 5');
  await expect(status(page)).toHaveText(/^5\u00a0rows in [\d,]+\u00a0ms$/);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export result' });
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'CSV' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await downloading;
  await expect(dialog.getByRole('status')).toHaveText(/^Exported 5\u00a0rows as CSV/);
  const done = dialog.getByRole('button', { name: 'Done' });
  await expect(done).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toHaveCount(0);
  await screenshot(page, testInfo, 'export-done');

  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'JSON' });
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'CSV' });
  await done.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export…' })).toBeFocused();
});
