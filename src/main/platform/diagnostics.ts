import { open } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { DEFAULT_LOG_KEEP } from './logger';
import { fileSize, logDir, logFiles } from './logFiles';

/** The versions a bug report needs; Electron's and Chrome's only in the desktop app. */
export interface RuntimeVersions {
  readonly app: string;
  readonly electron?: string;
  readonly chrome?: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
}

export interface RecentError {
  readonly errorId: string;
  readonly time?: string;
  readonly code?: string;
  readonly message?: string;
}

export interface Diagnostics {
  readonly versions: RuntimeVersions;
  readonly duckdb: string;
  readonly sqlite: string;
  readonly dataDir: string;
  readonly logDir: string;
  readonly recentErrors: readonly RecentError[];
}

const MAX_MESSAGE = 200;
const firstLine = (text: string): string => {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
};

/**
 * The error ids in log text (JSON lines, oldest first), newest first, each id once (its latest
 * line), at most `limit`. Lines that are not JSON, or carry no errorId, are skipped.
 */
export function recentErrors(logText: string, limit = 10): RecentError[] {
  const byId = new Map<string, RecentError>();
  for (const line of logText.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const { errorId, time, code, msg } = entry;
    if (typeof errorId !== 'string' || errorId === '') continue;
    byId.delete(errorId); // re-insert: the Map's order is then the order of each id's latest line
    byId.set(errorId, {
      errorId,
      ...(typeof time === 'number' ? { time: new Date(time).toISOString() } : {}),
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof msg === 'string' ? { message: firstLine(msg) } : {}),
    });
  }
  return [...byId.values()].reverse().slice(0, limit);
}

/** The text "Copy diagnostics" puts on the clipboard: plain, short, safe to paste into a bug report. */
export function diagnosticsText(d: Diagnostics): string {
  const v = d.versions;
  const runtime = [
    ...(v.electron ? [`Electron ${v.electron}`] : []),
    ...(v.chrome ? [`Chrome ${v.chrome}`] : []),
    `Node ${v.node}`,
    `${v.platform} ${v.arch}`,
  ].join(' · ');
  const errors =
    d.recentErrors.length === 0
      ? ['Recent errors: none in the log']
      : [
          'Recent errors (newest first):',
          ...d.recentErrors.map((e) => ['  ' + (e.time ?? '-'), e.errorId, e.code ?? '-', e.message ?? ''].join('  ').trimEnd()),
        ];
  return [`Sextant ${v.app}`, runtime, `DuckDB ${d.duckdb} · SQLite ${d.sqlite}`, `Data folder: ${d.dataDir}`, `Logs: ${d.logDir}`, '', ...errors, ''].join('\n');
}

/** How much of the log to read for recent errors: the newest lines are what matter. */
const LOG_TAIL_BYTES = 512 * 1024;

async function tail(path: string, bytes: number): Promise<string> {
  const size = fileSize(path);
  const start = Math.max(0, size - bytes);
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    await file.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1); // drop the cut-off first line
  } finally {
    await file.close();
  }
}

/** What diagnostics read from a running core; the core supplies it, so this module knows no engine. */
export interface DiagnosticsSource {
  readonly dataDir: string;
  /** DuckDB's version as the running worker reports it. */
  duckdbVersion(): Promise<string>;
}

/**
 * Gathers the diagnostics of a running core: DuckDB's version from the core, SQLite's from the
 * better-sqlite3 build the store runs on, and the last error ids from the newest log files.
 * Nothing here can fail the caller: what cannot be read says so.
 */
export async function collectDiagnostics(core: DiagnosticsSource, versions: RuntimeVersions): Promise<Diagnostics> {
  const unavailable = (e: unknown) => `unavailable (${e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e)})`;
  const duckdb = await Promise.resolve()
    .then(() => core.duckdbVersion())
    .catch(unavailable);
  let sqlite: string;
  try {
    const db = new Database(':memory:');
    sqlite = String(db.prepare('SELECT sqlite_version()').pluck().get());
    db.close();
  } catch (e) {
    sqlite = unavailable(e);
  }
  const dir = logDir(core.dataDir);
  let logText = '';
  for (const file of logFiles(dir, DEFAULT_LOG_KEEP).slice(0, 2).reverse()) {
    logText += await tail(file, LOG_TAIL_BYTES).catch(() => '');
  }
  return { versions, duckdb, sqlite, dataDir: core.dataDir, logDir: dir, recentErrors: recentErrors(logText) };
}
