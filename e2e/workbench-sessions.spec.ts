import { expect, test } from './fixtures';
import { countStoredEvents } from './nodeClient';
import { editor, editorText, history, mod, runSql, screenshot, status, tabs } from './workbench.helpers';

test('tabs: new with Ctrl/Cmd+T, rename by double-click, close with Ctrl/Cmd+W, reopen the last closed', async ({ app }, testInfo) => {
  const { page } = app;
  await expect(tabs(page)).toHaveText(['Session 1']);
  await expect(page.getByRole('button', { name: 'Reopen closed session' })).toBeDisabled();

  await page.keyboard.press(`${mod}+t`);
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2']);
  await expect(page.getByRole('tab', { name: 'Session 2' })).toHaveAttribute('aria-selected', 'true');
  expect(await editorText(page)).toBe('');

  await page.getByRole('tab', { name: 'Session 2' }).dblclick();
  await page.getByRole('textbox', { name: 'Session name' }).fill('Flights');
  await page.keyboard.press('Enter');
  await expect(tabs(page)).toHaveText(['Session 1', 'Flights']);

  await runSql(page, 'select 7 as seven');
  await expect(status(page)).toHaveText(/^1 row in \d+ ms$/);
  await editor(page).press('End');
  await page.keyboard.type(', 8 as eight');
  await screenshot(page, testInfo, 'sessions-two-tabs');

  await page.keyboard.press(`${mod}+w`);
  await expect(tabs(page)).toHaveText(['Session 1']);
  await expect(page.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press(`${mod}+Shift+t`);
  await expect(tabs(page)).toHaveText(['Session 1', 'Flights']);
  await expect(page.getByRole('tab', { name: 'Flights' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => editorText(page)).toBe('select 7 as seven, 8 as eight');
  await expect(history(page).getByRole('listitem')).toHaveCount(1);
  await expect(history(page).getByRole('listitem').first()).toContainText('select 7 as seven');
  await expect(page.getByRole('button', { name: 'Reopen closed session' })).toBeDisabled();

  // The close button and the reopen button do the same.
  await page.getByRole('button', { name: 'Close Session 1' }).click();
  await expect(tabs(page)).toHaveText(['Flights']);
  await page.getByRole('button', { name: 'Reopen closed session' }).click();
  await expect(tabs(page)).toHaveText(['Session 1', 'Flights']);
});

test('each draft and the open tab survive a restart; drafts are saved debounced, not per keystroke', async ({ app }, testInfo) => {
  const { page } = app;
  const first = 'select Name from cars where Year > 1975';
  await editor(page).click();
  await page.keyboard.type(first, { delay: 15 });
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByRole('tab', { name: 'Session 2' })).toHaveAttribute('aria-selected', 'true');
  await editor(page).click();
  await page.keyboard.type('select 2 as two', { delay: 15 });
  await page.getByRole('tab', { name: 'Session 1' }).click();
  await expect.poll(() => editorText(page)).toBe(first);

  // 54 keystrokes in two bursts, one per session: a saved draft per burst, never one per keystroke
  // (a loaded machine may stall the typing past the 1 s debounce once or twice, hence the margin).
  await expect.poll(() => countStoredEvents(page.url(), 'DraftSaved')).toBeGreaterThanOrEqual(2);
  await page.waitForTimeout(1500);
  const saved = await countStoredEvents(page.url(), 'DraftSaved');
  expect(saved).toBeLessThanOrEqual(4);
  await page.waitForTimeout(1500);
  expect(await countStoredEvents(page.url(), 'DraftSaved'), 'nothing more is saved while nobody types').toBe(saved);

  await app.restartHost();
  // The desktop app restarts with a new window; for the web host, a fresh browser profile: nothing
  // kept in the page's storage, everything comes from the event log.
  const browser = testInfo.project.name === 'web' ? app.page.context().browser() : null;
  const fresh = browser ? await browser.newContext({ viewport: { width: 1280, height: 800 } }) : undefined;
  try {
    const again = fresh ? await fresh.newPage() : app.page;
    if (fresh) await again.goto(page.url());
    await expect(tabs(again)).toHaveText(['Session 1', 'Session 2']);
    await expect(again.getByRole('tab', { name: 'Session 1' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => editorText(again)).toBe(first);
    await again.getByRole('tab', { name: 'Session 2' }).click();
    await expect.poll(() => editorText(again)).toBe('select 2 as two');
  } finally {
    await fresh?.close();
  }
});
