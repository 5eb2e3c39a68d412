import { FolderSearch } from 'lucide-react';
import { useState } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { ApiResponse, SextantApi } from '../../../shared/contracts/protocol';
import type { MissingDataset } from '../../../shared/contracts/sessionImport';
import { CopyIdButton } from '../status/CopyIdButton';
import { LocateDatasetDialog } from './LocateDatasetDialog';

type Located = NonNullable<ApiResponse<'locateDataset'>['located']>;

/** Why a dataset was left out, as its row says. */
const missingWhy: Readonly<Record<MissingDataset['reason'], string>> = {
  'not-found': 'not found on this machine',
  'name-taken': 'another dataset here has this name',
  'name-reserved': 'its name is not one a dataset can have here',
};

/**
 * The datasets an imported session read that are not here (docs/share.md, "Session import"). One
 * not found on this machine offers "Locate…": the desktop app's open dialog, or in a browser a small
 * dialog to type the path; main registers the file under the dataset's name if its content is the
 * one recorded. A located one says where it now is.
 */
export function MissingDatasetList({ api, datasets, onNotice }: { api: SextantApi; datasets: readonly MissingDataset[]; onNotice(message: string): void }) {
  const [located, setLocated] = useState<Readonly<Record<string, Located>>>({});
  const [failed, setFailed] = useState<Readonly<Record<string, AppError>>>({});
  const [typing, setTyping] = useState<MissingDataset | undefined>();
  const [busy, setBusy] = useState<string | undefined>();

  const done = (datasetId: string, where: Located) => {
    setLocated((l) => ({ ...l, [datasetId]: where }));
    setFailed(({ [datasetId]: _gone, ...rest }) => rest);
    setTyping(undefined);
  };
  const locate = (d: MissingDataset) => {
    if (!window.sextant) return setTyping(d);
    setBusy(d.datasetId);
    void api.locateDataset(d.datasetId, { kind: 'openDialog' }).then((result) => {
      setBusy(undefined);
      if (!result.ok) return setFailed((f) => ({ ...f, [d.datasetId]: result.error }));
      if (result.value.located) done(d.datasetId, result.value.located);
    });
  };

  return (
    <>
      <ul aria-label="Missing datasets">
        {datasets.map((d) => {
          const here = located[d.datasetId];
          const error = failed[d.datasetId];
          return (
            <li key={d.datasetId}>
              <strong>{d.name}</strong> <span className="source">{d.source}</span>{' '}
              {here ? (
                <span className="located">
                  located at {here.source}
                </span>
              ) : (
                <span className="why">{missingWhy[d.reason]}</span>
              )}
              {d.reason === 'not-found' && !here && (
                <button type="button" className="locate-button" aria-label={`Locate ${d.name}…`} disabled={busy === d.datasetId} onClick={() => locate(d)}>
                  <FolderSearch aria-hidden="true" />
                  Locate…
                </button>
              )}
              {error && (
                <p role="alert">
                  {error.message} <span className="error-id">(error id {error.id})</span> <CopyIdButton id={error.id} onNotice={onNotice} />
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {typing && <LocateDatasetDialog api={api} dataset={typing} onLocated={(where) => done(typing.datasetId, where)} onClose={() => setTyping(undefined)} />}
    </>
  );
}
