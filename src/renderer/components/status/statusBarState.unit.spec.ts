import { describe, expect, it } from 'vitest';
import { appError, type AppError } from '../../../shared/contracts/errors';
import type { QueryProgress, WaitingToSave } from '../../../shared/contracts/frames';
import type { HistoryEntry } from '../../../shared/views/appView';
import { queuedText, standingRefusal, statusBarState, waitingToSaveText } from './statusBarState';

const full = appError('e-full', 'STORE_FULL', 'The disk holding the event store /d/events.sqlite is full: nothing was stored. Free some space and try again; everything saved before is intact.');
const readOnly = appError('e-ro', 'STORE_WRITE_FAILED', 'Writing to the event store /d/events.sqlite failed, nothing was stored: attempt to write a readonly database');

const query = (phase: HistoryEntry['phase'], queryId = 'q1'): HistoryEntry => ({ queryId, sql: 'select 1', phase, startedAt: '2025-01-01T00:00:00.000Z' }) as HistoryEntry;
const progress = (waitingToSave?: WaitingToSave, queryId = 'q1'): QueryProgress => ({
  kind: 'query',
  topic: 'session/s',
  sessionId: 's',
  queryId,
  elapsedMs: 1200,
  rowsAvailable: 1,
  ...(waitingToSave ? { waitingToSave } : {}),
});
const waitingCompletion = (error: AppError = full, rowCount = 1): WaitingToSave => ({ ending: 'completed', rowCount, error });

describe('waitingToSaveText: what the status bar says while a query’s end waits for the store', () => {
  it('given a completion refused for a full disk, then it says the query finished, with its rows, that the disk is full and what to do', () => {
    expect(waitingToSaveText(waitingCompletion(full, 1))).toBe('Finished (1\u00a0row) — waiting to save: The disk is full. Free some space; Sextant saves it as soon as it can.');
  });

  it('given many rows, then they are counted as everywhere else (grouped, plural)', () => {
    expect(waitingToSaveText(waitingCompletion(full, 3_000_000))).toMatch(/^Finished \(3,000,000\u00a0rows\) — waiting to save: /);
    expect(waitingToSaveText(waitingCompletion(full, 0))).toMatch(/^Finished \(0\u00a0rows\) — /);
  });

  it('given a store that cannot be written (read-only, a failing disk), then it says so and what to check', () => {
    expect(waitingToSaveText(waitingCompletion(readOnly))).toBe(
      'Finished (1\u00a0row) — waiting to save: The event store cannot be written (the disk may be full or failing, or the file read-only). Free some space or check the disk; Sextant saves it as soon as it can.',
    );
  });

  it('given a failure waiting to be saved, then it says the query failed, not finished', () => {
    expect(waitingToSaveText({ ending: 'failed', error: full })).toBe('Failed — waiting to save: The disk is full. Free some space; Sextant saves it as soon as it can.');
  });

  it('given a refusal this build has no words for, then the store’s own message says why', () => {
    const other = appError('e-x', 'STORE_UNAVAILABLE', 'The event store went away.');
    expect(waitingToSaveText(waitingCompletion(other))).toBe('Finished (1\u00a0row) — waiting to save: The event store went away; Sextant saves it as soon as it can.');
  });
});

