import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * What a dataset's bytes were when Sextant last looked (docs/share.md, "Provenance"): enough to
 * tell, cheaply, that a file changed (size, modification time) and, surely, whether its content did
 * (a SHA-256 of it). For a folder or glob, `files` fingerprints the list of files; their content is
 * hashed only while they are small enough (FOLDER_HASH_LIMIT_BYTES).
 */
export const datasetFingerprintSchema = z.object({
  /** Bytes of the file, or of every file a folder or glob matched. */
  bytes: z.number().int().nonnegative(),
  /** Latest modification time of the file(s), in ms since the epoch. */
  modifiedMs: z.number().nonnegative(),
  /** SHA-256 of the content (a folder's files in name order, one after another); absent when too large to hash. */
  sha256: sha256.optional(),
  /** A folder or glob: how many files matched and the SHA-256 of their list (name, size, modification time). */
  files: z.object({ count: z.number().int().nonnegative(), listSha256: sha256 }).optional(),
  /** A Parquet source's footer, as `parquet_file_metadata` reads it (rows and row groups summed over files). */
  parquet: z.object({ rows: z.number().int().nonnegative(), rowGroups: z.number().int().nonnegative(), createdBy: z.string().nullable() }).optional(),
  /** The DuckDB version that read it (`SELECT version()`). */
  duckdbVersion: z.string(),
});
export type DatasetFingerprint = z.infer<typeof datasetFingerprintSchema>;

/** A dataset a completed query read, as it was then; `before`: on a re-run, as it was when the re-run query first ran. */
export const queryInputSchema = z.object({
  datasetId: z.string(),
  name: z.string(),
  fingerprint: datasetFingerprintSchema.optional(),
  before: datasetFingerprintSchema.optional(),
});
export type QueryInput = z.infer<typeof queryInputSchema>;

/** Folders and globs whose files add up to more than this are fingerprinted by their list only. */
export const FOLDER_HASH_LIMIT_BYTES = 256 * 2 ** 20;

/** Content of at least this many bytes reports its hash's progress; a smaller file is hashed before anyone could watch. */
export const HASH_PROGRESS_MIN_BYTES = 64 * 2 ** 20;

/** How far a fingerprint's hash has read: what the worker reports for big files, and the catalog's progress frame carries. */
export interface HashProgress {
  readonly hashedBytes: number;
  readonly totalBytes: number;
}

/**
 * Whether two fingerprints say the same content. The hashes decide when both have one (a file
 * touched but not changed is the same); without, size, time and the file list must all agree.
 */
export function sameContent(a: DatasetFingerprint, b: DatasetFingerprint): boolean {
  if (a.sha256 !== undefined && b.sha256 !== undefined) return a.sha256 === b.sha256;
  return a.bytes === b.bytes && a.modifiedMs === b.modifiedMs && a.files?.listSha256 === b.files?.listSha256;
}

/** Whether the file(s) look different on disk than when fingerprinted: what makes it worth hashing again. */
export function looksChanged(recorded: DatasetFingerprint, now: { readonly bytes: number; readonly modifiedMs: number; readonly listSha256?: string }): boolean {
  return recorded.bytes !== now.bytes || recorded.modifiedMs !== now.modifiedMs || (now.listSha256 !== undefined && recorded.files?.listSha256 !== now.listSha256);
}
