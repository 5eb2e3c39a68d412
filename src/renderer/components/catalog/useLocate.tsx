import { useState, type ReactNode } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { MissingDataset } from '../../../shared/contracts/sessionImport';
import type { DatasetView } from '../../../shared/views/appView';
import { LocateDatasetDialog } from '../share/LocateDatasetDialog';

interface Locate {
  /** "Locate…": the desktop's open dialog, or in a browser the dialog to type the path. */
  start(dataset: DatasetView): void;
  /** The browser's dialog while it is open. */
  readonly dialog: ReactNode;
  /** A refused Locate from the desktop's dialog, by dataset id (the browser's dialog keeps its own). */
  readonly failed: Readonly<Record<string, AppError>>;
}

/**
 * The catalog's "Locate…" for a dataset whose file is not on this machine: the same flow as the
 * import report's (share/MissingDatasetList.tsx), so it is there after that report is closed.
 */
export function useLocate(api: SextantApi | undefined, onLocated: (name: string, path: string) => void): Locate {
  const [typing, setTyping] = useState<MissingDataset | undefined>();
  const [failed, setFailed] = useState<Readonly<Record<string, AppError>>>({});
  const done = (datasetId: string, name: string, path: string) => {
    setFailed(({ [datasetId]: _gone, ...rest }) => rest);
    setTyping(undefined);
    onLocated(name, path);
  };
  const start = (d: DatasetView) => {
    if (!api) return;
    const name = d.name ?? d.source;
    if (!window.sextant) return setTyping({ datasetId: d.id, name, source: d.source, reason: 'not-found' });
    void api.locateDataset(d.id, { kind: 'openDialog' }).then((result) => {
      if (!result.ok) return setFailed((f) => ({ ...f, [d.id]: result.error }));
      if (result.value.located) done(d.id, name, result.value.located.source);
    });
  };
  const dialog = typing && api && (
    <LocateDatasetDialog api={api} dataset={typing} onLocated={(where) => done(typing.datasetId, typing.name, where.source)} onClose={() => setTyping(undefined)} />
  );
  return { start, dialog, failed };
}
