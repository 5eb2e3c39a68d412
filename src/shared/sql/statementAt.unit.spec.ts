import { describe, expect, it } from 'vitest';
import { statementAt } from './statementAt';

/** The statement's code with the caret where `|` is in `marked` (the `|` is not part of the text). */
function ranAt(marked: string): string | undefined {
  const caret = marked.indexOf('|');
  const sql = marked.slice(0, caret) + marked.slice(caret + 1);
  const r = statementAt(sql, caret)?.code;
  return r && sql.slice(r.from, r.to);
}

describe('the statement at the caret (Run’s and the preview’s)', () => {
  it('given the caret inside the second of three statements, when chosen, then it is the second, without blanks or semicolon', () => {
    expect(ranAt('select 1;\nselect |2 as two;\nselect 3')).toBe('select 2 as two');
    expect(ranAt('select 1;\n|select 2;\nselect 3')).toBe('select 2');
    expect(ranAt('select 1;\nselect 2|;\nselect 3')).toBe('select 2');
  });

  it('given the caret after a semicolon on its line, when chosen, then it is the statement that semicolon ends, as in DataGrip', () => {
    expect(ranAt('select 1;|\nselect 2')).toBe('select 1');
    expect(ranAt('select 1;  |  select 2')).toBe('select 1');
    expect(ranAt('select 1;; |\nselect 2')).toBe('select 1');
  });

  it('given the caret in a comment between statements, when chosen, then a comment on the semicolon’s line is the statement before, one on a line of its own the one after', () => {
    expect(ranAt('select 1; -- one |note\nselect 2')).toBe('select 1');
    expect(ranAt('select 1;\n-- about |two\nselect 2')).toBe('select 2');
    expect(ranAt('select 1;\n/* about\n |two */ select 2')).toBe('select 2');
    expect(ranAt('-- the |first\nselect 1;\nselect 2')).toBe('select 1');
  });

  it('given the caret at the very end, when chosen, then it is the last statement, with or without its semicolon', () => {
    expect(ranAt('select 1;\nselect 2|')).toBe('select 2');
    expect(ranAt('select 1;\nselect 2;|')).toBe('select 2');
  });

  it('given the caret in an empty last statement, when chosen, then it is the statement before it', () => {
    expect(ranAt('select 1;\nselect 2;\n\n|')).toBe('select 2');
    expect(ranAt('select 1;\nselect 2;\n  -- done|\n')).toBe('select 2');
  });

  it('given a string, a quoted name or a dollar quote holding ";", when the caret is in it, then the whole statement is chosen', () => {
    expect(ranAt("select 1;\nselect 'a;|b' as s, \"c;d\", $$e;f$$;\nselect 3")).toBe("select 'a;b' as s, \"c;d\", $$e;f$$");
    expect(ranAt("select 'a;b';\nselect $$e;|f$$")).toBe('select $$e;f$$');
  });

  it('given a comment after a statement’s last word, before its semicolon, when chosen, then the comment is left out', () => {
    expect(ranAt('select |1 -- why\n;\nselect 2')).toBe('select 1');
  });

  it('given no statement, when chosen, then there is none', () => {
    expect(ranAt('|')).toBeUndefined();
    expect(ranAt('  -- only |a comment;\n;')).toBeUndefined();
  });
});
