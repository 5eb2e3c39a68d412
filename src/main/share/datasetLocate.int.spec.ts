import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEnd, recordingClient, startQuery } from '../../../test/support/coreEvents';
import { exportedSessionReading } from '../../../test/support/sessionLogWriter';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import type { AppError, Result } from '../../shared/contracts/errors';
import type { ApiResponse } from '../../shared/contracts/protocol';
import type { MissingDataset } from '../../shared/contracts/sessionImport';

const CARS = join(process.cwd(), 'node_modules/vega-datasets/data/cars.json');

/**
 * "Locate…" after an import (docs/share.md, "Session import"): a session exported on one machine
 * read cars.json from a folder this machine lacks; the person points at the file where it is here.
 */
// One target core for the whole story: the refusals come before the match that relocates the dataset.
describe('locating an imported dataset’s file on this machine (real cores, real DuckDB)', { shuffle: false }, () => {
  const dirs: Array<ReturnType<typeof tempDir>> = [];
  let target: TestCore;
  let sessionId: string;
  let missing: MissingDataset;
  let files: string;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) dirs.push(tempDir('sextant-locate-'));
    files = join(dirs[0]!.path, 'files');
    mkdirSync(join(files, 'there'), { recursive: true });
    copyFileSync(CARS, join(files, 'there', 'cars.json'));
    const exported = await exportedSessionReading(dirs[0]!.path, join(files, 'there', 'cars.json'), 'SELECT count(*) AS n FROM cars');
    sessionId = exported.sessionId;
    // The file is elsewhere on the machine that imports the log.
    mkdirSync(join(files, 'here'));
    renameSync(join(files, 'there', 'cars.json'), join(files, 'here', 'cars.json'));
    target = await startTestCore(dirs[1]!.path);
    const imported = await target.imports.importText(exported.log);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.missingDatasets).toHaveLength(1);
    missing = imported.value.missingDatasets[0]!;
    expect(missing).toMatchObject({ name: 'cars', reason: 'not-found', source: join(files, 'there', 'cars.json') });
    await target.catalog.idle();
  }, 60_000);
  afterAll(async () => {
    await target?.close();
    for (const d of dirs) d.remove();
  });

  async function locate(path: string): Promise<Result<ApiResponse<'locateDataset'>>> {
    const { conn } = recordingClient(target);
    try {
      return (await conn.handle({ method: 'locateDataset', datasetId: missing.datasetId, file: { kind: 'path', path } })) as Result<ApiResponse<'locateDataset'>>;
    } finally {
      conn.close();
    }
  }

  /** A refusal changes nothing: no event is written and the dataset still names its recorded file. */
  async function refused(path: string): Promise<AppError> {
    const before = target.store.lastSeq();
    const result = await locate(path);
    if (result.ok) throw new Error('locating was not refused');
    expect(target.store.lastSeq()).toBe(before);
    expect(target.view().datasets[missing.datasetId]?.source).toBe(missing.source);
    expect(result.error.id).toMatch(/^[0-9a-f-]{36}$/);
    return result.error;
  }

  it('refuses a file whose content is not what the session read, saying so', async () => {
    const other = join(files, 'here', 'other-cars.json');
    const cars = JSON.parse(readFileSync(join(files, 'here', 'cars.json'), 'utf8')) as unknown[];
    writeFileSync(other, JSON.stringify(cars.slice(1)));
    const error = await refused(other);
    expect(error.code).toBe('DATASET_MISMATCH');
    expect(error.message).toMatch(/other-cars\.json is not the file “cars” was read from: its content differs from the fingerprint recorded when it was added \([\d,]+ bytes, SHA-256 [0-9a-f]{12}…\)\. Nothing was changed\./);
  });

  it('refuses a path that is not there, or not a full path', async () => {
    expect((await refused(join(files, 'nowhere.json'))).code).toBe('DATASET_MISSING');
    expect((await refused('cars.json')).code).toBe('INVALID_COMMAND');
  });

  it('registers the matching file under the recorded name: the imported session’s SQL reads it', async () => {
    const here = join(files, 'here', 'cars.json');
    const result = await locate(here);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.located).toEqual({ name: 'cars', source: here });
    expect(target.view().datasets[missing.datasetId]).toMatchObject({ name: 'cars', source: here, location: here, status: 'ready' });
    const queryId = await startQuery(target, sessionId, 'SELECT count(*) AS n FROM cars');
    const end = await queryEnd(target, sessionId, queryId);
    expect(end.type).toBe('QueryCompleted');
    const page = await target.runner.fetchPage(queryId, 0, 1);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.values[0]?.[0]).toBe('406');
  });
});

/**
 * The same file here under another name: the session's SQL says `cars`, the catalog here has it
 * as `autos`. The import registers `cars` reading the file `autos` reads, found by its content.
 */
describe('an imported dataset whose content this catalog holds under another name (real cores, real DuckDB)', () => {
  const dirs: Array<ReturnType<typeof tempDir>> = [];
  afterAll(() => {
    for (const d of dirs) d.remove();
  });

  it('is imported under its own name, reading the local file: the session’s SQL runs, nothing is listed', async () => {
    for (let i = 0; i < 2; i++) dirs.push(tempDir('sextant-rename-'));
    const there = join(dirs[0]!.path, 'cars.json');
    const here = join(dirs[1]!.path, 'autos.json');
    copyFileSync(CARS, there);
    const { log, sessionId } = await exportedSessionReading(dirs[0]!.path, there, 'SELECT count(*) AS n FROM cars');
    // This machine has the same bytes under another name, and not the exporting machine's file.
    renameSync(there, here);
    const target = await startTestCore(join(dirs[1]!.path, 'data'));
    try {
      expect((await target.dispatch({ type: 'AddDataset', source: here })).ok).toBe(true);
      await target.catalog.idle();
      const imported = await target.imports.importText(log);
      if (!imported.ok) throw new Error(imported.error.message);
      // said in the outcome, so the window's notice names the file the session's SQL now reads
      expect(imported.value).toMatchObject({ matchedDatasets: 1, missingDatasets: [], relocatedDatasets: [{ name: 'cars', source: there, path: here }] });
      await target.catalog.idle();
      const names = Object.values(target.view().datasets).map((d) => [d.name, d.source, d.status]);
      expect(names).toEqual(expect.arrayContaining([['autos', here, 'ready'], ['cars', here, 'ready']]));
      const queryId = await startQuery(target, sessionId, 'SELECT count(*) AS n FROM cars');
      expect((await queryEnd(target, sessionId, queryId)).type).toBe('QueryCompleted');
      const page = await target.runner.fetchPage(queryId, 0, 1);
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value.values[0]?.[0]).toBe('406');
    } finally {
      await target.close();
    }
  }, 60_000);
});
