import { BroadcastChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { duckdbFile } from '../../src/main/query/databaseFile';

/** The worker entry whose thread waits for `holdWorker(…).release()` before it loads (heldWorkerFromSource.mjs). */
export const heldWorkerFromSource = {
  workerPath: fileURLToPath(new URL('./heldWorkerFromSource.mjs', import.meta.url)),
} as const;

/**
 * Holds the DuckDB worker thread of the core to be started on `dataDir` (with
 * `heldWorkerFromSource`) until `release`: the core's DuckDB side cannot come up before it, however
 * fast or slow the machine. Call it before the core starts, so the thread's "waiting" is heard.
 */
export function holdWorker(dataDir: string): { release(): Promise<void>; close(): void } {
  const channel = new BroadcastChannel(`sextant-test-held-worker:${duckdbFile(dataDir)}`);
  const waiting = new Promise<void>((resolve) => {
    channel.onmessage = (event) => (event as { data?: unknown }).data === 'waiting' && resolve();
  });
  return {
    async release() {
      await waiting;
      channel.postMessage('go');
    },
    close: () => channel.close(),
  };
}
