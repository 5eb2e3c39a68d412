import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { isGlob, isUrl } from '../../shared/domain/datasetName';
import type { AppError } from '../../shared/contracts/errors';
import type { DatasetView } from '../../shared/views/appView';
import { CATALOG_TOPIC } from '../../shared/contracts/topics';
import type { Bus } from '../streams/bus';
import { localPath } from './localPath';

/**
 * What DuckDB can read of the catalog on this machine, one per core (appCore.ts hands it to the
 * catalog and the query runner): the catalog service writes it as it registers datasets and as the
 * input watcher finds files gone or back (a ready dataset whose file is gone is marked not here, and
 * no longer once it is located, added again or brought back), and what reads datasets asks it. It is
 * machine-local, never stored: every start registers the datasets again and learns it afresh.
 * `generation` counts the registrations that succeeded, so work that failed for want of a dataset
 * (a result's re-run, resultRerun.ts) knows when to try again.
 */
export class DatasetAvailability {
  /** Ready datasets DuckDB cannot read here: their file is not where it was recorded (an import from another machine). */
  private readonly notHere = new Map<string, DatasetView>();
  private readonly waiting = new Set<() => void>();
  private registrations = 0;

  /** Each change of the datasets not here goes to the windows on `bus`, as a transient frame on the catalog topic. */
  constructor(private readonly bus?: Pick<Bus, 'publishProgress'>) {}

  get generation(): number {
    return this.registrations;
  }

  /** The datasets whose file is not on this machine, in the order they were found so. */
  missing(): readonly DatasetView[] {
    return [...this.notHere.values()];
  }

  isNotHere(datasetId: string): boolean {
    return this.notHere.has(datasetId);
  }

  markNotHere(dataset: DatasetView): void {
    const known = this.notHere.has(dataset.id);
    this.notHere.set(dataset.id, dataset);
    if (!known) this.tell();
  }

  /** DuckDB reads the dataset now (registered, located, brought back): what waited for a change is told. */
  registered(datasetId: string): void {
    if (this.notHere.delete(datasetId)) this.tell();
    this.registrations++;
    const told = [...this.waiting];
    this.waiting.clear();
    for (const listener of told) listener();
  }

  /**
   * Attached again on a thread that replaced a crashed one: the same data as before, so nothing that
   * waits for a change is told (a re-run that crashed the worker would otherwise run again at each crash).
   */
  reattached(datasetId: string): void {
    if (this.notHere.delete(datasetId)) this.tell();
  }

  /** Removed from the catalog: no longer a dataset, here or not. */
  forget(datasetId: string): void {
    if (this.notHere.delete(datasetId)) this.tell();
  }

  private tell(): void {
    this.bus?.publishProgress({ kind: 'availability', topic: CATALOG_TOPIC, notHere: [...this.notHere.keys()] });
  }

  /** Calls `listener` once, at the next successful registration. */
  onceRegistered(listener: () => void): void {
    this.waiting.add(listener);
  }
}

/**
 * Whether a ready dataset failed to register because its file is not on this machine: DuckDB found
 * no file (`DATASET_MISSING`), or the plain path it reads does not exist. A URL's copy is made again
 * by download, so it is never "not here".
 */
export async function fileNotHere(ds: DatasetView, error: AppError): Promise<boolean> {
  if (isUrl(ds.source)) return false;
  if (error.code === 'DATASET_MISSING') return true;
  const path = presencePath(ds.source, ds.location);
  return path !== undefined && !(await exists(path));
}

/**
 * The path whose being there says a dataset's files are on this machine: the file DuckDB reads, or
 * a folder's own path (DuckDB reads a glob under it, which matching nothing says nothing of why).
 * Undefined for a URL's copy (downloaded again) and a pattern (its files may come and go), which are
 * not followed, and for a relative source of an older log (resolved against a working folder then).
 */
export function presencePath(source: string, location: string | undefined): string | undefined {
  if (isUrl(source)) return undefined;
  try {
    const read = localPath(location ?? source);
    if (!isGlob(read)) return read;
    const given = localPath(source);
    // a pattern is read as given; a folder through a glob of its own
    return isAbsolute(given) && given !== read ? given : undefined;
  } catch {
    return undefined; // not a source of this machine's files at all
  }
}

export const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );
