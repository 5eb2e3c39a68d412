/**
 * The client side of stream.replay_100k: receives a replay over a WebSocket and reports how long
 * it took until the last event was processed. Runs in the bench's own thread or in a worker
 * thread (replayClientWorker.mjs), as a renderer runs in its own process.
 */
import { parentPort } from 'node:worker_threads';
import WebSocket from 'ws';
import { createApiClient } from '../src/shared/client/apiClient';
import { createWsChannel } from '../src/renderer/api/wsChannel';

export interface ReplayJob {
  /** `raw`: a bare `ws` client reading pre-serialized messages; `sextant`: the renderer's own client. */
  readonly kind: 'raw' | 'sextant';
  readonly url: string;
  readonly pattern: string;
  readonly subscriptionId: string;
  readonly total: number;
}

export async function replay(job: ReplayJob): Promise<number> {
  return job.kind === 'raw' ? rawReplay(job) : sextantReplay(job);
}

/** Baseline client: parses each message and counts its frames. */
async function rawReplay(job: ReplayJob): Promise<number> {
  const ws = new WebSocket(job.url);
  await new Promise((r) => ws.once('open', r));
  const t0 = performance.now();
  let received = 0;
  await new Promise<void>((done) => {
    ws.on('message', (data) => {
      received += (JSON.parse(String(data)) as { frames: unknown[] }).frames.length;
      if (received >= job.total) done();
    });
    ws.send('go');
  });
  const ms = performance.now() - t0;
  ws.close();
  return ms;
}

/** Sextant's client: the renderer's WebSocket channel and API client, subscribing from seq 0. */
async function sextantReplay(job: ReplayJob): Promise<number> {
  const channel = createWsChannel(job.url, { WebSocket: WebSocket as unknown as NonNullable<Parameters<typeof createWsChannel>[1]>['WebSocket'] });
  const api = createApiClient(channel);
  await new Promise<void>((r) => api.onConnection((c) => c && r()));
  let received = 0;
  const t0 = performance.now();
  await new Promise<void>((done) => {
    api.onFrame((f) => {
      if (f.kind === 'event') received++;
      else if (f.kind === 'live') done();
    });
    void api.subscribe(job.subscriptionId, job.pattern, { afterSeq: 0 });
  });
  const ms = performance.now() - t0;
  channel.close();
  if (received !== job.total) throw new Error(`replayed ${received} of ${job.total} events`);
  return ms;
}

// In a worker thread: one job per message.
parentPort?.on('message', (job: ReplayJob) => {
  replay(job).then(
    (ms) => parentPort?.postMessage({ ms }),
    (e: unknown) => parentPort?.postMessage({ error: String(e) }),
  );
});