describe('statusBarState: what the status bar shows, from the query, its progress and a refused command', () => {
  it('given an executing query whose end waits for the store, then the bar says so with the store’s error to copy, no ticking clock, and Cancel still works', () => {
    const state = statusBarState(query('Executing'), progress(waitingCompletion()), undefined);
    expect(state.says).toEqual({ kind: 'waiting', text: waitingToSaveText(waitingCompletion()), error: full });
    expect(state).toMatchObject({ className: 'statusbar executing waiting', meter: false, cancellable: true, cancelTitle: 'Cancel the query: its result, not saved yet, is dropped', copyId: full });
  });

  it('given a Run waiting for the connection to be sent, then the bar says so over the last outcome and an older refusal, with nothing to copy or cancel', () => {
    const older = appError('e-old', 'DISCONNECTED', 'Not connected to Sextant; reconnecting.');
    const state = statusBarState(query('Completed'), undefined, { command: 'StartQuery', error: older }, false, false, true);
    expect(state).toMatchObject({ says: { kind: 'sending' }, className: 'statusbar disconnected', meter: false, cancellable: false, copyId: undefined });
    // sent (or refused), the bar goes back to what it said
    expect(statusBarState(query('Completed'), undefined, undefined, false, false, false).says).toEqual({ kind: 'query', query: query('Completed') });
  });

  it('given an executing query with ordinary progress, then it is running: the clock ticks, nothing to copy', () => {
    expect(statusBarState(query('Executing'), progress(), undefined)).toEqual({ says: { kind: 'query', query: query('Executing') }, className: 'statusbar executing', meter: true, cancellable: true, cancelTitle: 'Cancel the running query', copyId: undefined });
  });

  it('given the end was stored (the query completed) while a waiting frame is still at hand, then the normal outcome replaces it', () => {
    const state = statusBarState(query('Completed'), progress(waitingCompletion()), undefined);
    expect(state).toEqual({ says: { kind: 'query', query: query('Completed') }, className: 'statusbar completed', meter: false, cancellable: false, cancelTitle: 'Cancel the running query', copyId: undefined });
  });

  it('given progress of another query, then it says nothing about this one', () => {
    expect(statusBarState(query('Executing'), progress(waitingCompletion(), 'q0'), undefined).says.kind).toBe('query');
  });

  it('given a refused command while the end waits, then the refusal, named, is what the bar says and copies, as for any refused command', () => {
    const refused = appError('e-cmd', 'STORE_FULL', 'The disk holding the event store is full: nothing was stored.');
    const state = statusBarState(query('Executing'), progress(waitingCompletion()), { command: 'OpenSession', error: refused });
    expect(state).toMatchObject({
      says: { kind: 'refused', text: 'New session not saved: The disk holding the event store is full: nothing was stored.', error: refused },
      className: 'statusbar executing refused',
      meter: false,
      cancellable: true,
      copyId: refused,
    });
  });

  it('given a rename refused while a query runs, then the bar names the rename, drawn as a refusal beside the query still running: its clock ticks, Cancel works', () => {
    const stale = appError('e-stale', 'VERSION_CONFLICT', 'This session changed in another window.');
    expect(statusBarState(query('Executing'), progress(), { command: 'RenameSession', error: stale })).toEqual({
      says: { kind: 'refused', text: 'Rename not saved: This session changed in another window.', error: stale },
      className: 'statusbar executing refused',
      meter: true,
      cancellable: true,
      cancelTitle: 'Cancel the running query',
      copyId: stale,
    });
  });

  it('given a command refused after a query completed, then the query is not drawn as failed: its phase stays, the refusal is marked as one', () => {
    const disk = appError('e-disk', 'STORE_FULL', 'The disk holding the event store /d is full: nothing was stored.');
    const state = statusBarState(query('Completed'), undefined, { command: 'CancelQuery', error: disk });
    expect(state.className).toBe('statusbar completed refused');
    expect(state.says).toEqual({ kind: 'refused', text: 'Cancel not saved: The disk holding the event store /d is full: nothing was stored.', error: disk });
  });

  it('given a failed query, then its failure is there to copy; given no query, then the bar is ready', () => {
    const failed = { ...query('Failed'), error: appError('e-sql', 'SQL_ERROR', 'no such table') } as HistoryEntry;
    expect(statusBarState(failed, undefined, undefined)).toMatchObject({ className: 'statusbar failed', copyId: failed.error, cancellable: false });
    expect(statusBarState(undefined, undefined, undefined)).toMatchObject({ says: { kind: 'ready' }, className: 'statusbar idle', meter: false, cancellable: false, copyId: undefined });
  });

  it('given DuckDB not running, then a session with no query says so with the id to copy, not "Ready"; a query shown is said as it is', () => {
    const down = appError('e-down', 'WORKER_CRASHED', 'Could not set lock on file');
    expect(statusBarState(undefined, undefined, undefined, false, true, false, down)).toMatchObject({
      says: { kind: 'duckdbDown', text: 'DuckDB is not running: queries cannot run.', error: down },
      className: 'statusbar idle',
      cancellable: false,
      copyId: down,
    });
    expect(statusBarState(query('Completed'), undefined, undefined, false, true, false, down).says).toEqual({ kind: 'query', query: query('Completed') });
  });

  it('given a completed result the grid cannot read, then its count is said as recorded, not as a success; other phases are as they are', () => {
    const done = query('Completed');
    expect(statusBarState(done, undefined, undefined, true)).toMatchObject({ says: { kind: 'query', query: done, recorded: true }, className: 'statusbar recorded' });
    expect(statusBarState(done, undefined, undefined, false)).toMatchObject({ says: { kind: 'query', query: done }, className: 'statusbar completed' });
    expect(statusBarState(done, undefined, undefined, false).says).not.toHaveProperty('recorded');
    expect(statusBarState(query('Cancelled'), undefined, undefined, true)).toMatchObject({ says: { kind: 'query' }, className: 'statusbar cancelled' });
  });
});

