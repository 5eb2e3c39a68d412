import type { ChartData } from './chartData';
import { drawnMark, type ChartSpec } from './chartSpec';
import { isolateBidi } from '../text/isolate';

/** What a chart's value is: "count", "average of delay". */
export const valueText = (spec: ChartSpec): string => (spec.aggregate === 'Count' || spec.y === undefined ? 'count' : `${spec.aggregate.toLowerCase()} of ${spec.y}`);

/**
 * The accessible name of a drawn chart: what it shows, in words ("Histogram of delay, count per
 * bin"). `data` tells a scatter of points from its density grid.
 */
export function chartLabel(given: ChartSpec, data?: Pick<ChartData, 'columns'>): string {
  // column names isolated: a right-to-left name or a bidi control in one cannot reorder these words;
  // named as drawn (a line over categories is bars)
  const mark = drawnMark(given.mark, data?.columns.find((c) => c.role === 'x')?.kind);
  const spec = { ...given, mark, x: isolateBidi(given.x), ...(given.y === undefined ? {} : { y: isolateBidi(given.y) }), ...(given.color === undefined ? {} : { color: isolateBidi(given.color) }) };
  const by = spec.color === undefined ? '' : `, by ${spec.color}`;
  switch (spec.mark) {
    case 'Histogram':
      return `Histogram of ${spec.x}, count per bin${by}`;
    case 'Bar':
      return `Bar chart of ${valueText(spec)} per ${spec.x}${by}`;
    case 'Line':
      return `Line chart of ${valueText(spec)} over ${spec.x}${by}`;
    case 'Area':
      return `Area chart of ${valueText(spec)} over ${spec.x}${by}`;
    case 'Scatter': {
      const density = data?.columns.some((c) => c.role === 'value') ?? false;
      return `Scatter plot of ${spec.y ?? ''} against ${spec.x}${density ? ', count per cell' : by}`;
    }
    case 'Heatmap':
      return `Heatmap of count by ${spec.x} and ${spec.y ?? ''}`;
    case 'Box':
      return spec.y === undefined ? `Box plot of ${spec.x}` : `Box plot of ${spec.y} per ${spec.x}`;
  }
}

/**
 * The chart's name inside a sentence ("Charted bar chart of count per origin", "Undo chart: histogram
 * of delay, …"). Bars, lines and areas of counts keep a Y they do not draw (for when the aggregate is
 * a sum again), and it is named: else picking another Y was an undo step worded as the one before it.
 */
export const chartWords = (spec: ChartSpec): string => {
  const label = chartLabel(spec);
  const keptY = (spec.mark === 'Bar' || spec.mark === 'Line' || spec.mark === 'Area') && spec.aggregate === 'Count' && spec.y !== undefined ? ` (Y: ${isolateBidi(spec.y)}, unused by Count)` : '';
  return label.charAt(0).toLowerCase() + label.slice(1) + keptY;
};
