import { z } from 'zod';

/**
 * The text of an uploaded session log travels in chunks of at most this many UTF-16 units: JSON
 * escapes a unit as at most 6 bytes, so a chunk's message stays under MAX_MESSAGE_BYTES (1 MiB).
 */
export const IMPORT_CHUNK_CHARS = 128 * 1024;
/** The largest session log one connection may upload (UTF-16 units): a 10,000-query session is ~5 MB. */
export const MAX_IMPORT_CHARS = 256 * 1024 * 1024;

/** Where an import's file comes from: text a browser uploaded in chunks, or the desktop's open dialog (main reads the file). */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), uploadId: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('openDialog') }).strict(),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

/**
 * In a refusal's details: the upload under which main keeps the refused file for "Import as a copy"
 * (one per connection, taken once), set only when the file's session is what conflicts.
 */
export const COPY_UPLOAD_DETAIL = 'copyUploadId';


/**
 * Where a dataset's file is on this machine, for "Locate…" after an import listed it as not found:
 * a path the person typed (a browser), or the desktop's open dialog (main reads the path it names).
 */
export const locateFileSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().trim().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('openDialog') }).strict(),
]);
export type LocateFile = z.infer<typeof locateFileSchema>;

/**
 * A dataset the imported session read that is left out here: its source is not on this machine,
 * another dataset here has its name, or its name cannot be a dataset's here (not a name Sextant
 * gives, one of DuckDB's or Sextant's own, or a table, view or database of the workspace).
 */
export const missingDatasetSchema = z.object({
  datasetId: z.string(),
  name: z.string(),
  /** The source as recorded where the session was exported. */
  source: z.string(),
  reason: z.enum(['not-found', 'name-taken', 'name-reserved']),
});
export type MissingDataset = z.infer<typeof missingDatasetSchema>;

/**
 * A dataset the imported session read whose recorded file is not on this machine, but whose content
 * a file here holds (the same fingerprint, under another dataset's name): it now reads that file.
 */
export const relocatedDatasetSchema = z.object({
  datasetId: z.string(),
  name: z.string(),
  /** The source as recorded where the session was exported. */
  source: z.string(),
  /** The file here it now reads. */
  path: z.string(),
});
export type RelocatedDataset = z.infer<typeof relocatedDatasetSchema>;

export const importOutcomeSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  /** Events the file holds (its header's `eventCount`): the count its export reported. */
  fileEvents: z.number().int().nonnegative(),
  /** Events appended by this import (0 when the file was imported before); the rest were here already or left out. */
  appended: z.number().int().nonnegative(),
  /** Of the file's events, those this log held already (an earlier import of the session brought them): never written twice. */
  hereAlready: z.number().int().nonnegative(),
  /** Every event of the session was here already: nothing was added, the session is opened. */
  alreadyImported: z.boolean(),
  /**
   * With `alreadyImported`: true when an earlier import brought the session here, false when it was
   * made here (a session exported and imported back into the same data folder). Absent: not known.
   */
  importedBefore: z.boolean().optional(),
  /** The file's datasets found in this catalog (same dataset, or the same source). */
  matchedDatasets: z.number().int().nonnegative(),
  /** Of those, the ones already here (same dataset, or same name and data), reused as they are: their events were not imported. */
  reusedDatasets: z.number().int().nonnegative(),
  missingDatasets: z.array(missingDatasetSchema),
  /** Of the matched, those now reading a file here with the same content as their recorded one. */
  relocatedDatasets: z.array(relocatedDatasetSchema),
  /** The file's events left out because a query was running when it was exported (that query's and what followed); absent: none. */
  leftRunning: z.number().int().positive().optional(),
  /**
   * Imported as a copy ("Import as a copy", after an IMPORT_CONFLICT): `sessionId` and `title` are the
   * new session's; this names the file's session, which this log holds with another history, unchanged.
   */
  copyOf: z.object({ sessionId: z.string(), title: z.string() }).optional(),
  /** The session is closed (it was when exported, or was closed here): imported as it is, "Reopen closed session" brings it back. */
  closed: z.literal(true).optional(),
});
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;
