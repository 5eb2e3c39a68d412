import { Download, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { ApiResponse, SextantApi } from '../../../shared/contracts/protocol';
import { sessionExportFormatLabel, sessionExportFormats, type SessionExportFormat } from '../../../shared/share/sessionExportFormat';
import { trapTab } from '../export/focusTrap';
import { formatBytes } from '../export/formatBytes';
import { target, triggerDownload } from '../export/useExport';
import { countOf } from '../format';

type Outcome = NonNullable<ApiResponse<'exportSession'>['outcome']>;
type State = { readonly phase: 'idle' } | { readonly phase: 'writing' } | { readonly phase: 'done'; readonly outcome: Outcome } | { readonly phase: 'failed'; readonly error: AppError };

/** What the file holds, in the words of its format. */
const itemsText = (o: Outcome): string => {
  switch (o.format) {
    case 'sql':
      return countOf(o.items, 'statement');
    case 'markdown':
      return countOf(o.items, 'query', 'queries');
    case 'eventLog':
      return countOf(o.items, 'event');
  }
};

/**
 * "Export session": a modal dialog (focus trapped, Escape closes) that picks a format and writes
 * the whole session: a download in a browser, the save dialog's path in the desktop app.
 */
export function SessionExportDialog({ api, sessionId, queryCount, onClose }: { api: SextantApi; sessionId: string; queryCount: number; onClose: () => void }) {
  const [format, setFormat] = useState<SessionExportFormat>('sql');
  const [state, setState] = useState<State>({ phase: 'idle' });
  const root = useRef<HTMLDivElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const titleId = useId();
  const formatId = useId();
  const busy = state.phase === 'writing';

  useEffect(() => select.current?.focus(), []);
  useEffect(() => {
    if (!root.current?.contains(document.activeElement)) root.current?.focus();
  }, [state.phase]);

  const start = async (): Promise<void> => {
    setState({ phase: 'writing' });
    const result = await api.exportSession(sessionId, format, target());
    if (!result.ok) return setState({ phase: 'failed', error: result.error });
    const { outcome } = result.value;
    if (!outcome) return setState({ phase: 'idle' }); // the save dialog was dismissed
    if (outcome.download) triggerDownload(outcome.download.url, outcome.download.fileName);
    setState({ phase: 'done', outcome });
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
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
            onClose();
          } else trapTab(e, root.current);
        }}
      >
        <header className="modal-header">
          <h2 id={titleId}>Export session</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <X size={16} aria-hidden="true" />
          </button>
        </header>
        <div className="modal-body">
          <label htmlFor={formatId}>Format</label>
          <select id={formatId} ref={select} value={format} disabled={busy} onChange={(e) => setFormat(e.target.value as SessionExportFormat)}>
            {sessionExportFormats.map((f) => (
              <option key={f} value={f}>
                {sessionExportFormatLabel[f]}
              </option>
            ))}
          </select>
          <p className="muted export-scope">{countOf(queryCount, 'query', 'queries')}, in the order they ran</p>
          {state.phase === 'writing' && (
            <p className="export-status" role="status">
              Writing…
            </p>
          )}
          {state.phase === 'done' && (
            <p className="export-status done" role="status">
              Exported {itemsText(state.outcome)} as {sessionExportFormatLabel[state.outcome.format]} ({formatBytes(state.outcome.bytes)})
              {state.outcome.download ? ' — downloading.' : ` to ${state.outcome.target}.`}
            </p>
          )}
          {state.phase === 'failed' && (
            <p className="export-status failed" role="alert">
              {state.error.message} <span className="error-id">Error id: {state.error.id}</span>
            </p>
          )}
        </div>
        <footer className="modal-footer">
          <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
            <Download size={14} aria-hidden="true" />
            Export
          </button>
        </footer>
      </div>
    </div>
  );
}
