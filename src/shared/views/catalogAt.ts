import { datasetList, emptyView, foldAppView, type DatasetView, type ViewEvent } from './appView';

/**
 * The catalog as it was at global seq `seq` (docs/time.md, "Travel"): the live view's own fold
 * (`foldAppView`) of the Dataset events up to that seq, in the catalog's order. A dataset added
 * later is absent, one removed later is there, and each has the name, status and columns it had then.
 */
export function catalogAt(events: readonly ViewEvent[], seq: number): DatasetView[] {
  const upTo = events.filter((e) => e.aggregateType === 'Dataset' && e.globalSeq <= seq);
  return datasetList(foldAppView(emptyView(), upTo).datasets);
}
