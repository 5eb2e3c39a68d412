import { describe, expect, it } from 'vitest';
import type { ResultView } from '../../../shared/domain/resultView';
import { afterProjection, afterRecord, requested, shownView, type PendingView } from './pendingView';

const plain: ResultView = { orderBy: [], filter: [] };
const asc: ResultView = { orderBy: [{ column: 0, descending: false }], filter: [] };
const desc: ResultView = { orderBy: [{ column: 0, descending: true }], filter: [] };
const other: ResultView = { orderBy: [], filter: [{ column: 1, op: 'eq', value: 'SEA' }] };
const pending = (view: ResultView, acked = false): PendingView => ({ view, acked, earlier: [] });

describe('the view the grid shows while a click is being recorded', () => {
  it('given no click waiting, then it shows the session’s view', () => {
    expect(shownView(undefined, asc)).toBe(asc);
  });

  it('given a click the session has not projected yet, then it shows the clicked view at once', () => {
    expect(shownView(pending(asc), plain)).toBe(asc);
  });

  it('given a click, when the session projects it, then nothing waits any more', () => {
    expect(afterProjection(pending(asc), asc)).toBeUndefined();
  });

  it('given two quick clicks (asc, then desc), when the first is projected, then the second still shows', () => {
    const second = pending(desc);
    expect(afterProjection(second, asc)).toBe(second);
    expect(shownView(second, asc)).toBe(desc);
  });

  it('given our click was stored, when the session projects another window’s newer view, then that view wins', () => {
    const mine = pending(asc);
    const acked = afterRecord(mine, mine, true);
    expect(acked).toEqual({ view: asc, acked: true, earlier: [] });
    expect(afterProjection(acked, other)).toBeUndefined();
    expect(shownView(afterProjection(acked, other), other)).toBe(other);
  });

  it('given a click, when the session refuses it, then the grid goes back to the session’s view', () => {
    const mine = pending(asc);
    const after = afterRecord(mine, mine, false);
    expect(after).toBeUndefined();
    expect(shownView(after, plain)).toBe(plain);
  });

  it('given a newer click, when the older one’s answer arrives, then the newer one keeps waiting', () => {
    const older = pending(asc);
    const newer = pending(desc);
    expect(afterRecord(newer, older, false)).toBe(newer);
    expect(afterRecord(newer, older, true)).toBe(newer);
  });

  it('given clicks asc, desc, then a filter, the last one stored, when the first two are projected late, then the last one stays shown until it is', () => {
    // a held key records every release: the answer to the last can overtake the events of the first
    const last = requested(requested(requested(undefined, asc), desc), other);
    const acked = afterRecord(last, last, true);
    expect(afterProjection(acked, asc)).toBe(acked);
    expect(afterProjection(acked, desc)).toBe(acked);
    expect(shownView(acked, desc)).toBe(other);
    expect(afterProjection(acked, other)).toBeUndefined();
    // a view that is none of ours, after ours was stored, is another window's: it wins
    expect(afterProjection(acked, { orderBy: [{ column: 2, descending: false }], filter: [] })).toBeUndefined();
  });
});
