import { FileDown } from 'lucide-react';
import { useRef, useState } from 'react';
import type { PageView, SextantApi } from '../../../shared/contracts/protocol';
import { ExportDialog } from './ExportDialog';

/** "Export…" beside the grid: opens "Export result" for the shown result; focus comes back here on close. */
export function ExportButton(props: { api: SextantApi; sessionId: string; queryId: string; rowCount?: number; view?: PageView }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={button} type="button" className="export-button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <FileDown size={14} aria-hidden="true" />
        Export…
      </button>
      {open && (
        <ExportDialog
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
