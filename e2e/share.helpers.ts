import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

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
  await expect(dialog.getByRole('status')).toHaveText(/^Exported .* — downloading\.$/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export session…' })).toBeFocused();
  return readFileSync(path, 'utf8');
}
