import { describe, expect, it } from 'vitest';
import { looksChanged, sameContent, type DatasetFingerprint } from './fingerprint';

const file: DatasetFingerprint = { bytes: 100, modifiedMs: 1000, sha256: 'a'.repeat(64), duckdbVersion: 'v1.5.6' };
const folder: DatasetFingerprint = { bytes: 100, modifiedMs: 1000, files: { count: 2, listSha256: 'c'.repeat(64) }, duckdbVersion: 'v1.5.6' };

describe('fingerprints', () => {
  it('the content hash decides sameness when both have one: a touched file is the same, a rewritten one is not', () => {
    expect(sameContent(file, { ...file, modifiedMs: 2000 })).toBe(true);
    expect(sameContent(file, { ...file, sha256: 'b'.repeat(64) })).toBe(false);
  });

  it('without hashes, size, time and the file list must all agree', () => {
    expect(sameContent(folder, { ...folder })).toBe(true);
    expect(sameContent(folder, { ...folder, modifiedMs: 2000 })).toBe(false);
    expect(sameContent(folder, { ...folder, files: { count: 2, listSha256: 'd'.repeat(64) } })).toBe(false);
  });

  it('a look says "changed" when size, time or the file list differ, and only then', () => {
    expect(looksChanged(file, { bytes: 100, modifiedMs: 1000 })).toBe(false);
    expect(looksChanged(file, { bytes: 101, modifiedMs: 1000 })).toBe(true);
    expect(looksChanged(file, { bytes: 100, modifiedMs: 1001 })).toBe(true);
    expect(looksChanged(folder, { bytes: 100, modifiedMs: 1000, listSha256: 'c'.repeat(64) })).toBe(false);
    expect(looksChanged(folder, { bytes: 100, modifiedMs: 1000, listSha256: 'e'.repeat(64) })).toBe(true);
  });
});
