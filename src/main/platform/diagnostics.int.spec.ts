import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { collectDiagnostics, diagnosticsText, recentErrors, type Diagnostics } from './diagnostics';
import { createLogger } from './logger';

const line = (o: Record<string, unknown>) => JSON.stringify(o);

describe('recent error ids from the log', () => {
  it('lists each id once, newest first, with its code and the first line of its message; skips what is not an error line', () => {
    const text = [
      line({ time: Date.UTC(2025, 0, 1, 10), level: 30, msg: 'core started' }),
      line({ time: Date.UTC(2025, 0, 1, 11), level: 50, errorId: 'id-1', code: 'SQL_ERROR', msg: 'Parser Error: syntax error at or near "selec"\nLINE 1: selec' }),
      'not json {',
      '{"truncated": ',
      line({ time: Date.UTC(2025, 0, 1, 12), level: 40, errorId: 'id-2', code: 'DATASET_MISSING', msg: 'No file at /x.csv' }),
      line({ time: Date.UTC(2025, 0, 1, 13), level: 50, errorId: 'id-1', code: 'SQL_ERROR', msg: 'logged again later' }),
      line({ level: 40, errorId: 42, msg: 'an id that is not a string' }),
    ].join('\n');
    expect(recentErrors(text)).toEqual([
      { errorId: 'id-1', time: '2025-01-01T13:00:00.000Z', code: 'SQL_ERROR', message: 'logged again later' },
      { errorId: 'id-2', time: '2025-01-01T12:00:00.000Z', code: 'DATASET_MISSING', message: 'No file at /x.csv' },
    ]);
    expect(recentErrors(text, 1).map((e) => e.errorId)).toEqual(['id-1']);
    expect(recentErrors('')).toEqual([]);
  });

  it('shortens a long message to one readable line', () => {
    const [e] = recentErrors(line({ errorId: 'x', msg: 'y'.repeat(5000) }));
    expect(e!.message!.length).toBeLessThanOrEqual(200);
  });
});

describe('the diagnostics text', () => {
  const base: Diagnostics = {
    versions: { app: '0.1.0', electron: '45.5.0', chrome: '140.0.7339.41', node: '22.19.0', platform: 'linux', arch: 'x64' },
    duckdb: 'v1.4.1',
    sqlite: '3.50.4',
    dataDir: '/home/ada/.config/Sextant',
    logDir: '/home/ada/.config/Sextant/logs',
    recentErrors: [{ errorId: '9b2f6c1e-0000-4000-8000-000000000001', time: '2025-01-01T13:00:00.000Z', code: 'SQL_ERROR', message: 'Parser Error' }],
  };

  it('says which app, runtime, engines, folders and recent error ids, one fact a line', () => {
    expect(diagnosticsText(base)).toBe(
      [
        'Sextant 0.1.0',
        'Electron 45.5.0 · Chrome 140.0.7339.41 · Node 22.19.0 · linux x64',
        'DuckDB v1.4.1 · SQLite 3.50.4',
        'Data folder: /home/ada/.config/Sextant',
        'Logs: /home/ada/.config/Sextant/logs',
        '',
        'Recent errors (newest first):',
        '  2025-01-01T13:00:00.000Z  9b2f6c1e-0000-4000-8000-000000000001  SQL_ERROR  Parser Error',
        '',
      ].join('\n'),
    );
  });

  it('without Electron or errors, says only what it knows', () => {
    const text = diagnosticsText({ ...base, versions: { app: '0.1.0', node: '20.19.0', platform: 'darwin', arch: 'arm64' }, recentErrors: [] });
    expect(text).toContain('\nNode 20.19.0 · darwin arm64\n');
    expect(text).not.toContain('Electron');
    expect(text).toContain('Recent errors: none in the log');
  });
});

describe('collecting diagnostics', () => {
  it('given an engine that cannot say its version, then it says so and still reports the rest', async () => {
    const dir = tempDir();
    try {
      const versions = { app: '0.1.0', node: process.versions.node, platform: process.platform, arch: process.arch };
      const d = await collectDiagnostics({ dataDir: dir.path, duckdbVersion: () => Promise.reject(new Error('worker gone')) }, versions);
      expect(d.duckdb).toBe('unavailable (worker gone)');
      expect(d.dataDir).toBe(dir.path);
      expect(d.recentErrors).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});

describe('collecting diagnostics from a running core', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  beforeEach(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path, { log: createLogger(dir.path, { sync: true }) });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('reports DuckDB’s and SQLite’s own versions and the id of a failure that just happened', async () => {
    const opened = await core.dispatch({ type: 'OpenSession' });
    const sessionId = opened.ok ? opened.value.aggregateId : '';
    const queryId = await startQuery(core, sessionId, 'select * from no_such_table');
    const failed = await queryEnd(core, sessionId, queryId);
    expect(failed.type).toBe('QueryFailed');
    const errorId = failed.type === 'QueryFailed' ? failed.payload.error.id : '';

    const d = await core.diagnostics({ app: '0.1.0', node: process.versions.node, platform: process.platform, arch: process.arch });

    const raw = await DuckDBInstance.create(':memory:');
    const connection = await raw.connect();
    const duckdbVersion = (await connection.runAndReadAll('select version()')).getRows()[0]![0];
    connection.closeSync();
    expect(d.duckdb).toBe(duckdbVersion);
    const sqlite = new Database(':memory:');
    expect(d.sqlite).toBe(sqlite.prepare('select sqlite_version()').pluck().get());
    sqlite.close();
    expect(d.dataDir).toBe(dir.path);
    expect(d.recentErrors[0]).toMatchObject({ errorId, code: 'SQL_ERROR' });
    expect(diagnosticsText(d)).toContain(errorId);
  });
});
