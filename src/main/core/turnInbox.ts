import { performance } from 'node:perf_hooks';

/** Main's time one connection's messages may take in one turn of the event loop before the rest wait for the next. */
export const TURN_BUDGET_MS = 10;

export interface TurnInbox<T> {
  receive(message: T): void;
  /** Drops what is still waiting: nothing is handled for a connection that is gone. */
  close(): void;
}

/**
 * Hands a connection's messages to `handle` in arrival order, but at most `budgetMs` of them per
 * turn of the event loop. One read of a socket can carry thousands of requests (libuv reads a
 * stream up to 32 times per poll), each with synchronous work on main (a SQLite read, a zod
 * parse); handled at once, one client's burst held main for seconds while every other window
 * waited. Past the budget the rest wait for the next turn, after other connections' I/O.
 */
export function turnInbox<T>(handle: (message: T) => void, budgetMs = TURN_BUDGET_MS): TurnInbox<T> {
  /** Messages not handled yet are `waiting[head…]`; a handled slot is cleared (a message may be 1 MiB). */
  let waiting: (T | undefined)[] = [];
  let head = 0;
  let turnStart: number | undefined;
  let scheduled = false;
  let closed = false;

  const withinTurn = (): boolean => {
    if (turnStart === undefined) {
      turnStart = performance.now();
      // The turn ends when the event loop comes round: a new one starts with a fresh budget.
      setImmediate(() => (turnStart = undefined));
    }
    return performance.now() - turnStart < budgetMs;
  };
  const drain = (): void => {
    scheduled = false;
    while (!closed && head < waiting.length && withinTurn()) {
      const message = waiting[head] as T;
      waiting[head++] = undefined;
      handle(message);
    }
    if (closed || head === waiting.length) {
      waiting = [];
      head = 0;
    } else schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };

  return {
    receive: (message) => {
      if (closed) return;
      // Behind messages already waiting, or past this turn's budget: in order, on a later turn.
      if (head < waiting.length || !withinTurn()) {
        waiting.push(message);
        return schedule();
      }
      handle(message);
    },
    close: () => {
      closed = true;
      waiting = [];
      head = 0;
    },
  };
}
