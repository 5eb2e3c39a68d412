import { Download, X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { ExportOutcome } from '../../../shared/contracts/protocol';
import { trapTab } from './focusTrap';
import { formatBytes } from './formatBytes';

/** The line under the format choice: nothing yet, still writing, where the file went, or why it did not. */
export type ExportStatusLine =
  | { readonly kind: 'none' }
  | { readonly kind: 'writing'; readonly text: string }
  | {
      readonly kind: 'done';
      /** What the file holds, counted: "1,024 rows", "3 statements". */
      readonly what: string;
      readonly formatLabel: string;
      readonly outcome: Pick<ExportOutcome, 'bytes' | 'target' | 'download'>;
    }
  | { readonly kind: 'failed'; readonly error: AppError };

export interface ExportDialogShellProps<F extends string> {
  /** The dialog's heading and accessible name. */
  readonly title: string;
  readonly formats: readonly F[];
  readonly formatLabel: Readonly<Record<F, string>>;
  readonly format: F;
  readonly onFormatChange: (format: F) => void;
  /** What will be written, in a sentence. */
  readonly scope: ReactNode;
  readonly status: ExportStatusLine;
  /** Writing: the format is fixed and Export waits. */
  readonly busy: boolean;
  readonly onExport: () => void;
  /** Offered in Export's place while busy, when the export can be stopped. */
  readonly onCancel?: () => void;
  /** Escape, the close button and a click outside. */
  readonly onClose: () => void;
}

/**
 * The frame every export dialog shares: a modal (focus trapped, Escape closes) with a format
 * choice, a line saying what is written, the export's status, and Export (or Cancel while busy).
 * What is exported, and how, is the caller's.
 */
export function ExportDialogShell<F extends string>(props: ExportDialogShellProps<F>) {
  const { title, formats, formatLabel, format, onFormatChange, scope, status, busy, onExport, onCancel, onClose } = props;
  const root = useRef<HTMLDivElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const titleId = useId();
  const formatId = useId();

  useEffect(() => select.current?.focus(), []);
  // A button that goes away (or is disabled) as the export starts or ends must not drop focus out of the dialog.
  useEffect(() => {
    if (!root.current?.contains(document.activeElement)) root.current?.focus();
  }, [busy, status.kind]);

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
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <X size={16} aria-hidden="true" />
          </button>
        </header>
        <div className="modal-body">
          <label htmlFor={formatId}>Format</label>
          <select id={formatId} ref={select} value={format} disabled={busy} onChange={(e) => onFormatChange(e.target.value as F)}>
            {formats.map((f) => (
              <option key={f} value={f}>
                {formatLabel[f]}
              </option>
            ))}
          </select>
          <p className="muted export-scope">{scope}</p>
          <ExportStatus status={status} />
        </div>
        <footer className="modal-footer">
          {busy && onCancel ? (
            <button type="button" className="cancel" onClick={onCancel}>
              Cancel
            </button>
          ) : (
            <button type="button" className="primary" disabled={busy} onClick={onExport}>
              <Download size={14} aria-hidden="true" />
              Export
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}

function ExportStatus({ status }: { status: ExportStatusLine }) {
  switch (status.kind) {
    case 'none':
      return null;
    case 'writing':
      return (
        <p className="export-status" role="status">
          {status.text}
        </p>
      );
    case 'done': {
      const { outcome } = status;
      return (
        <p className="export-status done" role="status">
          Exported {status.what} as {status.formatLabel} ({formatBytes(outcome.bytes)})
          {outcome.download ? ' — downloading.' : ` to ${outcome.target}.`}
        </p>
      );
    }
    case 'failed':
      return (
        <p className="export-status failed" role="alert">
          {status.error.message} <span className="error-id">Error id: {status.error.id}</span>
        </p>
      );
  }
}
