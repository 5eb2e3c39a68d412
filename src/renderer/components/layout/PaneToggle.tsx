import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react';
import { paneToggleLabel, type Pane } from './paneMemory';

/** The id of each pane's aside, for the toggle's aria-controls. */
export const paneId = (pane: Pane): string => `${pane}-pane`;

/** "Hide datasets" / "Show datasets" (and the history's) in the top bar: always there, whichever state. */
export function PaneToggle({ pane, shown, onToggle }: { pane: Pane; shown: boolean; onToggle(): void }) {
  const label = paneToggleLabel(pane, shown);
  const Icon = pane === 'datasets' ? (shown ? PanelLeftClose : PanelLeftOpen) : shown ? PanelRightClose : PanelRightOpen;
  return (
    <button type="button" className="icon-button pane-toggle" aria-label={label} title={label} aria-controls={paneId(pane)} onClick={onToggle}>
      <Icon aria-hidden="true" />
    </button>
  );
}
