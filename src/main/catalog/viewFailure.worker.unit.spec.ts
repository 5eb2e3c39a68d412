import { describe, expect, it } from 'vitest';
import { viewFailure } from './viewFailure.worker';

describe('viewFailure (why a view of a database file cannot be read, for the catalog)', () => {
  it('given DuckDB 1.5’s error for a view over a dropped table, then its first line without the class or the guess after it', () => {
    expect(viewFailure('Catalog Error: Table with name gone does not exist!\nDid you mean "vgone"?')).toBe('Table with name gone does not exist!');
  });

  it('given a view over another database’s table, then DuckDB’s whole reason', () => {
    expect(viewFailure('Catalog Error: Table with name "other.t" does not exist because schema "other" does not exist.')).toBe(
      'Table with name "other.t" does not exist because schema "other" does not exist.',
    );
  });

  it('given a binder error, then its reason without the candidates', () => {
    expect(viewFailure('Binder Error: Referenced column "b" not found in FROM clause!\nCandidate bindings: "a"')).toBe('Referenced column "b" not found in FROM clause!');
  });

  it('given a very long reason, then at most 200 characters ending in "…"; given nothing, then a sentence still', () => {
    const long = viewFailure(`Catalog Error: ${'x'.repeat(500)}`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
    expect(viewFailure('')).toBe('DuckDB cannot read it.');
  });
});
