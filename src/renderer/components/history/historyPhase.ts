import type { WaitingToSave } from '../../../shared/contracts/frames';
import { isInFlight, type QueryPhase } from '../../../shared/domain/queryLifecycle';
import { waitingToSaveText } from '../status/statusBarState';

/** How a phase reads in the history, and what its search matches. */
export const phaseLabel: Readonly<Record<QueryPhase, string>> = {
  Pending: 'pending',
  Executing: 'running',
  Completed: 'completed',
  Failed: 'failed',
  Cancelled: 'cancelled',
};

/** A history row's badge: its word, its class, and why, when there is more to say than the word. */
export interface PhaseBadge {
  readonly label: string;
  readonly className: string;
  readonly title?: string;
}

/**
 * The badge of a query in the history. A query DuckDB has finished whose end the store refuses (a
 * full disk) is still Executing in the log, but it no longer runs: its row says "waiting to save",
 * with the status bar's sentence (why, what to do) in its title, until the end is stored and its
 * phase says how it ended. `waiting` is the query's own progress (the history's latest query).
 */
export function phaseBadge(phase: QueryPhase, waiting: WaitingToSave | undefined): PhaseBadge {
  return waiting && isInFlight(phase)
    ? { label: 'waiting to save', className: 'waiting', title: waitingToSaveText(waiting) }
    : { label: phaseLabel[phase], className: phase.toLowerCase() };
}
