import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Hands one connection's commands to `dispatch` in the order they came. A command's durable append
 * is a synchronous fsync on main, so each waits one turn of the event loop: requests that arrived
 * with it go first (a header click's first page is on its way to the DuckDB worker, and computed
 * there, while the SetResultView beside it is stored).
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
    waiting++;
    const ahead = handedOver;
    const turn = command.type === 'CancelQuery' ? ahead : Promise.all([ahead, nextTurn()]);
    const dispatched = turn.then(() => {
      waiting--;
      return { answer: dispatch(command) };
    });
    handedOver = dispatched;
    // Wrapped, so that a later command waits for this one's hand-over, not for its append.
    return dispatched.then(({ answer }) => answer);
  };
}
