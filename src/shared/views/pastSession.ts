import { z } from 'zod';
import { foldAppView, type DatasetView, type SessionView, type ViewEvent } from './appView';

const seq = z.number().int().nonnegative();

/**
 * One of the session's events after the answer's start, as `sessionAt` sends it:
 * [globalSeq, aggregateSeq, type, payload, occurredAt]. A tuple, and without the aggregate's type
 * and id (the session's, always): as objects, a spacing's events were twice the bytes to parse.
 */
export const pastEventSchema = z.tuple([seq, seq, z.string(), z.unknown(), z.string()]);
export type PastEvent = z.infer<typeof pastEventSchema>;

/**
 * `sessionAt`'s answer (docs/time.md): the session at a start at or before the point (a checkpoint
 * main sends as it was stored, or a view main folded) and the session's events after it up to the
 * point, which the window folds with the live view's own fold (`pastSession`). Main neither parses
 * nor writes the checkpoint's view again; the window parses it once, as it would the view itself.
 */
export const sessionAtAnswerSchema = z.object({
  start: z.custom<SessionView>(),
  events: z.array(pastEventSchema),
  /** Global seq of the session's last event at or before the asked seq. */
  seq,
  occurredAt: z.string(),
  /** The catalog at `seq`, folded by main (`catalogAt`): a few datasets, sent as the catalog shows them. */
  datasets: z.array(z.custom<DatasetView>()),
});
export type SessionAtAnswer = z.infer<typeof sessionAtAnswerSchema>;

/** The session as it was at a point: what the past view shows. */
export interface PastSession {
  readonly session: SessionView;
  readonly seq: number;
  readonly occurredAt: string;
}

/** The session `sessionId` of a `sessionAt` answer (its catalog aside): its events folded onto its start by `foldAppView`, the fold main runs. */
export function pastSession(sessionId: string, { start, events, seq, occurredAt }: Omit<SessionAtAnswer, 'datasets'>): PastSession {
  if (events.length === 0) return { session: start, seq, occurredAt };
  const viewEvents = events.map(
    ([globalSeq, aggregateSeq, type, payload, occurredAt]) => ({ globalSeq, aggregateType: 'QuerySession', aggregateId: sessionId, aggregateSeq, type, payload, occurredAt }) as ViewEvent,
  );
  // The fold never drops a session it starts with: the start is there, with the events applied.
  const session = foldAppView({ sessions: { [sessionId]: start }, datasets: {} }, viewEvents).sessions[sessionId] ?? start;
  return { session, seq, occurredAt };
}
