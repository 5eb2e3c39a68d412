import { describe, expect, it } from 'vitest';
import type { SessionCommand } from '../contracts/commands';
import type { SessionEvent } from '../contracts/events';
import { fold, isRejection } from './decider';
import { querySessionDecider } from './querySession';
import { overwritesLaterChange } from './staleEdit';

/**
 * The version rule, given/when/then: given what the window saw (its version is their count) and
 * what was recorded since, when it sends a command carrying that version, then the handler either
 * decides it on the current state or refuses it (VERSION_CONFLICT, nothing appended).
 */
function given(seen: readonly SessionEvent[]) {
  return {
    since(later: readonly SessionEvent[]) {
      return {
        when(command: SessionCommand) {
          const outcome = () =>
            overwritesLaterChange(command, later, (seq) => [...seen, ...later][seq - 1]) ? 'refused' : querySessionDecider.decide(command, fold(querySessionDecider, [...seen, ...later]));
          return {
            then: (events: readonly SessionEvent[]) => {
              const result = outcome();
              expect(result === 'refused' || isRejection(result) ? result : [...result]).toEqual(events);
            },
            thenRefused: () => expect(outcome()).toBe('refused'),
          };
        },
      };
    },
  };
}

const sessionId = 's1';
const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'Session 1' } };
const draft = (sql: string): SessionEvent => ({ type: 'DraftSaved', payload: { sql } });
const renamed = (title: string): SessionEvent => ({ type: 'SessionRenamed', payload: { title } });
const started: SessionEvent = { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } };
const began: SessionEvent = { type: 'ExecutionBegan', payload: { queryId: 'q1' } };
const completed = (queryId: string): SessionEvent => ({ type: 'QueryCompleted', payload: { queryId, rowCount: 1, columns: [{ name: 'a', type: 'INTEGER' }], durationMs: 1 } });
const activated: SessionEvent = { type: 'SessionActivated', payload: {} };
const sorted = (queryId: string): SessionEvent => ({ type: 'ResultViewSet', payload: { queryId, orderBy: [{ column: 0, descending: true }], filter: [] } });
const saveDraft = (sql: string, expectedVersion: number): SessionCommand => ({ type: 'SaveDraft', sessionId, sql, expectedVersion });

describe('the version rule: an edit decided on a stale view never overwrites a newer one', () => {
  it('a draft saved over a draft another window saved since is refused', () =>
    given([opened]).since([draft('select 2')]).when(saveDraft('select 1', 1)).thenRefused());
  it('a draft decided on the current version is saved', () =>
    given([opened, draft('select 2')]).since([]).when(saveDraft('select 1', 2)).then([draft('select 1')]));
  it('a query that ran and finished since does not refuse a draft: nothing of the person is overwritten', () =>
    given([opened]).since([started, began, completed('q1'), activated]).when(saveDraft('select 9', 1)).then([draft('select 9')]));
  it('a rename over a newer name is refused', () =>
    given([opened]).since([renamed('Flights')]).when({ type: 'RenameSession', sessionId, title: 'Cars', expectedVersion: 1 }).thenRefused());
  it('a rename after another window only saved a draft goes through', () =>
    given([opened]).since([draft('select 2')]).when({ type: 'RenameSession', sessionId, title: 'Cars', expectedVersion: 1 }).then([renamed('Cars')]));
  it('a draft after another window only renamed the session goes through', () =>
    given([opened]).since([renamed('Flights')]).when(saveDraft('select 3', 1)).then([draft('select 3')]));
  it("a result's sort over a newer sort of the same result is refused, of another result not", () => {
    const history = [opened, started, began, completed('q1'), { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select 2' } } as SessionEvent, { type: 'ExecutionBegan', payload: { queryId: 'q2' } } as SessionEvent, completed('q2')];
    const setView = (queryId: string): SessionCommand => ({ type: 'SetResultView', sessionId, queryId, orderBy: [{ column: 0, descending: false }], filter: [], expectedVersion: history.length });
    given(history).since([sorted('q1')]).when(setView('q1')).thenRefused();
    given(history).since([sorted('q1')]).when(setView('q2')).then([{ type: 'ResultViewSet', payload: { queryId: 'q2', orderBy: [{ column: 0, descending: false }], filter: [] } }]);
  });
  it('a rename over a name another window brought back by undo or redo is refused', () => {
    const undone: SessionEvent = { type: 'ActionUndone', payload: { seq: 2 } };
    const redone: SessionEvent = { type: 'ActionRedone', payload: { seq: 2 } };
    const rename = (expectedVersion: number): SessionCommand => ({ type: 'RenameSession', sessionId, title: 'Cars', expectedVersion });
    given([opened, renamed('Flights')]).since([undone]).when(rename(2)).thenRefused();
    given([opened, renamed('Flights'), undone]).since([redone]).when(rename(3)).thenRefused();
  });
  it("a result's sort over one another window's undo brought back is refused; an undo of something else refuses nothing", () => {
    const history = [opened, started, began, completed('q1'), sorted('q1'), renamed('Flights')];
    const undoRename: SessionEvent = { type: 'ActionUndone', payload: { seq: 6 } };
    const undoSort: SessionEvent = { type: 'ActionUndone', payload: { seq: 5 } };
    const setView: SessionCommand = { type: 'SetResultView', sessionId, queryId: 'q1', orderBy: [], filter: [{ column: 0, op: 'eq', value: '1' }], expectedVersion: history.length + 1 };
    given([...history, undoRename]).since([undoSort]).when(setView).thenRefused();
    given(history).since([undoRename]).when({ ...setView, expectedVersion: history.length }).then([{ type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [], filter: [{ column: 0, op: 'eq', value: '1' }] } }]);
  });
  it('running and cancelling carry no version and are never refused for a concurrent edit', () => {
    expect(overwritesLaterChange({ type: 'StartQuery', sessionId, queryId: 'q3', sql: 'select 1' }, [draft('x'), renamed('y')])).toBe(false);
    expect(overwritesLaterChange({ type: 'CancelQuery', sessionId, reason: 'cancelled by user' }, [draft('x'), started])).toBe(false);
    expect(overwritesLaterChange({ type: 'ActivateSession', sessionId }, [activated, draft('x')])).toBe(false);
  });
});
