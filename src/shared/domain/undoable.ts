import type { Rejection } from '../contracts/errors';
import type { AggregateType, EventType } from '../contracts/events';
import { reject } from './decider';

/**
 * Which recorded actions a person can undo, and in which aggregate: the one table (docs/undo.md).
 * Adding an undoable event is one line here; the compiler then asks the deciders and the view fold
 * (`UndoDetails` in views/undoFold.ts) how to take it back. Running a query is not here: it happened.
 */
export const undoableEvents = {
  SessionRenamed: 'QuerySession',
  SessionClosed: 'QuerySession',
  /** Reopening by hand is the inverse of a close: undoable too, so undo and redo stay one stack. */
  SessionReopened: 'QuerySession',
  ResultViewSet: 'QuerySession',
  ChartSet: 'QuerySession',
  PivotSet: 'QuerySession',
  DatasetRemoved: 'Dataset',
} as const satisfies Partial<Record<EventType, AggregateType>>;

export type UndoableEventType = keyof typeof undoableEvents;

// A Set, not `Object.hasOwn`: a type read from the log is a fresh string, and a property lookup by one
// first finds its internalized copy in V8's string table, which showed in a rebuild's profile (1M calls).
const undoableTypes: ReadonlySet<string> = new Set(Object.keys(undoableEvents));

export function isUndoable(type: EventType): type is UndoableEventType {
  return undoableTypes.has(type);
}

/** How deep undo goes per aggregate: older actions drop off, as in any editor; the view keeps the same depth. */
export const UNDO_DEPTH = 100;

/**
 * An aggregate's undo and redo stacks as its decider folds them: entries carry the aggregateSeq of
 * the undoable event (what Undo and Redo name), newest last. `seq` counts every event folded, so the
 * decider knows each event's aggregateSeq without the envelope.
 */
export interface UndoLog<Entry extends { readonly seq: number }> {
  readonly seq: number;
  readonly undo: readonly Entry[];
  readonly redo: readonly Entry[];
}

export const emptyUndoLog = <Entry extends { readonly seq: number }>(seq = 0): UndoLog<Entry> => ({ seq, undo: [], redo: [] });

/** The log after one more event of the aggregate. */
export const counted = <Entry extends { readonly seq: number }>(log: UndoLog<Entry>): UndoLog<Entry> => ({ ...log, seq: log.seq + 1 });

/** A new undoable action: pushed on the undo stack, and the redo stack is cleared (classic stack discipline). */
export function recorded<Entry extends { readonly seq: number }>(log: UndoLog<Entry>, entry: Entry): UndoLog<Entry> {
  const undo = log.undo.length >= UNDO_DEPTH ? log.undo.slice(log.undo.length - UNDO_DEPTH + 1) : log.undo.slice();
  undo.push(entry);
  return { seq: log.seq, undo, redo: [] };
}

/** The top of the undo stack moved to the redo stack (ActionUndone). */
export function undone<Entry extends { readonly seq: number }>(log: UndoLog<Entry>): UndoLog<Entry> {
  const top = log.undo.at(-1);
  return top ? { seq: log.seq, undo: log.undo.slice(0, -1), redo: [...log.redo, top] } : log;
}

/** The top of the redo stack moved back to the undo stack (ActionRedone). */
export function redone<Entry extends { readonly seq: number }>(log: UndoLog<Entry>): UndoLog<Entry> {
  const top = log.redo.at(-1);
  return top ? { seq: log.seq, undo: [...log.undo, top], redo: log.redo.slice(0, -1) } : log;
}

/**
 * The decider's rule for Undo: only the top of this aggregate's undo stack, named by its seq, so a
 * window that decided on an older view cannot take back something other than what it showed.
 */
export function decideUndo<Entry extends { readonly seq: number }>(log: UndoLog<Entry>, seq: number): readonly [{ type: 'ActionUndone'; payload: { seq: number } }] | Rejection {
  const top = log.undo.at(-1);
  if (!top) return reject('NOTHING_TO_UNDO', 'There is nothing to undo here.', { seq });
  if (top.seq !== seq) return reject('NOTHING_TO_UNDO', 'That action is no longer the last one to undo; the view was out of date.', { seq, top: top.seq });
  return [{ type: 'ActionUndone', payload: { seq } }];
}

/** The decider's rule for Redo: only the action undone last, and only until a new action clears it. */
export function decideRedo<Entry extends { readonly seq: number }>(log: UndoLog<Entry>, seq: number): readonly [{ type: 'ActionRedone'; payload: { seq: number } }] | Rejection {
  const top = log.redo.at(-1);
  if (!top) return reject('NOTHING_TO_REDO', 'There is nothing to redo here.', { seq });
  if (top.seq !== seq) return reject('NOTHING_TO_REDO', 'That action is no longer the next one to redo; the view was out of date.', { seq, top: top.seq });
  return [{ type: 'ActionRedone', payload: { seq } }];
}
