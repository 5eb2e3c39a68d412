import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger';
import { Projections } from '../streams/projections';
import { spawnStoreChild } from '../../../test/support/storeChildProcess';
import { tempDir } from '../../../test/support/testCore';
import { EventStore, openEventStore } from './eventStore';
import { refusal } from '../../../test/support/refusal';

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const ERROR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;


function fill(path: string, sessions: number): void {
  const store = new EventStore(path);
  for (let i = 0; i < sessions; i++) {
    store.append('QuerySession', `s${i}`, 0, [
      {
        event: { type: 'SessionOpened', payload: { title: `session ${i} ${'-'.repeat(200)}` } },
        topic: `session/s${i}`,
        metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' },
        occurredAt: 't',
      },
    ]);
  }
  store.close();
}

describe('a store that cannot be opened', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir('sextant-open-');
    path = `${dir.path}/events.sqlite`;
  });
  afterEach(() => dir.remove());

  it('given a file that is not SQLite, then STORE_CORRUPT with an id, logged, and the file is left as it was', () => {
    writeFileSync(path, 'these are not the bytes of a database '.repeat(200));
    const before = fileHash(path);
    const logDir = tempDir('sextant-open-log-');
    const error = refusal(() => openEventStore(path, { log: createLogger(logDir.path, { sync: true }) }));
    const logged = readFileSync(join(logDir.path, 'logs', 'sextant.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    logDir.remove();
    expect(logged).toEqual([expect.objectContaining({ level: 50, errorId: error.id, code: 'STORE_CORRUPT', path, msg: error.message })]);
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.id).toMatch(ERROR_ID);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/left untouched/);
    expect(fileHash(path)).toBe(before);
    expect(readdirSync(dir.path)).toEqual(['events.sqlite']);
  });

  it('given a damaged page, then the read that meets it fails with STORE_CORRUPT, and nothing is rewritten', () => {
    fill(path, 300);
    const probe = new Database(path, { readonly: true });
    const leaf = probe.prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3").get()!.pageno;
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (leaf - 1) * pageSize);
    closeSync(fd);
    const before = fileHash(path);

    const store = openEventStore(path); // the header and schema are fine: the damage is found by reading
    const error = refusal(() => new Projections().rebuild(store));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.id).toMatch(ERROR_ID);
    expect(error.message).toMatch(/malformed/);
    store.close();
    expect(fileHash(path)).toBe(before);
  });

  it('given another running Sextant on the same file, then STORE_LOCKED; once it is gone, the store opens intact', async () => {
    fill(path, 3);
    const other = spawnStoreChild('hold', path);
    try {
      await other.start();
      const started = performance.now();
      const error = refusal(() => openEventStore(path, { lockTimeoutMs: 300 }));
      expect(error.code).toBe('STORE_LOCKED');
      expect(error.id).toMatch(ERROR_ID);
      expect(error.message).toMatch(/in use by another running Sextant/);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await other.kill9();
    }
    const store = openEventStore(path);
    expect(store.lastSeq()).toBe(3);
    store.close();
  });

  it('given a second open in the same process, then STORE_LOCKED too: one store, one owner', () => {
    const first = openEventStore(path);
    try {
      expect(refusal(() => openEventStore(path, { lockTimeoutMs: 50 })).code).toBe('STORE_LOCKED');
    } finally {
      first.close();
    }
    openEventStore(path).close();
  });

  it('given a place that cannot hold a file, then STORE_UNAVAILABLE with the reason', () => {
    const error = refusal(() => openEventStore(`${dir.path}/no/such/dir/events.sqlite`));
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.id).toMatch(ERROR_ID);
    expect(existsSync(`${dir.path}/no`)).toBe(false);
  });
});
