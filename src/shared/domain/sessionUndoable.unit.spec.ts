import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import { deciderUndo } from './sessionUndo';
import { sessionUndoEntry, type SessionUndoable, type SessionUndoRecorders } from './sessionUndoable';
import { undoableEvents } from './undoable';

const sessionUndoable = Object.entries(undoableEvents)
  .filter(([, aggregate]) => aggregate === 'QuerySession')
  .map(([type]) => type as SessionUndoable)
  .sort();

/** A table that records each event as its type, to see which recorder the one dispatch calls. */
const byType = Object.fromEntries(sessionUndoable.map((type) => [type, (_s: unknown, e: SessionEvent, at: number) => `${e.type}@${at}`])) as unknown as SessionUndoRecorders<unknown, number, string>;

describe('recording an undoable session action', () => {
  it('is one dispatch over one table per fold, which names every undoable session event', () => {
    expect(Object.keys(deciderUndo).sort()).toEqual(sessionUndoable);
    expect(sessionUndoEntry(byType, {}, { type: 'SessionRenamed', payload: { title: 't' } } as SessionEvent, 3)).toBe('SessionRenamed@3');
    expect(sessionUndoEntry(byType, {}, { type: 'PivotSet', payload: { queryId: 'q', spec: null } } as unknown as SessionEvent, 4)).toBe('PivotSet@4');
    // A saved draft is no action to take back.
    expect(sessionUndoEntry(byType, {}, { type: 'DraftSaved', payload: { sql: '' } } as SessionEvent, 5)).toBeUndefined();

    // @ts-expect-error a fold that records no PivotSet does not compile (the view's and the decider's tables alike)
    const partial: SessionUndoRecorders<unknown, number, string> = {
      SessionRenamed: () => 'r',
      SessionClosed: () => 'c',
      SessionReopened: () => 'o',
      ResultViewSet: () => 'v',
      ChartSet: () => 'ch',
    };
    expect(partial).toBeDefined();
  });
});
