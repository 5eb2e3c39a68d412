import { z } from 'zod';
import type { DatasetEvent } from '../contracts/events';

/**
 * The one lifecycle of a dataset in the catalog, used by the dataset decider, the view's fold, main's
 * catalog and the UI alike: loading → ready | failed. A failed one asked for again loads again; a
 * ready one located or read anew stays ready. These are the strings the app view keeps (and its
 * snapshots store); the decider also knows a dataset never asked for and one removed, which are
 * not in the catalog's list at all (dataset.ts).
 */
export type DatasetPhase = 'loading' | 'ready' | 'failed';

/** A phase as stored JSON (a snapshot of the view) carries it. */
export const datasetPhaseSchema = z.enum(['loading', 'ready', 'failed'] as const satisfies readonly DatasetPhase[]);

/**
 * Events that move a dataset along its lifecycle. A DatasetChanged keeps its phase (its file changed
 * on disk, it is still read); a DatasetRemoved takes it out of the catalog, and an undo or redo of
 * that puts it back as it was: neither is a phase.
 */
type DatasetPhaseEventType = Exclude<DatasetEvent['type'], 'DatasetChanged' | 'DatasetRemoved' | 'ActionUndone' | 'ActionRedone'>;

/** The phase an event moves its dataset to, for the decider's evolve and the view's fold alike. */
export const phaseAfter = {
  // asked for, or asked for again after a failure: it is being added (downloaded, fingerprinted, registered)
  DatasetRequested: 'loading',
  // registered, or registered again where it is now (located, read anew)
  DatasetRegistered: 'ready',
  DatasetFailed: 'failed',
} as const satisfies { readonly [T in DatasetPhaseEventType]: DatasetPhase };

// Selectors for what a phase means, so it is read here rather than by comparing its name. They take
// any status-like string: the decider's own `unknown` and `removed` are none of these phases, and a
// dataset the view does not hold has none (undefined).

/** Being added: its registration or failure is still to come, and it can be removed (which cancels it). */
export const isLoading = (phase: string | undefined): phase is 'loading' => phase === 'loading';

/** Registered under its name: queryable, profiled, watched on disk, located when its file moved. */
export const isReady = (phase: string | undefined): phase is 'ready' => phase === 'ready';

/** Could not be added: it shows its error, and "Try again" asks for its source again. */
export const isFailed = (phase: string | undefined): phase is 'failed' => phase === 'failed';

/** In the catalog's list, in any phase: it can be removed. */
export const isInCatalog = (phase: string | undefined): phase is DatasetPhase => isLoading(phase) || isReady(phase) || isFailed(phase);

/**
 * Reads its source, or is about to: ready or loading. Another dataset of the same source would read
 * one file twice; a failed one does not read it, so its source may be asked for again.
 */
export const readsSource = (phase: string | undefined): phase is 'loading' | 'ready' => isLoading(phase) || isReady(phase);
