import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { ExportProgress } from '../../../shared/contracts/frames';
import type { ExportOutcome, ExportTarget, PageView, SextantApi } from '../../../shared/contracts/protocol';
import type { ExportFormat } from '../../../shared/explore/exportFormat';

/** Where an export is: not started, being written (with its latest progress), done, or failed (cancel included). */
export type ExportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting' }
  | { readonly phase: 'running'; readonly exportId: string; readonly progress?: ExportProgress }
  | { readonly phase: 'done'; readonly outcome: ExportOutcome; readonly format: ExportFormat }
  | { readonly phase: 'failed'; readonly error: AppError };

/** In Electron main asks with the OS's save dialog; a browser gets a download. */
export const target = (): ExportTarget => (window.sextant ? { kind: 'saveDialog' } : { kind: 'download' });

/** Hands a finished browser export to the browser as a normal download. */
export function triggerDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/** One export of one result: start, its progress frames, its outcome, cancel. */
export function useExport(api: SextantApi, sessionId: string, queryId: string, view: PageView | undefined) {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const current = useRef<string | undefined>(undefined);
  /** Cancel pressed before main answered with the export's id: cancelled as soon as it does. */
  const cancelEarly = useRef(false);

  useEffect(
    () =>
      api.onFrame((frame) => {
        if (frame.kind !== 'progress' || frame.progress.kind !== 'export' || frame.progress.exportId !== current.current) return;
        const progress = frame.progress;
        if (progress.state !== 'running') return; // the outcome says how it ended
        setState((s) => (s.phase === 'running' && s.exportId === progress.exportId ? { ...s, progress } : s));
      }),
    [api],
  );

  const start = useCallback(
    async (format: ExportFormat) => {
      cancelEarly.current = false;
      setState({ phase: 'starting' });
      const started = await api.startExport(sessionId, queryId, format, target(), view);
      if (!started.ok) return setState({ phase: 'failed', error: started.error });
      const exportId = started.value.exportId;
      if (exportId === undefined) return setState({ phase: 'idle' }); // the save dialog was dismissed
      current.current = exportId;
      setState({ phase: 'running', exportId });
      if (cancelEarly.current) void api.cancelExport(exportId);
      const outcome = await api.exportOutcome(exportId);
      if (current.current !== exportId) return;
      current.current = undefined;
      if (!outcome.ok) return setState({ phase: 'failed', error: outcome.error });
      if (outcome.value.download) triggerDownload(outcome.value.download.url, outcome.value.download.fileName);
      setState({ phase: 'done', outcome: outcome.value, format });
    },
    [api, sessionId, queryId, view],
  );

  const cancel = useCallback(() => {
    if (current.current) void api.cancelExport(current.current);
    else cancelEarly.current = true;
  }, [api]);

  return { state, start, cancel };
}
