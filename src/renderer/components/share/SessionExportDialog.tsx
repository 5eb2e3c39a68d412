import { useState } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { ApiResponse, SextantApi } from '../../../shared/contracts/protocol';
import { sessionExportFormatLabel, sessionExportFormats, type SessionExportFormat } from '../../../shared/share/sessionExportFormat';
import { ExportDialogShell, type ExportStatusLine, type FormatChoice } from '../export/ExportDialogShell';
import { target, triggerDownload } from '../export/useExport';
import { countOf } from '../format';
import { scopeText } from './sessionExportScope';

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
 * "Export session": picks a format and writes the whole session: a download in a browser, the save
 * dialog's path in the desktop app.
 */
export function SessionExportDialog({ api, sessionId, queryCount, onClose }: { api: SextantApi; sessionId: string; queryCount: number; onClose: () => void }) {
  const [state, setState] = useState<State>({ phase: 'idle' });

  const start = async (format: SessionExportFormat): Promise<void> => {
    setState({ phase: 'writing' });
    const result = await api.exportSession(sessionId, format, target());
    if (!result.ok) return setState({ phase: 'failed', error: result.error });
    const { outcome } = result.value;
    if (!outcome) return setState({ phase: 'idle' }); // the save dialog was dismissed
    if (outcome.download) triggerDownload(outcome.download.url, outcome.download.fileName);
    setState({ phase: 'done', outcome });
  };

  return (
    <ExportDialogShell
      title="Export session"
      choice={sessionFormats}
      scope={scopeText(queryCount)}
      nothing={queryCount === 0 ? NOTHING_TO_EXPORT : undefined}
      status={statusLine(state)}
      onExport={(format) => void start(format)}
      onClose={onClose}
    />
  );
}

/** A session that has run no query: the script and the notebook would hold a header alone, the event log a draft at most. */
export const NOTHING_TO_EXPORT = 'Nothing to export yet: the session has run no queries.';

const sessionFormats: FormatChoice<SessionExportFormat> = { formats: sessionExportFormats, label: sessionExportFormatLabel, initial: 'sql' };

function statusLine(state: State): ExportStatusLine {
  switch (state.phase) {
    case 'idle':
      return { kind: 'none' };
    case 'writing':
      return { kind: 'writing', text: 'Writing…' };
    case 'done':
      return { kind: 'done', what: itemsText(state.outcome), formatLabel: sessionExportFormatLabel[state.outcome.format], outcome: state.outcome };
    case 'failed':
      return { kind: 'failed', error: state.error };
  }
}
