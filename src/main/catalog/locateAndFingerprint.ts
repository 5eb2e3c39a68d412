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
 */

export interface LocateDeps extends LocatorDeps {
  readonly log: Logger;
}

/** What a source turned out to be and its fingerprint (undefined when it could not be taken: it still registers). */
export interface Found {
  readonly located: Located;
  readonly fingerprint: DatasetFingerprint | undefined;
}

/** Locates `source`, fingerprints it, then settles its copy (a registration's, a Locate's). */
export async function locateAndFingerprint(deps: LocateDeps, datasetId: string, source: string): Promise<Found> {
  const found = await locateSource(deps, datasetId, source);
  // Hashed beside other registrations, not in their queue: a big file must not hold them up.
  const fingerprint = await fingerprintOf(deps, datasetId, source, found);
  // removed meanwhile: no copy is made for a dataset that is gone (the caller sees the signal)
  if (deps.signal?.aborted) return { located: found, fingerprint };
  return { located: await settleCopy(deps, datasetId, found), fingerprint };
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
    return await deps.pool.fingerprint(target, ({ hashedBytes, totalBytes }) =>
      deps.bus.publishProgress({ kind: 'fingerprint', topic: CATALOG_TOPIC, datasetId, source, hashedBytes, totalBytes, percent: Math.min(100, Math.round((hashedBytes / totalBytes) * 1000) / 10) }),
    );
  } catch (e) {
    const error = toAppError(e, newErrorId());
    deps.log.warn({ errorId: error.id, source: shownSource(source) }, `dataset not fingerprinted: ${error.message}`);
    return undefined;
  }
}
