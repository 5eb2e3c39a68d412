import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { Token } from '../../shared/sql/sqlTokens';
import { statementSpans } from '../../shared/sql/statementSpans';
import { fileWrites } from './fileWrites.worker';

/**
 * Keeps a person's SQL from writing into Sextant's data folder. COPY … TO and EXPORT DATABASE write
 * wherever they are told, and one over `events.sqlite` replaced the event log: DuckDB writes a new
 * file and renames it over the old one, the running app went on writing into the deleted file, and
 * the next start found a CSV (a partitioned COPY with OVERWRITE empties a whole folder). So before a
 * statement that writes a file runs, its target (fileWrites.worker.ts) is asked of DuckDB on the same
 * connection (a computed one, `TO (getvariable('p'))`, sees the variables set before it) and
 * resolved as DuckDB resolves it: `~` is the home folder, a relative path is the process's working
 * folder's, links are followed as far as the path exists. A target inside the data folder, or one
 * holding it, is refused with DATA_DIR_PROTECTED and an id before the statement runs.
 */
export async function refuseDataDirWrites(conn: DuckDBConnection, sql: string, tokens: readonly Token[], dataDir: string): Promise<void> {
  for (const target of fileWrites(sql, tokens)) {
    const written = target.kind === 'path' ? target.path : await evaluated(conn, target.sql);
    if (written === undefined) {
      throw refusal(`Sextant cannot tell which file ${target.kind === 'expression' ? target.sql : 'this statement'} names, so it does not write it: its data folder must stay its own. Write the file's name as text.`);
    }
    const local = localPath(written);
    if (local !== undefined && overlaps(resolvedPath(local), resolvedPath(dataDir))) {
      throw refusal(`${written} is in Sextant's data folder (${dataDir}), which holds its event log and results: write the file somewhere else.`);
    }
  }
}

/**
 * Asks, before each statement of a script is prepared (DuckDB's binder already creates an EXPORT's
 * folder), whether it writes a file into the data folder. Only a script that says COPY or EXPORT is
 * split into statements (as DuckDB counts them); should the two counts ever differ, the whole
 * script's tokens are read for each.
 */
export function writesGuard(sql: string, count: number, protectedDir: string | undefined) {
  const mayWrite = protectedDir !== undefined && /\b(copy|export)\b/i.test(sql);
  let spans: ReturnType<typeof statementSpans> | undefined;
  return async (conn: DuckDBConnection, i: number): Promise<void> => {
    if (!mayWrite) return;
    spans ??= statementSpans(sql);
    const tokens = spans.length === count ? spans[i]!.tokens : spans.flatMap((s) => s.tokens);
    await refuseDataDirWrites(conn, sql, tokens, protectedDir);
  };
}

/** What DuckDB makes of a target's expression, on the statement's own connection; undefined when it cannot say (NULL, an error, a parameter). */
async function evaluated(conn: DuckDBConnection, expression: string): Promise<string | undefined> {
  try {
    // one statement, prepared: the text is a balanced piece of the person's own statement, never two
    const prepared = await conn.prepare(`SELECT (${expression})::VARCHAR AS path`);
    try {
      const value = (await prepared.runAndReadAll()).getRowObjectsJS()[0]?.['path'];
      return typeof value === 'string' ? value : undefined;
    } finally {
      prepared.destroySync();
    }
  } catch {
    return undefined;
  }
}

/** A path on this machine's disk, `file://` taken off; undefined for another file system's (s3://, https://). */
function localPath(path: string): string | undefined {
  if (/^file:\/\//i.test(path)) return path.slice('file://'.length);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? undefined : path;
}

/** Absolute, `~` expanded, links followed for the part that exists (a file not yet written has a folder that does). */
function resolvedPath(path: string): string {
  const absolute = resolve(path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path);
  let existing = absolute;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  const real = join(realpathSync.native(existing), ...rest);
  // macOS's and Windows' file systems compare names without case
  return platform() === 'darwin' || platform() === 'win32' ? real.toLowerCase() : real;
}

const within = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
const overlaps = (a: string, b: string): boolean => within(a, b) || within(b, a);

const refusal = (message: string): AppErrorException => new AppErrorException(appError(randomUUID(), 'DATA_DIR_PROTECTED', message));
