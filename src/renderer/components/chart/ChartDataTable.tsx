import type { ChartData } from '../../../shared/chart/chartData';
import { formatCount } from '../format';

/** A cell as "Chart data" shows it: DuckDB's text, whole counts grouped ("14,828"), NULL as the grid writes it. */
const cellText = (text: string | null, role: string): string => (text === null ? 'NULL' : role === 'value' && /^-?\d+$/.test(text) ? formatCount(Number(text)) : text);

/** "Chart data": exactly the marks drawn, one row each. */
export function ChartDataTable({ data }: { data: ChartData }) {
  return (
    <div className="chart-data">
      <table aria-label="Chart data">
        <thead>
          <tr>
            {data.columns.map((c) => (
              <th key={c.role} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, r) => (
            <tr key={r}>
              {data.columns.map((c, i) => (
                <td key={c.role} className={c.kind === 'number' ? 'num' : undefined}>
                  {cellText(row[i] ?? null, c.role)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
