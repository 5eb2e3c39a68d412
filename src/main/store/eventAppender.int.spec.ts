import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMetadata } from '../../shared/contracts/events';
import { tempDir } from '../../../test/support/testCore';
import { EventAppender, VersionConflict, type NewEvent, type VersionRead } from './eventAppender';
import { migrations } from './schema';
import { openStoreFile } from './storeFile';
import { upcasters } from './upcasters';

const metadata: EventMetadata = { commandId: 'c1', correlationId: 'k1', issuedBy: 'user' };
const renamed = (title: string): NewEvent => ({ event: { type: 'SessionRenamed', payload: { title } }, topic: 'session/a', metadata, occurredAt: '2026-01-01T00:00:00.000Z' });

describe('EventAppender: UNIQUE (aggregate_type, aggregate_id, aggregate_seq) is the version backstop', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database.Database;
  beforeEach(() => {
    dir = tempDir('sextant-append-');
    db = openStoreFile(`${dir.path}/events.sqlite`, { migrations, lockTimeoutMs: 0, errorId: () => 'id' });
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  const honest: VersionRead = (type, id) =>
    db.prepare<[string, string], { v: number | null }>('SELECT max(aggregate_seq) AS v FROM events WHERE aggregate_type = ? AND aggregate_id = ?').get(type, id)?.v ?? 0;
  const rows = () => db.prepare('SELECT global_seq, aggregate_seq, payload FROM events ORDER BY global_seq').all();

  it('a write that slips past the version read ends as a VersionConflict, and nothing of it is written', () => {
    new EventAppender(db, 'events.sqlite', upcasters, () => 'id', honest).append('QuerySession', 'a', 0, [renamed('one'), renamed('two')]);
    const before = rows();
    // The check reads the version before another writer's append landed (one stale read), as a
    // second connection or a bug in the read could make it: only the constraint stands in the way.
    let reads = 0;
    const staleOnce: VersionRead = (type, id) => (reads++ === 0 ? 1 : honest(type, id));
    const racing = new EventAppender(db, 'events.sqlite', upcasters, () => 'id', staleOnce);
    let thrown: unknown;
    try {
      racing.append('QuerySession', 'a', 1, [renamed('late'), renamed('later')]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(VersionConflict);
    expect(thrown).toMatchObject({ expected: 1, actual: 2 });
    expect(rows()).toEqual(before);
  });
});
