import type { ChartData } from '../../../shared/chart/chartData';
import { chartDataText, isComputedRole } from '../../../shared/chart/chartValueText';

/**
 * "Chart data": exactly the marks drawn, one row each, in the order they are drawn, written as
 * chartDataText writes them. A category's rest flag is not a column of its own: the rest ("All
 * others", REST_TEXT) and SQL NULL's "NULL" are written muted and in italics, as no value, while a
 * real '(other)' or 'NULL' reads as the text it is. `valueType` is the aggregated column's (aggregatedType).
 */
export function ChartDataTable({ data, valueType }: { data: ChartData; valueType: string | undefined }) {
  const { columns, rows } = chartDataText(data, valueType);
  // each shown category's rest flag, found once, not once per cell of up to 10,000 rows
  const restAt = new Map(columns.map((c) => [c.role, data.columns.findIndex((x) => x.role === `${c.role}Rest`)]));
  return (
    <div className="chart-data">
      <table aria-label="Chart data">
        <thead>
          <tr>
            {columns.map((c) => (
              // a number's header over its column's right edge, where its figures line up (as the grid's)
              <th key={c.role} scope="col" className={c.kind === 'number' ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => (
            <tr key={r}>
              {columns.map((c, j) => {
                const raw = data.rows[r]?.[c.i] ?? null;
                const rest = c.kind === 'category' && data.rows[r]?.[restAt.get(c.role) ?? -1] === 'true';
                return (
                  // a rounded value keeps DuckDB's exact text a hover away
                  <td key={c.role} className={c.kind === 'number' ? 'num' : undefined} title={raw !== null && isComputedRole(c.role) ? raw : undefined}>
                    {rest || (c.kind === 'category' && raw === null) ? (
                      <em className="muted" title={rest ? 'Every other category, counted together' : 'SQL NULL: no value'}>
                        {cells[j]}
                      </em>
                    ) : (
                      cells[j]
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
