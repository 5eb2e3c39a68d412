import { ChartColumn } from 'lucide-react';

/** "Chart" in the grid's toolbar: opens or closes the chart of the current result. */
export function ChartButton({ open, disabled, onToggle }: { open: boolean; disabled: boolean; onToggle(): void }) {
  return (
    <button type="button" aria-pressed={open} disabled={disabled} title="Chart this result" onClick={onToggle}>
      <ChartColumn aria-hidden="true" />
      Chart
    </button>
  );
}
