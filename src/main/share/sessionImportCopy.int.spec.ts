import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEnd, recordingClient, startQuery } from '../../../test/support/coreEvents';
import { writeSessionLog } from '../../../test/support/sessionLogWriter';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import type { AppError, Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import { COPY_UPLOAD_DETAIL, type ImportOutcome } from '../../shared/contracts/sessionImport';

/** Every id an event carries: its own, its session's, its command's, and each query it names. */
const idsOf = (events: readonly EventEnvelope[]) =>
  new Set(events.flatMap((e) => [e.eventId, e.aggregateId, e.metadata.commandId, ...['queryId', 'rerunOf'].map((k) => (e.payload as Record<string, unknown>)[k]).filter((v): v is string => typeof v === 'string')]));

/**
 * "Import as a copy" (docs/share.md): a session exported, imported into another data folder, then
 * continued on both sides. Its later export is refused there (IMPORT_CONFLICT, nothing written);
 * asked again as a copy over the API, it comes in as a new session with the file's history.
 */
describe('importing a diverged session log as a copy', { shuffle: false }, () => {
  const dirs = [tempDir('sextant-copy-'), tempDir('sextant-copy-')];
  let source: TestCore;
  let target: TestCore;
  let sessionId: string;
  let laterLog: string;
  let refusal: AppError;

  beforeAll(async () => {
    [source, target] = [await startTestCore(dirs[0]!.path), await startTestCore(dirs[1]!.path)];
    const opened = await source.dispatch({ type: 'OpenSession' });
    if (!opened.ok) throw new Error(opened.error.message);
    sessionId = opened.value.aggregateId;
    const first = await startQuery(source, sessionId, 'SELECT 1 AS shared');
    await queryEnd(source, sessionId, first);
    const imported = await target.imports.importText(await writeSessionLog(source.store, sessionId));
    if (!imported.ok) throw new Error(imported.error.message);
    // both sides go on: here a query of its own, there a re-run of the first, a sort and a rename
    await queryEnd(target, sessionId, await startQuery(target, sessionId, 'SELECT 2 AS here'));
    const rerun = await source.dispatch({ type: 'StartQuery', sessionId, sql: 'SELECT 3 AS elsewhere', rerunOf: first });
    if (!rerun.ok) throw new Error(rerun.error.message);
    await queryEnd(source, sessionId, rerun.value.queryId!);
    const sorted = await source.dispatch({ type: 'SetResultView', sessionId, queryId: rerun.value.queryId!, orderBy: [{ column: 0, descending: true }], filter: [] });
    if (!sorted.ok) throw new Error(sorted.error.message);
    await source.dispatch({ type: 'RenameSession', sessionId, title: 'Elsewhere' });
    laterLog = await writeSessionLog(source.store, sessionId);
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
    for (const d of dirs) d.remove();
  });

  const count = () => target.store.readAfter(0, 1_000_000).length;

  it('given the later export, when it is imported, then it is refused as before, nothing written, offering the file as a copy', async () => {
    const before = count();
    const { conn } = recordingClient(target);
    expect((await conn.handle({ method: 'importChunk', uploadId: 'u1', index: 0, text: laterLog })).ok).toBe(true);
    const result = await conn.handle({ method: 'importSession', source: { kind: 'upload', uploadId: 'u1' } });
    if (result.ok) throw new Error('the import was not refused');
    refusal = result.error;
    expect(refusal.code).toBe('IMPORT_CONFLICT');
    expect(refusal.message).toMatch(/part ways after its event/);
    expect(typeof refusal.details?.[COPY_UPLOAD_DETAIL]).toBe('string');
    expect(count()).toBe(before);

    // as a copy: the same file, kept by main under the id the refusal named
    const sessionsBefore = Object.keys(target.view().sessions);
    const copied = (await conn.handle({ method: 'importSession', source: { kind: 'upload', uploadId: refusal.details![COPY_UPLOAD_DETAIL] }, asCopy: true })) as Result<{ outcome: ImportOutcome }>;
    if (!copied.ok) throw new Error(copied.error.message);
    const outcome = copied.value.outcome;
    expect(outcome).toMatchObject({ title: 'Elsewhere (copy)', alreadyImported: false, copyOf: { sessionId, title: 'Elsewhere' } });
    expect(outcome.sessionId).not.toBe(sessionId);
    expect(Object.keys(target.view().sessions)).toEqual([...sessionsBefore, outcome.sessionId]);

    // both histories intact: the session here as it went on here, the copy as the file has it
    const here = target.view().sessions[sessionId]!;
    expect(here.history.map((h) => h.sql)).toEqual(['SELECT 1 AS shared', 'SELECT 2 AS here']);
    const copy = target.view().sessions[outcome.sessionId]!;
    expect(copy.history.map((h) => h.sql)).toEqual(['SELECT 1 AS shared', 'SELECT 3 AS elsewhere']);
    expect(copy.history[1]!.rerunOf).toBe(copy.history[0]!.queryId);
    expect(copy.history[1]!.view).toEqual({ orderBy: [{ column: 0, descending: true }], filter: [] });
    const fileSession = source.store.readAggregate('QuerySession', sessionId);
    const copyEvents = target.store.readAggregate('QuerySession', outcome.sessionId);
    expect(copyEvents.map((e) => [e.aggregateSeq, e.type])).toEqual(fileSession.map((e) => [e.aggregateSeq, e.type]));

    // no id of the copy is one of the session here (nor of the file's)
    const taken = idsOf(target.store.readAggregate('QuerySession', sessionId));
    for (const id of idsOf(fileSession)) taken.add(id);
    expect([...idsOf(copyEvents)].filter((id) => taken.has(id))).toEqual([]);

    // the copy's result re-runs on demand under its own query id: the file's SQL, not the session's here
    const page = (await conn.handle({ method: 'fetchPage', queryId: copy.history[1]!.queryId, offset: 0, limit: 10 })) as Result<{ columns: { name: string }[]; values: string[][] }>;
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.columns.map((c) => c.name)).toEqual(['elsewhere']);
    conn.close();
  }, 60_000);

  it('given the kept file was taken by the copy, when it is asked again, then it must be sent again', async () => {
    const { conn } = recordingClient(target);
    const again = await conn.handle({ method: 'importSession', source: { kind: 'upload', uploadId: refusal.details![COPY_UPLOAD_DETAIL] }, asCopy: true });
    expect(again.ok ? 'ok' : again.error.code).toBe('INVALID_COMMAND');
    // the option is the protocol's, checked by main: anything but `true` is a malformed request
    const odd = await conn.handle({ method: 'importSession', source: { kind: 'upload', uploadId: 'u9' }, asCopy: 'yes' });
    expect(odd.ok ? 'ok' : odd.error.message).toBe('Malformed request refused.');
    conn.close();
  });

  it('given a copy is here, when the file is imported as a copy again, then the next is told apart as “(copy 2)”', async () => {
    const twice = await target.imports.importText(laterLog, { asCopy: true });
    if (!twice.ok) throw new Error(twice.error.message);
    expect(twice.value.title).toBe('Elsewhere (copy 2)');
  }, 30_000);

  it('given a file whose header still says the title at export, then the copy is named after the title its events leave', async () => {
    const [header, ...rest] = laterLog.split('\n');
    const edited = [JSON.stringify({ ...JSON.parse(header!), title: 'Session 1' }), ...rest].join('\n');
    const copied = await target.imports.importText(edited, { asCopy: true });
    if (!copied.ok) throw new Error(copied.error.message);
    expect(copied.value).toMatchObject({ title: 'Elsewhere (copy 3)', copyOf: { title: 'Elsewhere' } });
  }, 30_000);
});
