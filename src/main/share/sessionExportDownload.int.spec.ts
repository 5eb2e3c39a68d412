import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contracts/errors';
import type { ApiResponse } from '../../shared/contracts/protocol';
import { ExportDownloads } from '../explore/exportDownloads';
import type { ServerChannel } from '../transports/serverChannel';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { fakeRenderer, startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { useTestSession } from '../../../test/support/useTestSession';
import { startWebHost, type WebHost } from '../webHost/webHost';

type Exported = Result<ApiResponse<'exportSession'>>;

const leftIn = (dataDir: string): string[] => (existsSync(join(dataDir, 'exports')) ? readdirSync(join(dataDir, 'exports')) : []);

/** A connection main serves whose page goes away when the test says (`close`), answers unread. */
function closableChannel(): { channel: ServerChannel; close: () => void } {
  const listeners: (() => void)[] = [];
  const channel: ServerChannel = { send: () => undefined, backlogBytes: () => 0, onMessage: () => undefined, onClose: (l) => void listeners.push(l) };
  return { channel, close: () => listeners.forEach((l) => l()) };
}

function downloadId(answer: Exported): string {
  if (!answer.ok || !answer.value.outcome?.download) throw new Error(`no download: ${JSON.stringify(answer)}`);
  return answer.value.outcome.exportId;
}

/**
 * A session's export as a browser's download (docs/share.md, "Session export") is deleted once
 * fetched, when the page that asked for it goes away unfetched (also while it is still written),
 * and when Sextant stops. Real core, real files in a temp data dir, real web host.
 */
describe('a session export’s download', () => {
  const app = useTestSession('all');
  let core: TestCore;
  let sessionId: string;
  let host: WebHost;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    core = app.core();
    sessionId = app.sessionId();
    await app.run('select range as n from range(10)');
    dir = tempDir();
    host = await startWebHost(core, { port: 0, staticDir: fakeRenderer(dir.path) });
  });
  afterAll(async () => {
    await host.close();
    dir.remove();
  });

  const request = { method: 'exportSession', format: 'sql', target: { kind: 'download' } } as const;
  const fetchDownload = (exportId: string) => fetch(new URL(`/exports/${exportId}?token=${host.token}`, host.url));

  it('is sent once and then deleted', async () => {
    const client = new ProtocolClient((channel) => core.connect(channel));
    const exportId = downloadId((await client.request({ ...request, sessionId })) as Exported);
    expect(leftIn(core.dataDir)).toEqual([`${exportId}.sql`]);
    const response = await fetchDownload(exportId);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('select range as n from range(10)');
    await expect.poll(() => leftIn(core.dataDir)).toEqual([]);
    expect((await fetchDownload(exportId)).status).toBe(404);
    client.transport.drop();
  });

  it('never fetched is deleted when the page that asked for it goes away, and its URL answers 404', async () => {
    const client = new ProtocolClient((channel) => core.connect(channel));
    const exportId = downloadId((await client.request({ ...request, sessionId })) as Exported);
    expect(leftIn(core.dataDir)).toEqual([`${exportId}.sql`]);
    client.transport.drop(); // the page reloads
    await expect.poll(() => leftIn(core.dataDir).filter((f) => f.startsWith(exportId))).toEqual([]);
    expect((await fetchDownload(exportId)).status).toBe(404);
  });

  it('finished after its page went away is deleted at once: nobody is left to fetch it', async () => {
    const page = closableChannel();
    const connection = core.connect(page.channel);
    const answer = connection.handle({ ...request, sessionId }) as Promise<Exported>;
    page.close(); // before the file is written: its answer comes to a connection that is gone
    const exportId = downloadId(await answer);
    await expect.poll(() => leftIn(core.dataDir).filter((f) => f.startsWith(exportId))).toEqual([]);
    expect(core.downloads.take(exportId)).toBeUndefined();
  });
});

describe('downloads when Sextant stops', () => {
  it('a waiting download is deleted as the core closes', async () => {
    const dataDir = tempDir();
    try {
      const core = await startTestCore(dataDir.path);
      const sessionId = Object.keys(core.view().sessions)[0]!;
      const waiting = downloadId(await core.sessionExports.export(sessionId, 'eventLog', { kind: 'download' }));
      expect(leftIn(core.dataDir)).toEqual([`${waiting}.sextant.ndjson`]);
      await core.close();
      expect(leftIn(core.dataDir)).toEqual([]);
    } finally {
      dataDir.remove();
    }
  });

  it('one finished after the waiting ones were deleted (an export still writing as Sextant stops) is deleted at once', async () => {
    const dir = tempDir();
    try {
      const downloads = new ExportDownloads();
      await downloads.close();
      const path = join(dir.path, 'late.sql');
      writeFileSync(path, 'select 1;\n');
      downloads.add({ exportId: 'late', path, fileName: 'late.sql', format: 'sql' });
      expect(existsSync(path)).toBe(false);
      expect(downloads.take('late')).toBeUndefined();
    } finally {
      dir.remove();
    }
  });
});
