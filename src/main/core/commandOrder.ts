import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Hands one connection's commands to `dispatch` in the order they came, one a turn of the event
 * loop. A command's durable append is a synchronous fsync on main, so each waits a turn after the
 * one before it: requests that arrived with it go first (a header click's first page is on its way
 * to the DuckDB worker, and computed there, while the SetResultView beside it is stored), and a
 * client's burst of thousands is not appended as one chain while every other window waits (a flood
 * of 5,000 renames held another connection's requests ~1 s each; one a turn, ~5 ms).
 *
 * A cancel skips that turn when nothing of its connection waits ahead of it: its interrupt frees the
 * cores DuckDB is busy on, so every step ahead of it ran slower. Behind a command still waiting (a
 * StartQuery sent without waiting for its ack) it goes right after that command is handed over,
 * in the same turn: ahead of it, it would reach a session with nothing running yet and be refused
 * while the query went on. It never waits for an append to finish, only for its place in the line.
 */
export function commandOrder<C extends { readonly type: string }, R>(dispatch: (command: C) => Promise<R>): (command: C) => Promise<R> {
  /** Settles once the last command given has been handed to `dispatch`. */
  let handedOver: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return (command) => {
    if (command.type === 'CancelQuery' && waiting === 0) return dispatch(command);
    const ahead = handedOver;
    // The turn starts from the hand-over ahead, or from now when every command before is handed over.
    const turn = command.type === 'CancelQuery' ? ahead : waiting === 0 ? nextTurn() : ahead.then(() => nextTurn());
    waiting++;
    const dispatched = turn.then(() => {
      waiting--;
      return { answer: dispatch(command) };
    });
    handedOver = dispatched;
    // Wrapped, so that a later command waits for this one's hand-over, not for its append.
    return dispatched.then(({ answer }) => answer);
  };
}
