import { useEffect, useState } from 'react';
import type { AppError } from '../../shared/contracts/errors';
import type { Page, SextantApi } from '../../shared/contracts/protocol';
import type { HistoryEntry } from '../../shared/views/appView';

const FIRST_PAGE_ROWS = 100;

/** Shows the first page of the session's latest result, fetched by query id. */
export function ResultsGrid({ api, result }: { api: SextantApi; result: HistoryEntry | undefined }) {
  const [page, setPage] = useState<Page | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const queryId = result?.queryId;

  useEffect(() => {
    setPage(undefined);
    setError(undefined);
    if (!queryId) return;
    let current = true;
    void api.fetchPage(queryId, 0, FIRST_PAGE_ROWS).then((r) => {
      if (!current) return;
      if (r.ok) setPage(r.value);
      else setError(r.error);
    });
    return () => {
      current = false;
    };
  }, [api, queryId]);

  if (!result) return <div className="grid-empty">Run a query to see results.</div>;
  const columns = result.columns ?? [];
  const rows = page ? (page.values[0]?.length ?? 0) : 0;
  return (
    <div className="grid-wrap">
      {error && <p className="error">Could not load rows: {error.message} (error id {error.id})</p>}
      <table role="grid" aria-label="Results" aria-rowcount={(result.rowCount ?? 0) + 1} aria-colcount={columns.length}>
        <thead>
          <tr role="row" aria-rowindex={1}>
            {columns.map((c, i) => (
              <th role="columnheader" key={i} title={c.type}>
                {c.name}
                <span className="type">{c.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr role="row" key={r} aria-rowindex={r + 2}>
              {columns.map((c, ci) => {
                const v = page?.values[ci]?.[r] ?? null;
                return (
                  <td role="gridcell" key={ci} className={v === null ? 'null' : isNumeric(c.type) ? 'num' : undefined}>
                    {v ?? 'NULL'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {page && (result.rowCount ?? 0) > rows && (
        <p className="more">
          Showing the first {rows} of {result.rowCount} rows.
        </p>
      )}
    </div>
  );
}

const isNumeric = (type: string): boolean => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE|DECIMAL)/.test(type);
