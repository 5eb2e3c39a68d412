import { describe, expect, it } from 'vitest';
import { errorRange, placeInDoc } from './errorPosition';
import { statementAt } from './statementAt';

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
    // past emoji DuckDB's caret points early (at "smile"); the worker's position (parserPosition.worker.ts) is right
    const emoji = "select '😀😀' as smile frm cars";
    const caret = `Parser Error: syntax error at or near "frm"\n\nLINE 1: ${emoji}\n                         ^`;
    expect(mark(caret, emoji, { position: emoji.indexOf('frm') })).toBe('frm');
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

describe('error position of a part of the editor that ran', () => {
  /** The underlined text in the editor, when `sql` ran from `ran` of `doc` and failed with `message`. */
  const underlined = (doc: string, ran: { from: number; to: number }[], sql: string, message: string, details?: Record<string, unknown>) => {
    const inRun = errorRange({ message, ...(details ? { details } : {}) }, sql);
    const r = inRun && placeInDoc(doc, ran, sql, inRun);
    return r && { text: doc.slice(r.from, r.to), from: r.from };
  };

  it('given the statement at the caret ran and the same text is earlier in the editor, when it fails, then the one that ran is underlined', () => {
    const doc = 'select nope from range(3);\nselect 2;\nselect nope from range(3)';
    const at = statementAt(doc, doc.length)!;
    const sql = doc.slice(at.from, at.to);
    const message = 'Binder Error: Referenced column "nope" not found in FROM clause!\n\nLINE 1: select nope from range(3)\n               ^';
    expect(underlined(doc, [at], sql, message)).toEqual({ text: 'nope', from: doc.lastIndexOf('nope') });
  });

  it('given a selection of three statements of four ran, when its "Statement 2 of 3" fails, then the second selected statement is underlined', () => {
    const doc = 'select 1;\nselect 2;\nselect * from nosuch;\nselect 4';
    const from = doc.indexOf('select 2');
    const sql = doc.slice(from);
    const r = underlined(doc, [{ from, to: doc.length }], sql, 'Statement 2 of 3: Catalog Error: Table with name nosuch does not exist!', { statement: 2, statements: 3 });
    expect(r).toEqual({ text: 'select * from nosuch', from: doc.indexOf('select *') });
  });

  it('given a selection of two ranges ran joined by a newline, when the second fails at a position, then it is underlined in the second range', () => {
    const doc = 'select 1 as a, 2 as b;\nselect zzz';
    const ran = [{ from: 0, to: 9 }, { from: 23, to: 33 }];
    const sql = 'select 1 \nselect zzz';
    expect(underlined(doc, ran, sql, 'Binder Error: x', { position: 17 })).toEqual({ text: 'zzz', from: 30 });
  });

  it('given the text ran from elsewhere (the history) or moved since, when it fails, then it is found where it first occurs, or not at all', () => {
    const message = 'Parser Error: syntax error at or near "selec"\n\nLINE 1: selec 1\n        ^';
    expect(underlined('-- again\nselec 1', [{ from: 0, to: 3 }], 'selec 1', message)).toEqual({ text: 'selec', from: 9 });
    expect(underlined('select 1', [], 'selec 1', message)).toBeUndefined();
  });
});
