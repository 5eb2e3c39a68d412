import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Frame } from '../../shared/contracts/frames';
import { lastResult, openSessions } from '../../shared/views/appView';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { waitForEvent } from '../../../test/support/coreEvents';

const VEGA = resolve('node_modules/vega-datasets/data'); // a relative source is the home folder's


describe('AppCore end to end (real SQLite, real DuckDB worker)', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  beforeEach(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path, { samples: [`${VEGA}/cars.json`] });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('seeds a first session and registers a sample under its catalog name with columns', async () => {
    await core.catalog.idle();
    const { view } = core.projections.current;
    expect(openSessions(view).map((s) => s.title)).toEqual(['Session 1']);
    const cars = Object.values(view.datasets).find((d) => d.name === 'cars');
    expect(cars?.status).toBe('ready');
    expect(cars?.columns.map((c) => c.name)).toContain('Miles_per_Gallon');
  });

  it('runs a query after persisting it, records its rows, and serves a page of exact values', async () => {
    await core.catalog.idle();
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const completed = waitForEvent(core, (e) => (e.type === 'QueryCompleted' ? e.payload : undefined));
    const ack = await core.dispatch({ type: 'StartQuery', sessionId, sql: 'select count(*) as n, 9007199254740993::BIGINT as big from cars' });
    expect(ack.ok).toBe(true);
    const payload = await completed;
    expect(payload.rowCount).toBe(1);
    const types = core.store.readAggregate('QuerySession', sessionId).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['QueryStarted', 'ExecutionBegan', 'QueryCompleted']);
    const page = await core.runner.fetchPage(payload.queryId, 0, 10);
    expect(page.ok && page.value.values).toEqual([['406'], ['9007199254740993']]);
  });

  it('bad SQL fails with DuckDB’s message and an error id, and the next query works', async () => {
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const failed = waitForEvent(core, (e) => (e.type === 'QueryFailed' ? e.payload : undefined));
    await core.dispatch({ type: 'StartQuery', sessionId, sql: 'selec 1' });
    const { error } = await failed;
    expect(error.code).toBe('SQL_ERROR');
    expect(error.message).toMatch(/syntax error/i);
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
    const completed = waitForEvent(core, (e) => (e.type === 'QueryCompleted' ? e.payload : undefined));
    await core.dispatch({ type: 'StartQuery', sessionId, sql: 'select 1' });
    expect((await completed).rowCount).toBe(1);
  });

  it('a subscriber gets a snapshot, then live events, never another session’s', async () => {
    const view = core.projections.current.view;
    const mine = openSessions(view)[0]!.id;
    const other = await core.dispatch({ type: 'OpenSession', title: 'Other' });
    const client = new ProtocolClient((channel) => core.connect(channel));
    await client.request({ method: 'subscribe', subscriptionId: 's', pattern: `session/${mine}` });
    await client.until((f) => f.some((x) => x.kind === 'live'));
    expect(client.frames[0]?.kind).toBe('snapshot');
    await core.dispatch({ type: 'RenameSession', sessionId: other.ok ? other.value.aggregateId : '', title: 'x' });
    await core.dispatch({ type: 'RenameSession', sessionId: mine, title: 'Mine' });
    await client.until((f) => f.some((x) => x.kind === 'event'));
    const events = client.frames.flatMap((f: Frame) => (f.kind === 'event' ? [f.event] : []));
    expect(events.map((e) => e.aggregateId)).toEqual([mine]);
    client.transport.drop();
  });

  it('restarts with the same store: history and last result come back, pages still served', async () => {
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const completed = waitForEvent(core, (e) => (e.type === 'QueryCompleted' ? e.payload : undefined));
    await core.dispatch({ type: 'StartQuery', sessionId, sql: 'select range as i from range(1000)' });
    const { queryId } = await completed;
    await core.close();
    core = await startTestCore(dir.path);
    const session = core.projections.current.view.sessions[sessionId]!;
    expect(lastResult(session)?.queryId).toBe(queryId);
    const page = await core.runner.fetchPage(queryId, 990, 100);
    expect(page.ok && page.value.values[0]).toEqual(['990', '991', '992', '993', '994', '995', '996', '997', '998', '999']);
  });

  it('refuses a malformed request with INVALID_COMMAND and writes nothing', async () => {
    await core.catalog.idle(); // the first start's sample registration appends too; it must not count
    const before = core.store.lastSeq();
    const client = new ProtocolClient((channel) => core.connect(channel));
    const r = await client.request({ method: 'dispatch', command: { type: 'StartQuery', sessionId: 42 } });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_COMMAND');
    expect(core.store.lastSeq()).toBe(before);
  });
});
