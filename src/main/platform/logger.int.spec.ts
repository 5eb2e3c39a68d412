import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../test/support/testCore';
import { logFiles } from './logFiles';
import { createLogger, type Logger } from './logger';

const flushed = (log: Logger) => new Promise<void>((resolve, reject) => log.flush((e) => (e ? reject(e) : resolve())));
const linesOf = (path: string): { i?: number; msg: string }[] =>
  (existsSync(path) ? readFileSync(path, 'utf8') : '')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { i?: number; msg: string });

describe('the log file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it.each([
    ['async', false],
    ['sync', true],
  ])('rotates by size while writing (%s), keeps a bounded number of files, and loses no line of the ones it keeps', async (_, sync) => {
    const log = createLogger(dir.path, { maxBytes: 4096, keep: 2, sync });
    for (let i = 0; i < 600; i++) {
      log.info({ i }, 'line');
      if (i % 50 === 0) await flushed(log); // let writes land, as time would
    }
    await flushed(log);
    const logs = join(dir.path, 'logs');
    // Oldest to newest, the kept lines are one unbroken run that ends with the last line written.
    const kept = () =>
      logFiles(logs, 2)
        .reverse()
        .flatMap(linesOf)
        .map((l) => l.i);
    // An async destination writes and reopens in the background: wait for the last line to land, and
    // for the file a rotation just reopened to exist (the last line may sit in the file rotated away).
    await vi.waitFor(() => {
      expect(kept().at(-1)).toBe(599);
      expect(readdirSync(logs).sort()).toEqual(['sextant.1.log', 'sextant.2.log', 'sextant.log']);
    });
    // A rotated file overshoots the limit by at most what was being written when it was reached (SonicBoom writes ≤ 16 KiB at a time).
    for (const f of logFiles(logs, 2).slice(1)) expect(readFileSync(f).length).toBeLessThan(4096 + 16 * 1024);
    const lines = kept();
    expect(lines).toEqual(Array.from({ length: lines.length }, (_, k) => 600 - lines.length + k));
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.length).toBeLessThan(600);
  });

  it('rotates at start when the last run left a full file', async () => {
    const logs = join(dir.path, 'logs');
    mkdirSync(logs, { recursive: true });
    writeFileSync(join(logs, 'sextant.log'), `${JSON.stringify({ msg: 'from last run' })}\n`.repeat(200));
    const log = createLogger(dir.path, { maxBytes: 1000, keep: 3, sync: true });
    log.info('new run');
    await flushed(log);
    expect(linesOf(join(logs, 'sextant.log')).map((l) => l.msg)).toEqual(['new run']);
    expect(linesOf(join(logs, 'sextant.1.log'))).toHaveLength(200);
  });

  it('a log that cannot be written is reported once and never takes the process down', async () => {
    const logs = join(dir.path, 'logs');
    const reported: Error[] = [];
    let firstReport: () => void = () => {};
    const reportedOnce = new Promise<void>((resolve) => (firstReport = resolve));
    const log = createLogger(dir.path, {
      onWriteError: (e) => {
        reported.push(e);
        firstReport();
      },
    });
    // The file opened at start; before the destination's own (asynchronous) open, a folder takes its
    // place, as a disk might change under a running app: every open and write fails from then on.
    rmSync(join(logs, 'sextant.log'), { force: true });
    mkdirSync(join(logs, 'sextant.log'));
    for (let i = 0; i < 100; i++) log.error({ i }, 'nobody will read this');
    await reportedOnce;
    expect(reported[0]!.message).toMatch(/EISDIR|illegal operation on a directory/);
    const destination = (log as unknown as Record<symbol, { flushSync(): void; emit(event: 'error', e: Error): boolean }>)[pino.symbols.streamSym]!;
    // The file's one open has failed: later failures (each write's) arrive as more 'error' events,
    // emitted synchronously here, so the count below is final.
    destination.emit('error', new Error('ENOSPC: no space left on device, write'));
    expect(reported).toHaveLength(1);
    // Lines logged after the failed open are dropped, not written to fd -1 (which throws in the caller).
    expect(() => {
      for (let i = 0; i < 100; i++) log.error({ i }, 'still nobody');
    }).not.toThrow();
    // pino flushes synchronously when the process exits: that must not throw either.
    expect(() => destination.flushSync()).not.toThrow();
  });
});
