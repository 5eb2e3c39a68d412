import type { DatasetView } from '../../shared/views/appView';
import type { PastEvent, SessionAtAnswer } from '../../shared/views/pastSession';

/**
 * `sessionAt`'s answer as the JSON text the API sends, around two texts spliced in as they are:
 * the start's view (a checkpoint as stored) and the `PastEvent` tuples after it (as the store wrote
 * them around their stored payloads), so main parses and writes neither again (docs/time.md); the
 * catalog at the point, a few datasets main folded, is written here.
 */
export function sessionAtAnswerText(startJson: string, eventsJson: string, seq: number, occurredAt: string, datasets: readonly DatasetView[]): string {
  return `{"start":${startJson},"events":${eventsJson},"seq":${seq},"occurredAt":${JSON.stringify(occurredAt)},"datasets":${JSON.stringify(datasets)}}`;
}

/** The answer for a view main holds folded (the live view, or a fold that kept checkpoints on its way): nothing left to fold. */
export function foldedAnswerText(answer: Omit<SessionAtAnswer, 'events'>): string {
  return JSON.stringify({ ...answer, events: [] as PastEvent[] } satisfies SessionAtAnswer);
}
