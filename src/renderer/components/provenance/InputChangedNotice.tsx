import { RotateCw, TriangleAlert } from 'lucide-react';
import type { AppView, HistoryEntry } from '../../../shared/views/appView';
import { changedInputs } from '../../../shared/views/inputChanges';

/**
 * Above a result whose input changed on disk since its query ran (docs/share.md, "Provenance"):
 * which datasets, and "Re-run" to run its SQL again against what the files hold now.
 */
export function InputChangedNotice({
  entry,
  datasets,
  disabled,
  onRerun,
}: {
  entry: Pick<HistoryEntry, 'inputs'>;
  datasets: AppView['datasets'];
  disabled: boolean;
  onRerun(): void;
}) {
  const changed = changedInputs(entry, datasets);
  if (changed.length === 0) return null;
  return (
    <div className="input-changed" aria-live="polite">
      <TriangleAlert aria-hidden="true" />
      <span>Input changed since this ran</span>
      <span className="muted">{changed.map((i) => i.name).join(', ')}</span>
      <button type="button" disabled={disabled} onClick={onRerun}>
        <RotateCw aria-hidden="true" />
        Re-run
      </button>
    </div>
  );
}
