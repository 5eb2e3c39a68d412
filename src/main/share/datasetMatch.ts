import { sameContent } from '../../shared/contracts/fingerprint';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { DatasetRegistered } from '../../shared/contracts/events';
import type { MissingDataset } from '../../shared/contracts/sessionImport';
import { bareName, isGlob, isUrl } from '../../shared/domain/datasetName';
import { RESERVED } from '../catalog/registration';
import type { AppView, DatasetView } from '../../shared/views/appView';
import type { ImportedEvent } from '../store/eventStore';
import { isReady } from '../../shared/domain/datasetLifecycle';

/** What an import does with the file's datasets (docs/share.md, "Session import"). */
export interface DatasetPlan {
  /** Datasets whose events are left out: this log holds the dataset already, or the same data under its own id. */
  readonly dropped: ReadonlySet<string>;
  /**
   * Datasets imported under their own name whose file is not on this machine but whose content a
   * local dataset of another name holds: each is located at that dataset's file, so the session's
   * SQL, which names it, reads the same data.
   */
  readonly relocated: readonly { readonly path: string; readonly dataset: MissingDataset }[];
  /** The file's datasets found here: reused, plus those located at a file here with their content. */
  readonly matched: number;
  /** Of those, the ones already here (same id, or same name and data): none of their events is needed. */
  readonly reused: number;
  readonly missing: readonly MissingDataset[];
}

/**
 * Matches the file's datasets against this catalog: one this log already holds (same id) is kept
 * as it is here (the file's events for it are left out); another found here under the same name with the same data (by
 * fingerprint when both have one, else by source) stands in for it and the file's events for it are
 * left out; one whose name a different local dataset holds, or that no dataset may take here (`inUse`:
 * the workspace's tables, views and databases; DuckDB's and Sextant's own; a name Sextant never gives,
 * such as '' or one with a quote), is left out and listed; the rest are
 * imported under their own names (the session's SQL names them), and one whose file is not on this
 * machine is located at a local file with the same content, else listed.
 */
export function planDatasets(
  events: readonly ImportedEvent[],
  view: AppView,
  known: (datasetId: string) => boolean,
  inUse: ReadonlySet<string>,
  exists: (path: string) => boolean = existsSync,
): DatasetPlan {
  const registered = new Map<string, DatasetRegistered | undefined>();
  for (const e of events) {
    if (e.aggregateType !== 'Dataset') continue;
    if (e.type === 'DatasetRegistered') registered.set(e.aggregateId, e.payload);
    else if (!registered.has(e.aggregateId)) registered.set(e.aggregateId, undefined);
  }
  const local = Object.values(view.datasets).filter((d) => isReady(d.status));
  const dropped = new Set<string>();
  const relocated: { path: string; dataset: MissingDataset }[] = [];
  const missing: MissingDataset[] = [];
  let matched = 0;
  let reused = 0;
  for (const [datasetId, reg] of registered) {
    if (known(datasetId)) {
      // Its history here stands: this machine's watcher and Locate… add events of its own, so the
      // file's later ones (the other machine's) would not continue it, and would refuse the import.
      dropped.add(datasetId);
      matched++;
      reused++;
      continue;
    }
    if (!reg) continue;
    const same = local.filter((d) => sameData(d, reg));
    if (same.some((d) => d.name === reg.name)) {
      dropped.add(datasetId);
      matched++;
      reused++;
      continue;
    }
    if (local.some((d) => d.name === reg.name)) {
      dropped.add(datasetId);
      missing.push({ datasetId, name: reg.name, source: reg.source, reason: 'name-taken' });
      continue;
    }
    if (bareName(reg.name) !== reg.name || inUse.has(reg.name) || (reg.format === 'duckdb' && RESERVED.includes(reg.name))) {
      // Registered as it is, it would show as ready while its SQL reads something else or nothing (a
      // file named `sextant` attached over the history): the catalog never gives such a name (registration.ts).
      dropped.add(datasetId);
      missing.push({ datasetId, name: reg.name, source: reg.source, reason: 'name-reserved' });
      continue;
    }
    const read = reg.location ?? reg.source;
    if (isUrl(reg.source) || isGlob(read) || exists(read)) continue;
    // The same content under another name here: a plain local file can stand in for the one it lacks.
    const file = same.map((d) => d.source).find((path) => isAbsolute(path) && !isUrl(path) && !isGlob(path) && exists(path));
    const notFound: MissingDataset = { datasetId, name: reg.name, source: reg.source, reason: 'not-found' };
    if (file) {
      relocated.push({ path: file, dataset: notFound });
      matched++;
    } else missing.push(notFound);
  }
  return { dropped, relocated, matched, reused, missing };
}

/**
 * Fingerprints decide when both sides carry one (the same content, whatever the file's path or
 * time on either machine); otherwise the same source is the same data.
 */
function sameData(local: DatasetView, imported: DatasetRegistered): boolean {
  if (local.fingerprint && imported.fingerprint) return sameContent(local.fingerprint, imported.fingerprint);
  return local.source === imported.source;
}
