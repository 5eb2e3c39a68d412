import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { duckdbFile } from './databaseFile';

describe("DuckDB's file is workspace.duckdb, so the name sextant is free for the history", () => {
  it('a file left by an earlier build as sextant.duckdb is renamed once, with its WAL', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'duckdb'));
      writeFileSync(join(dir.path, 'duckdb', 'sextant.duckdb'), 'results');
      writeFileSync(join(dir.path, 'duckdb', 'sextant.duckdb.wal'), 'wal');
      const file = duckdbFile(dir.path);
      expect(file).toBe(join(dir.path, 'duckdb', 'workspace.duckdb'));
      expect(readFileSync(file, 'utf8')).toBe('results');
      expect(readFileSync(`${file}.wal`, 'utf8')).toBe('wal');
      expect(existsSync(join(dir.path, 'duckdb', 'sextant.duckdb'))).toBe(false);
      // Once there, the new file wins: a stray old one is left alone.
      writeFileSync(join(dir.path, 'duckdb', 'sextant.duckdb'), 'stray');
      expect(readFileSync(duckdbFile(dir.path), 'utf8')).toBe('results');
    } finally {
      dir.remove();
    }
  });
});
