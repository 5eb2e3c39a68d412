import type { SessionEvent } from '../contracts/events';
import { isUndoable, type UndoableEventType } from './undoable';

/** The undoable events of a session (domain/undoable.ts's table, less the dataset's). */
export type SessionUndoable = Extract<SessionEvent['type'], UndoableEventType>;
type EventOf<K extends SessionUndoable> = Extract<SessionEvent, { type: K }>;

/**
 * How a fold records each undoable session action as an entry of its own undo stack, read from its
 * state just before the event (`at`: where the entry sits, as the fold counts). The decider keeps
 * keys (to tell a no-op), the view the values themselves (to restore them and name them in a
 * tooltip), so the entries differ; what each records for is this one table, and an undoable event
 * added to domain/undoable.ts does not compile until both record it.
 */
export type SessionUndoRecorders<State, At, Entry> = { readonly [K in SessionUndoable]: (state: State, event: EventOf<K>, at: At) => Entry | undefined };

/** The undo entry `event` records, from the state just before it; undefined when it is not undoable. */
export function sessionUndoEntry<State, At, Entry>(recorders: SessionUndoRecorders<State, At, Entry>, state: State, event: SessionEvent, at: At): Entry | undefined {
  // isUndoable's Set first: most events are not undoable, and a lookup by a type read from the log is slow (undoable.ts)
  if (!isUndoable(event.type)) return undefined;
  const record = recorders[event.type as SessionUndoable] as (state: State, event: SessionEvent, at: At) => Entry | undefined;
  return record(state, event, at);
}
