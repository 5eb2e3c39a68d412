import { describe, expect, it } from 'vitest';
import type { DatasetEvent, SessionEvent } from '../contracts/events';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { datasetDecider } from './dataset';
import { fold } from './decider';
import { querySessionDecider } from './querySession';
import { UNDO_DEPTH } from './undoable';

const session = deciderSpec(querySessionDecider);
const dataset = deciderSpec(datasetDecider);
const columns = [{ name: 'x', type: 'INTEGER' }];

const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'Session 1' } };
const renamed = (title: string): SessionEvent => ({ type: 'SessionRenamed', payload: { title } });
const closed: SessionEvent = { type: 'SessionClosed', payload: {} };
const reopened: SessionEvent = { type: 'SessionReopened', payload: {} };
const started = (queryId = 'q1'): SessionEvent => ({ type: 'QueryStarted', payload: { queryId, sql: 'select 1' } });
const completed = (queryId = 'q1'): SessionEvent => ({ type: 'QueryCompleted', payload: { queryId, rowCount: 1, columns, durationMs: 3 } });
const sorted: SessionEvent = { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 0 }], filter: [] } };
const undone = (seq: number) => ({ type: 'ActionUndone' as const, payload: { seq } });
const redone = (seq: number) => ({ type: 'ActionRedone' as const, payload: { seq } });
const undo = (seq: number) => ({ type: 'UndoSessionAction' as const, sessionId: 's1', seq });
const redo = (seq: number) => ({ type: 'RedoSessionAction' as const, sessionId: 's1', seq });

describe('session undo and redo', () => {
  it('undoes the latest undoable action, named by its seq', () => {
    // seq 1 opened, 2 renamed
    session.given([opened, renamed('Delays')]).when(undo(2)).then([undone(2)]);
  });

  it('refuses an undo that is not the top of the stack: a stale window cannot undo the wrong thing', () => {
    session.given([opened, renamed('A'), renamed('B')]).when(undo(2)).thenRejects('NOTHING_TO_UNDO');
    session.given([opened]).when(undo(1)).thenRejects('NOTHING_TO_UNDO');
  });

  it('does not undo what is not in the table: running a query, saving a draft', () => {
    session.given([opened, started(), completed(), { type: 'DraftSaved', payload: { sql: 'x' } }]).when(undo(4)).thenRejects('NOTHING_TO_UNDO');
  });

  it('undoes in stack order, older actions after newer ones', () => {
    session.given([opened, renamed('A'), renamed('B'), undone(3)]).when(undo(2)).then([undone(2)]);
  });

  it('redoes the action undone last, and only that', () => {
    session.given([opened, renamed('A'), renamed('B'), undone(3), undone(2)]).when(redo(2)).then([redone(2)]);
    session.given([opened, renamed('A'), renamed('B'), undone(3), undone(2)]).when(redo(3)).thenRejects('NOTHING_TO_REDO');
    session.given([opened, renamed('A')]).when(redo(2)).thenRejects('NOTHING_TO_REDO');
  });

  it('a new undoable action clears the redo stack; a non-undoable one does not', () => {
    session.given([opened, renamed('A'), undone(2), renamed('C')]).when(redo(2)).thenRejects('NOTHING_TO_REDO');
    session.given([opened, renamed('A'), undone(2), { type: 'DraftSaved', payload: { sql: 'x' } }]).when(redo(2)).then([redone(2)]);
  });

  it('undoes chart and pivot settings: an undone chart is gone, so setting it again records it again', () => {
    const spec = { mark: 'Histogram' as const, x: 'x', aggregate: 'Count' as const };
    const charted: SessionEvent = { type: 'ChartSet', payload: { queryId: 'q1', spec } };
    // seq 1 opened, 2 started, 3 completed, 4 charted
    session.given([opened, started(), completed(), charted]).when(undo(4)).then([undone(4)]);
    session.given([opened, started(), completed(), charted, undone(4)]).when({ type: 'SetChart', sessionId: 's1', queryId: 'q1', spec }).then([charted]);
    session.given([opened, started(), completed(), charted]).when({ type: 'SetChart', sessionId: 's1', queryId: 'q1', spec }).then([]);
    const pivot = { rows: ['x'], columns: [], values: 'x', aggregate: 'Count' as const };
    const pivoted: SessionEvent = { type: 'PivotSet', payload: { queryId: 'q1', spec: pivot } };
    session.given([opened, started(), completed(), pivoted, undone(4)]).when({ type: 'SetPivot', sessionId: 's1', queryId: 'q1', spec: pivot }).then([pivoted]);
  });

  it('an undone rename puts the old title back, so renaming to it again records nothing', () => {
    session.given([opened, renamed('A'), undone(2)]).when({ type: 'RenameSession', sessionId: 's1', title: 'Session 1' }).then([]);
    session.given([opened, renamed('A'), undone(2), redone(2)]).when({ type: 'RenameSession', sessionId: 's1', title: 'A' }).then([]);
  });

  it('undoing a close reopens the session: a closed session accepts only that', () => {
    session.given([opened, closed]).when(undo(2)).then([undone(2)]);
    session.given([opened, closed, undone(2)]).when({ type: 'RenameSession', sessionId: 's1', title: 'A' }).then([renamed('A')]);
    session.given([opened, closed, undone(2), redone(2)]).when({ type: 'RenameSession', sessionId: 's1', title: 'A' }).thenRejects('SESSION_CLOSED');
  });

  it('a reopen by hand is undoable too, before the close it reversed', () => {
    session.given([opened, closed, reopened]).when(undo(2)).thenRejects('NOTHING_TO_UNDO');
    session.given([opened, closed, reopened]).when(undo(3)).then([undone(3)]);
    session.given([opened, closed, reopened, undone(3)]).when(undo(2)).then([undone(2)]);
  });

  it('redoing a close while a query runs cancels the query first, as closing does', () => {
    session.given([opened, closed, undone(2), started('q2')]).when(redo(2)).then([{ type: 'QueryCancelled', payload: { queryId: 'q2', reason: 'session closed' } }, redone(2)]);
  });

  it('an undone sort restores the earlier view, so setting it again records nothing', () => {
    const plain = { type: 'SetResultView' as const, sessionId: 's1', queryId: 'q1', orderBy: [], filter: [] };
    session.given([opened, started(), completed(), sorted, undone(4)]).when(plain).then([]);
    session.given([opened, started(), completed(), sorted, undone(4), redone(4)]).when(plain).then([{ type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [], filter: [] } }]);
  });

  it(`keeps the last ${UNDO_DEPTH} actions`, () => {
    const renames = Array.from({ length: UNDO_DEPTH + 5 }, (_, i) => renamed(`T${i}`));
    const state = fold(querySessionDecider, [opened, ...renames]);
    expect(state.status !== 'Unopened' && state.undo.undo.length).toBe(UNDO_DEPTH);
    expect(state.status !== 'Unopened' && state.undo.undo[0]?.seq).toBe(2 + 5);
  });
});

