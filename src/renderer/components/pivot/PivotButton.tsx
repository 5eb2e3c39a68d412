import { Table2 } from 'lucide-react';

/** "Pivot" in the grid's toolbar: opens or closes the pivot of the current (complete) result. */
export function PivotButton({ open, disabled, onToggle }: { open: boolean; disabled: boolean; onToggle(): void }) {
  return (
    <button type="button" aria-pressed={open} disabled={disabled} title="Pivot table of this result" onClick={onToggle}>
      <Table2 aria-hidden="true" />
      Pivot
    </button>
  );
}
