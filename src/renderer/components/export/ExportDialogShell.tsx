import { Check, Download } from 'lucide-react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { ExportOutcome } from '../../../shared/contracts/protocol';
import { ModalDialog } from '../common/ModalDialog';
import { CopyIdButton } from '../status/CopyIdButton';
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

/** The formats a dialog offers, their names, and the one chosen when it opens. */
export interface FormatChoice<F extends string> {
  readonly formats: readonly F[];
  readonly label: Readonly<Record<F, string>>;
  readonly initial: F;
}

export interface ExportDialogShellProps<F extends string> {
  /** The dialog's heading and accessible name. */
  readonly title: string;
  readonly choice: FormatChoice<F>;
  /** What will be written, in a sentence. */
  readonly scope: ReactNode;
  /** While writing, the format is fixed and Export waits (or gives way to Cancel). */
  readonly status: ExportStatusLine;
  readonly onExport: (format: F) => void;
  /** Offered in Export's place while busy, when the export can be stopped. */
  readonly onCancel?: () => void;
  /** Escape, the close button and a click outside. */
  readonly onClose: () => void;
  /** Set when there is nothing to export yet: said in the scope's place, Export disabled. */
  readonly nothing?: string;
}

/**
 * The frame every export dialog shares: a modal (focus trapped, Escape closes) with a format
 * choice, a line saying what is written, the export's status, and Export (or Cancel while busy;
 * once the file is written, Done, which closes it: another format chosen offers Export again).
 * What is exported, and how, is the caller's.
 */
export function ExportDialogShell<F extends string>(props: ExportDialogShellProps<F>) {
  const { title, choice, scope, status, onExport, onCancel, onClose, nothing } = props;
  const scopeId = useId();
  const [format, setFormat] = useState<F>(choice.initial);
  const busy = status.kind === 'writing';
  const root = useRef<HTMLDivElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const formatId = useId();
  const done = useRef<HTMLButtonElement>(null);
  /** The format last exported: Done stands for it until another is chosen. */
  const [exportedAs, setExportedAs] = useState<F | undefined>();
  const finished = status.kind === 'done' && exportedAs === format;

  useEffect(() => select.current?.focus(), []);
  // A button that goes away (or is disabled) as the export starts or ends must not drop focus out of the dialog.
  useEffect(() => {
    if (!root.current?.contains(document.activeElement)) root.current?.focus();
  }, [status.kind]);
  // written: Enter or Space closes, unless the person is choosing another format
  useEffect(() => {
    if (finished && document.activeElement !== select.current) done.current?.focus();
  }, [finished]);

  return (
    <ModalDialog
      title={title}
      className="export-dialog"
      rootRef={root}
      onClose={onClose}
      footer={
        busy && onCancel ? (
          <button type="button" className="cancel" onClick={onCancel}>
            Cancel
          </button>
        ) : finished ? (
          <button ref={done} type="button" className="primary" onClick={onClose}>
            <Check aria-hidden="true" />
            Done
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={busy || nothing !== undefined}
            aria-describedby={nothing === undefined ? undefined : scopeId}
            onClick={() => {
              setExportedAs(format);
              onExport(format);
            }}
          >
            <Download aria-hidden="true" />
            Export
          </button>
        )
      }
    >
      <label htmlFor={formatId}>Format</label>
      <select id={formatId} ref={select} value={format} disabled={busy} onChange={(e) => setFormat(e.target.value as F)}>
        {choice.formats.map((f) => (
          <option key={f} value={f}>
            {choice.label[f]}
          </option>
        ))}
      </select>
      <p id={scopeId} className="muted export-scope">
        {nothing ?? scope}
      </p>
      <ExportStatus status={status} />
    </ModalDialog>
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
          {/* a comma, not brackets: a format's label may carry its own ("Event log (NDJSON)") */}
          Exported {status.what} as {status.formatLabel}, {formatBytes(outcome.bytes)}
          {/* the browser saves it: when it is done is the browser's to say */}
          {outcome.download ? ' — sent to the browser’s downloads.' : ` to ${outcome.target}.`}
        </p>
      );
    }
    case 'failed':
      // a cancel the person asked for is no failure: its partial file is gone, nothing to look up
      return status.error.code === 'INTERRUPTED' ? (
        <p className="export-status" role="status">
          {status.error.message}
        </p>
      ) : (
        <FailedStatus error={status.error} />
      );
  }
}

/** A failure and its id, which can be copied; the copy is said here, since the page behind a modal dialog is out of reach. */
function FailedStatus({ error }: { error: AppError }) {
  const [copied, setCopied] = useState<string | undefined>();
  return (
    <>
      <p className="export-status failed" role="alert">
        {error.message}{' '}
        <span className="error-id">
          (error id {error.id}) <CopyIdButton id={error.id} onNotice={setCopied} />
        </span>
      </p>
      {copied && <p className="export-status" aria-live="polite">{copied}</p>}
    </>
  );
}
