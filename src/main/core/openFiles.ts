import { realpath } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ClientCommand, CommandAck } from '../../shared/contracts/commands';
import type { Result } from '../../shared/contracts/errors';
import { SESSION_LOG_EXTENSION } from '../../shared/contracts/sessionLog';
import type { ImportOutcome } from '../../shared/contracts/sessionImport';
import { baseName, isUrl } from '../../shared/domain/datasetName';
import { datasetRelation } from '../../shared/domain/datasetRelation';
import { normalSource, sameSource } from '../../shared/domain/datasetSource';
import type { AppView, DatasetView } from '../../shared/views/appView';
import { shownSource } from '../catalog/sourceChecks';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { isReady, readsSource } from '../../shared/domain/datasetLifecycle';

/** What opening files needs of the core. */
export interface OpenFilesHost {
  dispatch(command: ClientCommand, issuedBy?: 'user' | 'system'): Promise<Result<CommandAck>>;
  view(): AppView;
  /** Resolves once every dataset registration started so far has finished. */
  catalogIdle(): Promise<void>;
  /** Imports an exported session log from a file (share/sessionImport.ts). */
  importLog(path: string): Promise<Result<{ outcome?: ImportOutcome }>>;
}

/** What became of one file given on the command line (or handed over by the OS). */
export type OpenedFile =
  | { readonly kind: 'opened'; readonly source: string; readonly datasetId: string; readonly sessionId: string }
  /** An exported session log, imported (or found imported before) and open as a session. */
  | { readonly kind: 'imported'; readonly source: string; readonly sessionId: string; readonly alreadyImported: boolean }
  /** `source` as messages and log lines name it: a URL without its userinfo, query or fragment. */
  | { readonly kind: 'failed'; readonly source: string; readonly message: string; readonly errorId?: string };

const failed = (source: string, message: string, errorId?: string): OpenedFile => ({ kind: 'failed', source: shownSource(source), message, ...(errorId ? { errorId } : {}) });

/** A file argument as a catalog source: a URL as it is, a path made absolute against the folder it was typed in. */
export const sourceOf = (arg: string, cwd: string): string => (isUrl(arg) || isAbsolute(arg) ? arg : resolve(cwd, arg));

/** An exported session log (by its extension), which opens as an import rather than as a dataset. */
const isSessionLog = (source: string): boolean => !isUrl(source) && source.toLowerCase().endsWith(SESSION_LOG_EXTENSION);

/** A dataset already in the catalog for this source, unless it failed (adding it again retries). */
// by the catalog's own comparison (datasetSource.ts), so a source stored before sources were normalised is found too
const known = (view: AppView, source: string): DatasetView | undefined =>
  Object.values(view.datasets).find((d) => sameSource(d.source, source) && readsSource(d.status));

/** The query a file opens with: all of its rows (the grid pages them), or its first table's for a database file. */
export function firstQuery(dataset: DatasetView): string | undefined {
  const from = datasetRelation(dataset, quoteIdent);
  return from === undefined ? undefined : `select * from ${from}`;
}

/**
 * Opens files as `tad file.csv` or `vd file.csv` do: each is added to the catalog (or found there by
 * its path), and a session named after it opens with a first query showing its rows. It goes
 * through the same commands as a person's clicks, so it is recorded and replayed like them. A file
 * the catalog cannot read gets no session: the catalog shows why, with its error id. An exported
 * session log is imported instead, as "Import session…" would. A file given more than once (by
 * other spellings of its path, or through a link) opens once, with one outcome.
 */
export async function openFiles(host: OpenFilesHost, paths: readonly string[]): Promise<OpenedFile[]> {
  const wanted: { source: string; datasetId?: string; failure?: OpenedFile; log?: true }[] = [];
  // one file given twice (`x.csv ./x.csv /d//x.csv`, or through a link) opens once: it gave three tabs of one dataset
  const given = new Set<string>();
  for (const path of paths) {
    const source = isUrl(path) ? path : resolve(path);
    const real = isUrl(source) ? source : await realpath(source).catch(() => source);
    if (given.has(normalSource(real))) continue;
    given.add(normalSource(real));
    if (isSessionLog(source)) {
      wanted.push({ source, log: true });
      continue;
    }
    // through a link too: `flights.parquet` linked to the catalog's own file is that file
    const existing = known(host.view(), source) ?? known(host.view(), real);
    if (existing) {
      wanted.push({ source, datasetId: existing.id });
      continue;
    }
    const added = await host.dispatch({ type: 'AddDataset', source });
    wanted.push(added.ok ? { source, datasetId: added.value.aggregateId } : { source, failure: failed(source, added.error.message, added.error.id) });
  }
  await host.catalogIdle();

  const outcomes: OpenedFile[] = [];
  for (const { source, datasetId, failure, log } of wanted) {
    if (log) {
      outcomes.push(await importLog(host, source));
      continue;
    }
    if (failure || datasetId === undefined) {
      outcomes.push(failure ?? failed(source, 'not added'));
      continue;
    }
    const dataset = host.view().datasets[datasetId];
    const sql = isReady(dataset?.status) ? firstQuery(dataset) : undefined;
    if (!dataset || sql === undefined) {
      const error = dataset?.error;
      outcomes.push(failed(source, error?.message ?? 'The file could not be read.', error?.id));
      continue;
    }
    const opened = await host.dispatch({ type: 'OpenSession', title: (baseName(source) || dataset.name || source).slice(0, 200) });
    if (!opened.ok) {
      outcomes.push(failed(source, opened.error.message, opened.error.id));
      continue;
    }
    const sessionId = opened.value.aggregateId;
    for (const command of [
      { type: 'AttachDataset', sessionId, datasetId },
      { type: 'SaveDraft', sessionId, sql },
      { type: 'StartQuery', sessionId, sql },
    ] satisfies ClientCommand[]) {
      const r = await host.dispatch(command);
      if (!r.ok) break;
    }
    outcomes.push({ kind: 'opened', source, datasetId, sessionId });
  }
  return outcomes;
}

async function importLog(host: OpenFilesHost, source: string): Promise<OpenedFile> {
  const imported = await host.importLog(source);
  if (!imported.ok) return failed(source, imported.error.message, imported.error.id);
  const outcome = imported.value.outcome;
  if (!outcome) return failed(source, 'The session log was not imported.');
  return { kind: 'imported', source, sessionId: outcome.sessionId, alreadyImported: outcome.alreadyImported };
}
