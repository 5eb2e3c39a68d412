import { sameContent, type QueryInput } from '../contracts/fingerprint';
import type { AppView, HistoryEntry } from './appView';

/**
 * The inputs of a result whose dataset no longer holds what the query read: what makes a result
 * say "Input changed since this ran". A dataset removed since, or an input recorded without a
 * fingerprint (an older log), flags nothing: there is nothing to compare.
 */
export function changedInputs(entry: Pick<HistoryEntry, 'inputs'>, datasets: AppView['datasets']): QueryInput[] {
  return (entry.inputs ?? []).filter((input) => {
    const now = datasets[input.datasetId]?.fingerprint;
    return input.fingerprint !== undefined && now !== undefined && !sameContent(input.fingerprint, now);
  });
}

