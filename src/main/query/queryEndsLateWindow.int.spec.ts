import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandMeta } from '../../shared/contracts/commands';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { Frame } from '../../shared/contracts/frames';
import { CommandHandler } from '../commands/commandHandler';
import { newId } from '../platform/ids';
import { silentLogger } from '../platform/logger';
import { Outbox } from '../streams/outbox';
import { defaultStreamLimits, StreamManager, type ResumePoint } from '../streams/streamManager';
import { DatasetAvailability } from '../catalog/datasetAvailability';
import { QueryRunner } from './queryRunner';
import type { QueryWorker } from './queryWorker';
import type { RunHooks } from './workerThread';
import type { RunOutcome } from './workerProtocol';
import { handlerOnTempStore } from '../../../test/support/handlerOnTempStore';

/** A pool whose one run DuckDB "finishes" when the test says: the store's refusal then meets a known moment. */
class OneRunPool {
  hooks: RunHooks | undefined;
  private finish: ((o: RunOutcome) => void) | undefined;

  run(_sql: string, _table: string, hooks: RunHooks): { jobId: number; done: Promise<RunOutcome> } {
    this.hooks = hooks;
    queueMicrotask(() => hooks.onBegan());
    return { jobId: 1, done: new Promise((resolve) => (this.finish = resolve)) };
  }

  complete(): void {
    this.finish?.({ rowCount: 1, columns: [{ name: 'x', type: 'INTEGER' }], durationMs: 1, hasTable: true });
  }

  cancel(): void {}

  request(r: { type: string }): Promise<unknown> {
    return Promise.resolve(r.type === 'read' ? [] : null);
  }
}

/** A window's subscription: every frame it is sent, and when it went live. */
interface Window {
  readonly frames: Frame[];
  readonly live: Promise<void>;
  /** The frames after `live`: what a window learns beyond the log once caught up. */
  afterLive(): Frame[];
}

const meta = (): CommandMeta => ({ commandId: newId(), correlationId: newId(), issuedBy: 'user' });
/** Ten minutes: no retry of the refused end happens while the test runs, so only catch-up can tell a late window why. */
const NO_RETRY_MS = 600_000;

describe('a window that subscribes while a query’s end waits for the store is told why at once', () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('by snapshot or replay: the waiting reason right after live, as a live window got it; once the end is stored, nothing', async () => {
    const { store, bus, projections, handler: real } = handlerOnTempStore(cleanup);
    let completionAttempts = 0;
    const handler = Object.create(real) as CommandHandler;
    handler.handle = (command, m) => {
      if (command.type === 'CompleteQuery') completionAttempts++;
      return real.handle(command, m);
    };
    const queryWorker = new OneRunPool();
    const runner = new QueryRunner(handler, bus, queryWorker as unknown as QueryWorker, projections, silentLogger(), { datasets: new DatasetAvailability(), endRetryMs: { first: NO_RETRY_MS, max: NO_RETRY_MS } });
    await runner.start();
    cleanup.push(() => runner.stop());
    const streams = new StreamManager(store, bus, projections, silentLogger(), defaultStreamLimits, {}, () => runner.currentProgress());
    cleanup.push(() => streams.close());
    const nextEvent = (pick: (e: EventEnvelope) => boolean): Promise<void> =>
      new Promise((resolve) => {
        const off = bus.subscribe((m) => {
          if (m.kind === 'event' && pick(m.event)) {
            off();
            resolve();
          }
        });
      });

    const sessionId = newId();
    await real.handle({ type: 'OpenSession', sessionId, title: 'S' }, meta());
    const subscribe = (id: string, from?: ResumePoint): Window => {
      const frames: Frame[] = [];
      let wentLive: () => void = () => {};
      const live = new Promise<void>((resolve) => (wentLive = resolve));
      const outbox = new Outbox({
        sendFrames: (json) => {
          frames.push(...(JSON.parse(`[${json}]`) as Frame[]));
          if (frames.some((f) => f.kind === 'live')) wentLive();
        },
        backlogBytes: () => 0,
      });
      streams.subscribe(id, `session/${sessionId}`, from, outbox);
      return { frames, live, afterLive: () => frames.slice(frames.findIndex((f) => f.kind === 'live') + 1) };
    };
    const late = async (id: string): Promise<{ snapshot: Frame[]; replay: Frame[] }> => {
      const bySnapshot = subscribe(`${id}-snapshot`);
      const byReplay = subscribe(`${id}-replay`, { afterSeq: 0, storeId: store.firstEventId() });
      await Promise.all([bySnapshot.live, byReplay.live]);
      return { snapshot: bySnapshot.afterLive(), replay: byReplay.afterLive() };
    };
    const asIf = (frame: Frame | undefined, subscriptionId: string): Frame | undefined => frame && { ...frame, subscriptionId };

    const early = subscribe('early');
    await early.live;
    const queryId = newId();
    const began = nextEvent((e) => e.type === 'ExecutionBegan');
    await real.handle({ type: 'StartQuery', sessionId, queryId, sql: 'select 1 as x' }, meta());
    await began;

    // While DuckDB runs: a late window gets the query's latest progress, not nothing until the next tick.
    queryWorker.hooks!.onProgress({ elapsedMs: 200, rowsProcessed: 7, percent: 40 });
    const tick = early.frames.at(-1);
    expect(tick).toMatchObject({ kind: 'progress', progress: { queryId, percent: 40 } });
    const running = await late('running');
    expect(running.snapshot).toEqual([asIf(tick, 'running-snapshot')]);
    expect(running.replay).toEqual([asIf(tick, 'running-replay')]);

    // The store turns read-only as DuckDB finishes: the completion is refused, and the live window told why.
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma('query_only = ON');
    const toldLive = new Promise<Frame>((resolve) => {
      const off = bus.subscribe((m) => {
        if (m.kind === 'progress' && m.progress.kind === 'query' && m.progress.waitingToSave) {
          off();
          // Windows hear each message before the other listeners: the early one has it by now.
          resolve(early.frames.at(-1)!);
        }
      });
    });
    queryWorker.complete();
    const waitingFrame = await toldLive;
    expect(waitingFrame).toMatchObject({ kind: 'progress', progress: { queryId, waitingToSave: { ending: 'completed', rowCount: 1, error: { code: 'STORE_WRITE_FAILED' } } } });

    // Windows that connect now (a new one by snapshot, a reloaded one by replay) are told the same, at
    // once: the end has been tried once, and its next try is ten minutes away.
    const waiting = await late('waiting');
    expect(completionAttempts).toBe(1);
    expect(waiting.snapshot).toEqual([asIf(waitingFrame, 'waiting-snapshot')]);
    expect(waiting.replay).toEqual([asIf(waitingFrame, 'waiting-replay')]);

    // The store takes writes again; anything stored (a draft) has the end tried at once, and stored.
    db.pragma('query_only = OFF');
    // One window connects in the very turn the end is stored, before the runner has let go of the run.
    let racing: ReturnType<typeof late> | undefined;
    const completed = nextEvent((e) => {
      const ended = e.type === 'QueryCompleted' && e.payload.queryId === queryId;
      if (ended) racing = late('racing');
      return ended;
    });
    expect((await real.handle({ type: 'SaveDraft', sessionId, sql: 'select 2' }, meta())).ok).toBe(true);
    await completed;
    expect(completionAttempts).toBe(2);

    // Once the end is stored a window that connects is told nothing stale: the log says how it ended.
    for (const window of [await racing!, await late('after')]) {
      expect(window.snapshot).toEqual([]);
      expect(window.replay).toEqual([]);
    }
    expect(runner.currentProgress()).toEqual([]);
  });
});
