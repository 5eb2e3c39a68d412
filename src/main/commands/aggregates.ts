import type { Command, DatasetCommand, SessionCommand } from '../../shared/contracts/commands';
import type { Rejection } from '../../shared/contracts/errors';
import type { AggregateType, DatasetEvent, DomainEvent, EventEnvelope, SessionEvent } from '../../shared/contracts/events';
import { CATALOG_TOPIC, sessionTopic } from '../../shared/contracts/topics';
import { datasetDecider } from '../../shared/domain/dataset';
import { fold } from '../../shared/domain/decider';
import { querySessionDecider } from '../../shared/domain/querySession';

/**
 * How each aggregate type is decided and where its events are published. Adding an aggregate is
 * one entry here plus its decider in src/shared/domain.
 */
export interface AggregateKind {
  topic(aggregateId: string): string;
  /** Folds stored events and decides; the type pairing of command and events is checked by the caller's routing. */
  decide(command: Command, history: readonly EventEnvelope[]): readonly DomainEvent[] | Rejection;
}

export const aggregates: Record<AggregateType, AggregateKind> = {
  QuerySession: {
    topic: sessionTopic,
    decide: (command, history) =>
      querySessionDecider.decide(command as SessionCommand, fold(querySessionDecider, history as readonly SessionEvent[])),
  },
  Dataset: {
    topic: () => CATALOG_TOPIC,
    decide: (command, history) =>
      datasetDecider.decide(command as DatasetCommand, fold(datasetDecider, history as readonly DatasetEvent[])),
  },
};
