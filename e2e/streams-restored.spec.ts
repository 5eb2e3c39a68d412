import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, WebSocket as PageSocket } from '@playwright/test';
import type { Frame } from '../src/shared/contracts/frames';
import type { ServerMessage } from '../src/shared/contracts/protocol';
import { expect, startWebHost, test } from './fixtures';
import { nodeClient } from './nodeClient';

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
const named = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

/** Opens sessions from another client of the host at `url`, as a second window would. */
async function openFromElsewhere(url: string, titles: readonly string[]): Promise<void> {
  const client = await nodeClient(url);
  try {
    for (const title of titles) expect((await client.api.dispatch({ type: 'OpenSession', title })).ok).toBe(true);
  } finally {
    client.close();
  }
}

test('after the data dir is restored from an earlier copy, an open page shows the restored log’s sessions, not the lost ones', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'restarting a host under an open page is the web host’s case');
  const { page } = app;
  await expect(tabs(page)).toHaveText(['Session 1']);
  const backup = mkdtempSync(join(tmpdir(), 'sextant-e2e-backup-'));
  try {
    await app.restartHost(async () => cpSync(app.dataDir, backup, { recursive: true }));
    await openFromElsewhere(page.url(), named('AFTER-BACKUP', 3));
    await expect(tabs(page)).toHaveText(['Session 1', ...named('AFTER-BACKUP', 3)], { timeout: 30_000 });

    const frames: Frame[] = [];
    page.on('websocket', (ws: PageSocket) =>
      ws.on('framereceived', ({ payload }) => {
        const message = JSON.parse(String(payload)) as ServerMessage;
        if (message.type === 'frames') frames.push(...message.frames);
      }),
    );
    await app.restartHost(async () => {
      rmSync(app.dataDir, { recursive: true, force: true });
      cpSync(backup, app.dataDir, { recursive: true });
      // The restored log goes past the page's cursor before the page is back.
      const other = await startWebHost(app.dataDir);
      try {
        await openFromElsewhere(other.url, named('RESTORED', 5));
      } finally {
        await other.stop();
      }
    });

    await expect(tabs(page)).toHaveText(['Session 1', ...named('RESTORED', 5)], { timeout: 30_000 });
    expect(frames.some((f) => f.kind === 'snapshot' && Object.keys(f.state.sessions).length === 6)).toBe(true);
    await page.reload(); // the cursor kept in sessionStorage is the restored log's now
    await expect(tabs(page)).toHaveText(['Session 1', ...named('RESTORED', 5)]);
  } finally {
    rmSync(backup, { recursive: true, force: true });
  }
});
