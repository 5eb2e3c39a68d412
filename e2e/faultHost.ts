import { spawn, type ChildProcess } from 'node:child_process';
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
  const args = [...(options.nodeArgs ?? []), 'out/main/serve.js', '--port', String(options.port ?? 0), '--data-dir', dataDir, ...(options.token ? [`--token=${options.token}`] : [])];
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

// The store after the process is gone, read by raw SQLite.
export { readRawStore as readStore, sequenceProblems, type RawEvent as StoredEvent } from '../test/support/rawStore';