describe('a query waiting in the worker’s queue for other queries to finish', () => {
  const queuedAt = (position: number, queryId = 'q1'): QueryProgress => ({ kind: 'query', topic: 'session/s', sessionId: 's', queryId, elapsedMs: 5, queued: { waitsFor: 'queries', position } });

  it('given its place in line, then it says how many queries must finish first, with the plural right and the count grouped', () => {
    expect(queuedText({ waitsFor: 'queries', position: 1 })).toBe('Waiting for 1\u00a0query to finish…');
    expect(queuedText({ waitsFor: 'queries', position: 2 })).toBe('Waiting for 2\u00a0queries to finish…');
    expect(queuedText({ waitsFor: 'queries', position: 1234 })).toBe('Waiting for 1,234\u00a0queries to finish…');
  });

  it('given the worker restarting after a crash, then it says so, not a place behind queries that no longer run', () => {
    expect(queuedText({ waitsFor: 'restart' })).toBe('Waiting for the query engine to restart…');
  });

  it('given a pending query with a queued frame, then the bar says it waits, with no clock, and Cancel works', () => {
    expect(statusBarState(query('Pending'), queuedAt(2), undefined)).toEqual({
      says: { kind: 'queued', text: 'Waiting for 2\u00a0queries to finish…' },
      className: 'statusbar pending queued',
      meter: false,
      cancellable: true,
      cancelTitle: 'Cancel the query: it has not started, and never will',
      copyId: undefined,
    });
  });

  it('given the query began (Executing) while the queued frame is still the latest, then it runs: Running…, the clock ticks', () => {
    expect(statusBarState(query('Executing'), queuedAt(1), undefined)).toMatchObject({ says: { kind: 'query' }, className: 'statusbar executing', meter: true, cancellable: true });
  });

  it('given a queued frame of another query, or a cancelled query, or a lost connection, then it is not said', () => {
    expect(statusBarState(query('Pending'), queuedAt(1, 'q0'), undefined).says.kind).toBe('query');
    expect(statusBarState(query('Cancelled'), queuedAt(1), undefined)).toMatchObject({ says: { kind: 'query' }, cancellable: false });
    expect(statusBarState(query('Pending'), queuedAt(1), undefined, false, false).says).toEqual({ kind: 'disconnected' });
  });
});

describe('statusBarState with the connection to main lost', () => {
  it('given a query in flight (running, or its end waiting to be saved), then the bar says its state is unknown: no clock or bar, Cancel disabled and why', () => {
    for (const p of [progress(), progress(waitingCompletion())]) {
      expect(statusBarState(query('Executing'), p, undefined, false, false)).toEqual({
        says: { kind: 'disconnected' },
        className: 'statusbar disconnected',
        meter: false,
        cancellable: false,
        cancelTitle: 'Cannot cancel: the connection to Sextant is lost',
        copyId: undefined,
      });
    }
    expect(statusBarState(query('Pending'), undefined, undefined, false, false).says).toEqual({ kind: 'disconnected' });
  });

  it('given the connection is back (the replay shows the real outcome), then the bar says that outcome', () => {
    const failed = { ...query('Failed'), error: appError('e-int', 'INTERRUPTED', 'Sextant stopped while this query was running.') } as HistoryEntry;
    expect(statusBarState(failed, undefined, undefined, false, true)).toMatchObject({ says: { kind: 'query', query: failed }, className: 'statusbar failed', copyId: failed.error });
    expect(statusBarState(query('Executing'), progress(), undefined, false, true)).toMatchObject({ says: { kind: 'query' }, meter: true, cancellable: true });
  });

  it('given a settled query, then it stays as it is: nothing about it changes while the connection is away', () => {
    expect(statusBarState(query('Completed'), undefined, undefined, false, false)).toMatchObject({ says: { kind: 'query', query: query('Completed') }, className: 'statusbar completed', cancellable: false });
  });
});

describe('standingRefusal: an older command refusal gives way to a newer state of the session', () => {
  const stale = { command: 'RenameSession', error: appError('e-stale', 'VERSION_CONFLICT', 'This session changed in another window.') } as const;
  const undo = { command: 'Undo', error: appError('e-undo', 'NOTHING_TO_UNDO', 'That action is no longer the last one to undo; the view was out of date.') } as const;
  const done = query('Completed');

  it('given a refusal while the latest query is as it was then, then the bar still says the refusal', () => {
    expect(standingRefusal({ refusal: stale, against: done }, done)).toBe(stale);
    expect(standingRefusal({ refusal: stale, against: undefined }, undefined)).toBe(stale);
  });

  it('given another window then starts a query, then the bar says the query (Running…), not the refusal', () => {
    const running = query('Executing', 'q2');
    expect(standingRefusal({ refusal: stale, against: done }, running)).toBeUndefined();
    expect(statusBarState(running, undefined, standingRefusal({ refusal: stale, against: done }, running))).toMatchObject({ says: { kind: 'query', query: running }, className: 'statusbar executing', copyId: undefined });
  });

  it('given the latest query changed since (its phase, or a sort or chart on it: a new entry), then the refused undo gives way to the result’s own line', () => {
    const sorted = { ...done, view: { orderBy: [{ column: 0, descending: false }], filter: [] } } as HistoryEntry;
    expect(standingRefusal({ refusal: undo, against: done }, sorted)).toBeUndefined();
    expect(standingRefusal({ refusal: undo, against: query('Executing') }, done)).toBeUndefined();
  });

  it('given no refusal, then none', () => {
    expect(standingRefusal(undefined, done)).toBeUndefined();
  });

  it('given the person dismissed it (its close button, Escape), then the bar says the query again; a newer refusal is said', () => {
    expect(standingRefusal({ refusal: stale, against: done }, done, stale)).toBeUndefined();
    expect(statusBarState(done, undefined, standingRefusal({ refusal: stale, against: done }, done, stale))).toMatchObject({ says: { kind: 'query', query: done }, className: 'statusbar completed' });
    expect(standingRefusal({ refusal: undo, against: done }, done, stale)).toBe(undo);
  });
});