describe('dataset removal undo and redo', () => {
  const requested: DatasetEvent = { type: 'DatasetRequested', payload: { source: '/d/flights.csv' } };
  const registered: DatasetEvent = { type: 'DatasetRegistered', payload: { name: 'flights', source: '/d/flights.csv', format: 'csv', columns } };
  const removed: DatasetEvent = { type: 'DatasetRemoved', payload: {} };
  const undoD = (seq: number) => ({ type: 'UndoDatasetAction' as const, datasetId: 'd1', seq });
  const redoD = (seq: number) => ({ type: 'RedoDatasetAction' as const, datasetId: 'd1', seq });

  it('undoes a removal, which brings the registration back: it can be removed again', () => {
    dataset.given([requested, registered, removed]).when(undoD(3)).then([undone(3)]);
    dataset.given([requested, registered, removed, undone(3)]).when({ type: 'RemoveDataset', datasetId: 'd1' }).then([removed]);
    expect(fold(datasetDecider, [requested, registered, removed, undone(3)])).toMatchObject({ status: 'ready', name: 'flights', source: '/d/flights.csv' });
  });

  it('redoes it, and refuses anything but the top', () => {
    dataset.given([requested, registered, removed, undone(3)]).when(redoD(3)).then([redone(3)]);
    dataset.given([requested, registered, removed, undone(3), redone(3)]).when({ type: 'RemoveDataset', datasetId: 'd1' }).thenRejects('DATASET_NOT_FOUND');
    dataset.given([requested, registered]).when(undoD(2)).thenRejects('NOTHING_TO_UNDO');
    dataset.given([requested, registered, removed]).when(redoD(3)).thenRejects('NOTHING_TO_REDO');
  });

  it('given another dataset took its name (main says so), when its removal is undone, then it is refused: two would share one view', () => {
    dataset.given([requested, registered, removed]).when({ ...undoD(3), nameTaken: true }).thenRejects('DATASET_NAME_TAKEN');
    dataset.given([requested, registered, removed]).when({ ...undoD(3), nameTaken: false }).then([undone(3)]);
  });

  it('given its file was added again since (main says which dataset reads it), when its removal is undone, then it is refused, naming that one', () => {
    dataset.given([requested, registered, removed]).when({ ...undoD(3), alreadyAs: { datasetId: 'd2' } }).thenRejects('DATASET_ALREADY_EXISTS');
    dataset.given([requested, registered, removed]).when({ ...undoD(3), alreadyAs: { datasetId: 'd2', name: 'cars_2' } }).thenRejects('DATASET_ALREADY_EXISTS');
  });
});
