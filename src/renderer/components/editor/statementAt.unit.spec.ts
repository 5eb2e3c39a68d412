import { describe, expect, it } from 'vitest';
import { statementAt as sharedStatementAt } from '../../../shared/sql/statementAt';
import { statementAt } from './statementAt';

/** The text Ctrl/Cmd+Shift+Enter runs with the caret where `|` is in `marked` (the `|` is not part of the text). */
function ranAt(marked: string): string | undefined {
  const caret = marked.indexOf('|');
  const sql = marked.slice(0, caret) + marked.slice(caret + 1);
  const r = statementAt(sql, caret);
  return r && sql.slice(r.from, r.to);
}

// The rule itself is src/shared/sql/statementAt.ts's, specified there; here, what a run takes of it.
describe('what Ctrl/Cmd+Shift+Enter runs', () => {
  it('given the caret in a statement, when chosen, then it runs that statement without blanks, comments or semicolon', () => {
    expect(ranAt('select 1;\n-- two\nselect |2 -- why\n;\nselect 3')).toBe('select 2');
  });

  it('given the caret on a blank line between two statements, when chosen, then it runs the range of the shared rule’s statement', () => {
    const sql = 'select 1;\n\nselect 2';
    expect(statementAt(sql, 10)).toEqual(sharedStatementAt(sql, 10)?.code);
    expect(ranAt('select 1;\n|\nselect 2')).toBe('select 2');
  });

  it('given no statement, when chosen, then nothing runs', () => {
    expect(ranAt('  -- only |a comment;\n;')).toBeUndefined();
  });
});
