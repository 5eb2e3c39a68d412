import { randomUUID } from 'node:crypto';
import { statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';

const MiB = 1024 * 1024;

/**
 * How much of the disk a result may not take: 2 % of it, at least 8 MiB and at most 256 MiB. A result
 * that fills the disk to the last byte leaves DuckDB unable to give the space back (its CHECKPOINT
 * needs a few blocks to write, and on a full disk it fails fatally), and the event store unable to
 * record the failure; so the writer stops short of the disk's last few MiB. 8 MiB holds a row group
 * DuckDB writes at once (a few MiB for a wide result) and the checkpoint after it.
 */
export function reserveBytes(diskBytes: number): number {
  return Math.min(256 * MiB, Math.max(8 * MiB, Math.round(diskBytes * 0.02)));
}

/** Free bytes (for an unprivileged process) and the disk's size, of the disk holding `dir`. */
export function diskSpace(dir: string): { free: number; total: number } {
  const s = statfsSync(dir);
  return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
}

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

/** Marks the refusal below, so the run's undo knows to give the space back. */
export class DiskReserveReached extends AppErrorException {}

/**
 * Stops a result before it eats into the reserve of the disk holding DuckDB's file `dbFile`, and says
 * how many bytes are left above it. The WAL counts as already written twice: DuckDB's automatic
 * checkpoint (at 16 MiB of WAL) copies it into the file before truncating it, and on a 40 MiB disk
 * that copy alone took the disk's last 16 MiB.
 */
export function refuseIntoReserve(dbFile: string): number {
  const dir = dirname(dbFile);
  const { free, total } = diskSpace(dir);
  const reserve = reserveBytes(total);
  const wal = statSync(`${dbFile}.wal`, { throwIfNoEntry: false })?.size ?? 0;
  if (free - wal >= reserve) return free - wal - reserve;
  throw new DiskReserveReached(
    appError(
      randomUUID(),
      'SQL_ERROR',
      `DuckDB stopped this query before it filled the disk: the disk holding ${dir} has ${mib(free)} free, and Sextant keeps its last ${mib(reserve)} ` +
        'for its event store and its own files (beyond what DuckDB still has to copy from its log). The rows written so far were removed and their space given back. Free some space and run it again.',
    ),
  );
}

/**
 * Rows that can reach the disk between two checks far from the reserve: the 20 chunks appended
 * since the last check, and up to 100 chunks the appender held (DuckDB's appender writes on its own
 * every 100 chunks of 2,048 rows, and the writer's timed flush writes all it holds).
 */
const ROWS_BETWEEN_CHECKS = (100 + 20) * 2048;
/** Near the reserve below this margin, whatever the rows seen so far weigh. */
const NEAR_MARGIN = 64 * MiB;

/**
 * A result's watch on the reserve, asked between chunks with the rows written so far: it refuses
 * past the reserve (refuseIntoReserve), and says whether the result is near it, where the writer
 * checks and commits every chunk. Far from it a check every 20 chunks let a commit of ~100 chunks
 * held by the appender take the disk's last MiB (a 40 MiB tmpfs went down to 0.8 MiB free), and
 * nothing was left to give the space back with. Near means less margin than NEAR_MARGIN, or than
 * twice (the WAL) what ROWS_BETWEEN_CHECKS rows weigh by what the rows written so far took.
 */
export function reserveWatch(dbFile: string): (rowsWritten: number) => boolean {
  /** The margin at the first check, before the result's first chunk is written. */
  let start: number | undefined;
  return (rowsWritten) => {
    const margin = refuseIntoReserve(dbFile);
    start ??= margin;
    const perRow = rowsWritten > 0 ? Math.max(0, start - margin) / rowsWritten : 0;
    return margin < Math.max(NEAR_MARGIN, 2 * perRow * ROWS_BETWEEN_CHECKS);
  };
}

/** DuckDB's words (or the reserve's refusal) when a run failed for want of disk space. */
export function failedForSpace(e: unknown): boolean {
  if (e instanceof DiskReserveReached) return true;
  const said = e instanceof Error ? e.message : String(e);
  return /No space left on device|ENOSPC/.test(said);
}

/** Room a CHECKPOINT needs to write its metadata and header: on a disk with less, DuckDB fails it fatally (the database is unusable until restarted). */
const CHECKPOINT_ROOM = 2 * MiB;

/**
 * After a run that failed for want of space was undone (its table dropped or rolled back): a
 * CHECKPOINT frees the dropped blocks, and DuckDB truncates its file when they are at its end, as a
 * result's are. Without it the file keeps its size until a checkpoint happens to run, and the disk
 * stays full. Skipped where the disk has no room for it; one refused because another transaction is
 * writing ("other write transactions active") is tried again for 3 s, then left to DuckDB's next one.
 */
export async function giveSpaceBack(writer: DuckDBConnection, dir: string): Promise<void> {
  // Tried for a few seconds: the failure's own history batch, written at that moment, is a write
  // transaction that makes DuckDB refuse a CHECKPOINT until it commits.
  for (let attempt = 0; attempt < 30; attempt++) {
    if (diskSpace(dir).free < CHECKPOINT_ROOM) return;
    if (await writer.run('CHECKPOINT').then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Gives a new database file its metadata block before any result is written: a `CHECKPOINT` at start,
 * on a file that has no block yet. DuckDB truncates its file only down to its last used block, and
 * writes each checkpoint's metadata into the free parts of the metadata block it already has. A fresh
 * file's first checkpoint used to be the one after a run that failed for want of space: its metadata
 * block went after the result's blocks (none was free yet), the result was dropped, and the file kept
 * its size (a 64 MiB disk stayed 59 MiB full). Checkpointed first, the metadata is in block 0 and the
 * file shrinks back to 256 KiB. Skipped where the disk has no room for it (see CHECKPOINT_ROOM).
 */
export async function placeMetadataFirst(admin: DuckDBConnection, dbFile: string): Promise<void> {
  const size = await admin.runAndReadAll('SELECT total_blocks FROM pragma_database_size() WHERE database_name = current_database()');
  if (Number(size.getRowsJS()[0]?.[0] ?? 1) > 0) return;
  if (diskSpace(dirname(dbFile)).free < CHECKPOINT_ROOM) return;
  await admin.run('CHECKPOINT').catch(() => undefined);
}
