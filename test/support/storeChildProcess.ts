import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';

export interface StoreChild {
  readonly process: ChildProcess;
  /** Complete lines the child printed so far (a line cut by a kill is not one). */
  readonly lines: string[];
  /** Lets the loaded child open the store; resolves once it has. */
  start(): Promise<void>;
  readonly exited: Promise<void>;
  /** kill -9, and wait until the OS has reaped it (and so released its locks). */
  kill9(): Promise<void>;
}

/** Starts test/support/storeChild.ts in its own Node process, as vitest's global setup bundled it (bundleTestWorker.ts). */
export function spawnStoreChild(mode: 'hold' | 'append', path: string): StoreChild {
  const child = spawn(process.execPath, [inject('storeChild'), mode, path], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let onReady: () => void = () => {};
  let onFail: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      if (line === 'ready') onReady();
      lines.push(line);
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // 'close', not 'exit': by then every line the child wrote has been read.
  const exited = new Promise<void>((resolve) =>
    child.once('close', (code, signal) => {
      onFail(new Error(`store child exited (${code ?? signal}) before it was ready: ${stderr}`));
      resolve();
    }),
  );
  return {
    process: child,
    lines,
    start: () => {
      child.stdin!.end('go\n');
      return ready;
    },
    exited,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
