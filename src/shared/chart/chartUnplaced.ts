import { holdsNaN, holdsNonFinite } from '../explore/finiteValues';
import { quoteIdent } from '../sql/sqlIdentifier';
import { countText } from '../text/counts';
import { axisKind, type SingleChartSpec } from './chartSpec';
import { placeable, type ChartSourceColumn } from './chartSql';

/**
 * The columns whose value places a row of `spec` on an axis: a number or time X of a histogram,
 * line or area (a category X makes bars), a time X of bars, and both axes of a scatter or heatmap.
 * Bars of categories or numbers draw NULL as a bar of its own and a box's statistics never count
 * NULLs, so they place every row.
 */
export function placingColumns(spec: SingleChartSpec, columns: readonly ChartSourceColumn[]): readonly ChartSourceColumn[] {
  const find = (name: string | undefined) => columns.filter((c) => c.name === name).slice(0, 1);
  switch (spec.mark) {
    case 'Histogram':
    case 'Line':
    case 'Area':
      return find(spec.x).filter((c) => axisKind(c.type) !== 'category');
    case 'Bar':
      // bars of a date or time are binned as a histogram's are (chartSql), leaving out what has no place
      return find(spec.x).filter((c) => axisKind(c.type) === 'time');
    case 'Scatter':
    case 'Heatmap':
      return [...find(spec.x), ...find(spec.y)];
    case 'Box':
      return [];
  }
}

/**
 * The SQL counting the rows of `relation` (those passing `filter`, when given) that `spec` leaves
 * out for want of a place: NULL, and for floats, dates and timestamps NaN or infinite, exactly as
 * chartSql's `placeable` leaves them out. Undefined when the chart places every row. So a chart can
 * say what it did not draw, rather than leave a silent gap.
 */
export function unplacedSql(spec: SingleChartSpec, relation: string, columns: readonly ChartSourceColumn[], filter?: string): string | undefined {
  const placing = placingColumns(spec, columns);
  if (placing.length === 0) return undefined;
  const placed = placing.map((c) => placeable(c.ref ?? quoteIdent(c.name), c.type)).join(' AND ');
  // IS NOT TRUE: isfinite(NULL) is NULL, which NOT would leave uncounted
  return `SELECT count(*)::VARCHAR AS unplaced FROM ${relation} WHERE (${placed}) IS NOT TRUE${filter ? ` AND (${filter})` : ''}`;
}

/**
 * What a chart says of the rows it left out ("Not drawn: 3 rows whose delay is empty, NaN or
 * infinite."), or undefined when there are none. NaN and infinities are named only where a
 * column's type has them (a date has infinities, no NaN). `space` goes between a count and its noun (the UI's no-break space).
 */
export function unplacedNote(rows: number, spec: SingleChartSpec, columns: readonly ChartSourceColumn[], space = ' '): string | undefined {
  const placing = placingColumns(spec, columns);
  if (rows <= 0 || placing.length === 0) return undefined;
  const odd = placing.some((c) => holdsNaN(c.type)) ? ', NaN or infinite' : placing.some((c) => holdsNonFinite(c.type)) ? ' or infinite' : '';
  return `Not drawn: ${countText(rows, 'row', 'rows', space)} whose ${placing.map((c) => c.name).join(' or ')} is empty${odd}.`;
}
