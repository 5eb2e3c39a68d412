import { ChartColumn } from 'lucide-react';

/** How the charts find "Chart" to give it focus when the last of them closes. */
export const CHART_TOGGLE_CLASS = 'chart-toggle';

/** "Chart" in the grid's toolbar: opens or closes the chart of the current result. */
export function ChartButton({ open, disabled, onToggle }: { open: boolean; disabled: boolean; onToggle(): void }) {
  return (
    <button type="button" className={CHART_TOGGLE_CLASS} aria-pressed={open} disabled={disabled} title="Chart this result" onClick={onToggle}>
      <ChartColumn aria-hidden="true" />
      Chart
    </button>
  );
}
