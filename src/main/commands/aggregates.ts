import type { z } from 'zod';
import type { Command, SessionCommand } from '../../shared/contracts/commands';
import type { Rejection } from '../../shared/contracts/errors';
import { datasetEventSchema, sessionEventSchema, type AggregateType, type DomainEvent, type SessionEvent } from '../../shared/contracts/events';
import { CATALOG_TOPIC, sessionTopic } from '../../shared/contracts/topics';
import { datasetDecider } from '../../shared/domain/dataset';
import type { Decider } from '../../shared/domain/decider';
import { querySessionDecider } from '../../shared/domain/querySession';
import { overwritesLaterChange } from '../../shared/domain/staleEdit';

/**
 * How each aggregate type is decided, checked and published. Adding an aggregate is one entry here
 * plus its decider in src/shared/domain. State is opaque to the handler: only the decider reads it.
 */
export interface AggregateKind {
  readonly initialState: unknown;
  evolve(state: unknown, event: DomainEvent): unknown;
  decide(command: Command, state: unknown): readonly DomainEvent[] | Rejection;
  topic(aggregateId: string): string;
  /** Every decided event is parsed with it before append: nothing off-contract reaches the log. */
  readonly eventSchema: z.ZodType<DomainEvent>;
  /** What a person reads when someone else changed the aggregate between their load and append. */
  readonly conflictMessage: string;
  readonly noun: string;
  /**
   * Whether a command decided on an older version (its expectedVersion) would overwrite one of the
   * `later` events (`actionAt`: the aggregate's event at a seq, what an undo or redo names);
   * absent: no command of this aggregate carries a version.
   */
  overwritesLater?(command: Command, later: readonly DomainEvent[], actionAt: (seq: number) => DomainEvent | undefined): boolean;
  /** What a person reads when such a command is refused. */
  readonly staleMessage?: string;
}

/** Erases a decider's types for the routing table; the command router guarantees the pairing. */
function kind<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  rest: Pick<AggregateKind, 'topic' | 'eventSchema' | 'conflictMessage' | 'noun'>,
): AggregateKind {
  return {
    initialState: decider.initialState,
    evolve: (state, event) => decider.evolve(state as S, event as E),
    decide: (command, state) => decider.decide(command as C, state as S),
    ...rest,
  };
}

export const aggregates: Record<AggregateType, AggregateKind> = {
  QuerySession: {
    ...kind(querySessionDecider, {
      topic: sessionTopic, eventSchema: sessionEventSchema, conflictMessage: 'This session changed, try again.', noun: 'session',
    }),
    overwritesLater: (command, later, actionAt) => overwritesLaterChange(command as SessionCommand, later as readonly SessionEvent[], actionAt as (seq: number) => SessionEvent | undefined),
    staleMessage: 'This session changed in another window.',
  },
  Dataset: kind(datasetDecider, {
    topic: () => CATALOG_TOPIC, eventSchema: datasetEventSchema, conflictMessage: 'This dataset changed, try again.', noun: 'dataset',
  }),
};
