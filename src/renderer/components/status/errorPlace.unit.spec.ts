import { describe, expect, it } from 'vitest';
import { errorPlace } from './errorPlace';

describe('the place DuckDB points at in an error', () => {
  it('given a catalog, binder or parser error as DuckDB words it, then its LINE and caret come apart from the prose', () => {
    expect(errorPlace('Catalog Error: Table with name nope does not exist!\nDid you mean "pg_enum"?\n\nLINE 1: select * from nope\n                      ^')).toEqual({
      prose: 'Catalog Error: Table with name nope does not exist!\nDid you mean "pg_enum"?',
      place: 'LINE 1: select * from nope\n                      ^',
    });
    expect(errorPlace('Parser Error: syntax error at or near "selec"\n\nLINE 1: selec 1\n        ^')).toEqual({ prose: 'Parser Error: syntax error at or near "selec"', place: 'LINE 1: selec 1\n        ^' });
  });
  it('given an error without a place, or a LINE not followed by a caret, then it is prose only', () => {
    expect(errorPlace('Out of Memory Error: failed to allocate')).toEqual({ prose: 'Out of Memory Error: failed to allocate' });
    expect(errorPlace('Failed: x\n\nLINE 1: select 1')).toEqual({ prose: 'Failed: x\n\nLINE 1: select 1' });
  });
});
