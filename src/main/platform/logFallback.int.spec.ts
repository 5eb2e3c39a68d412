import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOnly } from '../../../test/support/readOnly';
import { tempDir } from '../../../test/support/testCore';
import { createLogger } from './logger';

/** What the logger said about itself, and the lines it wrote instead of its file (stderr in the app). */
function fallbackLogger(dataDir: string) {
  const warnings: string[] = [];
  const lines: string[] = [];
  const fallback = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger(dataDir, { sync: true, warn: (text) => warnings.push(text), fallback });
  return { log, warnings, messages: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}

/**
 * A data folder that is usable but cannot keep the log file (docs/store.md, "The log"): the app runs
 * on, says so once with the path and why, and logs to stderr. Real folders and files in a temp dir.
 */
describe('a log file that cannot be kept', () => {
  let dir: ReturnType<typeof tempDir>;
  let undo: (() => void) | undefined;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => {
    undo?.();
    undo = undefined;
    dir.remove();
  });

  const logs = () => join(dir.path, 'logs');

  it('a file where the logs folder should be: one warning naming it, the lines on stderr', () => {
    writeFileSync(logs(), 'not a folder');
    const { log, warnings, messages } = fallbackLogger(dir.path);
    for (let i = 0; i < 3; i++) log.info({ i }, `line ${i}`);
    log.error('still logged');
    expect(warnings).toEqual([`Sextant cannot keep its log in ${join(logs(), 'sextant.log')}: ${logs()} is not a folder. It logs to stderr instead.`]);
    expect(messages()).toEqual(['line 0', 'line 1', 'line 2', 'still logged']);
  });

  it('a folder where the log file should be: one warning naming it, the lines on stderr', () => {
    mkdirSync(join(logs(), 'sextant.log'), { recursive: true });
    const { log, warnings, messages } = fallbackLogger(dir.path);
    log.warn('logged anyway');
    expect(warnings).toEqual([`Sextant cannot keep its log in ${join(logs(), 'sextant.log')}: ${join(logs(), 'sextant.log')} is a folder. It logs to stderr instead.`]);
    expect(messages()).toEqual(['logged anyway']);
  });

  it('a read-only logs folder: one warning naming it and the OS’s code, the lines on stderr', (t) => {
    mkdirSync(logs());
    const ro = readOnly(logs());
    if (!ro) t.skip('neither a read-only mount nor chmod binds for this user');
    undo = ro?.undo;
    const { log, warnings, messages } = fallbackLogger(dir.path);
    log.info('logged anyway');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^Sextant cannot keep its log in ${join(logs(), 'sextant.log')}: ${logs()} is on a read-only file system or not writable \\((EROFS|EACCES)\\)\\. It logs to stderr instead\\.$`));
    expect(messages()).toEqual(['logged anyway']);
  });
});
