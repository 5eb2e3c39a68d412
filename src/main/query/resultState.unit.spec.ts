import { describe, expect, it } from 'vitest';
import { pageable, producing, withAvailable, withColumns } from './resultState';

const cols = [{ name: 'n', type: 'BIGINT' }];

describe('a result’s rows beside its phase', () => {
  it('rows ready only grow: a commit reported after a bigger head does not shrink them', () => {
    const head = [['0', '1', '2']];
    let rows = withAvailable(withColumns(producing(), cols), 3, head);
    rows = withAvailable(rows, 2);
    expect(pageable(rows)).toEqual({ ok: true, columns: cols, totalRows: 3, complete: false, head });
  });

  it('kept rows are complete; evicted rows have nothing to page until their re-run; none carries why', () => {
    expect(pageable({ kind: 'kept', columns: cols, rowCount: 7 })).toEqual({ ok: true, columns: cols, totalRows: 7, complete: true });
    expect(pageable({ kind: 'evicted', columns: cols, rowCount: 3 })).toEqual({ ok: true, columns: cols, totalRows: 0, complete: false });
    const error = { id: 'e', code: 'RESULT_NOT_FOUND', message: 'gone' } as const;
    expect(pageable({ kind: 'none', error })).toEqual({ ok: false, error });
  });

  it('rows that are no longer being produced ignore late worker reports', () => {
    const kept = { kind: 'kept', columns: cols, rowCount: 7 } as const;
    expect(withAvailable(kept, 100)).toBe(kept);
    expect(withColumns(kept, [])).toBe(kept);
  });
});
