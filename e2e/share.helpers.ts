import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type SextantApp } from './fixtures';
import { ready } from './workbench.helpers';

/** Exports the session in `label`'s format as a download; answers the file's text. */
export async function exportSession(page: Page, label: string, path: string): Promise<string> {
  await page.getByRole('button', { name: 'Export session…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export session' });
  const format = dialog.getByRole('combobox', { name: 'Format' });
  await expect(format).toBeFocused();
  await format.selectOption({ label });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await (await downloading).saveAs(path);
  await expect(dialog.getByRole('status')).toHaveText(/^Exported .* — sent to the browser’s downloads\.$/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export session…' })).toBeFocused();
  return readFileSync(path, 'utf8');
}

/** Picks `path` in the "Import session…" button's file chooser (a browser upload). */
export async function importSessionFile(page: Page, path: string): Promise<void> {
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import session…' }).click();
  await (await choosing).setFiles(path);
}

/** Empties a stopped host's data dir: its next start is a first start (a fresh machine, for an import). */
export function emptyDataDir(dataDir: string): void {
  for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
}

/**
 * Imports the session log at `logPath` as on a fresh machine: the host restarted on an emptied data
 * dir (`whileStopped` also runs while it is stopped), the page reloaded, `dataset` listed again.
 */
export async function importOnFreshMachine(app: SextantApp, logPath: string, dataset: string, whileStopped?: () => void): Promise<NoticesSeen> {
  await app.restartHost(async () => {
    emptyDataDir(app.dataDir);
    whileStopped?.();
  });
  await reloadOnFreshDataDir(app.page, dataset);
  const notices = await recordNotices(app.page);
  await importSessionFile(app.page, logPath);
  return notices;
}

/** Every text the window's notice has shown since `recordNotices`, oldest first. */
export type NoticesSeen = () => Promise<string[]>;

/**
 * Keeps every text the window's notice shows from now on (until the page reloads). A notice goes
 * after a few seconds, or when another replaces it; a check of one reads this list, so it cannot
 * miss it and, failing, says what was shown instead.
 */
export async function recordNotices(page: Page): Promise<NoticesSeen> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { noticesSeen: string[] }).noticesSeen = seen;
    const notice = document.querySelector('.notice');
    if (!notice) throw new Error('the window has no notice area');
    new MutationObserver(() => {
      if (notice.textContent) seen.push(notice.textContent);
    }).observe(notice, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { noticesSeen: string[] }).noticesSeen]);
}

/**
 * Reloads the page and waits until its host answers. Until then the page shows the view it kept
 * (its stream replays from the last seq it saw): a check could pass on that before the host's own
 * frames come.
 */
export async function reloadUntilConnected(page: Page): Promise<void> {
  await page.reload();
  await expect(page.getByRole('img', { name: 'Connected' })).toBeVisible();
}

/**
 * Reloads the page after its host restarted on an emptied data dir, and waits until `dataset` is
 * ready in the new store. The view the page kept is the old data dir's, whose datasets were ready,
 * so `ready` alone could pass before the new store's samples are registered. Live again, the page
 * shows the new store.
 */
export async function reloadOnFreshDataDir(page: Page, dataset: string): Promise<void> {
  await reloadUntilConnected(page);
  await ready(page, dataset);
}
