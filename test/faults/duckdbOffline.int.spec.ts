import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessions } from '../../src/shared/views/appView';
import { queryEnd, startQuery } from '../support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../support/testCore';

/**
 * DuckDB installs and loads a known extension the first time SQL needs it; for an http(s) path that
 * is httpfs, fetched from the internet, and then the path itself. Sextant downloads URL datasets
 * itself, so the app's DuckDB must never reach the network on its own: not for a path a person
 * types, and not for a dataset location an imported session's log names.
 */
describe("the app's DuckDB stays offline (a real core)", () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  beforeAll(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path);
  });
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('neither installs nor loads an extension by itself', async () => {
    expect(await core.queryWorker.request({ type: 'read', sql: "select current_setting('autoinstall_known_extensions') as install, current_setting('autoload_known_extensions') as load" })).toEqual([
      { install: false, load: false },
    ]);
  });

  it('refuses an http path at once, saying which extension it would need, instead of fetching it', async () => {
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const queryId = await startQuery(core, sessionId, "select * from read_csv('http://127.0.0.1:9/data.csv')");
    const end = await queryEnd(core, sessionId, queryId);
    expect(end.type).toBe('QueryFailed');
    if (end.type !== 'QueryFailed') return;
    expect(end.payload.error.code).toBe('SQL_ERROR');
    expect(end.payload.error.message).toMatch(/requires the extension httpfs to be loaded/);
  });
});
