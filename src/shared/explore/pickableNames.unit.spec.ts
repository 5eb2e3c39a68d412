import { describe, expect, it } from 'vitest';
import { pickableNames } from './pickableNames';

describe('pickableNames', () => {
  it('given a join’s result with two columns named id, when listed for a picker, then id is offered once, where it first stands', () => {
    const columns = [
      { name: 'id', type: 'BIGINT' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'id', type: 'BIGINT' },
      { name: 'ID', type: 'INTEGER' },
    ];
    expect(pickableNames(columns)).toEqual(['id', 'name', 'ID']);
  });
});
