import { describe, expect, it } from 'vitest';
import { isNotWritableCode, notWritableMessage } from './dataDir';

describe('a data folder the OS will not let Sextant write', () => {
  it('is told by the OS’s code: a read-only mount (EROFS) or permissions (EACCES, EPERM), nothing else', () => {
    for (const code of ['EROFS', 'EACCES', 'EPERM']) expect(isNotWritableCode(code), code).toBe(true);
    for (const code of ['ENOENT', 'ENOTDIR', 'ENOSPC', 'EIO', undefined, 7]) expect(isNotWritableCode(code), String(code)).toBe(false);
  });

  it('says where, why and what to do', () => {
    expect(notWritableMessage('The data folder', '/mnt/ro', 'Nothing was changed.')).toBe(
      'The data folder /mnt/ro is on a read-only file system (or not writable); pick another --data-dir. Nothing was changed.',
    );
  });
});
