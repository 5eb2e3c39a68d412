import type { ChartData } from './chartData';
import { chartLabel } from './chartLabel';
import type { ChartSpec } from './chartSpec';
import { safeFileStem } from '../text/fileStem';

/**
 * An exported chart's file name: what it shows, its accessible name ("Bar chart of count per
 * origin.png"), so two charts exported one after the other do not overwrite each other as chart.png.
 */
export function chartFileName(spec: ChartSpec, data: Pick<ChartData, 'columns'> | undefined, format: 'png' | 'svg'): string {
  return `${safeFileStem(chartLabel(spec, data)) || 'chart'}.${format}`;
}
