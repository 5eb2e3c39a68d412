import { FileDown } from 'lucide-react';
import type { PageView, SextantApi } from '../../../shared/contracts/protocol';
import { exportFormatLabel } from '../../../shared/explore/exportFormat';
import { DialogButton } from '../common/DialogButton';
import { ExportDialog } from './ExportDialog';

/**
 * "Export…" beside the grid: opens "Export result" for the shown result; focus comes back here on
 * close. `onOpen` runs first: the grid sends filter text still waiting out its typing pause, so the
 * dialog's view and row count are what the boxes say.
 */
export function ExportButton({ onOpen, ...props }: { api: SextantApi; sessionId: string; queryId: string; rowCount?: number | undefined; view?: PageView; onOpen?(): void }) {
  return (
    <DialogButton
      className="export-button"
      title={`Export the result as ${Object.values(exportFormatLabel).join(', ')}`}
      {...(onOpen ? { onOpen } : {})}
      dialog={(onClose) => <ExportDialog {...props} onClose={onClose} />}
    >
      <FileDown aria-hidden="true" />
      Export…
    </DialogButton>
  );
}
