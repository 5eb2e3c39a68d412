import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawStore, sequenceProblems } from '../../../test/support/rawStore';
import { writeSessionLog } from '../../../test/support/sessionLogWriter';
import { tempDir } from '../../../test/support/testCore';
import type { EventMetadata } from '../../shared/contracts/events';
import { EventStore } from '../store/eventStore';
import { upcasters } from '../store/upcasters';
import { readSessionLog } from './sessionLogReader';

const child = fileURLToPath(new URL('../../../test/support/importChild.ts', import.meta.url));
const EVENTS = 2000;

/** Runs the import child until it says `mid` (half the events inserted, inside the transaction), then kill -9. */
function importAndKillMidway(storePath: string, logPath: string): Promise<{ insertedBeforeKill: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, storePath, logPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let inserted = -1;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const mid = /^mid (\d+)$/m.exec(out);
      if (mid && inserted < 0) {
        inserted = Number(mid[1]);
        p.kill('SIGKILL');
      }
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('close', (_code, signal) => (inserted < 0 ? reject(new Error(`the child ended before the middle of the import: ${out} ${err}`)) : resolve({ insertedBeforeKill: inserted, signal })));
  });
}

describe('crash safety: kill -9 in the middle of an import', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(() => {
    dir = tempDir('sextant-import-crash-');
  });
  afterAll(() => dir.remove());

  it('leaves no imported event behind, and the same file imports whole afterwards', async () => {
    // The file: a session of EVENTS events, from a store of its own.
    const from = new EventStore(join(dir.path, 'from.sqlite'));
    const meta: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };
    const at = new Date().toISOString();
    from.append('QuerySession', 's1', 0, [{ event: { type: 'SessionOpened', payload: { title: 'crash' } }, topic: 'session/s1', metadata: meta, occurredAt: at }]);
    from.append(
      'QuerySession',
      's1',
      1,
      Array.from({ length: EVENTS - 1 }, (_, i) => ({ event: { type: 'DraftSaved' as const, payload: { sql: `SELECT ${i}` } }, topic: 'session/s1', metadata: meta, occurredAt: at })),
    );
    const logPath = join(dir.path, 'crash.sextant.ndjson');
    writeFileSync(logPath, await writeSessionLog(from, 's1'));
    from.close();
    // The log it goes into already holds a session of its own.
    const storePath = join(dir.path, 'events.sqlite');
    const to = new EventStore(storePath);
    to.append('QuerySession', 'mine', 0, [{ event: { type: 'SessionOpened', payload: { title: 'mine' } }, topic: 'session/mine', metadata: meta, occurredAt: at }]);
    const before = readRawStoreClosed(to, storePath);

    const { insertedBeforeKill, signal } = await importAndKillMidway(storePath, logPath);
    expect(signal).toBe('SIGKILL');
    // The child had inserted half the file inside its transaction when it died.
    expect(insertedBeforeKill).toBeGreaterThan(before.length + EVENTS / 4);

    const after = readRawStore(storePath);
    expect(after.integrity).toBe('ok');
    expect(after.events.map((e) => e.event_id)).toEqual(before.map((e) => e.event_id));
    expect(sequenceProblems(after.events)).toEqual([]);

    const reopened = new EventStore(storePath);
    expect(reopened.importEvents(await reopenedEvents(logPath)).stored).toHaveLength(EVENTS);
    expect(reopened.readAggregate('QuerySession', 's1')).toHaveLength(EVENTS);
    reopened.close();
  }, 60_000);
});

function readRawStoreClosed(store: EventStore, path: string) {
  store.close();
  return readRawStore(path).events;
}

async function reopenedEvents(logPath: string) {
  const read = await readSessionLog(readFileSync(logPath, 'utf8'), upcasters, () => 'test');
  if (!read.ok) throw new Error(read.error.message);
  return read.value.events;
}
