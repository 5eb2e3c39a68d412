import type { EventEnvelope } from '../../src/shared/contracts/events';
import type { Frame, Progress } from '../../src/shared/contracts/frames';
import type { TestCore } from './testCore';
import type { Result } from '../../src/shared/contracts/errors';
import { ProtocolClient } from './protocolClient';

/** Resolves with the first published event `pick` maps to something; rejects after `timeoutMs`. */
export function waitForEvent<T>(core: TestCore, pick: (e: EventEnvelope) => T | undefined, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for an event'));
    }, timeoutMs);
    const off = core.onEvent((event) => {
      const hit = pick(event);
      if (hit !== undefined) {
        clearTimeout(timer);
        off();
        resolve(hit);
      }
    });
  });
}

type QueryEnd = Extract<EventEnvelope, { type: 'QueryCompleted' | 'QueryFailed' | 'QueryCancelled' }>;

/** The end of a query: whichever of QueryCompleted / QueryFailed / QueryCancelled is (or gets) stored for it. */
export async function queryEnd(core: TestCore, sessionId: string, queryId: string, timeoutMs?: number): Promise<QueryEnd> {
  const match = (e: EventEnvelope): QueryEnd | undefined =>
    (e.type === 'QueryCompleted' || e.type === 'QueryFailed' || e.type === 'QueryCancelled') && e.payload.queryId === queryId ? e : undefined;
  const live = waitForEvent(core, match, timeoutMs);
  const stored = core.store.readAggregate('QuerySession', sessionId).map(match).find((e) => e !== undefined);
  if (stored) {
    live.catch(() => undefined);
    return stored;
  }
  return live;
}

/** A client speaking the wire protocol to AppCore.connect, recording every frame it is sent. */
export function recordingClient(core: TestCore): {
  conn: { handle(request: unknown): Promise<Result<unknown>>; close(): void };
  frames: Frame[];
  progress(): Progress[];
} {
  const client = new ProtocolClient((channel) => core.connect(channel));
  return {
    conn: { handle: (request) => client.request(request), close: () => client.transport.drop() },
    frames: client.frames,
    progress: () => client.frames.flatMap((f) => (f.kind === 'progress' ? [f.progress] : [])),
  };
}

/** Opens a new session and returns its id. */
export async function openSession(core: TestCore): Promise<string> {
  const opened = await core.dispatch({ type: 'OpenSession' });
  if (!opened.ok) throw new Error(`OpenSession refused: ${opened.error.message}`);
  return opened.value.aggregateId;
}

/** Starts a query in a session and returns its id. */
export async function startQuery(core: TestCore, sessionId: string, sql: string): Promise<string> {
  const ack = await core.dispatch({ type: 'StartQuery', sessionId, sql });
  if (!ack.ok) throw new Error(`StartQuery refused: ${ack.error.message}`);
  return ack.value.queryId!;
}

/** Resolves once DuckDB has begun executing the query (ExecutionBegan is in main's view). */
export async function untilExecuting(core: TestCore, sessionId: string, queryId: string, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const h = core.view().sessions[sessionId]?.history.find((q) => q.queryId === queryId);
    if (h?.phase === 'Executing') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('query never began');
}
