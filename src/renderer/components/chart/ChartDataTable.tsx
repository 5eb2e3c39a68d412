import type { ChartData } from '../../../shared/chart/chartData';
import type { ChartRole } from '../../../shared/chart/chartSql';
import { computedValueText, isComputedRole, timeTexts } from '../../../shared/chart/chartValueText';

/** A cell as "Chart data" shows it: DuckDB's text, a computed value as the app writes one (grouped, rounded), NULL as the grid writes it. */
const cellText = (text: string | null, role: ChartRole): string => (text === null ? 'NULL' : isComputedRole(role) ? computedValueText(text) : text);

/**
 * "Chart data": exactly the marks drawn, one row each. A category's rest flag is not a column of its
 * own: the rest's "(other)" and SQL NULL's "NULL" are written muted and in italics, as no value,
 * while a real '(other)' or 'NULL' reads as the text it is.
 */
export function ChartDataTable({ data }: { data: ChartData }) {
  const shown = data.columns.map((c, i) => ({ ...c, i })).filter((c) => c.kind !== 'flag');
  const restAt = (role: string) => data.columns.findIndex((c) => c.role === `${role}Rest`);
  // a time column is written as a whole (days if all are midnights), not cell by cell
  const times = new Map(shown.filter((c) => c.kind === 'time').map((c) => [c.i, timeTexts(data.rows.map((row) => row[c.i] ?? null))]));
  return (
    <div className="chart-data">
      <table aria-label="Chart data">
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c.role} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, r) => (
            <tr key={r}>
              {shown.map((c) => {
                const text = times.get(c.i)?.[r] ?? row[c.i] ?? null;
                const rest = c.kind === 'category' && row[restAt(c.role)] === 'true';
                return (
                  // a rounded value keeps DuckDB's exact text a hover away
                  <td key={c.role} className={c.kind === 'number' ? 'num' : undefined} title={text !== null && isComputedRole(c.role) ? text : undefined}>
                    {rest || (c.kind === 'category' && text === null) ? (
                      <em className="muted" title={rest ? 'Every other category, counted together' : 'SQL NULL: no value'}>
                        {cellText(text, c.role)}
                      </em>
                    ) : (
                      cellText(text, c.role)
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
