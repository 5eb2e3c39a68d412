import { afterEach, expect, it } from 'vitest';
import type { Frame } from '../../shared/contracts/frames';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { silentLogger } from '../platform/logger';
import { Outbox } from './outbox';
import { StreamManager } from './streamManager';

let core: TestCore | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await core?.close();
  dir?.remove();
});

it('a replay paused for credit and then closed leaves no waiter on the connection, however often a stalled client resubscribes', async () => {
  dir = tempDir();
  core = await startTestCore(dir.path);
  for (let i = 0; i < 5; i++) await core.dispatch({ type: 'OpenSession', title: `s${i}` });
  const frames: Frame[] = [];
  // A client that never acknowledges: its window of 2 is full after the first replay batch.
  const outbox = new Outbox({ sendFrames: (json) => void frames.push(...(JSON.parse(`[${json}]`) as Frame[])), backlogBytes: () => 0 }, { window: 2, maxBacklogBytes: 1e9, backlogRecheckMs: 50 });
  const streams = new StreamManager(core.store, core.bus, core.projections, silentLogger());
  streams.subscribe('first', 'session/*', { afterSeq: 0 }, outbox);
  await new Promise((r) => setTimeout(r, 20));
  expect(outbox.credit).toBe(0);
  const baseline = outbox.waiting;
  for (let i = 0; i < 200; i++) streams.subscribe(`again${i}`, 'session/*', { afterSeq: 0 }, outbox).close();
  await new Promise((r) => setTimeout(r, 20));
  expect(outbox.waiting).toBe(baseline);
  expect(streams.stats().subscribers).toBe(1);
  streams.close();
  expect(outbox.waiting).toBe(0);
});
