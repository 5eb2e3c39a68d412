/**
 * Where a session's checkpoints fall, by the session's own (aggregate) seq: the seq of the next
 * checkpoint after `aggregateSeq` (0: before its first event). Always greater than `aggregateSeq`.
 * The writer stores a view at each such seq; travel reads at most one spacing of events after one.
 */
export type CheckpointSpacing = (aggregateSeq: number) => number;

/** A checkpoint every `every` events of the session. */
export const evenlySpaced =
  (every: number): CheckpointSpacing =>
  (aggregateSeq) =>
    (Math.floor(aggregateSeq / every) + 1) * every;

/** Whether the session's event at `aggregateSeq` is one a checkpoint is kept at. */
export const isCheckpoint = (spacing: CheckpointSpacing, aggregateSeq: number): boolean => aggregateSeq > 0 && spacing(aggregateSeq - 1) === aggregateSeq;

/** The spacing the app writes checkpoints with. */
export const checkpointSpacing: CheckpointSpacing = evenlySpaced(1000);
