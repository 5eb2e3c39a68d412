import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEnd, recordingClient, startQuery } from '../../../test/support/coreEvents';
import { writeSessionLog } from '../../../test/support/sessionLogWriter';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import type { AppError, Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { ImportOutcome } from '../../shared/contracts/sessionImport';
import { IMPORT_CHUNK_CHARS } from '../../shared/contracts/sessionImport';

const CARS = join(process.cwd(), 'node_modules/vega-datasets/data/cars.json');

/** The events of one aggregate as an import must keep them: everything but the global seq. */
const kept = (events: readonly EventEnvelope[]) => events.map(({ globalSeq: _g, ...rest }) => rest);

// One target core for the whole story: after the import, importing again (as text or upload) finds it there.
describe('session import', { shuffle: false }, () => {
  const dirs: Array<ReturnType<typeof tempDir>> = [];
  let source: TestCore;
  let target: TestCore;
  let sessionId: string;
  let log: string;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) dirs.push(tempDir('sextant-import-'));
    source = await startTestCore(dirs[0]!.path);
    target = await startTestCore(dirs[1]!.path);
    const opened = await source.dispatch({ type: 'OpenSession' });
    if (!opened.ok) throw new Error(opened.error.message);
    sessionId = opened.value.aggregateId;
    const added = await source.dispatch({ type: 'AddDataset', source: CARS });
    if (!added.ok) throw new Error(added.error.message);
    await source.catalog.idle();
    for (const sql of ['SELECT count(*) AS n FROM cars', 'SELECT "Origin", count(*) AS n FROM cars GROUP BY 1 ORDER BY 1']) {
      await queryEnd(source, sessionId, await startQuery(source, sessionId, sql));
    }
    await source.dispatch({ type: 'RenameSession', sessionId, title: 'Cars “by origin”' });
    log = await writeSessionLog(source.store, sessionId);
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
    for (const d of dirs) d.remove();
  });

  const importText = (text: string): Promise<Result<ImportOutcome>> => target.imports.importText(text);

  /** Each refusal writes nothing: the log holds exactly what it held. */
  async function refused(text: string): Promise<AppError> {
    const count = () => target.store.readAfter(0, 1_000_000).length;
    const before = count();
    const result = await importText(text);
    expect(count()).toBe(before);
    if (result.ok) throw new Error('the import was not refused');
    expect(result.error.id).not.toBe('');
    return result.error;
  }

  it('refuses a file that is not a session log', async () => {
    expect((await refused('name,age\nann,3\n')).code).toBe('IMPORT_FOREIGN');
    expect((await refused('{"format":"other","version":1}\n')).code).toBe('IMPORT_FOREIGN');
    expect((await refused('')).code).toBe('IMPORT_FOREIGN');
  });

  it('refuses a newer format, naming the version', async () => {
    const [, ...rest] = log.split('\n');
    const header = { ...JSON.parse(log.split('\n')[0]!), version: 99 };
    const error = await refused([JSON.stringify(header), ...rest].join('\n'));
    expect(error.code).toBe('IMPORT_TOO_NEW');
    expect(error.message).toContain('99');
  });

  it('refuses a truncated file: fewer lines than the header announces, or a last line cut mid-way', async () => {
    const lines = log.split('\n').slice(0, -1);
    expect((await refused(lines.slice(0, -2).join('\n') + '\n')).code).toBe('IMPORT_TRUNCATED');
    const cut = log.slice(0, log.length - 40);
    expect((await refused(cut)).code).toBe('IMPORT_TRUNCATED');
  });

  it('refuses a malformed line anywhere, even the last, and names it', async () => {
    const lines = log.split('\n').slice(0, -1);
    const bad = [...lines];
    bad[bad.length - 1] = JSON.stringify({ ...JSON.parse(bad[bad.length - 1]!), aggregateSeq: -1 });
    const error = await refused(bad.join('\n') + '\n');
    expect(error.code).toBe('IMPORT_MALFORMED');
    expect(error.details?.['line']).toBe(lines.length);
    const foreignSession = [...lines];
    foreignSession[lines.length - 1] = JSON.stringify({ ...JSON.parse(lines[lines.length - 1]!), aggregateId: 'another' });
    expect((await refused(foreignSession.join('\n') + '\n')).code).toBe('IMPORT_MALFORMED');
  });

  it('refuses a valid log holding an event over the store’s size limit, as an append is refused', async () => {
    const lines = log.split('\n');
    const at = lines.findIndex((l) => l.includes('"SessionRenamed"'));
    const renamed = JSON.parse(lines[at]!);
    lines[at] = JSON.stringify({ ...renamed, payload: { title: 'x'.repeat(5_000_000) } });
    const error = await refused(lines.join('\n'));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/^A SessionRenamed event of 5,000,012 characters was refused \(limit 1,048,576\); nothing was imported\.$/);
  });

  it('appends the session under new global seqs keeping ids, aggregate seqs, times and metadata; the view folds its history', async () => {
    const before = target.store.lastSeq();
    const result = await importText(log);
    if (!result.ok) throw new Error(result.error.message);
    const original = source.store.readAggregate('QuerySession', sessionId);
    expect(result.value).toMatchObject({ sessionId, title: 'Cars “by origin”', alreadyImported: false, missingDatasets: [] });
    // Every line after the header was new here: the count its export reported, all appended.
    const lines = log.trimEnd().split('\n').length - 1;
    expect(result.value).toMatchObject({ fileEvents: lines, appended: lines, reusedDatasets: 0 });
    const imported = target.store.readAggregate('QuerySession', sessionId);
    expect(kept(imported)).toEqual(kept(original));
    expect(imported.map((e) => e.globalSeq).every((s) => s > before)).toBe(true);
    const history = (id: string, core: TestCore) => core.view().sessions[id]!.history.map((h) => [h.sql, h.phase, h.rowCount]);
    expect(history(sessionId, target)).toEqual(history(sessionId, source));
    expect(target.view().sessions[sessionId]!.title).toBe('Cars “by origin”');
    // The dataset came along, under its name, queryable here; nothing re-ran the imported queries.
    await target.catalog.idle();
    expect(Object.values(target.view().datasets).map((d) => [d.name, d.status])).toEqual([['cars', 'ready']]);
    expect(imported.filter((e) => e.type === 'QueryStarted')).toHaveLength(2);
    const rerun = await startQuery(target, sessionId, 'SELECT count(*) AS n FROM cars');
    expect((await queryEnd(target, sessionId, rerun)).type).toBe('QueryCompleted');
  }, 30_000);

  it('importing the same file again adds nothing and says so', async () => {
    const before = target.store.lastSeq();
    const again = await importText(log);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toMatchObject({ sessionId, appended: 0, alreadyImported: true, importedBefore: true, reusedDatasets: 1 });
    expect(again.value.fileEvents).toBeGreaterThan(0);
    expect(target.store.lastSeq()).toBe(before);
  });

  it('a session exported and imported back into the log it was made in adds nothing, and says it was made there, not imported', async () => {
    const before = source.store.lastSeq();
    const back = await source.imports.importText(log);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value).toMatchObject({ sessionId, appended: 0, alreadyImported: true, importedBefore: false });
    expect(source.store.lastSeq()).toBe(before);
  });

  it('refuses a file whose events claim the ids of another session’s events here (its session id changed, its event ids kept), writing nothing', async () => {
    const renamed = '01a2441f-0000-7000-8000-00000000beef';
    const lines = log.split('\n').slice(0, -1);
    const edited = lines.map((l, i) => {
      const json = JSON.parse(l);
      if (i === 0) return JSON.stringify({ ...json, sessionId: renamed });
      return JSON.stringify(json.aggregateType === 'QuerySession' ? { ...json, aggregateId: renamed, topic: `session/${renamed}` } : json);
    });
    const error = await refused(edited.join('\n') + '\n');
    expect(error.code).toBe('IMPORT_CONFLICT');
    expect(error.message).toMatch(/^The file’s events claim ids that belong to other events here \(event \S+ is SessionOpened 1 of QuerySession \S+ here, SessionOpened 1 of QuerySession 01a2441f-0000-7000-8000-00000000beef in the file\); nothing was imported\.$/);
    expect(target.store.readAggregate('QuerySession', renamed)).toEqual([]);
    expect(target.view().sessions[renamed]).toBeUndefined();
  });

  it('refuses a different history under the same session id, writing nothing', async () => {
    const lines = log.split('\n').slice(0, -1);
    const other = lines.map((l, i) => (i === 0 ? l : JSON.stringify({ ...JSON.parse(l), eventId: `other-${i}` })));
    expect((await refused(other.join('\n') + '\n')).code).toBe('IMPORT_CONFLICT');
  });

  it('says where a file with one event edited parts from the session here, by its tab’s title', async () => {
    const lines = log.split('\n').slice(0, -1);
    const edited = lines.map((l, i) => {
      const json = JSON.parse(l);
      return i > 0 && json.aggregateType === 'QuerySession' && json.aggregateSeq === 2 ? JSON.stringify({ ...json, eventId: '0190a0a0-0000-7000-8000-00000000e0e0' }) : l;
    });
    const here = target.store.aggregateVersion('QuerySession', sessionId);
    const error = await refused(edited.join('\n') + '\n');
    expect(error.message.replaceAll(/[\u2068\u2069]/g, '')).toBe(`“${target.view().sessions[sessionId]!.title}” here and in the file part ways after its event 1 (this log holds ${here - 1} events from there: a query run, a rename, a close…), so the file cannot continue it. Nothing was imported.`);
  });

  it('takes an upload in chunks over the API, and refuses chunks out of order', async () => {
    const { conn } = recordingClient(target);
    // Blanks after the header's JSON make the file longer than one chunk; the lines are unchanged.
    const [header, ...rest] = log.split('\n');
    const text = [header + ' '.repeat(IMPORT_CHUNK_CHARS), ...rest].join('\n');
    const chunks = Math.ceil(text.length / IMPORT_CHUNK_CHARS);
    expect(chunks).toBeGreaterThan(1);
    for (let i = 0; i < chunks; i++) {
      const sent = await conn.handle({ method: 'importChunk', uploadId: 'u1', index: i, text: text.slice(i * IMPORT_CHUNK_CHARS, (i + 1) * IMPORT_CHUNK_CHARS) });
      expect(sent.ok).toBe(true);
    }
    const done = (await conn.handle({ method: 'importSession', source: { kind: 'upload', uploadId: 'u1' } })) as Result<{ outcome: ImportOutcome }>;
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.outcome).toMatchObject({ sessionId, alreadyImported: true });
    expect((await conn.handle({ method: 'importChunk', uploadId: 'u2', index: 1, text: 'x' })).ok).toBe(false);
    const none = await conn.handle({ method: 'importSession', source: { kind: 'openDialog' } });
    expect(none.ok).toBe(false);
    conn.close();
  });
});

