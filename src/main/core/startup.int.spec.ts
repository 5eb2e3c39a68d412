import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/contracts/commands';
import { withoutStack, type Result } from '../../shared/contracts/errors';
import type { Page } from '../../shared/contracts/protocol';
import { openSessions } from '../../shared/views/appView';
import { waitForEvent } from '../../../test/support/coreEvents';
import { heldWorkerFromSource, holdWorker } from '../../../test/support/heldWorker';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { duckdbFile } from '../query/databaseFile';

const CARS = resolve('node_modules/vega-datasets/data/cars.json'); // a relative source is the home folder's

/** A window's connection that has both first frames (`session/<id>`, `catalog`). */
async function windowOn(core: TestCore, sessionId: string): Promise<ProtocolClient> {
  const client = new ProtocolClient((channel) => core.connect(channel));
  void client.request({ method: 'subscribe', subscriptionId: 'session', pattern: `session/${sessionId}` });
  void client.request({ method: 'subscribe', subscriptionId: 'catalog', pattern: 'catalog' });
  await client.until((frames) => ['session', 'catalog'].every((id) => frames.some((f) => f.kind === 'snapshot' && f.subscriptionId === id)));
  return client;
}

describe('a start serves before DuckDB is up (real SQLite, real DuckDB worker)', () => {
  const dir = useTempDataDir<TestCore>();

  it('serves the first frames while the worker and the catalog are still starting; a query and a page asked then are answered once they are up', async () => {
    // A previous run: the cars dataset registered, one result kept.
    const first = await startTestCore(dir.path(), { samples: [CARS] });
    await first.catalog.idle();
    const sessionId = openSessions(first.view())[0]!.id;
    const kept = waitForEvent(first, (e) => (e.type === 'QueryCompleted' ? e.payload.queryId : undefined));
    await first.dispatch({ type: 'StartQuery', sessionId, sql: 'select Name from cars order by Name limit 3' });
    const keptQueryId = await kept;
    await first.close();

    const held = holdWorker(dir.path());
    const core = dir.keep(await startTestCore(dir.path(), { ...heldWorkerFromSource, untilReady: false }));
    let ready = false;
    void core.whenReady().then(() => (ready = true));
    // The worker thread has not even loaded: whatever the frames wait for, it is not DuckDB.
    const window = await windowOn(core, sessionId);
    const catalog = window.frames.find((f) => f.kind === 'snapshot' && f.subscriptionId === 'catalog');
    expect(catalog?.kind === 'snapshot' && Object.values(catalog.state.datasets).map((d) => [d.name, d.status])).toEqual([['cars', 'ready']]);
    expect(ready).toBe(false);
    // No files given on the command line: nothing waits for DuckDB, so the web host says it listens at once.
    expect(await core.openFiles([])).toEqual([]);
    expect(ready).toBe(false);

    // Asked as a window asks, before DuckDB is up: each is answered only once it is.
    const answeredWhenReady: boolean[] = [];
    const answer = <T,>(p: Promise<Result<unknown>>) => p.then((r) => (answeredWhenReady.push(ready), r as Result<T>));
    const started = answer<CommandAck>(window.request({ method: 'dispatch', command: { type: 'StartQuery', sessionId, sql: 'select count(*) as n from cars' } }));
    const page = answer<Page>(window.request({ method: 'fetchPage', queryId: keptQueryId, offset: 0, limit: 10 }));
    const completed = waitForEvent(core, (e) => (e.type === 'QueryCompleted' ? e.payload.queryId : undefined));
    await held.release();

    const ack = await started;
    expect(ack.ok).toBe(true);
    // The kept result of the previous run, found in the runner's index (not RESULT_NOT_FOUND).
    expect(await page).toMatchObject({ ok: true, value: { values: [['amc ambassador brougham', 'amc ambassador dpl', 'amc ambassador sst']] } });
    expect(answeredWhenReady).toEqual([true, true]);
    // The query ran against the dataset's view, recreated by the catalog's start.
    const queryId = await completed;
    expect(ack.ok && ack.value.queryId).toBe(queryId);
    const counted = await window.request({ method: 'fetchPage', queryId, offset: 0, limit: 10 });
    expect(counted).toMatchObject({ ok: true, value: { values: [['406']] } });
    window.transport.drop();
    held.close();
  });

  it('a worker that cannot start: the first frames are served, and what needs DuckDB is refused with the error the log carries', async () => {
    // A folder where DuckDB's database should be: every thread dies opening it (a damaged file would
    // be moved aside and the start carry on: damagedDatabase.int.spec.ts).
    const dbFile = duckdbFile(dir.path());
    mkdirSync(join(dbFile, 'not a database'), { recursive: true });
    const { log, errors } = recordingLogger();
    const core = dir.keep(await startTestCore(dir.path(), { untilReady: false, log }));
    const sessionId = openSessions(core.view())[0]!.id;
    const window = await windowOn(core, sessionId);

    const refused = (await window.request({ method: 'dispatch', command: { type: 'StartQuery', sessionId, sql: 'select 1' } })) as Result<CommandAck>;
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('WORKER_CRASHED');
    // DuckDB's words, and the folder left alone
    expect(refused.error.message).toBe(`DuckDB could not start: IO Error: Could not read from file "${dbFile}": Is a directory`);
    expect(readdirSync(dbFile)).toEqual(['not a database']);
    expect(refused.error, 'a stack stays in the log, which the id finds').not.toHaveProperty('stack');
    const outcome = await core.whenReady();
    expect(outcome.ok ? undefined : outcome.error.id).toBe(refused.error.id);
    const page = (await window.request({ method: 'fetchPage', queryId: '018f0000-0000-7000-8000-000000000000', offset: 0, limit: 10 })) as Result<Page>;
    expect(page.ok ? undefined : page.error.id).toBe(refused.error.id);
    // Logged once, with its id, when the start failed; nothing was stored for the refused query.
    expect(errors.filter((line) => line.includes(refused.error.id) && line.includes('"step":"start"'))).toHaveLength(1);
    expect(core.store.readAggregate('QuerySession', sessionId).map((e) => e.type)).toEqual(['SessionOpened']);
    window.transport.drop();
  }, 120_000);

  it('a worker that cannot start: a window is told at once on the catalog topic, and each window subscribing later as it goes live', async () => {
    mkdirSync(join(duckdbFile(dir.path()), 'not a database'), { recursive: true });
    const held = holdWorker(dir.path());
    const core = dir.keep(await startTestCore(dir.path(), { ...heldWorkerFromSource, untilReady: false }));
    const sessionId = openSessions(core.view())[0]!.id;
    const early = await windowOn(core, sessionId);
    await early.until((frames) => frames.some((f) => f.kind === 'live' && f.subscriptionId === 'catalog'));
    expect(early.frames.filter((f) => f.kind === 'progress'), 'nothing said while DuckDB starts').toEqual([]);
    await held.release();
    const outcome = await core.whenReady();
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const sign = { kind: 'duckdbDown', topic: 'catalog', error: withoutStack(outcome.error) };
    expect(sign.error.message).toMatch(/^DuckDB could not start: IO Error: /);
    await early.until((frames) => frames.some((f) => f.kind === 'progress'));
    expect(JSON.stringify(early.frames), 'no stack leaves main').not.toContain('"stack"');
    expect(early.frames.filter((f) => f.kind === 'progress')).toEqual([{ kind: 'progress', subscriptionId: 'catalog', progress: sign }]);

    const later = await windowOn(core, sessionId);
    await later.until((frames) => frames.some((f) => f.kind === 'progress'));
    const catalog = later.framesOf('catalog').map((f) => f.kind);
    expect(catalog, 'behind live').toEqual(['snapshot', 'live', 'progress']);
    expect(later.framesOf('catalog')[2]).toEqual({ kind: 'progress', subscriptionId: 'catalog', progress: sign });
    expect(later.framesOf('session').filter((f) => f.kind === 'progress'), 'said once, on the catalog').toEqual([]);
    early.transport.drop();
    later.transport.drop();
    held.close();
  }, 120_000);

  it('closing while DuckDB is starting refuses what was held as shutting down, and logs no error', async () => {
    const { log, errors } = recordingLogger();
    const held = holdWorker(dir.path());
    const starting = dir.keep(await startTestCore(dir.path(), { ...heldWorkerFromSource, untilReady: false, log }));
    const sessionId = openSessions(starting.view())[0]!.id;
    const window = await windowOn(starting, sessionId);
    const asked = window.request({ method: 'dispatch', command: { type: 'RenameSession', sessionId, title: 'Too late' } }) as Promise<Result<CommandAck>>;
    const closed = starting.close();
    await held.release();
    await closed;
    dir.closed();
    const answer = await asked;
    expect(answer.ok ? undefined : [answer.error.code, answer.error.message]).toEqual(['INTERRUPTED', 'Sextant is shutting down.']);
    expect(errors).toEqual([]);
    held.close();
  });
});
