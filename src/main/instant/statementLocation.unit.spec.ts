import { describe, expect, it } from 'vitest';
import { statementAt } from '../../shared/sql/statementAt';
import { locateStatement } from './statementLocation.worker';

/** `marked`'s text and the caret where its `|` is (the `|` is not part of the text). */
function caretIn(marked: string): { sql: string; caret: number } {
  const caret = marked.indexOf('|');
  return { sql: marked.slice(0, caret) + marked.slice(caret + 1), caret };
}

/** The statement the instant preview shows with the caret at `|`. */
function previewed(marked: string): string | undefined {
  const { sql, caret } = caretIn(marked);
  const span = locateStatement(sql, caret)?.span;
  return span && sql.slice(span.from, span.to);
}

/** The statement Ctrl/Cmd+Shift+Enter runs with the caret at `|` (the editor runs the shared rule's code). */
function ran(marked: string): string | undefined {
  const { sql, caret } = caretIn(marked);
  const code = statementAt(sql, caret)?.code;
  return code && sql.slice(code.from, code.to);
}

describe('the statement the preview shows is the one Ctrl/Cmd+Shift+Enter runs', () => {
  const cases: readonly [string, string, string | undefined][] = [
    ['the caret inside a statement', 'select 1;\nselect |2;\nselect 3', 'select 2'],
    ['a blank line between two statements', 'select 1;\n|\nselect 2', 'select 2'],
    ['a comment line of its own between two statements', 'select 1;\n-- about |two\nselect 2', 'select 2'],
    ['after a `;` on its line', 'select 1;  |\nselect 2', 'select 1'],
    ['a trailing comment on the `;`’s line', 'select 1; -- one |note\nselect 2', 'select 1'],
    ['a trailing comment after the last statement', 'select 1;\nselect 2;\n-- done|', 'select 2'],
    ['past the end, below the last statement', 'select 1;\nselect 2;\n\n|', 'select 2'],
    ['a leading comment before the first statement', '-- the |first\nselect 1;\nselect 2', 'select 1'],
    ['no statement at all', '  -- only |a comment;\n;', undefined],
  ];
  it.each(cases)('given %s, when both choose, then they choose the same statement', (_label, marked, expected) => {
    expect(previewed(marked)).toBe(expected);
    expect(ran(marked)).toBe(expected);
  });

  it('given a statement chosen, when located, then its tokens are that statement’s (for its CTEs)', () => {
    const { sql, caret } = caretIn('select 1;\n|\nwith a as (select 2) select * from a');
    expect(locateStatement(sql, caret)?.tokens.map((t) => t.text)).toEqual(['with', 'a', 'as', '(', 'select', '2', ')', 'select', '*', 'from', 'a']);
  });
});
