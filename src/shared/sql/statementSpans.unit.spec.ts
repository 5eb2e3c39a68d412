import { describe, expect, it } from 'vitest';
import { statementSpans } from './statementSpans';

const texts = (sql: string) => statementSpans(sql).map((s) => sql.slice(s.from, s.to));

describe('the statements of a script', () => {
  it('given three statements, when split, then each starts right after the semicolon before it', () => {
    expect(texts('select 1;\nselect * from nosuch2;\nselect 3')).toEqual(['select 1', '\nselect * from nosuch2', '\nselect 3']);
  });
  it('given semicolons inside quotes, names, dollar quotes and comments, when split, then they end no statement', () => {
    const sql = "select 'a;b', \"c;d\", $$e;f$$, E'g\\';h' -- i;j\n/* k; /* nested; */ l; */ from t; select 2";
    expect(texts(sql)).toHaveLength(2);
    expect(texts(sql)[1]).toBe(' select 2');
  });
  it('given empty statements and a trailing semicolon, when split, then they are not counted, as DuckDB does not', () => {
    expect(texts('select 1;;\n;select 2;')).toEqual(['select 1', 'select 2']);
    expect(texts('-- only a comment; \n')).toEqual([]);
  });
  it('given a name with a dollar sign, when split, then it is no dollar quote', () => {
    expect(texts('select a$b$c; select 2')).toEqual(['select a$b$c', ' select 2']);
  });
  it('given blanks and comments around a statement, when split, then its code leaves them out', () => {
    const sql = "select 1; -- one\n/* two */ select 'a;b' -- tail\n;";
    expect(statementSpans(sql).map((s) => sql.slice(s.code.from, s.code.to))).toEqual(['select 1', "select 'a;b'"]);
  });
  it('given a dollar quote whose tag has digits, when split, then its semicolons end nothing, as DuckDB reads $q1$a;b$q1$ as one string', () => {
    expect(texts('select $q1$a;b$q1$ as s; select 2')).toEqual(['select $q1$a;b$q1$ as s', ' select 2']);
  });
  it('given a no-break space after the last semicolon, when split, then it is a blank, as DuckDB strips it, and no statement', () => {
    expect(texts('select 1;\u00a0')).toEqual(['select 1']);
  });
  it('given a statement, when split, then its tokens are its own, offsets in the whole text', () => {
    const sql = 'select 1; select "a;b" from t';
    expect(statementSpans(sql)[1]!.tokens.map((t) => [t.text, t.from])).toEqual([
      ['select', 10],
      ['"a;b"', 17],
      ['from', 23],
      ['t', 28],
    ]);
  });
});
