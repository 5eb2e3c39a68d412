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

/**
 * Checkpoints a `divisor`-th of the seq apart, in multiples of `step`, at most `max`: a travel pays
 * the view's JSON (about proportional to the seq) plus folding the events after its checkpoint, and
 * is compared with folding every event up to the seq, so a young session needs them denser. The seqs
 * fall in bands of `step × divisor` events, each spaced evenly by its own spacing; a band's end is
 * always a checkpoint, so the chain of checkpoints is one and the same from wherever it is asked.
 */
export function growingSpacing({ step, divisor, max }: { step: number; divisor: number; max: number }): CheckpointSpacing {
  const band = step * divisor;
  return (aggregateSeq) => {
    const n = Math.floor(aggregateSeq / band);
    const every = Math.min(max, step * Math.max(1, n));
    return Math.min((Math.floor(aggregateSeq / every) + 1) * every, (n + 1) * band);
  };
}

/** Whether the session's event at `aggregateSeq` is one a checkpoint is kept at. */
export const isCheckpoint = (spacing: CheckpointSpacing, aggregateSeq: number): boolean => aggregateSeq > 0 && spacing(aggregateSeq - 1) === aggregateSeq;

/**
 * The spacing the app writes checkpoints with: every 100 events up to 12,000, a 60th of the seq
 * after, every 1,000 from 60,000 (time.travel_100k, docs/time.md).
 */
export const checkpointSpacing: CheckpointSpacing = growingSpacing({ step: 100, divisor: 60, max: 1000 });
