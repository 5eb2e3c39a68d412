import { totalmem } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { availableMemoryBytes, defaultMemoryLimit } from './memoryLimit';

const GiB = 2 ** 30;

describe('DuckDB’s default memory limit', () => {
  it('is half the available memory in whole GB, never below 1 GB', () => {
    expect(defaultMemoryLimit(24 * GiB)).toBe('12GB');
    expect(defaultMemoryLimit(15.9 * GiB)).toBe('7GB');
    expect(defaultMemoryLimit(2 * GiB)).toBe('1GB');
    expect(defaultMemoryLimit(512 * 2 ** 20)).toBe('1GB');
  });

  describe('the memory available', () => {
    afterEach(() => vi.restoreAllMocks());
    const ram = totalmem();
    const withLimit = (bytes: number): number => {
      vi.spyOn(process, 'constrainedMemory').mockReturnValue(bytes);
      return availableMemoryBytes();
    };

    it('is a container’s limit when it is below the RAM', () => {
      const quarter = Math.floor(ram / 4);
      expect(withLimit(quarter)).toBe(quarter);
      expect(withLimit(ram - 1)).toBe(ram - 1);
    });

    it('is the RAM when there is no limit: 0, a huge number, or a limit no lower than the RAM', () => {
      expect(withLimit(0)).toBe(ram);
      expect(withLimit(2 ** 64)).toBe(ram);
      expect(withLimit(ram)).toBe(ram);
    });
  });

  it('is a value DuckDB accepts, and below the machine’s memory', async () => {
    const limit = defaultMemoryLimit();
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: limit });
    const c = await instance.connect();
    try {
      const bytes = (await c.runAndReadAll("select current_setting('memory_limit') as l"))
        .getRowObjectsJS()[0]!['l'] as string;
      expect(bytes).toMatch(/GiB$/);
      expect(Number.parseFloat(bytes) * GiB).toBeLessThanOrEqual(totalmem() / 2);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });
});
