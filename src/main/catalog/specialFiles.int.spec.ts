import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { writeSessionLog } from '../../../test/support/sessionLogWriter';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { toAppError } from '../../shared/contracts/errors';

/** `work`, or 'hung' when it has not settled in `ms`: a hang must fail the test, not time it out. */
const within = <T>(work: Promise<T>, ms = 5000): Promise<T | 'hung'> =>
  Promise.race([work, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref())]);

// Opening a FIFO for reading blocks until something writes to it, and /dev/zero never ends: DuckDB's
// reader (and a hash of the file) would hold the worker's admin connection, or a thread, forever.
describe.skipIf(process.platform === 'win32')('a dataset location that is a pipe or a device', { shuffle: false }, () => {
  const dirs = [tempDir(), tempDir(), tempDir()];
  let source: TestCore;
  let target: TestCore;
  let fifo: string;
  let log: string;

  beforeAll(async () => {
    const csv = join(dirs[2]!.path, 'hostile.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    fifo = join(dirs[2]!.path, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    source = await startTestCore(dirs[0]!.path);
    const opened = await source.dispatch({ type: 'OpenSession' });
    if (!opened.ok) throw new Error(opened.error.message);
    const sessionId = opened.value.aggregateId;
    await source.dispatch({ type: 'AddDataset', source: csv });
    await source.catalog.idle();
    await queryEnd(source, sessionId, await startQuery(source, sessionId, 'SELECT * FROM hostile'));
    // A hostile log: the dataset's recorded path now names the FIFO (it exists here, so it is imported as is).
    log = (await writeSessionLog(source.store, sessionId)).replaceAll(JSON.stringify(csv).slice(1, -1), fifo);
    target = await startTestCore(dirs[1]!.path);
  }, 60_000);
  afterAll(async () => {
    await within(source.close());
    await within(target.close());
    for (const d of dirs) d.remove();
  });

  it('an imported session whose dataset names a FIFO imports, and the catalog does not hang on it', async () => {
    const imported = await target.imports.importText(log);
    expect(imported.ok).toBe(true);
    expect(await within(target.catalog.idle())).not.toBe('hung');
    // The DuckDB worker's admin connection still answers: another dataset can be added.
    const csv = join(dirs[2]!.path, 'fine.csv');
    writeFileSync(csv, 'x\n1\n');
    await target.dispatch({ type: 'AddDataset', source: csv });
    expect(await within(target.catalog.idle())).not.toBe('hung');
    expect(Object.values(target.view().datasets).find((d) => d.source === csv)?.status).toBe('ready');
  });

  it('the worker refuses to register or fingerprint a FIFO or a device, with a message that says why', async () => {
    for (const location of [fifo, '/dev/zero']) {
      for (const spec of [
        { kind: 'view', name: 'p', format: 'csv', location },
        { kind: 'attach', name: 'p', location },
      ] as const) {
        const refused = await within(target.queryWorker.request({ type: 'register', spec }).then(() => 'registered', (e: unknown) => toAppError(e, 'x')));
        expect(refused, `${spec.kind} ${location}`).toMatchObject({ code: 'DATASET_UNSUPPORTED', message: expect.stringContaining('not a regular file') as unknown });
      }
      const hashed = await within(target.queryWorker.fingerprint({ path: location, parquet: false, content: true }).then(() => 'hashed', (e: unknown) => toAppError(e, 'x')));
      expect(hashed, `fingerprint ${location}`).toMatchObject({ code: 'DATASET_UNSUPPORTED' });
    }
  });

  it('the core still closes', async () => {
    expect(await within(target.close(), 10_000)).not.toBe('hung');
  });
});
