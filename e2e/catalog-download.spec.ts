import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { datasets, ready } from './workbench.helpers';

/** Types `source` in "Dataset path or URL" and adds it, as a person does. */
async function add(page: Page, source: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Dataset path or URL' }).fill(source);
  await page.getByRole('button', { name: 'Add dataset' }).click();
}

const undoButton = (page: Page) => page.getByRole('button', { name: 'Undo', exact: true });

/** A URL dataset's entry, found by its source (it has no name while being added or failed). */
const entry = (page: Page, url: string) => datasets(page).getByRole('listitem').filter({ hasText: url });

test.describe('URL downloads that hang or fail', () => {
  let server: Server;
  let base = '';
  /** Whether /later.csv answers yet: until then, 404. */
  let later = false;
  const hanging: ServerResponse[] = [];
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/hang/')) return void hanging.push(res); // accepts, never answers
      if (req.url === '/later.csv' && later) return void res.writeHead(200, { 'content-type': 'text/csv' }).end('day,mm\n1,3\n2,0\n');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    hanging.forEach((res) => res.destroy());
    await new Promise<void>((r) => server.close(() => r()));
  });

  test('a download that hangs can be removed while it loads; its long URL keeps its file name in sight', async ({ shared: app }) => {
    const { page } = app;
    const url = `${base}/hang/${'deep/'.repeat(12)}hang.csv`;
    await add(page, url);
    const row = entry(page, url);
    await expect(row).toContainText('loading…');
    // its accessible name is the whole source, as before it was cut
    await expect(row.getByRole('button', { name: `${url} loading…`, exact: true })).toBeVisible();
    // cut in the middle: the head gives way ("…" at its end), the file name stays whole
    const name = row.locator('.name.cut');
    await expect(name).toHaveAttribute('data-tail', 'hang.csv');
    const cut = await name.evaluate((el) => {
      const before = getComputedStyle(el, '::before');
      const after = getComputedStyle(el, '::after');
      return { head: before.content, headEllipsis: before.textOverflow, tail: after.content, tailShrinks: after.flexShrink };
    });
    // drawn with empty alt text: the hidden whole source is what is read
    expect(cut).toEqual({ head: `"${url.slice(0, -'hang.csv'.length)}" / ""`, headEllipsis: 'ellipsis', tail: '"hang.csv" / ""', tailShrinks: '0' });

    await row.getByRole('button', { name: `Actions for ${url}` }).click();
    const remove = page.getByRole('menuitem', { name: 'Remove' });
    await expect(remove).toBeEnabled();
    await remove.click();
    await expect(row).toHaveCount(0);
    // like any removal, undone it comes back: being added again
    await expect(undoButton(page)).toHaveAttribute('aria-description', `Undo remove dataset ${url}`);
    await undoButton(page).click();
    await expect(row).toContainText('loading…');
  });

  test('a failed download offers "Try again", which adds the same entry again', async ({ shared: app }) => {
    const { page } = app;
    later = false;
    const url = `${base}/later.csv`;
    await add(page, url);
    const row = entry(page, url);
    await expect(row).toContainText('the server answered 404 Not Found');
    const before = await datasets(page).getByRole('listitem').count();

    later = true;
    await row.getByRole('button', { name: `Actions for ${url}` }).click();
    await page.getByRole('menuitem', { name: 'Try again' }).click();
    await ready(page, 'later');
    // the same entry, not a second one beside the failed one
    await expect(datasets(page).getByRole('listitem')).toHaveCount(before);
    await expect(row).toHaveCount(0);
  });
});
