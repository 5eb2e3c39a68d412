import { Download, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { PageView, SextantApi } from '../../../shared/contracts/protocol';
import { exportFormatLabel, exportFormats, type ExportFormat } from '../../../shared/explore/exportFormat';
import { countOf } from '../format';
import { trapTab } from './focusTrap';
import { formatBytes } from './formatBytes';
import { useExport, type ExportState } from './useExport';

export interface ExportDialogProps {
  readonly api: SextantApi;
  readonly sessionId: string;
  readonly queryId: string;
  /** Rows of the result as the grid shows it, when known. */
  readonly rowCount?: number;
  /** The grid's current sort and filter: the export writes the rows as shown. */
  readonly view?: PageView;
  readonly onClose: () => void;
}

/**
 * "Export result": a modal dialog (focus trapped, Escape closes) that picks a format and writes the
 * result as the grid shows it, with progress and Cancel. Closing it while an export runs cancels
 * that export, so nothing is left half-written.
 */
export function ExportDialog({ api, sessionId, queryId, rowCount, view, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('csv');
  const { state, start, cancel } = useExport(api, sessionId, queryId, view);
  const root = useRef<HTMLDivElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const titleId = useId();
  const formatId = useId();
  const busy = state.phase === 'starting' || state.phase === 'running';

  useEffect(() => select.current?.focus(), []);
  // A button that goes away as the export starts or ends must not drop focus out of the dialog.
  useEffect(() => {
    if (!root.current?.contains(document.activeElement)) root.current?.focus();
  }, [state.phase]);

  const close = (): void => {
    if (busy) cancel();
    onClose();
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={root}
        className="modal export-dialog"
        role="dialog"
        tabIndex={-1}
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          } else trapTab(e, root.current);
        }}
      >
        <header className="modal-header">
          <h2 id={titleId}>Export result</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={close}>
            <X size={16} aria-hidden="true" />
          </button>
        </header>
        <div className="modal-body">
          <label htmlFor={formatId}>Format</label>
          <select id={formatId} ref={select} value={format} disabled={busy} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {exportFormats.map((f) => (
              <option key={f} value={f}>
                {exportFormatLabel[f]}
              </option>
            ))}
          </select>
          <p className="muted export-scope">
            {rowCount === undefined ? 'The result' : countOf(rowCount, 'row')}
            {view?.orderBy?.length || view?.filter?.length ? ', sorted and filtered as the grid shows them' : ', in the grid’s order'}
          </p>
          <ExportStatus state={state} />
        </div>
        <footer className="modal-footer">
          {busy ? (
            <button type="button" className="cancel" onClick={cancel}>
              Cancel
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => void start(format)}>
              <Download size={14} aria-hidden="true" />
              Export
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}

function ExportStatus({ state }: { state: ExportState }) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'starting':
      return (
        <p className="export-status" role="status">
          Starting…
        </p>
      );
    case 'running': {
      const p = state.progress;
      return (
        <p className="export-status" role="status">
          {p ? `Writing… about ${countOf(p.rowsEstimate ?? 0, 'row')}, ${formatBytes(p.bytesWritten)} so far` : 'Writing…'}
        </p>
      );
    }
    case 'done':
      return (
        <p className="export-status done" role="status">
          Exported {countOf(state.outcome.rows, 'row')} as {exportFormatLabel[state.format]} ({formatBytes(state.outcome.bytes)})
          {state.outcome.download ? ' — downloading.' : ` to ${state.outcome.target}.`}
        </p>
      );
    case 'failed':
      return (
        <p className="export-status failed" role="alert">
          {state.error.message} <span className="error-id">Error id: {state.error.id}</span>
        </p>
      );
  }
}
