/**
 * A second process for store tests, run as `node storeChild.mjs <mode> <path>` once vitest's global
 * setup has bundled it (bundleTestWorker.ts).
 * It loads, then waits for a `go` line on stdin (so a test can start the next one loading while
 * the current one runs), opens the store and prints `ready`; then
 *   hold   waits, holding the store like a running Sextant would;
 *   append appends batches in a loop and prints `ack <batchId> <size> <lastGlobalSeq>` after each
 *          append returns, until it is killed.
 * Acks go out with a synchronous write, so a line the parent read is an append the store had
 * acknowledged before the kill.
 */
import { writeSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { EventMetadata } from '../../src/shared/contracts/events';
import { EventStore, type NewEvent } from '../../src/main/store/eventStore';

const [mode, path] = process.argv.slice(2);
if (!path || (mode !== 'hold' && mode !== 'append')) {
  process.stderr.write('usage: storeChild.ts hold|append <path>\n');
  process.exit(2);
}

const say = (line: string): void => void writeSync(1, `${line}\n`);
const stdin = createInterface({ input: process.stdin });
await once(stdin, 'line');
stdin.close();
const store = new EventStore(path);
say('ready');

if (mode === 'hold') {
  setInterval(() => {}, 60_000);
} else {
  const aggregates = ['s0', 's1', 's2', 's3', 's4'];
  const versions = new Map(aggregates.map((id) => [id, store.aggregateVersion('QuerySession', id)]));
  for (let n = 0; ; n++) {
    const id = aggregates[Math.floor(Math.random() * aggregates.length)]!;
    const size = 1 + Math.floor(Math.random() * 20);
    const batchId = `${process.pid}-${n}`;
    const metadata: EventMetadata = { commandId: batchId, correlationId: batchId, issuedBy: 'system' };
    const events: NewEvent[] = Array.from({ length: size }, (_, k) => ({
      event: { type: 'SessionRenamed', payload: { title: `${batchId} ${k + 1}/${size} ${'x'.repeat(Math.floor(Math.random() * 400))}` } },
      topic: `session/${id}`,
      metadata,
      occurredAt: new Date().toISOString(),
    }));
    const stored = store.append('QuerySession', id, versions.get(id)!, events);
    versions.set(id, stored[stored.length - 1]!.aggregateSeq);
    say(`ack ${batchId} ${size} ${stored[stored.length - 1]!.globalSeq}`);
  }
}
