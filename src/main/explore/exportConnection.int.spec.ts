import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contracts/errors';
import type { ExportProgress } from '../../shared/contracts/frames';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { fakeRenderer, tempDir, type TestCore } from '../../../test/support/testCore';
import { useTestSession } from '../../../test/support/useTestSession';
import { startWebHost, type WebHost } from '../webHost/webHost';

/** Big enough that a JSON export runs for a while on a small machine: a page can go away during it. */
const BIG_SQL = `select range as n, repeat('export ', 8) || range as s from range(6000000)`;

/**
 * A page's exports live as long as its connection (docs/explore.md, "Exporting from the app"): a
 * reload or a closed page cancels what runs and deletes what waits to be fetched, and the history
 * says "downloaded" only of a file the web host sent whole. Real core, real DuckDB, real web host.
 */
describe('exports of a connection that goes away', () => {
  const app = useTestSession('all');
  let core: TestCore;
  let sessionId: string;
  let small: string;
  let big: string;
  let host: WebHost;
  let dir: ReturnType<typeof tempDir>;
  const frames: ExportProgress[] = [];
  beforeAll(async () => {
    core = app.core();
    sessionId = app.sessionId();
    ({ queryId: small } = await app.run('select range as n from range(1000)'));
    ({ queryId: big } = await app.run(BIG_SQL));
    core.bus.subscribe((m) => m.kind === 'progress' && m.progress.kind === 'export' && frames.push(m.progress));
    dir = tempDir();
    host = await startWebHost(core, { port: 0, staticDir: fakeRenderer(dir.path) });
  }, 120_000);
  afterAll(async () => {
    await host.close();
    dir.remove();
  });

  const exportsDir = () => join(core.dataDir, 'exports');
  const leftInExportsDir = () => (existsSync(exportsDir()) ? readdirSync(exportsDir()) : []);
  const exportedEvents = () => core.store.readAggregate('QuerySession', sessionId).filter((e) => e.type === 'ResultExported');

  async function startDownload(client: ProtocolClient, queryId: string): Promise<string> {
    const started = (await client.request({ method: 'startExport', sessionId, queryId, format: 'json', target: { kind: 'download' } })) as Result<{ exportId?: string }>;
    if (!started.ok || started.value.exportId === undefined) throw new Error(`not started: ${JSON.stringify(started)}`);
    return started.value.exportId;
  }

  it('a page that goes away while its export is written: the COPY is cancelled, no file is left, nothing is recorded', async () => {
    const before = exportedEvents().length;
    const client = new ProtocolClient((channel) => core.connect(channel));
    const exportId = await startDownload(client, big);
    await expect.poll(() => frames.some((f) => f.exportId === exportId && f.bytesWritten > 0), { timeout: 60_000 }).toBe(true);
    client.transport.drop(); // the page reloads
    expect(await core.exports.outcome(exportId)).toMatchObject({ ok: false, error: { code: 'INTERRUPTED' } });
    expect(leftInExportsDir()).toEqual([]);
    expect(core.downloads.take(exportId)).toBeUndefined();
    expect(exportedEvents().length).toBe(before);
    expect(core.view().sessions[sessionId]?.history.find((h) => h.queryId === big)?.exports).toBeUndefined();
  }, 180_000);

  it('a finished download its page never fetched is deleted when the page goes away, and nothing is recorded', async () => {
    const before = exportedEvents().length;
    const client = new ProtocolClient((channel) => core.connect(channel));
    const exportId = await startDownload(client, small);
    expect(await core.exports.outcome(exportId)).toMatchObject({ ok: true, value: { target: 'download' } });
    expect(leftInExportsDir()).toEqual([`${exportId}.json`]);
    // written, not downloaded: nothing is said of it yet
    expect(exportedEvents().length).toBe(before);
    client.transport.drop();
    await expect.poll(leftInExportsDir).toEqual([]);
    expect((await fetch(new URL(`/exports/${exportId}?token=${host.token}`, host.url))).status).toBe(404);
    expect(exportedEvents().length).toBe(before);
  });

  it('an export whose page went away before it answered is abandoned all the same: no file is left, nothing is recorded', async () => {
    const before = exportedEvents().length;
    const closers: (() => void)[] = [];
    const connection = core.connect({ send: () => undefined, backlogBytes: () => 0, onMessage: () => undefined, onClose: (l) => void closers.push(l) });
    const answer = connection.handle({ method: 'startExport', sessionId, queryId: small, format: 'json', target: { kind: 'download' } }) as Promise<Result<{ exportId?: string }>>;
    closers.forEach((close) => close()); // the page reloads while main places the export
    const started = await answer;
    if (!started.ok || started.value.exportId === undefined) throw new Error(`not started: ${JSON.stringify(started)}`);
    const { exportId } = started.value;
    await core.exports.outcome(exportId);
    await expect.poll(() => leftInExportsDir().filter((f) => f.startsWith(exportId))).toEqual([]);
    expect(core.downloads.take(exportId)).toBeUndefined();
    expect(exportedEvents().length).toBe(before);
  });

  it('a download is recorded once the web host has sent it whole, as downloaded', async () => {
    const before = exportedEvents().length;
    const client = new ProtocolClient((channel) => core.connect(channel));
    const exportId = await startDownload(client, small);
    const outcome = await core.exports.outcome(exportId);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(exportedEvents().length).toBe(before);
    const response = await fetch(new URL(`/exports/${exportId}?token=${host.token}`, host.url));
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toHaveLength(1000);
    await expect.poll(() => exportedEvents().length).toBe(before + 1);
    expect(exportedEvents().at(-1)).toMatchObject({ payload: { queryId: small, format: 'json', target: 'download', rows: 1000, bytes: outcome.value.bytes } });
    client.transport.drop();
  });
});
