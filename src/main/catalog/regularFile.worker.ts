import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { AppErrorException, appError } from '../../shared/contracts/errors';

/**
 * Refuses a path that names something other than a regular file: a FIFO, a character or block
 * device, a socket. Opening a FIFO for reading blocks until something writes to it and /dev/zero
 * never ends, so DuckDB's reader, an ATTACH or a hash of it would hold the worker's admin connection
 * (or a thread) forever: every later registration, removal and the core's close waited behind it.
 * Such a path can arrive without the catalog's own checks (an imported session log names its
 * datasets' locations; a store from before this check recreates them at start). A path that names
 * nothing is left for the reader to report as missing, in its own words.
 * (DuckDB's glob lists regular files only, so a pattern over a folder never reaches a FIFO.)
 */
export async function refuseSpecialFile(path: string): Promise<void> {
  const s = await stat(path).catch(() => undefined);
  if (!s || s.isFile() || s.isDirectory()) return;
  throw new AppErrorException(
    appError(randomUUID(), 'DATASET_UNSUPPORTED', `${path} is not a regular file (a pipe, device or socket): Sextant reads datasets from files only.`),
  );
}
