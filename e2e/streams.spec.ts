import type { Page, WebSocket as PageSocket } from '@playwright/test';
import type { Frame } from '../src/shared/contracts/frames';
import type { ClientMessage, ServerMessage } from '../src/shared/contracts/protocol';
import { duckdbRows } from './duckdbOracle';
import { expect, startWebHost, test } from './fixtures';
import { nodeClient } from './nodeClient';

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
const status = (page: Page) => page.getByRole('status');
const history = (page: Page) => page.getByRole('list', { name: 'Query history' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Results' });

/** Everything a page's WebSockets carried, socket by socket (a reconnect opens a new one). */
function recordSockets(page: Page): { sockets: { sent: ClientMessage[]; frames: Frame[] }[] } {
  const record = { sockets: [] as { sent: ClientMessage[]; frames: Frame[] }[] };
  page.on('websocket', (ws: PageSocket) => {
    const socket = { sent: [] as ClientMessage[], frames: [] as Frame[] };
    record.sockets.push(socket);
    ws.on('framesent', ({ payload }) => socket.sent.push(JSON.parse(String(payload)) as ClientMessage));
    ws.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as ServerMessage;
      if (message.type === 'frames') socket.frames.push(...message.frames);
    });
  });
  return record;
}
const subscribesOf = (sent: readonly ClientMessage[]) =>
  sent.flatMap((m) => ('id' in m && m.request.method === 'subscribe' ? [m.request] : []));

async function runInNode(client: Awaited<ReturnType<typeof nodeClient>>, sessionId: string, sql: string): Promise<void> {
  const started = await client.api.dispatch({ type: 'StartQuery', sessionId, sql });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  const queryId = started.ok ? started.value.queryId : undefined;
  await expect
    .poll(() => client.stream.getState().view.sessions[sessionId]?.history.find((h) => h.queryId === queryId)?.phase, { timeout: 30_000 })
    .toBe('Completed');
}

test('after the web host restarts, an open page catches up on what happened meanwhile, without a reload', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'restarting a host under an open page is the web host’s case');
  const { page } = app;
  await expect(tabs(page)).toHaveText(['Session 1']);
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('select 1 as warmup');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  const record = recordSockets(page);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await app.restartHost(async () => {
    // While the page's host is down, another Sextant on the same data dir changes things.
    const other = await startWebHost(app.dataDir);
    const client = await nodeClient(other.url);
    try {
      const [first] = client.sessions();
      if (!first) throw new Error('no session to work on');
      expect((await client.api.dispatch({ type: 'RenameSession', sessionId: first.id, title: 'Renamed while away' })).ok).toBe(true);
      expect((await client.api.dispatch({ type: 'OpenSession', title: 'Opened while away' })).ok).toBe(true);
      await runInNode(client, first.id, 'select 42 as answer, 7 as seven');
    } finally {
      client.close();
      await other.stop();
    }
  });

  // The page reconnects by itself and shows what the store now says.
  await expect(tabs(page)).toHaveText(['Renamed while away', 'Opened while away'], { timeout: 30_000 });
  // Opening a session shows it (the shown tab is an event too), so go back to the first one.
  await page.getByRole('tab', { name: 'Renamed while away' }).click();
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await expect(history(page).getByRole('listitem').first()).toContainText('select 42 as answer, 7 as seven');
  await expect(history(page).getByRole('listitem')).toHaveCount(2);
  const expected = await duckdbRows('select 42 as answer, 7 as seven');
  await expect(grid(page).getByRole('row').nth(1).getByRole('gridcell')).toHaveText(expected[0]!.map((v) => v ?? 'NULL'));
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // It resumed from its cursors: no snapshot, only the events it missed.
  const reconnected = record.sockets.at(-1)!;
  const resubscribes = subscribesOf(reconnected.sent);
  expect(resubscribes.map((s) => s.pattern).sort()).toEqual(['catalog', 'session/*']);
  for (const s of resubscribes) expect(s.afterSeq, `${s.pattern} resumes after a seq`).toBeGreaterThan(0);
  expect(reconnected.frames.filter((f) => f.kind === 'snapshot')).toEqual([]);
  const replayed = reconnected.frames.flatMap((f) => (f.kind === 'event' ? [f.event] : []));
  expect(replayed.map((e) => e.type)).toEqual(expect.arrayContaining(['SessionRenamed', 'SessionOpened', 'QueryStarted', 'ExecutionBegan', 'QueryCompleted']));
  const cursor = Math.min(...resubscribes.map((s) => s.afterSeq ?? 0));
  for (const e of replayed) expect(e.globalSeq).toBeGreaterThan(cursor);
});

test('a Run while the host is down says so, and the message goes once the page is connected again', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'restarting a host under an open page is the web host’s case');
  const { page } = app;
  await page.getByRole('textbox', { name: 'SQL editor' }).fill('select 1 as one');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
  await app.restartHost(async () => {
    await expect(page.getByRole('img', { name: 'Disconnected' })).toBeVisible();
    await page.getByRole('button', { name: 'Run' }).click();
    // said at once, not only when the wait for the connection gives up (5 s on)
    await expect(status(page)).toHaveText('Not connected to Sextant: the query is sent as soon as the connection is back…', { timeout: 2000 });
    await expect(status(page)).toContainText('Not connected to Sextant; reconnecting.', { timeout: 15_000 });
  });
  await expect(page.getByRole('img', { name: 'Connected' })).toBeVisible({ timeout: 30_000 });
  // connected again, the refusal is no longer true: the status says the result it shows
  await expect(status(page)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
});

test('a page opened on one session receives only that session’s events (and the catalog)', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'reads the page’s WebSocket frames; Electron windows use IPC');
  const { page } = app;
  await expect(tabs(page)).toHaveText(['Session 1']);
  const client = await nodeClient(page.url());
  try {
    const mine = client.sessions()[0]!;
    const opened = await client.api.dispatch({ type: 'OpenSession', title: 'Someone else’s' });
    const otherId = opened.ok ? opened.value.aggregateId : '';

    const second = await page.context().newPage();
    const record = recordSockets(second);
    await second.goto(`${page.url().split('#')[0]}&session=${encodeURIComponent(mine.id)}`);
    await expect(tabs(second)).toHaveText([mine.title]);

    // Work happens in both sessions, from the second page and from elsewhere.
    await runInNode(client, otherId, 'select 1 as other');
    await client.api.dispatch({ type: 'RenameSession', sessionId: otherId, title: 'Renamed elsewhere' });
    await second.getByRole('textbox', { name: 'SQL editor' }).fill('select 2 as mine');
    await second.getByRole('button', { name: 'Run' }).click();
    await expect(status(second)).toHaveText(/^1\u00a0row in [\d,]+\u00a0ms$/);
    await runInNode(client, mine.id, 'select 3 as also_mine');
    await expect(history(second).getByRole('listitem').first()).toContainText('select 3 as also_mine');
    await runInNode(client, otherId, 'select 4 as other_again');
    await expect(tabs(page)).toHaveText([mine.title, 'Renamed elsewhere']);

    const frames = record.sockets.flatMap((s) => s.frames);
    expect(record.sockets.flatMap((s) => subscribesOf(s.sent)).map((s) => s.pattern).sort()).toEqual(['catalog', `session/${mine.id}`]);
    const topics = new Set(frames.flatMap((f) => (f.kind === 'event' ? [f.event.topic] : f.kind === 'progress' ? [f.progress.topic] : [])));
    expect(topics).toContain(`session/${mine.id}`);
    for (const topic of topics) expect([`session/${mine.id}`, 'catalog']).toContain(topic);
    for (const f of frames) if (f.kind === 'snapshot') expect(Object.keys(f.state.sessions).filter((id) => id !== mine.id)).toEqual([]);
    expect(JSON.stringify(frames)).not.toContain(otherId);
    await expect(tabs(second)).toHaveText([mine.title]);
    await second.close();
  } finally {
    client.close();
  }
});
