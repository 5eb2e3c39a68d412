import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { FOLDER_HASH_LIMIT_BYTES, HASH_PROGRESS_MIN_BYTES, type DatasetFingerprint, type HashProgress } from '../../shared/contracts/fingerprint';
import { TextScanner } from '../../shared/domain/csvText';
import { globLiteral, isGlob } from '../../shared/domain/datasetName';
import type { FingerprintTarget } from '../query/workerProtocol';
import { nodeChecks, rememberScan } from './csvText.worker';
import { isFile } from './isFile.worker';
import { refuseSpecialFile } from './regularFile.worker';

/** Where a big file's hash reports how far it has read, and how often at most. */
export interface HashReporting {
  readonly intervalMs: number;
  report(p: HashProgress): void;
}

/**
 * Fingerprints a dataset's file(s) on the DuckDB worker thread, so hashing a 1 GB file never runs
 * on main: the content streams through SHA-256 a chunk at a time (never held whole in memory), and
 * the file list and Parquet footer come from DuckDB's own `glob` and `parquet_file_metadata`.
 * Content of HASH_PROGRESS_MIN_BYTES or more reports its progress as it is read.
 */
export async function fingerprintSource(admin: DuckDBConnection, target: FingerprintTarget, reporting?: HashReporting): Promise<DatasetFingerprint> {
  // A path that names a file is that file whatever its name holds (`report [v2].csv`, an Arrow or
  // DuckDB file given as is), as the catalog decided when it located it; only the rest is a pattern.
  const many = isGlob(target.path) && !(await isFile(target.path));
  const files = many ? await globFiles(admin, target.path) : [target.path];
  if (!many) await refuseSpecialFile(target.path);
  const stats = await Promise.all(files.map(async (file) => ({ file, ...(await statOf(file)) })));
  const bytes = stats.reduce((sum, s) => sum + s.bytes, 0);
  const modifiedMs = stats.reduce((latest, s) => Math.max(latest, s.modifiedMs), 0);
  const hashable = target.content && (!many || bytes <= FOLDER_HASH_LIMIT_BYTES);
  const version = await admin.runAndReadAll('SELECT version() AS v');
  // One file's bytes are checked for UTF-8 in the same pass (csvText.worker.ts): registering it next reads that answer, not the file again.
  const scanner = hashable && !many && !target.parquet ? new TextScanner(nodeChecks) : undefined;
  const sha256 = hashable ? await hashFiles(files, bytes >= HASH_PROGRESS_MIN_BYTES ? reporting && { ...reporting, totalBytes: bytes } : undefined, scanner) : undefined;
  if (scanner) rememberScan(target.path, bytes, modifiedMs, scanner.result());
  return {
    bytes,
    modifiedMs,
    ...(sha256 === undefined ? {} : { sha256 }),
    ...(many ? { files: { count: files.length, listSha256: listHash(stats) } } : {}),
    ...(target.parquet && target.content && files.length > 0 ? { parquet: await parquetFooter(admin, many ? target.path : globLiteral(target.path)) } : {}),
    duckdbVersion: String(version.getRowObjectsJS()[0]?.['v'] ?? 'unknown'),
  };
}

async function globFiles(admin: DuckDBConnection, pattern: string): Promise<string[]> {
  const rows = (await admin.runAndReadAll('SELECT file FROM glob($1) ORDER BY file', [pattern])).getRowObjectsJS();
  return rows.map((r) => String(r['file']));
}

async function statOf(file: string): Promise<{ bytes: number; modifiedMs: number }> {
  const s = await stat(file);
  return { bytes: s.size, modifiedMs: Math.floor(s.mtimeMs) };
}

/**
 * One SHA-256 over the files in order, streamed in 1 MiB chunks; with `progress`, how far it has
 * read, throttled, and once at the end; with `scanner`, each chunk is fed to it too.
 */
async function hashFiles(files: readonly string[], progress?: HashReporting & { readonly totalBytes: number }, scanner?: TextScanner): Promise<string> {
  const hash = createHash('sha256');
  let hashedBytes = 0;
  let reported = Date.now();
  for (const file of files) {
    for await (const chunk of createReadStream(file, { highWaterMark: 2 ** 20 })) {
      hash.update(chunk as Buffer);
      scanner?.feed(chunk as Buffer);
      hashedBytes += (chunk as Buffer).length;
      if (progress && Date.now() - reported >= progress.intervalMs) {
        reported = Date.now();
        progress.report({ hashedBytes, totalBytes: progress.totalBytes });
      }
    }
  }
  progress?.report({ hashedBytes, totalBytes: progress.totalBytes });
  return hash.digest('hex');
}

function listHash(stats: readonly { file: string; bytes: number; modifiedMs: number }[]): string {
  const hash = createHash('sha256');
  for (const s of stats) hash.update(`${s.file}\0${s.bytes}\0${s.modifiedMs}\n`);
  return hash.digest('hex');
}

async function parquetFooter(admin: DuckDBConnection, path: string): Promise<NonNullable<DatasetFingerprint['parquet']>> {
  const reader = await admin.runAndReadAll(
    'SELECT sum(num_rows)::BIGINT AS n, sum(num_row_groups)::BIGINT AS g, min(created_by) AS c FROM parquet_file_metadata($1)',
    [path],
  );
  const row = reader.getRowObjectsJS()[0] ?? {};
  const createdBy = row['c'];
  return { rows: Number(row['n'] ?? 0), rowGroups: Number(row['g'] ?? 0), createdBy: typeof createdBy === 'string' ? createdBy : null };
}
