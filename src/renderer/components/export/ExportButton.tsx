import { FileDown } from 'lucide-react';
import type { PageView, SextantApi } from '../../../shared/contracts/protocol';
import { exportFormatLabel } from '../../../shared/explore/exportFormat';
import { DialogButton } from '../common/DialogButton';
import { ExportDialog } from './ExportDialog';

/** "Export…" beside the grid: opens "Export result" for the shown result; focus comes back here on close. */
export function ExportButton(props: { api: SextantApi; sessionId: string; queryId: string; rowCount?: number; view?: PageView }) {
  return (
    <DialogButton className="export-button" title={`Export the result as ${Object.values(exportFormatLabel).join(', ')}`} dialog={(onClose) => <ExportDialog {...props} onClose={onClose} />}>
      <FileDown aria-hidden="true" />
      Export…
    </DialogButton>
  );
}
