import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { datasets, ready } from './workbench.helpers';

/** What is typed in "Dataset path or URL" as a person types it: pasted, quoted, or typed again while an add is on its way. */
const box = (page: Page) => page.getByRole('textbox', { name: 'Dataset path or URL' });

async function add(page: Page, source: string): Promise<void> {
  await box(page).fill(source);
  await box(page).press('Enter');
}

const folder = () => mkdtempSync(join(tmpdir(), 'sextant-typed-'));

test('a path in quotes, as "Copy as path" or a shell gives it, adds the file; one naming nothing says so by its file name', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  writeFileSync(join(dir, 'pipe.csv'), 'a|b\n1|2\n');
  writeFileSync(join(dir, 'single.csv'), 'a,b\n1,2\n');
  await add(page, `"${join(dir, 'pipe.csv')}"`);
  await ready(page, 'pipe');
  await add(page, `'${join(dir, 'single.csv')}'`);
  await ready(page, 'single');
  await add(page, `"${join(dir, 'missing.csv')}"`);
  // the entry is the path typed, without its quotes: not "~/"/tmp/…", nor "No file at missing.csv"."
  const failed = datasets(page).getByRole('listitem').filter({ hasText: join(dir, 'missing.csv') });
  await expect(failed).toHaveAttribute('title', join(dir, 'missing.csv'));
  await expect(failed).toContainText(/No file at missing\.csv\. \(error id [0-9a-f-]{36}\)/);
});

test('text named .txt is CSV and named without its extension', async ({ shared: app }) => {
  const { page } = app;
  const dir = folder();
  writeFileSync(join(dir, 'notes.txt'), 'day,note\n1,rain\n');
  await add(page, join(dir, 'notes.txt'));
  await ready(page, 'notes');
  await expect(datasets(page).getByRole('listitem').filter({ hasText: /^notes_txt\b/ })).toHaveCount(0);
});

/**
 * A second page on the app whose incoming messages wait, from its first `AddDataset` on, until
 * `release`: the add's answer then comes back only after what the test types meanwhile.
 */
async function pageHoldingAdd(app: { page: Page }): Promise<{ page: Page; release: () => void }> {
  const page = await app.page.context().newPage();
  let release = () => {};
  await page.routeWebSocket(/./, (socket) => {
    const server = socket.connectToServer();
    let holding = false;
    let held = false;
    const queue: (string | Buffer)[] = [];
    socket.onMessage((message) => {
      // the first add only: the next one is answered as it comes
      if (!held && typeof message === 'string' && message.includes('"AddDataset"')) holding = held = true;
      server.send(message);
    });
    server.onMessage((message) => (holding ? queue.push(message) : socket.send(message)));
    release = () => {
      holding = false;
      for (const message of queue.splice(0)) socket.send(message);
    };
  });
  await page.goto(app.page.url());
  return { page, release: () => release() };
}

test('a path typed while the add before it is on its way stays in the box, and is added in its turn', async ({ shared: app }) => {
  test.skip(test.info().project.name !== 'web', "holds the web host's socket");
  const { page, release } = await pageHoldingAdd(app);
  try {
    const dir = folder();
    writeFileSync(join(dir, 'early.csv'), 'x,y\n1,1\n');
    writeFileSync(join(dir, 'later.csv'), 'x,y\n2,2\n');
    await add(page, join(dir, 'early.csv'));
    await box(page).fill(join(dir, 'later.csv'));
    release();
    await ready(page, 'early');
    await expect(box(page)).toHaveValue(join(dir, 'later.csv'));
    await box(page).press('Enter');
    await ready(page, 'later');
    await expect(box(page)).toHaveValue('');
    await expect(box(page)).toBeFocused();
  } finally {
    await page.close();
  }
});
