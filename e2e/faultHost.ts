import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { createApiClient } from '../src/shared/client/apiClient';
import type { SextantApi } from '../src/shared/contracts/protocol';
import { createWsChannel } from '../src/renderer/api/wsChannel';

/**
 * The real app for fault tests: `node out/main/serve.js` as its own process (what `npm run serve`
 * runs), which a test can kill -9, start under a file-size limit, or flood, and whose store file it
 * reads with raw SQLite once the process is dead (the app holds the file exclusively while it runs).
 */
export interface HostProcess {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves when the process has exited, however. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
  /** SIGTERM (a clean stop) and wait for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface LaunchOptions {
  readonly port?: number;
  readonly token?: string;
  /** RLIMIT_FSIZE for the process, in bytes (rounded down to KiB): a write past it fails with EFBIG, like a full disk. */
  readonly fileSizeLimitBytes?: number;
  readonly nodeArgs?: readonly string[];
}

/** Starts the host and waits for its one line; rejects with its stderr if it exits first. */
export async function launchHost(dataDir: string, options: LaunchOptions = {}): Promise<HostProcess> {
  const args = [...(options.nodeArgs ?? []), 'out/main/serve.js', '--port', String(options.port ?? 0), '--data-dir', dataDir, ...(options.token ? ['--token', options.token] : [])];
  // `ulimit -f` counts KiB in bash; exec keeps the pid, so kill -9 hits node itself. (Node ignores SIGXFSZ, so the write fails instead of killing it.)
  const child =
    options.fileSizeLimitBytes === undefined
      ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('bash', ['-c', `ulimit -f ${Math.floor(options.fileSizeLimitBytes / 1024)} && exec "$0" "$@"`, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the host did not start in time: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Sextant listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the host exited (${code ?? signal}): ${stderr.trim()}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token')!,
    child,
    stderr: () => stderr,
    exited,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(force);
      return result;
    },
  };
}

/** The renderer's own API client over a WebSocket to the host, from Node. */
export function apiClient(url: string): { api: SextantApi; connected(): boolean; close(): void } {
  const { port, searchParams } = new URL(url);
  const channel = createWsChannel(`ws://127.0.0.1:${port}/ws?token=${searchParams.get('token')}`, {
    WebSocket: WebSocket as unknown as NonNullable<Parameters<typeof createWsChannel>[1]>['WebSocket'],
    minBackoffMs: 50,
    maxBackoffMs: 200,
  });
  return { api: createApiClient(channel), connected: () => channel.isConnected(), close: () => channel.close() };
}

export interface StoredEvent {
  readonly global_seq: number;
  readonly event_type: string;
  readonly aggregate_type: string;
  readonly aggregate_id: string;
  readonly aggregate_seq: number;
  readonly payload: string;
}

/**
 * The store as raw SQLite sees it, after the process is gone: integrity_check and every event.
 * (Opening it is what the app's next start does too: SQLite recovers the WAL.)
 */
export function readStore(path: string): { integrity: string; events: StoredEvent[] } {
  const db = new Database(path, { fileMustExist: true });
  try {
    // As the app opens it: the WAL index in memory, so nothing new (no -shm) is needed on a full disk.
    db.pragma('locking_mode = EXCLUSIVE');
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const events = db.prepare<[], StoredEvent>('SELECT global_seq, event_type, aggregate_type, aggregate_id, aggregate_seq, payload FROM events ORDER BY global_seq').all();
    return { integrity, events };
  } finally {
    db.close();
  }
}

/** Each aggregate's events numbered 1, 2, 3… with no gap or repeat, and global_seq increasing. */
export function sequenceProblems(events: readonly StoredEvent[]): string[] {
  const problems: string[] = [];
  const last = new Map<string, number>();
  let previous = 0;
  for (const e of events) {
    if (e.global_seq <= previous) problems.push(`global_seq ${e.global_seq} after ${previous}`);
    previous = e.global_seq;
    const key = `${e.aggregate_type}/${e.aggregate_id}`;
    const expected = (last.get(key) ?? 0) + 1;
    if (e.aggregate_seq !== expected) problems.push(`${key}: aggregate_seq ${e.aggregate_seq}, expected ${expected}`);
    last.set(key, e.aggregate_seq);
  }
  return problems;
}
