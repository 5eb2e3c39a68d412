import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorException } from '../../shared/contracts/errors';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { download } from './download';

/** Every file under `dir`, the event store and its WAL among them. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

const CREDENTIALS_REFUSAL =
  'Sextant does not open a web address with a user name and password in it (user:password@): it would keep the password in its history and send it with every download. Download the file yourself (your browser asks for the password), then add the downloaded file.';

/**
 * A URL with `user:password@` (docs/query-engine.md, "URLs"): refused before anything is recorded
 * or asked, in words, with an error id; the password is neither stored, logged, shown nor sent.
 */
describe('a URL with a user name and password (real core, real server on loopback)', () => {
  const dir = tempDir('sextant-url-credentials-');
  const logged = recordingLogger('info');
  const asked: string[] = [];
  let server: Server;
  let base: string;
  let core: TestCore;
  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.push(`${req.url ?? ''} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    core = await startTestCore(join(dir.path, 'data'), { log: logged.log });
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    dir.remove();
  });

  it('given user:password@ in an added URL, then the Add is refused in words with an error id, and nothing holds the password', async () => {
    const ack = await core.dispatch({ type: 'AddDataset', source: `${base.replace('//', '//ana:hunter2@')}/data.csv?token=secret` });
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error).toMatchObject({ code: 'DATASET_UNSUPPORTED', message: CREDENTIALS_REFUSAL });
    expect(ack.error.id).toMatch(/\S/);
    expect(Object.keys(core.projections.current.view.datasets)).toEqual([]);
    await core.catalog.idle();
    expect(asked).toEqual([]);
    await core.close();
    for (const file of filesUnder(join(dir.path, 'data'))) expect(readFileSync(file).includes('hunter2'), file).toBe(false);
    expect(logged.errors.join('\n')).not.toContain('hunter2');
    expect(logged.errors.some((l) => l.includes(ack.error.id))).toBe(true);
  });

  it('given user:password@ in a URL already recorded (a log from before), then its download is refused before any request, in the same words', async () => {
    const cache = join(dir.path, 'cache');
    const error = await download(`${base.replace('//', "//ana:it's hunter2@")}/old.csv`, cache).then(
      () => expect.unreachable('downloaded'),
      (e: unknown) => (expect(e).toBeInstanceOf(AppErrorException), (e as AppErrorException).error),
    );
    expect(error).toMatchObject({ code: 'DATASET_UNSUPPORTED', message: CREDENTIALS_REFUSAL });
    expect(asked).toEqual([]);
  });
});
