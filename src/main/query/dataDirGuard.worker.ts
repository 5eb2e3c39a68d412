import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, isAbsolute, join, parse, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { Token } from '../../shared/sql/sqlTokens';
import { statementSpans } from '../../shared/sql/statementSpans';
import { fileWrites, MAY_WRITE_FILES } from './fileWrites.worker';

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
    const written = target.kind === 'path' ? target.path : target.kind === 'expression' ? await evaluated(conn, target.sql) : undefined;
    if (written === undefined) {
      const said = target.kind === 'path' ? target.path : target.kind === 'expression' ? target.sql : target.written;
      throw refusal(`Sextant cannot tell which file ${said} names before it runs, so it does not write it: its data folder must stay its own. Write the file's name as text.`);
    }
    const local = localPath(written);
    if (local === undefined) continue;
    const home = local === '~' || local.startsWith('~/') ? await duckdbHome(conn) : '';
    if (overlaps(resolvedPath(local, home), resolvedPath(dataDir, home))) {
      throw refusal(`${written} is in Sextant's data folder (${dataDir}), which holds its event log and results: write the file somewhere else.`);
    }
  }
}

/**
 * Asks, before each statement of a script is prepared (DuckDB's binder already creates an EXPORT's
 * folder), whether it writes a file into the data folder. Only a script that says COPY, EXPORT or profiling_output is
 * split into statements (as DuckDB counts them); should the two counts ever differ, the whole
 * script's tokens are read for each.
 */
export function writesGuard(sql: string, count: number, protectedDir: string | undefined) {
  const mayWrite = protectedDir !== undefined && MAY_WRITE_FILES.test(sql);
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

/**
 * A path on this machine's disk as DuckDB reads a target: `file:` URLs (`file:///x`, `file://localhost/x`,
 * `file:/x`) are local paths; undefined for another file system's (s3://, https://).
 */
function localPath(path: string): string | undefined {
  const file = /^file:(?:\/\/(?:localhost)?(?=\/))?/i.exec(path);
  if (file) return path.slice(file[0].length);
  return /^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) ? undefined : path;
}

/** The folder DuckDB reads `~` as: its `home_directory` setting when set, else the user's. */
async function duckdbHome(conn: DuckDBConnection): Promise<string> {
  const set = (await conn.runAndReadAll(`SELECT current_setting('home_directory') AS h`)).getRowObjectsJS()[0]?.['h'];
  return typeof set === 'string' && set !== '' ? set : homedir();
}

/**
 * The path the file system reaches: absolute (`~` as `home`), each part followed as the OS follows
 * it, so a `..` after a link climbs from where the link leads (path.resolve would drop it as text
 * first); parts that do not exist yet are taken as written. Case folded where the file system folds it.
 */
function resolvedPath(path: string, home: string): string {
  const absolute = path === '~' || path.startsWith('~/') ? home + path.slice(1) : isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
  const root = parse(absolute).root;
  let at = realpathSync.native(root);
  for (const part of absolute.slice(root.length).split(platform() === 'win32' ? /[\\/]+/ : /\/+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') at = dirname(at);
    else {
      const next = join(at, part);
      at = existsSync(next) ? realpathSync.native(next) : next;
    }
  }
  return platform() === 'darwin' || platform() === 'win32' ? at.toLowerCase() : at;
}

const within = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
const overlaps = (a: string, b: string): boolean => within(a, b) || within(b, a);

const refusal = (message: string): AppErrorException => new AppErrorException(appError(randomUUID(), 'DATA_DIR_PROTECTED', message));
