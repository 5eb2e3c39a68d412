/**
 * Why a chart has no marks, in the grid's words: the result has no rows, or the filters (the grid's,
 * the other charts' brushes) leave none. Undefined when it has marks, or when its rows are all left
 * out for want of a place on an axis, which the "Not drawn: …" note already says.
 */
export function emptyChartNote(marks: number, resultRows: number | undefined, filtered: boolean, unplaced: number | undefined): string | undefined {
  if (marks > 0) return undefined;
  if (resultRows === 0) return 'The query returned no rows: nothing to chart.';
  if (unplaced !== undefined && unplaced > 0) return undefined;
  return filtered ? 'No rows match the filters: nothing to chart.' : undefined;
}
