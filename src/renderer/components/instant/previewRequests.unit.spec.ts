import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError, fail, ok, type Result } from '../../../shared/contracts/errors';
import type { PreviewAnswer } from '../../../shared/instant/preview';
import { PreviewRequests } from './previewRequests';
import { initialPreview, previewReducer, type PreviewAction } from './previewState';

const rows = (sql: string): PreviewAnswer => ({ kind: 'rows', statement: { from: 0, to: sql.length }, steps: [], columns: [{ name: 'sql', type: 'VARCHAR' }], values: [[sql]] });

/**
 * A fake main: previews wait until the test answers them; cancelPreview interrupts the one waiting,
 * as main does, unless `interrupts` is false (main had answered just before the cancel arrived).
 */
function fakeMain(interrupts = true) {
  const calls: { sql: string; cursor: number; answer(r: Result<PreviewAnswer>): void }[] = [];
  const cancels: string[] = [];
  let running: ((r: Result<PreviewAnswer>) => void) | undefined;
  const api = {
    previewSql: vi.fn((_session: string, sql: string, cursor: number) =>
      new Promise<Result<PreviewAnswer>>((resolve) => {
        running = resolve;
        calls.push({ sql, cursor, answer: resolve });
      }),
    ),
    cancelPreview: vi.fn((sessionId: string) => {
      cancels.push(sessionId);
      if (interrupts) running?.(fail(appError('e-int', 'INTERRUPTED', 'interrupted')));
      running = undefined;
      return Promise.resolve(ok({ cancelled: true }));
    }),
  };
  return { api, calls, cancels };
}

function setup(interrupts = true) {
  const main = fakeMain(interrupts);
  const actions: PreviewAction[] = [];
  const requests = new PreviewRequests(main.api, 's1', (a) => actions.push(a), 150);
  const shown = () => actions.reduce(previewReducer, initialPreview);
  return { ...main, requests, shown };
}

describe('instant preview requests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once per pause in typing, for the last text and cursor', () => {
    const { requests, calls } = setup();
    for (const sql of ['s', 'se', 'sel', 'select 1']) {
      requests.edited({ sql, cursor: sql.length });
      vi.advanceTimersByTime(100);
    }
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(calls.map((c) => [c.sql, c.cursor])).toEqual([['select 1', 8]]);
  });

  it('does not ask again for the same text and cursor', () => {
    const { requests, calls } = setup();
    requests.now({ sql: 'select 1', cursor: 3 });
    requests.edited({ sql: 'select 1', cursor: 3 });
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(1);
  });

  it('a keystroke cancels the preview running, so at most one is in flight, and the newest answer is shown', async () => {
    const { requests, calls, cancels, shown } = setup();
    requests.now({ sql: 'select 1', cursor: 8 });
    requests.edited({ sql: 'select 12', cursor: 9 });
    expect(cancels).toEqual(['s1']); // at the keystroke, not a pause later
    vi.advanceTimersByTime(150);
    expect(calls).toHaveLength(2);
    calls[1]!.answer(ok(rows('select 12')));
    await vi.runAllTimersAsync();
    expect(shown().rows).toEqual(rows('select 12'));
    expect(cancels).toHaveLength(1); // nothing was running at the second request: no needless cancel
  });

  it('shows no late answer of an older request, even when main did not interrupt it', async () => {
    const { requests, calls, shown } = setup();
    requests.now({ sql: 'select 1', cursor: 8 });
    const older = calls[0]!;
    requests.now({ sql: 'select 2', cursor: 8 });
    calls[1]!.answer(ok(rows('select 2')));
    older.answer(ok(rows('select 1')));
    await vi.runAllTimersAsync();
    expect(shown().rows).toEqual(rows('select 2'));
  });

  it('stop (Run, switch off) cancels the running preview and the one waiting; its late answer is dropped', async () => {
    const { requests, calls, cancels, shown } = setup(false);
    requests.now({ sql: 'select 1', cursor: 8 });
    const running = calls[0]!;
    requests.edited({ sql: 'select 12', cursor: 9 });
    requests.stop();
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(1);
    expect(cancels).toEqual(['s1']);
    running.answer(ok(rows('select 1'))); // main answered anyway
    await vi.runAllTimersAsync();
    expect(shown()).toMatchObject({ rows: undefined, pending: false });
    // and the same place is asked again after a stop
    requests.now({ sql: 'select 12', cursor: 9 });
    expect(calls).toHaveLength(2);
  });
});
