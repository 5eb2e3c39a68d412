import type { PastEvent, SessionAtAnswer } from '../../shared/views/pastSession';
import type { ViewRow } from '../store/eventRows';

/**
 * `sessionAt`'s answer as the JSON text the API sends: the start's view spliced in as the text it
 * is (a checkpoint as stored) and each event after it as a `PastEvent` tuple around its payload's
 * stored text, so main parses and writes neither again (docs/time.md).
 */
export function sessionAtAnswerText(startJson: string, rows: readonly ViewRow[], payloadJson: (row: ViewRow) => string, seq: number, occurredAt: string): string {
  let events = '';
  for (const r of rows) {
    // The order of PastEvent: [globalSeq, aggregateSeq, type, payload, occurredAt].
    events += `${events === '' ? '' : ','}[${r[0]},${r[3]},${JSON.stringify(r[4])},${payloadJson(r)},${JSON.stringify(r[7])}]`;
  }
  return `{"start":${startJson},"events":[${events}],"seq":${seq},"occurredAt":${JSON.stringify(occurredAt)}}`;
}

/** The answer for a view main holds folded (the live view, or a fold that kept checkpoints on its way): nothing left to fold. */
export function foldedAnswerText(answer: Omit<SessionAtAnswer, 'events'>): string {
  return JSON.stringify({ ...answer, events: [] as PastEvent[] } satisfies SessionAtAnswer);
}
