import { CopyPlus, FileUp, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AppError, Result } from '../../../shared/contracts/errors';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { SESSION_LOG_EXTENSION } from '../../../shared/contracts/sessionLog';
import { COPY_UPLOAD_DETAIL, type ImportOutcome, type MissingDataset } from '../../../shared/contracts/sessionImport';
import { MissingDatasetList } from '../share/MissingDatasetList';
import { useFocusOnClose } from '../common/useFocusOnClose';
import { CopyIdButton } from '../status/CopyIdButton';
import { importNotice } from './importNotice';
import { uploadSessionLog } from './sessionUpload';

interface Props {
  readonly api: SextantApi;
  /** The imported (or already imported) session: the window shows its tab and says what happened. */
  onImported(outcome: ImportOutcome, notice: string): void;
}

/** What "Import as a copy" does, said beside it (and its description) rather than only in a tooltip. */
const AS_COPY_WHY = 'The file’s session can come in as a new session; the one here stays as it is.';

type Report = { readonly kind: 'failed'; readonly error: AppError } | { readonly kind: 'missing'; readonly title: string; readonly datasets: readonly MissingDataset[] };

/**
 * "Import session…" beside the session tabs (docs/share.md): a browser picks the file with a file
 * input and uploads it; the desktop app's main shows its own open dialog. A refusal, or datasets the
 * session read that this machine lacks (each to locate: MissingDatasetList), are said in a small
 * report: a refusal until the person clicks elsewhere or closes it, datasets to locate until closed.
 * A refusal because the file's session has another history here offers "Import as a copy": main
 * kept the file (its upload id is in the refusal) and brings it in as a new session when asked.
 */
export function ImportSessionButton({ api, onImported }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | undefined>();
  // What "Copy id" did: said inside the report, which has no other place to say it.
  const [copied, setCopied] = useState<string | undefined>();
  const closeRef = useRef<HTMLButtonElement>(null);
  const region = useRef<HTMLElement>(null);
  const asCopyWhy = useId();
  /** The report goes, with what its "Copy id" said. */
  const forget = () => {
    setReport(undefined);
    setCopied(undefined);
  };
  useEffect(() => {
    if (report) closeRef.current?.focus();
  }, [report]);
  // A refusal is said and done: a click anywhere else puts it away, as a popover goes, instead of it
  // covering the editor through whatever the person does next. Datasets to locate stay until closed.
  useEffect(() => {
    if (report?.kind !== 'failed') return;
    const elsewhere = (e: PointerEvent) => {
      if (region.current?.contains(e.target as Node) || button.current?.contains(e.target as Node)) return;
      forget();
    };
    document.addEventListener('pointerdown', elsewhere);
    return () => document.removeEventListener('pointerdown', elsewhere);
  }, [report]);
  // Disabling the focused button while busy drops focus on the page: it comes back when the import
  // ends, unless the report took it.
  const hadFocus = useRef(false);
  const begin = (fromReport = false) => {
    // started from the report, whose button goes with it: the focus comes back to "Import session…"
    hadFocus.current = fromReport || document.activeElement === button.current;
    setBusy(true);
  };
  useEffect(() => {
    if (busy || !hadFocus.current) return;
    hadFocus.current = false;
    if (document.activeElement === null || document.activeElement === document.body) button.current?.focus();
  }, [busy]);

  const finish = (result: Result<{ outcome?: ImportOutcome }>) => {
    setBusy(false);
    if (!result.ok) return setReport({ kind: 'failed', error: result.error });
    const outcome = result.value.outcome;
    if (!outcome) return; // the open dialog was dismissed
    onImported(outcome, importNotice(outcome));
    setReport(outcome.missingDatasets.length > 0 ? { kind: 'missing', title: outcome.title, datasets: outcome.missingDatasets } : undefined);
  };
  const start = () => {
    forget();
    if (window.sextant) {
      begin();
      void api.importSession({ kind: 'openDialog' }).then(finish);
    } else input.current?.click();
  };
  const picked = (file: File | undefined) => {
    if (!file) return;
    begin();
    void file
      .text()
      .then((text) => uploadSessionLog(api, text))
      .then(finish)
      .finally(() => {
        if (input.current) input.current.value = '';
      });
  };
  /** The refused file, as a new session: asked only once the person chose it. */
  const importAsCopy = (uploadId: string) => {
    begin(true);
    void api.importSession({ kind: 'upload', uploadId }, { asCopy: true }).then(finish);
  };
  const copyUploadId = report?.kind === 'failed' ? report.error.details?.[COPY_UPLOAD_DETAIL] : undefined;
  const focusOnClose = useFocusOnClose(report !== undefined, button);
  const close = () => {
    focusOnClose();
    forget();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="import-session">
      <button ref={button} className="import-session-button" onClick={start} disabled={busy} aria-label="Import session…" title="Import a session from its event log">
        <FileUp aria-hidden="true" />
        <span className="topbar-label">Import session…</span>
      </button>
      <input ref={input} type="file" hidden accept={`${SESSION_LOG_EXTENSION},.ndjson,.jsonl,application/x-ndjson`} aria-label="Session log file" onChange={(e) => picked(e.target.files?.[0])} />
      {report && (
        <section ref={region} className="import-report" role="region" aria-label="Session import" onKeyDown={onKeyDown}>
          <header>
            {/* the title isolated (<bdi>): a right-to-left override in it cannot turn the app's words around */}
            <span>
              {report.kind === 'failed' ? (
                'The session was not imported'
              ) : (
                <>
                  Imported “<bdi>{report.title}</bdi>”: some datasets it read are not here
                </>
              )}
            </span>
            <button ref={closeRef} className="icon-button" aria-label="Close import report" onClick={close}>
              <X aria-hidden="true" />
            </button>
          </header>
          {report.kind === 'failed' ? (
            <>
              <p role="alert">
                {report.error.message} <span className="error-id">(error id {report.error.id})</span> <CopyIdButton id={report.error.id} onNotice={setCopied} />
              </p>
              {/* the way on, apart from the refusal: inside the alert it was read out as part of it, and wrapped in with the error id */}
              {typeof copyUploadId === 'string' && (
                <div className="import-report-actions">
                  <span id={asCopyWhy} className="muted">
                    {AS_COPY_WHY}
                  </span>
                  <button className="import-as-copy" onClick={() => importAsCopy(copyUploadId)} disabled={busy} aria-describedby={asCopyWhy}>
                    <CopyPlus aria-hidden="true" />
                    Import as a copy
                  </button>
                </div>
              )}
            </>
          ) : (
            <MissingDatasetList api={api} datasets={report.datasets} onNotice={setCopied} />
          )}
          <div className="muted" aria-live="polite">
            {copied}
          </div>
        </section>
      )}
    </div>
  );
}
