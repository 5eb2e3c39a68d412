import { describe, expect, it } from 'vitest';
import { appError } from '../../shared/contracts/errors';
import type { EndCommand } from './queryEnds';
import { producingHooks, waitingFields, type ProgressFields } from './resultProgress';
import { producing, type ResultEntry } from './resultState';

const refusal = { ...appError('e1', 'STORE_FULL', 'The disk holding the event store /d is full: nothing was stored.'), cause: { code: 'SQLITE_FULL', message: 'database or disk is full', stack: 'at …' } };
const complete: EndCommand = { type: 'CompleteQuery', sessionId: 's', queryId: 'q', rowCount: 3, columns: [{ name: 'x', type: 'INTEGER' }], durationMs: 12 };

describe('waitingFields: the progress of a query whose end waits for the store', () => {
  it('given a refused completion, then it says so with the rows, the store’s code, message and id (no cause or stack), the rows still pageable, and the time since the query started', () => {
    const fields = waitingFields({ kind: 'producing', available: 3 }, complete, refusal, '2025-01-01T00:00:00.000Z', Date.parse('2025-01-01T00:00:05.000Z'));
    expect(fields).toEqual({
      elapsedMs: 5000,
      rowsAvailable: 3,
      waitingToSave: { ending: 'completed', rowCount: 3, error: { id: 'e1', code: 'STORE_FULL', message: refusal.message } },
    });
  });

  it('given a refused failure of a query the runner has no rows of (a start failing it INTERRUPTED), then it says a failure waits, without rows', () => {
    const fail: EndCommand = { type: 'FailQuery', sessionId: 's', queryId: 'q', error: appError('e0', 'INTERRUPTED', 'Sextant stopped while this query was running.') };
    expect(waitingFields(undefined, fail, refusal, undefined)).toEqual({ elapsedMs: 0, waitingToSave: { ending: 'failed', error: { id: 'e1', code: 'STORE_FULL', message: refusal.message } } });
  });
});

describe('producingHooks: the frames of a query while it waits for a free slot', () => {
  const entry = (): ResultEntry => ({ queryId: 'q', sessionId: 's', sql: 'select 1', table: 'q_q', rows: producing(), views: new Map() });

  it('given it is queued and moves up, then each place is published, and as it begins one frame without a place says it runs', () => {
    const frames: ProgressFields[] = [];
    let began = 0;
    const hooks = producingHooks(entry(), (p) => frames.push(p), () => began++);
    hooks.onQueued?.({ waitsFor: 'queries', position: 3 });
    hooks.onQueued?.({ waitsFor: 'restart' });
    hooks.onQueued?.({ waitsFor: 'queries', position: 1 });
    hooks.onBegan();
    expect(frames.map((f) => f.queued)).toEqual([{ waitsFor: 'queries', position: 3 }, { waitsFor: 'restart' }, { waitsFor: 'queries', position: 1 }, undefined]);
    expect(frames.at(-1)).not.toHaveProperty('queued');
    expect(began).toBe(1);
  });

  it('given it starts at once, then beginning publishes nothing (its ticks say it runs)', () => {
    const frames: ProgressFields[] = [];
    producingHooks(entry(), (p) => frames.push(p)).onBegan();
    expect(frames).toEqual([]);
  });
});
