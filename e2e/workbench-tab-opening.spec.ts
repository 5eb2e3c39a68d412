import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { editor, editorText, gridRow, mod, runSql, tabs } from './workbench.helpers';

/**
 * A new tab is shown after a round trip to main; on a busy machine that takes a while. What the
 * person types meanwhile must not land in the tab still shown. The round trip is held here by
 * holding what the web host sends this page once it asked for a tab.
 */
test.beforeEach(() => test.skip(test.info().project.name !== 'web', "holds the web host's socket"));

/** A page on the app's web host whose incoming messages wait, from its first OpenSession, until `release`. */
async function pageHoldingNewTabs(app: { page: Page }): Promise<{ page: Page; release: () => void }> {
  const page = await app.page.context().newPage();
  let release = () => {};
  await page.routeWebSocket(/./, (socket) => {
    const server = socket.connectToServer();
    let holding = false;
    const held: (string | Buffer)[] = [];
    socket.onMessage((message) => {
      if (typeof message === 'string' && message.includes('"OpenSession"')) holding = true;
      server.send(message);
    });
    server.onMessage((message) => (holding ? held.push(message) : socket.send(message)));
    release = () => {
      holding = false;
      for (const message of held.splice(0)) socket.send(message);
    };
  });
  await page.goto(app.page.url());
  return { page, release: () => release() };
}

test('keys pressed while a new tab is on its way never edit the tab still shown', async ({ app }) => {
  const { page, release } = await pageHoldingNewTabs(app);
  await runSql(page, "select 'first' as tab");
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['first']);
  await editor(page).click();

  await page.keyboard.press(`${mod}+t`);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(editor(page)).not.toBeFocused();
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press('Delete');
  await page.keyboard.type('select 2');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(tabs(page)).toHaveText(['Session 1']);
  expect(await editorText(page)).toBe("select 'first' as tab");

  release();
  await expect(tabs(page)).toHaveText(['Session 1', 'Session 2']);
  await expect(page.getByRole('tab', { name: 'Session 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(editor(page)).toBeFocused();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await page.getByRole('tab', { name: 'Session 1' }).click();
  await expect(gridRow(page, 2).getByRole('gridcell')).toHaveText(['first']);
  expect(await editorText(page)).toBe("select 'first' as tab");
});
