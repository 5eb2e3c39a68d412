import { totalmem } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { availableMemoryBytes, defaultMemoryLimit } from './memoryLimit';

const GiB = 2 ** 30;

describe('DuckDB’s default memory limit', () => {
  it('is half the available memory in whole GB, never below 1 GB', () => {
    expect(defaultMemoryLimit(24 * GiB)).toBe('12GB');
    expect(defaultMemoryLimit(15.9 * GiB)).toBe('7GB');
    expect(defaultMemoryLimit(2 * GiB)).toBe('1GB');
    expect(defaultMemoryLimit(512 * 2 ** 20)).toBe('1GB');
  });

  it('counts a container’s limit, not the host’s RAM, and never more than the RAM', () => {
    const available = availableMemoryBytes();
    expect(available).toBeGreaterThan(0);
    expect(available).toBeLessThanOrEqual(totalmem());
    const constrained = process.constrainedMemory();
    if (constrained > 0 && constrained < totalmem()) expect(available).toBe(constrained);
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
