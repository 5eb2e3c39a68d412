import { toAppError } from '../../shared/contracts/errors';
import type { DatasetFormat } from '../../shared/contracts/events';
import type { DatasetFingerprint } from '../../shared/contracts/fingerprint';
import { CATALOG_TOPIC } from '../../shared/contracts/topics';
import { newErrorId } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { fingerprintTarget } from './fingerprintTarget';
import { shownSource } from './sourceChecks';
import { locateSource, settleCopy, type Located, type LocatorDeps } from './sourceLocator';

/**
 * Finding a source for the catalog (sourceLocator.ts), in the order that reads a CSV once, on the
 * DuckDB worker: located, then fingerprinted (its hash pass scans the bytes for their encoding),
 * then given its Windows-1252 copy if that scan says so (settleCopy): main never reads the file.
 * Nothing is written for it until then (an Arrow file's Parquet copy neither), so a Locate compares
 * the fingerprint first and a file refused for its content leaves the dataset's copy as it was.
 */

export interface LocateDeps extends LocatorDeps {
  readonly log: Logger;
}

/** What a source turned out to be and its fingerprint (undefined when it could not be taken: it still registers). */
export interface Found {
  readonly located: Located;
  readonly fingerprint: DatasetFingerprint | undefined;
}

/** Locates `source`, fingerprints it, then settles its copy (a registration's). */
export async function locateAndFingerprint(deps: LocateDeps, datasetId: string, source: string): Promise<Found> {
  return withCopy(deps, datasetId, await locateUnwritten(deps, datasetId, source));
}

/** Locates `source` and fingerprints it, its copy not made yet (`located.unsettled`): what a Locate checks before anything is written. */
export async function locateUnwritten(deps: LocateDeps, datasetId: string, source: string): Promise<Found> {
  const located = await locateSource(deps, datasetId, source);
  // Hashed beside other registrations, not in their queue: a big file must not hold them up.
  return { located, fingerprint: await fingerprintOf(deps, datasetId, source, located) };
}

/** What was found, its copy made (settleCopy); removed meanwhile, none is made for a dataset that is gone (the caller sees the signal). */
export async function withCopy(deps: LocateDeps, datasetId: string, found: Found): Promise<Found> {
  if (deps.signal?.aborted) return found;
  return { ...found, located: await settleCopy(deps, datasetId, found.located) };
}

/** Locates `source` and settles its copy, with no fingerprint taken (a copy made again): the worker scans a CSV itself. */
export async function locateSettled(deps: LocatorDeps, datasetId: string, source: string, recorded?: DatasetFormat): Promise<Located> {
  return settleCopy(deps, datasetId, await locateSource(deps, datasetId, source, recorded));
}

/**
 * The source's fingerprint, hashed on the DuckDB worker, its progress published for a big file as
 * a download's is. Taken of the file a person gave, never of a copy made from it (fingerprintTarget.ts).
 */
async function fingerprintOf(deps: LocateDeps, datasetId: string, source: string, located: Located): Promise<DatasetFingerprint | undefined> {
  const { target } = fingerprintTarget(source, located.format, located.location, located.reading);
  try {
    return await deps.queryWorker.fingerprint(target, ({ hashedBytes, totalBytes }) =>
      deps.bus.publishProgress({ kind: 'fingerprint', topic: CATALOG_TOPIC, datasetId, source, hashedBytes, totalBytes, percent: Math.min(100, Math.round((hashedBytes / totalBytes) * 1000) / 10) }),
    );
  } catch (e) {
    const error = toAppError(e, newErrorId());
    deps.log.warn({ errorId: error.id, source: shownSource(source) }, `dataset not fingerprinted: ${error.message}`);
    return undefined;
  }
}
