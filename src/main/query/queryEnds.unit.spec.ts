import { describe, expect, it } from 'vitest';
import type { CommandMeta } from '../../shared/contracts/commands';
import { appError, fail, ok, type ErrorCode, type Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import { recordingLogger } from '../../../test/support/recordingLogger';
import type { SessionView } from '../../shared/views/appView';
import { silentLogger } from '../platform/logger';
import { QueryEnds, type EndCommand } from './queryEnds';

const meta: CommandMeta = { commandId: 'c1', correlationId: 'k1', issuedBy: 'system' };
const complete: EndCommand = { type: 'CompleteQuery', sessionId: 's', queryId: 'q', rowCount: 1, columns: [{ name: 'x', type: 'INTEGER' }], durationMs: 1 };
const refused = (code: ErrorCode, id = `e-${code}`): Result<EventEnvelope[]> => fail(appError(id, code, `${code} message`));
const stored: Result<EventEnvelope[]> = ok([]);

/** A handler that answers each attempt with the next of `answers` (the last one repeats), noting the metadata it was given. */
function handler(...answers: Result<EventEnvelope[]>[]) {
  const metas: CommandMeta[] = [];
  return {
    metas,
    handle: (_command: unknown, m: CommandMeta) => {
      metas.push(m);
      return Promise.resolve(answers[Math.min(metas.length, answers.length) - 1]!);
    },
  };
}

describe('QueryEnds: a query’s end the store refused is issued again until it is stored or cannot be', () => {
  it('given the store refuses twice (full, then read-only), when it takes writes again, then the end is stored, under one command id', async () => {
    const h = handler(refused('STORE_FULL'), refused('STORE_WRITE_FAILED'), stored);
    expect(await new QueryEnds(h, silentLogger(), undefined, 1, 4).record(complete, meta)).toBeUndefined();
    expect(h.metas.map((m) => m.commandId)).toEqual(['c1', 'c1', 'c1']);
  });

  it('given a cancel was stored first, when the end is tried again, then it stops at the refusal (the query ended once, cancelled)', async () => {
    const h = handler(refused('STORE_FULL'), refused('QUERY_MISMATCH'), stored);
    expect(await new QueryEnds(h, silentLogger(), undefined, 1, 4).record(complete, meta)).toBeUndefined();
    expect(h.metas).toHaveLength(2);
  });

  it('given the store refuses twice, then each refusal is told as the end waiting for the store, with its own error id, and nothing once it is stored', async () => {
    const h = handler(refused('STORE_FULL', 'e1'), refused('STORE_WRITE_FAILED', 'e2'), stored);
    const told: string[] = [];
    await new QueryEnds(h, silentLogger(), (command, error) => told.push(`${command.type} ${error.code} ${error.id}`), 1, 4).record(complete, meta);
    expect(told).toEqual(['CompleteQuery STORE_FULL e1', 'CompleteQuery STORE_WRITE_FAILED e2']);
  });

  it('given a refusal no retry changes (payload too large, a cancel stored first), then nothing waits and nothing is told', async () => {
    const told: string[] = [];
    const ends = new QueryEnds(handler(refused('PAYLOAD_TOO_LARGE'), refused('QUERY_MISMATCH')), silentLogger(), (_c, error) => told.push(error.code), 1, 4);
    await ends.record(complete, meta);
    await ends.record(complete, meta);
    expect(told).toEqual([]);
  });

  it('given a closed session, then nothing is retried or reported', async () => {
    const h = handler(refused('SESSION_CLOSED'));
    expect(await new QueryEnds(h, silentLogger(), undefined, 1, 4).record(complete, meta)).toBeUndefined();
    expect(h.metas).toHaveLength(1);
  });

  it('given a refusal about the command itself (past the payload limit), then it is not retried but handed back to fail the query with', async () => {
    const h = handler(refused('PAYLOAD_TOO_LARGE', 'too-big'));
    expect(await new QueryEnds(h, silentLogger(), undefined, 1, 4).record(complete, meta)).toMatchObject({ id: 'too-big', code: 'PAYLOAD_TOO_LARGE' });
    expect(h.metas).toHaveLength(1);
  });

  it('given an attempt already made, then its answer is taken, not issued again', async () => {
    const h = handler(stored);
    expect(await new QueryEnds(h, silentLogger(), undefined, 1, 4).record(complete, meta, refused('STORE_FULL'))).toBeUndefined();
    expect(h.metas).toHaveLength(1);
  });

  it('given a long pause, when something is stored (wake), then the end is tried at once', async () => {
    const h = handler(refused('STORE_FULL'), stored);
    const ends = new QueryEnds(h, silentLogger(), undefined, 60_000, 60_000);
    const done = ends.record(complete, meta);
    await new Promise((r) => setTimeout(r, 5));
    expect(h.metas).toHaveLength(1);
    ends.wake();
    expect(await done).toBeUndefined();
    expect(h.metas).toHaveLength(2);
  });

  it('given a stop, then the waiting end gives up (the next start settles the query) and no further end is retried', async () => {
    const h = handler(refused('STORE_FULL'));
    const ends = new QueryEnds(h, silentLogger(), undefined, 60_000, 60_000);
    const done = ends.record(complete, meta);
    await new Promise((r) => setTimeout(r, 5));
    ends.stop();
    expect(await done).toBeUndefined();
    expect(await ends.record(complete, meta)).toBeUndefined();
    expect(h.metas).toHaveLength(2);
  });
});

describe('QueryEnds.failInterrupted: a query Sextant stopped while it ran', () => {
  it('given a session whose last query was executing, when the next start fails it, then its error id is in the log', async () => {
    const { log, errors } = recordingLogger('info');
    const session = { id: 's1', history: [{ queryId: 'q1', phase: 'Executing' }] } as unknown as SessionView;
    const h = handler(stored);
    const commands: EndCommand[] = [];
    const ends = new QueryEnds({ handle: (c, m) => (commands.push(c as EndCommand), h.handle(c, m)) }, log, undefined, 1, 4);
    expect(await ends.failInterrupted([session], () => {})).toEqual(['q1']);
    const error = commands[0]?.type === 'FailQuery' ? commands[0].error : undefined;
    expect(errors.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ errorId: error?.id, code: 'INTERRUPTED', queryId: 'q1', msg: 'Sextant stopped while this query was running.' })]);
  });
});
