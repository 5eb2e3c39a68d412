import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import type { Result } from '../../shared/contracts/errors';

/** The first 16 bytes of a SQLite file: what an export renamed over it would replace. */
const SQLITE_HEADER = 'SQLite format 3\0';

// The save dialog lets a person (or a page that talks them into it) pick any path, the data folder
// included: an export renamed over events.sqlite replaced the whole event log with a CSV.
describe('an export never lands in Sextant’s own data folder', { shuffle: false }, () => {
  const dir = tempDir();
  const elsewhere = tempDir();
  let core: TestCore;
  let sessionId: string;
  let queryId: string;

  beforeAll(async () => {
    core = await startTestCore(dir.path);
    const opened = await core.dispatch({ type: 'OpenSession' });
    if (!opened.ok) throw new Error(opened.error.message);
    sessionId = opened.value.aggregateId;
    queryId = await startQuery(core, sessionId, 'SELECT 1 AS a');
    await queryEnd(core, sessionId, queryId);
    symlinkSync(dir.path, link);
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
    elsewhere.remove();
  });

  const store = join(dir.path, 'events.sqlite');
  // A folder elsewhere that is a link into the data folder reaches it too.
  const link = join(elsewhere.path, 'innocent');
  const targets = (): string[] => [store, join(dir.path, 'checkpoints.sqlite'), join(dir.path, 'logs', 'sextant.log'), join(dir.path, 'duckdb', 'x.csv'), join(link, 'events.sqlite')];

  async function refused(result: Promise<Result<unknown>>): Promise<void> {
    const r = await result;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('EXPORT_NOT_WRITABLE');
      expect(r.error.message).toContain('data folder');
      expect(r.error.id).not.toBe('');
    }
  }

  it('a result export to the event store, a checkpoint, a log or DuckDB’s folder is refused, and the store is untouched', async () => {
    for (const path of targets()) {
      const started = await core.exports.start({ sessionId, queryId, format: 'csv' }, { kind: 'saveDialog' }, () => Promise.resolve(path));
      await refused(started.ok && started.value.exportId ? core.exports.outcome(started.value.exportId) : Promise.resolve(started));
      expect(readFileSync(store).subarray(0, 16).toString('latin1'), path).toBe(SQLITE_HEADER);
    }
    // Still serving, and a folder outside it is fine.
    const out = join(elsewhere.path, 'out');
    mkdirSync(out);
    const started = await core.exports.start({ sessionId, queryId, format: 'csv' }, { kind: 'saveDialog' }, () => Promise.resolve(join(out, 'a.csv')));
    expect(started.ok && started.value.exportId && (await core.exports.outcome(started.value.exportId)).ok).toBe(true);
  });

  it('so is a session export', async () => {
    for (const path of [store, join(link, 'events.sqlite')]) {
      await refused(core.sessionExports.export(sessionId, 'eventLog', { kind: 'saveDialog' }, () => Promise.resolve(path)));
      expect(readFileSync(store).subarray(0, 16).toString('latin1')).toBe(SQLITE_HEADER);
    }
  });
});
