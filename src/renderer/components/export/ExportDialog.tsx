import type { PageView, SextantApi } from '../../../shared/contracts/protocol';
import { exportFormatLabel, exportFormats, type ExportFormat } from '../../../shared/explore/exportFormat';
import { countOf } from '../format';
import { ExportDialogShell, type ExportStatusLine, type FormatChoice } from './ExportDialogShell';
import { exportScopeText } from './exportScope';
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
 * "Export result": picks a format and writes the result as the grid shows it, with progress and
 * Cancel. Closing it while an export runs cancels that export, so nothing is left half-written.
 */
export function ExportDialog({ api, sessionId, queryId, rowCount, view, onClose }: ExportDialogProps) {
  const { state, start, cancel } = useExport(api, sessionId, queryId, view);
  const busy = state.phase === 'starting' || state.phase === 'running';

  const close = (): void => {
    if (busy) cancel();
    onClose();
  };

  return (
    <ExportDialogShell
      title="Export result"
      choice={resultFormats}
      scope={
        <>
          {rowCount === undefined ? 'The result' : countOf(rowCount, 'row')}
          {exportScopeText(view, rowCount)}
        </>
      }
      status={statusLine(state)}
      onExport={(format) => void start(format)}
      onCancel={cancel}
      onClose={close}
    />
  );
}

const resultFormats: FormatChoice<ExportFormat> = { formats: exportFormats, label: exportFormatLabel, initial: 'csv' };

function statusLine(state: ExportState): ExportStatusLine {
  switch (state.phase) {
    case 'idle':
      return { kind: 'none' };
    case 'starting':
      return { kind: 'writing', text: 'Starting…' };
    case 'running': {
      const p = state.progress;
      return { kind: 'writing', text: p ? `Writing… about ${countOf(p.rowsEstimate ?? 0, 'row')}, ${formatBytes(p.bytesWritten)} so far` : 'Writing…' };
    }
    case 'done':
      return { kind: 'done', what: countOf(state.outcome.rows, 'row'), formatLabel: exportFormatLabel[state.format], outcome: state.outcome };
    case 'failed':
      return { kind: 'failed', error: state.error };
  }
}
