import { describe, expect, it } from 'vitest';
import { terminated } from './sqlScriptWriter';

describe('a statement in the SQL script', () => {
  it('given trailing semicolons and space, then it ends with exactly one', () => {
    expect(terminated('select 1 ;; \n ')).toBe('select 1;');
  });

  it('given a last line with a -- comment, then the semicolon goes on a line of its own, not into the comment', () => {
    expect(terminated('select 1 -- one')).toBe('select 1 -- one\n;');
    expect(terminated('select 1 -- one\r\nfrom t')).toBe('select 1 -- one\r\nfrom t;');
  });
});
