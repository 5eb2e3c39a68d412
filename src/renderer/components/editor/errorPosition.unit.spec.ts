import { describe, expect, it } from 'vitest';
import { errorRange } from './errorPosition';

/** Messages are DuckDB's own, as its parser and binder produce them. */
const mark = (message: string, sql: string, details?: Record<string, unknown>) => {
  const r = errorRange({ message, ...(details ? { details } : {}) }, sql);
  return r && sql.slice(r.from, r.to);
};

describe('error position from a DuckDB message', () => {
  it('a parser error on line 1 marks the offending word', () => {
    expect(mark('Parser Error: syntax error at or near "selec"\n\nLINE 1: selec 1\n        ^', 'selec 1')).toBe('selec');
  });
  it('a binder error on a later line marks the column on that line', () => {
    const sql = 'select 1,\n  nope from range(3)';
    expect(mark('Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "range"\n\nLINE 2:   nope from range(3)\n          ^', sql)).toBe('nope');
  });
  it('a long line elided with "..." is located in the real text', () => {
    const sql = `select 'a${'a'.repeat(120)}', 'b${'b'.repeat(60)}', zzz from range(3)`;
    const message = `Binder Error: Referenced column "zzz" not found in FROM clause!\n\nLINE 1: ...${'b'.repeat(56)}', zzz from range(3)\n${' '.repeat(70)}^`;
    expect(mark(message, sql)).toBe('zzz');
  });
  it('an operator position marks one character', () => {
    expect(mark("Binder Error: Could not choose a best candidate function\n\n\nLINE 1: select 1 + 'a'\n                 ^", "select 1 + 'a'")).toBe('+');
  });
  it('prefers an explicit position in the details', () => {
    expect(mark('Binder Error: no LINE here', 'select foo from t', { position: 7 })).toBe('foo');
    expect(mark('Binder Error: no LINE here', 'select foo from t', { position: '16' })).toBe('t');
  });
  it('has no position when the message has none, or the text no longer matches', () => {
    expect(mark('Catalog Error: Table with name x does not exist!', 'select * from x')).toBeUndefined();
    expect(mark('Parser Error: syntax error\n\nLINE 3: x\n        ^', 'select 1')).toBeUndefined();
  });
});
