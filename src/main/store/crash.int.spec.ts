import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawStore, sequenceProblems } from '../../../test/support/rawStore';
import { spawnStoreChild } from '../../../test/support/storeChildProcess';
import { tempDir } from '../../../test/support/testCore';
import { EventStore } from './eventStore';

const KILLS = 20;

/**
 * What a reopened store must satisfy, checked with raw SQLite (not the code under test).
 * `acked` maps each acknowledged batch id to its size.
 */
function verify(path: string, acked: ReadonlyMap<string, number>): { events: number; batches: number } {
  const { integrity, events: rows } = readRawStore(path);
  expect(integrity).toBe('ok');
  const problems = sequenceProblems(rows);
  const batches = new Map<string, number[]>();
  const sizes = new Map<string, number>();
  for (const r of rows) {
    const batchId = (JSON.parse(r.metadata) as { commandId: string }).commandId;
    const [, k, n] = /^\S+ (\d+)\/(\d+) /.exec((JSON.parse(r.payload) as { title: string }).title)!.map(Number) as [number, number, number];
    const parts = batches.get(batchId) ?? [];
    parts.push(k);
    batches.set(batchId, parts);
    sizes.set(batchId, n);
  }
  // no partial batch: each stored batch has all of its events, 1..n, in order
  for (const [batchId, parts] of batches) {
    if (parts.join() !== Array.from({ length: sizes.get(batchId)! }, (_, i) => i + 1).join()) problems.push(`batch ${batchId} holds ${parts.join()}`);
  }
  // every acknowledged batch is there, whole
  for (const [batchId, size] of acked) {
    if (batches.get(batchId)?.length !== size) problems.push(`acknowledged batch ${batchId} (${size} events) holds ${batches.get(batchId)?.length ?? 0}`);
  }
  expect(problems).toEqual([]);
  return { events: rows.length, batches: batches.size };
}

describe('crash safety: kill -9 while appending', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('sextant-crash-');
  });
  afterAll(() => dir.remove());

  it(`loses no acknowledged event and leaves no partial batch across ${KILLS} kills`, async () => {
    const path = `${dir.path}/events.sqlite`;
    const acked = new Map<string, number>();
    let killedMidRun = 0;
    // The next child loads (tsx, modules) while the current one runs: only opening the store waits.
    let next = spawnStoreChild('append', path);
    for (let round = 0; round < KILLS; round++) {
      const child = next;
      await child.start();
      if (round < KILLS - 1) next = spawnStoreChild('append', path);
      // let it append for a random while, so the kill lands anywhere in the append cycle
      await sleep(20 + Math.random() * 250);
      await child.kill9();
      expect(child.process.signalCode).toBe('SIGKILL');
      const acks = child.lines.filter((l) => l.startsWith('ack '));
      if (acks.length > 0) killedMidRun++;
      for (const line of acks) {
        const [, batchId, size] = line.split(' ');
        acked.set(batchId!, Number(size));
      }
      const { events, batches } = verify(path, acked);
      expect(batches).toBeGreaterThanOrEqual(acked.size);
      // and the app's own store opens on it and sees the same log
      const store = new EventStore(path);
      expect(store.readAfter(0, events + 1)).toHaveLength(events);
      store.close();
    }
    expect(killedMidRun).toBeGreaterThan(KILLS / 2);
    expect(acked.size).toBeGreaterThan(KILLS);
  }, 300_000);
});
