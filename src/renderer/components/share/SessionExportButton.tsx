import { Share } from 'lucide-react';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { DialogButton } from '../common/DialogButton';
import { SessionExportDialog } from './SessionExportDialog';

/** "Export session…" in the session's toolbar: opens "Export session"; focus comes back here on close. */
export function SessionExportButton(props: { api: SextantApi; sessionId: string; queryCount: number }) {
  return (
    <DialogButton
      className="session-export-button"
      title="Save this session as a SQL script, a Markdown notebook or its event log"
      dialog={(onClose) => <SessionExportDialog {...props} onClose={onClose} />}
    >
      <Share aria-hidden="true" />
      Export session…
    </DialogButton>
  );
}
