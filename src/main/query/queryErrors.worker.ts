import type { AppError } from '../../shared/contracts/errors';

/** DuckDB's words when an allocation would pass memory_limit: "… (50.2 MiB/61.0 MiB used)". */
const OUT_OF_MEMORY = /^Out of Memory Error:/;
const LIMIT_USED = /\([\d.]+ \w+\/([\d.]+ \w+) used\)/;
/** The OS's words, within DuckDB's, when a write to its database file or its spill files is refused. */
const DISK_FULL = /No space left on device|ENOSPC/;
const FILE_TOO_LARGE = /File too large|EFBIG/;

/**
 * What a person reads when DuckDB fails their SQL, or the sorting or filtering of a result. DuckDB's own text stays (it names the
 * problem and the place), minus the wrapper node-api puts before it. Running out of memory gets a
 * code of its own and a first line saying what happened in Sextant's terms: DuckDB's text alone
 * suggests thread counts and names no limit the person ever set. A full disk gets a first line too.
 */
export function explainDuckdbFailure(error: AppError, what = 'this query'): AppError {
  const message = withoutSystemSuggestion(withoutWrapper(error.message));
  const disk = diskLead(message, what);
  if (disk) return { ...error, message: `${disk}\n\n${message}` };
  if (!OUT_OF_MEMORY.test(message)) return { ...error, message };
  const limit = LIMIT_USED.exec(message)?.[1];
  const lead =
    `DuckDB ran out of memory: ${what} needs more than ${limit ? `its memory limit (${limit})` : 'its memory limit'} ` +
    'for work it cannot spill to disk, such as one very large list, string or hash table.';
  return { ...error, code: 'OUT_OF_MEMORY', message: `${lead}\n\n${message}` };
}

/**
 * A first line for a write the disk refused: DuckDB's text ("Failed to append: Failed to commit:
 * Could not write file …: No space left on device") names a file a person never chose and no remedy.
 * The code stays DuckDB's: the disk, not the SQL, is at fault, and running it again may succeed.
 */
function diskLead(message: string, what: string): string | undefined {
  if (DISK_FULL.test(message)) return `DuckDB ran out of disk space: the disk holding its files is full, so ${what} could not finish. Free some space and run it again.`;
  if (FILE_TOO_LARGE.test(message)) return `DuckDB could not write its files: the system refused a file that large (a file-size limit), so ${what} could not finish.`;
  return undefined;
}

/** node-api wraps DuckDB's text in "Failed to prepare statement …: "; a person needs only DuckDB's part. */
export const withoutWrapper = (message: string): string => message.replace(/^Failed to (extract statements|prepare)[^:]*: /, '');

/**
 * DuckDB's "Did you mean …?" when what it offers is one of its own catalog views (`pg_enum`,
 * `duckdb_tables`, `information_schema.columns`): for a table name mistyped it was the nearest
 * name, but no table a person has, so it sent them looking for one.
 */
const SYSTEM_SUGGESTION = /\nDid you mean "(?:(?:pg_catalog|information_schema|main)\.)?(?:pg_|duckdb_|sqlite_|information_schema\.)[^"]*"\?/;
export const withoutSystemSuggestion = (message: string): string => message.replace(SYSTEM_SUGGESTION, '');
