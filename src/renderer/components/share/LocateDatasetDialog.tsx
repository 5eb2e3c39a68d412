import { FolderSearch } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { ApiResponse, SextantApi } from '../../../shared/contracts/protocol';
import type { MissingDataset } from '../../../shared/contracts/sessionImport';
import { ModalDialog } from '../common/ModalDialog';
import { CopyIdButton } from '../status/CopyIdButton';

type Located = NonNullable<ApiResponse<'locateDataset'>['located']>;

/**
 * "Locate “name”" in a browser, which has no open dialog that gives a path: the person types where
 * the dataset's file is on this machine, and main checks it against the recorded fingerprint. A
 * modal dialog (common/ModalDialog); a refusal stays in it, with its error id.
 */
export function LocateDatasetDialog({ api, dataset, onLocated, onClose }: { api: SextantApi; dataset: MissingDataset; onLocated: (located: Located) => void; onClose: () => void }) {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | undefined>();
  // said in the dialog: the page behind a modal dialog is out of reach, its notices too
  const [copied, setCopied] = useState<string | undefined>();
  const root = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const pathId = useId();
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setCopied(undefined);
    const result = await api.locateDataset(dataset.datasetId, { kind: 'path', path: path.trim() });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    if (result.value.located) onLocated(result.value.located);
  };

  return (
    <ModalDialog
      title={<>Locate “{dataset.name}”</>}
      className="locate-dialog"
      rootRef={root}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      footer={
        <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
          <FolderSearch aria-hidden="true" />
          Locate
        </button>
      }
    >
      <p className="muted">
        The session read it from <span className="source">{dataset.source}</span>. Sextant checks that the file here has the same content.
      </p>
      <label htmlFor={pathId}>Path of the file on this machine</label>
      <input id={pathId} ref={input} type="text" value={path} readOnly={busy} spellCheck={false} placeholder={`/data/${dataset.name}…`} onChange={(e) => setPath(e.target.value)} />
      {busy && <p aria-live="polite">Checking the file…</p>}
      {error && (
        <p className="locate-error" role="alert">
          {error.message} <span className="error-id">(error id {error.id})</span> <CopyIdButton id={error.id} onNotice={setCopied} />
        </p>
      )}
      {copied && <p aria-live="polite">{copied}</p>}
    </ModalDialog>
  );
}
