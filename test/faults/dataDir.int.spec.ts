import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppErrorException } from '../../src/shared/contracts/errors';
import { AppCore } from '../../src/main/core/appCore';
import { openEventStore } from '../../src/main/store/eventStore';
import { readOnly } from '../support/readOnly';
import { tempDir, workerFromSource } from '../support/testCore';

describe('a data folder that cannot be used', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('is refused at start with a message that names it and an error id, not a bare file-system error', async () => {
    writeFileSync(join(dir.path, 'a-file'), 'not a folder');
    const dataDir = join(dir.path, 'a-file', 'sextant');
    // No logger given: the core makes its own in the data folder, as the web host's does.
    const { error } = await startRefusal(dataDir);
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(dataDir);
    expect(error.message).toMatch(/not a directory/);
  });
});

/**
 * AppCore.start's refusal, or a failure if it started. The refusal is all a person is told: nothing
 * reaches stderr before it (a log warning about the same folder once came first, as a bare ENOENT).
 */
async function startRefusal(dataDir: string): Promise<AppErrorException> {
  const said: string[] = [];
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((text) => said.push(String(text)) > 0);
  const refused = await AppCore.start({ dataDir, ...workerFromSource, samples: [] })
    .then(
      async (core) => {
        await core.close();
        return undefined;
      },
      (e: unknown) => e,
    )
    .finally(() => stderr.mockRestore());
  expect(said).toEqual([]);
  expect(refused).toBeInstanceOf(AppErrorException);
  return refused as AppErrorException;
}

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const NOT_WRITABLE = (dataDir: string) => `The data folder ${dataDir} is on a read-only file system (or not writable); pick another --data-dir. Nothing was changed.`;

describe('a data folder on a read-only file system', () => {
  let dir: ReturnType<typeof tempDir>;
  let dataDir: string;
  let undo: (() => void) | undefined;
  beforeEach(() => {
    dir = tempDir();
    dataDir = join(dir.path, 'data');
    mkdirSync(dataDir);
  });
  afterEach(() => {
    undo?.();
    undo = undefined;
    dir.remove();
  });

  it('when empty, is refused as read-only with an id, not as ENOENT for a folder it could not make', async (t) => {
    const ro = readOnly(dataDir);
    if (!ro) t.skip('neither a read-only mount nor chmod binds for this user');
    undo = ro?.undo;
    const { error } = await startRefusal(dataDir);
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toBe(NOT_WRITABLE(dataDir));
    expect(error.cause?.code).toMatch(/^(EROFS|EACCES)$/);
  });

  it('when it holds a valid store, is refused as read-only (not "disk I/O error"), the store byte for byte as it was', async (t) => {
    openEventStore(join(dataDir, 'events.sqlite')).close();
    mkdirSync(join(dataDir, 'duckdb', 'tmp'), { recursive: true });
    const before = fileHash(join(dataDir, 'events.sqlite'));
    const ro = readOnly(dataDir);
    if (!ro) t.skip('neither a read-only mount nor chmod binds for this user');
    undo = ro?.undo;
    const { error } = await startRefusal(dataDir);
    expect(error.message).toBe(NOT_WRITABLE(dataDir));
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
    // The store on its own says the same of itself.
    const store = (() => {
      try {
        openEventStore(join(dataDir, 'events.sqlite')).close();
        return undefined;
      } catch (e) {
        return (e as AppErrorException).error;
      }
    })();
    expect(store?.message).toBe(`The event store ${join(dataDir, 'events.sqlite')} is on a read-only file system (or not writable); pick another --data-dir. It was left untouched.`);
    undo?.();
    undo = undefined;
    expect(fileHash(join(dataDir, 'events.sqlite'))).toBe(before);
    expect(readdirSync(dataDir).sort()).toEqual(['duckdb', 'events.sqlite']);
  });
});
