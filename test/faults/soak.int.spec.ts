import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInFlight } from '../../src/shared/domain/queryLifecycle';
import { sampleDatasetPaths } from '../../src/main/catalog/sampleDatasets';
import { ProtocolClient } from '../support/protocolClient';
import { readRawStore, sequenceProblems, type RawEvent } from '../support/rawStore';
import { startTestCore, tempDir, type TestCore } from '../support/testCore';
import type { CommandAck, ClientCommand } from '../../src/shared/contracts/commands';
import type { Result } from '../../src/shared/contracts/errors';

const SESSIONS = Number(process.env['SOAK_SESSIONS'] ?? 10);
const COMMANDS = Number(process.env['SOAK_COMMANDS'] ?? 500);
/** Memory is first sampled once every session has issued this many commands: caches, JIT and pools are warm by then. */
const WARM_UP = Math.min(100, Math.floor(COMMANDS / 5));
/**
 * Heap growth allowed from warm-up to the end, after a full GC at quiescence on both sides.
 * What legitimately grows is proportional to the log: the projections keep every query in each
 * session's history (~1,800 entries) and this test keeps one record per acknowledged command
 * (~8,300); together 3.3 MB in a full run here. A leak of per-command state of 2.5 KB or more (a
 * retained closure, listener, frame or pending response per command) over the ~8,000 commands
 * after warm-up passes 20 MB and fails this; a GC'd heap varies by a few MB, far below it.
 */
const MAX_HEAP_GROWTH_BYTES = 20 * 2 ** 20;

/** `global.gc` without starting node with --expose-gc: the flag can be set at run time and gc read from a fresh context. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** A small deterministic generator (mulberry32), one per session, so a failing run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a session asked for and main acknowledged: enough to find its event in the raw store. */
type Acked =
  | { readonly type: 'SaveDraft'; readonly sessionId: string; readonly lastSeq: number; readonly sql: string }
  | { readonly type: 'RenameSession'; readonly sessionId: string; readonly lastSeq: number; readonly title: string }
  | { readonly type: 'StartQuery'; readonly sessionId: string; readonly lastSeq: number; readonly queryId: string; readonly rows: number }
  | { readonly type: 'CancelQuery'; readonly sessionId: string; readonly lastSeq: number };

/**
 * One renderer: a ProtocolClient over the wire protocol (JSON both ways, serveConnection's checks),
 * subscribed to its own session. It keeps only the seqs of the events it is streamed, as a real
 * client would resubscribe after a stale frame, so the test itself holds no frames in memory.
 */
class SoakClient {
  readonly client: ProtocolClient;
  readonly streamedSeqs: number[] = [];
  snapshotSeq = -1;
  stales = 0;
  otherSessionEvents = 0;
  /** Queries of this session that ended (as streamed): a person often waits for the result before the next command. */
  readonly ended = new Set<string>();
  private lastSeq = 0;
  private subscription = 0;

  constructor(
    core: TestCore,
    readonly sessionId: string,
  ) {
    this.client = new ProtocolClient((channel) => core.connect(channel));
    this.client.frameListeners.add(() => this.take());
  }

  async subscribe(): Promise<void> {
    const id = `mine-${++this.subscription}`;
    const r = await this.client.request({ method: 'subscribe', subscriptionId: id, pattern: `session/${this.sessionId}`, ...(this.lastSeq ? { afterSeq: this.lastSeq } : {}) });
    if (!r.ok) throw new Error(`subscribe refused: ${r.error.message}`);
  }

  async dispatch(command: ClientCommand): Promise<Result<CommandAck>> {
    return (await this.client.request({ method: 'dispatch', command })) as Result<CommandAck>;
  }

