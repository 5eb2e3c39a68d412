import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/contracts/errors';
import type { WaitingToSave } from '../../../shared/contracts/frames';
import type { HistoryEntry } from '../../../shared/views/appView';
import { shownHistory, waitingOf } from './HistoryPanel';
import { phaseBadge } from './historyPhase';

const full = appError('e-full', 'STORE_FULL', 'The disk holding the event store /d/events.sqlite is full: nothing was stored. Free some space and try again; everything saved before is intact.');
const finished: WaitingToSave = { ending: 'completed', rowCount: 3, error: full };

describe('phaseBadge: a query in the history says how it stands', () => {
  it('given a query DuckDB has finished whose end the store refuses, then "waiting to save", the reason and what to do in its title', () => {
    expect(phaseBadge('Executing', finished)).toEqual({
      label: 'waiting to save',
      className: 'waiting',
      title: 'Finished (3\u00a0rows) — waiting to save: The disk is full. Free some space; Sextant saves it as soon as it can.',
    });
    expect(phaseBadge('Executing', { ending: 'failed', error: full }).title).toBe('Failed — waiting to save: The disk is full. Free some space; Sextant saves it as soon as it can.');
  });

  it('given the end stored (the progress frame not yet gone), then its ending, as any other', () => {
    expect(phaseBadge('Completed', finished)).toEqual({ label: 'completed', className: 'completed' });
    expect(phaseBadge('Failed', finished)).toEqual({ label: 'failed', className: 'failed' });
  });

  it('given a query still running, with nothing waiting, then "running"', () => {
    expect(phaseBadge('Executing', undefined)).toEqual({ label: 'running', className: 'executing' });
  });
});

describe('the history told of an end waiting for the store', () => {
  const entry = (queryId: string, phase: HistoryEntry['phase'], sql = `select '${queryId}'`) => ({ queryId, phase, sql, startedAt: '2026-12-05T10:00:00Z' }) as HistoryEntry;
  const entries = [entry('q1', 'Completed'), entry('q2', 'Executing')];

  it('given the latest query waiting, then only its row is told, not an older one', () => {
    const waits = waitingOf(entries, finished);
    expect(entries.map((h) => waits(h))).toEqual([undefined, finished]);
    expect(entries.map((h) => waitingOf(entries, undefined)(h))).toEqual([undefined, undefined]);
  });

  it('given a search for what its row says, then the waiting query is found, and no longer as "running"', () => {
    expect(shownHistory(entries, 'waiting', finished).map((h) => h.queryId)).toEqual(['q2']);
    expect(shownHistory(entries, 'running', finished)).toEqual([]);
    expect(shownHistory(entries, 'running').map((h) => h.queryId)).toEqual(['q2']);
  });
});
