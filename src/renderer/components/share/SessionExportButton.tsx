import { Share } from 'lucide-react';
import { useRef, useState } from 'react';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { SessionExportDialog } from './SessionExportDialog';

/** "Export session…" in the session's toolbar: opens "Export session"; focus comes back here on close. */
export function SessionExportButton(props: { api: SextantApi; sessionId: string; queryCount: number }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={button} type="button" className="session-export-button" onClick={() => setOpen(true)} aria-haspopup="dialog" title="Save this session as a SQL script, a Markdown notebook or its event log">
        <Share aria-hidden="true" />
        Export session…
      </button>
      {open && (
        <SessionExportDialog
          {...props}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}
