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

describe('error position of a literal, of the end of the text, and of one statement of several', () => {
  it('given a conversion error whose caret is on a string literal, when it is marked, then the whole literal is underlined', () => {
    const sql = "select * from cars where Horsepower > 'abc'";
    const message = `Conversion Error: Could not convert string 'abc' to INT64\n\nLINE 1: ${sql}\n${' '.repeat(46)}^`;
    expect(mark(message, sql)).toBe("'abc'");
    // a quote doubled inside the literal stays inside it
    expect(mark(`Conversion Error: x\n\nLINE 1: select 1 + 'it''s' from t\n                   ^`, "select 1 + 'it''s' from t")).toBe("'it''s'");
  });
  it('given "syntax error at end of input", when it is marked, then a point marks where the text ends', () => {
    const r = errorRange({ message: 'Parser Error: syntax error at end of input' }, 'select (1\n\n');
    expect(r).toEqual({ from: 9, to: 9 });
  });
  it('given the second of three statements failed with no position, when it is marked, then that whole statement is underlined', () => {
    const sql = 'select 1;\nselect * from nosuch2;\nselect 3';
    const details = { statement: 2, statements: 3 };
    expect(mark('Statement 2 of 3: Catalog Error: Table with name nosuch2 does not exist!\nDid you mean "pg_sequences"?', sql, details)).toBe('select * from nosuch2');
  });
  it('given a later statement failed with a LINE of its own, when it is marked, then the position counts from where that statement starts', () => {
    // DuckDB's LINE counts from just after the semicolon before the statement
    const sql = "select 'x';\n select 'a'::int from range(3000);\nselect 3";
    const message = "Statement 2 of 3: Conversion Error: Could not convert string 'a' to INT32\n\nLINE 2:  select 'a'::int from range(3000)\n                ^";
    const r = errorRange({ message, details: { statement: 2, statements: 3 } }, sql);
    expect(r && sql.slice(r.from, r.to)).toBe("'a'");
    expect(r?.from).toBe(sql.indexOf("'a'"));
  });
  it('given a statement number the text no longer splits into, when it is marked, then no statement is guessed', () => {
    expect(mark('Statement 2 of 3: Catalog Error: Table with name x does not exist!', 'select 1; select * from x', { statement: 2, statements: 3 })).toBeUndefined();
  });
});