  async queryEnded(queryId: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended.has(queryId)) {
      if (Date.now() > deadline) throw new Error(`query ${queryId} never ended on the stream`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  private take(): void {
    const current = `mine-${this.subscription}`;
    for (const f of this.client.frames.splice(0)) {
      if (f.subscriptionId !== current) continue;
      if (f.kind === 'snapshot') {
        if (this.snapshotSeq < 0) this.snapshotSeq = f.seq;
        this.lastSeq = f.seq;
      } else if (f.kind === 'event') {
        if (f.event.aggregateId !== this.sessionId) this.otherSessionEvents++;
        this.streamedSeqs.push(f.event.globalSeq);
        const e = f.event;
        if (e.type === 'QueryCompleted' || e.type === 'QueryFailed' || e.type === 'QueryCancelled') this.ended.add(e.payload.queryId);
        this.lastSeq = f.event.globalSeq;
      } else if (f.kind === 'stale') {
        this.stales++;
        void this.subscribe();
      }
    }
  }
}

describe(`soak: ${SESSIONS} sessions × ${COMMANDS} commands with queries running concurrently (a real core)`, () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  const gc = exposeGc();
  beforeAll(async () => {
    dir = tempDir();
    const weather = sampleDatasetPaths().filter((p) => p.endsWith('seattle-weather.csv'));
    expect(weather).toHaveLength(1);
    core = await startTestCore(dir.path, { samples: weather });
    await core.catalog.idle();
    expect(Object.values(core.projections.current.view.datasets).map((d) => d.status)).toEqual(['ready']);
  });
  let closed = false;
  afterAll(async () => {
    if (!closed) await core.close();
    dir.remove();
  });

  it('loses and duplicates no event, in the store or on the streams, and main’s heap stays flat after warm-up', async () => {
    const started = performance.now();
    const clients: SoakClient[] = [];
    for (let s = 0; s < SESSIONS; s++) {
      const opener = new ProtocolClient((channel) => core.connect(channel));
      const opened = (await opener.request({ method: 'dispatch', command: { type: 'OpenSession', title: `Soak ${s}` } })) as Result<CommandAck>;
      opener.transport.drop();
      if (!opened.ok) throw new Error(opened.error.message);
      const c = new SoakClient(core, opened.value.aggregateId);
      await c.subscribe();
      clients.push(c);
    }

    const inFlight = (): number =>
      clients.filter((c) => {
        const last = core.projections.current.view.sessions[c.sessionId]?.history.at(-1);
        return isInFlight(last?.phase);
      }).length;
    const quiesce = async (): Promise<void> => {
      const deadline = Date.now() + 60_000;
      while (inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(inFlight()).toBe(0);
    };
    const sample = (): NodeJS.MemoryUsage => {
      gc();
      gc();
      return process.memoryUsage();
    };

    const acked: Acked[] = [];
    const refusals = new Map<string, number>();
    let warm: NodeJS.MemoryUsage | undefined;
    let arrived = 0;
    let release!: () => void;
    const warmedUp = new Promise<void>((r) => (release = r));
    const barrier = async (): Promise<void> => {
      if (++arrived === SESSIONS) {
        await quiesce();
        warm = sample();
        release();
      }
      await warmedUp;
    };

    await Promise.all(
      clients.map(async (c, s) => {
        const next = random(1000 + s);
        for (let i = 0; i < COMMANDS; i++) {
          if (i === WARM_UP) await barrier();
          const roll = next();
          const tag = `s${s}-${i}`;
          const rows = 1 + Math.floor(next() * 200);
          const command: ClientCommand =
            roll < 0.4
              ? { type: 'SaveDraft', sessionId: c.sessionId, sql: `select '${tag}'` }
              : roll < 0.6
                ? { type: 'RenameSession', sessionId: c.sessionId, title: `Soak ${tag}` }
                : roll < 0.9
                  ? {
                      type: 'StartQuery',
                      sessionId: c.sessionId,
                      sql:
                        // Both return exactly `rows` rows (seattle_weather has 1,461).
                        roll < 0.8 ? `select x, '${tag}' as tag from range(${rows}) t(x)` : `select * from seattle_weather where weather <> '${tag}' limit ${rows}`,
                    }
                  : { type: 'CancelQuery', sessionId: c.sessionId };
          const r = await c.dispatch(command);
          if (!r.ok) {
            refusals.set(r.error.code, (refusals.get(r.error.code) ?? 0) + 1);
            continue;
          }
          const { lastSeq } = r.value;
          if (command.type === 'SaveDraft') acked.push({ type: command.type, sessionId: c.sessionId, lastSeq, sql: command.sql });
          else if (command.type === 'RenameSession') acked.push({ type: command.type, sessionId: c.sessionId, lastSeq, title: command.title });
          else if (command.type === 'StartQuery') {
            acked.push({ type: command.type, sessionId: c.sessionId, lastSeq, queryId: r.value.queryId!, rows });
            if (next() < 0.75) await c.queryEnded(r.value.queryId!);
          }          else acked.push({ type: 'CancelQuery', sessionId: c.sessionId, lastSeq });
        }
      }),
    );
    await quiesce();
    const end = sample();
    const seconds = (performance.now() - started) / 1000;

    // Only the refusals the domain owes: a query already running, or nothing to cancel.
    expect([...refusals.keys()].filter((code) => code !== 'QUERY_IN_FLIGHT' && code !== 'NO_QUERY_RUNNING')).toEqual([]);

    // Streams: each client got exactly its session's events after its snapshot, in order, once each.
    const deadline = Date.now() + 10_000;
    const storeSeqs = (c: SoakClient) => core.store.readAggregate('QuerySession', c.sessionId).map((e) => e.globalSeq).filter((seq) => seq > c.snapshotSeq);
    while (clients.some((c) => c.streamedSeqs.length < storeSeqs(c).length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const c of clients) {
      expect(c.otherSessionEvents).toBe(0);
      expect(c.streamedSeqs).toEqual(storeSeqs(c));
    }
    const stales = clients.reduce((n, c) => n + c.stales, 0);
    for (const c of clients) c.client.transport.drop();
    await core.close();
    closed = true;

    // The store as raw SQLite sees it once the app is gone.
    const { integrity, events } = readRawStore(join(dir.path, 'events.sqlite'));
    expect(integrity).toBe('ok');
    expect(events.map((e) => e.global_seq)).toEqual(events.map((_, i) => i + 1));
    expect(sequenceProblems(events)).toEqual([]);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);

    // Every command appended once: its events sit together, in one aggregate, under one command id.
    const byCommand = new Map<string, RawEvent[]>();
    for (const e of events) {
      const commandId = (JSON.parse(e.metadata) as { commandId: string }).commandId;
      byCommand.set(commandId, [...(byCommand.get(commandId) ?? []), e]);
    }
    const split = [...byCommand.values()].filter((es) => es.some((e, i) => i > 0 && (e.global_seq !== es[i - 1]!.global_seq + 1 || e.aggregate_id !== es[0]!.aggregate_id)));
    expect(split).toEqual([]);

    // Every acknowledged command's event is there, at the seq its ack named, exactly once.
    const bySeq = new Map(events.map((e) => [e.global_seq, e]));
    const missing: string[] = [];
    for (const a of acked) {
      const e = bySeq.get(a.lastSeq);
      const payload = e ? (JSON.parse(e.payload) as Record<string, unknown>) : {};
      const expectedType = { SaveDraft: 'DraftSaved', RenameSession: 'SessionRenamed', StartQuery: 'QueryStarted', CancelQuery: 'QueryCancelled' }[a.type];
      const mine =
        e?.aggregate_id === a.sessionId &&
        e.event_type === expectedType &&
        (a.type === 'SaveDraft' ? payload['sql'] === a.sql : a.type === 'RenameSession' ? payload['title'] === a.title : a.type === 'StartQuery' ? payload['queryId'] === a.queryId : true);
      if (!mine) missing.push(`${a.type} acked at ${a.lastSeq} found ${e?.event_type}`);
    }
    expect(missing).toEqual([]);
    const drafts = acked.filter((a) => a.type === 'SaveDraft');
    const renames = acked.filter((a) => a.type === 'RenameSession');
    const starts = acked.filter((a) => a.type === 'StartQuery');
    const cancels = acked.filter((a) => a.type === 'CancelQuery');
    expect(events.filter((e) => e.event_type === 'DraftSaved')).toHaveLength(drafts.length);
    expect(events.filter((e) => e.event_type === 'SessionRenamed')).toHaveLength(renames.length);
    expect(events.filter((e) => e.event_type === 'QueryStarted')).toHaveLength(starts.length);
    expect(events.filter((e) => e.event_type === 'QueryCancelled')).toHaveLength(cancels.length);
    expect(new Set(events.filter((e) => e.event_type === 'DraftSaved').map((e) => e.payload)).size).toBe(drafts.length);
    expect(new Set(events.filter((e) => e.event_type === 'SessionRenamed').map((e) => e.payload)).size).toBe(renames.length);

    // Every query ended exactly once, as completed (with the rows it asked for) or cancelled; none failed.
    const ends = new Map<string, { type: string; rowCount?: number; error?: string }[]>();
    for (const e of events) {
      if (e.event_type !== 'QueryCompleted' && e.event_type !== 'QueryCancelled' && e.event_type !== 'QueryFailed') continue;
      const p = JSON.parse(e.payload) as { queryId: string; rowCount?: number; error?: { code: string; message: string } };
      ends.set(p.queryId, [...(ends.get(p.queryId) ?? []), { type: e.event_type, ...(p.rowCount !== undefined ? { rowCount: p.rowCount } : {}), ...(p.error ? { error: `${p.error.code}: ${p.error.message}` } : {}) }]);
    }
    const wrongEnds = starts.flatMap((q) => {
      const end = ends.get(q.queryId) ?? [];
      if (end.length !== 1) return [`${q.queryId}: ${end.length} ends`];
      const [only] = end;
      if (only!.type === 'QueryCompleted' && only!.rowCount !== q.rows) return [`${q.queryId}: ${only!.rowCount} rows, ${q.rows} asked`];
      return only!.type === 'QueryFailed' ? [`${q.queryId}: failed ${only!.error}`] : [];
    });
    expect(wrongEnds).toEqual([]);
    expect(ends.size).toBe(starts.length);
    const completed = [...ends.values()].filter((e) => e[0]!.type === 'QueryCompleted').length;
    expect(completed).toBeGreaterThan(starts.length / 2);

    const heapGrowth = end.heapUsed - warm!.heapUsed;
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(
      `soak: ${SESSIONS}×${COMMANDS} commands in ${seconds.toFixed(1)} s (${acked.length} acked, refused ${JSON.stringify(Object.fromEntries(refusals))}); ` +
        `${events.length} events; ${starts.length} queries (${completed} completed, ${starts.length - completed} cancelled); ${stales} stale resubscribes; ` +
        `heap after warm-up ${mb(warm!.heapUsed)} MB → end ${mb(end.heapUsed)} MB (growth ${mb(heapGrowth)} MB); rss ${mb(warm!.rss)} → ${mb(end.rss)} MB`,
    );
    expect(heapGrowth).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  }, 600_000);
});