describe('importing a later export of a session whose dataset both machines changed', () => {
  it('imports the session’s new events and keeps the dataset as it is here', async () => {
    const dirs = [tempDir('sextant-import-'), tempDir('sextant-import-')];
    const [source, target] = [await startTestCore(dirs[0]!.path), await startTestCore(dirs[1]!.path)];
    try {
      const opened = await source.dispatch({ type: 'OpenSession' });
      if (!opened.ok) throw new Error(opened.error.message);
      const sessionId = opened.value.aggregateId;
      await source.dispatch({ type: 'AddDataset', source: CARS });
      await source.catalog.idle();
      await queryEnd(source, sessionId, await startQuery(source, sessionId, 'SELECT count(*) AS n FROM cars'));
      const first = await target.imports.importText(await writeSessionLog(source.store, sessionId));
      if (!first.ok) throw new Error(first.error.message);
      const datasetId = Object.values(source.view().datasets).find((d) => d.name === 'cars')!.id;
      // each machine records events of its own on the dataset: a removal, taken back
      for (const core of [source, target]) {
        const removed = await core.dispatch({ type: 'RemoveDataset', datasetId });
        if (!removed.ok) throw new Error(removed.error.message);
        const undone = await core.dispatch({ type: 'Undo', aggregateType: 'Dataset', aggregateId: datasetId, seq: core.store.aggregateVersion('Dataset', datasetId) });
        if (!undone.ok) throw new Error(undone.error.message);
      }
      const here = target.store.readAggregate('Dataset', datasetId).map((e) => e.eventId);
      await queryEnd(source, sessionId, await startQuery(source, sessionId, 'SELECT 1 AS later'));
      const laterLog = await writeSessionLog(source.store, sessionId);
      const sessionHere = new Set(target.store.readAggregate('QuerySession', sessionId).map((e) => e.eventId));
      const broughtBefore = laterLog.split('\n').slice(1, -1).filter((line) => sessionHere.has((JSON.parse(line) as { eventId: string }).eventId)).length;
      const later = await target.imports.importText(laterLog);
      if (!later.ok) throw new Error(later.error.message);
      // every event the first import brought is counted as here already, for the window to say
      expect(later.value).toMatchObject({ sessionId, alreadyImported: false, reusedDatasets: 1, hereAlready: broughtBefore });
      expect(broughtBefore).toBeGreaterThan(0);
      expect(target.view().sessions[sessionId]?.history.at(-1)?.sql).toBe('SELECT 1 AS later');
      expect(target.store.readAggregate('Dataset', datasetId).map((e) => e.eventId)).toEqual(here);
    } finally {
      await source.close();
      await target.close();
      for (const d of dirs) d.remove();
    }
  }, 60_000);
});
