import { describe, expect, it } from 'vitest';
import type { PreviewAnswer } from '../../../shared/instant/preview';
import { previewBudgetNote, previewEmptyText, previewMessage, previewStatus } from './previewText';
import { initialPreview, type RowsAnswer } from './previewState';

const rowsOf = (n: number, columns = 2, more = false): RowsAnswer => ({
  kind: 'rows',
  statement: { from: 0, to: 1 },
  steps: [],
  columns: Array.from({ length: columns }, (_, i) => ({ name: `c${i}`, type: 'INTEGER' })),
  values: Array.from({ length: columns }, () => Array.from({ length: n }, (_, r) => String(r))),
  ...(more ? { more: true } : {}),
});

describe('the preview pane’s summary', () => {
  it('counts rows and columns in the right number, and says when the preview was cut at 100 rows', () => {
    expect(previewStatus({ ...initialPreview, rows: rowsOf(1, 1) })).toBe('1\u00a0row · 1\u00a0column');
    expect(previewStatus({ ...initialPreview, rows: rowsOf(42) })).toBe('42\u00a0rows · 2\u00a0columns');
    // exactly 100 rows are all of them; "first" only when the statement has more
    expect(previewStatus({ ...initialPreview, rows: rowsOf(100) })).toBe('100\u00a0rows · 2\u00a0columns');
    expect(previewStatus({ ...initialPreview, rows: rowsOf(100, 2, true) })).toBe('first 100\u00a0rows · 2\u00a0columns');
  });

  it('says the rows are the last good preview while the statement does not parse', () => {
    const invalid: PreviewAnswer = { kind: 'invalid', statement: { from: 0, to: 1 }, errorId: 'e', message: 'm' };
    expect(previewStatus({ ...initialPreview, rows: rowsOf(3), problem: invalid })).toBe('3\u00a0rows · 2\u00a0columns · last good preview');
    expect(previewStatus(initialPreview)).toBe('');
  });
});

describe('what the pane says beside or instead of rows', () => {
  it('says a refusal once: its reason, no second "Run it" line', () => {
    const refused: PreviewAnswer = { kind: 'refused', statement: { from: 0, to: 1 }, reason: 'CREATE changes the database: a preview runs only queries that read. Run it to execute it.' };
    expect(previewEmptyText({ ...initialPreview, problem: refused })).toBe('');
    expect(previewEmptyText({ ...initialPreview, empty: true })).toBe('Put the cursor in a statement to preview it.');
    expect(previewEmptyText({ ...initialPreview, pending: true })).toBe(''); // the head's busy label says it, once
  });

  it('says when rows were left out for their text, and only then', () => {
    expect(previewBudgetNote({ ...initialPreview, rows: { ...rowsOf(3, 2, true), overBudget: true } })).toMatch(/^later rows left out: .*Run the query/);
    expect(previewBudgetNote({ ...initialPreview, rows: rowsOf(100, 2, true) })).toBe('');
  });
});

describe('the preview error line', () => {
  it('drops the LINE excerpt of the SQL main ran, keeping what DuckDB says', () => {
    const binder = 'Binder Error: Referenced column "Horsepowr" not found in FROM clause!\nCandidate bindings: "Horsepower"\n\nLINE 2: select "Name", "Horsepowr" from cars\n                       ^';
    expect(previewMessage(binder)).toBe('Binder Error: Referenced column "Horsepowr" not found in FROM clause!\nCandidate bindings: "Horsepower"');
    expect(previewMessage('Parser Error: syntax error at end of input')).toBe('Parser Error: syntax error at end of input');
  });
});
