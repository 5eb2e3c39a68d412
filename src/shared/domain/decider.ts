import type { Rejection } from '../contracts/errors';

/**
 * A decider in the Emmett sense: pure, no clock, no ids, no I/O. Time and ids arrive inside the
 * command. `decide` returns the events to append, or a Rejection the handler turns into an AppError.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[] | Rejection;
  evolve(state: State, event: Event): State;
}

export const reject = (code: Rejection['code'], message: string, details?: Record<string, unknown>): Rejection =>
  details ? { code, message, details } : { code, message };

export function isRejection<E>(decision: readonly E[] | Rejection): decision is Rejection {
  return !Array.isArray(decision);
}

export function fold<E, S>(decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>, events: Iterable<E>): S {
  let state = decider.initialState;
  for (const e of events) state = decider.evolve(state, e);
  return state;
}

/** Exhaustiveness check for switches over discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
