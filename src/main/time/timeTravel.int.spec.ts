import { join } from 'node:path';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptyView, foldAppView, type SessionView } from '../../shared/views/appView';
import { pastSession, sessionAtAnswerSchema, type SessionAtAnswer } from '../../shared/views/pastSession';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { writeOldSession } from '../../../test/support/rawStore';
import { useTestCore } from '../../../test/support/useTestCore';
import { silentLogger } from '../platform/logger';
import { EventStore } from '../store/eventStore';
import { UpcasterRegistry } from '../store/upcasters';
import { evenlySpaced } from './checkpointSpacing';
import { parsedCheckpoint, SessionCheckpoints, type Checkpoint } from './sessionCheckpoints';
import { TimeTravel } from './timeTravel';

/** The checkpoint travel would start from, its view parsed. */
function nearest(cps: SessionCheckpoints, sessionId: string, seq: number): Checkpoint | undefined {
  const stored = cps.nearestStored(sessionId, seq);
  return stored && parsedCheckpoint(stored);
}

/** Travel, checkpoints and fork against a real store (and real DuckDB for the fork's result). */
describe('time travel (real SQLite)', () => {
  // One core for the file (starting one is seconds); each test works in a session of its own.
  const ctx = useTestCore('all');
  let files = 0;
  const sessionId = async (title = 'Session 1'): Promise<string> => {
    const ack = await ctx.core().dispatch({ type: 'OpenSession', title });
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.value.aggregateId;
  };
  /** The reference: every stored event of the session up to `seq`, folded from nothing. */
  const rebuilt = (id: string, seq: number): SessionView | undefined =>
    foldAppView(
      emptyView(),
      ctx.core().store.readAggregate('QuerySession', id).filter((e) => e.globalSeq <= seq),
    ).sessions[id];
  const edits = async (id: string, n: number, prefix = 'select ') => {
    for (let i = 0; i < n; i++) expect((await ctx.core().dispatch({ type: 'SaveDraft', sessionId: id, sql: `${prefix}${i}` })).ok).toBe(true);
  };
  const cpFile = () => `cp-${++files}.sqlite`;
  const travel = (every: number, file: string, schemaVersion?: number) =>
    new TimeTravel(ctx.core().store, new SessionCheckpoints(join(ctx.dir(), file), schemaVersion, silentLogger()), silentLogger(), evenlySpaced(every));
  const seqs = (id: string) => ctx.core().store.readAggregate('QuerySession', id).map((e) => e.globalSeq);

  it('the session at any seq is the fold of its events up to there, with or without checkpoints', async () => {
    const id = await sessionId();
    await edits(id, 23);
    await ctx.core().dispatch({ type: 'RenameSession', sessionId: id, title: 'Later' });
    const file = cpFile();
    const time = travel(5, file);
    const points = seqs(id);
    const first: (SessionView | undefined)[] = [];
    for (const seq of points) {
      const at = await time.sessionAt(id, seq);
      expect(at.ok && at.value.session).toEqual(rebuilt(id, seq));
      first.push(at.ok ? at.value.session : undefined);
    }
    time.close();
    // Deleting the checkpoints changes nothing but speed.
    rmSync(join(ctx.dir(), file));
    const fresh = travel(5, file);
    for (const [i, seq] of points.entries()) {
      const at = await fresh.sessionAt(id, seq);
      expect(at.ok && at.value.session).toEqual(first[i]);
    }
    fresh.close();
  });

  it('the answer sent as text is the same past, whether sent as a checkpoint was stored or folded after one', async () => {
    const id = await sessionId();
    await edits(id, 11);
    const file = cpFile();
    const time = travel(4, file);
    const points = seqs(id);
    // The first pass leaves checkpoints at every 4th event; the second lands on them and sends them as stored.
    for (const pass of ['folds', 'lands on checkpoints']) {
      for (const [i, seq] of points.entries()) {
        const text = await time.sessionAtText(id, seq);
        const answer = text.ok && sessionAtAnswerSchema.parse(JSON.parse(text.value));
        const at = answer && pastSession(id, answer);
        expect(at && at.session, `${pass}, event ${i + 1}`).toEqual(rebuilt(id, seq));
        // Past the first checkpoint, the window folds what follows the one before the point; before it, main folded.
        if (pass === 'lands on checkpoints') expect(answer && answer.events.length, `event ${i + 1}`).toBe(i + 1 < 4 ? 0 : (i + 1) % 4);
        expect(at && [at.seq, at.occurredAt]).toEqual([seq, ctx.core().store.readAggregate('QuerySession', id)[i]!.occurredAt]);
      }
    }
    time.close();
    const cps = new SessionCheckpoints(join(ctx.dir(), file));
    expect(cps.nearestStored(id, points[8]!)?.seq).toBe(points[7]);
    cps.close();
  });

  it('an event after a checkpoint stored in an older shape of its type is lifted by main, which folds it', async () => {
    const path = join(ctx.dir(), `old-${++files}.sqlite`);
    writeOldSession(path, [
      { type: 'SessionOpened', version: 1, payload: '{"title":"old"}' },
      { type: 'DraftSaved', version: 1, payload: '{"sql":"select 1"}' },
      { type: 'QueryStarted', version: 1, payload: '{"queryId":"q1","text":"select 1"}' },
    ]);
    const renamedSql = new UpcasterRegistry([{ eventType: 'QueryStarted', fromVersion: 1, upcast: ({ text, ...p }: { text: string }) => ({ ...p, sql: text }) }]);
    const store = new EventStore(path, { upcasters: renamedSql });
    const time = new TimeTravel(store, new SessionCheckpoints(join(ctx.dir(), cpFile())), silentLogger(), evenlySpaced(2));
    expect((await time.sessionAtText('s', 2)).ok).toBe(true); // leaves a checkpoint at 2
    const text = await time.sessionAtText('s', 3);
    const answer = text.ok && sessionAtAnswerSchema.parse(JSON.parse(text.value));
    expect(answer && answer.events).toEqual([]);
    expect(answer && pastSession('s', answer).session.history.map((h) => h.sql)).toEqual(['select 1']);
    time.close();
    store.close();
  });

  it('travel leaves checkpoints behind and starts from them; one of an older view schema is ignored and rebuilt', async () => {
    const id = await sessionId();
    await edits(id, 12);
    const points = seqs(id);
    const last = points.at(-1)!;
    const file = cpFile();
    // An older build's checkpoint at the end, holding a view this build would read wrong.
    const old = new SessionCheckpoints(join(ctx.dir(), file), 0);
    old.save(id, { seq: last, aggregateSeq: points.length, occurredAt: 't', view: { ...rebuilt(id, last)!, draft: 'from an older schema' } });
    old.close();

    const time = travel(5, file);
    const at = await time.sessionAt(id, last);
    expect(at.ok && at.value.session).toEqual(rebuilt(id, last));
    time.close();
    const cps = new SessionCheckpoints(join(ctx.dir(), file));
    expect(nearest(cps, id, last)?.aggregateSeq).toBe(10); // rebuilt at the boundaries it folded past
    expect(nearest(cps, id, points[6]!)?.aggregateSeq).toBe(5);
    expect(nearest(cps, id, points[6]!)?.view).toEqual(rebuilt(id, points[4]!));
    cps.close();
  });

  it('checkpoints written at another spacing are started from, and the gaps between them filled as travel passes', async () => {
    const id = await sessionId();
    await edits(id, 14);
    const points = seqs(id);
    const file = cpFile();
    const before = travel(5, file); // an earlier build's spacing: 5, 10, 15
    expect((await before.sessionAt(id, points.at(-1)!)).ok).toBe(true);
    before.close();
    const time = travel(3, file); // this build's: every 3rd, beside the 5th and 10th already kept
    // Each travel folds from the nearest kept checkpoint, across the boundaries of the new spacing.
    for (const seq of [points[13]!, points[8]!, points[3]!]) {
      const at = await time.sessionAt(id, seq);
      expect(at.ok && at.value.session).toEqual(rebuilt(id, seq));
    }
    time.close();
    const cps = new SessionCheckpoints(join(ctx.dir(), file));
    const kept = points.map((seq) => nearest(cps, id, seq)?.aggregateSeq ?? 0).filter((a, i, all) => a !== all[i - 1]);
    expect(kept).toEqual([0, 3, 5, 6, 9, 10, 12, 15]);
    cps.close();
  });

  it('a checkpoint file of the earlier layout (a WITHOUT ROWID table) is made again, its rows never read', async () => {
    const id = await sessionId();
    await edits(id, 3);
    const last = seqs(id).at(-1)!;
    const file = join(ctx.dir(), cpFile());
    const old = new Database(file);
    old.exec(`CREATE TABLE session_checkpoints (session_id TEXT NOT NULL, seq INTEGER NOT NULL, aggregate_seq INTEGER NOT NULL, schema_version INTEGER NOT NULL,
      occurred_at TEXT NOT NULL, view_json TEXT NOT NULL, PRIMARY KEY (session_id, seq)) WITHOUT ROWID`);
    old.prepare('INSERT INTO session_checkpoints VALUES (?, ?, 4, 1, ?, ?)').run(id, last, 't', JSON.stringify({ ...rebuilt(id, last)!, draft: 'from the old layout' }));
    old.close();
    const cps = new SessionCheckpoints(file);
    expect(nearest(cps, id, last)).toBeUndefined();
    cps.save(id, { seq: last, aggregateSeq: 4, occurredAt: 't', view: rebuilt(id, last)! });
    expect(nearest(cps, id, last)?.view).toEqual(rebuilt(id, last));
    cps.close();
    const table = new Database(file, { readonly: true });
    expect(table.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'session_checkpoints'").get()?.sql).not.toMatch(/WITHOUT ROWID/);
    table.close();
  });

  it('a checkpoint is read back exactly, however its characters fall across the pieces it is read in', async () => {
    const id = await sessionId();
    const last = seqs(id).at(-1)!;
    const cps = new SessionCheckpoints(join(ctx.dir(), cpFile()));
    // Two-, three- and four-byte characters at every offset of 200 KB of text, past several 64 KiB pieces.
    const draft = 'a' + 'é€😀'.repeat(22_000);
    const view = { ...rebuilt(id, last)!, draft };
    cps.save(id, { seq: last, aggregateSeq: 1, occurredAt: 't', view });
    expect(cps.nearestStored(id, last)?.viewJson).toBe(JSON.stringify(view));
    expect(nearest(cps, id, last)?.view.draft).toBe(draft);
    cps.close();
  });

  it('at or past the newest event the session is the live view, folded by nothing; before it, the fold', async () => {
    const id = await sessionId();
    await edits(id, 7);
    const time = travel(1000, cpFile());
    time.follow(ctx.core().bus, ctx.core().projections);
    const points = seqs(id);
    const last = points.at(-1)!;
    const live = ctx.core().projections.current.view.sessions[id];
    for (const seq of [last, last + 1_000]) {
      const at = await time.sessionAt(id, seq);
      // The very object the projection holds, and equal to the fold from nothing.
      expect(at.ok && at.value.session).toBe(live);
      expect(at.ok && at.value.session).toEqual(rebuilt(id, last));
      expect(at.ok && at.value.seq).toBe(last);
    }
    const before = await time.sessionAt(id, points.at(-2)!);
    expect(before.ok && before.value.session).toEqual(rebuilt(id, points.at(-2)!));
    expect(before.ok && before.value.session.draft).toBe('select 5');
    time.close();
  });

  it('followed after the session’s events, it reads the newest once: a second travel back asks the log nothing to know it is not now, and the next event makes it the past', async () => {
    const id = await sessionId();
    await edits(id, 8);
    // A checkpoint every 4th event: the first travel back folds and leaves one, the second starts from it.
    const time = travel(4, cpFile());
    time.follow(ctx.core().bus, ctx.core().projections);
    const points = seqs(id);
    const back = points.at(-5)!;
    const store = ctx.core().store;
    const reads = { n: 0 };
    const read = store.aggregateViewEvents.bind(store);
    store.aggregateViewEvents = (...args) => (reads.n++, read(...args));
    try {
      expect(await time.sessionAt(id, back)).toMatchObject({ ok: true, value: { session: rebuilt(id, back) } });
      reads.n = 0;
      expect(await time.sessionAt(id, back)).toMatchObject({ ok: true, value: { session: rebuilt(id, back) } });
      expect(reads.n).toBe(0);
    } finally {
      store.aggregateViewEvents = read;
    }
    const wasNewest = points.at(-1)!;
    await edits(id, 1, 'select later ');
    const past = await time.sessionAt(id, wasNewest);
    expect(past.ok && past.value.session).not.toBe(ctx.core().projections.current.view.sessions[id]);
    expect(past.ok && past.value.session).toEqual(rebuilt(id, wasNewest));
    const now = await time.sessionAt(id, seqs(id).at(-1)!);
    expect(now.ok && now.value.session).toBe(ctx.core().projections.current.view.sessions[id]);
    time.close();
  });

  it('followed from before the session’s events, it knows "now" from the events the bus delivered: the newest is the live view, the one before is folded', async () => {
    const time = travel(1000, cpFile());
    time.follow(ctx.core().bus, ctx.core().projections);
    const id = await sessionId();
    await edits(id, 4);
    const points = seqs(id);
    const live = ctx.core().projections.current.view.sessions[id];
    const now = await time.sessionAt(id, points.at(-1)!);
    expect(now.ok && now.value.session).toBe(live);
    const before = await time.sessionAt(id, points.at(-2)!);
    expect(before.ok && before.value.session).toEqual(rebuilt(id, points.at(-2)!));
    expect(before.ok && before.value.session.draft).toBe('select 2');
    time.close();
  });

  it('writes checkpoints of the live view off the command path, each the view at its event', async () => {
    const id = await sessionId();
    const file = cpFile();
    const time = travel(4, file);
    time.follow(ctx.core().bus, ctx.core().projections);
    await edits(id, 9);
    await new Promise((r) => setImmediate(r));
    time.close();
    const cps = new SessionCheckpoints(join(ctx.dir(), file));
    const cp = nearest(cps, id, Number.MAX_SAFE_INTEGER);
    expect(cp?.aggregateSeq).toBe(8);
    expect(cp?.view).toEqual(rebuilt(id, cp!.seq));
    cps.close();
  });

  it('serves the timeline and the past over the API, only within a scoped window’s own session', async () => {
    const core = ctx.core();
    const a = await sessionId();
    const b = await sessionId('Other');
    await edits(a, 3);
    await core.dispatch({ type: 'RenameSession', sessionId: a, title: 'Renamed' });
    const client = new ProtocolClient((channel) => core.connect(channel, { scope: { kind: 'session', sessionId: a } }));
    const timeline = (await client.request({ method: 'timeline', sessionId: a })) as { ok: true; value: { entries: { label: string; seq: number }[] } };
    expect(timeline.value.entries.map((e) => e.label)).toEqual(['Renamed to “Renamed”', 'Edited SQL', 'Opened']);
    const past = (await client.request({ method: 'sessionAt', sessionId: a, seq: timeline.value.entries[1]!.seq })) as { ok: true; value: SessionAtAnswer };
    expect(pastSession(a, past.value).session).toMatchObject({ title: 'Session 1', draft: 'select 2' });
    const now = (await client.request({ method: 'sessionAt', sessionId: a, seq: Number.MAX_SAFE_INTEGER })) as { ok: true; value: SessionAtAnswer };
    expect(pastSession(a, now.value).session).toEqual(core.view().sessions[a]);
    for (const request of [{ method: 'timeline', sessionId: b }, { method: 'sessionAt', sessionId: b, seq: 1 }]) {
      const refused = (await client.request(request)) as { ok: false; error: { code: string } };
      expect(refused.error.code).toBe('UNAUTHORIZED');
    }
    client.transport.drop();
  });

  it('a fork starts as the original was at that point, pages its carried result, then goes its own way; the original is untouched', async () => {
    const core = ctx.core();
    const id = await sessionId();
    const q1 = await startQuery(core, id, 'select range as n from range(5)');
    await queryEnd(core, id, q1);
    await core.dispatch({ type: 'SaveDraft', sessionId: id, sql: 'select 1 -- then' });
    const point = core.store.lastSeq();
    await core.dispatch({ type: 'SetResultView', sessionId: id, queryId: q1, orderBy: [{ column: 0, descending: true }], filter: [] });
    await core.dispatch({ type: 'RenameSession', sessionId: id, title: 'Original' });
    const original = core.view().sessions[id];

    const ack = await core.dispatch({ type: 'ForkSession', sessionId: id, seq: point });
    expect(ack.ok).toBe(true);
    const forkId = ack.ok ? ack.value.aggregateId : '';
    const fork = core.view().sessions[forkId]!;
    // Named after the original as it is called now; the title it had then is kept with the point.
    expect(fork).toMatchObject({ title: 'Original (fork)', draft: 'select 1 -- then', forkedFrom: { sessionId: id, seq: point, title: 'Session 1' } });
    expect(fork.history.map((h) => [h.queryId, h.phase, h.view])).toEqual([[q1, 'Completed', undefined]]);
    expect(core.view().sessions[id]).toEqual(original);

    // The fork's window reaches the carried result, and may sort it on its own.
    const client = new ProtocolClient((channel) => core.connect(channel, { scope: { kind: 'session', sessionId: forkId } }));
    const page = (await client.request({ method: 'fetchPage', queryId: q1, offset: 0, limit: 10 })) as { ok: true; value: { values: string[][] } };
    expect(page.value.values[0]).toEqual(['0', '1', '2', '3', '4']);
    client.transport.drop();
    expect((await core.dispatch({ type: 'SetResultView', sessionId: forkId, queryId: q1, orderBy: [{ column: 0 }], filter: [] })).ok).toBe(true);
    expect(core.view().sessions[id]?.history[0]?.view).toEqual({ orderBy: [{ column: 0, descending: true }], filter: [] });

    const bad = await core.dispatch({ type: 'ForkSession', sessionId: 'no-such-session', seq: point });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('refuses, in words and storing nothing, to fork a history too long for one event', async () => {
    const core = ctx.core();
    const id = await sessionId();
    const long = `select '${'x'.repeat(200_000)}'`;
    const version = core.store.aggregateVersion('QuerySession', id);
    const meta = { commandId: 'c', correlationId: 'c', issuedBy: 'user' as const };
    core.store.append(
      'QuerySession',
      id,
      version,
      Array.from({ length: 6 }, (_, i) => [
        { event: { type: 'QueryStarted' as const, payload: { queryId: `long-${i}`, sql: long } }, topic: `session/${id}`, metadata: meta, occurredAt: 't' },
        { event: { type: 'QueryFailed' as const, payload: { queryId: `long-${i}`, error: { id: 'e', code: 'SQL_ERROR', message: 'no' } } }, topic: `session/${id}`, metadata: meta, occurredAt: 't' },
      ]).flat(),
    );
    const before = core.store.lastSeq();
    const r = await core.dispatch({ type: 'ForkSession', sessionId: id, seq: before });
    expect(r.ok ? 'ok' : [r.error.code, r.error.message]).toEqual(['PAYLOAD_TOO_LARGE', expect.stringContaining('too long to fork')]);
    expect(core.store.lastSeq()).toBe(before);
  });
});
