import type { CommandMeta } from '../../shared/contracts/commands';
import type { EventEnvelope } from '../../shared/contracts/events';
import { newId } from '../platform/ids';

/**
 * Metadata of a command the system issues in reaction to a stored event: it keeps the person's
 * correlation id and names the event that caused it, so one id follows a query or a dataset from
 * the click to its last event.
 */
export function systemMeta(cause: EventEnvelope | undefined): CommandMeta {
  return {
    commandId: newId(),
    correlationId: cause?.metadata.correlationId ?? newId(),
    issuedBy: 'system',
    ...(cause ? { causationId: cause.eventId } : {}),
  };
}
