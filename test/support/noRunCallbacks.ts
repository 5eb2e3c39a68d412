import type { RunCallbacks } from '../../src/main/query/resultWriter.worker';

/** `runIntoTable`'s callbacks doing nothing, never cancelled: for a spec that reads only the outcome, or spreads in the one it watches. */
export const noRunCallbacks: RunCallbacks = { progress: () => {}, columns: () => {}, head: () => {}, rows: () => {}, cancelled: () => false, stopped: () => {} };
